"""The bureau's review of a goal: result (优/良/中/差) → consequence.

财预〔2015〕88号 (rules.md §5.2, 审核结果 N-C via S8, text before 第二十六条):

| 审核结果 | consequence |
|---|---|
| 优 | 直接进入下一步预算安排流程 → accepted |
| 良 | 协商完善后进入下一步预算安排流程 → accepted |
| 中 | 单位修改完善，按程序重新报送审核 → returned (resubmit) |
| 差 | 不得进入下一步预算安排流程 → rejected (stops) |

Objects reviewed without a grade (self-evaluations, adjustments, monitoring reports) are
accepted by the review; returning them is a separate action of the workflow.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "GOAL_REVIEW_CONSEQUENCES",
    "ReviewOutcome",
    "ReviewResult",
    "review_outcome",
]


class ReviewResult(StrEnum):
    """The four results of 绩效目标审核 (88号)."""

    EXCELLENT = "优"
    GOOD = "良"
    MEDIUM = "中"
    POOR = "差"


class ReviewOutcome(StrEnum):
    """What a review does to the object reviewed."""

    ACCEPT = "accept"
    RETURN = "return"
    REJECT = "reject"


# 财预〔2015〕88号 第二十五条 (rules.md §5.2): the one result → consequence table.
GOAL_REVIEW_CONSEQUENCES: dict[ReviewResult, ReviewOutcome] = {
    ReviewResult.EXCELLENT: ReviewOutcome.ACCEPT,
    ReviewResult.GOOD: ReviewOutcome.ACCEPT,
    ReviewResult.MEDIUM: ReviewOutcome.RETURN,
    ReviewResult.POOR: ReviewOutcome.REJECT,
}


def review_outcome(result: str, *, graded: bool) -> ReviewOutcome:
    """The outcome of a review with `result`.

    graded (goals): `result` must be one of 优/良/中/差; the table above decides.
    not graded: `result` must be empty; the review accepts.
    Anything else raises ValueError with a Chinese message naming the problem.
    """
    text = (result or "").strip()
    if not graded:
        if text:
            raise ValueError(f"此类事项审核不评定等级，不能填写审核结果“{text}”。")
        return ReviewOutcome.ACCEPT
    if not text:
        raise ValueError("请选择审核结果：优、良、中或差。")
    try:
        return GOAL_REVIEW_CONSEQUENCES[ReviewResult(text)]
    except ValueError:
        raise ValueError(f"审核结果“{text}”无效：应为优、良、中或差。") from None
