"""Reads of the expenditure ledger, 三重一大 decisions and evidence files."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.http import Http404

from jixiao.ledger.models import Evidence, LedgerEntry, MajorDecision
from jixiao.projects.models import Project
from jixiao.rules.ledger_checks import major_decision_threshold, needs_major_decision


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


@dataclass(frozen=True)
class LedgerRow:
    """One line of the ledger page: the entry, its 序号, its reversal state and whether it
    lacks the 三重一大 decision its amount requires."""

    number: int
    entry: LedgerEntry
    reversal: LedgerEntry | None
    decisions: tuple[MajorDecision, ...]
    needs_decision: bool

    @property
    def is_reversal(self) -> bool:
        return self.entry.reverses_id is not None

    @property
    def can_be_reversed(self) -> bool:
        return self.reversal is None and not self.is_reversal


def project_major_decision_threshold(project: Project) -> Decimal:
    """The 三重一大 amount (元) of the project's unit, or the default (rules.ledger_checks)."""
    return major_decision_threshold(project.unit.major_decision_threshold)


def ledger_rows(project: Project) -> list[LedgerRow]:
    """Every entry of `project` in date order with its reversal, its decisions and the
    三重一大 flag. Two queries (entries with their reversals, then decisions)."""
    threshold = project_major_decision_threshold(project)
    entries = list(
        LedgerEntry.objects.filter(project=project)
        .select_related("reversed_by")
        .prefetch_related("major_decisions")
        .order_by("date", "id")
    )
    rows = []
    for number, entry in enumerate(entries, start=1):
        reversal = getattr(entry, "reversed_by", None)
        decisions = tuple(entry.major_decisions.all())
        rows.append(
            LedgerRow(
                number=number,
                entry=entry,
                reversal=reversal,
                decisions=decisions,
                needs_decision=needs_major_decision(
                    entry.amount,
                    threshold=threshold,
                    is_reversed=reversal is not None or entry.reverses_id is not None,
                    has_decision=bool(decisions),
                ),
            )
        )
    return rows


def ledger_entries_missing_decision(project: Project) -> list[LedgerEntry]:
    """The standing entries at or above the unit's 三重一大 amount with no linked decision."""
    return [row.entry for row in ledger_rows(project) if row.needs_decision]


def ledger_entry_get(project: Project, *, entry_id: int) -> LedgerEntry:
    """An entry of `project`; Http404 for an entry that is missing or of another project."""
    try:
        return LedgerEntry.objects.select_related("project").get(project=project, pk=entry_id)
    except LedgerEntry.DoesNotExist:
        raise Http404("支出记录不存在") from None


def major_decision_list(project: Project) -> list[MajorDecision]:
    """The 三重一大 decisions of `project` with their entries and minutes, in date order."""
    return list(
        MajorDecision.objects.filter(project=project)
        .prefetch_related("entries", "evidence")
        .order_by("date", "id")
    )


def evidence_list(project: Project) -> list[Evidence]:
    """The evidence files of `project` with their indicator and decision, oldest first."""
    return list(
        Evidence.objects.filter(project=project)
        .select_related("indicator", "decision", "uploaded_by")
        .order_by("uploaded_at", "id")
    )


def evidence_get(project: Project, *, evidence_id: int) -> Evidence:
    """An evidence file of `project`; Http404 when missing or of another project."""
    try:
        return Evidence.objects.get(project=project, pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404("佐证材料不存在") from None


def evidence_count_by_indicator(project: Project) -> dict[int, int]:
    """How many evidence files each indicator of `project` has (indicator id → count). One
    query."""
    rows = (
        Evidence.objects.filter(project=project, indicator__isnull=False)
        .values("indicator_id")
        .annotate(count=Count("id"))
    )
    return {row["indicator_id"]: row["count"] for row in rows}
