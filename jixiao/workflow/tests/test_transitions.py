"""The one transition table, enforced by `transition_apply`: every allowed move, every other
move refused with nothing changed, the department step, 中 / 差, optimistic locking, hooks."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jixiao.audit.models import AuditEvent
from jixiao.evaluation.models import SelfEvaluation
from jixiao.workflow import services
from jixiao.workflow.kinds import WORKFLOW_KINDS
from jixiao.workflow.models import Decision
from jixiao.workflow.selectors import transition_available_actions
from jixiao.workflow.services import TransitionRefused, transition_apply
from jixiao.workflow.states import Action, Status
from jixiao.workflow.tests.conftest import plain_goal, school_evaluation, school_goal, state_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_submit_checks")]

STATUSES = [s.value for s in Status]
ACTIONS = [a.value for a in Action]

# Written out by hand from docs/workflow.md, independently of ALLOWED_TRANSITIONS.
SCHOOL_ALLOWED = {  # 示例区第一中学, under the department 示例区教育局
    ("draft", "submit", "other"): "submitted",
    ("returned", "submit", "other"): "submitted",
    ("submitted", "approve_unit", "school_head"): "head_approved",
    ("submitted", "return", "school_head"): "returned",
    ("head_approved", "approve_department", "supervisor"): "department_approved",
    ("head_approved", "return", "supervisor"): "returned",
    ("department_approved", "return", "reviewer"): "returned",
    ("department_approved", "review", "reviewer"): "accepted",  # result 优
}
SCHOOL_ACTORS = ["other", "school_head", "supervisor", "reviewer", "staff", "head"]
SCHOOL_ACTORS += ["health_supervisor", "admin"]

PLAIN_ALLOWED = {  # 示例区示例街道办事处, directly under the bureau
    ("draft", "submit", "plain_staff"): "submitted",
    ("returned", "submit", "plain_staff"): "submitted",
    ("submitted", "approve_unit", "plain_head"): "head_approved",
    ("submitted", "return", "plain_head"): "returned",
    ("head_approved", "return", "reviewer"): "returned",
    ("head_approved", "review", "reviewer"): "accepted",
    ("department_approved", "return", "reviewer"): "returned",
    ("department_approved", "review", "reviewer"): "accepted",
}
PLAIN_ACTORS = ["plain_staff", "plain_head", "supervisor", "reviewer", "other", "admin"]


def _apply(obj, action, actor):
    return transition_apply(
        obj=obj,
        action=action,
        actor=actor,
        reason="理由：测试" if action == "return" else "",
        result="优" if action == "review" else "",
    )


@pytest.mark.parametrize(("status", "action"), list(itertools.product(STATUSES, ACTIONS)))
def test_it_applies_exactly_the_table_for_a_unit_with_a_department(users, status, action):
    goal = school_goal(status)
    for actor in SCHOOL_ACTORS:
        with transaction.atomic():
            _check_move(goal, action, users[actor], SCHOOL_ALLOWED.get((status, action, actor)))
            transaction.set_rollback(True)
        goal.refresh_from_db()


@pytest.mark.parametrize(("status", "action"), list(itertools.product(STATUSES, ACTIONS)))
def test_it_applies_exactly_the_table_for_a_unit_under_the_bureau(users, status, action):
    goal = plain_goal(status)
    for actor in PLAIN_ACTORS:
        with transaction.atomic():
            _check_move(goal, action, users[actor], PLAIN_ALLOWED.get((status, action, actor)))
            transaction.set_rollback(True)
        goal.refresh_from_db()


def _check_move(goal, action, actor, expected):
    before = state_of(goal)
    if expected is None:
        with pytest.raises(TransitionRefused):
            _apply(goal, action, actor)
        assert state_of(goal) == before, actor.username
        return
    decision = _apply(goal, action, actor)
    goal.refresh_from_db()
    assert (goal.status, goal.version) == (expected, before.version + 1)
    assert (decision.from_status, decision.to_status, decision.action) == (
        before.status,
        expected,
        action,
    )
    assert (decision.kind, decision.object_id, decision.version) == (
        "goal",
        goal.pk,
        before.version,
    )
    assert decision.actor == actor
    assert Decision.objects.count() == before.decisions + 1
    assert AuditEvent.objects.count() == before.audit_events + 1


def test_it_names_the_status_and_the_action_when_the_table_has_no_such_move(users):
    goal = school_goal(Status.ACCEPTED)
    with pytest.raises(TransitionRefused) as refused:
        _apply(goal, "submit", users["other"])
    assert refused.value.messages == ["绩效目标当前状态为“已通过”，不能执行“报送”。"]


def test_it_names_who_may_act_when_the_role_is_wrong(users):
    goal = school_goal(Status.SUBMITTED)
    with pytest.raises(TransitionRefused) as refused:
        _apply(goal, "approve_unit", users["other"])
    assert refused.value.messages == [
        "您无权对示例第一中学的绩效目标执行“单位审核通过”：此操作由本单位负责人办理。"
    ]


def test_it_refuses_the_head_of_another_unit(users):
    goal = school_goal(Status.SUBMITTED)
    before = state_of(goal)
    with pytest.raises(TransitionRefused):
        _apply(goal, "approve_unit", users["head"])
    assert state_of(goal) == before


def test_it_has_the_department_step_only_for_units_with_a_department(users):
    school = school_goal(Status.HEAD_APPROVED)
    plain = plain_goal(Status.HEAD_APPROVED)
    assert transition_available_actions(school, users["supervisor"]) == [
        "approve_department",
        "return",
    ]
    assert transition_available_actions(school, users["reviewer"]) == []
    assert transition_available_actions(plain, users["supervisor"]) == []
    assert transition_available_actions(plain, users["reviewer"]) == ["return", "review"]
    with pytest.raises(TransitionRefused) as refused:
        _apply(school, "review", users["reviewer"])
    assert refused.value.messages == [
        "绩效目标当前状态为“待主管部门/财政审核”，不能执行“财政审核”。"
    ]


@pytest.mark.parametrize(
    ("result", "to_status"),
    [("优", "accepted"), ("良", "accepted"), ("中", "returned"), ("差", "rejected")],
)
def test_it_applies_the_consequence_of_the_goal_review_result(users, result, to_status):
    goal = school_goal(Status.DEPARTMENT_APPROVED)
    decision = transition_apply(
        obj=goal, action="review", actor=users["reviewer"], result=result, reason="审核意见"
    )
    goal.refresh_from_db()
    assert (goal.status, decision.result, decision.reason) == (to_status, result, "审核意见")
    event = AuditEvent.objects.filter(object_type="goals.goal", object_id=str(goal.pk)).first()
    assert event.changes == {
        "status": ["department_approved", to_status],
        "version": ["1", "2"],
        "review_result": ["", result],
    }
    assert event.action == "workflow.goal.review"
    assert event.reason == "审核意见"
    assert event.actor == users["reviewer"]


def test_it_lets_a_goal_returned_with_中_be_resubmitted(users):
    goal = school_goal(Status.DEPARTMENT_APPROVED)
    transition_apply(obj=goal, action="review", actor=users["reviewer"], result="中", reason="量化")
    transition_apply(obj=goal, action="submit", actor=users["other"])
    goal.refresh_from_db()
    assert (goal.status, goal.version) == ("submitted", 3)


def test_it_stops_a_goal_rejected_with_差(users):
    goal = school_goal(Status.DEPARTMENT_APPROVED)
    transition_apply(
        obj=goal, action="review", actor=users["reviewer"], result="差", reason="不合理"
    )
    for action, actor in [("submit", "other"), ("review", "reviewer"), ("return", "reviewer")]:
        assert transition_available_actions(goal, users[actor]) == []
        before = state_of(goal)
        with pytest.raises(TransitionRefused):
            _apply(goal, action, users[actor])
        assert state_of(goal) == before


@pytest.mark.parametrize(
    ("result", "reason", "message"),
    [
        ("", "", "请选择审核结果：优、良、中或差。"),
        ("甲", "", "审核结果“甲”无效：应为优、良、中或差。"),
        ("中", "", "请填写退回理由。"),
        ("差", "  ", "请填写不予通过理由。"),
    ],
)
def test_it_refuses_a_goal_review_without_a_valid_result_or_reason(users, result, reason, message):
    goal = school_goal(Status.DEPARTMENT_APPROVED)
    before = state_of(goal)
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(
            obj=goal, action="review", actor=users["reviewer"], result=result, reason=reason
        )
    assert refused.value.messages == [message]
    assert state_of(goal) == before


def test_it_refuses_a_return_without_a_reason(users):
    goal = school_goal(Status.SUBMITTED)
    before = state_of(goal)
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(obj=goal, action="return", actor=users["school_head"], reason=" \n")
    assert refused.value.messages == ["请填写退回理由。"]
    assert state_of(goal) == before


def test_it_accepts_a_self_evaluation_without_a_grade_and_refuses_one_with_a_grade(users):
    evaluation = school_evaluation(Status.DEPARTMENT_APPROVED)
    before = state_of(evaluation)
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(obj=evaluation, action="review", actor=users["reviewer"], result="优")
    assert refused.value.messages == ["此类事项审核不评定等级，不能填写审核结果“优”。"]
    assert state_of(evaluation) == before
    decision = transition_apply(obj=evaluation, action="review", actor=users["reviewer"])
    evaluation.refresh_from_db()
    assert (evaluation.status, decision.result) == ("accepted", "")


def test_it_refuses_an_unknown_action(users):
    goal = school_goal(Status.DRAFT)
    before = state_of(goal)
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(obj=goal, action="publish", actor=users["other"])
    assert refused.value.messages == ["未知的操作“publish”。"]
    assert state_of(goal) == before


def test_it_refuses_a_stale_version(users):
    goal = school_goal(Status.SUBMITTED)
    page_version = goal.version
    transition_apply(obj=goal, action="return", actor=users["school_head"], reason="补充指标")
    transition_apply(obj=goal, action="submit", actor=users["other"], expected_version=2)
    before = state_of(goal)
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(
            obj=goal,
            action="approve_unit",
            actor=users["school_head"],
            expected_version=page_version,
        )
    assert refused.value.messages == ["该记录已被他人修改，请刷新后重试。"]
    assert state_of(goal) == before


def test_it_sets_submitted_at_when_a_self_evaluation_is_submitted(users):
    evaluation = school_evaluation(Status.DRAFT)
    assert evaluation.submitted_at is None
    transition_apply(obj=evaluation, action="submit", actor=users["other"], expected_version=1)
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is not None
    assert (evaluation.status, evaluation.version) == ("submitted", 2)


def test_it_refuses_a_submission_the_kinds_check_blocks(users, monkeypatch):
    def check(obj):
        raise ValidationError(["指标权重合计 95，应为 90。", "指标“覆盖率”没有数值。"])

    monkeypatch.setattr(services, "hook_resolve", lambda dotted: check if dotted else None)
    goal = school_goal(Status.DRAFT)
    before = state_of(goal)
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(obj=goal, action="submit", actor=users["other"])
    assert refused.value.messages == [
        "绩效目标尚不能报送，请先修改以下问题：",
        "指标权重合计 95，应为 90。",
        "指标“覆盖率”没有数值。",
    ]
    assert state_of(goal) == before


def test_it_runs_the_on_accepted_hook_once_accepted_and_not_before(users, monkeypatch):
    calls = []

    def on_accepted(obj, *, actor):
        calls.append((obj.pk, obj.status, actor.username))

    kind = WORKFLOW_KINDS["self_evaluation"]
    monkeypatch.setitem(WORKFLOW_KINDS, "self_evaluation", replace(kind, on_accepted="t.hook"))
    monkeypatch.setattr(
        services, "hook_resolve", lambda dotted: on_accepted if dotted == "t.hook" else None
    )
    evaluation = school_evaluation(Status.HEAD_APPROVED)
    transition_apply(obj=evaluation, action="approve_department", actor=users["supervisor"])
    assert calls == []
    transition_apply(obj=evaluation, action="review", actor=users["reviewer"])
    assert calls == [(evaluation.pk, "accepted", "reviewer")]


def test_it_undoes_the_acceptance_when_the_on_accepted_hook_refuses(users, monkeypatch):
    def on_accepted(obj, *, actor):
        raise ValidationError("指标已被删除，调整无法生效。")

    kind = WORKFLOW_KINDS["self_evaluation"]
    monkeypatch.setitem(WORKFLOW_KINDS, "self_evaluation", replace(kind, on_accepted="t.hook"))
    monkeypatch.setattr(
        services, "hook_resolve", lambda dotted: on_accepted if dotted == "t.hook" else None
    )
    evaluation = school_evaluation(Status.DEPARTMENT_APPROVED)
    before = state_of(evaluation)
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(obj=evaluation, action="review", actor=users["reviewer"])
    assert refused.value.messages == ["绩效自评无法生效：", "指标已被删除，调整无法生效。"]
    assert state_of(evaluation) == before


def test_it_skips_a_hook_that_does_not_exist_yet():
    from jixiao.workflow.kinds import hook_resolve

    assert hook_resolve("jixiao.goals.services.no_such_function") is None
    assert hook_resolve("jixiao.no_such_module.function") is None
    assert hook_resolve(None) is None


def test_it_allows_one_decision_per_version_of_an_object(users):
    goal = school_goal(Status.SUBMITTED)
    decision = transition_apply(obj=goal, action="approve_unit", actor=users["school_head"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            kind="goal",
            object_id=goal.pk,
            version=decision.version,
            project=goal.project,
            action="return",
            from_status="submitted",
            to_status="returned",
            reason="并发",
            actor=users["school_head"],
        )


def test_it_records_the_whole_chain_for_a_self_evaluation(users):
    evaluation = school_evaluation(Status.DRAFT)
    steps = [
        ("submit", "other", "submitted"),
        ("approve_unit", "school_head", "head_approved"),
        ("approve_department", "supervisor", "department_approved"),
        ("review", "reviewer", "accepted"),
    ]
    for action, actor, _ in steps:
        transition_apply(obj=evaluation, action=action, actor=users[actor])
    decisions = Decision.objects.filter(kind="self_evaluation", object_id=evaluation.pk)
    assert [(d.action, d.actor.username, d.to_status) for d in decisions.order_by("id")] == steps
    assert SelfEvaluation.objects.get(pk=evaluation.pk).version == 5
