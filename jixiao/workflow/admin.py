from django.contrib import admin

from jixiao.workflow.models import Decision


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Decisions are append-only: the admin only reads them."""

    list_display = ["created_at", "actor", "kind", "object_id", "action", "to_status", "result"]
    list_filter = ["kind", "action", "to_status", "result"]
    readonly_fields = [f.name for f in Decision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
