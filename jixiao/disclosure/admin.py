"""Read-only admin views: snapshots are immutable; publishing and withdrawing go through
services with their audit events."""

from django.contrib import admin

from jixiao.disclosure.models import Publication, PublishedSnapshot, WithheldItem


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("year", "scope", "published_by", "published_at")


@admin.register(WithheldItem)
class WithheldItemAdmin(ReadOnlyAdmin):
    list_display = ("project_code", "project_name", "reason", "publication")


@admin.register(PublishedSnapshot)
class PublishedSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("project_code", "version", "year", "unit_name", "published_at", "withdrawn_at")
    list_filter = ("year",)
    exclude = ("report_html",)
