"""Target adjustments of accepted goals: request, refusals, approval through the workflow,
and the history that keeps both values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jixiao.audit.models import AuditEvent
from jixiao.goals.models import AdjustableField, Goal, GoalAdjustment, Indicator
from jixiao.goals.services import (
    goal_adjustment_apply,
    goal_adjustment_request,
    goal_adjustment_submit_check,
)
from jixiao.goals.tests.conftest import draft_project
from jixiao.workflow.states import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted_goal(staff) -> Goal:
    return draft_project(staff, status=Status.ACCEPTED)


def counts() -> tuple[int, int]:
    return GoalAdjustment.objects.count(), AuditEvent.objects.count()


def request(goal: Goal, actor, *, field="target", new_value="120", reason="上级追加培训任务"):
    return goal_adjustment_request(
        indicator=goal.indicators.get(position=1),
        field=field,
        new_value=new_value,
        reason=reason,
        actor=actor,
    )


def test_it_records_a_draft_request_with_both_values(accepted_goal, staff):
    adjustment = request(accepted_goal, staff, new_value="1,200")
    assert (
        adjustment.status,
        adjustment.field,
        adjustment.old_value,
        adjustment.new_value,
        adjustment.reason,
        adjustment.requested_by,
    ) == (Status.DRAFT, "target", "100", "1200", "上级追加培训任务", staff)
    event = AuditEvent.objects.filter(action="goal_adjustment.request").latest("id")
    assert (event.changes, event.reason) == ({"target": ["100", "1200"]}, "上级追加培训任务")
    # The indicator keeps its value until the request is accepted.
    assert accepted_goal.indicators.get(position=1).target == Decimal("100.0000")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.SUBMITTED])
def test_it_refuses_a_request_on_a_goal_that_is_not_accepted(staff, status):
    goal = draft_project(staff, status=status)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        request(goal, staff)
    assert refused.value.messages == [
        "只有已批复的绩效目标才能申请调整；草稿或退回的目标请直接修改。"
    ]
    assert counts() == before


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"reason": "  "}, {"reason": ["请填写调整理由。"]}),
        ({"new_value": "一百二"}, {"new_value": ["指标值必须是数字。"]}),
        ({"new_value": "100.0"}, {"new_value": ["调整后的值与原值相同。"]}),
        (
            {"field": "weight", "new_value": "120"},
            {"new_value": ["分值应在 0 到 100 之间，最多两位小数。"]},
        ),
        (
            {"field": "comparator", "new_value": "约"},
            {"new_value": ["比较符应为 ≥ > = ≤ < 或 定性。"]},
        ),
        (
            {"field": "name"},
            {"field": ["调整内容应为指标值、定性指标值、分值、比较符或计量单位。"]},
        ),
    ],
)
def test_it_refuses_an_invalid_request_and_changes_nothing(accepted_goal, staff, values, errors):
    before = counts()
    with pytest.raises(ValidationError) as refused:
        request(accepted_goal, staff, **values)
    assert refused.value.message_dict == errors
    assert counts() == before


def test_it_refuses_a_second_open_request_for_the_same_value(accepted_goal, staff):
    request(accepted_goal, staff)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        request(accepted_goal, staff, new_value="130")
    assert refused.value.message_dict == {
        "field": ["该指标的这一项已有未办结的调整申请，请等待审核结果。"]
    }
    assert counts() == before


@pytest.mark.parametrize("username", ["head", "other", "reviewer"])
def test_it_refuses_a_request_from_anyone_but_the_units_staff(
    accepted_goal, username, django_user_model
):
    before = counts()
    with pytest.raises(PermissionDenied):
        request(accepted_goal, django_user_model.objects.get(username=username))
    assert counts() == before


def test_it_applies_an_accepted_adjustment_and_keeps_both_values(accepted_goal, staff):
    adjustment = request(accepted_goal, staff, field="weight", new_value="25")
    goal_adjustment_apply(adjustment, actor=staff)
    indicator = Indicator.objects.get(pk=adjustment.indicator_id)
    assert indicator.weight == Decimal("25.00")
    assert Goal.objects.get(pk=accepted_goal.pk).version == 2
    event = AuditEvent.objects.filter(action="indicator.adjust").latest("id")
    assert (event.object_id, event.changes, event.reason) == (
        str(indicator.pk),
        {"weight": ["30", "25"]},
        "上级追加培训任务",
    )
    adjustment.refresh_from_db()
    assert adjustment.applied_at is not None


def test_it_refuses_to_submit_or_apply_when_the_value_moved_on(accepted_goal, staff):
    adjustment = request(accepted_goal, staff)
    Indicator.objects.filter(pk=adjustment.indicator_id).update(target=Decimal("150"))
    with pytest.raises(ValidationError) as refused:
        goal_adjustment_submit_check(adjustment)
    assert refused.value.messages == ["“培训人次”的指标值已从“100”变为“150”，请重新提出调整申请。"]
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        goal_adjustment_apply(adjustment, actor=staff)
    assert Indicator.objects.get(pk=adjustment.indicator_id).target == Decimal("150.0000")
    assert AuditEvent.objects.count() == before


def test_it_goes_through_the_approval_chain_and_changes_the_target(
    seed_goal, staff, head, reviewer
):
    from jixiao.workflow.services import transition_apply

    indicator = seed_goal.indicators.get(position=1)
    adjustment = goal_adjustment_request(
        indicator=indicator,
        field=AdjustableField.TARGET,
        new_value="95",
        reason="部分党组织年内撤并，覆盖率目标调整为95%",
        actor=staff,
    )
    transition_apply(obj=adjustment, action="submit", actor=staff, expected_version=1)
    indicator.refresh_from_db()
    assert indicator.target == Decimal("100.0000")  # not before acceptance
    transition_apply(obj=adjustment, action="approve_unit", actor=head, expected_version=2)
    transition_apply(obj=adjustment, action="review", actor=reviewer, expected_version=3)
    adjustment.refresh_from_db()
    indicator.refresh_from_db()
    assert (adjustment.status, indicator.target) == (Status.ACCEPTED, Decimal("95.0000"))
    event = AuditEvent.objects.filter(action="indicator.adjust").latest("id")
    assert event.changes == {"target": ["100", "95"]}
    assert event.actor == reviewer
