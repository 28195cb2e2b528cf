"""Entering a self-evaluation: start, actual values, narratives, locking and the submit check."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jixiao.audit.models import AuditEvent
from jixiao.evaluation.models import IndicatorActual, ScoreSnapshot, SelfEvaluation
from jixiao.evaluation.services import (
    ActualInput,
    self_evaluation_actuals_save,
    self_evaluation_narrative_save,
    self_evaluation_start,
    self_evaluation_submit_check,
)
from jixiao.goals.models import Indicator
from jixiao.workflow.states import Status

pytestmark = pytest.mark.django_db


def _indicators(project):
    return {i.name: i for i in Indicator.objects.filter(goal__project=project)}


def _snapshot(evaluation):
    evaluation.refresh_from_db()
    return (
        evaluation.status,
        evaluation.version,
        evaluation.total,
        sorted(
            IndicatorActual.objects.filter(evaluation=evaluation).values_list(
                "indicator_id", "actual", "band", "chosen_score", "deviation_note"
            )
        ),
        AuditEvent.objects.count(),
        ScoreSnapshot.objects.count(),
        evaluation.conclusion_text,
    )


def _all_met(project) -> dict[int, ActualInput]:
    """Every indicator met exactly (qualitative: 达成), no notes needed."""
    values = {}
    for indicator in _indicators(project).values():
        if indicator.comparator == "定性":
            values[indicator.pk] = ActualInput(band="达成年度指标")
        else:
            values[indicator.pk] = ActualInput(actual=indicator.target)
    return values


def test_it_saves_actual_values_audits_them_and_scores(draft, draft_staff):
    project = draft.project
    actuals = _all_met(project)
    satisfaction = _indicators(project)["服务对象满意度"]
    actuals[satisfaction.pk] = ActualInput(actual=Decimal("72"), deviation_note="宣传不足")
    version = draft.version
    evaluation = self_evaluation_actuals_save(
        evaluation=draft, version=version, actuals=actuals, actor=draft_staff
    )
    assert evaluation.version == version + 1
    stored = IndicatorActual.objects.get(evaluation=draft, indicator=satisfaction)
    assert (stored.actual, stored.deviation_note) == (Decimal("72.0000"), "宣传不足")
    event = AuditEvent.objects.filter(action="evaluation.actuals_update").latest("id")
    assert event.actor == draft_staff
    assert event.changes["7.服务对象满意度.deviation_note"] == [None, "宣传不足"]
    assert event.changes["version"] == [str(version), str(version + 1)]
    # 10 × 72 / 90 = 8.00: two points short of full marks on the indicators.
    draft.refresh_from_db()
    assert draft.indicator_score == Decimal("88.00")
    assert draft.total == draft.execution_score + Decimal("88.00")
    assert ScoreSnapshot.objects.filter(evaluation=draft).latest("id").total == draft.total


def test_it_refuses_a_stale_version_changing_nothing(draft, draft_staff):
    before = _snapshot(draft)
    with pytest.raises(ValidationError) as refused:
        self_evaluation_actuals_save(
            evaluation=draft,
            version=draft.version - 1 if draft.version > 1 else draft.version + 5,
            actuals=_all_met(draft.project),
            actor=draft_staff,
        )
    assert refused.value.messages == ["该自评已被他人修改，请刷新后重试"]
    assert _snapshot(draft) == before


def test_it_refuses_the_second_of_two_saves_from_the_same_page(draft, draft_staff):
    version = draft.version
    self_evaluation_actuals_save(
        evaluation=draft, version=version, actuals=_all_met(draft.project), actor=draft_staff
    )
    before = _snapshot(draft)
    with pytest.raises(ValidationError) as refused:
        self_evaluation_narrative_save(
            evaluation=draft, version=version, texts={"conclusion_text": "优"}, actor=draft_staff
        )
    assert refused.value.messages == ["该自评已被他人修改，请刷新后重试"]
    assert _snapshot(draft) == before


@pytest.mark.parametrize("who", ["draft_head", "staff", "other", "reviewer", "admin"])
def test_it_refuses_anyone_but_the_units_staff(request, draft, users, who):
    actor = request.getfixturevalue(who) if who.startswith("draft") else users[who]
    before = _snapshot(draft)
    with pytest.raises(PermissionDenied):
        self_evaluation_actuals_save(
            evaluation=draft, version=draft.version, actuals=_all_met(draft.project), actor=actor
        )
    with pytest.raises(PermissionDenied):
        self_evaluation_narrative_save(
            evaluation=draft, version=draft.version, texts={"conclusion_text": "x"}, actor=actor
        )
    assert _snapshot(draft) == before


def test_it_refuses_editing_a_submitted_evaluation(draft_staff):
    submitted = SelfEvaluation.objects.get(project__code="440111-2023-0104")
    assert submitted.status == Status.SUBMITTED
    before = _snapshot(submitted)
    with pytest.raises(ValidationError) as refused:
        self_evaluation_narrative_save(
            evaluation=submitted,
            version=submitted.version,
            texts={"conclusion_text": "x"},
            actor=draft_staff,
        )
    assert refused.value.messages == [
        "自评状态为“待单位负责人审核”，只有草稿或已退回的自评可以修改。"
    ]
    assert _snapshot(submitted) == before


def test_it_accepts_edits_of_a_returned_evaluation(draft_staff):
    returned = SelfEvaluation.objects.get(project__code="440111-2023-0105")
    assert returned.status == Status.RETURNED
    self_evaluation_narrative_save(
        evaluation=returned,
        version=returned.version,
        texts={"conclusion_text": "按意见修改。"},
        actor=draft_staff,
    )
    returned.refresh_from_db()
    assert returned.conclusion_text == "按意见修改。"
    event = AuditEvent.objects.filter(action="evaluation.narrative_update").latest("id")
    assert event.changes["conclusion_text"] == [None, "按意见修改。"]


def test_it_refuses_a_qualitative_score_outside_its_band(draft, draft_staff):
    indicator = _indicators(draft.project)["长效管理机制建立"]  # weight 15
    actuals = _all_met(draft.project)
    actuals[indicator.pk] = ActualInput(
        band="部分达成年度指标并具有一定效果", chosen_score=Decimal("12")
    )
    before = _snapshot(draft)
    with pytest.raises(ValidationError) as refused:
        self_evaluation_actuals_save(
            evaluation=draft, version=draft.version, actuals=actuals, actor=draft_staff
        )
    assert refused.value.messages == [
        "指标“长效管理机制建立”：实际完成情况为“部分达成年度指标并具有一定效果”时，"
        "得分应在 [9.00, 12.00) 区间内（分值 15.00），填写的 12.00 不在该区间。"
    ]
    assert _snapshot(draft) == before


def test_it_starts_an_empty_draft_once_and_only_for_the_units_staff(
    unstarted, unstarted_staff, users
):
    count = SelfEvaluation.objects.count()
    with pytest.raises(PermissionDenied):
        self_evaluation_start(project=unstarted, actor=users["staff"])
    assert SelfEvaluation.objects.count() == count
    evaluation = self_evaluation_start(project=unstarted, actor=unstarted_staff)
    assert (evaluation.status, evaluation.version, evaluation.actuals.count()) == (
        Status.DRAFT,
        1,
        0,
    )
    assert ScoreSnapshot.objects.filter(evaluation=evaluation).count() == 1
    assert self_evaluation_start(project=unstarted, actor=unstarted_staff) == evaluation
    assert SelfEvaluation.objects.count() == count + 1


def test_it_lists_every_problem_that_blocks_submission(draft, draft_staff):
    indicators = _indicators(draft.project)
    actuals = _all_met(draft.project)
    del actuals[indicators["项目验收合格率"].pk]
    actuals[indicators["长效管理机制建立"].pk] = ActualInput(band="")
    actuals[indicators["开展培训及活动场次"].pk] = ActualInput(actual=Decimal("40"))  # ≥ 130 %
    actuals[indicators["服务覆盖人数"].pk] = ActualInput(actual=Decimal("2000"))  # below target
    self_evaluation_actuals_save(
        evaluation=draft, version=draft.version, actuals=actuals, actor=draft_staff
    )
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        self_evaluation_submit_check(draft)
    assert refused.value.messages == [
        "指标“开展培训及活动场次”：超额完成，请填写偏差原因分析及改进措施。",
        "指标“项目验收合格率”：请填写实际完成值。",
        "指标“服务覆盖人数”：未完成年度指标值，请填写偏差原因分析及改进措施。",
        "指标“长效管理机制建立”：请选择定性完成情况（三档之一）。",
        "请填写“项目综合评价结论”。",
    ]


def test_it_passes_the_submit_check_when_everything_is_filled(draft, draft_staff):
    self_evaluation_actuals_save(
        evaluation=draft, version=draft.version, actuals=_all_met(draft.project), actor=draft_staff
    )
    draft.refresh_from_db()
    self_evaluation_narrative_save(
        evaluation=draft,
        version=draft.version,
        texts={"actual_goal_text": "完成年度目标。", "conclusion_text": "自评等级为优。"},
        actor=draft_staff,
    )
    draft.refresh_from_db()
    assert self_evaluation_submit_check(draft) is None


def test_it_refuses_to_start_before_the_goal_is_approved(users):
    from decimal import Decimal as D

    from jixiao.projects.models import Category, FundingKind
    from jixiao.projects.services import FundingInput, project_register

    staff = users["staff"]
    project = project_register(
        unit=staff.organisation,
        year=2024,
        name="新项目",
        category=Category.ONE_OFF,
        funding=[FundingInput(FundingKind.CURRENT, D("1000"), D("1000"))],
        actor=staff,
    )
    before = (SelfEvaluation.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        self_evaluation_start(project=project, actor=staff)
    assert refused.value.messages == ["绩效目标审核通过后才能开始绩效自评。"]
    assert (SelfEvaluation.objects.count(), AuditEvent.objects.count()) == before
