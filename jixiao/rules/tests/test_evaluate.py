"""evaluate: the worked example of rules.md §1.6 and the seed project of PRODUCT.md §6."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from jixiao.rules import (
    NATIONAL_2020,
    EvaluationInput,
    EvaluationResult,
    Flag,
    ReverseFormula,
    ScoringError,
    evaluate,
)
from jixiao.rules.tests.helpers import quantitative, seed_indicators, worked_example

OPTION_B = NATIONAL_2020.with_settings(
    code="test-option-b", reverse_formula=ReverseFormula.DEVIATION
)
WORKED = EvaluationInput(
    budget=Decimal("1000000"), executed=Decimal("920000"), indicators=worked_example()
)
SEED = EvaluationInput(
    budget=Decimal("100000.00"), executed=Decimal("99975.00"), indicators=seed_indicators()
)


def scores_of(result: EvaluationResult) -> dict[str, Decimal]:
    return {score.name: score.score for score in result.indicators}


def test_it_reproduces_the_worked_example_under_option_a() -> None:
    result = evaluate(WORKED, NATIONAL_2020)
    assert result.execution_score == Decimal("9.20")
    assert scores_of(result) == {
        "培训人次": Decimal("14.61"),
        "考核合格率": Decimal("15.00"),
        "按期完成率": Decimal("10.00"),
        "人均培训成本": Decimal("9.52"),
        "学员技能提升": Decimal("10.50"),
        "长效机制建立": Decimal("15.00"),
        "学员满意度": Decimal("10.00"),
    }
    assert result.indicator_score == Decimal("84.63")
    assert result.total == Decimal("93.83")
    assert result.grade == "优"
    assert result.execution_rate == Decimal("92.00")
    assert result.findings == ()


def test_it_reproduces_the_worked_example_under_option_b() -> None:
    result = evaluate(WORKED, OPTION_B)
    assert result.execution_score == Decimal("9.20")
    assert scores_of(result)["人均培训成本"] == Decimal("9.50")
    assert result.indicator_score == Decimal("84.61")
    assert result.total == Decimal("93.81")
    assert result.grade == "优"
    assert result.scheme_code == "test-option-b"


@pytest.mark.parametrize("scheme", [NATIONAL_2020, OPTION_B])
def test_it_asks_for_deviation_analysis_exactly_where_the_example_does(scheme: object) -> None:
    result = evaluate(WORKED, scheme)  # type: ignore[arg-type]
    needing = [score.name for score in result.indicators if score.needs_explanation]
    assert needing == ["培训人次", "人均培训成本", "学员技能提升"]
    assert all(Flag.OVER_ACHIEVED not in score.flags for score in result.indicators)


def test_it_reproduces_the_seed_project() -> None:
    result = evaluate(SEED, NATIONAL_2020)
    assert result.execution_rate == Decimal("99.98")
    assert result.execution_score == Decimal("10.00")
    assert result.indicator_score == Decimal("90.00")
    assert result.total == Decimal("100.00")
    assert result.grade == "优"
    assert result.findings == ()
    assert [(score.weight, score.score, score.flags) for score in result.indicators] == [
        (Decimal(w), Decimal(w), ()) for w in ["12.50"] * 4 + ["7.50"] * 4 + ["10.00"]
    ]


def test_it_writes_the_seed_result_as_json_ready_strings() -> None:
    data = evaluate(SEED, NATIONAL_2020).to_dict()
    assert {key: value for key, value in data.items() if key != "indicators"} == {
        "scheme_code": "national-2020",
        "scheme_version": 1,
        "budget": "100000.00",
        "executed": "99975.00",
        "execution_rate": "99.98",
        "execution_score": "10.00",
        "indicator_score": "90.00",
        "total": "100.00",
        "grade": "优",
        "findings": [],
    }
    assert data["indicators"][0] == {  # type: ignore[index]
        "key": "1",
        "name": "党组织规范化建设覆盖率",
        "weight": "12.50",
        "score": "12.50",
        "is_completed": True,
        "flags": [],
    }
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_it_writes_flags_as_their_codes() -> None:
    data = evaluate(WORKED, NATIONAL_2020).to_dict()
    assert data["indicators"][0]["flags"] == ["needs_explanation", "not_completed"]  # type: ignore[index]


def test_it_attaches_the_weight_findings_without_stopping_the_scoring() -> None:
    indicators = (*seed_indicators()[:3], *seed_indicators()[4:])  # drops 12.50 of 产出
    result = evaluate(
        EvaluationInput(Decimal("100000.00"), Decimal("99975.00"), indicators), NATIONAL_2020
    )
    assert result.total == Decimal("87.50")
    assert result.grade == "良"
    assert [finding.rule for finding in result.findings] == [
        "weights.level1_sum",
        "weights.total",
    ]
    assert result.to_dict()["findings"][0]["figures"] == {  # type: ignore[index]
        "expected": "50.00",
        "actual": "37.50",
    }


def test_it_scores_a_project_without_budget_and_without_indicators() -> None:
    result = evaluate(EvaluationInput(Decimal(0), Decimal(0), ()), NATIONAL_2020)
    assert result.execution_rate is None
    assert result.execution_score == Decimal("0.00")
    assert str(result.indicator_score) == "0.00"
    assert str(result.total) == "0.00"
    assert result.grade == "差"
    assert result.to_dict()["execution_rate"] is None
    assert len(result.findings) == 3


def test_it_accepts_indicators_as_a_list() -> None:
    data = EvaluationInput(Decimal(100), Decimal(100), list(seed_indicators()))  # type: ignore[arg-type]
    assert isinstance(data.indicators, tuple)
    assert evaluate(data, NATIONAL_2020).total == Decimal("100.00")


def test_it_stops_on_an_indicator_that_cannot_be_scored() -> None:
    broken = quantitative("≥", None, "5", "10", name="培训人次")
    data = EvaluationInput(Decimal(100), Decimal(100), (*seed_indicators(), broken))
    with pytest.raises(ScoringError, match="指标“培训人次”：定量指标缺少年度指标值"):
        evaluate(data, NATIONAL_2020)


def test_it_totals_the_rounded_parts_not_the_raw_scores() -> None:
    # PRODUCT.md §4: each part rounded, total = sum of the rounded parts. Three indicators
    # of 10 × 1/3 = 3.333… score 3.33 each: 9.99, where the raw sum would round to 10.00.
    indicators = tuple(quantitative("≥", "3", "1", "10", name=name) for name in "甲乙丙")
    result = evaluate(EvaluationInput(Decimal(3), Decimal(2), indicators), NATIONAL_2020)
    assert result.execution_score == Decimal("6.67")  # 6.666… → 6.67
    assert result.indicator_score == Decimal("9.99")
    assert result.total == Decimal("16.66")
