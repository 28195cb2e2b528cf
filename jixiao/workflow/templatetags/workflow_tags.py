"""Template tags of the workflow: the panel of an object and the 待办 count in the nav."""

from __future__ import annotations

from django import template

from jixiao.workflow.badge import inbox_badge_count
from jixiao.workflow.selectors import workflow_extra_panels, workflow_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_panel_for(context, obj):
    """The WorkflowPanel of `obj` for the page's user (None when `obj` is None)."""
    return workflow_panel(obj, context["user"])


@register.simple_tag(takes_context=True)
def workflow_extra_panels_for(context, project):
    """Panels of the project's open monitoring reports for the page's user."""
    return workflow_extra_panels(project, context["user"])


@register.simple_tag(takes_context=True)
def workflow_inbox_count(context) -> str:
    """The number of items waiting for the page's user, as text ("" when none)."""
    count = inbox_badge_count(context["user"])
    return str(count) if count else ""
