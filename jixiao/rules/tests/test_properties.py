"""Properties that hold for every input (hypothesis): bounds, monotonicity, no floats."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from jixiao.rules import (
    NATIONAL_2020,
    Comparator,
    EvaluationInput,
    EvaluationResult,
    Finding,
    IndicatorInput,
    IndicatorScore,
    QualitativeBand,
    ReverseFormula,
    evaluate,
    indicator_score,
)

DEVIATION = NATIONAL_2020.with_settings(
    code="test-deviation", reverse_formula=ReverseFormula.DEVIATION
)
schemes = st.sampled_from([NATIONAL_2020, DEVIATION])
weights = st.decimals(min_value=0, max_value=100, places=2)
targets = st.decimals(min_value=0, max_value=10**9, places=4)
actuals = st.decimals(min_value=-(10**6), max_value=10**10, places=4)
quantitative_comparators = st.sampled_from([c for c in Comparator if c.is_quantitative])


def indicator(
    comparator: Comparator,
    weight: Decimal,
    target: Decimal | None = None,
    actual: Decimal | None = None,
    band: QualitativeBand | None = None,
    level1: str = "产出指标",
) -> IndicatorInput:
    return IndicatorInput("指标", level1, "数量指标", comparator, weight, target, actual, band)


@st.composite
def any_indicator(draw: st.DrawFn, weight: Decimal, level1: str) -> IndicatorInput:
    """A quantitative or qualitative indicator (actual sometimes missing)."""
    if draw(st.booleans()):
        band = draw(st.none() | st.sampled_from(list(QualitativeBand)))
        if weight < 1 and band is QualitativeBand.PARTIAL:
            band = QualitativeBand.ACHIEVED  # a tiny weight leaves the middle band empty
        return indicator(Comparator.QUALITATIVE, weight, band=band, level1=level1)
    comparator = draw(quantitative_comparators)
    actual = draw(st.none() | actuals)
    return indicator(comparator, weight, draw(targets), actual, level1=level1)


@st.composite
def weights_summing_to_90(draw: st.DrawFn) -> list[tuple[str, Decimal]]:
    """Split 90.00 into 1–12 weights of whole cents, each on some level-1."""
    cuts = draw(st.lists(st.integers(1, 8999), max_size=11, unique=True))
    edges = [0, *sorted(cuts), 9000]
    level1s = st.sampled_from(["产出指标", "效益指标", "满意度指标"])
    return [(draw(level1s), Decimal(b - a) / 100) for a, b in pairwise(edges)]


@given(quantitative_comparators, weights, targets, actuals, schemes)
def test_it_keeps_every_quantitative_score_within_zero_and_the_weight(
    comparator: Comparator, weight: Decimal, target: Decimal, actual: Decimal, scheme: object
) -> None:
    result = indicator_score(indicator(comparator, weight, target, actual), scheme)  # type: ignore[arg-type]
    assert Decimal(0) <= result.score <= weight
    assert result.score == result.score.quantize(Decimal("0.01"))


@given(st.sampled_from(list(QualitativeBand)), st.decimals(min_value=1, max_value=100, places=2))
def test_it_keeps_every_qualitative_default_within_its_band(
    band: QualitativeBand, weight: Decimal
) -> None:
    result = indicator_score(indicator(Comparator.QUALITATIVE, weight, band=band), NATIONAL_2020)
    assert Decimal(0) <= result.score <= weight
    assert band.contains(result.score, weight)


@given(
    st.sampled_from([Comparator.GE, Comparator.GT, Comparator.EQ]),
    weights,
    targets,
    actuals,
    actuals,
)
def test_it_never_lowers_a_positive_score_when_the_actual_rises(
    comparator: Comparator, weight: Decimal, target: Decimal, first: Decimal, second: Decimal
) -> None:
    low, high = sorted([first, second])
    if comparator is Comparator.EQ and target == 0:
        return  # "= 0" is met only at 0: not monotone by design (PRODUCT.md §4)
    score_low = indicator_score(indicator(comparator, weight, target, low), NATIONAL_2020).score
    score_high = indicator_score(indicator(comparator, weight, target, high), NATIONAL_2020).score
    assert score_low <= score_high


@given(st.sampled_from([Comparator.LE, Comparator.LT]), weights, targets, actuals, actuals, schemes)
def test_it_never_raises_a_reverse_score_when_the_actual_rises(
    comparator: Comparator,
    weight: Decimal,
    target: Decimal,
    first: Decimal,
    second: Decimal,
    scheme: object,
) -> None:
    low, high = sorted([first, second])
    score_low = indicator_score(indicator(comparator, weight, target, low), scheme).score  # type: ignore[arg-type]
    score_high = indicator_score(indicator(comparator, weight, target, high), scheme).score  # type: ignore[arg-type]
    assert score_low >= score_high


@given(
    weights_summing_to_90(),
    st.data(),
    st.decimals(min_value=-(10**6), max_value=10**9, places=2),
    st.decimals(min_value=-(10**6), max_value=10**9, places=2),
    schemes,
)
def test_it_keeps_the_total_within_0_and_100_using_only_decimals(
    split: list[tuple[str, Decimal]],
    data: st.DataObject,
    budget: Decimal,
    executed: Decimal,
    scheme: object,
) -> None:
    indicators = tuple(data.draw(any_indicator(weight, level1)) for level1, weight in split)
    result = evaluate(EvaluationInput(budget, executed, indicators), scheme)  # type: ignore[arg-type]
    assert Decimal(0) <= result.total <= Decimal(100)
    assert result.total == result.execution_score + result.indicator_score
    assert_decimals_only(result)


def assert_decimals_only(result: EvaluationResult) -> None:
    """Every number in a result is a Decimal, and its dict holds only text, bools and ints."""
    for value in (result.budget, result.executed, result.execution_score):
        assert type(value) is Decimal
    assert type(result.indicator_score) is Decimal
    assert type(result.total) is Decimal
    assert result.execution_rate is None or type(result.execution_rate) is Decimal
    for score in result.indicators:
        assert isinstance(score, IndicatorScore)
        assert type(score.weight) is Decimal
        assert type(score.score) is Decimal
    for finding in result.findings:
        assert isinstance(finding, Finding)
        assert all(type(value) is str for value in finding.figures.values())
    assert_no_float(result.to_dict())


def assert_no_float(value: object) -> None:
    """Walk a to_dict() tree: no float, no Decimal, only JSON-ready leaves."""
    if isinstance(value, dict):
        for item in value.values():
            assert_no_float(item)
    elif isinstance(value, list):
        for item in value:
            assert_no_float(item)
    else:
        assert value is None or type(value) in (str, bool, int)
