"""Writes of goals and their indicator tree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from jixiao.audit.services import audit_record
from jixiao.goals.models import Comparator, Goal, Indicator
from jixiao.projects.models import Project
from jixiao.workflow.states import Status


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator as entered, before it is stored."""

    level1: str
    level2: str
    name: str
    comparator: Comparator
    weight: Decimal
    target: Decimal | None = None
    target_text: str = ""
    measure_unit: str = ""
    standard: str = ""
    method: str = ""
    basis: str = ""
    inferences: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def goal_create(
    *,
    project: Project,
    annual_goal: str,
    indicators: Sequence[IndicatorSpec],
    actor=None,
    status: Status = Status.DRAFT,
) -> Goal:
    """Create the goal of `project` with its indicators in the given order."""
    goal = Goal.objects.create(project=project, annual_goal=annual_goal, status=status)
    Indicator.objects.bulk_create(
        Indicator(
            goal=goal,
            position=position,
            level1=spec.level1,
            level2=spec.level2,
            name=spec.name,
            comparator=spec.comparator,
            target=spec.target,
            target_text=spec.target_text,
            measure_unit=spec.measure_unit,
            weight=spec.weight,
            standard=spec.standard,
            method=spec.method,
            basis=spec.basis,
            inferences=spec.inferences,
        )
        for position, spec in enumerate(indicators, start=1)
    )
    audit_record(
        actor=actor,
        action="goal.create",
        obj=goal,
        project_id=project.pk,
        summary=f"设定绩效目标，指标 {len(indicators)} 项",
    )
    return goal
