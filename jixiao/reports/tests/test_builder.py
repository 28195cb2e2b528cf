"""`report_data_build` against the seed project: every figure of the seed report."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from jixiao.demo import seed
from jixiao.projects.models import Project
from jixiao.reports.builder import MAX_QUERIES, report_data_build
from jixiao.reports.context import report_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(django_assert_num_queries):
    project = Project.objects.get(code=seed.PROJECT_CODE)
    with django_assert_num_queries(MAX_QUERIES):
        return report_data_build(project, today=datetime.date(2024, 3, 15))


def test_it_reads_the_seed_in_a_bounded_number_of_queries(data):
    assert MAX_QUERIES == 8
    assert data.code == "440111-2023-0001"
    assert data.year == 2023
    assert data.unit_name == "中共广州市白云区直属机关工作委员会"
    # Directly under the finance bureau: the unit is its own 主管部门.
    assert data.department_name == "中共广州市白云区直属机关工作委员会"
    assert data.is_demo is True
    assert data.has_evaluation is True


def test_it_lists_the_eight_uses_and_their_total(data):
    assert [use.position for use in data.uses] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [use.amount for use in data.uses] == [
        Decimal("10600.00"),
        Decimal("1800.00"),
        Decimal("56300.00"),
        Decimal("4000.00"),
        Decimal("10000.00"),
        Decimal("10000.00"),
        Decimal("2990.00"),
        Decimal("4285.00"),
    ]
    assert data.uses[0].purpose == "举办区直机关“三八”妇女节纪念活动"
    assert data.uses_total == Decimal("99975.00")
    context = report_context(data)
    assert context["uses_total"] == "99,975.00"
    assert context["uses"][2]["amount"] == "56,300.00"


def test_it_states_the_budget_execution_exactly(data):
    assert data.budget_full_year == Decimal("100000.00")
    assert data.executed == Decimal("99975.00")
    assert data.execution_rate == Decimal("99.98")
    context = report_context(data)
    assert context["execution_sentence"] == (
        "预算执行情况：机关党建及群团专项经费年度预算10万元，年度预算执行数9.9975万元，"
        "预算执行率99.98%。"
    )
    assert context["funding_sentence"] == (
        "项目资金来源是当年财政拨款，年度预算安排10万元。项目资金使用情况如下："
    )
    total, current, carryover, other = data.funding
    assert (total.label, total.initial, total.full_year, total.executed) == (
        "年度资金总额",
        Decimal("100000.00"),
        Decimal("100000.00"),
        Decimal("99975.00"),
    )
    assert (total.weight, total.score, total.rate) == (
        Decimal("10"),
        Decimal("10.00"),
        Decimal("99.98"),
    )
    assert (current.label, current.executed, current.rate) == (
        "当年财政拨款",
        Decimal("99975.00"),
        Decimal("99.98"),
    )
    assert (carryover.label, carryover.full_year) == ("上年结转资金", None)
    assert (other.label, other.full_year) == ("其他资金", None)
    assert [row["full_year"] for row in context["funding"]] == ["10.0000", "10.0000", "", ""]


def test_it_groups_the_nine_indicators_as_the_scheme_does(data):
    groups = [(group.level1, len(group.indicators)) for group in data.indicator_groups]
    assert groups == [("产出指标", 4), ("效益指标", 4), ("满意度指标", 1)]
    assert [group.weight for group in data.indicator_groups] == [
        Decimal("50.00"),
        Decimal("30.00"),
        Decimal("10.00"),
    ]
    assert report_context(data)["indicator_sentence"] == (
        "设立产出指标4项（数量指标、质量指标、时效指标、成本指标）、"
        "效益指标4项（经济效益指标、社会效益指标、生态效益指标、可持续影响指标）、"
        "满意度指标1项（服务对象满意度指标）。"
    )
    first = data.indicators[0]
    assert (first.target_display, first.actual_display, first.score) == (
        "=100%",
        "100%",
        Decimal("12.50"),
    )
    assert [row.standard for row in data.indicators] == [item[4] for item in seed.INDICATORS]


def test_it_carries_the_eleven_duties_and_the_texts(data):
    assert len(data.policy_items) == 11
    assert data.policy_items[10].text.startswith("承办区委、区政府和上级有关部门交办的其他事项")
    context = report_context(data)
    assert context["policy_items"][0]["no"] == "（1）"
    assert context["policy_items"][10]["no"] == "（11）"
    assert data.background == seed.BACKGROUND
    assert data.annual_goal == seed.ANNUAL_GOAL
    assert data.narrative.policy_suggestion == "暂无调整建议。"
    assert data.narrative.application == seed.NARRATIVE["application_text"]


def test_it_scores_the_seed_100_and_grades_it_excellent(data):
    assert data.execution_score == Decimal("10.00")
    assert data.indicator_score == Decimal("90.00")
    assert data.total == Decimal("100.00")
    assert data.grade == "优"
    assert report_context(data)["grade_sentence"] == "项目综合评价得分为100.00分，评价等级为优。"


def test_it_builds_a_project_without_self_evaluation_in_one_query_less(
    django_assert_num_queries,
):
    project = Project.objects.get(code="440111-2023-0107")  # no self-evaluation yet
    with django_assert_num_queries(MAX_QUERIES - 1):
        data = report_data_build(project)
    assert data.has_evaluation is False
    assert (data.total, data.grade, data.execution_score) == (None, "", None)
    assert all(row.score is None and row.actual_display == "" for row in data.indicators)
    assert report_context(data)["grade_sentence"] == "尚未开展绩效自评，暂无得分和等级。"
