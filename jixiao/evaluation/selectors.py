"""Reads of self-evaluations, and the scoring of a project from its stored data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import Http404

from jixiao.evaluation.models import NARRATIVE_FIELDS, IndicatorActual, SelfEvaluation
from jixiao.goals.models import Comparator as StoredComparator
from jixiao.goals.models import Indicator, decimal_plain
from jixiao.projects.models import Project
from jixiao.projects.selectors import user_is_unit_staff
from jixiao.rules import (
    Comparator,
    EvaluationInput,
    EvaluationResult,
    IndicatorInput,
    QualitativeBand,
    ScoringError,
    evaluate,
    execution_rate_percent,
    execution_score,
    grade_for,
    indicator_score,
    scheme_get,
)
from jixiao.rules.evaluation_checks import (
    REQUIRED_NARRATIVE_LABELS,
    IndicatorCheck,
    NarrativeCheck,
    flag_labels,
    submit_problems,
)
from jixiao.workflow.access import status_visible_to
from jixiao.workflow.states import Status


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
    evaluation = evaluation_get(project)
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


def evaluation_get(project: Project) -> SelfEvaluation | None:
    """The self-evaluation of `project`, or None when none has been started. Its project, unit
    and supervising organisation come in the same query: the workflow panels read them."""
    return (
        SelfEvaluation.objects.filter(project=project)
        .select_related("project__unit__parent")
        .first()
    )


def indicator_rows_unscored(project: Project) -> tuple[ScoredIndicator, ...]:
    """The project's indicators with their stored actual values but no score, for pages that
    must show the goal when the rules refuse to score it."""
    evaluation = evaluation_get(project)
    actuals: dict[int, IndicatorActual] = {}
    if evaluation is not None:
        actuals = {a.indicator_id: a for a in IndicatorActual.objects.filter(evaluation=evaluation)}
    indicators = Indicator.objects.filter(goal__project=project).order_by("position")
    return tuple(
        ScoredIndicator(indicator=i, actual=actuals.get(i.pk), score=None) for i in indicators
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


# ---------------------------------------------------------------------------------------------
# The self-evaluation entry pages: who may see and edit, the live preview, the submit check.

EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})


def narrative_sections() -> list[tuple[str, str, bool]]:
    """The narrative sections as (field name, Chinese label, is required), in report order."""
    return [
        (
            name,
            str(SelfEvaluation._meta.get_field(name).verbose_name),
            str(SelfEvaluation._meta.get_field(name).verbose_name) in REQUIRED_NARRATIVE_LABELS,
        )
        for name in NARRATIVE_FIELDS
    ]


def evaluation_get_for_user(user, project: Project) -> SelfEvaluation | None:
    """The self-evaluation of `project` as `user` may see it: None when there is none yet;
    Http404 when it exists but is a draft of another unit (PRODUCT.md §2)."""
    evaluation = evaluation_get(project)
    if evaluation is not None and not status_visible_to(
        user, unit_id=project.unit_id, status=evaluation.status
    ):
        raise Http404("自评不存在或无权查看")
    return evaluation


def evaluation_is_editable_by(user, project: Project, evaluation: SelfEvaluation | None) -> bool:
    """True when `user` is a 经办人 of the unit and the evaluation is a draft or returned
    (or does not exist yet, so the user may start it)."""
    if not user_is_unit_staff(user, project):
        return False
    return evaluation is None or evaluation.status in EDITABLE_STATUSES


@dataclass(frozen=True)
class PreviewRow:
    """One indicator of the live preview: its score and flags, or the problem that stops it."""

    indicator: Indicator
    score: Decimal | None
    flag_labels: tuple[str, ...]
    error: str

    @property
    def needs_explanation(self) -> bool:
        return any(label.endswith("需说明") for label in self.flag_labels)


@dataclass(frozen=True)
class Preview:
    """The scores of a self-evaluation as typed, before it is saved."""

    rows: tuple[PreviewRow, ...]
    execution_rate: Decimal | None
    execution_score: Decimal
    indicator_score: Decimal
    total: Decimal
    grade: str

    @property
    def has_errors(self) -> bool:
        return any(row.error for row in self.rows)


def evaluation_preview(
    project: Project,
    indicators: list[Indicator],
    entries: Mapping[int, Any],
    errors: Mapping[int, str] | None = None,
    *,
    scheme_code: str | None = None,
    deductions: Mapping[int, Decimal] | None = None,
) -> Preview:
    """Score `indicators` with the actual values typed in `entries` (indicator id → an
    `ActualInput`-like object with actual, band, chosen_score), without saving anything.

    An indicator whose input cannot be scored carries its Chinese error and counts 0; the
    total is the execution score plus the rounded indicator scores, graded by the scheme.
    """
    scheme = scheme_get(scheme_code or settings.JIXIAO_SCHEME)
    errors = errors or {}
    deductions = deductions or {}
    rows = []
    for indicator in indicators:
        if indicator.pk in errors:
            rows.append(PreviewRow(indicator, None, (), errors[indicator.pk]))
            continue
        entry = entries.get(indicator.pk)
        try:
            score = indicator_score(
                _typed_input(indicator, entry, deductions.get(indicator.pk, Decimal(0))), scheme
            )
        except ValueError as error:  # ScoringError, or a band that is none of the three
            detail = getattr(error, "detail", "") or "定性完成情况应为三档之一。"
            rows.append(PreviewRow(indicator, None, (), detail))
            continue
        rows.append(PreviewRow(indicator, score.score, tuple(flag_labels(score.flags)), ""))
    points = execution_score(project.budget_full_year, project.executed, scheme)
    indicator_points = sum((row.score for row in rows if row.score is not None), Decimal("0.00"))
    total = points + indicator_points
    return Preview(
        rows=tuple(rows),
        execution_rate=execution_rate_percent(project.budget_full_year, project.executed),
        execution_score=points,
        indicator_score=indicator_points,
        total=total,
        grade=grade_for(total, scheme),
    )


def _typed_input(indicator: Indicator, entry: Any, deduction: Decimal) -> IndicatorInput:
    is_qualitative = indicator.comparator == StoredComparator.QUALITATIVE
    band = None
    if entry is not None and is_qualitative and entry.band:
        band = QualitativeBand(entry.band)
    return IndicatorInput(
        key=str(indicator.pk),
        name=indicator.name,
        level1=indicator.level1,
        level2=indicator.level2,
        comparator=Comparator(indicator.comparator),
        weight=indicator.weight,
        target=indicator.target,
        actual=None if entry is None or is_qualitative else entry.actual,
        band=band,
        chosen_score=entry.chosen_score if entry is not None and is_qualitative else None,
        deduction=deduction,
    )


def evaluation_submit_problems(evaluation: SelfEvaluation) -> list[str]:
    """Every problem that blocks submitting `evaluation` (see rules.evaluation_checks), in
    Chinese; an empty list when it may be submitted."""
    try:
        computed = evaluation_compute(
            evaluation.project, scheme_code=evaluation.scheme_code or None
        )
    except ScoringError as error:
        return [str(error)]
    checks = [
        IndicatorCheck(
            name=item.indicator.name,
            comparator=Comparator(item.indicator.comparator),
            flags=tuple(item.score.flags),
            has_deviation_note=bool(item.actual is not None and item.actual.deviation_note.strip()),
        )
        for item in computed.indicators
    ]
    narratives = [
        NarrativeCheck(
            label=label,
            is_required=is_required,
            is_filled=bool(getattr(evaluation, name).strip()),
        )
        for name, label, is_required in narrative_sections()
    ]
    problems = submit_problems(checks, narratives)
    if not computed.indicators:
        problems.insert(0, "绩效目标没有指标，无法自评。")
    return problems
