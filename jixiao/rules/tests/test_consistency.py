"""Tests of the consistency checks of stated report figures (table tests and properties)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.rules import NATIONAL_2020, execution_rate_percent, execution_score, grade_for
from jixiao.rules.consistency import (
    StatedComponent,
    StatedIndicator,
    StatedRate,
    StatedReport,
    agrees,
    consistency_findings,
    normalise_grade,
)
from jixiao.rules.scoring import IndicatorInput, indicator_score
from jixiao.rules.vocabulary import Comparator

D = Decimal


def rules(doc: StatedReport) -> list[str]:
    return [finding.rule for finding in consistency_findings(doc, NATIONAL_2020)]


def only(doc: StatedReport, rule: str):
    found = [f for f in consistency_findings(doc, NATIONAL_2020) if f.rule == rule]
    assert len(found) == 1, [f.rule for f in consistency_findings(doc, NATIONAL_2020)]
    return found[0]


def test_it_finds_nothing_in_an_empty_report():
    assert consistency_findings(StatedReport(), NATIONAL_2020) == []


@pytest.mark.parametrize(
    ("stated", "exact", "result"),
    [
        (D("99"), D("99.4999"), True),
        (D("99"), D("99.5"), True),
        (D("99"), D("99.985"), False),
        (D("86.19"), D("86.18304"), False),
        (D("1.8"), D("1.897"), False),
        (D("1.4"), D("1.428"), True),
    ],
)
def test_it_compares_at_the_precision_written(stated, exact, result):
    assert agrees(stated, exact) is result


def test_it_finds_components_that_do_not_add_up():
    # Real report 02, table 2: 其中 rows 0 / 0 / 0 under a total of 20000.00.
    doc = StatedReport(
        budget_initial=D("20000.00"),
        budget_full_year=D("20000.00"),
        executed=D("9034"),
        components=(
            StatedComponent("当年财政拨款", D(0), D(0), None),
            StatedComponent("上年结转资金", D(0), D(0), None),
            StatedComponent("其他资金", D(0), D(0), None),
        ),
    )
    found = [f for f in consistency_findings(doc, NATIONAL_2020) if f.rule.endswith("sum")]
    assert [(f.rule, f.severity.value, dict(f.figures)) for f in found] == [
        (
            "consistency.components_sum",
            "error",
            {
                "column": "initial",
                "total": "20000.00",
                "components_sum": "0",
                "difference": "20000.00",
            },
        ),
        (
            "consistency.components_sum",
            "error",
            {
                "column": "full_year",
                "total": "20000.00",
                "components_sum": "0",
                "difference": "20000.00",
            },
        ),
    ]


def test_it_accepts_components_that_add_up_and_ignores_dashes():
    doc = StatedReport(
        budget_initial=D(250000),
        budget_full_year=D(250000),
        executed=D("215457.6"),
        components=(
            StatedComponent("当年财政拨款", D(250000), D(250000), D("215457.6")),
            StatedComponent("上年结转资金", D(0), D(0), None),
        ),
    )
    assert "consistency.components_sum" not in rules(doc)


@pytest.mark.parametrize(
    ("budget_initial", "budget", "executed", "stated", "how", "severity"),
    [
        (None, D(25960000), D(25956208), StatedRate(D(99)), "truncated", "warning"),
        (None, D(250000), D("215457.6"), StatedRate(D("86.19")), "rounded_up", "warning"),
        (D(80000), D(100000), D(80000), StatedRate(D(100)), "initial_base", "error"),
        (None, D(100000), D(80000), StatedRate(D(70)), "other", "error"),
    ],
)
def test_it_says_how_a_stated_rate_differs(budget_initial, budget, executed, stated, how, severity):
    doc = StatedReport(
        budget_initial=budget_initial,
        budget_full_year=budget,
        executed=executed,
        stated_rate=stated,
    )
    finding = only(doc, "consistency.execution_rate")
    assert (finding.figures["how"], finding.severity.value) == (how, severity)


def test_it_accepts_a_rate_rounded_half_up():
    doc = StatedReport(
        budget_full_year=D(21790000), executed=D(21136300), stated_rate=StatedRate(D(97))
    )
    assert rules(doc) == []


def test_it_notes_an_approximate_rate_when_both_amounts_are_known():
    doc = StatedReport(
        budget_full_year=D(100000),
        executed=D(99975),
        stated_rate=StatedRate(D(100), is_approximate=True),
    )
    finding = only(doc, "consistency.rate_approximate")
    assert (finding.severity.value, finding.figures["computed"]) == ("info", "99.98")


@pytest.mark.parametrize(
    ("stated", "found"),
    [(D("8.62"), False), (D("8.6"), False), (D(9), False), (D("8.63"), True), (D(8), True)],
)
def test_it_checks_the_execution_score_formula(stated, found):
    doc = StatedReport(
        budget_full_year=D(250000), executed=D("215457.6"), stated_execution_score=stated
    )
    assert ("consistency.execution_score" in rules(doc)) is found


def test_it_reuses_the_weight_checks_and_checks_headings_and_the_total_row():
    indicators = tuple(
        StatedIndicator(name=f"产出{i}", level1="产出指标", weight=D(10), score=D(10))
        for i in range(8)
    ) + tuple(
        StatedIndicator(name=f"效益{i}", level1="效益指标", weight=D(10), score=D(10))
        for i in range(2)
    )
    doc = StatedReport(
        indicators=indicators,
        level1_headings={"产出指标": D(60)},
        stated_total_weight=D(100),
    )
    assert rules(doc) == [
        "consistency.weights.level1_sum",
        "consistency.weights.level1_sum",
        "consistency.weights.total",
        "consistency.weights.heading",
        "consistency.weights.stated_total",
        "consistency.full_marks_unmeasured",
    ]


@pytest.mark.parametrize(
    ("target", "actual", "score", "rules_found"),
    [
        (D(214), D(203), D("1.8"), ["consistency.indicator_score"]),
        (D(5662), D(4044), D("1.4"), []),
        (D(100), D(100), D(2), []),
        (D(12), D(96), D(2), ["consistency.over_achieved_unexplained"]),
        (D(100), D(100), D(3), ["consistency.score_above_weight"]),
    ],
)
def test_it_checks_each_quantitative_score(target, actual, score, rules_found):
    indicator = StatedIndicator(
        name="指标",
        target=target,
        actual=actual,
        weight=D(2),
        score=score,
        target_unit="人",
        actual_unit="人",
    )
    assert rules(StatedReport(indicators=(indicator,))) == rules_found


def test_it_reads_scores_at_the_precision_of_the_whole_table():
    # Real report 05: "1" in a table of tenths means 1.0; 2 × 69 / 120 = 1.15.
    rows = (
        StatedIndicator(name="早孕建册数", target=D(120), actual=D(69), weight=D(2), score=D(1)),
        StatedIndicator(
            name="老年人体检数", target=D(5662), actual=D(4044), weight=D(2), score=D("1.4")
        ),
    )
    found = consistency_findings(StatedReport(indicators=rows), NATIONAL_2020)
    assert [(f.rule, f.subject, f.figures["expected_score"]) for f in found] == [
        ("consistency.indicator_score", "早孕建册数", "1.15")
    ]


def test_it_checks_a_qualitative_score_against_its_band():
    achieved = StatedIndicator(
        name="改善状况",
        target_text="显著提升",
        actual_text="显著提升",
        weight=D(10),
        score=D(7),
        is_qualitative=True,
        comparator=Comparator.QUALITATIVE,
    )
    finding = only(StatedReport(indicators=(achieved,)), "consistency.score_outside_band")
    assert finding.figures["band"] == "达成年度指标"
    partial = StatedIndicator(
        name="改善状况",
        target_text="显著提升",
        actual_text="部分达成年度指标并具有一定效果",
        weight=D(10),
        score=D(7),
        is_qualitative=True,
    )
    assert rules(StatedReport(indicators=(partial,))) == []


def test_it_finds_a_total_that_is_not_the_sum_and_a_grade_outside_its_band():
    rows = tuple(
        StatedIndicator(name=f"指标{i}", level1="产出指标", weight=D(10), score=D(9))
        for i in range(2)
    )
    doc = StatedReport(
        indicators=rows, stated_execution_score=D(10), stated_total=D(95), stated_grade="良好"
    )
    total = only(doc, "consistency.total_sum")
    assert dict(total.figures) == {"stated": "95", "sum": "28"}
    grade = only(doc, "consistency.grade_band")
    assert dict(grade.figures) == {"stated_grade": "良好", "expected_grade": "优", "total": "95"}


@pytest.mark.parametrize(
    ("total", "grade", "found"),
    [
        (D("90.00"), "优", False),
        (D("89.99"), "优", True),
        (D("89.99"), "良好", False),
        (D("59.99"), "合格", True),
        (D(60), "合格", False),
    ],
)
def test_it_grades_with_the_scheme_bands(total, grade, found):
    doc = StatedReport(stated_total=total, stated_grade=grade)
    assert ("consistency.grade_band" in rules(doc)) is found


def test_it_notes_a_grade_without_a_score():
    assert rules(StatedReport(stated_grade="优秀")) == ["consistency.grade_without_score"]
    assert normalise_grade("优秀") == "优"


def test_it_compares_stated_and_listed_indicator_counts():
    listed = tuple(
        StatedIndicator(name=f"指标{i}", level1="产出指标", level2="数量指标") for i in range(3)
    )
    doc = StatedReport(indicators=listed, stated_indicator_counts={3: 12, 1: 1})
    finding = only(doc, "consistency.indicator_count")
    assert (finding.severity.value, dict(finding.figures)) == (
        "warning",
        {"stated": "12", "listed": "3", "level": "3"},
    )
    unlisted = only(StatedReport(stated_indicator_counts={3: 12}), "consistency.indicator_count")
    assert unlisted.severity.value == "info"


def test_it_finds_actuals_that_copy_the_targets_with_their_signs():
    rows = tuple(
        StatedIndicator(
            name=f"指标{i}",
            level1="产出指标",
            comparator=Comparator.GE,
            target=D(90),
            actual=D(90),
            target_text="≥90%",
            actual_text="≥90%",
            weight=D(10),
            score=D(10),
        )
        for i in range(3)
    )
    found = rules(StatedReport(indicators=rows))
    assert "consistency.actuals_repeat_targets" in found
    assert "consistency.full_marks_unmeasured" in found


def test_it_accepts_measured_actuals():
    rows = tuple(
        StatedIndicator(
            name=f"指标{i}",
            comparator=Comparator.GE,
            target=D(90),
            actual=D(96),
            target_text="≥90%",
            actual_text="96%",
            weight=D(10),
            score=D(10),
        )
        for i in range(3)
    )
    assert rules(StatedReport(indicators=rows)) == []


@pytest.mark.parametrize(
    ("date", "found"),
    [
        (datetime.date(2022, 12, 30), True),
        (datetime.date(2022, 12, 31), False),
        (datetime.date(2023, 3, 1), False),
    ],
)
def test_it_finds_a_report_dated_before_the_year_ends(date, found):
    doc = StatedReport(year=2022, report_date=date)
    assert ("consistency.report_before_year_end" in rules(doc)) is found


def test_it_notes_a_budget_added_in_the_year_and_spending_above_it():
    doc = StatedReport(budget_initial=D(0), budget_full_year=D(100), executed=D(120))
    assert rules(doc) == ["consistency.budget_added_in_year", "consistency.executed_above_budget"]


_LEVELS = (("产出指标", D(50)), ("效益指标", D(30)), ("满意度指标", D(10)))


@st.composite
def consistent_reports(draw):
    """A report whose every figure follows the national-2020 rules."""
    budget = draw(st.integers(min_value=1, max_value=10**9))
    executed = draw(st.integers(min_value=0, max_value=2 * budget))
    indicators = []
    for level1, weight in _LEVELS:
        target = D(draw(st.integers(min_value=1, max_value=10_000)))
        actual = D(draw(st.integers(min_value=0, max_value=20_000)))
        scored = indicator_score(
            IndicatorInput(
                name=level1,
                level1=level1,
                level2="",
                comparator=Comparator.GE,
                weight=weight,
                target=target,
                actual=actual,
            ),
            NATIONAL_2020,
        )
        deviation = "超额原因已说明" if actual >= D("1.3") * target else ""
        indicators.append(
            StatedIndicator(
                name=level1,
                level1=level1,
                comparator=Comparator.GE,
                target=target,
                actual=actual,
                target_text=f"≥{target}",
                actual_text=str(actual),
                weight=weight,
                score=scored.score,
                deviation_note=deviation,
            )
        )
    execution = execution_score(D(budget), D(executed), NATIONAL_2020)
    total = execution + sum(i.score for i in indicators)
    rate = execution_rate_percent(D(budget), D(executed))
    return StatedReport(
        year=2023,
        budget_initial=D(budget),
        budget_full_year=D(budget),
        executed=D(executed),
        components=(StatedComponent("当年财政拨款", D(budget), D(budget), D(executed)),),
        stated_rate=StatedRate(rate),
        stated_execution_weight=D(10),
        stated_execution_score=execution,
        indicators=tuple(indicators),
        stated_total=total,
        stated_total_weight=D(100),
        stated_grade=grade_for(total, NATIONAL_2020),
        stated_indicator_counts={3: 3, 1: 3},
        report_date=datetime.date(2024, 1, 15),
    )


@settings(max_examples=150, deadline=None)
@given(consistent_reports())
def test_it_finds_nothing_wrong_in_a_report_that_follows_the_rules(doc):
    found = [f for f in consistency_findings(doc, NATIONAL_2020) if f.severity.value != "info"]
    allowed = {"consistency.executed_above_budget"}
    assert [f.rule for f in found if f.rule not in allowed] == []


@settings(max_examples=100, deadline=None)
@given(consistent_reports(), st.sampled_from([D("0.01"), D("-0.01"), D(1)]))
def test_it_always_finds_a_changed_total(doc, change):
    from dataclasses import replace

    changed = replace(doc, stated_total=doc.stated_total + change)
    assert "consistency.total_sum" in rules(changed)
