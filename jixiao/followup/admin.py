"""Read-only admin views: follow-ups and rectification items change only through services."""

from django.contrib import admin

from jixiao.followup.models import FollowupDecision, RectificationItem


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FollowupDecision)
class FollowupDecisionAdmin(ReadOnlyAdmin):
    list_display = ("project", "grade", "proposed_action", "status", "action", "adjustment")
    list_filter = ("status", "grade")


@admin.register(RectificationItem)
class RectificationItemAdmin(ReadOnlyAdmin):
    list_display = ("project", "owner", "deadline", "status", "closed_on_time")
    list_filter = ("status",)
