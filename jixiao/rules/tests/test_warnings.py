"""Tables for the monitoring figures and warnings (rules.md §7, §2.3)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.rules.monitoring import (
    Light,
    checkpoint_end,
    indicator_completion_percent,
    light_for_ratio,
    monitoring_execution_rate,
    progress_ratio,
    qualitative_light,
    time_progress_percent,
)
from jixiao.rules.schemes import NATIONAL_2020
from jixiao.rules.warnings import (
    WARNING_TYPES,
    IndicatorProgressInput,
    MonitoringInput,
    execution_figures,
    monitoring_warnings,
)

D = Decimal
DAYS = NATIONAL_2020.with_settings(time_progress_method="days")


@pytest.mark.parametrize(
    ("year", "month", "scheme", "expected"),
    [
        (2023, 7, NATIONAL_2020, D("58.33")),  # V2: 7/12
        (2023, 6, NATIONAL_2020, D("50.00")),
        (2023, 12, NATIONAL_2020, D("100.00")),
        (2023, 1, NATIONAL_2020, D("8.33")),
        (2023, 7, DAYS, D("58.08")),  # 212 / 365
        (2024, 7, DAYS, D("58.20")),  # leap year: 213 / 366
        (2023, 12, DAYS, D("100.00")),
    ],
)
def test_it_counts_time_progress(year, month, scheme, expected):
    assert time_progress_percent(year, month, scheme) == expected


def test_it_refuses_a_month_outside_the_year():
    with pytest.raises(ValueError, match="监控月份 13 无效"):
        checkpoint_end(2023, 13)


def test_it_ends_a_checkpoint_on_the_last_day_of_the_month():
    assert checkpoint_end(2024, 2) == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("budget", "executed", "expected"),
    [
        (D("100000"), D("25000"), D("25.00")),
        (D("100000"), D("0"), D("0.00")),
        (D("0"), D("100"), None),  # no budget, no rate
        (D("3"), D("1"), D("33.33")),
    ],
)
def test_it_computes_the_rate_to_the_checkpoint(budget, executed, expected):
    assert monitoring_execution_rate(budget, executed) == expected


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (D("0"), Light.RED),
        (D("59.99"), Light.RED),
        (D("60"), Light.YELLOW),  # exactly 60 is yellow (60 ≤ r < 80)
        (D("79.99"), Light.YELLOW),
        (D("80"), Light.GREEN),  # exactly 80 is green
        (D("150"), Light.GREEN),
    ],
)
def test_it_lights_a_ratio_by_the_v2_bands(ratio, expected):
    assert light_for_ratio(ratio, NATIONAL_2020) is expected


def test_it_reads_the_bands_from_the_scheme():
    strict = NATIONAL_2020.with_settings(light_red_below=D(70), light_green_from=D(90))
    assert light_for_ratio(D("65"), strict) is Light.RED
    assert light_for_ratio(D("85"), strict) is Light.YELLOW


@pytest.mark.parametrize(
    ("progress", "time", "expected"),
    [(D("35"), D("58.33"), D("60.00")), (D("10"), D("0"), None), (D("58.33"), D("58.33"), D(100))],
)
def test_it_divides_progress_by_time(progress, time, expected):
    assert progress_ratio(progress, time) == expected


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("达成年度指标", Light.GREEN),
        ("部分达成年度指标并具有一定效果", Light.YELLOW),
        ("未达成年度指标且效果较差", Light.RED),
    ],
)
def test_it_lights_qualitative_bands(band, expected):
    assert qualitative_light(band) is expected


@pytest.mark.parametrize(
    ("comparator", "target", "progress", "expected"),
    [
        ("≥", D("24"), D("12"), D("50.00")),
        ("=", D("100"), D("100"), D("100.00")),
        ("≥", D("0"), D("5"), None),  # T = 0: nothing to divide by
        ("≤", D("800"), D("500"), D("100.00")),  # reverse, within the ceiling
        ("≤", D("800"), D("1000"), D("80.00")),  # reverse, over the ceiling: T / X
        ("定性", D("1"), D("1"), None),
    ],
)
def test_it_measures_indicator_completion(comparator, target, progress, expected):
    assert indicator_completion_percent(comparator, target, progress) == expected


def _input(**changes):
    values = {
        "subject": "440111-2023-0101",
        "year": 2023,
        "month": 7,
        "budget": D("100000"),
        "executed": D("50000"),
    }
    values.update(changes)
    return MonitoringInput(**values)


def _rules(found):
    return [(finding.rule, finding.figures["colour"]) for finding in found]


def test_it_gives_no_warning_to_a_project_on_time():
    assert monitoring_warnings(_input(), NATIONAL_2020) == []


@pytest.mark.parametrize(
    ("executed", "expected"),
    [
        (D("46666"), []),  # 46.67 % / 58.33 % = 80.01 → green
        (D("46660"), [("warning.execution_lag", "yellow")]),  # 79.99
        (D("35000"), [("warning.execution_lag", "yellow")]),  # 60.00 exactly
        (D("34990"), [("warning.execution_lag", "red")]),  # 59.98
        (D("4990"), [("warning.execution_lag", "red"), ("warning.idle_funds", "red")]),  # 4.99 %
        (D("5000"), [("warning.execution_lag", "red")]),  # exactly 5 % is not idle
    ],
)
def test_it_warns_when_execution_lags_time(executed, expected):
    assert _rules(monitoring_warnings(_input(executed=executed), NATIONAL_2020)) == expected


def test_it_says_why_with_the_figures():
    (finding,) = monitoring_warnings(_input(executed=D("30000")), NATIONAL_2020)
    assert finding.to_dict() == {
        "rule": "warning.execution_lag",
        "severity": "error",
        "subject": "440111-2023-0101",
        "message": (
            "1-7月预算执行率 30.00%，序时进度 58.33%，执行进度为序时进度的 51.43%（红灯）。"
            "请分析原因并加快执行，或申请调剂预算。"
        ),
        "figures": {
            "colour": "red",
            "budget": "100000.00",
            "executed": "30000.00",
            "execution_rate": "30.00",
            "time_progress": "58.33",
            "ratio": "51.43",
        },
    }


def test_it_gives_no_execution_warning_without_a_budget():
    figures = execution_figures(_input(budget=D(0), executed=D(0)), NATIONAL_2020)
    assert (figures.execution_rate, figures.ratio, figures.light) == (None, None, None)
    assert monitoring_warnings(_input(budget=D(0), executed=D(0)), NATIONAL_2020) == []


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        (D("12"), []),  # 50 % of 24, ratio 85.72 → green
        (D("10"), [("warning.indicator_lag", "yellow")]),  # 41.67 % → 71.44
        (D("8"), [("warning.indicator_lag", "red")]),  # 33.33 % → 57.14
        (None, []),  # not reported yet
    ],
)
def test_it_warns_when_an_indicator_lags_time(progress, expected):
    indicator = IndicatorProgressInput("开展培训场次", "≥", D("24"), progress)
    found = monitoring_warnings(_input(indicators=(indicator,), executed=D("50000")), NATIONAL_2020)
    assert _rules([f for f in found if f.rule == "warning.indicator_lag"]) == expected


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("达成年度指标", []),
        ("部分达成年度指标并具有一定效果", [("warning.qualitative", "yellow")]),
        ("未达成年度指标且效果较差", [("warning.qualitative", "red")]),
    ],
)
def test_it_warns_on_qualitative_bands(band, expected):
    indicator = IndicatorProgressInput("长效机制建立", "定性", band=band)
    found = monitoring_warnings(_input(indicators=(indicator,)), NATIONAL_2020)
    assert _rules(found) == expected


@pytest.mark.parametrize(
    ("executed", "progress", "gap"),
    [
        (D("20000"), D("100"), "80.00"),  # goals far ahead of spending
        (D("95000"), D("40"), "-55.00"),  # spending far ahead of goals
    ],
)
def test_it_warns_when_goals_and_spending_diverge(executed, progress, gap):
    indicator = IndicatorProgressInput("验收合格率", "≥", D("100"), progress)
    found = monitoring_warnings(_input(executed=executed, indicators=(indicator,)), NATIONAL_2020)
    (divergence,) = [f for f in found if f.rule == "warning.divergence"]
    assert divergence.figures["gap"] == gap
    assert divergence.figures["colour"] == "yellow"


def test_it_caps_each_completion_at_100_before_comparing():
    ahead = IndicatorProgressInput("覆盖人数", "≥", D("100"), D("500"))
    behind = IndicatorProgressInput("合格率", "≥", D("100"), D("60"))
    found = monitoring_warnings(
        _input(executed=D("50000"), indicators=(ahead, behind)), NATIONAL_2020
    )
    assert [f.rule for f in found if f.rule == "warning.divergence"] == []


def test_it_gives_no_divergence_at_exactly_the_threshold():
    indicator = IndicatorProgressInput("合格率", "≥", D("100"), D("80"))
    found = monitoring_warnings(_input(executed=D("50000"), indicators=(indicator,)), NATIONAL_2020)
    assert [f.rule for f in found] == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2023, 8, 1), []),  # 14 days left
        (datetime.date(2023, 8, 10), [("warning.deadline", "yellow")]),  # 5 days: warned
        (datetime.date(2023, 8, 15), [("warning.deadline", "yellow")]),  # the last day
        (datetime.date(2023, 8, 16), [("warning.deadline", "red")]),  # overdue
    ],
)
def test_it_warns_units_that_have_not_submitted_before_the_deadline(today, expected):
    data = _input(is_submitted=False, deadline=datetime.date(2023, 8, 15), today=today)
    assert _rules(monitoring_warnings(data, NATIONAL_2020)) == expected


def test_it_does_not_remind_a_unit_that_has_submitted():
    data = _input(
        is_submitted=True, deadline=datetime.date(2023, 8, 15), today=datetime.date(2023, 9, 1)
    )
    assert monitoring_warnings(data, NATIONAL_2020) == []


def test_it_names_every_warning_type_in_chinese():
    assert WARNING_TYPES == {
        "warning.execution_lag": "预算执行进度滞后",
        "warning.indicator_lag": "指标完成进度滞后",
        "warning.qualitative": "定性指标未达成",
        "warning.divergence": "执行进度与目标实现程度偏差",
        "warning.idle_funds": "资金闲置",
        "warning.deadline": "监控填报临近截止",
    }


@given(
    budget=st.integers(min_value=1, max_value=10**9),
    share=st.integers(min_value=0, max_value=100),
    month=st.integers(min_value=1, max_value=12),
)
def test_it_always_colours_warnings_red_or_yellow(budget, share, month):
    executed = D(budget) * D(share) / D(100)
    found = monitoring_warnings(
        _input(budget=D(budget), executed=executed, month=month), NATIONAL_2020
    )
    for finding in found:
        assert finding.rule in WARNING_TYPES
        assert finding.figures["colour"] in {"red", "yellow"}
        assert finding.severity.value == (
            "error" if finding.figures["colour"] == "red" else "warning"
        )
