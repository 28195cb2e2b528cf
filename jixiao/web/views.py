"""Pages: the unit's project list, the project page and the reviewers' list.

Views parse input, load through selectors and render; decisions live in selectors/services.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from jixiao.accounts.models import Role
from jixiao.evaluation.selectors import (
    evaluation_compute,
    evaluation_get,
    evaluation_visible_to,
    indicator_rows_unscored,
)
from jixiao.goals.selectors import goal_get
from jixiao.ledger.selectors import ledger_uses
from jixiao.monitoring.selectors import report_rounds_for_project
from jixiao.projects.overview import project_overview_rows
from jixiao.projects.selectors import (
    project_get_for_user,
    project_list_for_user,
    project_years_for_user,
)
from jixiao.rules import ScoringError
from jixiao.web.params import year_param


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Reviewers land on the overview, everyone else on their unit's projects."""
    if request.user.role in (Role.REVIEWER, Role.SUPERVISOR, Role.ADMIN):
        return redirect("review-list")
    return redirect("project-list")


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    """The projects of the user's own unit (or units in reach), by year."""
    years = project_years_for_user(request.user)
    year = year_param(request, years)
    projects = project_list_for_user(request.user, year=year).select_related("evaluation")
    return render(
        request,
        "web/project_list.html",
        {"projects": projects, "years": years, "year": year},
    )


@login_required
@require_GET
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One project: budget, fund uses, policy basis, goal, indicators and the score."""
    project = project_get_for_user(request.user, code=code)
    scoring_error = ""
    try:
        computed = evaluation_compute(project)
        evaluation, rows = computed.evaluation, computed.indicators
    except ScoringError as error:
        # Data the rules cannot score (e.g. an imported indicator without a target): show the
        # project and say why there is no score, rather than failing the page.
        computed, scoring_error = None, str(error)
        evaluation, rows = evaluation_get(project), indicator_rows_unscored(project)
    context = {
        "project": project,
        "funding_sources": project.funding_sources.all(),
        "uses": ledger_uses(project),
        "policy_items": project.policy_items.all(),
        "goal": goal_get(project),
        "computed": computed,
        "indicator_rows": rows,
        "scoring_error": scoring_error,
        "evaluation": evaluation,
        "show_evaluation": evaluation_visible_to(request.user, evaluation),
        "monitoring_reports": report_rounds_for_project(project),
    }
    return render(request, "web/project_detail.html", context)


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    """Reviewers: every project of the year in their reach, with execution and results."""
    years = project_years_for_user(request.user)
    year = year_param(request, years)
    rows = project_overview_rows(request.user, year=year) if year else []
    return render(request, "web/review_list.html", {"rows": rows, "years": years, "year": year})
