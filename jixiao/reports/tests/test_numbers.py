"""How report figures are printed (PRODUCT.md §6 "Money and numbers")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.reports.numbers import percent, score, wan, wan_plain, wan_table, yuan_table


@pytest.mark.parametrize(
    ("yuan", "expected"),
    [
        (Decimal("99975.00"), Decimal("9.9975")),
        (Decimal("100000.00"), Decimal("10.0000")),
        (Decimal("12345.67"), Decimal("1.2346")),  # ROUND_HALF_UP at 0.0001 万元
        (Decimal("0.00"), Decimal("0.0000")),
    ],
)
def test_it_converts_yuan_to_wan_with_four_decimals(yuan, expected):
    assert wan(yuan) == expected
    assert str(wan(yuan)) == str(expected)


def test_it_prints_wan_in_prose_without_trailing_zeros():
    assert wan_plain(Decimal("100000.00")) == "10"
    assert wan_plain(Decimal("99975.00")) == "9.9975"
    assert wan_plain(Decimal("0")) == "0"


def test_it_prints_table_amounts_with_thousands_separators():
    assert wan_table(Decimal("123456789.00")) == "12,345.6789"
    assert wan_table(Decimal("100000")) == "10.0000"
    assert wan_table(None) == ""
    assert yuan_table(Decimal("99975")) == "99,975.00"
    assert yuan_table(Decimal("1800")) == "1,800.00"


def test_it_prints_rates_and_scores_with_two_decimals():
    assert percent(Decimal("99.98")) == "99.98%"
    assert percent(None) == "—"
    assert score(Decimal("12.5")) == "12.50"
    assert score(None) == ""
