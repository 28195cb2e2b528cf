"""The one transition table shared by goals, adjustments, monitoring reports and
self-evaluations.

Approval chain (PRODUCT.md §2): unit staff submit → the unit head approves → the supervising
department reviews, where the unit has one → the finance bureau reviews. The bureau's review of
a goal carries a result 优/良/中/差 whose consequence is `jixiao.rules.review` (财预〔2015〕88号,
rules.md §5.2). Documented in docs/workflow.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.workflow.states import Action, Status


class Actor(StrEnum):
    """Who takes a move, relative to the unit that owns the object."""

    UNIT_STAFF = "unit_staff"  # 经办人 of the unit itself
    UNIT_HEAD = "unit_head"  # 单位负责人 of the unit itself
    DEPARTMENT_REVIEWER = "department_reviewer"  # 主管部门审核人 of the unit's parent department
    BUREAU_REVIEWER = "bureau_reviewer"  # 财政局审核人 of the bureau above the unit
    # Whoever reviews after the head: the department where the unit has one, else the bureau.
    NEXT_REVIEWER = "next_reviewer"


ACTOR_LABELS = {
    Actor.UNIT_STAFF: "本单位经办人",
    Actor.UNIT_HEAD: "本单位负责人",
    Actor.DEPARTMENT_REVIEWER: "主管部门审核人",
    Actor.BUREAU_REVIEWER: "财政局审核人",
    Actor.NEXT_REVIEWER: "主管部门或财政局审核人",
}


@dataclass(frozen=True)
class Transition:
    """One allowed move.

    `to_status` None: decided by the review result (`jixiao.rules.review.review_outcome`).
    `with_department`: True only for units under a supervising department, False only for
    units directly under the bureau, None for both.
    """

    to_status: Status | None
    actor: Actor
    with_department: bool | None = None
    needs_reason: bool = False


ALLOWED_TRANSITIONS: dict[tuple[Status, Action], Transition] = {
    (Status.DRAFT, Action.SUBMIT): Transition(Status.SUBMITTED, Actor.UNIT_STAFF),
    (Status.RETURNED, Action.SUBMIT): Transition(Status.SUBMITTED, Actor.UNIT_STAFF),
    (Status.SUBMITTED, Action.APPROVE_UNIT): Transition(Status.HEAD_APPROVED, Actor.UNIT_HEAD),
    (Status.SUBMITTED, Action.RETURN): Transition(
        Status.RETURNED, Actor.UNIT_HEAD, needs_reason=True
    ),
    (Status.HEAD_APPROVED, Action.APPROVE_DEPARTMENT): Transition(
        Status.DEPARTMENT_APPROVED, Actor.DEPARTMENT_REVIEWER, with_department=True
    ),
    (Status.HEAD_APPROVED, Action.RETURN): Transition(
        Status.RETURNED, Actor.NEXT_REVIEWER, needs_reason=True
    ),
    (Status.HEAD_APPROVED, Action.REVIEW): Transition(
        None, Actor.BUREAU_REVIEWER, with_department=False
    ),
    (Status.DEPARTMENT_APPROVED, Action.RETURN): Transition(
        Status.RETURNED, Actor.BUREAU_REVIEWER, needs_reason=True
    ),
    (Status.DEPARTMENT_APPROVED, Action.REVIEW): Transition(None, Actor.BUREAU_REVIEWER),
}


def transition_for(status: str, action: str, *, has_department: bool) -> Transition | None:
    """The allowed move from `status` by `action` for a unit with or without a supervising
    department, or None when the table has no such move."""
    try:
        transition = ALLOWED_TRANSITIONS.get((Status(status), Action(action)))
    except ValueError:
        return None
    if transition is None:
        return None
    if transition.with_department is not None and transition.with_department != has_department:
        return None
    return transition


def actor_resolved(actor: Actor, *, has_department: bool) -> Actor:
    """NEXT_REVIEWER made concrete for the unit; other actors unchanged."""
    if actor == Actor.NEXT_REVIEWER:
        return Actor.DEPARTMENT_REVIEWER if has_department else Actor.BUREAU_REVIEWER
    return actor
