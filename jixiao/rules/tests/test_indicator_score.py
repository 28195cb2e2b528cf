"""indicator_score: every branch of rules.md §1.2/§1.3 with the PRODUCT.md §4 defaults."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jixiao.rules import (
    NATIONAL_2020,
    Comparator,
    Flag,
    IndicatorInput,
    IndicatorScore,
    QualitativeBand,
    ReverseFormula,
    Scheme,
    ScoringError,
    indicator_score,
)
from jixiao.rules.tests.helpers import qualitative, quantitative

OVER = Flag.OVER_ACHIEVED
EXPLAIN = Flag.NEEDS_EXPLANATION
UNDONE = Flag.NOT_COMPLETED
MISSING = Flag.MISSING_ACTUAL
DEDUCTED = Flag.MANUAL_DEDUCTION

DEVIATION = NATIONAL_2020.with_settings(
    code="test-deviation", reverse_formula=ReverseFormula.DEVIATION
)


def scored(
    indicator: IndicatorInput, scheme: Scheme = NATIONAL_2020
) -> tuple[str, bool, tuple[Flag, ...]]:
    """(score as text, is_completed, flags) — the score's text proves its two places."""
    result = indicator_score(indicator, scheme)
    return str(result.score), result.is_completed, result.flags


# (comparator, T, X, w) → (score, completed, flags)
QUANTITATIVE = [
    # ≥: full marks when X ≥ T, else w × X / T (财预〔2020〕10号 第十四条).
    ("≥", "500", "487", "15", "14.61", False, (EXPLAIN, UNDONE)),
    ("≥", "95", "98", "15", "15.00", True, ()),  # 103 % < 130 %: no flag
    ("≥", "100", "100", "10", "10.00", True, ()),
    ("≥", "100", "50", "10", "5.00", False, (EXPLAIN, UNDONE)),
    ("≥", "100", "0", "10", "0.00", False, (EXPLAIN, UNDONE)),
    ("≥", "3", "2", "10", "6.67", False, (EXPLAIN, UNDONE)),
    ("≥", "200", "1", "1", "0.01", False, (EXPLAIN, UNDONE)),  # 0.005 rounds half up
    ("≥", "500", "499.9", "15", "15.00", False, (EXPLAIN, UNDONE)),  # 14.997 → 15.00, not met
    ("≥", "100", "129.99", "10", "10.00", True, ()),  # 1.2999 T: no flag
    ("≥", "100", "130", "10", "10.00", True, (OVER, EXPLAIN)),  # 1.3 T inclusive
    ("≥", "100", "1000", "10", "10.00", True, (OVER, EXPLAIN)),  # capped at w, never deducted
    # >: completed only when X > T; X = T scores w × T/T = w yet is not completed.
    (">", "100", "101", "10", "10.00", True, ()),
    (">", "100", "100", "10", "10.00", False, (EXPLAIN, UNDONE)),
    (">", "100", "90", "10", "9.00", False, (EXPLAIN, UNDONE)),
    (">", "100", "130", "10", "10.00", True, (OVER, EXPLAIN)),
    # =: met when X = T; otherwise like ≥ (V1).
    ("=", "100", "100", "10", "10.00", True, ()),
    ("=", "100", "90", "10", "9.00", False, (EXPLAIN, UNDONE)),
    ("=", "100", "110", "10", "10.00", True, ()),
    ("=", "100", "130", "10", "10.00", True, (OVER, EXPLAIN)),
    # ≤ < under option A (national-2020): w × T / X when missed.
    ("≤", "2000", "2100", "10", "9.52", False, (EXPLAIN, UNDONE)),
    ("≤", "2000", "2000", "10", "10.00", True, ()),
    ("≤", "2000", "1500", "10", "10.00", True, ()),
    ("≤", "2000", "100", "10", "10.00", True, ()),  # far below target: no over-achievement flag
    ("≤", "2000", "4000", "10", "5.00", False, (EXPLAIN, UNDONE)),
    ("≤", "2000", "8000", "10", "2.50", False, (EXPLAIN, UNDONE)),
    ("<", "2000", "1999", "10", "10.00", True, ()),
    ("<", "2000", "2000", "10", "10.00", False, (EXPLAIN, UNDONE)),
    ("<", "2000", "2100", "10", "9.52", False, (EXPLAIN, UNDONE)),
    # T = 0 (PRODUCT.md §4 default), no division by zero.
    ("≥", "0", "0", "10", "10.00", True, ()),
    ("≥", "0", "5", "10", "10.00", True, ()),  # no over-achievement flag when T = 0
    (">", "0", "0", "10", "10.00", True, ()),
    ("≤", "0", "0", "10", "10.00", True, ()),
    ("≤", "0", "1", "10", "0.00", False, (EXPLAIN, UNDONE)),
    ("<", "0", "0", "10", "10.00", True, ()),
    ("<", "0", "0.01", "10", "0.00", False, (EXPLAIN, UNDONE)),
    ("=", "0", "0", "10", "10.00", True, ()),
    ("=", "0", "2", "10", "0.00", False, (EXPLAIN, UNDONE)),
    # Negative actual counts as 0 (PRODUCT.md §4 default, V3).
    ("≥", "100", "-5", "10", "0.00", False, (EXPLAIN, UNDONE)),
    ("=", "100", "-5", "10", "0.00", False, (EXPLAIN, UNDONE)),
    ("≤", "100", "-5", "10", "10.00", True, ()),
    ("≤", "0", "-3", "10", "10.00", True, ()),
    ("≥", "0", "-3", "10", "10.00", True, ()),
    ("=", "0", "-3", "10", "10.00", True, ()),
    # Weight 0 scores 0 and stays "full".
    ("≥", "100", "50", "0", "0.00", False, (EXPLAIN, UNDONE)),
    ("≥", "100", "100", "0", "0.00", True, ()),
]


@pytest.mark.parametrize(
    ("comparator", "target", "actual", "weight", "score", "completed", "flags"), QUANTITATIVE
)
def test_it_scores_quantitative_indicators(
    comparator: str,
    target: str,
    actual: str,
    weight: str,
    score: str,
    completed: bool,
    flags: tuple[Flag, ...],
) -> None:
    indicator = quantitative(comparator, target, actual, weight)
    assert scored(indicator) == (score, completed, flags)


# Option B (V1): w × (1 − (X−T)/T) for T < X < 2T, 0 for X ≥ 2T.
DEVIATION_CASES = [
    ("≤", "2000", "2100", "9.50", False),
    ("≤", "2000", "3000", "5.00", False),
    ("≤", "2000", "3999", "0.01", False),  # 0.005 rounds half up
    ("≤", "2000", "4000", "0.00", False),  # X = 2T
    ("≤", "2000", "5000", "0.00", False),
    ("≤", "2000", "2000", "10.00", True),
    ("≤", "2000", "1000", "10.00", True),
    ("<", "2000", "2000", "10.00", False),
    ("<", "2000", "2100", "9.50", False),
    ("≤", "0", "1", "0.00", False),  # T = 0 is the same under both options
]


@pytest.mark.parametrize(("comparator", "target", "actual", "score", "completed"), DEVIATION_CASES)
def test_it_scores_reverse_indicators_by_deviation_when_the_scheme_says_so(
    comparator: str, target: str, actual: str, score: str, completed: bool
) -> None:
    result = indicator_score(quantitative(comparator, target, actual, "10"), DEVIATION)
    assert (str(result.score), result.is_completed) == (score, completed)


def test_it_leaves_positive_indicators_alone_under_the_deviation_option() -> None:
    assert scored(quantitative("≥", "500", "487", "15"), DEVIATION) == (
        "14.61",
        False,
        (EXPLAIN, UNDONE),
    )


def test_it_follows_the_schemes_over_achievement_ratio() -> None:
    scheme = NATIONAL_2020.with_settings(code="test-ratio", over_achievement_ratio=Decimal("1.10"))
    assert scored(quantitative("≥", "100", "110", "10"), scheme) == ("10.00", True, (OVER, EXPLAIN))
    assert scored(quantitative("≥", "100", "109.99", "10"), scheme) == ("10.00", True, ())


def test_it_flags_a_missing_actual_with_zero_points() -> None:
    assert scored(quantitative("≥", "100", None, "10")) == (
        "0.00",
        False,
        (EXPLAIN, UNDONE, MISSING),
    )


def test_it_flags_a_missing_qualitative_choice_with_zero_points() -> None:
    assert scored(qualitative(None, "15")) == ("0.00", False, (EXPLAIN, UNDONE, MISSING))


def test_it_ignores_a_draft_score_while_no_qualitative_choice_is_made() -> None:
    assert scored(qualitative(None, "15", "10.50")) == ("0.00", False, (EXPLAIN, UNDONE, MISSING))


def test_it_marks_a_missing_actual_of_a_zero_weight_as_not_completed() -> None:
    assert scored(quantitative("≥", "100", None, "0")) == (
        "0.00",
        False,
        (EXPLAIN, UNDONE, MISSING),
    )


@pytest.mark.parametrize(
    ("deduction", "score"),
    [("2", "8.00"), ("0.01", "9.99"), ("10", "0.00")],
)
def test_it_applies_a_manual_deduction_to_an_over_achieved_indicator(
    deduction: str, score: str
) -> None:
    indicator = quantitative("≥", "100", "150", "10", deduction=deduction)
    assert scored(indicator) == (score, True, (OVER, EXPLAIN, DEDUCTED))


def test_it_applies_no_deduction_of_zero() -> None:
    assert scored(quantitative("≥", "100", "150", "10", deduction="0.00")) == (
        "10.00",
        True,
        (OVER, EXPLAIN),
    )


@pytest.mark.parametrize(
    "indicator",
    [
        quantitative("≥", "100", "129.99", "10", deduction="1", name="培训人次"),
        quantitative("≥", "100", "90", "10", deduction="1", name="培训人次"),
        quantitative("≤", "100", "10", "10", deduction="1", name="培训人次"),
        quantitative("≥", "0", "50", "10", deduction="1", name="培训人次"),
        quantitative("≥", "100", None, "10", deduction="1", name="培训人次"),
        IndicatorInput(
            "培训人次",
            "效益指标",
            "社会效益指标",
            Comparator.QUALITATIVE,
            Decimal(15),
            band=QualitativeBand.ACHIEVED,
            deduction=Decimal(1),
        ),
    ],
)
def test_it_refuses_a_deduction_unless_over_achieved(indicator: IndicatorInput) -> None:
    with pytest.raises(ScoringError, match="只有超额完成") as caught:
        indicator_score(indicator, NATIONAL_2020)
    assert str(caught.value).startswith("指标“培训人次”：")
    assert caught.value.indicator == "培训人次"


def test_it_refuses_a_deduction_larger_than_the_score() -> None:
    indicator = quantitative("≥", "100", "150", "10", deduction="10.01", name="培训人次")
    with pytest.raises(ScoringError, match=re.escape("扣分 10.01 超过了得分 10.00")):
        indicator_score(indicator, NATIONAL_2020)


# (band, w, chosen) → (score, completed, flags)
QUALITATIVE = [
    # PRODUCT.md §4 defaults: 达成 100 %, 部分达成 70 %, 未达成 30 %.
    (QualitativeBand.ACHIEVED, "15", None, "15.00", True, ()),
    (QualitativeBand.PARTIAL, "15", None, "10.50", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.NOT_ACHIEVED, "15", None, "4.50", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.PARTIAL, "10", None, "7.00", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.NOT_ACHIEVED, "12.5", None, "3.75", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.PARTIAL, "7.55", None, "5.29", False, (EXPLAIN, UNDONE)),  # 5.285 → 5.29
    # Chosen inside the band (rules.md §1.3); edges: (含) belongs to the lower number.
    (QualitativeBand.ACHIEVED, "15", "15.00", "15.00", True, ()),
    (QualitativeBand.ACHIEVED, "15", "12.00", "12.00", True, (EXPLAIN, UNDONE)),
    (QualitativeBand.PARTIAL, "15", "10.50", "10.50", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.PARTIAL, "15", "11.99", "11.99", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.PARTIAL, "15", "9", "9.00", False, (EXPLAIN, UNDONE)),  # s = 0.6w accepted
    (QualitativeBand.PARTIAL, "10", "6.00", "6.00", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.NOT_ACHIEVED, "15", "8.99", "8.99", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.NOT_ACHIEVED, "15", "0", "0.00", False, (EXPLAIN, UNDONE)),
    # Edges are round_money(0.8w) = 8.01 and round_money(0.6w) = 6.01 for w = 10.01.
    (QualitativeBand.PARTIAL, "10.01", "8.00", "8.00", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.PARTIAL, "10.01", "6.01", "6.01", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.ACHIEVED, "10.01", "8.01", "8.01", True, (EXPLAIN, UNDONE)),
    # Tiny weights: the default stays inside its band.
    (QualitativeBand.PARTIAL, "0.05", None, "0.03", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.NOT_ACHIEVED, "0.01", None, "0.00", False, (EXPLAIN, UNDONE)),
    # Weight 0: nothing to share out, 0 points in every band.
    (QualitativeBand.ACHIEVED, "0", None, "0.00", True, ()),
    (QualitativeBand.PARTIAL, "0", None, "0.00", False, (EXPLAIN, UNDONE)),
    (QualitativeBand.NOT_ACHIEVED, "0", "0.00", "0.00", False, (EXPLAIN, UNDONE)),
]


@pytest.mark.parametrize(("band", "weight", "chosen", "score", "completed", "flags"), QUALITATIVE)
def test_it_scores_qualitative_indicators_inside_their_band(
    band: QualitativeBand,
    weight: str,
    chosen: str | None,
    score: str,
    completed: bool,
    flags: tuple[Flag, ...],
) -> None:
    assert scored(qualitative(band, weight, chosen)) == (score, completed, flags)


@pytest.mark.parametrize(
    ("band", "weight", "chosen", "interval"),
    [
        (QualitativeBand.PARTIAL, "15", "12.00", "[9.00, 12.00)"),  # s = 0.8w rejected
        (QualitativeBand.PARTIAL, "15", "8.99", "[9.00, 12.00)"),
        (QualitativeBand.PARTIAL, "10", "8.00", "[6.00, 8.00)"),
        (QualitativeBand.PARTIAL, "10.01", "8.01", "[6.01, 8.01)"),
        (QualitativeBand.PARTIAL, "10.01", "6.00", "[6.01, 8.01)"),
        (QualitativeBand.ACHIEVED, "15", "11.99", "[12.00, 15.00]"),
        (QualitativeBand.ACHIEVED, "15", "15.01", "[12.00, 15.00]"),
        (QualitativeBand.NOT_ACHIEVED, "15", "9.00", "[0.00, 9.00)"),
        (QualitativeBand.NOT_ACHIEVED, "15", "-1", "[0.00, 9.00)"),
    ],
)
def test_it_refuses_a_chosen_score_outside_its_band(
    band: QualitativeBand, weight: str, chosen: str, interval: str
) -> None:
    indicator = qualitative(band, weight, chosen, name="学员技能提升")
    with pytest.raises(ScoringError) as caught:
        indicator_score(indicator, NATIONAL_2020)
    message = str(caught.value)
    assert message.startswith("指标“学员技能提升”：")
    assert f"“{band}”" in message
    assert interval in message


def test_it_explains_a_rejected_score_in_full() -> None:
    indicator = qualitative(QualitativeBand.PARTIAL, "15", "12.00", name="学员技能提升")
    with pytest.raises(ScoringError) as caught:
        indicator_score(indicator, NATIONAL_2020)
    assert str(caught.value) == (
        "指标“学员技能提升”：实际完成情况为“部分达成年度指标并具有一定效果”时，"
        "得分应在 [9.00, 12.00) 区间内（分值 15.00），填写的 12.00 不在该区间。"
    )


def test_it_refuses_a_band_that_is_empty_for_a_tiny_weight() -> None:
    with pytest.raises(ScoringError, match=r"分值 0.01 过小.*\[0.01, 0.01\)"):
        indicator_score(qualitative(QualitativeBand.PARTIAL, "0.01"), NATIONAL_2020)


def test_it_refuses_points_for_a_qualitative_indicator_of_weight_zero() -> None:
    with pytest.raises(ScoringError, match="分值为 0 的指标得分只能为 0"):
        indicator_score(qualitative(QualitativeBand.ACHIEVED, "0", "1"), NATIONAL_2020)


def test_it_accepts_the_band_as_its_text() -> None:
    indicator = qualitative("部分达成年度指标并具有一定效果", "15")  # type: ignore[arg-type]
    assert scored(indicator) == ("10.50", False, (EXPLAIN, UNDONE))


def test_it_accepts_the_comparator_as_its_text() -> None:
    indicator = IndicatorInput(
        "x", "产出指标", "数量指标", ">=", Decimal(10), Decimal(5), Decimal(5)
    )  # type: ignore[arg-type]
    assert scored(indicator) == ("10.00", True, ())


def test_it_follows_the_schemes_qualitative_defaults() -> None:
    scheme = NATIONAL_2020.with_settings(
        code="test-band-top",
        qualitative_default_share={
            QualitativeBand.ACHIEVED: Decimal("1.00"),
            QualitativeBand.PARTIAL: Decimal("0.79"),
            QualitativeBand.NOT_ACHIEVED: Decimal("0.59"),
        },
    )
    assert scored(qualitative(QualitativeBand.PARTIAL, "15"), scheme)[0] == "11.85"
    assert scored(qualitative(QualitativeBand.NOT_ACHIEVED, "15"), scheme)[0] == "8.85"


@pytest.mark.parametrize(
    ("indicator", "message"),
    [
        (quantitative("≥", "100", "50", "-1", name="培训人次"), "分值不能为负数"),
        (quantitative("≥", "-100", "50", "10", name="培训人次"), "年度指标值不能为负数"),
        (quantitative("≥", None, "50", "10", name="培训人次"), "定量指标缺少年度指标值"),
        (quantitative("≤", None, None, "10", name="培训人次"), "定量指标缺少年度指标值"),
        (quantitative("≥", "100", "50", "10.005", name="培训人次"), "分值 10.005 最多保留两位小数"),
        (quantitative("≥", "100", "150", "10", deduction="-1", name="培训人次"), "扣分不能为负数"),
        (
            quantitative("≥", "100", "150", "10", deduction="0.001", name="培训人次"),
            "扣分 0.001 最多保留两位小数",
        ),
        (
            qualitative(QualitativeBand.PARTIAL, "15", "10.505", name="培训人次"),
            "得分 10.505 最多保留两位小数",
        ),
        (
            IndicatorInput(
                "培训人次",
                "产出指标",
                "数量指标",
                Comparator.GE,
                Decimal(10),
                Decimal(100),
                Decimal(50),
                chosen_score=Decimal(5),
            ),
            "定量指标的得分按公式计算",
        ),
        (
            IndicatorInput(
                "培训人次",
                "产出指标",
                "数量指标",
                Comparator.GE,
                Decimal(10),
                Decimal(100),
                Decimal(50),
                band=QualitativeBand.ACHIEVED,
            ),
            "定量指标的得分按公式计算",
        ),
        (
            IndicatorInput(
                "培训人次",
                "效益指标",
                "社会效益指标",
                Comparator.QUALITATIVE,
                Decimal(15),
                band="基本达成",  # type: ignore[arg-type]
            ),
            "实际完成情况应为",
        ),
        (
            IndicatorInput("培训人次", "产出指标", "数量指标", "约", Decimal(10), Decimal(1)),  # type: ignore[arg-type]
            "无法识别计算符号",
        ),
        (
            IndicatorInput("培训人次", "产出指标", "数量指标", Comparator.GE, 10.0, Decimal(1)),  # type: ignore[arg-type]
            "分值：不接受浮点数",
        ),
        (
            IndicatorInput(
                "培训人次",
                "产出指标",
                "数量指标",
                Comparator.GE,
                Decimal(10),
                Decimal(1),
                0.5,  # type: ignore[arg-type]
            ),
            "实际完成值：不接受浮点数",
        ),
        (
            IndicatorInput(
                "培训人次",
                "产出指标",
                "数量指标",
                Comparator.GE,
                Decimal(10),
                Decimal("NaN"),
                Decimal(1),
            ),
            "年度指标值：数值“NaN”不是有限数",
        ),
    ],
)
def test_it_refuses_what_cannot_be_scored_naming_the_indicator(
    indicator: IndicatorInput, message: str
) -> None:
    with pytest.raises(ScoringError, match=re.escape(message)) as caught:
        indicator_score(indicator, NATIONAL_2020)
    assert str(caught.value).startswith("指标“培训人次”：")
    assert isinstance(caught.value, ValueError)


def test_it_echoes_the_key_and_normalises_the_weight() -> None:
    result = indicator_score(quantitative("=", "100", "100", "12.5", key="row-7"), NATIONAL_2020)
    assert result == IndicatorScore(
        key="row-7",
        name="测试指标",
        weight=Decimal("12.50"),
        score=Decimal("12.50"),
        is_completed=True,
        flags=(),
    )
    assert str(result.weight) == "12.50"


@pytest.mark.parametrize(
    ("indicator", "needs_explanation"),
    [
        (quantitative("≥", "100", "100"), False),
        (quantitative("≥", "100", "99"), True),
        (quantitative("≥", "100", "130"), True),
        (quantitative("≥", "100", None), True),
    ],
)
def test_it_says_when_an_explanation_is_needed(
    indicator: IndicatorInput, needs_explanation: bool
) -> None:
    assert indicator_score(indicator, NATIONAL_2020).needs_explanation is needs_explanation


def test_it_gives_an_error_message_without_indicator_when_none_is_named() -> None:
    assert str(ScoringError("说明")) == "说明"
    assert str(ScoringError("说明", indicator="甲")) == "指标“甲”：说明"
