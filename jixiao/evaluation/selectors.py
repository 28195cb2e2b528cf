"""Reads of self-evaluations, and the scoring of a project from its stored data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

from jixiao.evaluation.models import IndicatorActual, SelfEvaluation
from jixiao.goals.models import Comparator as StoredComparator
from jixiao.goals.models import Indicator, decimal_plain
from jixiao.projects.models import Project
from jixiao.rules import (
    Comparator,
    EvaluationInput,
    EvaluationResult,
    IndicatorInput,
    QualitativeBand,
    evaluate,
    scheme_get,
)
from jixiao.workflow.access import status_visible_to


@dataclass(frozen=True)
class ScoredIndicator:
    """An indicator, its actual value as stored and its score."""

    indicator: Indicator
    actual: IndicatorActual | None
    score: Any  # jixiao.rules.IndicatorScore

    @property
    def actual_display(self) -> str:
        """The 实际完成值 as printed: "100%", "487人次", or the qualitative band."""
        if self.actual is None:
            return ""
        if self.indicator.comparator == StoredComparator.QUALITATIVE:
            return self.actual.band
        if self.actual.actual is None:
            return ""
        return f"{decimal_plain(self.actual.actual)}{self.indicator.measure_unit}"


@dataclass(frozen=True)
class ComputedEvaluation:
    """The inputs handed to the rules package and what it returned."""

    project: Project
    evaluation: SelfEvaluation | None
    data: EvaluationInput
    result: EvaluationResult
    indicators: tuple[ScoredIndicator, ...]

    def inputs_json(self) -> dict[str, Any]:
        """The scoring inputs as JSON-ready strings, for the score snapshot."""
        return {
            "budget": str(self.data.budget),
            "executed": str(self.data.executed),
            "indicators": [
                {
                    "key": item.key,
                    "name": item.name,
                    "level1": item.level1,
                    "level2": item.level2,
                    "comparator": item.comparator.value,
                    "weight": str(item.weight),
                    "target": _str_or_none(item.target),
                    "actual": _str_or_none(item.actual),
                    "band": item.band.value if item.band else None,
                    "chosen_score": _str_or_none(item.chosen_score),
                    "deduction": str(item.deduction),
                }
                for item in self.data.indicators
            ],
        }


def _str_or_none(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def evaluation_compute(project: Project, *, scheme_code: str | None = None) -> ComputedEvaluation:
    """Score `project` from its stored budget, ledger totals, indicators and actual values.

    Three queries: the evaluation, the indicators, the actual values. Nothing is written.
    """
    scheme = scheme_get(scheme_code or settings.JIXIAO_SCHEME)
    evaluation = SelfEvaluation.objects.filter(project=project).first()
    indicators = list(Indicator.objects.filter(goal__project=project).order_by("position"))
    actuals: dict[int, IndicatorActual] = {}
    if evaluation is not None:
        actuals = {a.indicator_id: a for a in IndicatorActual.objects.filter(evaluation=evaluation)}
    inputs = tuple(_indicator_input(i, actuals.get(i.pk)) for i in indicators)
    data = EvaluationInput(
        budget=project.budget_full_year, executed=project.executed, indicators=inputs
    )
    result = evaluate(data, scheme)
    scored = tuple(
        ScoredIndicator(indicator=i, actual=actuals.get(i.pk), score=s)
        for i, s in zip(indicators, result.indicators, strict=True)
    )
    return ComputedEvaluation(
        project=project, evaluation=evaluation, data=data, result=result, indicators=scored
    )


def _indicator_input(indicator: Indicator, actual: IndicatorActual | None) -> IndicatorInput:
    comparator = Comparator(indicator.comparator)
    band = None
    if actual is not None and actual.band:
        band = QualitativeBand(actual.band)
    return IndicatorInput(
        key=str(indicator.pk),
        name=indicator.name,
        level1=indicator.level1,
        level2=indicator.level2,
        comparator=comparator,
        weight=indicator.weight,
        target=indicator.target,
        actual=actual.actual if actual is not None else None,
        band=band,
        chosen_score=actual.chosen_score if actual is not None else None,
        deduction=actual.deduction if actual is not None else Decimal(0),
    )


def score_json(computed: ComputedEvaluation) -> dict[str, Any]:
    """The evaluation in the exact shape of `jixiao score --json` (PRODUCT.md §6)."""
    project = computed.project
    result = computed.result
    return {
        "code": project.code,
        "year": project.year,
        "unit": project.unit.name,
        "scheme": result.scheme_code,
        "budget": str(project.budget_full_year),
        "executed": str(project.executed),
        "execution_rate": _str_or_none(result.execution_rate),
        "execution_score": str(result.execution_score),
        "indicator_score": str(result.indicator_score),
        "total": str(result.total),
        "grade": result.grade,
        "indicators": [
            {
                "level1": item.indicator.level1,
                "level2": item.indicator.level2,
                "name": item.indicator.name,
                "comparator": item.indicator.comparator,
                "target": _target_json(item.indicator),
                "measure_unit": item.indicator.measure_unit,
                "actual": _actual_json(item),
                "weight": str(item.indicator.weight),
                "score": str(item.score.score),
                "flags": [flag.value for flag in item.score.flags],
            }
            for item in computed.indicators
        ],
    }


def _target_json(indicator: Indicator) -> str | None:
    if indicator.comparator == StoredComparator.QUALITATIVE:
        return indicator.target_text
    return None if indicator.target is None else decimal_plain(indicator.target)


def _actual_json(item: ScoredIndicator) -> str | None:
    if item.actual is None:
        return None
    if item.indicator.comparator == StoredComparator.QUALITATIVE:
        return item.actual.band or None
    return None if item.actual.actual is None else decimal_plain(item.actual.actual)


def evaluation_visible_to(user, evaluation: SelfEvaluation | None) -> bool:
    """Whether `user` may see `evaluation`'s figures (see `status_visible_to`)."""
    if evaluation is None:
        return False
    return status_visible_to(user, unit_id=evaluation.project.unit_id, status=evaluation.status)
