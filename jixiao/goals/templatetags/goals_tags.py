"""Template tags of the goals app: the goal hook on the project page."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from jixiao.goals.selectors import adjustment_list, goal_findings_visible, goal_is_editor
from jixiao.rules.findings import Finding

register = template.Library()


@dataclass(frozen=True)
class GoalHook:
    """What the project page shows of the goal beyond its table: the editor link (unit
    staff), the goal checks (read-only) and the adjustment requests."""

    is_editor: bool
    findings: list[Finding] | None
    adjustments: list


@register.simple_tag(takes_context=True)
def goal_hook(context, project, goal):
    """The GoalHook of `goal` for the page's user; None when there is no goal."""
    if goal is None:
        return None
    user = context["user"]
    findings = goal_findings_visible(user, goal)
    return GoalHook(
        is_editor=goal_is_editor(user, project),
        findings=findings,
        adjustments=adjustment_list(goal) if findings is not None else [],
    )
