"""Reads of the expenditure ledger."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.ledger.models import LedgerEntry
from jixiao.projects.models import Project


def ledger_entry_list(project: Project) -> QuerySet[LedgerEntry]:
    """Every entry of `project`, reversals included, in date order."""
    return LedgerEntry.objects.filter(project=project).order_by("date", "id")


def ledger_uses(project: Project) -> list[LedgerEntry]:
    """The spending that stands: entries neither reversed nor reversals, in date order.

    This is the fund-use table of the report (序号, 资金用途, 金额（元）).
    """
    return list(
        LedgerEntry.objects.filter(
            project=project, reverses__isnull=True, reversed_by__isnull=True
        ).order_by("date", "id")
    )
