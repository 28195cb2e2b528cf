from django.contrib import admin

from jixiao.ledger.models import LedgerEntry


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
