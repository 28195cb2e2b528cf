"""Weight checks: the indicator weights must add up to the scheme's level-1 weights and to 100.

财预〔2020〕10号 第十三条 (rules.md §1.1): Σ三级 = 二级, Σ二级 = 一级, Σ一级 = 100; V3 validates
exactly this at two decimals. ``jixiao.rules.scoring`` re-exports ``weight_findings``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from jixiao.rules.findings import Finding, Severity
from jixiao.rules.numbers import round_money, to_decimal
from jixiao.rules.schemes import FULL_MARKS, SATISFACTION, Scheme

__all__ = ["WeightedIndicator", "weight_findings"]

ALL_INDICATORS = "全部指标"


class WeightedIndicator(Protocol):
    """Anything with a level-1 name and a weight (``IndicatorInput`` is one)."""

    @property
    def level1(self) -> str:
        """The 一级指标 name, e.g. "产出指标"."""
        ...

    @property
    def weight(self) -> Decimal:
        """The 分值."""
        ...


def weight_findings(indicators: Iterable[WeightedIndicator], scheme: Scheme) -> list[Finding]:
    """Return the weight errors of an indicator set under ``scheme`` (empty when all is well).

    Rules, all severity error:
    - "weights.level1_sum": a level-1's weights do not add up to its target
      (``scheme.level1_weight_targets``, which moves the 满意度 points when no 满意度
      indicator is set); figures ``expected``/``actual``; subject the level-1 name.
    - "weights.unknown_level1": a level-1 name the scheme does not know; subject that name.
    - "weights.total": execution weight + all indicator weights ≠ 100; subject "全部指标".
    """
    sums: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for indicator in indicators:
        sums[indicator.level1] = sums.get(indicator.level1, Decimal(0)) + to_decimal(
            indicator.weight
        )
        counts[indicator.level1] = counts.get(indicator.level1, 0) + 1
    has_satisfaction = counts.get(SATISFACTION, 0) > 0
    targets = scheme.level1_weight_targets(has_satisfaction)
    findings: list[Finding] = []
    for level1, expected in targets.items():
        actual = _shown(sums.get(level1, Decimal(0)))
        if actual != expected:
            # 财预〔2020〕10号 第十三条: Σ三级 = 一级.
            findings.append(_level1_sum(level1, expected, actual, counts.get(level1, 0), scheme))
    for level1, weight in sums.items():
        if level1 not in targets:
            # The scheme's indicator tree (财预〔2020〕10号 附件1) has no such level-1.
            findings.append(_unknown_level1(level1, _shown(weight), counts[level1], scheme))
    indicator_total = _shown(sum(sums.values(), Decimal(0)))
    total = _shown(scheme.execution_weight + indicator_total)
    if total != FULL_MARKS:
        # 财预〔2020〕10号 第二十条: 总分 100 = 预算执行率 + Σ一级.
        findings.append(_total(_shown(scheme.execution_weight), indicator_total, total))
    return findings


def _shown(weight: Decimal) -> Decimal:
    """Return a weight sum to two places, or exactly when finer (so 49.995 never shows 50.00)."""
    rounded = round_money(weight)
    return rounded if rounded == weight else weight


def _level1_sum(
    level1: str, expected: Decimal, actual: Decimal, count: int, scheme: Scheme
) -> Finding:
    """The finding for a level-1 whose weights miss their target."""
    if count == 0:
        message = (
            f"{level1}下没有指标，分值合计为 {actual}，应为 {expected}："
            "请在该一级指标下设置三级指标并分配分值。"
        )
    else:
        message = (
            f"{level1}的分值合计为 {actual}，应为 {expected}：请调整该一级指标下各三级指标的分值。"
        )
    configured = scheme.level1_weights.get(level1)
    if configured is not None and round_money(configured) != expected:
        # PRODUCT.md §4 default: the 满意度 points moved, so say why the target differs.
        message += f"（未设置满意度指标，按评价方案 {scheme.code} 其分值已重新分配。）"
    return Finding(
        rule="weights.level1_sum",
        severity=Severity.ERROR,
        subject=level1,
        message=message,
        figures={"expected": str(expected), "actual": str(actual)},
    )


def _unknown_level1(level1: str, weight: Decimal, count: int, scheme: Scheme) -> Finding:
    """The finding for indicators filed under a level-1 the scheme does not have."""
    known = "、".join(scheme.level1_weights)
    return Finding(
        rule="weights.unknown_level1",
        severity=Severity.ERROR,
        subject=level1,
        message=(
            f"一级指标“{level1}”不属于评价方案 {scheme.code}（{scheme.title}），"
            f"其下 {count} 个指标共 {weight} 分：请将这些指标归入{known}之一。"
        ),
        figures={"actual": str(weight), "count": str(count)},
    )


def _total(execution_weight: Decimal, indicator_total: Decimal, total: Decimal) -> Finding:
    """The finding for a total that is not 100."""
    expected = round_money(FULL_MARKS)
    return Finding(
        rule="weights.total",
        severity=Severity.ERROR,
        subject=ALL_INDICATORS,
        message=(
            f"预算执行率分值 {execution_weight} 与各指标分值合计 {indicator_total} 之和为 "
            f"{total}，应为 {expected}：请调整各指标分值，使总分为 100 分。"
        ),
        figures={
            "expected": str(expected),
            "actual": str(total),
            "execution_weight": str(execution_weight),
            "indicator_weight": str(indicator_total),
        },
    )
