"""Scoring schemes: the named, versioned settings every score is computed with.

PRODUCT.md §4: where the rules are uncertain or vary by region, the rule is a setting of a
scheme with the national default, and every stored score records its scheme. ``national-2020``
is 财预〔2020〕10号 with the PRODUCT.md §4 defaults for the open points. A region variant is a
new ``Scheme`` (its own code, version and tests) added to ``SCHEMES``; see docs/scoring.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from jixiao.rules.numbers import calculation_context, round_money, to_decimal
from jixiao.rules.vocabulary import QualitativeBand

__all__ = [
    "BENEFIT",
    "DEFAULT_SCHEME_CODE",
    "FULL_MARKS",
    "GRADES",
    "NATIONAL_2020",
    "OUTPUT",
    "SATISFACTION",
    "SCHEMES",
    "GradeBand",
    "MissingSatisfaction",
    "ReverseFormula",
    "Scheme",
    "UnknownScheme",
    "scheme_get",
]

OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"

# 财预〔2020〕10号 第二十条: "总分一般设置为100分".
FULL_MARKS = Decimal(100)

# 财预〔2020〕10号 第二十条; bands confirmed by 财政部预算司 (rules.md S2).
GRADES = ("优", "良", "中", "差")


class ReverseFormula(StrEnum):
    """Score of a reverse indicator (≤ <) that missed its target (rules.md §1.2, open [?])."""

    RATIO = "ratio"  # option A (S18 local template): w × T / X
    DEVIATION = "deviation"  # option B (V1 vendor): w × (1 − (X−T)/T) for T < X < 2T, 0 at X ≥ 2T


class MissingSatisfaction(StrEnum):
    """Where the 满意度 points go when a project sets no 满意度 indicator (rules.md §1.1, [?])."""

    TO_BENEFIT = "to_benefit"  # PRODUCT.md §4 default: the 10 points go to 效益指标
    PRO_RATA = "pro_rata"  # split over the other level-1s in proportion (产出:效益 = 50:30)


@dataclass(frozen=True)
class GradeBand:
    """A grade and its inclusive lower bound on the 100-point total."""

    grade: str
    lower_bound: Decimal

    def __post_init__(self) -> None:
        """Check the bound is a number (never a float)."""
        object.__setattr__(self, "lower_bound", to_decimal(self.lower_bound))


@dataclass(frozen=True)
class Scheme:
    """The settings of one scoring scheme. Immutable; derive variants with ``with_settings``.

    ``level1_weights`` are the points of each 一级指标 besides ``execution_weight`` (预算执行率);
    together they make 100. ``grade_bands`` run from the highest lower bound down. The
    mappings are read-only views, so a scheme cannot drift after it is registered.
    """

    code: str
    version: int
    title: str
    source: str
    execution_weight: Decimal
    level1_weights: Mapping[str, Decimal]
    level2_by_level1: Mapping[str, tuple[str, ...]]
    reverse_formula: ReverseFormula
    over_achievement_ratio: Decimal
    qualitative_default_share: Mapping[QualitativeBand, Decimal]
    missing_satisfaction: MissingSatisfaction
    grade_bands: tuple[GradeBand, ...]
    monitoring_month: int
    # Monitoring warnings (rules.md §7), read by jixiao.rules.monitoring and jixiao.rules.warnings.
    # 序时进度: "months" = 月份/12 (V2), "days" = days elapsed / days in the year.
    time_progress_method: str = "months"
    # V2 vendor light on 执行率/序时进度×100: red < 60, yellow 60 ≤ r < 80, green ≥ 80.
    light_red_below: Decimal = Decimal(60)
    light_green_from: Decimal = Decimal(80)
    # Indicator completion ahead of (or behind) spending by more than this many points.
    divergence_points: Decimal = Decimal(30)
    # Idle money: executed to the checkpoint below this percentage of the budget.
    idle_rate_below: Decimal = Decimal(5)
    # Warn units that have not submitted this many days (or fewer) before the deadline.
    deadline_warning_days: int = 5

    def __post_init__(self) -> None:
        """Freeze the mappings, coerce the enums and check the scheme is coherent."""
        put = object.__setattr__
        put(self, "execution_weight", to_decimal(self.execution_weight))
        put(self, "over_achievement_ratio", to_decimal(self.over_achievement_ratio))
        put(self, "reverse_formula", ReverseFormula(self.reverse_formula))
        put(self, "missing_satisfaction", MissingSatisfaction(self.missing_satisfaction))
        put(self, "grade_bands", tuple(self.grade_bands))
        weights = {name: to_decimal(weight) for name, weight in self.level1_weights.items()}
        put(self, "level1_weights", MappingProxyType(weights))
        tree = {name: tuple(level2) for name, level2 in self.level2_by_level1.items()}
        put(self, "level2_by_level1", MappingProxyType(tree))
        shares = {
            QualitativeBand(band): to_decimal(share)
            for band, share in self.qualitative_default_share.items()
        }
        put(self, "qualitative_default_share", MappingProxyType(shares))
        _check_scheme(self)

    def __hash__(self) -> int:
        """Hash by value (mappings as frozensets), so a scheme can key a cache."""
        return hash(
            (
                self.code,
                self.version,
                self.execution_weight,
                frozenset(self.level1_weights.items()),
                frozenset(self.level2_by_level1.items()),
                self.reverse_formula,
                self.over_achievement_ratio,
                frozenset(self.qualitative_default_share.items()),
                self.missing_satisfaction,
                self.grade_bands,
                self.monitoring_month,
            )
        )

    def level1_weight_targets(self, has_satisfaction: bool) -> dict[str, Decimal]:
        """Return the expected sum of indicator weights per 一级指标, in scheme order.

        With a 满意度 indicator the targets are ``level1_weights`` (财预〔2020〕10号 第十三条:
        产出 50, 效益 30, 满意度 10). Without one, the 满意度 points are moved per
        ``missing_satisfaction`` and 满意度's target is 0.00. Values are rounded to 0.01.
        """
        targets = dict(self.level1_weights)
        if has_satisfaction or SATISFACTION not in targets:
            # 财预〔2020〕10号 第十三条: the weights as set.
            return {name: round_money(weight) for name, weight in targets.items()}
        freed = targets[SATISFACTION]
        targets[SATISFACTION] = Decimal(0)
        if self.missing_satisfaction is MissingSatisfaction.TO_BENEFIT:
            # PRODUCT.md §4 default: no 满意度 indicator → its points go to 效益.
            targets[BENEFIT] += freed
        else:
            # rules.md §1.1 [?] local practice: 产出+效益 pro rata; the last takes the remainder
            # so the parts add up exactly.
            receivers = [name for name in targets if name != SATISFACTION]
            base = sum((targets[name] for name in receivers), Decimal(0))
            given = Decimal(0)
            with calculation_context():
                for name in receivers[:-1]:
                    share = round_money(freed * targets[name] / base)
                    targets[name] += share
                    given += share
            targets[receivers[-1]] += freed - given
        return {name: round_money(weight) for name, weight in targets.items()}

    def with_settings(self, **changes: Any) -> Scheme:
        """Return a copy with some settings changed (a region variant, or a test's tweak).

        The copy is checked like any scheme. A variant meant to be stored with scores needs
        its own ``code`` (and ``version``), otherwise scores could not say which rules made them.
        """
        return dataclasses.replace(self, **changes)


def _check_scheme(scheme: Scheme) -> None:
    """Raise ``ValueError`` (Chinese) unless the scheme's settings fit together."""
    problems: list[str] = []
    if set(scheme.level1_weights) != set(scheme.level2_by_level1):
        problems.append("一级指标分值与二级指标分类的一级指标名称不一致")
    if any(weight < 0 for weight in scheme.level1_weights.values()) or scheme.execution_weight < 0:
        problems.append("分值不能为负数")
    total = scheme.execution_weight + sum(scheme.level1_weights.values(), Decimal(0))
    if total != FULL_MARKS:
        problems.append(f"预算执行率与各一级指标分值合计为 {round_money(total)}，应为 100.00")
    if SATISFACTION in scheme.level1_weights:
        receivers = [name for name in scheme.level1_weights if name != SATISFACTION]
        if scheme.missing_satisfaction is MissingSatisfaction.TO_BENEFIT:
            if BENEFIT not in scheme.level1_weights:
                problems.append("满意度分值应转入效益指标，但方案没有效益指标")
        elif sum((scheme.level1_weights[name] for name in receivers), Decimal(0)) <= 0:
            problems.append("满意度分值按比例分配，但其他一级指标分值合计为 0")
    if scheme.over_achievement_ratio < 1:
        problems.append("超额完成的判定倍数不能小于 1")
    if set(scheme.qualitative_default_share) != set(QualitativeBand):
        problems.append("定性指标默认得分比例必须覆盖全部三个档次")
    for band, share in scheme.qualitative_default_share.items():
        if not band.contains(round_money(share * FULL_MARKS), FULL_MARKS):
            problems.append(f"“{band}”的默认得分比例 {share} 不在该档区间内")
    bounds = [band.lower_bound for band in scheme.grade_bands]
    if not bounds or bounds != sorted(set(bounds), reverse=True):
        problems.append("等级下限必须从高到低排列且互不相同")
    if len({band.grade for band in scheme.grade_bands}) != len(scheme.grade_bands):
        problems.append("等级名称不能重复")
    if not 1 <= scheme.monitoring_month <= 12:
        problems.append("运行监控月份应在 1 到 12 之间")
    if problems:
        raise ValueError(f"评价方案 {scheme.code} 设置有误：" + "；".join(problems) + "。")


NATIONAL_2020 = Scheme(
    code="national-2020",
    version=1,
    title="项目支出绩效自评计分方案（财预〔2020〕10号，全国默认）",
    source=(
        "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）第十三条、第十四条、第二十条"
        "及附件1；未定事项按 PRODUCT.md §4 默认值"
    ),
    # 财预〔2020〕10号 第十三条 + 附件1: 预算执行率 10, 产出 50, 效益 30, 满意度 10.
    execution_weight=Decimal(10),
    level1_weights={OUTPUT: Decimal(50), BENEFIT: Decimal(30), SATISFACTION: Decimal(10)},
    # 财预〔2015〕88号 / 财预〔2020〕10号 附件1: the second-level categories.
    level2_by_level1={
        OUTPUT: ("数量指标", "质量指标", "时效指标", "成本指标"),
        BENEFIT: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
        SATISFACTION: ("服务对象满意度指标",),
    },
    reverse_formula=ReverseFormula.RATIO,  # PRODUCT.md §4 default (rules.md §1.2 option A)
    over_achievement_ratio=Decimal("1.30"),  # PRODUCT.md §4 default (Guangxi practice, V3)
    qualitative_default_share={  # PRODUCT.md §4 default
        QualitativeBand.ACHIEVED: Decimal("1.00"),
        QualitativeBand.PARTIAL: Decimal("0.70"),
        QualitativeBand.NOT_ACHIEVED: Decimal("0.30"),
    },
    missing_satisfaction=MissingSatisfaction.TO_BENEFIT,  # PRODUCT.md §4 default
    # 财预〔2020〕10号 第二十条: 90(含)-100 优, 80(含)-90 良, 60(含)-80 中, 60 以下 差.
    grade_bands=(
        GradeBand("优", Decimal(90)),
        GradeBand("良", Decimal(80)),
        GradeBand("中", Decimal(60)),
        GradeBand("差", Decimal(0)),
    ),
    monitoring_month=7,  # 财预〔2019〕136号: the August run on 1–7月 data (rules.md §2.3, [N-K])
)

DEFAULT_SCHEME_CODE = NATIONAL_2020.code

SCHEMES: Mapping[str, Scheme] = MappingProxyType({NATIONAL_2020.code: NATIONAL_2020})


class UnknownScheme(KeyError):
    """Raised by ``scheme_get`` for a code that names no scheme."""

    def __str__(self) -> str:
        """Show the Chinese message as is (KeyError would quote it)."""
        return str(self.args[0]) if self.args else ""


def scheme_get(code: str) -> Scheme:
    """Return the scheme registered under ``code``; ``UnknownScheme`` lists the known codes."""
    scheme = SCHEMES.get(code)
    if scheme is None:
        known = "、".join(SCHEMES)
        raise UnknownScheme(f"未知的评价方案“{code}”，可用的方案有：{known}。")
    return scheme
