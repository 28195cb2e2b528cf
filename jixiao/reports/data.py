"""The facts of a report as plain frozen dataclasses: what a renderer may know. Django-free.

`jixiao.reports.builder.report_data_build` fills them from the database in a bounded number of
queries; the renderers (`docx`, `xlsx`, `html`, `pdf`) turn them into bytes and never touch the
ORM, so they are tested from hand-built data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "FundUse",
    "FundingRow",
    "IndicatorGroup",
    "IndicatorRow",
    "Narrative",
    "PolicyItem",
    "ReportData",
    "indicator_groups",
]


@dataclass(frozen=True)
class FundingRow:
    """One row of the 项目资金 block (元): 年度资金总额 first, then the 其中 rows.

    `rate` is the execution rate in percent rounded to 0.01, None without a budget; `score` only
    on the total row (the 10 points of 预算执行率). Amounts are None where a 其中 row has no
    funding source (printed blank).
    """

    label: str
    initial: Decimal | None
    full_year: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    is_total: bool = False
    weight: Decimal | None = None
    score: Decimal | None = None


@dataclass(frozen=True)
class FundUse:
    """One line of the fund-use table (序号, 资金用途, 金额（元）)."""

    position: int
    purpose: str
    amount: Decimal


@dataclass(frozen=True)
class PolicyItem:
    """One numbered item of the policy basis (项目政策依据)."""

    position: int
    text: str


@dataclass(frozen=True)
class IndicatorRow:
    """A 三级 indicator with its target, actual value and score as printed in the tables.

    `target_display` carries the comparator and unit ("=100%"); `actual_display` the unit
    ("100%") or the qualitative band; `score` is None when no self-evaluation exists.
    """

    position: int
    level1: str
    level2: str
    name: str
    target_display: str
    actual_display: str
    weight: Decimal
    score: Decimal | None
    standard: str
    method: str
    deviation_note: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorGroup:
    """The indicators of one 一级指标, in the order the scoring scheme lists the 一级指标."""

    level1: str
    indicators: tuple[IndicatorRow, ...]
    weight: Decimal = Decimal(0)

    @property
    def level2_names(self) -> tuple[str, ...]:
        """The distinct 二级指标 of the group in the order of their first indicator."""
        return tuple(dict.fromkeys(row.level2 for row in self.indicators))


@dataclass(frozen=True)
class Narrative:
    """The narrative texts stored on the self-evaluation (SelfEvaluation.*_text), "" if none."""

    actual_goal: str = ""
    purpose: str = ""
    organisation: str = ""
    management_analysis: str = ""
    results_analysis: str = ""
    conclusion: str = ""
    policy_suggestion: str = ""
    management_suggestion: str = ""
    performance_suggestion: str = ""
    other_suggestion: str = ""
    application: str = ""


@dataclass(frozen=True)
class ReportData:
    """Everything the 自评报告, the 自评表 and the 绩效目标表 of one project print.

    Amounts are in 元 (Decimal, two decimals); `execution_rate` is in percent, rounded to 0.01;
    scores are rounded to 0.01. `has_evaluation` is False when no self-evaluation exists (the
    goal table can still be printed).
    """

    code: str
    name: str
    year: int
    category: str
    unit_name: str
    department_name: str
    department_code: str
    background: str
    funding: tuple[FundingRow, ...]
    uses: tuple[FundUse, ...]
    uses_total: Decimal
    policy_intro: str
    policy_items: tuple[PolicyItem, ...]
    annual_goal: str
    indicator_groups: tuple[IndicatorGroup, ...]
    budget_initial: Decimal
    budget_full_year: Decimal
    executed: Decimal
    execution_rate: Decimal | None
    execution_weight: Decimal
    execution_score: Decimal | None
    indicator_score: Decimal | None
    total: Decimal | None
    grade: str
    scheme_code: str
    narrative: Narrative
    has_evaluation: bool
    is_demo: bool
    generated_on: datetime.date
    period: str = ""

    @property
    def indicators(self) -> tuple[IndicatorRow, ...]:
        """All indicators, group after group."""
        return tuple(row for group in self.indicator_groups for row in group.indicators)

    @property
    def indicator_weight_total(self) -> Decimal:
        """The sum of the indicator weights (90 for the national scheme)."""
        return sum((row.weight for row in self.indicators), Decimal(0))


def indicator_groups(
    rows: Iterable[IndicatorRow], level1_order: Iterable[str]
) -> tuple[IndicatorGroup, ...]:
    """Group `rows` by 一级指标: first the scheme's 一级指标 in its order, then any other
    一级指标 in order of appearance. Inside a group the rows keep their order.

    The seed report groups 满意度 under 效益 ("效益指标 5 项"); national-2020 makes it its own
    一级指标, and generated documents follow the scheme (PRODUCT.md §6, demo data).
    """
    by_level1: dict[str, list[IndicatorRow]] = {name: [] for name in level1_order}
    for row in rows:
        by_level1.setdefault(row.level1, []).append(row)
    return tuple(
        IndicatorGroup(
            level1=name,
            indicators=tuple(items),
            weight=sum((item.weight for item in items), Decimal(0)),
        )
        for name, items in by_level1.items()
        if items
    )
