"""Result application (结果应用): grade × project category × rectification → next-year action.

rules.md §6.1 suggests ``next_year_action = f(grade, project_type, rectified)`` with one table
per region. A table is versioned code: a region variant is a new table with its own tests, and
every stored recommendation records the table code and version it came from.

Adjustment percentages are signed: ``Decimal("-10")`` means 核减 10 %, ``Decimal("0")`` keeps
this year's 全年预算数, ``Decimal("-100")`` means nothing is arranged next year, and ``None``
means the source names no figure: the finance bureau sets it when it confirms the proposal.

Tables:

- ``national-2020``: 财预〔2020〕10号 第五章 (rules.md §6.1, S1): 优、良 → 根据情况予以支持;
  中、差 → 完善政策、改进管理，根据情况核减预算; 不整改或整改不到位 → 相应调减预算或整改到位
  后再予安排. The project category refines it after S16 (rules.md §6.1, [L]): 常年性/延续性
  优/良 → 下年优先保障, 中 → 控制新增, 差 → 调整方向/结构、减少预算或取消; 一次性 差 → 下年
  原则上不安排同类新增.
- ``dazhou-style``: 达州市商务局 S15 (rules.md §6.1, [L]): 优 → 适当优先保障; 良 → 据实合理保障;
  中 → 一定比例核减; 差 → 可取消或暂停下年预算. S15 names no percentage for 中: the 10 % of
  this table is a setting of the scheme, not a figure of the source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from jixiao.rules.findings import Finding, Severity
from jixiao.rules.numbers import calculation_context, round_money

__all__ = [
    "DAZHOU_STYLE",
    "DEFAULT_FOLLOWUP_TABLE_CODE",
    "FOLLOWUP_TABLES",
    "NATIONAL_2020",
    "FollowupAction",
    "FollowupRule",
    "FollowupTable",
    "ProjectCategory",
    "Recommendation",
    "RectificationState",
    "followup_recommendation",
    "followup_table_get",
    "next_year_amount",
    "rectification_closed_on_time",
    "rectification_overdue_finding",
    "rectification_state",
    "rectified_flag",
]

GRADES = ("优", "良", "中", "差")


class ProjectCategory(StrEnum):
    """项目类型; the values are those stored by the projects app."""

    RECURRENT = "recurrent"  # 常年性
    CONTINUING = "continuing"  # 延续性
    ONE_OFF = "one_off"  # 一次性


CATEGORY_LABELS = {
    ProjectCategory.RECURRENT: "常年性",
    ProjectCategory.CONTINUING: "延续性",
    ProjectCategory.ONE_OFF: "一次性",
}


class FollowupAction(StrEnum):
    """What the next budget does with the project."""

    PRIORITISE = "prioritise"  # 优先保障
    SUPPORT = "support"  # 予以支持 / 据实保障
    IMPROVE = "improve"  # 完善政策、改进管理，根据情况核减
    CUT = "cut"  # 按比例核减
    SUSPEND = "suspend"  # 取消或暂停 / 不再安排
    HOLD_UNTIL_RECTIFIED = "hold_until_rectified"  # 调减或整改到位后再予安排


ACTION_LABELS = {
    FollowupAction.PRIORITISE: "优先保障",
    FollowupAction.SUPPORT: "予以支持",
    FollowupAction.IMPROVE: "完善政策、改进管理，根据情况核减预算",
    FollowupAction.CUT: "按比例核减预算",
    FollowupAction.SUSPEND: "取消或暂停下年预算",
    FollowupAction.HOLD_UNTIL_RECTIFIED: "相应调减预算或整改到位后再予安排",
}


@dataclass(frozen=True)
class FollowupRule:
    """One cell of a table: the action, its Chinese wording, the adjustment and the source."""

    action: FollowupAction
    label: str
    adjustment_percent: Decimal | None
    source: str


@dataclass(frozen=True)
class FollowupTable:
    """A versioned result-application table: (grade, category) → rule, and the rule that
    replaces it when the project was not rectified."""

    code: str
    version: int
    title: str
    cells: Mapping[tuple[str, ProjectCategory], FollowupRule]
    not_rectified: FollowupRule

    def __post_init__(self) -> None:
        """Check that every grade × category has a cell, and freeze the mapping."""
        missing = [
            f"{grade}/{CATEGORY_LABELS[category]}"
            for grade in GRADES
            for category in ProjectCategory
            if (grade, category) not in self.cells
        ]
        if missing:
            raise ValueError(f"结果应用表 {self.code} 缺少：{'、'.join(missing)}。")
        object.__setattr__(self, "cells", MappingProxyType(dict(self.cells)))


@dataclass(frozen=True)
class Recommendation:
    """What a table recommends for one project."""

    action: FollowupAction
    label: str
    adjustment_percent: Decimal | None
    reason: str
    table_code: str
    table_version: int


_S1 = "财预〔2020〕10号 第五章"
_S16 = "S16 省级绩效评价结果应用规定（rules.md §6.1）"
_S15 = "达州市商务局 S15（rules.md §6.1）"

_KEEP = Decimal("0")
_NONE_NEXT_YEAR = Decimal("-100")


def _each_category(rule: FollowupRule) -> dict[ProjectCategory, FollowupRule]:
    return dict.fromkeys(ProjectCategory, rule)


def _national_cells() -> dict[tuple[str, ProjectCategory], FollowupRule]:
    lasting_good = FollowupRule(
        FollowupAction.PRIORITISE,
        "予以支持，下年优先保障",
        _KEEP,
        f"{_S1}：优、良根据情况予以支持；{_S16}：常年性/延续性项目优或良下年优先保障",
    )
    one_off_good = FollowupRule(
        FollowupAction.SUPPORT,
        "予以支持",
        _KEEP,
        f"{_S1}：优、良根据情况予以支持",
    )
    lasting_medium = FollowupRule(
        FollowupAction.IMPROVE,
        "完善政策、改进管理，控制新增，根据情况核减预算",
        None,
        f"{_S1}：中、差完善政策、改进管理，根据情况核减预算；{_S16}：中控制新增",
    )
    one_off_medium = FollowupRule(
        FollowupAction.IMPROVE,
        "完善政策、改进管理，根据情况核减预算",
        None,
        f"{_S1}：中、差完善政策、改进管理，根据情况核减预算",
    )
    lasting_poor = FollowupRule(
        FollowupAction.IMPROVE,
        "调整支出方向和结构，减少预算或取消",
        None,
        f"{_S1}：中、差根据情况核减预算；{_S16}：差调整方向/结构、减少预算或取消",
    )
    one_off_poor = FollowupRule(
        FollowupAction.SUSPEND,
        "下年原则上不安排同类新增项目",
        _NONE_NEXT_YEAR,
        f"{_S1}：中、差根据情况核减预算；{_S16}：一次性项目差下年原则上不安排同类新增",
    )
    lasting = (ProjectCategory.RECURRENT, ProjectCategory.CONTINUING)
    cells: dict[tuple[str, ProjectCategory], FollowupRule] = {}
    for grade in ("优", "良"):
        for category in ProjectCategory:
            cells[grade, category] = lasting_good if category in lasting else one_off_good
    for category in ProjectCategory:
        cells["中", category] = lasting_medium if category in lasting else one_off_medium
        cells["差", category] = lasting_poor if category in lasting else one_off_poor
    return cells


_NOT_RECTIFIED = FollowupRule(
    FollowupAction.HOLD_UNTIL_RECTIFIED,
    ACTION_LABELS[FollowupAction.HOLD_UNTIL_RECTIFIED],
    None,
    f"{_S1}：不整改或整改不到位的，相应调减预算或整改到位后再予安排",
)

NATIONAL_2020 = FollowupTable(
    code="national-2020",
    version=1,
    title="全国默认（财预〔2020〕10号）",
    cells=_national_cells(),
    not_rectified=_NOT_RECTIFIED,
)

# The fixed cut of 中 in the dazhou-style table: a setting of this scheme (S15 says only
# "一定比例核减").
DAZHOU_MEDIUM_CUT = Decimal("-10")

DAZHOU_STYLE = FollowupTable(
    code="dazhou-style",
    version=1,
    title="达州式（优先保障 / 据实保障 / 按比例核减 / 取消或暂停）",
    cells={
        **{
            ("优", c): r
            for c, r in _each_category(
                FollowupRule(FollowupAction.PRIORITISE, "适当优先保障", _KEEP, f"{_S15}：优")
            ).items()
        },
        **{
            ("良", c): r
            for c, r in _each_category(
                FollowupRule(FollowupAction.SUPPORT, "据实合理保障", _KEEP, f"{_S15}：良")
            ).items()
        },
        **{
            ("中", c): r
            for c, r in _each_category(
                FollowupRule(
                    FollowupAction.CUT,
                    "按 10% 比例核减下年预算",
                    DAZHOU_MEDIUM_CUT,
                    f"{_S15}：中一定比例核减（比例 10% 为本方案设定）",
                )
            ).items()
        },
        **{
            ("差", c): r
            for c, r in _each_category(
                FollowupRule(
                    FollowupAction.SUSPEND,
                    "取消或暂停下年预算",
                    _NONE_NEXT_YEAR,
                    f"{_S15}：差可取消或暂停下年预算",
                )
            ).items()
        },
    },
    not_rectified=_NOT_RECTIFIED,
)

FOLLOWUP_TABLES: dict[str, FollowupTable] = {t.code: t for t in (NATIONAL_2020, DAZHOU_STYLE)}
DEFAULT_FOLLOWUP_TABLE_CODE = NATIONAL_2020.code


def followup_table_get(code: str) -> FollowupTable:
    """The table registered as `code`; ValueError (Chinese, listing the codes) otherwise."""
    try:
        return FOLLOWUP_TABLES[code]
    except KeyError:
        raise ValueError(
            f"未知的结果应用方案“{code}”，可选：{'、'.join(FOLLOWUP_TABLES)}。"
        ) from None


def followup_recommendation(
    grade: str, category: str, rectified: bool | None, table: FollowupTable
) -> Recommendation:
    """What `table` recommends for a project graded `grade` of `category`.

    `rectified`: None when no rectification was required (or none is due yet); True when every
    rectification item was closed; False when the unit did not rectify or not fully — then the
    table's `not_rectified` rule applies whatever the grade (S1 第五章). Raises ValueError with
    a Chinese message for a grade other than 优/良/中/差 or an unknown category.
    """
    if grade not in GRADES:
        raise ValueError(f"评价等级“{grade}”无效，应为 优、良、中、差 之一。")
    try:
        kind = ProjectCategory(category)
    except ValueError:
        raise ValueError(
            f"项目类型“{category}”无效，应为 recurrent（常年性）、continuing（延续性）"
            "或 one_off（一次性）。"
        ) from None
    rule = table.not_rectified if rectified is False else table.cells[grade, kind]
    situation = f"评价等级{grade}，{CATEGORY_LABELS[kind]}项目"
    if rectified is False:
        situation += "，整改未到位"
    return Recommendation(
        action=rule.action,
        label=rule.label,
        adjustment_percent=rule.adjustment_percent,
        reason=f"{situation}。依据：{rule.source}。",
        table_code=table.code,
        table_version=table.version,
    )


def next_year_amount(budget: Decimal, adjustment_percent: Decimal | None) -> Decimal | None:
    """This year's 全年预算数 `budget` (元) adjusted by `adjustment_percent`, in 元.

    ``budget × (100 + p) / 100`` rounded once by ``round_money``; None when the percentage is
    not set yet. Percentages below -100 are refused (a budget cannot go negative).
    """
    if adjustment_percent is None:
        return None
    if adjustment_percent < Decimal("-100"):
        raise ValueError(f"调整比例 {adjustment_percent}% 低于 -100%，预算不能为负数。")
    with calculation_context():
        amount = budget * (Decimal(100) + adjustment_percent) / Decimal(100)
    return round_money(amount)


class RectificationState(StrEnum):
    """The rectification situation of a project, as the tables need it."""

    NONE_REQUIRED = "none_required"
    CLOSED = "closed"
    PENDING = "pending"  # items still open, none past its deadline
    NOT_RECTIFIED = "not_rectified"  # an item open past its deadline


def rectification_state(*, total: int, closed: int, overdue: int) -> RectificationState:
    """Summarise a project's rectification items: `total` issued, `closed` accepted by the
    bureau, `overdue` still open after their deadline."""
    if total == 0:
        return RectificationState.NONE_REQUIRED
    if closed == total:
        return RectificationState.CLOSED
    if overdue > 0:
        return RectificationState.NOT_RECTIFIED
    return RectificationState.PENDING


def rectified_flag(state: RectificationState) -> bool | None:
    """The `rectified` argument of `followup_recommendation` for `state`: None while nothing
    is required or the deadline has not passed, True when closed, False when overdue."""
    return {
        RectificationState.NONE_REQUIRED: None,
        RectificationState.PENDING: None,
        RectificationState.CLOSED: True,
        RectificationState.NOT_RECTIFIED: False,
    }[state]


def rectification_closed_on_time(deadline, answered_on) -> bool:
    """True when the answer the bureau accepted was given on or before the deadline (dates in
    Asia/Shanghai). The bureau's own review time does not count against the unit."""
    return answered_on <= deadline


def rectification_overdue_finding(
    *, subject: str, owner: str, deadline, today, is_open: bool
) -> Finding | None:
    """A warning when a rectification item is still open after its deadline, else None.

    `subject` names the item (project code and finding), `owner` the responsible unit; dates
    are calendar dates in Asia/Shanghai. The deadline day itself is not overdue.
    """
    if not is_open or today <= deadline:
        return None
    days = (today - deadline).days
    return Finding(
        rule="followup.rectification_overdue",
        severity=Severity.WARNING,
        subject=subject,
        message=(
            f"整改事项已超过整改期限 {days} 天（期限 {deadline.isoformat()}），"
            f"请督促{owner}尽快报送整改情况。"
        ),
        figures={"deadline": deadline.isoformat(), "days_overdue": str(days)},
    )
