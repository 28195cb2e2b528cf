"""Reads of the workflow: the moves a user may take, the to-do list, a project's history."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404

from jixiao.accounts.models import Organisation, OrganisationKind, Role
from jixiao.accounts.selectors import visible_units_filter
from jixiao.audit.models import AuditEvent
from jixiao.projects.models import Project
from jixiao.rules.review import ReviewResult
from jixiao.workflow.access import actor_matches, status_visible_to, unit_has_department
from jixiao.workflow.kinds import WORKFLOW_KINDS, WorkflowKind, kind_for_object, kind_get
from jixiao.workflow.models import Decision
from jixiao.workflow.states import VISIBLE_TO_REVIEWERS, Action, Status
from jixiao.workflow.transitions import ALLOWED_TRANSITIONS, transition_for

REVIEW_RESULTS = tuple(result.value for result in ReviewResult)


def transition_available_actions(obj: models.Model, user) -> list[Action]:
    """The actions of the transition table `user` may take on `obj` now, in table order."""
    if not user.is_authenticated:
        return []
    kind = kind_for_object(obj)
    unit = _unit_of(kind.project_of(obj))
    has_department = unit_has_department(unit)
    available = []
    for status, action in ALLOWED_TRANSITIONS:
        if status != obj.status or action in available:
            continue
        transition = transition_for(status, action, has_department=has_department)
        if transition is not None and actor_matches(transition.actor, user, unit):
            available.append(action)
    return available


@dataclass(frozen=True)
class ActionButton:
    """One button of the workflow panel."""

    action: Action
    label: str
    needs_reason: bool
    results: tuple[str, ...]  # the review results to choose from, empty when none


@dataclass(frozen=True)
class WorkflowPanel:
    """An object's status and the buttons `user` may press, for the project page."""

    kind: WorkflowKind
    obj: models.Model
    status_label: str
    is_visible: bool
    buttons: tuple[ActionButton, ...] = field(default_factory=tuple)
    last_decision: Decision | None = None
    detail: str = ""  # which one, where a project has several (adjustments, reports)


def workflow_panel(obj: models.Model | None, user) -> WorkflowPanel | None:
    """The panel of `obj` for `user`; None when there is no object. A reviewer sees only the
    status line of an object the unit has not sent out (no buttons, no reason)."""
    if obj is None:
        return None
    kind = kind_for_object(obj)
    project = kind.project_of(obj)
    is_visible = status_visible_to(user, unit_id=project.unit_id, status=obj.status)
    if not is_visible:
        return WorkflowPanel(kind=kind, obj=obj, status_label="单位填报中", is_visible=False)
    unit = _unit_of(project)
    buttons = tuple(
        ActionButton(
            action=action,
            label=_button_label(kind, action),
            needs_reason=action == Action.RETURN,
            results=REVIEW_RESULTS if action == Action.REVIEW and kind.graded else (),
        )
        for action in transition_available_actions(obj, user)
    )
    last = Decision.objects.filter(kind=kind.code, object_id=obj.pk).select_related("actor")
    return WorkflowPanel(
        kind=kind,
        obj=obj,
        status_label=status_label_for(obj.status, has_department=unit_has_department(unit)),
        is_visible=True,
        buttons=buttons,
        last_decision=last.first(),
    )


def status_label_for(status: str, *, has_department: bool) -> str:
    """The status in Chinese, naming who reviews next after the head's approval."""
    if status == Status.HEAD_APPROVED:
        return "待主管部门审核" if has_department else "待财政审核"
    return Status(status).label


def _button_label(kind: WorkflowKind, action: Action) -> str:
    if action == Action.REVIEW:
        return "审核" if kind.graded else "审核通过"
    return Action(action).label


# Kinds shown in the workflow section of the project page besides the goal and the
# self-evaluation, while not final. Adjustments are shown (with these same panels) by the goals
# app's section of the page, next to the goal they change.
_PAGE_EXTRA_KINDS = ("monitoring_report",)
_FINAL_STATUSES = (Status.ACCEPTED, Status.REJECTED)


def workflow_extra_panels(project: Project, user) -> list[WorkflowPanel]:
    """Panels of the project's monitoring reports that are not final yet and that `user` may
    see (a reviewer sees only what the unit has sent out)."""
    panels = []
    for code in _PAGE_EXTRA_KINDS:
        kind = WORKFLOW_KINDS[code]
        model = kind.model_class()
        if model is None:
            continue
        rows = (
            model.objects.filter(**{kind.project_lookup: project})
            .exclude(status__in=_FINAL_STATUSES)
            .select_related(f"{kind.project_lookup}__unit__parent")
        )
        for row in rows.order_by("pk"):
            panel = workflow_panel(row, user)
            if panel is not None and panel.is_visible:
                panels.append(replace(panel, detail=str(row)))
    return panels


def workflow_object_get_for_user(user, *, kind_code: str, pk: int) -> models.Model:
    """The object of kind `kind_code` with `pk` if `user` may see it (its project's unit is in
    reach and its status is visible to them). Http404 for unknown kinds, missing objects and
    forbidden ones alike."""
    kind = kind_get(kind_code)
    model = kind.model_class() if kind is not None else None
    if model is None:
        raise Http404("事项不存在或无权查看")
    unit_filter = visible_units_filter(user, field=f"{kind.project_lookup}__unit")
    obj = model.objects.filter(unit_filter, pk=pk).first()
    if obj is None:
        raise Http404("事项不存在或无权查看")
    project = kind.project_of(obj)
    if not status_visible_to(user, unit_id=project.unit_id, status=obj.status):
        raise Http404("事项不存在或无权查看")
    return obj


def workflow_project_of(obj: models.Model) -> Project:
    """The project an object of the workflow belongs to."""
    return kind_for_object(obj).project_of(obj)


def _unit_of(project: Project) -> Organisation:
    unit = project.unit
    if unit.parent_id is not None and "parent" not in unit._state.fields_cache:
        unit = Organisation.objects.select_related("parent").get(pk=unit.pk)
    return unit


# ---------------------------------------------------------------------------------------
# 待办: what waits for the user


@dataclass(frozen=True)
class InboxItem:
    """One object waiting for the user's decision."""

    kind: WorkflowKind
    obj: models.Model
    project: Project
    status_label: str


def _waiting_filter(user, kind: WorkflowKind) -> Q | None:
    """A Q over the kind's model selecting what waits for `user`, or None for nothing."""
    if not user.is_authenticated or user.organisation_id is None:
        return None
    unit = f"{kind.project_lookup}__unit"
    organisation = user.organisation
    if user.role == Role.STAFF:
        return Q(**{f"{unit}_id": user.organisation_id, "status": Status.RETURNED})
    if user.role == Role.HEAD:
        return Q(**{f"{unit}_id": user.organisation_id, "status": Status.SUBMITTED})
    if user.role == Role.SUPERVISOR and organisation.kind == OrganisationKind.DEPARTMENT:
        return Q(**{f"{unit}__parent_id": user.organisation_id, "status": Status.HEAD_APPROVED})
    if user.role == Role.REVIEWER and organisation.kind == OrganisationKind.BUREAU:
        below = Q(**{f"{unit}__path__startswith": organisation.path})
        direct = Q(status=Status.HEAD_APPROVED) & ~Q(
            **{f"{unit}__parent__kind": OrganisationKind.DEPARTMENT}
        )
        return below & (direct | Q(status=Status.DEPARTMENT_APPROVED))
    return None


def inbox_list(user, *, limit: int = 500) -> list[InboxItem]:
    """What waits for `user`: staff their unit's returned items; heads their unit's submitted
    items; a department reviewer the head-approved items of its units; a bureau reviewer the
    items awaiting the bureau. Oldest project code first, at most `limit` per kind."""
    items = []
    for kind in WORKFLOW_KINDS.values():
        model = kind.model_class()
        condition = _waiting_filter(user, kind)
        if model is None or condition is None:
            continue
        rows = (
            model.objects.filter(condition)
            .select_related(f"{kind.project_lookup}__unit__parent")
            .order_by(f"{kind.project_lookup}__code")[:limit]
        )
        items.extend(
            InboxItem(
                kind=kind,
                obj=row,
                project=kind.project_of(row),
                status_label=status_label_for(
                    row.status, has_department=unit_has_department(kind.project_of(row).unit)
                ),
            )
            for row in rows
        )
    return items


def inbox_count(user) -> int:
    """How many items wait for `user` (one count query per kind with a model)."""
    total = 0
    for kind in WORKFLOW_KINDS.values():
        model = kind.model_class()
        condition = _waiting_filter(user, kind)
        if model is not None and condition is not None:
            total += model.objects.filter(condition).count()
    return total


# ---------------------------------------------------------------------------------------
# History


@dataclass(frozen=True)
class Change:
    """One field change of an audit event, with Chinese labels."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEvent:
    """An audit event as shown on the history page."""

    created_at: datetime
    actor: str
    action: str
    object_label: str
    summary: str
    changes: tuple[Change, ...]
    reason: str


# Events of these apps belong to the goal or the self-evaluation: reviewers above the unit see
# them only once the object is visible to them (PRODUCT.md §2: nobody sees another unit's drafts).
_APP_KIND = {"goals": "goal", "evaluation": "self_evaluation"}


def decision_list_for_project(project: Project) -> list[Decision]:
    """Every decision on the project's goal, adjustments, reports and self-evaluation, newest
    first. Decisions say who moved what and why, never a draft's content, so whoever may see
    the project sees them all."""
    return list(Decision.objects.filter(project=project).select_related("actor"))


def history_page_for_project(user, project: Project, *, page: str | int = 1) -> Page:
    """One page (50 events) of the project's audit events, newest first, as HistoryEvent rows.
    An out-of-range or malformed page number gives the last or first page."""
    events = AuditEvent.objects.filter(project_id=project.pk).select_related("actor")
    hidden_apps = [app for app, kind in _APP_KIND.items() if kind in _hidden_kinds(user, project)]
    for app in hidden_apps:
        events = events.exclude(object_type__startswith=f"{app}.")
    paginator = Paginator(events.order_by("-created_at", "-id"), 50)
    result = paginator.get_page(page)
    result.object_list = [_history_event(event) for event in result.object_list]
    return result


def _hidden_kinds(user, project: Project) -> set[str]:
    """The kinds whose objects of `project` are not visible to `user` in their current status."""
    if user.is_superuser or user.role == Role.ADMIN or user.organisation_id == project.unit_id:
        return set()
    hidden = set()
    for kind in WORKFLOW_KINDS.values():
        model = kind.model_class()
        if model is None:
            continue
        lookup = {kind.project_lookup: project}
        if model.objects.filter(**lookup).exclude(status__in=VISIBLE_TO_REVIEWERS).exists():
            hidden.add(kind.code)
    return hidden


def _history_event(event: AuditEvent) -> HistoryEvent:
    model = _model_for(event.object_type)
    object_label = model._meta.verbose_name if model is not None else event.object_type
    return HistoryEvent(
        created_at=event.created_at,
        actor=event.actor.display_name if event.actor else "系统",
        action=event.action,
        object_label=f"{object_label} #{event.object_id}",
        summary=event.summary,
        changes=tuple(
            Change(
                field=_field_label(model, name),
                old=_value_label(name, old),
                new=_value_label(name, new),
            )
            for name, (old, new) in event.changes.items()
        ),
        reason=event.reason,
    )


def _model_for(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


_EXTRA_LABELS = {"review_result": "审核结果"}


def _field_label(model, name: str) -> str:
    if name in _EXTRA_LABELS:
        return _EXTRA_LABELS[name]
    if model is None:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _value_label(name: str, value) -> str:
    if value is None:
        return "—"
    if name == "status" and value in Status.values:
        return Status(value).label
    return str(value)
