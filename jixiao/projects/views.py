"""Pages to create a project and edit its funding sources. Thin: parse, call one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jixiao.ledger.forms import apply_service_errors
from jixiao.projects.forms import FundingForm, ProjectForm
from jixiao.projects.selectors import project_creation_unit, project_get_for_user
from jixiao.projects.services import project_funding_update, project_register


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    """新建项目: the unit's 经办人 only (403 otherwise); a refused form keeps what was typed."""
    unit = project_creation_unit(request.user)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = project_register(
                unit=unit,
                year=data["year"],
                name=data["name"],
                category=data["category"],
                funding=data["funding"],
                background=data["background"],
                policy_items=data["policy_items"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已新建项目 {project.code}，请继续设定绩效目标。")
            return redirect("project-detail", code=project.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "projects/project_form.html", {"form": form, "unit": unit}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_funding(request: HttpRequest, code: str) -> HttpResponse:
    """资金来源: edit 年初/全年预算数 per source while the goal is a draft (the service
    refuses later changes and anyone but the unit's staff)."""
    project = project_get_for_user(request.user, code=code)
    current = {
        source.kind: (source.initial_amount, source.full_year_amount)
        for source in project.funding_sources.all()
    }
    form = FundingForm(request.POST or None, initial_funding=current)
    if request.method == "POST" and form.is_valid():
        try:
            project_funding_update(
                project=project,
                funding=form.cleaned_data["funding"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已保存资金来源。")
            return redirect("project-detail", code=project.code)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "project": project}
    return render(request, "projects/funding_form.html", context, status=status)
