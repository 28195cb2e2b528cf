"""Django admin: report templates and export jobs, for looking up, not for editing.

Uploading a template goes through the 报告模板 page (/reports/templates/), whose service checks
the file and every placeholder before the template is used; the admin therefore neither adds
nor edits templates. Export jobs are written by the task queue only.
"""

from __future__ import annotations

from django.contrib import admin

from jixiao.reports.models import ExportJob, ReportTemplate


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "template",
        "original_filename",
        "size",
        "is_active",
        "uploaded_by",
        "uploaded_at",
    )
    list_filter = ("kind", "template", "is_active")
    exclude = ("content",)
    readonly_fields = (
        "kind",
        "template",
        "original_filename",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
        "is_active",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("pk", "year", "requested_by", "scope", "status", "done", "total", "created_at")
    list_filter = ("status", "year")
    readonly_fields = [field.name for field in ExportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
