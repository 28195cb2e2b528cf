"""Writes of result application: propose and confirm follow-ups, issue and close rectification
items. Each runs in a transaction and writes its audit event."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jixiao.audit.services import audit_record
from jixiao.evaluation.models import SelfEvaluation
from jixiao.followup.models import (
    OPEN_RECTIFICATION_STATUSES,
    DecisionStatus,
    FollowupAction,
    FollowupDecision,
    RectificationItem,
    RectificationStatus,
)
from jixiao.followup.selectors import (
    followup_table,
    rectification_counts,
    user_is_bureau_reviewer_of,
    user_is_owner_staff,
)
from jixiao.ledger.services import evidence_upload
from jixiao.projects.models import Project
from jixiao.rules.followup import (
    followup_recommendation,
    next_year_amount,
    rectification_closed_on_time,
    rectification_state,
    rectified_flag,
)
from jixiao.workflow.states import Status

BUREAU_ONLY = "只有该单位所属财政局的审核人可以办理结果应用和整改事项。"


def _require_bureau(actor, project: Project) -> None:
    if actor is None or not user_is_bureau_reviewer_of(actor, project):
        raise PermissionDenied(BUREAU_ONLY)


@transaction.atomic
def followup_propose(*, evaluation: SelfEvaluation, actor) -> FollowupDecision:
    """Propose the follow-up of an accepted self-evaluation from the result-application table
    (grade × project category × rectification state), or refresh a proposal not yet confirmed.

    Raises PermissionDenied for anyone but the bureau reviewer of the unit, ValidationError when
    the evaluation is not accepted, has no grade, or its follow-up is already confirmed.
    """
    evaluation = (
        SelfEvaluation.objects.select_for_update()
        .select_related("project__unit")
        .get(pk=evaluation.pk)
    )
    project = evaluation.project
    _require_bureau(actor, project)
    if evaluation.status != Status.ACCEPTED:
        raise ValidationError("自评尚未审核通过，不能生成结果应用建议。")
    if not evaluation.grade:
        raise ValidationError("自评没有评价等级，不能生成结果应用建议。")
    existing = FollowupDecision.objects.select_for_update().filter(evaluation=evaluation).first()
    if existing is not None and existing.is_confirmed:
        raise ValidationError("结果应用已由财政局确认，不能重新生成建议。")
    counts = rectification_counts(project)
    rectified = rectified_flag(
        rectification_state(total=counts.total, closed=counts.closed, overdue=counts.overdue)
    )
    table = followup_table()
    recommendation = followup_recommendation(evaluation.grade, project.category, rectified, table)
    values = {
        "project": project,
        "grade": evaluation.grade,
        "total": evaluation.total,
        "category": project.category,
        "rectified": rectified,
        "table_code": recommendation.table_code,
        "table_version": recommendation.table_version,
        "base_amount": project.budget_full_year,
        "proposed_action": recommendation.action.value,
        "proposed_label": recommendation.label,
        "proposed_adjustment": recommendation.adjustment_percent,
        "proposed_reason": recommendation.reason,
    }
    old = {name: getattr(existing, name) for name in values} if existing else {}
    decision, _ = FollowupDecision.objects.update_or_create(evaluation=evaluation, defaults=values)
    audit_record(
        actor=actor,
        action="followup.propose",
        obj=decision,
        project_id=project.pk,
        summary=f"生成结果应用建议：{recommendation.label}",
        changes={
            name: (old.get(name), value)
            for name, value in values.items()
            if name != "project" and old.get(name) != value
        },
        reason=recommendation.reason,
    )
    return decision


def followup_on_evaluation_accepted(evaluation: SelfEvaluation, *, actor) -> None:
    """Workflow hook (`on_accepted` of the self_evaluation kind): propose the follow-up as soon
    as the bureau accepts a self-evaluation. Does nothing when a decision exists already or the
    evaluation carries no grade (the bureau can still press 生成建议 later): the acceptance itself
    must never fail because of its follow-up."""
    if not evaluation.grade or FollowupDecision.objects.filter(evaluation=evaluation).exists():
        return
    followup_propose(evaluation=evaluation, actor=actor)


@transaction.atomic
def followup_confirm(
    *,
    decision: FollowupDecision,
    action: str,
    adjustment: Decimal,
    reason: str,
    actor,
) -> FollowupDecision:
    """The bureau confirms the follow-up, or changes it with a reason, and fixes the
    adjustment percentage; the next-year amount is this year's 全年预算数 adjusted.

    A reason is required when the action differs from the proposal, or when the proposal named
    a percentage and `adjustment` differs from it. Raises PermissionDenied / ValidationError
    (with the field named) and changes nothing otherwise.
    """
    decision = (
        FollowupDecision.objects.select_for_update()
        .select_related("project__unit")
        .get(pk=decision.pk)
    )
    _require_bureau(actor, decision.project)
    if decision.is_confirmed:
        raise ValidationError("结果应用已确认，不能再次确认。")
    if action not in FollowupAction.values:
        raise ValidationError({"action": "请选择处理方式。"})
    if adjustment is None:
        raise ValidationError({"adjustment": "请填写下年预算调整比例（%），不调整填 0。"})
    reason = reason.strip()
    changed = action != decision.proposed_action or (
        decision.proposed_adjustment is not None and adjustment != decision.proposed_adjustment
    )
    if changed and not reason:
        raise ValidationError({"reason": "确认的处理方式或调整比例与系统建议不同，请填写理由。"})
    try:
        amount = next_year_amount(decision.base_amount, adjustment)
    except ValueError as error:
        raise ValidationError({"adjustment": str(error)}) from None
    old = (decision.status, decision.action, decision.adjustment, decision.next_year_amount)
    decision.status = DecisionStatus.CONFIRMED
    decision.action = action
    decision.adjustment = adjustment
    decision.next_year_amount = amount
    decision.confirm_reason = reason
    decision.confirmed_by = actor
    decision.confirmed_at = timezone.now()
    decision.save()
    audit_record(
        actor=actor,
        action="followup.confirm",
        obj=decision,
        project_id=decision.project_id,
        summary=f"确认结果应用：{decision.get_action_display()}，调整 {adjustment}%",
        changes={
            "status": (old[0], decision.status),
            "action": (old[1], action),
            "adjustment": (old[2], adjustment),
            "next_year_amount": (old[3], amount),
        },
        reason=reason or "与系统建议一致",
    )
    return decision


@transaction.atomic
def rectification_issue(
    *,
    project: Project,
    finding: str,
    measure: str,
    deadline: datetime.date,
    actor,
    today: datetime.date | None = None,
) -> RectificationItem:
    """The bureau issues a rectification item to the project's unit. Finding and measure are
    required; the deadline may not lie in the past."""
    _require_bureau(actor, project)
    today = today or timezone.localdate()
    errors = {}
    if not finding.strip():
        errors["finding"] = "请填写发现的问题。"
    if not measure.strip():
        errors["measure"] = "请填写整改要求。"
    if deadline is None:
        errors["deadline"] = "请填写整改期限。"
    elif deadline < today:
        errors["deadline"] = f"整改期限 {deadline.isoformat()} 早于今天，请重新选择。"
    if errors:
        raise ValidationError(errors)
    item = RectificationItem.objects.create(
        project=project,
        owner=project.unit,
        finding=finding.strip(),
        measure=measure.strip(),
        deadline=deadline,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="followup.rectification.issue",
        obj=item,
        project_id=project.pk,
        summary=f"下达整改事项：{item.finding[:60]}",
        changes={"status": (None, item.status), "deadline": (None, deadline)},
    )
    return item


def _locked(item: RectificationItem) -> RectificationItem:
    return (
        RectificationItem.objects.select_for_update()
        .select_related("project__unit")
        .get(pk=item.pk)
    )


@transaction.atomic
def rectification_answer(
    *, item: RectificationItem, answer: str, actor, upload=None
) -> RectificationItem:
    """The owner unit's 经办人 reports its measures (and optionally an evidence file, stored
    through the ledger's evidence service). Only open or reopened items can be answered."""
    item = _locked(item)
    if not user_is_owner_staff(actor, item):
        raise PermissionDenied("只有责任单位的经办人可以报送整改情况。")
    if item.status not in OPEN_RECTIFICATION_STATUSES:
        raise ValidationError(f"该整改事项{item.get_status_display()}，不能再报送。")
    if not answer.strip():
        raise ValidationError({"answer": "请填写整改措施及成效。"})
    old_status = item.status
    if upload is not None:
        item.evidence = evidence_upload(
            project=item.project,
            upload=upload,
            actor=actor,
            description=f"整改佐证：{item.finding[:60]}",
        )
    item.answer = answer.strip()
    item.answered_on = timezone.localdate()
    item.answered_by = actor
    item.status = RectificationStatus.ANSWERED
    item.save()
    audit_record(
        actor=actor,
        action="followup.rectification.answer",
        obj=item,
        project_id=item.project_id,
        summary="报送整改情况",
        changes={"status": (old_status, item.status), "answer": ("", item.answer)},
    )
    return item


@transaction.atomic
def rectification_accept(*, item: RectificationItem, note: str, actor) -> RectificationItem:
    """The bureau accepts the unit's answer: the item is closed, on time when the answer was
    given by the deadline."""
    item = _locked(item)
    _require_bureau(actor, item.project)
    if item.status != RectificationStatus.ANSWERED:
        raise ValidationError(f"该整改事项{item.get_status_display()}，不能确认办结。")
    item.status = RectificationStatus.ACCEPTED
    item.closed_at = timezone.now()
    item.closed_on_time = rectification_closed_on_time(item.deadline, item.answered_on)
    item.review_note = note.strip()
    item.save()
    audit_record(
        actor=actor,
        action="followup.rectification.accept",
        obj=item,
        project_id=item.project_id,
        summary="确认整改办结" + ("（按期）" if item.closed_on_time else "（逾期）"),
        changes={
            "status": (RectificationStatus.ANSWERED, item.status),
            "closed_on_time": (None, item.closed_on_time),
        },
        reason=item.review_note,
    )
    return item


@transaction.atomic
def rectification_reopen(*, item: RectificationItem, note: str, actor) -> RectificationItem:
    """The bureau sends the answer back: the unit rectifies again. A reason is required."""
    item = _locked(item)
    _require_bureau(actor, item.project)
    if item.status != RectificationStatus.ANSWERED:
        raise ValidationError(f"该整改事项{item.get_status_display()}，不能退回。")
    if not note.strip():
        raise ValidationError({"note": "退回重新整改须填写理由。"})
    item.status = RectificationStatus.REOPENED
    item.review_note = note.strip()
    item.save()
    audit_record(
        actor=actor,
        action="followup.rectification.reopen",
        obj=item,
        project_id=item.project_id,
        summary="退回重新整改",
        changes={"status": (RectificationStatus.ANSWERED, item.status)},
        reason=item.review_note,
    )
    return item
