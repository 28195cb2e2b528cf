"""Reads of goals and indicators."""

from __future__ import annotations

from jixiao.goals.models import Goal, Indicator
from jixiao.projects.models import Project


def goal_get(project: Project) -> Goal | None:
    """The goal of `project`, or None when none has been set."""
    return Goal.objects.filter(project=project).first()


def indicator_list(project: Project) -> list[Indicator]:
    """The indicators of the project's goal in tree order (一级, then position)."""
    return list(Indicator.objects.filter(goal__project=project).order_by("position"))
