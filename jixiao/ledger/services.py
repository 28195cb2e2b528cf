"""Writes of the expenditure ledger, 三重一大 decisions and evidence files.

Ledger entries are never edited or deleted: a wrong entry is reversed. `actor=None` is the
system (demo loading); a person must be a 经办人 of the project's unit.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from jixiao.audit.services import audit_record
from jixiao.goals.models import Indicator
from jixiao.ledger.filetypes import FileRefused, detect
from jixiao.ledger.models import Evidence, LedgerEntry, MajorDecision
from jixiao.projects.models import FundingKind, Project
from jixiao.projects.selectors import user_is_unit_staff
from jixiao.projects.services import project_totals_refresh
from jixiao.rules import round_money
from jixiao.rules.ledger_checks import date_in_fiscal_year


def _require_unit_staff(actor, project: Project) -> None:
    """The system (actor None) or a 经办人 of the project's unit; anyone else is refused."""
    if actor is not None and not user_is_unit_staff(actor, project):
        raise PermissionDenied("只有本单位经办人可以记录资金使用、三重一大决策和佐证材料。")


def _require_in_year(date: datetime.date, project: Project, field: str) -> None:
    if not date_in_fiscal_year(date, project.year):
        # PRODUCT.md §4: the fiscal year is the calendar year.
        raise ValidationError(
            {field: f"日期 {date:%Y-%m-%d} 不在项目年度 {project.year} 年内，请核对。"}
        )


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
    """Record one expenditure (元) dated within the project's year and refresh the project's
    executed total. Raises PermissionDenied for anyone but the unit's staff and
    ValidationError for a date outside the year, an amount ≤ 0 or an empty purpose."""
    _require_unit_staff(actor, project)
    amount = round_money(amount)
    if amount <= 0:
        raise ValidationError({"amount": "金额必须大于 0；更正错误记录请使用冲销。"})
    if not purpose.strip():
        raise ValidationError({"purpose": "请填写资金用途。"})
    _require_in_year(date, project, "date")
    entry = LedgerEntry.objects.create(
        project=project,
        date=date,
        purpose=purpose.strip()[:300],
        amount=amount,
        funding_kind=funding_kind,
        voucher=voucher.strip()[:60],
        note=note.strip()[:300],
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
    """Reverse `entry` by a new entry of the opposite amount; the original stays as it was.

    Raises PermissionDenied for anyone but the unit's staff and ValidationError without a
    reason, for a reversal and for an entry already reversed.
    """
    _require_unit_staff(actor, entry.project)
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


@transaction.atomic
def major_decision_record(
    *,
    project: Project,
    date: datetime.date,
    meeting: str,
    attendees: str,
    matter: str,
    decision: str,
    entries: Iterable[LedgerEntry] = (),
    minutes=None,
    actor=None,
) -> MajorDecision:
    """Record a 三重一大 collective decision linked to the ledger entries it authorises, with
    its minutes (会议纪要) stored as evidence when given. Raises PermissionDenied for anyone but
    the unit's staff and ValidationError for empty fields, a date outside the project's year,
    entries of another project or a refused minutes file (then nothing is stored)."""
    _require_unit_staff(actor, project)
    texts = {"meeting": meeting, "attendees": attendees, "matter": matter, "decision": decision}
    labels = {"meeting": "会议名称", "attendees": "参会人员", "matter": "决策事项"}
    labels["decision"] = "决策结果"
    missing = {
        field: f"请填写{labels[field]}。" for field, text in texts.items() if not text.strip()
    }
    if missing:
        raise ValidationError(missing)
    _require_in_year(date, project, "date")
    entries = list(entries)
    if any(entry.project_id != project.pk for entry in entries):
        raise ValidationError({"entries": "只能关联本项目的支出记录。"})
    record = MajorDecision.objects.create(
        project=project,
        date=date,
        meeting=meeting.strip()[:200],
        attendees=attendees.strip(),
        matter=matter.strip(),
        decision=decision.strip(),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    record.entries.set(entries)
    audit_record(
        actor=actor,
        action="ledger.major_decision",
        obj=record,
        project_id=project.pk,
        summary=f"记录三重一大决策 {meeting[:60]}，关联支出 {len(entries)} 笔",
        changes={
            "matter": (None, record.matter),
            "decision": (None, record.decision),
            "entries": (None, ",".join(str(entry.pk) for entry in entries)),
        },
    )
    if minutes is not None:
        evidence_upload(project=project, upload=minutes, decision=record, actor=actor)
    return record


def _read_upload(upload) -> bytes:
    """The bytes of an uploaded file, refused beyond settings.UPLOAD_MAX_BYTES."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError({"file": f"文件大小 {upload.size} 字节，超过上限 {_mb(limit)}。"})
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError({"file": f"文件超过上限 {_mb(limit)}。"})
    return content


def _mb(size: int) -> str:
    return f"{size} 字节（约 {size // 1024} KB）"


@transaction.atomic
def evidence_upload(
    *,
    project: Project,
    upload,
    actor=None,
    indicator: Indicator | None = None,
    decision: MajorDecision | None = None,
    description: str = "",
) -> Evidence:
    """Store an evidence file (佐证材料) of `project`, optionally of one of its indicators or
    decisions, under a random name in MEDIA_ROOT; record its type as detected from the content,
    its size and SHA-256.

    Raises PermissionDenied for anyone but the unit's staff and ValidationError (field
    "file") for an empty or oversized file, a type not allowed by content (the message names
    the detected type), or an indicator or decision of another project.
    """
    _require_unit_staff(actor, project)
    if indicator is not None and indicator.goal.project_id != project.pk:
        raise ValidationError({"indicator": "只能关联本项目的绩效指标。"})
    if decision is not None and decision.project_id != project.pk:
        raise ValidationError({"decision": "只能关联本项目的三重一大决策。"})
    content = _read_upload(upload)
    try:
        detected = detect(content)
    except FileRefused as error:
        raise ValidationError({"file": str(error)}) from None
    original_name = (getattr(upload, "name", "") or "未命名").replace("\\", "/").split("/")[-1]
    stored_name = default_storage.save(
        f"evidence/{project.pk}/{uuid.uuid4().hex}.{detected.extension}", ContentFile(content)
    )
    try:
        evidence = Evidence.objects.create(
            project=project,
            indicator=indicator,
            decision=decision,
            file=stored_name,
            original_name=original_name[:255],
            content_type=detected.content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            description=description.strip()[:300],
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )
        audit_record(
            actor=actor,
            action="ledger.evidence_upload",
            obj=evidence,
            project_id=project.pk,
            summary=f"上传佐证材料 {original_name[:80]}（{detected.label}，{len(content)} 字节）",
            changes={"sha256": (None, evidence.sha256)},
        )
    except BaseException:
        default_storage.delete(stored_name)
        raise
    return evidence
