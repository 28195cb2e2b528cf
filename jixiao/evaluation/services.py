"""Writes of self-evaluations: actual values and score snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from jixiao.audit.services import audit_record
from jixiao.evaluation.models import (
    NARRATIVE_FIELDS,
    IndicatorActual,
    ScoreSnapshot,
    SelfEvaluation,
)
from jixiao.evaluation.selectors import (
    EDITABLE_STATUSES,
    evaluation_compute,
    evaluation_preview,
    evaluation_submit_problems,
)
from jixiao.goals.models import Comparator, Indicator
from jixiao.monitoring.services import unit_summaries_refresh_for_project
from jixiao.projects.models import Project
from jixiao.projects.selectors import user_is_unit_staff
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
    # The bureau overview's grade counts are stored per unit (jixiao.monitoring): keep them
    # in step with the score in this transaction.
    unit_summaries_refresh_for_project(evaluation.project)
    return snapshot


# ---------------------------------------------------------------------------------------------
# The unit's entry of a self-evaluation: start, actual values, narratives, the submit check.

STALE_MESSAGE = "该自评已被他人修改，请刷新后重试"


def _require_staff(actor, project: Project) -> None:
    if not user_is_unit_staff(actor, project):
        raise PermissionDenied("只有本单位经办人可以填报绩效自评。")


def _lock_for_edit(evaluation: SelfEvaluation, *, version: int, actor) -> SelfEvaluation:
    """The evaluation locked for update, once the actor, the status and the version allow it."""
    _require_staff(actor, evaluation.project)
    locked = (
        SelfEvaluation.objects.select_for_update().select_related("project").get(pk=evaluation.pk)
    )
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"自评状态为“{locked.get_status_display()}”，只有草稿或已退回的自评可以修改。"
        )
    if locked.version != version:
        # Optimistic locking: someone saved since this form was loaded.
        raise ValidationError(STALE_MESSAGE)
    return locked


@transaction.atomic
def self_evaluation_start(*, project: Project, actor) -> SelfEvaluation:
    """Create the draft self-evaluation of `project` (no actual values yet) and score it; the
    existing one when it has been started already. Raises PermissionDenied for anyone but the
    unit's staff and ValidationError while the goal is not approved."""
    from jixiao.goals.models import Goal  # evaluation depends on goals

    _require_staff(actor, project)
    existing = SelfEvaluation.objects.filter(project=project).first()
    if existing is not None:
        return existing
    goal = Goal.objects.filter(project=project).first()
    if goal is None or goal.status != Status.ACCEPTED:
        raise ValidationError("绩效目标审核通过后才能开始绩效自评。")
    evaluation = SelfEvaluation.objects.create(
        project=project, status=Status.DRAFT, scheme_code=settings.JIXIAO_SCHEME
    )
    audit_record(
        actor=actor,
        action="evaluation.create",
        obj=evaluation,
        project_id=project.pk,
        summary="开始绩效自评",
        changes={"status": (None, Status.DRAFT.value)},
    )
    self_evaluation_score(evaluation=evaluation, actor=actor)
    return evaluation


def _text_or_none(value) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


@transaction.atomic
def self_evaluation_actuals_save(
    *,
    evaluation: SelfEvaluation,
    version: int,
    actuals: Mapping[int, ActualInput],
    actor,
) -> SelfEvaluation:
    """Store the actual values (keyed by indicator id), deviation notes and qualitative bands
    and scores of `evaluation`, audit every change old → new, raise the version and store a
    score snapshot.

    Raises PermissionDenied for anyone but the unit's staff; ValidationError when the
    evaluation is not a draft or returned, when `version` is stale ("该自评已被他人修改，请刷新
    后重试") and when an input cannot be scored (every problem listed). Nothing is stored then.
    """
    evaluation = _lock_for_edit(evaluation, version=version, actor=actor)
    indicators = list(
        Indicator.objects.filter(goal__project=evaluation.project).order_by("position")
    )
    stored = {a.indicator_id: a for a in IndicatorActual.objects.filter(evaluation=evaluation)}
    deductions = {key: value.deduction for key, value in stored.items()}
    preview = evaluation_preview(
        evaluation.project,
        indicators,
        actuals,
        scheme_code=evaluation.scheme_code or None,
        deductions=deductions,
    )
    problems = [f"指标“{row.indicator.name}”：{row.error}" for row in preview.rows if row.error]
    if problems:
        raise ValidationError(problems)
    changes: dict[str, tuple[object, object]] = {}
    for indicator in indicators:
        entry = actuals.get(indicator.pk, ActualInput())
        is_qualitative = indicator.comparator == Comparator.QUALITATIVE
        new = {
            "actual": None if is_qualitative else entry.actual,
            "band": entry.band if is_qualitative else "",
            "chosen_score": entry.chosen_score if is_qualitative else None,
            "deviation_note": entry.deviation_note.strip(),
        }
        row = stored.get(indicator.pk)
        if row is None:
            row = IndicatorActual(evaluation=evaluation, indicator=indicator)
        old = {name: getattr(row, name) for name in new} if row.pk else dict.fromkeys(new)
        changed = [
            name
            for name in new
            if _text_or_none(_normal(old[name])) != _text_or_none(_normal(new[name]))
        ]
        if not changed and row.pk:
            continue
        for name in changed:
            changes[f"{indicator.position}.{indicator.name}.{name}"] = (
                _text_or_none(_normal(old[name])),
                _text_or_none(_normal(new[name])),
            )
        for name, value in new.items():
            setattr(row, name, value)
        row.save()
    evaluation.version += 1
    evaluation.save(update_fields=["version"])
    audit_record(
        actor=actor,
        action="evaluation.actuals_update",
        obj=evaluation,
        project_id=evaluation.project_id,
        summary=f"填报实际完成值，修改 {len(changes)} 处",
        changes={**changes, "version": (version, evaluation.version)},
    )
    self_evaluation_score(evaluation=evaluation, actor=actor)
    return evaluation


def _normal(value):
    """Compare 100 and 100.0000 as equal: Decimals without trailing zeros."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 100.0000 → "100", never "1E+2"
    return value


@transaction.atomic
def self_evaluation_narrative_save(
    *, evaluation: SelfEvaluation, version: int, texts: Mapping[str, str], actor
) -> SelfEvaluation:
    """Store the narrative sections (`NARRATIVE_FIELDS`) of `evaluation`, audit each change old →
    new and raise the version. Same refusals as `self_evaluation_actuals_save`."""
    evaluation = _lock_for_edit(evaluation, version=version, actor=actor)
    changes: dict[str, tuple[object, object]] = {}
    for name in NARRATIVE_FIELDS:
        if name not in texts:
            continue
        new = texts[name].strip()
        old = getattr(evaluation, name)
        if new != old:
            changes[name] = old or None, new or None
            setattr(evaluation, name, new)
    evaluation.version += 1
    evaluation.save(update_fields=[*changes, "version"])
    audit_record(
        actor=actor,
        action="evaluation.narrative_update",
        obj=evaluation,
        project_id=evaluation.project_id,
        summary=f"修改自评报告文字，{len(changes)} 节",
        changes={**changes, "version": (version, evaluation.version)},
    )
    return evaluation


def self_evaluation_submit_check(evaluation: SelfEvaluation) -> None:
    """Raise ValidationError listing every problem that blocks submitting `evaluation`:
    missing actual values or qualitative bands, missing deviation explanations where the score
    is below the weight or the actual is ≥ 130 % of the target (Flag.NEEDS_EXPLANATION), and
    empty required narrative sections. Returns None when it may be submitted. Called by the
    workflow before the submit transition; writes nothing."""
    problems = evaluation_submit_problems(evaluation)
    if problems:
        raise ValidationError(problems)
