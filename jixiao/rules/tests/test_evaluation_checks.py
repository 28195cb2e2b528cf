"""What blocks a self-evaluation's submission (jixiao.rules.evaluation_checks)."""

from __future__ import annotations

from jixiao.rules.evaluation_checks import (
    REQUIRED_NARRATIVE_LABELS,
    IndicatorCheck,
    NarrativeCheck,
    flag_labels,
    submit_problems,
)
from jixiao.rules.vocabulary import Comparator, Flag

NEEDS = (Flag.NEEDS_EXPLANATION, Flag.NOT_COMPLETED)
OVER = (Flag.OVER_ACHIEVED, Flag.NEEDS_EXPLANATION)
MISSING = (Flag.NEEDS_EXPLANATION, Flag.NOT_COMPLETED, Flag.MISSING_ACTUAL)


def _check(name, flags, note=False, comparator=Comparator.GE):
    return IndicatorCheck(name=name, comparator=comparator, flags=flags, has_deviation_note=note)


def test_it_lists_each_blocking_problem_in_order() -> None:
    problems = submit_problems(
        [
            _check("甲", MISSING),
            _check("乙", MISSING, comparator=Comparator.QUALITATIVE),
            _check("丙", NEEDS),
            _check("丁", OVER),
            _check("戊", NEEDS, note=True),
            _check("己", ()),
        ],
        [
            NarrativeCheck("项目综合评价结论", is_required=True, is_filled=False),
            NarrativeCheck("其他方面建议", is_required=False, is_filled=False),
        ],
    )
    assert problems == [
        "指标“甲”：请填写实际完成值。",
        "指标“乙”：请选择定性完成情况（三档之一）。",
        "指标“丙”：未完成年度指标值，请填写偏差原因分析及改进措施。",
        "指标“丁”：超额完成，请填写偏差原因分析及改进措施。",
        "请填写“项目综合评价结论”。",
    ]


def test_it_finds_nothing_when_everything_is_filled() -> None:
    assert submit_problems([_check("甲", OVER, note=True)], []) == []


def test_it_requires_the_goal_and_conclusion_sections() -> None:
    assert REQUIRED_NARRATIVE_LABELS == ("年度总体目标实际完成情况", "项目综合评价结论")


def test_it_labels_flags_in_chinese() -> None:
    assert flag_labels(OVER) == ["超额完成需说明"]
    assert flag_labels(NEEDS) == ["未完成需说明"]
    assert flag_labels(MISSING) == ["未填报"]
