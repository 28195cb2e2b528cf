"""Monitoring warnings (预警): which projects lag in spending or in their goals, and why.

Each warning is a ``Finding`` with a rule code ``warning.*``, the light in ``figures["colour"]``
(``red`` or ``yellow``; green gives no warning), the numbers behind it as decimal strings and a
Chinese message. Red is severity ``error``, yellow ``warning``. Thresholds are scheme settings
(rules.md §7); nothing here is hard-coded in a view or in SQL.

| rule | when |
|---|---|
| ``warning.execution_lag`` | 执行率 / 序时进度 × 100 below ``light_green_from`` (V2 bands) |
| ``warning.indicator_lag`` | a quantitative indicator's completion / 序时进度 below the bands |
| ``warning.qualitative`` | a qualitative indicator reported 部分达成 (yellow) or 未达成 (red) |
| ``warning.divergence`` | mean indicator completion and 执行率 differ by more than
  ``divergence_points`` (S14 Sichuan: 执行进度与目标实现程度偏差) |
| ``warning.idle_funds`` | budget allocated, 执行率 below ``idle_rate_below`` at the checkpoint |
| ``warning.deadline`` | report not submitted and the deadline within ``deadline_warning_days``
  (red once passed) |
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from jixiao.rules.findings import Finding, Severity
from jixiao.rules.monitoring import (
    Light,
    indicator_completion_percent,
    light_for_ratio,
    monitoring_execution_rate,
    progress_ratio,
    qualitative_light,
    time_progress_exact,
    time_progress_percent,
)
from jixiao.rules.numbers import calculation_context, round_money, to_decimal
from jixiao.rules.schemes import Scheme
from jixiao.rules.vocabulary import Comparator, QualitativeBand

__all__ = [
    "WARNING_TYPES",
    "ExecutionFigures",
    "IndicatorProgressInput",
    "MonitoringInput",
    "execution_figures",
    "monitoring_warnings",
]

EXECUTION_LAG = "warning.execution_lag"
INDICATOR_LAG = "warning.indicator_lag"
QUALITATIVE = "warning.qualitative"
DIVERGENCE = "warning.divergence"
IDLE_FUNDS = "warning.idle_funds"
DEADLINE = "warning.deadline"

# Rule code → Chinese name, in the order warnings are produced (filters and tables use it).
WARNING_TYPES: dict[str, str] = {
    EXECUTION_LAG: "预算执行进度滞后",
    INDICATOR_LAG: "指标完成进度滞后",
    QUALITATIVE: "定性指标未达成",
    DIVERGENCE: "执行进度与目标实现程度偏差",
    IDLE_FUNDS: "资金闲置",
    DEADLINE: "监控填报临近截止",
}

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class IndicatorProgressInput:
    """One indicator as monitored: its target and the progress to date (数值 or 定性 band)."""

    name: str
    comparator: Comparator | str
    target: Decimal | None = None
    progress: Decimal | None = None
    band: QualitativeBand | str | None = None


@dataclass(frozen=True)
class MonitoringInput:
    """A project at a checkpoint: budget (元, the 1-7月执行率 denominator), executed to the
    checkpoint (元), the indicators, and whether the report is in, with the round's deadline."""

    subject: str
    year: int
    month: int
    budget: Decimal
    executed: Decimal
    indicators: tuple[IndicatorProgressInput, ...] = ()
    is_submitted: bool = True
    deadline: datetime.date | None = None
    today: datetime.date | None = None


@dataclass(frozen=True)
class ExecutionFigures:
    """执行率, 序时进度 and their ratio in percent (0.01), with the light; rate, ratio and light
    are None when the budget is 0."""

    execution_rate: Decimal | None
    time_progress: Decimal
    ratio: Decimal | None
    light: Light | None


def execution_figures(data: MonitoringInput, scheme: Scheme) -> ExecutionFigures:
    """Return the execution figures of ``data`` under ``scheme`` (rules.md §7)."""
    time_percent = time_progress_percent(data.year, data.month, scheme)
    rate = monitoring_execution_rate(data.budget, data.executed)
    if rate is None:
        # No budget: no rate, no light (nothing to spend).
        return ExecutionFigures(None, time_percent, None, None)
    # V2: ratio = 执行率 / (月份/12) × 100, from the unrounded rate and time progress; only the
    # ratio is rounded, and the light is read from the rounded ratio that is shown.
    with calculation_context():
        exact_rate = to_decimal(data.executed) * _HUNDRED / to_decimal(data.budget)
    ratio = progress_ratio(exact_rate, time_progress_exact(data.year, data.month, scheme))
    light = None if ratio is None else light_for_ratio(ratio, scheme)
    return ExecutionFigures(rate, time_percent, ratio, light)


def monitoring_warnings(data: MonitoringInput, scheme: Scheme) -> list[Finding]:
    """Return every warning of one project at a checkpoint, in ``WARNING_TYPES`` order."""
    figures = execution_figures(data, scheme)
    found: list[Finding] = []
    found.extend(_execution_lag(data, figures))
    completions = _indicator_completions(data)
    exact_time = time_progress_exact(data.year, data.month, scheme)
    found.extend(_indicator_lag(completions, figures.time_progress, exact_time, scheme))
    found.extend(_qualitative(data))
    found.extend(_divergence(data, figures, completions, scheme))
    found.extend(_idle_funds(data, figures, scheme))
    found.extend(_deadline(data, scheme))
    return found


def _finding(rule: str, light: Light, subject: str, message: str, **figures: object) -> Finding:
    severity = Severity.ERROR if light is Light.RED else Severity.WARNING
    shown = {"colour": light.value}
    shown.update({name: _text(value) for name, value in figures.items()})
    return Finding(rule=rule, severity=severity, subject=subject, message=message, figures=shown)


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value)


def _execution_lag(data: MonitoringInput, figures: ExecutionFigures) -> list[Finding]:
    if figures.light is None or figures.light is Light.GREEN:
        # Green, or no budget: nothing lags.
        return []
    return [
        _finding(
            EXECUTION_LAG,
            figures.light,
            data.subject,
            f"1-{data.month}月预算执行率 {figures.execution_rate}%，序时进度 "
            f"{figures.time_progress}%，执行进度为序时进度的 {figures.ratio}%（"
            f"{figures.light.label}）。请分析原因并加快执行，或申请调剂预算。",
            budget=round_money(to_decimal(data.budget)),
            executed=round_money(to_decimal(data.executed)),
            execution_rate=figures.execution_rate,
            time_progress=figures.time_progress,
            ratio=figures.ratio,
        )
    ]


def _indicator_completions(
    data: MonitoringInput,
) -> list[tuple[IndicatorProgressInput, Decimal]]:
    """(indicator, completion %) of each quantitative indicator with a target and progress."""
    pairs = []
    for indicator in data.indicators:
        if indicator.target is None or indicator.progress is None:
            # Nothing reported yet, or a qualitative indicator: no completion figure.
            continue
        completion = indicator_completion_percent(
            indicator.comparator, indicator.target, indicator.progress
        )
        if completion is not None:
            pairs.append((indicator, completion))
    return pairs


def _indicator_lag(
    completions: list[tuple[IndicatorProgressInput, Decimal]],
    time_percent: Decimal,
    exact_time: Decimal,
    scheme: Scheme,
) -> list[Finding]:
    found = []
    for indicator, completion in completions:
        ratio = progress_ratio(completion, exact_time)
        if ratio is None:
            continue
        light = light_for_ratio(ratio, scheme)
        if light is Light.GREEN:
            continue
        found.append(
            _finding(
                INDICATOR_LAG,
                light,
                indicator.name,
                f"指标“{indicator.name}”年度指标值 {_plain(indicator.target)}，截至监控时点完成 "
                f"{_plain(indicator.progress)}，完成进度 {completion}%，为序时进度 "
                f"{time_percent}% 的 {ratio}%（{light.label}）。请说明偏差原因和纠偏措施。",
                target=_plain(indicator.target),
                progress=_plain(indicator.progress),
                completion=completion,
                time_progress=time_percent,
                ratio=ratio,
            )
        )
    return found


def _qualitative(data: MonitoringInput) -> list[Finding]:
    found = []
    for indicator in data.indicators:
        if not indicator.band:
            continue
        light = qualitative_light(indicator.band)
        if light is Light.GREEN:
            continue
        found.append(
            _finding(
                QUALITATIVE,
                light,
                indicator.name,
                f"定性指标“{indicator.name}”截至监控时点为“{QualitativeBand(indicator.band)}”"
                f"（{light.label}）。请说明偏差原因和纠偏措施。",
                band=QualitativeBand(indicator.band).value,
            )
        )
    return found


def _divergence(
    data: MonitoringInput,
    figures: ExecutionFigures,
    completions: list[tuple[IndicatorProgressInput, Decimal]],
    scheme: Scheme,
) -> list[Finding]:
    if figures.execution_rate is None or not completions:
        # No rate or no reported indicator: nothing to compare.
        return []
    with calculation_context():
        # Each completion counts at most 100 %: over-achieving one indicator must not hide
        # another that lags.
        capped = [min(completion, _HUNDRED) for _, completion in completions]
        mean = round_money(sum(capped, Decimal(0)) / Decimal(len(capped)))
        gap = round_money(mean - figures.execution_rate)
    if abs(gap) <= scheme.divergence_points:
        return []
    if gap > 0:
        direction = "指标完成进度明显快于资金支出进度，请核实支出是否及时入账或预算是否偏多"
    else:
        direction = "资金支出进度明显快于指标完成进度，请核实资金使用效益"
    return [
        _finding(
            DIVERGENCE,
            Light.YELLOW,
            data.subject,
            f"指标平均完成进度 {mean}%，预算执行率 {figures.execution_rate}%，相差 "
            f"{abs(gap)} 个百分点（阈值 {scheme.divergence_points}）：{direction}。",
            indicator_completion=mean,
            execution_rate=figures.execution_rate,
            gap=gap,
            threshold=round_money(scheme.divergence_points),
        )
    ]


def _idle_funds(data: MonitoringInput, figures: ExecutionFigures, scheme: Scheme) -> list[Finding]:
    if figures.execution_rate is None or figures.execution_rate >= scheme.idle_rate_below:
        return []
    return [
        _finding(
            IDLE_FUNDS,
            Light.RED,
            data.subject,
            f"年初预算 {round_money(to_decimal(data.budget))} 元，截至{data.month}月底仅支出 "
            f"{round_money(to_decimal(data.executed))} 元（执行率 {figures.execution_rate}%，"
            f"低于 {round_money(scheme.idle_rate_below)}%），资金基本闲置。请说明原因，"
            f"确定继续执行、调剂预算或取消项目。",
            budget=round_money(to_decimal(data.budget)),
            executed=round_money(to_decimal(data.executed)),
            execution_rate=figures.execution_rate,
            threshold=round_money(scheme.idle_rate_below),
        )
    ]


def _deadline(data: MonitoringInput, scheme: Scheme) -> list[Finding]:
    if data.is_submitted or data.deadline is None or data.today is None:
        return []
    days_left = (data.deadline - data.today).days
    if days_left > scheme.deadline_warning_days:
        return []
    if days_left < 0:
        light = Light.RED
        message = (
            f"监控表填报已于 {data.deadline.isoformat()} 截止，已逾期 {-days_left} 天，尚未提交。"
        )
    else:
        light = Light.YELLOW
        message = (
            f"监控表填报截止日期为 {data.deadline.isoformat()}，还剩 {days_left} 天，尚未提交。"
        )
    return [
        _finding(
            DEADLINE,
            light,
            data.subject,
            message + "请尽快填报并提交。",
            deadline=data.deadline.isoformat(),
            days_left=days_left,
        )
    ]


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(to_decimal(value).normalize(), "f")
