"""Writes of self-evaluations: actual values and score snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from jixiao.audit.services import audit_record
from jixiao.evaluation.models import IndicatorActual, ScoreSnapshot, SelfEvaluation
from jixiao.evaluation.selectors import evaluation_compute
from jixiao.projects.models import Project
from jixiao.workflow.states import Status


@dataclass(frozen=True)
class ActualInput:
    """An actual value as entered for one indicator (by its position in the goal)."""

    actual: Decimal | None = None
    band: str = ""
    chosen_score: Decimal | None = None
    deviation_note: str = ""


@transaction.atomic
def self_evaluation_create(
    *,
    project: Project,
    actuals: Mapping[int, ActualInput],
    narrative: Mapping[str, str] | None = None,
    actor=None,
    status: Status = Status.DRAFT,
    evaluated_on=None,
) -> SelfEvaluation:
    """Create the self-evaluation of `project` with actual values keyed by indicator position,
    then score it."""
    evaluation = SelfEvaluation.objects.create(
        project=project,
        status=status,
        evaluated_on=evaluated_on,
        scheme_code=settings.JIXIAO_SCHEME,
        **dict(narrative or {}),
    )
    indicators = {i.position: i for i in project.goal.indicators.all()}
    IndicatorActual.objects.bulk_create(
        IndicatorActual(
            evaluation=evaluation,
            indicator=indicators[position],
            actual=value.actual,
            band=value.band,
            chosen_score=value.chosen_score,
            deviation_note=value.deviation_note,
        )
        for position, value in actuals.items()
    )
    audit_record(
        actor=actor,
        action="evaluation.create",
        obj=evaluation,
        project_id=project.pk,
        summary="新建绩效自评",
    )
    self_evaluation_score(evaluation=evaluation, actor=actor)
    return evaluation


@transaction.atomic
def self_evaluation_score(*, evaluation: SelfEvaluation, actor=None) -> ScoreSnapshot:
    """Score `evaluation` under its scheme, store a snapshot (scheme, inputs, result) and copy
    the figures onto the evaluation."""
    computed = evaluation_compute(evaluation.project, scheme_code=evaluation.scheme_code or None)
    result = computed.result
    before = (evaluation.total, evaluation.grade)
    snapshot = ScoreSnapshot.objects.create(
        evaluation=evaluation,
        scheme_code=result.scheme_code,
        scheme_version=result.scheme_version,
        inputs=computed.inputs_json(),
        result=result.to_dict(),
        total=result.total,
        grade=result.grade,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    evaluation.scheme_code = result.scheme_code
    evaluation.execution_score = result.execution_score
    evaluation.indicator_score = result.indicator_score
    evaluation.total = result.total
    evaluation.grade = result.grade
    evaluation.save(
        update_fields=["scheme_code", "execution_score", "indicator_score", "total", "grade"]
    )
    audit_record(
        actor=actor,
        action="evaluation.score",
        obj=evaluation,
        project_id=evaluation.project_id,
        summary=f"评分 {result.total}（{result.grade}），方案 {result.scheme_code}",
        changes={"total": (before[0], result.total), "grade": (before[1] or None, result.grade)},
    )
    return snapshot
