"""The application rate per year and supervising department, recomputed by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jixiao.evaluation.models import SelfEvaluation
from jixiao.followup.models import FollowupDecision, RectificationItem
from jixiao.followup.selectors import application_rates
from jixiao.followup.services import (
    followup_confirm,
    followup_propose,
    rectification_accept,
    rectification_answer,
    rectification_issue,
)
from jixiao.workflow.states import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture_year(users, evaluation, project):
    """Seven accepted evaluations (3 教育局, 1 卫生健康局, 3 direct), three applied; four
    rectification items: one closed on time, one closed late, one open, one answered."""
    reviewer, other = users["reviewer"], users["other"]
    SelfEvaluation.objects.filter(
        project__code__in=["440111-2023-0101", "440111-2023-0104", "440111-2023-0110"]
    ).update(status=Status.ACCEPTED)
    for code in ("440111-2023-0108", "440111-2023-0101", "440111-2023-0124"):
        decision = followup_propose(evaluation=evaluation(code), actor=reviewer)
        followup_confirm(
            decision=decision,
            action=decision.proposed_action,
            adjustment=Decimal("0"),
            reason="按建议",
            actor=reviewer,
        )
    followup_propose(evaluation=evaluation("440111-2023-0110"), actor=reviewer)
    later = timezone.localdate() + datetime.timedelta(days=10)

    def issue(code):
        return rectification_issue(
            project=project(code), finding="问题", measure="要求", deadline=later, actor=reviewer
        )

    on_time = issue("440111-2023-0101")
    rectification_answer(item=on_time, answer="已整改", actor=other)
    rectification_accept(item=on_time, note="", actor=reviewer)
    late = issue("440111-2023-0102")
    RectificationItem.objects.filter(pk=late.pk).update(deadline=datetime.date(2024, 1, 1))
    late.refresh_from_db()
    rectification_answer(item=late, answer="已整改", actor=other)
    rectification_accept(item=late, note="", actor=reviewer)
    issue("440111-2023-0110")
    answered = issue("440111-2023-0124")
    RectificationItem.objects.filter(pk=answered.pk).update(status="answered", answer="已整改")


def _by_hand(year: int) -> dict[str, tuple[int, int, int, int, int]]:
    """The same figures counted in Python over the rows, without any aggregate."""
    lines: dict[str, list[int]] = {}

    def department(project) -> str:
        parent = project.unit.parent
        return parent.name if parent.kind == "department" else "财政局直管单位"

    for e in SelfEvaluation.objects.filter(status="accepted", project__year=year).select_related(
        "project__unit__parent"
    ):
        line = lines.setdefault(department(e.project), [0, 0, 0, 0, 0])
        line[0] += 1
        decision = FollowupDecision.objects.filter(evaluation=e).first()
        line[1] += decision is not None and decision.status == "confirmed"
    for item in RectificationItem.objects.filter(project__year=year).select_related(
        "project__unit__parent"
    ):
        line = lines.setdefault(department(item.project), [0, 0, 0, 0, 0])
        line[2] += 1
        line[3] += item.status == "accepted"
        line[4] += item.closed_on_time is True
    return {name: tuple(values) for name, values in lines.items()}


def test_it_matches_the_figures_counted_by_hand(users, fixture_year) -> None:
    rates = application_rates(users["reviewer"], year=2023)
    table = {
        r.department: (r.evaluated, r.applied, r.rectifications, r.closed, r.closed_on_time)
        for r in rates
    }
    by_hand = _by_hand(2023)
    assert by_hand == {
        "示例区教育局": (3, 2, 2, 2, 1),
        "示例区卫生健康局": (1, 0, 1, 0, 0),
        "财政局直管单位": (3, 1, 1, 0, 0),
    }
    assert table == {**by_hand, "合计": (7, 3, 4, 2, 1)}
    assert [r.department for r in rates] == [
        "示例区卫生健康局",
        "示例区教育局",
        "财政局直管单位",
        "合计",
    ]
    education = rates[1]
    assert (education.applied_rate, education.on_time_rate) == (Decimal("66.67"), Decimal("50.00"))
    assert (rates[0].applied_rate, rates[0].on_time_rate) == (Decimal("0.00"), Decimal("0.00"))
    assert (rates[3].applied_rate, rates[3].on_time_rate) == (Decimal("42.86"), Decimal("25.00"))


def test_a_supervisor_sees_only_its_department(users, fixture_year) -> None:
    rates = application_rates(users["supervisor"], year=2023)
    assert [(r.department, r.evaluated, r.applied) for r in rates] == [
        ("示例区教育局", 3, 2),
        ("合计", 3, 2),
    ]


def test_it_uses_two_aggregate_queries(users, fixture_year, django_assert_num_queries) -> None:
    with django_assert_num_queries(2):
        application_rates(users["reviewer"], year=2023)


def test_a_year_without_data_has_only_a_zero_total(users) -> None:
    rates = application_rates(users["reviewer"], year=2019)
    assert [(r.department, r.evaluated, r.applied_rate) for r in rates] == [("合计", 0, None)]
