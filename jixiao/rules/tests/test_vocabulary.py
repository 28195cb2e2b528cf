"""Comparators and qualitative bands: the words of the indicator table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.rules import Comparator, Flag, QualitativeBand


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥", Comparator.GE),
        (">=", Comparator.GE),
        ("≧", Comparator.GE),
        ("⩾", Comparator.GE),
        ("大于等于", Comparator.GE),
        (" ≥ ", Comparator.GE),
        (">", Comparator.GT),
        ("＞", Comparator.GT),
        ("=", Comparator.EQ),
        ("＝", Comparator.EQ),
        ("等于", Comparator.EQ),
        ("≤", Comparator.LE),
        ("<=", Comparator.LE),
        ("≦", Comparator.LE),
        ("⩽", Comparator.LE),
        ("小于等于", Comparator.LE),
        ("<", Comparator.LT),
        ("＜", Comparator.LT),
        ("定性", Comparator.QUALITATIVE),
        (Comparator.LT, Comparator.LT),
    ],
)
def test_it_parses_the_comparator_spellings(text: str, expected: Comparator) -> None:
    assert Comparator.parse(text) is expected


@pytest.mark.parametrize("text", ["", "≈", "about", "≥≥", "定量"])
def test_it_refuses_an_unknown_comparator_in_chinese(text: str) -> None:
    with pytest.raises(ValueError, match="无法识别计算符号"):
        Comparator.parse(text)


def test_it_refuses_a_comparator_that_is_not_text() -> None:
    with pytest.raises(ValueError, match="无法识别计算符号"):
        Comparator.parse(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("comparator", "is_reverse", "is_quantitative"),
    [
        (Comparator.GE, False, True),
        (Comparator.GT, False, True),
        (Comparator.EQ, False, True),
        (Comparator.LE, True, True),
        (Comparator.LT, True, True),
        (Comparator.QUALITATIVE, False, False),
    ],
)
def test_it_knows_reverse_and_quantitative_comparators(
    comparator: Comparator, is_reverse: bool, is_quantitative: bool
) -> None:
    assert comparator.is_reverse is is_reverse
    assert comparator.is_quantitative is is_quantitative


def test_it_writes_comparators_as_the_tables_do() -> None:
    assert [comparator.value for comparator in Comparator] == ["≥", ">", "=", "≤", "<", "定性"]


def test_it_uses_the_v4_strings_for_the_qualitative_bands() -> None:
    assert [band.value for band in QualitativeBand] == [
        "达成年度指标",
        "部分达成年度指标并具有一定效果",
        "未达成年度指标且效果较差",
    ]


def test_it_lists_the_flags_in_their_stable_order() -> None:
    assert [flag.value for flag in Flag] == [
        "over_achieved",
        "needs_explanation",
        "not_completed",
        "missing_actual",
        "manual_deduction",
    ]


@pytest.mark.parametrize(
    ("band", "weight", "interval"),
    [
        (QualitativeBand.ACHIEVED, "15", ("12.00", "15.00", True)),
        (QualitativeBand.PARTIAL, "15", ("9.00", "12.00", False)),
        (QualitativeBand.NOT_ACHIEVED, "15", ("0.00", "9.00", False)),
        # The edges are round_money(0.8w) and round_money(0.6w) (rules.md §1.3, V1).
        (QualitativeBand.ACHIEVED, "10.01", ("8.01", "10.01", True)),
        (QualitativeBand.PARTIAL, "10.01", ("6.01", "8.01", False)),
        (QualitativeBand.NOT_ACHIEVED, "10.01", ("0.00", "6.01", False)),
        (QualitativeBand.PARTIAL, "0.01", ("0.01", "0.01", False)),
    ],
)
def test_it_gives_the_band_intervals(
    band: QualitativeBand, weight: str, interval: tuple[str, str, bool]
) -> None:
    lower, upper, upper_is_inclusive = band.interval(Decimal(weight))
    assert (str(lower), str(upper), upper_is_inclusive) == interval


@pytest.mark.parametrize(
    ("band", "text"),
    [
        (QualitativeBand.ACHIEVED, "[12.00, 15.00]"),
        (QualitativeBand.PARTIAL, "[9.00, 12.00)"),
        (QualitativeBand.NOT_ACHIEVED, "[0.00, 9.00)"),
    ],
)
def test_it_prints_the_band_interval(band: QualitativeBand, text: str) -> None:
    assert band.interval_text(Decimal(15)) == text


@pytest.mark.parametrize(
    ("band", "score", "contains"),
    [
        (QualitativeBand.ACHIEVED, "12.00", True),  # 80 %(含) belongs to the upper band
        (QualitativeBand.ACHIEVED, "15.00", True),
        (QualitativeBand.ACHIEVED, "11.99", False),
        (QualitativeBand.ACHIEVED, "15.01", False),
        (QualitativeBand.PARTIAL, "12.00", False),
        (QualitativeBand.PARTIAL, "11.99", True),
        (QualitativeBand.PARTIAL, "9.00", True),  # 60 %(含) belongs to the middle band
        (QualitativeBand.PARTIAL, "8.99", False),
        (QualitativeBand.NOT_ACHIEVED, "9.00", False),
        (QualitativeBand.NOT_ACHIEVED, "8.99", True),
        (QualitativeBand.NOT_ACHIEVED, "0.00", True),
        (QualitativeBand.NOT_ACHIEVED, "-0.01", False),
    ],
)
def test_it_puts_the_band_edges_on_the_right_side(
    band: QualitativeBand, score: str, contains: bool
) -> None:
    assert band.contains(Decimal(score), Decimal(15)) is contains
