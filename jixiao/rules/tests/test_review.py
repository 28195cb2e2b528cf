"""The bureau's goal review: result → consequence (财预〔2015〕88号, rules.md §5.2)."""

from __future__ import annotations

import pytest

from jixiao.rules.review import GOAL_REVIEW_CONSEQUENCES, ReviewOutcome, review_outcome


@pytest.mark.parametrize(
    ("result", "outcome"),
    [
        ("优", ReviewOutcome.ACCEPT),  # 直接进入下一步预算安排流程
        ("良", ReviewOutcome.ACCEPT),  # 完善后进入下一步预算安排流程
        ("中", ReviewOutcome.RETURN),  # 修改完善，按程序重新报送审核
        ("差", ReviewOutcome.REJECT),  # 不得进入下一步预算安排流程
        (" 优 ", ReviewOutcome.ACCEPT),
    ],
)
def test_it_maps_each_goal_review_result_to_its_consequence(result, outcome):
    assert review_outcome(result, graded=True) is outcome


def test_it_covers_exactly_the_four_results():
    assert [r.value for r in GOAL_REVIEW_CONSEQUENCES] == ["优", "良", "中", "差"]


@pytest.mark.parametrize(
    ("result", "message"),
    [
        ("", "请选择审核结果：优、良、中或差。"),
        ("  ", "请选择审核结果：优、良、中或差。"),
        ("合格", "审核结果“合格”无效：应为优、良、中或差。"),
        ("A", "审核结果“A”无效：应为优、良、中或差。"),
    ],
)
def test_it_refuses_a_missing_or_unknown_goal_result(result, message):
    with pytest.raises(ValueError) as refused:
        review_outcome(result, graded=True)
    assert str(refused.value) == message


def test_it_accepts_an_ungraded_review_without_a_result():
    assert review_outcome("", graded=False) is ReviewOutcome.ACCEPT


def test_it_refuses_a_result_on_an_ungraded_review():
    with pytest.raises(ValueError) as refused:
        review_outcome("良", graded=False)
    assert str(refused.value) == "此类事项审核不评定等级，不能填写审核结果“良”。"
