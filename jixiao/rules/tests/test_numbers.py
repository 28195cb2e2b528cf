"""round_money is the one rounding; to_decimal parses numbers the way people type them."""

from __future__ import annotations

import re
from decimal import Decimal, getcontext, localcontext

import pytest

from jixiao.rules import CENT, round_money, to_decimal


def test_it_defines_the_cent() -> None:
    assert str(CENT) == "0.01"
    assert type(CENT) is Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("9.5238095"), "9.52"),
        (Decimal("0.005"), "0.01"),  # half up, not half even
        (Decimal("0.015"), "0.02"),
        (Decimal("0.025"), "0.03"),  # half even would give 0.02
        (Decimal("2.675"), "2.68"),
        (Decimal("99.975"), "99.98"),
        (Decimal("14.61"), "14.61"),
        (Decimal("0.0049999"), "0.00"),
        (Decimal("-0.005"), "-0.01"),  # half up rounds away from zero, as Oracle's round
        (Decimal("-0.001"), "0.00"),  # no negative zero
        (Decimal("100"), "100.00"),
        (Decimal("1E+2"), "100.00"),
        (7, "7.00"),
    ],
)
def test_it_rounds_half_up_to_the_cent(value: Decimal, expected: str) -> None:
    rounded = round_money(value)
    assert rounded == Decimal(expected)
    assert str(rounded) == expected


def test_it_rounds_the_same_under_a_caller_context_of_low_precision() -> None:
    with localcontext() as context:
        context.prec = 3
        assert round_money(Decimal("123456.785")) == Decimal("123456.79")
    assert getcontext().prec == 28


@pytest.mark.parametrize("value", [9.52, True, "9.52", None])
def test_it_refuses_to_round_anything_but_decimal_or_int(value: object) -> None:
    with pytest.raises(TypeError, match="舍入只接受 Decimal 或整数"):
        round_money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_it_refuses_to_round_non_finite_numbers(value: Decimal) -> None:
    with pytest.raises(ValueError, match="无法舍入非有限数值"):
        round_money(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("12.50"), Decimal("12.50")),
        (100, Decimal(100)),
        (-3, Decimal(-3)),
        ("99975", Decimal("99975")),
        ("  99,975.00 ", Decimal("99975.00")),
        ("1,234,567.891", Decimal("1234567.891")),
        ("１２３．４５", Decimal("123.45")),
        ("１,０００", Decimal("1000")),
        ("－５", Decimal("-5")),
        ("+7", Decimal("7")),
        ("-0.5", Decimal("-0.5")),
        (".5", Decimal("0.5")),
        ("\u300012\u3000", Decimal("12")),
        ("0", Decimal("0")),
    ],
)
def test_it_parses_numbers_as_typed(value: object, expected: Decimal) -> None:
    parsed = to_decimal(value)
    assert parsed == expected
    assert type(parsed) is Decimal


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.1, "不接受浮点数"),
        (1.0, "不接受浮点数"),
        (True, "布尔值"),
        (False, "布尔值"),
        (Decimal("NaN"), "不是有限数"),
        (Decimal("Infinity"), "不是有限数"),
        ("", "数值为空"),
        ("   ", "数值为空"),
        ("NaN", "无法识别数值"),
        ("Infinity", "无法识别数值"),
        ("inf", "无法识别数值"),
        ("abc", "无法识别数值"),
        ("1e5", "无法识别数值"),
        ("100%", "无法识别数值"),
        ("1,23", "无法识别数值"),
        ("1234,567", "无法识别数值"),
        ("12 34", "无法识别数值"),
        ("5.", "无法识别数值"),
        ("-", "无法识别数值"),
        ("1.2.3", "无法识别数值"),
        ("٣", "无法识别数值"),  # an Arabic-Indic digit: Decimal would accept it, we do not
        (None, "无法把 NoneType"),
        ([1], "无法把 list"),
    ],
)
def test_it_refuses_what_is_not_a_plain_number(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        to_decimal(value)
