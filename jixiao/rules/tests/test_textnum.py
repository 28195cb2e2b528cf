"""Tests of number, unit, comparator and date parsing from messy report text."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.rules.textnum import (
    Confidence,
    Span,
    chinese_count,
    find_dates,
    find_quantities,
    normalise,
    parse_amount,
    parse_comparator_prefix,
    parse_percent,
    parse_quantity,
    parse_target,
)
from jixiao.rules.vocabulary import Comparator


@pytest.mark.parametrize(
    ("text", "yuan", "unit", "confidence"),
    [
        ("215,457.6", Decimal("215457.6"), "元", Confidence.UNSURE),
        ("250000.00元", Decimal("250000.00"), "元", Confidence.CERTAIN),
        ("207.4538万元", Decimal("2074538.0000"), "万元", Confidence.CERTAIN),
        ("２０７．４５３８万元", Decimal("2074538.0000"), "万元", Confidence.CERTAIN),
        ("282,796.90 万元", Decimal("2827969000.00"), "万元", Confidence.CERTAIN),
        ("1.5亿元", Decimal("150000000.0"), "亿元", Confidence.CERTAIN),
        ("９，０３４", Decimal("9034"), "元", Confidence.UNSURE),
    ],
)
def test_it_parses_amounts_in_yuan(text, yuan, unit, confidence):
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.yuan, amount.unit, amount.confidence) == (yuan, unit, confidence)


def test_it_takes_the_table_unit_as_certain():
    amount = parse_amount("20", default_unit="万元")
    assert amount is not None
    assert (amount.yuan, amount.confidence) == (Decimal(200000), Confidence.CERTAIN)


@pytest.mark.parametrize("text", ["—", "-", "", "12人", "100人次以上培训", "1,23", "abc"])
def test_it_refuses_what_is_not_one_amount(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "value", "decimals", "approximate"),
    [
        ("86.19%", Decimal("86.19"), 2, False),
        ("１００．００％", Decimal("100.00"), 2, False),
        ("约100%", Decimal("100"), 0, True),
        ("100%左右", Decimal("100"), 0, True),
        ("99 %", Decimal("99"), 0, False),
    ],
)
def test_it_parses_percentages(text, value, decimals, approximate):
    percent = parse_percent(text)
    assert percent is not None
    assert (percent.value, percent.decimals, percent.is_approximate) == (
        value,
        decimals,
        approximate,
    )
    expected = Confidence.UNSURE if approximate else Confidence.CERTAIN
    assert percent.confidence is expected


def test_it_refuses_a_percentage_without_the_sign():
    assert parse_percent("86.19") is None


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit", "confidence"),
    [
        ("≥266米", Comparator.GE, Decimal(266), "米", Confidence.CERTAIN),
        (">=90%", Comparator.GE, Decimal(90), "%", Confidence.CERTAIN),
        ("＞＝90％", Comparator.GE, Decimal(90), "%", Confidence.CERTAIN),
        ("=100%", Comparator.EQ, Decimal(100), "%", Confidence.CERTAIN),
        ("＝100％", Comparator.EQ, Decimal(100), "%", Confidence.CERTAIN),
        ("≦5天", Comparator.LE, Decimal(5), "天", Confidence.CERTAIN),
        ("不少于12 种", Comparator.GE, Decimal(12), "种", Confidence.CERTAIN),
        ("不超过20万元", Comparator.LE, Decimal(20), "万元", Confidence.CERTAIN),
        ("38508人", None, Decimal(38508), "人", Confidence.UNSURE),
        ("116次 6次", None, Decimal(116), "次", Confidence.UNSURE),
    ],
)
def test_it_parses_target_cells(text, comparator, value, unit, confidence):
    target = parse_target(text)
    assert (target.comparator, target.value, target.unit, target.confidence) == (
        comparator,
        value,
        unit,
        confidence,
    )
    assert target.is_qualitative is False


@pytest.mark.parametrize("text", ["显著提升", "及时", "是"])
def test_it_reads_words_as_qualitative_targets(text):
    target = parse_target(text)
    assert (target.is_qualitative, target.comparator, target.value) == (
        True,
        Comparator.QUALITATIVE,
        None,
    )


def test_it_reports_the_span_of_each_number():
    quantities = find_quantities("执行数 215,457.6 元，执行率86.19%")
    assert [(q.text, q.span) for q in quantities] == [
        ("215,457.6 元", Span(4, 15)),
        ("86.19%", Span(19, 25)),
    ]


def test_it_keeps_spans_after_normalising():
    text = "預算執行率９８．５％"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "预算执行率98.5%"


def test_it_reads_a_comparator_prefix_and_its_end():
    assert parse_comparator_prefix(" ≥ 95%") == (Comparator.GE, 3)
    assert parse_comparator_prefix("95%") == (None, 0)


def test_it_needs_the_whole_text_to_be_one_number():
    assert parse_quantity("共100人次以上") is None
    quantity = parse_quantity(" 96次 ")
    assert quantity is not None
    assert (quantity.value, quantity.unit) == (Decimal(96), "次")


@pytest.mark.parametrize(
    ("text", "count"),
    [("12", 12), ("十二", 12), ("二十三", 23), ("九", 9), ("一百", 100), ("十", 10), ("x", None)],
)
def test_it_reads_counts_in_chinese(text, count):
    assert chinese_count(text) == count


def test_it_finds_dates_and_both_ends_of_a_range():
    found = find_dates("于2022年12月6日至8日调查，二〇二二年十二月三十日，2022年2月30日")
    assert [date for date, _ in found] == [
        datetime.date(2022, 12, 6),
        datetime.date(2022, 12, 8),
        datetime.date(2022, 12, 30),
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("0123456789,.%万元约≥＞＝ 　人次-—年月日十二"), max_size=40)
)
def test_it_never_crashes_on_noise(text):
    for quantity in find_quantities(text):
        assert quantity.value.is_finite()
        assert 0 <= quantity.span.start < quantity.span.end <= len(text)
    parse_amount(text)
    parse_percent(text)
    parse_target(text)
    find_dates(text)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_it_reads_back_any_amount_written_with_separators(value):
    written = f"{value:,.2f}万元"
    amount = parse_amount(written)
    assert amount is not None
    assert amount.yuan == value * 10000
