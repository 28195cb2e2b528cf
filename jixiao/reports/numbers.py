"""How report figures are printed (PRODUCT.md §6 "Money and numbers"). Django-free.

Amounts are stored in 元 with two decimals. Tables in 万元 show four decimals (99,975 元 =
9.9975 万元); prose drops trailing zeros ("10万元"). Every rounding goes through
``jixiao.rules.numbers.round_money``: one 万元 with four decimals is 元 / 100 rounded to 0.01
and divided by 100 again, which is exact in Decimal.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.rules.numbers import round_money

__all__ = ["percent", "plain", "score", "wan", "wan_plain", "wan_table", "yuan_table"]

_HUNDRED = Decimal(100)


def wan(amount_yuan: Decimal) -> Decimal:
    """Return the amount in 万元 with four decimals: 99975.00 → Decimal("9.9975")."""
    # scaleb moves the decimal point exactly: 999.75 → 9.9975, 1000.00 → 10.0000.
    return round_money(Decimal(amount_yuan) / _HUNDRED).scaleb(-2)


def plain(value: Decimal) -> str:
    """A Decimal without trailing zeros in plain notation: 10.0000 → "10", 12.50 → "12.5"."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in ("-0", "") else text


def wan_plain(amount_yuan: Decimal) -> str:
    """万元 for prose, without trailing zeros: 100000 → "10", 99975 → "9.9975"."""
    return plain(wan(amount_yuan))


def wan_table(amount_yuan: Decimal | None) -> str:
    """万元 for tables: four decimals with thousands separators: 1234567.8 → "123.4568"."""
    if amount_yuan is None:
        return ""
    return f"{wan(amount_yuan):,.4f}"


def yuan_table(amount_yuan: Decimal | None) -> str:
    """元 for tables: two decimals with thousands separators: 99975 → "99,975.00"."""
    if amount_yuan is None:
        return ""
    return f"{round_money(Decimal(amount_yuan)):,.2f}"


def percent(rate: Decimal | None) -> str:
    """A rate already in percent and rounded (rules.execution_rate_percent): "99.98%"; "—"."""
    if rate is None:
        return "—"
    return f"{rate:.2f}%"


def score(value: Decimal | None) -> str:
    """A score or weight with two decimals: 12.5 → "12.50"; "" when missing."""
    if value is None:
        return ""
    return f"{round_money(Decimal(value)):.2f}"
