"""Checks of the expenditure ledger: dates within the fiscal year, 三重一大 coverage.

Pure functions over ``Decimal`` and ``datetime.date``; no Django.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from jixiao.rules.numbers import round_money, to_decimal

__all__ = [
    "DEFAULT_MAJOR_DECISION_THRESHOLD",
    "amount_problem",
    "date_in_fiscal_year",
    "major_decision_threshold",
    "needs_major_decision",
]

# The 三重一大 (重大决策、重要人事任免、重大项目安排和大额资金使用) amount above which spending
# needs a collective decision is set by each unit's own 三重一大 implementing rules (中共中央办公厅
# 国务院办公厅《关于进一步推进国有企业贯彻落实“三重一大”决策制度的意见》(2010) and the local
# rules that extend it to 党政机关); there is no national figure. A unit records its own in
# Organisation.major_decision_threshold; where it has none, this scheme-like default applies.
DEFAULT_MAJOR_DECISION_THRESHOLD = Decimal("50000.00")


def major_decision_threshold(unit_threshold: Decimal | None) -> Decimal:
    """The 三重一大 amount (元) for a unit: its own when set, else the default of 50,000 元."""
    if unit_threshold is None:
        return DEFAULT_MAJOR_DECISION_THRESHOLD
    return round_money(to_decimal(unit_threshold))


def needs_major_decision(
    amount: Decimal, *, threshold: Decimal, is_reversed: bool, has_decision: bool
) -> bool:
    """True when a ledger entry needs a linked 三重一大 decision and has none.

    An amount at or above the threshold (inclusive: "达到" the standard counts) needs one;
    a reversed entry and a reversal (negative amount) do not, since the spending no longer
    stands.
    """
    if is_reversed or has_decision:
        return False
    value = to_decimal(amount)
    return value > 0 and value >= threshold


def date_in_fiscal_year(date: datetime.date, year: int) -> bool:
    """True when ``date`` falls in fiscal ``year`` (PRODUCT.md §4: the calendar year)."""
    return date.year == year


def amount_problem(text: str, *, allow_zero: bool = False) -> tuple[Decimal | None, str]:
    """Parse an amount in 元 typed by a person: ``(value, "")`` or ``(None, 中文说明)``.

    Accepts what ``to_decimal`` accepts ("1,000.50", full-width digits). Refuses negative
    amounts, more than two decimals (amounts are kept to the 分) and, unless ``allow_zero``,
    zero.
    """
    try:
        value = to_decimal(text)
    except ValueError as error:
        return None, str(error)
    if value < 0:
        return None, f"金额不能为负数（{text.strip()}）。"
    if round_money(value) != value:
        return None, f"金额“{text.strip()}”最多保留两位小数（到分）。"
    if value == 0 and not allow_zero:
        return None, "金额必须大于 0。"
    if value >= Decimal("1e14"):
        return None, f"金额“{text.strip()}”过大，请核对。"
    return round_money(value), ""
