"""The kinds of object that go through the one transition table, by dotted paths.

Models and hooks are named as strings and resolved lazily, so the workflow app imports no app
that imports it (goals and evaluation import `jixiao.workflow.states`). A hook or model that
does not exist yet is skipped and logged, so the table works while the apps are being built.

Hooks (called inside the transition's transaction, on the locked row):
- `before_submit(obj)`: raise django ValidationError listing the blocking problems; the
  submission is refused with those messages and nothing changes.
- `on_accepted(obj, *, actor)`: runs after the object reached `accepted` (e.g. an approved
  target adjustment writes the new target values).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.db import models

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkflowKind:
    """One kind of object under the workflow.

    `project_path`: attributes from the object to its project ("project", "goal.project").
    `graded`: the bureau's review carries a result 优/良/中/差 (goals, rules.md §5.2).
    """

    code: str
    label: str
    model: str
    project_path: str
    before_submit: str | None = None
    on_accepted: str | None = None
    graded: bool = False

    @property
    def project_lookup(self) -> str:
        """The ORM lookup from the object to its project ("project", "goal__project")."""
        return self.project_path.replace(".", "__")

    def model_class(self) -> type[models.Model] | None:
        """The model, or None while its app has not defined it yet."""
        try:
            return apps.get_model(self.model)
        except LookupError:
            return None

    def project_of(self, obj):
        """The project the object belongs to."""
        value = obj
        for attribute in self.project_path.split("."):
            value = getattr(value, attribute)
        return value


WORKFLOW_KINDS: dict[str, WorkflowKind] = {
    "goal": WorkflowKind(
        code="goal",
        label="绩效目标",
        model="goals.Goal",
        project_path="project",
        before_submit="jixiao.goals.services.goal_submit_check",
        graded=True,
    ),
    "goal_adjustment": WorkflowKind(
        code="goal_adjustment",
        label="绩效目标调整",
        model="goals.GoalAdjustment",
        project_path="goal.project",
        before_submit="jixiao.goals.services.goal_adjustment_submit_check",
        on_accepted="jixiao.goals.services.goal_adjustment_apply",
    ),
    "self_evaluation": WorkflowKind(
        code="self_evaluation",
        label="绩效自评",
        model="evaluation.SelfEvaluation",
        project_path="project",
        before_submit="jixiao.evaluation.services.self_evaluation_submit_check",
        on_accepted="jixiao.followup.services.followup_on_evaluation_accepted",
    ),
    "monitoring_report": WorkflowKind(
        code="monitoring_report",
        label="绩效运行监控",
        model="monitoring.MonitoringReport",
        project_path="project",
        before_submit="jixiao.monitoring.services.monitoring_report_submit_check",
    ),
}

KIND_CHOICES = [(kind.code, kind.label) for kind in WORKFLOW_KINDS.values()]


def kind_get(code: str) -> WorkflowKind | None:
    """The kind registered as `code`, or None."""
    return WORKFLOW_KINDS.get(code)


def kind_for_object(obj: models.Model) -> WorkflowKind:
    """The kind whose model `obj` is an instance of; ValueError when none is."""
    label = obj._meta.label
    for kind in WORKFLOW_KINDS.values():
        if kind.model == label:
            return kind
    raise ValueError(f"{label} 不在审核流程中。")


def hook_resolve(dotted: str | None) -> Callable | None:
    """The function at `dotted`, or None (logged) while it does not exist yet."""
    if not dotted:
        return None
    module_path, _, name = dotted.rpartition(".")
    try:
        function = getattr(import_module(module_path), name)
    except (ImportError, AttributeError):
        logger.warning("workflow hook %s does not exist yet; skipped", dotted)
        return None
    return function
