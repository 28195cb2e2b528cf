"""Reads of goals, indicators, the indicator library, adjustments and the goal checks."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from jixiao.accounts.models import Role
from jixiao.goals.models import Goal, GoalAdjustment, Indicator, LibraryIndicator
from jixiao.projects.models import Project
from jixiao.projects.selectors import project_get_for_user
from jixiao.rules.findings import Finding
from jixiao.rules.goal_checks import GoalDraft, IndicatorDraft, goal_findings
from jixiao.rules.schemes import Scheme, scheme_get
from jixiao.workflow.access import status_visible_to

EDITOR_ONLY = "只有本单位经办人可以编辑绩效目标。"


def goal_get(project: Project) -> Goal | None:
    """The goal of `project`, or None when none has been set. Its project, unit and supervising
    organisation come in the same query: the workflow panels read them."""
    return Goal.objects.filter(project=project).select_related("project__unit__parent").first()


def indicator_list(project: Project) -> list[Indicator]:
    """The indicators of the project's goal in tree order (一级, then position)."""
    return list(Indicator.objects.filter(goal__project=project).order_by("position"))


def scheme_current() -> Scheme:
    """The scheme goals are checked against (``JIXIAO_SCHEME``, default national-2020)."""
    return scheme_get(settings.JIXIAO_SCHEME)


def goal_is_editor(user, project: Project) -> bool:
    """True when `user` may edit the goal of `project`: staff (经办人) of its own unit."""
    return (
        user.is_authenticated
        and user.role == Role.STAFF
        and user.organisation_id is not None
        and user.organisation_id == project.unit_id
    )


def goal_editor_check(user, project: Project) -> None:
    """Raise PermissionDenied unless `user` may edit the goal of `project`."""
    if not goal_is_editor(user, project):
        raise PermissionDenied(EDITOR_ONLY)


def goal_project_get_for_editor(user, *, code: str) -> Project:
    """The project with `code` for its goal editor.

    Http404 when the project does not exist or lies outside the user's reach (as every
    project page); PermissionDenied (403) when the user sees it but is not its unit's staff.
    """
    project = project_get_for_user(user, code=code)
    goal_editor_check(user, project)
    return project


def indicator_get(goal: Goal, pk: int) -> Indicator:
    """The indicator `pk` of `goal`; Indicator.DoesNotExist when it belongs to another goal."""
    return Indicator.objects.get(goal=goal, pk=pk)


def goal_draft(goal: Goal) -> GoalDraft:
    """The stored goal as the plain dataclasses the goal checks read."""
    return GoalDraft(
        annual_goal=goal.annual_goal,
        indicators=[indicator_draft(i) for i in goal.indicators.order_by("position")],
    )


def indicator_draft(indicator: Indicator) -> IndicatorDraft:
    """One stored indicator as an IndicatorDraft (key: its id)."""
    return IndicatorDraft(
        key=str(indicator.pk),
        name=indicator.name,
        level1=indicator.level1,
        level2=indicator.level2,
        comparator=indicator.comparator,
        target=indicator.target,
        target_text=indicator.target_text,
        measure_unit=indicator.measure_unit,
        weight=indicator.weight,
        standard=indicator.standard,
        method=indicator.method,
    )


def goal_findings_for(goal: Goal) -> list[Finding]:
    """The goal checks (jixiao.rules.goal_checks) of the stored goal."""
    return goal_findings(goal_draft(goal), scheme_current())


def goal_findings_with_draft(
    goal: Goal, draft: IndicatorDraft, *, replacing: int | None = None
) -> list[Finding]:
    """The goal checks as if `draft` were saved: in place of indicator `replacing`, or added
    at the end. Reads only; nothing is written (the editor's live findings panel)."""
    indicators = []
    replaced = False
    for indicator in goal.indicators.order_by("position"):
        if replacing is not None and indicator.pk == replacing:
            indicators.append(draft)
            replaced = True
        else:
            indicators.append(indicator_draft(indicator))
    if not replaced:
        indicators.append(draft)
    return goal_findings(
        GoalDraft(annual_goal=goal.annual_goal, indicators=indicators), scheme_current()
    )


def goal_findings_visible(user, goal: Goal | None) -> list[Finding] | None:
    """The findings of `goal` for the project page, or None when `user` may not see the goal
    yet (a reviewer above the unit before it was sent out)."""
    if goal is None:
        return None
    if not status_visible_to(user, unit_id=goal.project.unit_id, status=goal.status):
        return None
    return goal_findings_for(goal)


def library_list(*, level2: str = "") -> QuerySet[LibraryIndicator]:
    """The indicator library, optionally of one 二级 category, in library order."""
    entries = LibraryIndicator.objects.all()
    if level2:
        entries = entries.filter(level2=level2)
    return entries.order_by("position", "id")


def library_get(pk: int) -> LibraryIndicator:
    """One library entry; LibraryIndicator.DoesNotExist when there is none."""
    return LibraryIndicator.objects.get(pk=pk)


def adjustment_list(goal: Goal) -> list[GoalAdjustment]:
    """The adjustment requests of `goal`, newest first, with their indicator and requester."""
    return list(goal.adjustments.select_related("indicator", "requested_by", "goal__project"))
