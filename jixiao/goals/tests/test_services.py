"""Goal edit services: every edit, and every refusal proving nothing changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jixiao.audit.models import AuditEvent
from jixiao.goals.models import Comparator, Goal, Indicator
from jixiao.goals.services import (
    GOAL_LOCKED,
    GOAL_STALE,
    IndicatorSpec,
    goal_start,
    goal_submit_check,
    goal_update,
    indicator_add,
    indicator_move,
    indicator_remove,
    indicator_update,
)
from jixiao.goals.tests.conftest import spec
from jixiao.projects.models import Project
from jixiao.workflow.states import Status

pytestmark = pytest.mark.django_db


def snapshot(goal: Goal) -> tuple:
    """Everything an edit could change: goal row, indicator rows, audit count."""
    goal = Goal.objects.get(pk=goal.pk)
    rows = list(
        Indicator.objects.filter(goal=goal)
        .order_by("position")
        .values_list("position", "name", "target", "weight", "standard")
    )
    return (goal.status, goal.version, goal.annual_goal, rows, AuditEvent.objects.count())


def names(goal: Goal) -> list[str]:
    return list(goal.indicators.order_by("position").values_list("name", flat=True))


def test_it_adds_an_indicator_at_the_end_bumps_the_version_and_audits_it(draft_goal, staff):
    indicator = indicator_add(
        goal=draft_goal,
        spec=spec(
            "人均培训成本",
            "产出指标",
            "成本指标",
            "0",
            comparator=Comparator.LE,
            target=Decimal("800"),
            measure_unit="元/人",
        ),
        actor=staff,
        expected_version=1,
    )
    draft_goal.refresh_from_db()
    assert indicator.position == 5
    assert draft_goal.version == 2
    event = AuditEvent.objects.filter(action="indicator.add").latest("id")
    assert event.object_id == str(indicator.pk)
    assert event.project_id == draft_goal.project_id
    assert event.actor == staff
    assert event.changes["name"] == [None, "人均培训成本"]
    assert event.changes["target"] == [None, "800"]
    assert event.changes["comparator"] == [None, "≤"]
    assert event.changes["weight"] == [None, "0"]


def test_it_updates_only_the_changed_fields_and_records_old_and_new(draft_goal, staff):
    indicator = draft_goal.indicators.get(position=1)
    indicator_update(
        indicator=indicator,
        spec=spec("培训人次", "产出指标", "数量指标", "25", target=Decimal("600")),
        actor=staff,
        expected_version=1,
    )
    indicator.refresh_from_db()
    draft_goal.refresh_from_db()
    assert (indicator.target, indicator.weight) == (Decimal("600.0000"), Decimal("25.00"))
    assert draft_goal.version == 2
    event = AuditEvent.objects.filter(action="indicator.update").latest("id")
    assert event.changes == {"target": ["100", "600"], "weight": ["30", "25"]}


def test_it_changes_nothing_when_the_same_values_are_saved(draft_goal, staff):
    before = snapshot(draft_goal)
    indicator_update(
        indicator=draft_goal.indicators.get(position=1),
        spec=spec("培训人次", "产出指标", "数量指标", "30.00"),
        actor=staff,
        expected_version=1,
    )
    assert snapshot(draft_goal) == before


def test_it_moves_an_indicator_up_and_down(draft_goal, staff):
    second = draft_goal.indicators.get(position=2)
    indicator_move(indicator=second, direction="up", actor=staff, expected_version=1)
    assert names(draft_goal) == ["培训合格率", "培训人次", "岗位胜任率", "参训人员满意度"]
    indicator_move(indicator=second, direction="down", actor=staff, expected_version=2)
    indicator_move(indicator=second, direction="down", actor=staff, expected_version=3)
    assert names(draft_goal) == ["培训人次", "岗位胜任率", "培训合格率", "参训人员满意度"]
    event = AuditEvent.objects.filter(action="indicator.move").latest("id")
    assert event.changes == {"position": ["2", "3"]}
    assert Goal.objects.get(pk=draft_goal.pk).version == 4


def test_it_refuses_to_move_the_first_indicator_up(draft_goal, staff):
    before = snapshot(draft_goal)
    with pytest.raises(ValidationError) as refused:
        indicator_move(
            indicator=draft_goal.indicators.get(position=1),
            direction="up",
            actor=staff,
            expected_version=1,
        )
    assert refused.value.messages == ["“培训人次”已在第一位，无法移动。"]
    assert snapshot(draft_goal) == before


def test_it_removes_an_indicator_and_closes_the_gap(draft_goal, staff):
    removed = draft_goal.indicators.get(position=2)
    indicator_remove(indicator=removed, actor=staff, expected_version=1)
    assert list(draft_goal.indicators.order_by("position").values_list("position", "name")) == [
        (1, "培训人次"),
        (2, "岗位胜任率"),
        (3, "参训人员满意度"),
    ]
    event = AuditEvent.objects.filter(action="indicator.remove").latest("id")
    assert event.object_id == str(removed.pk)
    assert event.changes["name"] == ["培训合格率", None]
    assert event.changes["weight"] == ["20", None]
    assert Goal.objects.get(pk=draft_goal.pk).version == 2


def test_it_updates_the_annual_goal(draft_goal, staff):
    goal_update(
        goal=draft_goal, annual_goal="  全年培训党员 600 人次。 ", actor=staff, expected_version=1
    )
    draft_goal.refresh_from_db()
    assert (draft_goal.annual_goal, draft_goal.version) == ("全年培训党员 600 人次。", 2)
    event = AuditEvent.objects.filter(action="goal.update").latest("id")
    assert event.changes == {"annual_goal": ["完成年度党员教育培训。", "全年培训党员 600 人次。"]}


def test_it_lets_an_editor_edit_a_returned_goal(draft_goal, staff):
    Goal.objects.filter(pk=draft_goal.pk).update(status=Status.RETURNED)
    goal_update(goal=draft_goal, annual_goal="修改后", actor=staff, expected_version=1)
    assert Goal.objects.get(pk=draft_goal.pk).annual_goal == "修改后"


EDITS = {
    "annual": lambda goal, actor, version: goal_update(
        goal=goal, annual_goal="新的目标", actor=actor, expected_version=version
    ),
    "add": lambda goal, actor, version: indicator_add(
        goal=goal,
        spec=spec("新指标", "产出指标", "时效指标", "0"),
        actor=actor,
        expected_version=version,
    ),
    "update": lambda goal, actor, version: indicator_update(
        indicator=goal.indicators.get(position=1),
        spec=spec("改名", "产出指标", "数量指标", "30"),
        actor=actor,
        expected_version=version,
    ),
    "move": lambda goal, actor, version: indicator_move(
        indicator=goal.indicators.get(position=2),
        direction="up",
        actor=actor,
        expected_version=version,
    ),
    "remove": lambda goal, actor, version: indicator_remove(
        indicator=goal.indicators.get(position=1), actor=actor, expected_version=version
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_it_refuses_a_stale_version_and_changes_nothing(draft_goal, staff, edit):
    Goal.objects.filter(pk=draft_goal.pk).update(version=2)  # someone else saved meanwhile
    before = snapshot(draft_goal)
    with pytest.raises(ValidationError) as refused:
        EDITS[edit](draft_goal, staff, 1)
    assert refused.value.messages == [GOAL_STALE]
    assert snapshot(draft_goal) == before


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.HEAD_APPROVED, Status.ACCEPTED, Status.REJECTED]
)
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_it_refuses_any_edit_once_the_goal_is_sent_out(draft_goal, staff, edit, status):
    Goal.objects.filter(pk=draft_goal.pk).update(status=status)
    before = snapshot(draft_goal)
    with pytest.raises(ValidationError) as refused:
        EDITS[edit](draft_goal, staff, 1)
    assert refused.value.messages == [GOAL_LOCKED]
    assert snapshot(draft_goal) == before


@pytest.mark.parametrize("username", ["head", "other", "reviewer", "supervisor", "admin"])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_it_refuses_anyone_but_the_units_staff(draft_goal, edit, username, django_user_model):
    actor = django_user_model.objects.get(username=username)
    before = snapshot(draft_goal)
    with pytest.raises(PermissionDenied):
        EDITS[edit](draft_goal, actor, 1)
    assert snapshot(draft_goal) == before


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"name": "  "}, {"name": ["请填写三级指标名称。"]}),
        (
            {"level2": "社会效益指标"},
            {"level2": ["产出指标的二级指标应为数量指标、质量指标、时效指标、成本指标之一。"]},
        ),
        ({"level1": "成本指标"}, {"level1": ["一级指标应为产出指标、效益指标、满意度指标之一。"]}),
        ({"weight": Decimal("100.5")}, {"weight": ["分值应在 0 到 100 之间。"]}),
        ({"weight": Decimal("-1")}, {"weight": ["分值应在 0 到 100 之间。"]}),
        ({"weight": Decimal("1.005")}, {"weight": ["分值最多保留两位小数。"]}),
        ({"target": Decimal("1.00001")}, {"target": ["指标值最多保留四位小数。"]}),
        ({"comparator": "约"}, {"comparator": ["比较符应为 ≥ > = ≤ < 或 定性。"]}),
        (
            {"target": None},
            {"target": ["定量指标必须填写数值指标值；确实无法量化的，请将比较符改为“定性”。"]},
        ),
    ],
)
def test_it_refuses_invalid_values_and_changes_nothing(draft_goal, staff, overrides, errors):
    values = {**spec("新指标", "产出指标", "数量指标", "0").__dict__, **overrides}
    before = snapshot(draft_goal)
    with pytest.raises(ValidationError) as refused:
        indicator_add(
            goal=draft_goal, spec=IndicatorSpec(**values), actor=staff, expected_version=1
        )
    assert refused.value.message_dict == errors
    assert snapshot(draft_goal) == before


def test_it_keeps_only_the_text_target_of_a_qualitative_indicator(draft_goal, staff):
    indicator = indicator_add(
        goal=draft_goal,
        spec=spec(
            "长效机制建立",
            "效益指标",
            "可持续影响指标",
            "0",
            comparator=Comparator.QUALITATIVE,
            target=Decimal("5"),
            target_text=" 制度印发并执行 ",
        ),
        actor=staff,
        expected_version=1,
    )
    assert (indicator.target, indicator.target_text) == (None, "制度印发并执行")


def test_it_starts_an_empty_draft_goal_once(staff):
    from jixiao.projects.services import project_create

    project = project_create(
        unit=staff.organisation, year=2025, code="440111-2025-0901", name="新项目", actor=staff
    )
    goal = goal_start(project=project, actor=staff)
    assert (goal.status, goal.annual_goal, goal.indicators.count()) == (Status.DRAFT, "", 0)
    assert goal_start(project=project, actor=staff) == goal
    assert Goal.objects.filter(project=project).count() == 1


def test_it_refuses_to_start_a_goal_for_another_units_user(staff, other):
    from jixiao.projects.services import project_create

    project = project_create(
        unit=staff.organisation, year=2025, code="440111-2025-0902", name="新项目", actor=staff
    )
    with pytest.raises(PermissionDenied):
        goal_start(project=project, actor=other)
    assert not Goal.objects.filter(project=project).exists()
    assert Project.objects.filter(code="440111-2025-0902").exists()


def test_it_lets_a_sound_goal_be_submitted(draft_goal):
    assert goal_submit_check(draft_goal) is None


def test_it_blocks_submission_with_the_error_findings(draft_goal, staff):
    indicator_update(
        indicator=draft_goal.indicators.get(position=1),
        spec=spec("培训人次", "产出指标", "数量指标", "25"),
        actor=staff,
        expected_version=1,
    )
    # A goal imported or stored before the editor's checks can lack a target.
    Indicator.objects.filter(goal=draft_goal, position=1).update(target=None)
    with pytest.raises(ValidationError) as refused:
        goal_submit_check(draft_goal)
    assert refused.value.messages == [
        "产出指标：产出指标的分值合计为 45.00，应为 50.00：请调整该一级指标下各三级指标的分值。",
        "全部指标：预算执行率分值 10.00 与各指标分值合计 85.00 之和为 95.00，应为 100.00："
        "请调整各指标分值，使总分为 100 分。",
        "培训人次：定量指标“培训人次”（≥）没有数值指标值：请填写具体数值和计量单位，"
        "如“≥ 500 人次”；确实无法量化的，请将计算符号改为“定性”并写明分级标准。",
    ]


def test_it_blocks_submission_of_a_goal_without_indicators(staff):
    from jixiao.projects.services import project_create

    project = project_create(
        unit=staff.organisation, year=2025, code="440111-2025-0903", name="新项目", actor=staff
    )
    goal = goal_start(project=project, actor=staff)
    with pytest.raises(ValidationError) as refused:
        goal_submit_check(goal)
    assert refused.value.messages[0] == "尚未设置绩效指标，请先添加指标。"


def test_it_lets_the_seed_goal_pass_the_submission_check(seed_goal):
    # The seed's findings are warnings (vague, shared method, cost): they do not block.
    assert goal_submit_check(seed_goal) is None
