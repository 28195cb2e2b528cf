"""三重一大 threshold, fiscal-year dates and typed amounts (jixiao.rules.ledger_checks)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from jixiao.rules.ledger_checks import (
    DEFAULT_MAJOR_DECISION_THRESHOLD,
    amount_problem,
    date_in_fiscal_year,
    major_decision_threshold,
    needs_major_decision,
)


def test_it_defaults_the_threshold_to_fifty_thousand_yuan() -> None:
    assert Decimal("50000.00") == DEFAULT_MAJOR_DECISION_THRESHOLD
    assert major_decision_threshold(None) == Decimal("50000.00")
    assert major_decision_threshold(Decimal("30000")) == Decimal("30000.00")


@pytest.mark.parametrize(
    ("amount", "is_reversed", "has_decision", "expected"),
    [
        (Decimal("50000.00"), False, False, True),  # at the threshold: inclusive
        (Decimal("49999.99"), False, False, False),
        (Decimal("56300"), False, True, False),
        (Decimal("56300"), True, False, False),
        (Decimal("-56300"), True, False, False),  # a reversal
    ],
)
def test_it_flags_large_standing_entries_without_a_decision(
    amount, is_reversed, has_decision, expected
) -> None:
    assert (
        needs_major_decision(
            amount,
            threshold=Decimal("50000.00"),
            is_reversed=is_reversed,
            has_decision=has_decision,
        )
        is expected
    )


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2023, 1, 1), True),
        (datetime.date(2023, 12, 31), True),
        (datetime.date(2022, 12, 31), False),
        (datetime.date(2024, 1, 1), False),
    ],
)
def test_it_keeps_dates_within_the_calendar_year(date, expected) -> None:
    assert date_in_fiscal_year(date, 2023) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000.50", (Decimal("1000.50"), "")),
        ("１０００", (Decimal("1000.00"), "")),
        ("12.500", (Decimal("12.50"), "")),
        ("-5", (None, "金额不能为负数（-5）。")),
        ("0", (None, "金额必须大于 0。")),
        ("10.555", (None, "金额“10.555”最多保留两位小数（到分）。")),
        (
            "abc",
            (None, "无法识别数值“abc”：请只填写数字，可带小数点和千位分隔符（如 1,234.50）。"),
        ),
        ("100000000000000", (None, "金额“100000000000000”过大，请核对。")),
    ],
)
def test_it_parses_amounts_as_typed(text, expected) -> None:
    assert amount_problem(text) == expected


def test_it_accepts_zero_where_allowed() -> None:
    assert amount_problem("0", allow_zero=True) == (Decimal("0.00"), "")
