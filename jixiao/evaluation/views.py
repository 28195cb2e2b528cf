"""Pages of the self-evaluation entry: actual values with a live score, and the narratives.

Thin: load the project through `project_get_for_user` and the evaluation through
`evaluation_get_for_user` (404 for another unit's draft), parse, call one service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.evaluation import services
from jixiao.evaluation.forms import ActualRows, NarrativeForm, parse_actual_rows
from jixiao.evaluation.models import QualitativeBand, SelfEvaluation
from jixiao.evaluation.selectors import (
    evaluation_get_for_user,
    evaluation_is_editable_by,
    evaluation_preview,
    evaluation_submit_problems,
    narrative_sections,
)
from jixiao.goals.selectors import indicator_list
from jixiao.ledger.forms import apply_service_errors
from jixiao.ledger.selectors import evidence_count_by_indicator
from jixiao.projects.models import Project
from jixiao.projects.selectors import project_get_for_user


def _raw_from_stored(evaluation: SelfEvaluation | None) -> dict[int, dict[str, str]]:
    """The stored actual values as the texts the table shows."""
    if evaluation is None:
        return {}
    return {
        actual.indicator_id: {
            "actual": "" if actual.actual is None else format(actual.actual.normalize(), "f"),
            "band": actual.band,
            "score": "" if actual.chosen_score is None else str(actual.chosen_score),
            "note": actual.deviation_note,
        }
        for actual in evaluation.actuals.all()
    }


def _context(request, project: Project, evaluation, rows: ActualRows | None, problems=()):
    indicators = indicator_list(project)
    if rows is None:
        raw = _raw_from_stored(evaluation)
        rows = parse_actual_rows(
            indicators,
            {f"{name}-{key}": text for key, texts in raw.items() for name, text in texts.items()}
            | {"version": str(evaluation.version if evaluation else 0)},
        )
    deductions = {}
    if evaluation is not None:
        deductions = {a.indicator_id: a.deduction for a in evaluation.actuals.all()}
    preview = evaluation_preview(
        project,
        indicators,
        rows.entries,
        rows.errors,
        scheme_code=evaluation.scheme_code if evaluation else None,
        deductions=deductions,
    )
    evidence = evidence_count_by_indicator(project)
    table = [
        {
            "row": row,
            "raw": rows.raw.get(row.indicator.pk, {}),
            "evidence": evidence.get(row.indicator.pk, 0),
        }
        for row in preview.rows
    ]
    return {
        "project": project,
        "evaluation": evaluation,
        "can_edit": evaluation_is_editable_by(request.user, project, evaluation),
        "table": table,
        "preview": preview,
        "bands": QualitativeBand.values,
        "version": rows.version if rows.version is not None else "",
        "problems": problems,
        "submit_problems": evaluation_submit_problems(evaluation) if evaluation else [],
    }


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_page(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the indicator table with actual values and scores. POST: save them."""
    project = project_get_for_user(request.user, code=code)
    evaluation = evaluation_get_for_user(request.user, project)
    if request.method == "GET":
        context = _context(request, project, evaluation, None)
        return render(request, "evaluation/evaluation_page.html", context)
    rows = parse_actual_rows(indicator_list(project), request.POST)
    problems = [*rows.errors.values(), *([rows.version_error] if rows.version_error else [])]
    if not problems and evaluation is not None:
        try:
            services.self_evaluation_actuals_save(
                evaluation=evaluation,
                version=rows.version,
                actuals=rows.entries,
                actor=request.user,
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, "已保存实际完成值并重新评分。")
            return redirect("evaluation-page", code=project.code)
    elif evaluation is None:
        problems = ["尚未开始绩效自评。"]
    context = _context(request, project, evaluation, rows, problems)
    return render(request, "evaluation/evaluation_page.html", context, status=400)


@login_required
@require_POST
def evaluation_start(request: HttpRequest, code: str) -> HttpResponse:
    """Start the draft self-evaluation of the project."""
    project = project_get_for_user(request.user, code=code)
    try:
        services.self_evaluation_start(project=project, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("evaluation-page", code=project.code)


@login_required
@require_POST
def evaluation_preview_partial(request: HttpRequest, code: str) -> HttpResponse:
    """htmx: the scores of the table as typed, computed by the rules, nothing saved."""
    project = project_get_for_user(request.user, code=code)
    evaluation = evaluation_get_for_user(request.user, project)
    rows = parse_actual_rows(indicator_list(project), request.POST)
    context = _context(request, project, evaluation, rows)
    return render(request, "evaluation/_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_narrative(request: HttpRequest, code: str) -> HttpResponse:
    """The narrative sections of the self-evaluation report, with the same version lock."""
    project = project_get_for_user(request.user, code=code)
    evaluation = evaluation_get_for_user(request.user, project)
    if evaluation is None:
        messages.error(request, "尚未开始绩效自评。")
        return redirect("evaluation-page", code=project.code)
    sections = narrative_sections()
    form = NarrativeForm(
        request.POST or None,
        sections=sections,
        initial=NarrativeForm.initial_for(evaluation, sections),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.self_evaluation_narrative_save(
                evaluation=evaluation,
                version=data["version"],
                texts={name: data[name] for name, _label, _required in sections},
                actor=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已保存自评报告文字。")
            return redirect("evaluation-narrative", code=project.code)
    context = {
        "project": project,
        "evaluation": evaluation,
        "form": form,
        "can_edit": evaluation_is_editable_by(request.user, project, evaluation),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/narrative_page.html", context, status=status)


@login_required
@require_GET
def evaluation_check(request: HttpRequest, code: str) -> HttpResponse:
    """htmx or plain: what still blocks submitting the self-evaluation."""
    project = project_get_for_user(request.user, code=code)
    evaluation = evaluation_get_for_user(request.user, project)
    problems = evaluation_submit_problems(evaluation) if evaluation else ["尚未开始绩效自评。"]
    return render(request, "evaluation/_submit_problems.html", {"submit_problems": problems})
