"""The statuses shared by goals, adjustments, monitoring reports and self-evaluations.

Approval chain (PRODUCT.md §2): unit staff submit → the unit head approves → the supervising
department reviews, where the unit has one → the finance bureau reviews.
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待单位负责人审核"
    HEAD_APPROVED = "head_approved", "待主管部门/财政审核"
    DEPARTMENT_APPROVED = "department_approved", "待财政审核"
    ACCEPTED = "accepted", "已通过"
    RETURNED = "returned", "已退回"
    REJECTED = "rejected", "未通过"


# Reviewers above the unit see a goal or an evaluation only once the unit has sent it out
# (PRODUCT.md §2: "nobody sees another unit's drafts").
VISIBLE_TO_REVIEWERS = frozenset(
    {Status.HEAD_APPROVED, Status.DEPARTMENT_APPROVED, Status.ACCEPTED, Status.REJECTED}
)

# Statuses in which the object waits for someone's decision (an "open approval").
OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.HEAD_APPROVED, Status.DEPARTMENT_APPROVED})


class Action(models.TextChoices):
    """The moves of the one transition table (jixiao/workflow/transitions.py)."""

    SUBMIT = "submit", "报送"
    APPROVE_UNIT = "approve_unit", "单位审核通过"
    RETURN = "return", "退回"
    APPROVE_DEPARTMENT = "approve_department", "主管部门审核通过"
    REVIEW = "review", "财政审核"


# Only what the unit has not sent out (or got back) may be edited: nothing approved is silently
# changed (issue 4). Edit services of goals and evaluations check this before writing.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})


def status_is_editable(status: str) -> bool:
    """True when an object in `status` may still be edited by its unit."""
    return status in EDITABLE_STATUSES
