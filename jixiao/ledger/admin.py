from django.contrib import admin

from jixiao.ledger.models import Evidence, LedgerEntry, MajorDecision


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Read-only: entries are recorded and reversed through the ledger services only."""

    list_display = ["project", "date", "purpose", "amount", "funding_kind", "reverses"]
    list_filter = ["funding_kind"]
    search_fields = ["purpose", "project__code"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: decisions and evidence are written through the ledger services only."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(MajorDecision)
class MajorDecisionAdmin(ReadOnlyAdmin):
    list_display = ["project", "date", "meeting"]
    search_fields = ["meeting", "matter", "project__code"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["project", "original_name", "content_type", "size", "uploaded_at"]
    search_fields = ["original_name", "project__code"]
    exclude = ["file"]  # never linked: files are served by the download view, with access checks
