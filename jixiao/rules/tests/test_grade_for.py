"""grade_for: the one grade table (财预〔2020〕10号 第二十条)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jixiao.rules import NATIONAL_2020, GradeBand, grade_for


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100.00", "优"),
        ("93.83", "优"),
        ("90.00", "优"),  # 90(含)
        ("90", "优"),
        ("89.99", "良"),
        ("80.00", "良"),  # 80(含)
        ("79.99", "中"),
        ("60.00", "中"),  # 60(含)
        ("59.99", "差"),
        ("0.00", "差"),
        ("0", "差"),
        ("89.995", "优"),  # graded as rounded to 0.01 (PRODUCT.md §4)
        ("89.9949", "良"),
    ],
)
def test_it_grades_the_total_with_inclusive_lower_bounds(total: str, grade: str) -> None:
    assert grade_for(Decimal(total), NATIONAL_2020) == grade


def test_it_grades_with_the_schemes_own_bands() -> None:
    # rules.md §1.5 [V2]: ≥80 优, [70,80) 良, [60,70) 中, <60 差.
    scheme = NATIONAL_2020.with_settings(
        code="test-v2-bands",
        grade_bands=(
            GradeBand("优", Decimal(80)),
            GradeBand("良", Decimal(70)),
            GradeBand("中", Decimal(60)),
            GradeBand("差", Decimal(0)),
        ),
    )
    assert grade_for(Decimal("80.00"), scheme) == "优"
    assert grade_for(Decimal("79.99"), scheme) == "良"
    assert grade_for(Decimal("69.99"), scheme) == "中"


def test_it_refuses_a_total_below_the_lowest_band() -> None:
    with pytest.raises(ValueError, match=re.escape("总分 -0.01 低于最低等级“差”的下限 0")):
        grade_for(Decimal("-0.01"), NATIONAL_2020)


def test_it_refuses_a_float_total() -> None:
    with pytest.raises(ValueError, match="不接受浮点数"):
        grade_for(90.0, NATIONAL_2020)  # type: ignore[arg-type]
