"""What blocks a self-evaluation from being submitted (rules.md §1.2, §1.3, §2.1).

Pure functions over plain dataclasses; no Django. The caller turns the stored indicators,
their scores and the narrative texts into ``IndicatorCheck`` and ``NarrativeCheck`` rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.rules.vocabulary import Comparator, Flag

__all__ = [
    "REQUIRED_NARRATIVE_LABELS",
    "IndicatorCheck",
    "NarrativeCheck",
    "flag_labels",
    "submit_problems",
]


@dataclass(frozen=True)
class IndicatorCheck:
    """One indicator as the submit check needs it: its name, comparator, score flags and
    whether a 偏差原因分析及改进措施 text has been written."""

    name: str
    comparator: Comparator
    flags: tuple[Flag, ...]
    has_deviation_note: bool


@dataclass(frozen=True)
class NarrativeCheck:
    """One narrative section: its Chinese label, whether it is required, whether it is filled."""

    label: str
    is_required: bool
    is_filled: bool


def submit_problems(
    indicators: Iterable[IndicatorCheck], narratives: Iterable[NarrativeCheck]
) -> list[str]:
    """Every problem that blocks submission, in table order, as Chinese sentences.

    - a quantitative indicator without an actual value, or a qualitative one without its band
      (rules.md §2.1: 实际完成值 is a required cell);
    - an indicator flagged ``NEEDS_EXPLANATION`` (score below the weight, 财预〔2020〕10号
      第十一条; or actual ≥ 130 % of the target, the scheme's over-achievement setting) without a
      偏差原因分析及改进措施 (rules.md §2.1);
    - a required narrative section left empty.

    An empty list means the self-evaluation may be submitted.
    """
    problems: list[str] = []
    for item in indicators:
        if Flag.MISSING_ACTUAL in item.flags:
            if item.comparator is Comparator.QUALITATIVE:
                problems.append(f"指标“{item.name}”：请选择定性完成情况（三档之一）。")
            else:
                problems.append(f"指标“{item.name}”：请填写实际完成值。")
        elif Flag.NEEDS_EXPLANATION in item.flags and not item.has_deviation_note:
            reason = "超额完成" if Flag.OVER_ACHIEVED in item.flags else "未完成年度指标值"
            problems.append(f"指标“{item.name}”：{reason}，请填写偏差原因分析及改进措施。")
    for section in narratives:
        if section.is_required and not section.is_filled:
            problems.append(f"请填写“{section.label}”。")
    return problems


def flag_labels(flags: Iterable[Flag]) -> list[str]:
    """The Chinese labels shown beside a score: 超额完成需说明, 未完成需说明, 未填报, 已手工调减."""
    labels = {
        Flag.OVER_ACHIEVED: "超额完成需说明",
        Flag.NOT_COMPLETED: "未完成需说明",
        Flag.MISSING_ACTUAL: "未填报",
        Flag.MANUAL_DEDUCTION: "已手工调减",
    }
    chosen = set(flags)
    if Flag.MISSING_ACTUAL in chosen:
        chosen.discard(Flag.NOT_COMPLETED)
    return [labels[flag] for flag in Flag if flag in chosen and flag in labels]


# The narrative sections that must be written before submission, by their Chinese labels:
# 年度总体目标实际完成情况 is a cell of the 自评表 (rules.md §2.1, row 9) and 项目综合评价结论 the
# conclusion every 自评报告 outline asks for (财预〔2020〕10号 附件3). The other sections are
# optional: the seed report leaves several of them out.
REQUIRED_NARRATIVE_LABELS = ("年度总体目标实际完成情况", "项目综合评价结论")
