"""Budget execution: 执行率 = B / A and the execution score (财预〔2020〕10号 附件1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.rules import (
    NATIONAL_2020,
    execution_rate,
    execution_rate_percent,
    execution_score,
)

HUBEI_20 = NATIONAL_2020.with_settings(
    code="test-hubei-20",
    execution_weight=Decimal(20),
    level1_weights={"产出指标": Decimal(40), "效益指标": Decimal(30), "满意度指标": Decimal(10)},
)


@pytest.mark.parametrize(
    ("budget", "executed", "rate"),
    [
        ("100000.00", "99975.00", Decimal("0.99975")),  # the seed project
        ("1000000", "920000", Decimal("0.92")),  # rules.md §1.6
        ("100", "110", Decimal("1.1")),  # overspending is shown as it is
        ("100", "0", Decimal("0")),
        ("100", "-10", Decimal("-0.1")),  # refunds above spending: the rate is a fact
    ],
)
def test_it_gives_the_unrounded_execution_rate(budget: str, executed: str, rate: Decimal) -> None:
    assert execution_rate(Decimal(budget), Decimal(executed)) == rate


def test_it_keeps_the_rate_unrounded() -> None:
    rate = execution_rate(Decimal(3), Decimal(1))
    assert rate is not None
    assert rate == Decimal("0." + "3" * 60)  # carried at 60 digits, rounded by nobody


@pytest.mark.parametrize("budget", ["0", "0.00", "-100"])
def test_it_gives_no_rate_without_a_budget(budget: str) -> None:
    assert execution_rate(Decimal(budget), Decimal(50)) is None
    assert execution_rate_percent(Decimal(budget), Decimal(50)) is None


@pytest.mark.parametrize(
    ("budget", "executed", "percent"),
    [
        ("100000.00", "99975.00", "99.98"),  # seed: 99.975 % rounds half up
        ("1000000", "920000", "92.00"),
        ("3", "1", "33.33"),
        ("3", "2", "66.67"),
        ("20000", "1", "0.01"),  # 0.005 % rounds half up
        ("100", "110", "110.00"),
        ("100", "0", "0.00"),
    ],
)
def test_it_gives_the_rate_in_percent_to_the_hundredth(
    budget: str, executed: str, percent: str
) -> None:
    rate = execution_rate_percent(Decimal(budget), Decimal(executed))
    assert str(rate) == percent


@pytest.mark.parametrize(
    ("budget", "executed", "score"),
    [
        ("100000.00", "99975.00", "10.00"),  # 9.9975 rounds half up to 10.00
        ("1000000", "920000", "9.20"),  # rules.md §1.6
        ("100", "100", "10.00"),
        ("100", "150", "10.00"),  # min(B/A, 1)
        ("3", "1", "3.33"),
        ("2000", "1", "0.01"),  # 0.005 rounds half up
        ("100", "0", "0.00"),
        ("100", "-10", "0.00"),  # negative spending counts as 0
        ("0", "100", "0.00"),  # no budget
        ("-5", "100", "0.00"),
    ],
)
def test_it_scores_the_execution(budget: str, executed: str, score: str) -> None:
    assert str(execution_score(Decimal(budget), Decimal(executed), NATIONAL_2020)) == score


def test_it_scores_execution_with_the_schemes_weight() -> None:
    # rules.md §1.1 [L]: 黄冈 2020 gives 预算执行 20 points.
    assert execution_score(Decimal(100), Decimal(92), HUBEI_20) == Decimal("18.40")


def test_it_accepts_amounts_as_typed_text_and_integers() -> None:
    assert execution_rate_percent("100,000.00", "99,975") == Decimal("99.98")  # type: ignore[arg-type]
    assert execution_score(100000, 99975, NATIONAL_2020) == Decimal("10.00")  # type: ignore[arg-type]


@pytest.mark.parametrize(("budget", "executed"), [(100.0, Decimal(1)), (Decimal(100), 99.5)])
def test_it_refuses_float_amounts(budget: object, executed: object) -> None:
    with pytest.raises(ValueError, match="不接受浮点数"):
        execution_score(budget, executed, NATIONAL_2020)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="不接受浮点数"):
        execution_rate(budget, executed)  # type: ignore[arg-type]
