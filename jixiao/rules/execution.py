"""Budget execution (预算执行率) for the self-evaluation table (自评表, 财预〔2020〕10号 附件1).

One function per definition: this is the 自评表 rate B / A (全年执行数 / 全年预算数). The
部门/财政评价 rate 实际支出 / 实际到位 (财预〔2020〕10号 附件2, rules.md §3.1) is a different
measure and gets its own function beside these when it is needed. ``jixiao.rules.scoring``
re-exports all three.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.rules.numbers import calculation_context, round_money, to_decimal
from jixiao.rules.schemes import Scheme

__all__ = ["execution_rate", "execution_rate_percent", "execution_score"]

_ZERO = Decimal("0.00")


def execution_rate(budget: Decimal, executed: Decimal) -> Decimal | None:
    """Return the unrounded execution rate B / A, or None when the budget A is ≤ 0.

    财预〔2020〕10号 附件1: 执行率 = 全年执行数(B) / 全年预算数(A) — the adjusted full-year
    budget, not 年初预算数. Not the 部门/财政评价 rate 实际支出/实际到位 (rules.md §3.1).
    A negative or above-100 % rate is returned as it is; only the score caps it.
    """
    budget_amount = to_decimal(budget)
    executed_amount = to_decimal(executed)
    if budget_amount <= 0:
        # No budget, no rate: avoid ÷0 (rules.md §1.4).
        return None
    with calculation_context():
        return executed_amount / budget_amount


def execution_rate_percent(budget: Decimal, executed: Decimal) -> Decimal | None:
    """Return 100 × B / A rounded to 0.01 (PRODUCT.md §4: rates shown to 0.01 %), or None."""
    rate = execution_rate(budget, executed)
    if rate is None:
        return None
    with calculation_context():
        return round_money(100 * rate)


def execution_score(budget: Decimal, executed: Decimal, scheme: Scheme) -> Decimal:
    """Return the 预算执行率 score: execution_weight × min(B / A, 1), rounded to 0.01.

    财预〔2020〕10号 附件1 (rules.md §1.4). 0.00 when the budget is ≤ 0 or the spending is
    negative.
    """
    rate = execution_rate(budget, executed)
    if rate is None:
        # No budget: nothing to score against (rules.md §1.4).
        return _ZERO
    if rate < 0:
        # A negative executed amount counts as 0 (brief; as negative actuals, PRODUCT.md §4).
        rate = Decimal(0)
    with calculation_context():
        return round_money(scheme.execution_weight * min(rate, Decimal(1)))
