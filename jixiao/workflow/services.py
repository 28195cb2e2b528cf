"""Moving goals, adjustments, monitoring reports and self-evaluations through the one
transition table (`jixiao.workflow.transitions.ALLOWED_TRANSITIONS`).

Public API for the other apps:

- `transition_apply(*, obj, action, actor, reason="", result="", expected_version=None)`
  → Decision, or raises `TransitionRefused` (a django ValidationError, Chinese messages) and
  changes nothing.
- `version_check(*, obj, expected_version)`: the optimistic-locking check for edit services
  (call it on the row you locked with select_for_update); raises `StaleVersion`.
- `editable_check(*, obj)`: raises `NotEditable` unless the object is draft or returned.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from jixiao.accounts.models import Organisation
from jixiao.audit.services import audit_record
from jixiao.rules.review import ReviewOutcome, review_outcome
from jixiao.workflow.access import actor_matches, unit_has_department
from jixiao.workflow.kinds import WorkflowKind, hook_resolve, kind_for_object
from jixiao.workflow.models import Decision
from jixiao.workflow.states import Action, Status, status_is_editable
from jixiao.workflow.transitions import ACTOR_LABELS, transition_for

STALE_MESSAGE = "该记录已被他人修改，请刷新后重试。"

_OUTCOME_STATUS = {
    ReviewOutcome.ACCEPT: Status.ACCEPTED,
    ReviewOutcome.RETURN: Status.RETURNED,
    ReviewOutcome.REJECT: Status.REJECTED,
}


class TransitionRefused(ValidationError):
    """A move the table, the actor's role or organisation, the version or a check refuses."""


class StaleVersion(TransitionRefused):
    """The object changed since the page was loaded (optimistic locking)."""

    def __init__(self) -> None:
        super().__init__(STALE_MESSAGE, code="stale")


class NotEditable(ValidationError):
    """The object has been sent out or approved and can no longer be edited."""


def version_check(*, obj: models.Model, expected_version: int | None) -> None:
    """Raise StaleVersion when `expected_version` is given and differs from `obj.version`.

    Call it on a row locked with select_for_update, inside the writing transaction.
    """
    if expected_version is not None and int(expected_version) != obj.version:
        raise StaleVersion()


def editable_check(*, obj: models.Model) -> None:
    """Raise NotEditable unless `obj` is a draft or was returned (nothing approved is edited)."""
    if not status_is_editable(obj.status):
        raise NotEditable(
            f"当前状态为“{Status(obj.status).label}”，不能修改；"
            "如需修改已通过的绩效目标，请提出调整申请。",
            code="not_editable",
        )


@transaction.atomic
def transition_apply(
    *,
    obj: models.Model,
    action: str,
    actor,
    reason: str = "",
    result: str = "",
    expected_version: int | None = None,
) -> Decision:
    """Take `action` on `obj` (a goal, adjustment, monitoring report or self-evaluation).

    Locks the row, checks the version (when `expected_version` is given), the move in the
    table, the actor's role and organisation, the reason (required to return or reject) and the
    review result (goals: 优/良/中/差 → accepted/accepted/returned/rejected, rules.md §5.2;
    other kinds: no result, accepted). On submit runs the kind's `before_submit` check. Then
    sets the status, increments `version`, sets `submitted_at` on submit where the model has
    it, writes the Decision and the audit event, and on acceptance runs `on_accepted`.

    Returns the Decision. Raises TransitionRefused (nothing changed) otherwise.
    """
    kind = kind_for_object(obj)
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    project = kind.project_of(locked)
    unit = Organisation.objects.select_related("parent").get(pk=project.unit_id)
    version_check(obj=locked, expected_version=expected_version)

    from_status = locked.status
    to_status, reason, result = _checked_move(
        kind=kind, obj=locked, unit=unit, action=action, actor=actor, reason=reason, result=result
    )
    if action == Action.SUBMIT:
        _run_before_submit(kind, locked)

    old_version = locked.version
    locked.status = to_status
    locked.version = old_version + 1
    fields = ["status", "version"]
    if action == Action.SUBMIT and _has_field(locked, "submitted_at"):
        locked.submitted_at = timezone.now()
        fields.append("submitted_at")
    locked.save(update_fields=fields)

    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                kind=kind.code,
                object_id=locked.pk,
                version=old_version,
                project=project,
                action=action,
                from_status=from_status,
                to_status=to_status,
                result=result,
                reason=reason,
                actor=actor,
            )
    except IntegrityError:  # another decision on this version won the race
        raise StaleVersion() from None

    changes = {"status": (from_status, to_status), "version": (old_version, locked.version)}
    if result:
        changes["review_result"] = ("", result)
    audit_record(
        actor=actor,
        action=f"workflow.{kind.code}.{action}",
        obj=locked,
        project_id=project.pk,
        summary=decision.summary,
        changes=changes,
        reason=reason,
    )
    if to_status == Status.ACCEPTED:
        hook = hook_resolve(kind.on_accepted)
        if hook is not None:
            try:
                hook(locked, actor=actor)
            except TransitionRefused:
                raise
            except ValidationError as error:  # the whole move is undone with it
                raise TransitionRefused(
                    [f"{kind.label}无法生效：", *error.messages], code="apply_failed"
                ) from None
    obj.status, obj.version = locked.status, locked.version
    return decision


def _checked_move(*, kind: WorkflowKind, obj, unit, action, actor, reason, result):
    """(to_status, reason, result) for the move, or TransitionRefused naming the problem."""
    status_label = Status(obj.status).label if obj.status in Status.values else obj.status
    if action not in Action.values:
        raise TransitionRefused(f"未知的操作“{action}”。", code="unknown_action")
    action_label = Action(action).label
    has_department = unit_has_department(unit)
    transition = transition_for(obj.status, action, has_department=has_department)
    if transition is None:
        raise TransitionRefused(
            f"{kind.label}当前状态为“{status_label}”，不能执行“{action_label}”。",
            code="not_allowed",
        )
    if not actor_matches(transition.actor, actor, unit):
        raise TransitionRefused(
            f"您无权对{unit.display_name}的{kind.label}执行“{action_label}”："
            f"此操作由{ACTOR_LABELS[transition.actor]}办理。",
            code="forbidden",
        )
    reason = (reason or "").strip()
    result = (result or "").strip()
    if action != Action.REVIEW:
        if result:
            raise TransitionRefused("只有财政审核时才能填写审核结果。", code="result_not_allowed")
        to_status = transition.to_status
    else:
        try:
            outcome = review_outcome(result, graded=kind.graded)
        except ValueError as error:
            raise TransitionRefused(str(error), code="bad_result") from None
        to_status = _OUTCOME_STATUS[outcome]
    if (transition.needs_reason or to_status in (Status.RETURNED, Status.REJECTED)) and not reason:
        raise TransitionRefused(
            f"请填写{'退回' if to_status == Status.RETURNED else '不予通过'}理由。",
            code="reason_required",
        )
    return to_status, reason, result


def _run_before_submit(kind: WorkflowKind, obj) -> None:
    check = hook_resolve(kind.before_submit)
    if check is None:
        return
    try:
        check(obj)
    except TransitionRefused:
        raise
    except ValidationError as error:
        raise TransitionRefused(
            [f"{kind.label}尚不能报送，请先修改以下问题：", *error.messages], code="check_failed"
        ) from None


def _has_field(obj: models.Model, name: str) -> bool:
    return any(field.name == name for field in obj._meta.concrete_fields)
