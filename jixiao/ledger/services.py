"""Writes of the expenditure ledger: record and reverse. Entries are never edited."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from jixiao.audit.services import audit_record
from jixiao.ledger.models import LedgerEntry
from jixiao.projects.models import FundingKind, Project
from jixiao.projects.services import project_totals_refresh
from jixiao.rules import round_money


@transaction.atomic
def ledger_entry_record(
    *,
    project: Project,
    date: datetime.date,
    purpose: str,
    amount: Decimal,
    actor=None,
    funding_kind: FundingKind = FundingKind.CURRENT,
    voucher: str = "",
    note: str = "",
) -> LedgerEntry:
    """Record one expenditure (元) and refresh the project's executed total."""
    amount = round_money(amount)
    if amount <= 0:
        raise ValidationError({"amount": "金额必须大于 0；更正错误记录请使用冲销。"})
    if not purpose.strip():
        raise ValidationError({"purpose": "请填写资金用途。"})
    entry = LedgerEntry.objects.create(
        project=project,
        date=date,
        purpose=purpose.strip(),
        amount=amount,
        funding_kind=funding_kind,
        voucher=voucher,
        note=note,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    project_totals_refresh(project)
    audit_record(
        actor=actor,
        action="ledger.record",
        obj=entry,
        project_id=project.pk,
        summary=f"记录支出 {purpose[:60]} {amount} 元",
        changes={"amount": (None, amount)},
    )
    return entry


@transaction.atomic
def ledger_entry_reverse(*, entry: LedgerEntry, reason: str, actor=None) -> LedgerEntry:
    """Reverse `entry` by a new entry of the opposite amount; the original stays as it was."""
    if not reason.strip():
        raise ValidationError({"reason": "冲销必须说明理由。"})
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.reverses_id is not None:
        raise ValidationError("冲销记录本身不能再被冲销。")
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError("该记录已被冲销。")
    reversal = LedgerEntry.objects.create(
        project=entry.project,
        date=entry.date,
        purpose=f"冲销：{entry.purpose}"[:300],
        amount=-entry.amount,
        funding_kind=entry.funding_kind,
        voucher=entry.voucher,
        reverses=entry,
        note=reason.strip()[:300],
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    project_totals_refresh(entry.project)
    audit_record(
        actor=actor,
        action="ledger.reverse",
        obj=reversal,
        project_id=entry.project_id,
        summary=f"冲销支出 #{entry.pk} {entry.amount} 元",
        changes={"amount": (entry.amount, Decimal(0))},
        reason=reason,
    )
    return reversal
