"""Monitoring figures (运行监控, 双监控): time progress, progress ratios and traffic lights.

rules.md §7 (V2 vendor practice): ``ratio = 执行率 / 序时进度 × 100``; red below 60, yellow from
60 to below 80, green from 80 — the bands and the way 序时进度 is counted are scheme settings
(``light_red_below``, ``light_green_from``, ``time_progress_method``). Qualitative indicators
take their light from their band (V2: 达成 green, 部分达成 yellow, 未达成 red).
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal
from enum import StrEnum

from jixiao.rules.numbers import calculation_context, round_money, to_decimal
from jixiao.rules.schemes import Scheme
from jixiao.rules.vocabulary import Comparator, QualitativeBand

__all__ = [
    "EXECUTION_RATE_BUCKETS",
    "Light",
    "TimeProgressMethod",
    "checkpoint_end",
    "indicator_completion_percent",
    "light_for_ratio",
    "monitoring_execution_rate",
    "progress_ratio",
    "qualitative_light",
    "time_progress_exact",
    "time_progress_percent",
]

_HUNDRED = Decimal(100)


class TimeProgressMethod(StrEnum):
    """How 序时进度 is counted (rules.md §7: month/12 per V2, days per another vendor)."""

    MONTHS = "months"
    DAYS = "days"


class Light(StrEnum):
    """A monitoring light. ``label`` is the Chinese word shown in pages and tables."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        """绿灯 / 黄灯 / 红灯."""
        return {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}[self.value]


def checkpoint_end(year: int, month: int) -> datetime.date:
    """Return the last day of the checkpoint month: (2023, 7) → 2023-07-31.

    Raises ``ValueError`` (Chinese) for a month outside 1–12.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"监控月份 {month} 无效，应在 1 到 12 之间。")
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def time_progress_exact(year: int, month: int, scheme: Scheme) -> Decimal:
    """Return 序时进度 at the end of ``month`` in percent, unrounded (for ratios).

    ``months`` (default, V2): month / 12 × 100. ``days``: days elapsed up to and including the
    last day of the month / days in the year × 100.
    """
    end = checkpoint_end(year, month)
    method = TimeProgressMethod(scheme.time_progress_method)
    with calculation_context():
        if method is TimeProgressMethod.MONTHS:
            return Decimal(month) * _HUNDRED / Decimal(12)
        days_in_year = 366 if calendar.isleap(year) else 365
        return Decimal(end.timetuple().tm_yday) * _HUNDRED / Decimal(days_in_year)


def time_progress_percent(year: int, month: int, scheme: Scheme) -> Decimal:
    """Return 序时进度 in percent rounded to 0.01, as shown: 7 → 58.33; 2023-07 by days →
    212/365 → 58.08."""
    return round_money(time_progress_exact(year, month, scheme))


def monitoring_execution_rate(budget: Decimal, executed: Decimal) -> Decimal | None:
    """Return 1-7月执行率 = executed to the checkpoint / budget × 100, rounded to 0.01.

    rules.md §2.3: the denominator is 年初预算数 in the 136号 table (the caller passes the budget
    it uses). None when the budget is ≤ 0: no budget, no rate.
    """
    budget_amount = to_decimal(budget)
    if budget_amount <= 0:
        return None
    with calculation_context():
        return round_money(to_decimal(executed) * _HUNDRED / budget_amount)


def progress_ratio(progress_percent: Decimal, time_percent: Decimal) -> Decimal | None:
    """Return progress / 序时进度 × 100 (rules.md §7 V2), rounded to 0.01; None when 序时进度 ≤ 0.

    ``progress_percent`` is an execution rate or an indicator completion in percent.
    """
    time_value = to_decimal(time_percent)
    if time_value <= 0:
        return None
    with calculation_context():
        return round_money(to_decimal(progress_percent) * _HUNDRED / time_value)


def light_for_ratio(ratio: Decimal, scheme: Scheme) -> Light:
    """Return the light of a progress ratio: red below ``light_red_below`` (60), yellow below
    ``light_green_from`` (80), green from it (rules.md §7 V2; exactly 60 is yellow, exactly 80
    green)."""
    value = to_decimal(ratio)
    if value < scheme.light_red_below:
        return Light.RED
    if value < scheme.light_green_from:
        return Light.YELLOW
    return Light.GREEN


def qualitative_light(band: QualitativeBand | str) -> Light:
    """Return the light of a qualitative indicator's band (rules.md §2.3 V2): 达成 green,
    部分达成 yellow, 未达成 red."""
    parsed = QualitativeBand(band)
    if parsed is QualitativeBand.ACHIEVED:
        return Light.GREEN
    if parsed is QualitativeBand.PARTIAL:
        return Light.YELLOW
    return Light.RED


def indicator_completion_percent(
    comparator: Comparator | str, target: Decimal, progress: Decimal
) -> Decimal | None:
    """Return how far a quantitative indicator is towards its annual target, in percent.

    Positive indicators (≥ > =): progress / target × 100. Reverse indicators (≤ <, e.g. a cost
    ceiling): 100 while the progress stays within the target, else target / progress × 100.
    None for 定性 indicators and when the target (or, for a reverse indicator over its target,
    the progress) is ≤ 0 — there is nothing to divide by.
    """
    parsed = Comparator.parse(comparator)
    if not parsed.is_quantitative:
        return None
    target_value = to_decimal(target)
    progress_value = to_decimal(progress)
    with calculation_context():
        if parsed.is_reverse:
            if progress_value <= target_value:
                return round_money(_HUNDRED)
            if progress_value <= 0:
                return None
            return round_money(target_value * _HUNDRED / progress_value)
        if target_value <= 0:
            return None
        return round_money(progress_value * _HUNDRED / target_value)


# The execution-rate distribution of the bureau's overview: (code, label, lower %, upper %),
# lower inclusive, upper exclusive, None for open. The drill-down filters on the same edges.
EXECUTION_RATE_BUCKETS: tuple[tuple[str, str, Decimal | None, Decimal | None], ...] = (
    ("0-20", "<20%", None, Decimal(20)),
    ("20-40", "20%–40%", Decimal(20), Decimal(40)),
    ("40-60", "40%–60%", Decimal(40), Decimal(60)),
    ("60-80", "60%–80%", Decimal(60), Decimal(80)),
    ("80-100", "80%–100%", Decimal(80), Decimal(100)),
    ("100-", "≥100%", Decimal(100), None),
)
