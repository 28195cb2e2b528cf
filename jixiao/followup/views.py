"""Pages of result application: the bureau's follow-up list, a project's follow-up and
rectification items, the next-year budget proposal and the application rates.

Thin: load through selectors (404 for missing and forbidden), call one service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.followup import selectors, services
from jixiao.followup.forms import AnswerForm, ConfirmForm, IssueForm, ReviewForm
from jixiao.ledger.forms import apply_service_errors
from jixiao.projects.models import Project
from jixiao.projects.selectors import project_get_for_user
from jixiao.web.params import year_param


@login_required
@require_GET
def followup_overview(request: HttpRequest) -> HttpResponse:
    """The bureau's page: accepted self-evaluations of the year with their follow-up, and the
    overdue rectification items as warnings."""
    years = selectors.followup_years(request.user)
    year = year_param(request, years)
    evaluations = selectors.accepted_evaluation_list(request.user, year=year) if year else []
    return render(
        request,
        "followup/overview.html",
        {
            "years": years,
            "year": year,
            "evaluations": evaluations,
            "overdue": selectors.rectification_overdue_list(request.user),
            "pending": selectors.rectification_pending_list(request.user, year=year)
            if year
            else [],
            "is_bureau": selectors.user_is_bureau_reviewer(request.user),
        },
    )


def _project_context(request, project: Project, **forms) -> dict:
    decision = selectors.followup_get(project)
    evaluation = selectors.accepted_evaluation_get(project)
    is_bureau = selectors.user_is_bureau_reviewer_of(request.user, project)
    items = list(selectors.rectification_list(project))
    initial = {}
    if decision is not None:
        initial = {"action": decision.proposed_action, "adjustment": decision.proposed_adjustment}
    return {
        "project": project,
        "decision": decision,
        "evaluation": evaluation,
        "is_bureau": is_bureau,
        "items": [
            {
                "item": item,
                "is_owner": selectors.user_is_owner_staff(request.user, item),
                "answer_form": forms["answer_form"]
                if forms.get("answer_item_id") == item.pk
                else AnswerForm(auto_id=f"id_%s_{item.pk}"),
            }
            for item in items
        ],
        "confirm_form": forms.get("confirm_form") or ConfirmForm(initial=initial),
        "issue_form": forms.get("issue_form") or IssueForm(),
        "review_form": ReviewForm(),
    }


@login_required
@require_GET
def followup_project(request: HttpRequest, code: str) -> HttpResponse:
    """A project's follow-up: the recommendation, the bureau's decision and the rectification
    items with what the current user may do with them."""
    project = project_get_for_user(request.user, code=code)
    return render(request, "followup/project.html", _project_context(request, project))


@login_required
@require_GET
def next_year_proposal(request: HttpRequest, code: str) -> HttpResponse:
    """The project's next-year budget proposal: this year's 全年预算数, the recommendation and
    the adjustment applied."""
    project = project_get_for_user(request.user, code=code)
    return render(
        request,
        "followup/next_year.html",
        {"project": project, "decision": selectors.followup_get(project)},
    )


def _refused(request, error: Exception, code: str) -> HttpResponse:
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("followup-project", code=code)


@login_required
@require_POST
def followup_propose(request: HttpRequest, code: str) -> HttpResponse:
    """生成建议: propose (or refresh) the follow-up of the project's accepted evaluation."""
    project = project_get_for_user(request.user, code=code)
    evaluation = selectors.accepted_evaluation_get(project)
    if evaluation is None:
        raise Http404("没有审核通过的自评")
    try:
        services.followup_propose(evaluation=evaluation, actor=request.user)
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, error, code)
    messages.success(request, "已生成结果应用建议。")
    return redirect("followup-project", code=code)


@login_required
@require_POST
def followup_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """The bureau confirms or changes the proposal."""
    project = project_get_for_user(request.user, code=code)
    decision = selectors.followup_get(project)
    if decision is None:
        raise Http404("尚未生成结果应用建议")
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.followup_confirm(
                decision=decision,
                action=form.cleaned_data["action"],
                adjustment=form.cleaned_data["adjustment"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except PermissionDenied as error:
            return _refused(request, error, code)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已确认结果应用。")
            return redirect("followup-project", code=code)
    context = _project_context(request, project, confirm_form=form)
    return render(request, "followup/project.html", context, status=400)


@login_required
@require_POST
def rectification_issue(request: HttpRequest, code: str) -> HttpResponse:
    """The bureau issues a rectification item to the project's unit."""
    project = project_get_for_user(request.user, code=code)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            services.rectification_issue(project=project, actor=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            return _refused(request, error, code)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已下达整改事项。")
            return redirect("followup-project", code=code)
    context = _project_context(request, project, issue_form=form)
    return render(request, "followup/project.html", context, status=400)


@login_required
@require_POST
def rectification_answer(request: HttpRequest, item_id: int) -> HttpResponse:
    """The owner unit reports its measures and evidence."""
    item = selectors.rectification_item_get_for_user(request.user, item_id=item_id)
    code = item.project.code
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.rectification_answer(
                item=item,
                answer=form.cleaned_data["answer"],
                upload=form.cleaned_data["evidence"],
                actor=request.user,
            )
        except PermissionDenied as error:
            return _refused(request, error, code)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已报送整改情况。")
            return redirect("followup-project", code=code)
    form.auto_id = f"id_%s_{item.pk}"
    context = _project_context(request, item.project, answer_form=form, answer_item_id=item.pk)
    return render(request, "followup/project.html", context, status=400)


def _review(request: HttpRequest, item_id: int, service, done: str) -> HttpResponse:
    item = selectors.rectification_item_get_for_user(request.user, item_id=item_id)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        service(item=item, note=form.cleaned_data.get("note", ""), actor=request.user)
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, error, item.project.code)
    messages.success(request, done)
    return redirect("followup-project", code=item.project.code)


@login_required
@require_POST
def rectification_accept(request: HttpRequest, item_id: int) -> HttpResponse:
    """The bureau accepts the answer and closes the item."""
    return _review(request, item_id, services.rectification_accept, "已确认整改办结。")


@login_required
@require_POST
def rectification_reopen(request: HttpRequest, item_id: int) -> HttpResponse:
    """The bureau sends the answer back for more rectification."""
    return _review(request, item_id, services.rectification_reopen, "已退回重新整改。")


@login_required
@require_GET
def application_rates(request: HttpRequest) -> HttpResponse:
    """Per year and supervising department: results applied and rectifications closed on
    time."""
    years = selectors.followup_years(request.user)
    year = year_param(request, years)
    rates = selectors.application_rates(request.user, year=year) if year else []
    return render(request, "followup/rates.html", {"years": years, "year": year, "rates": rates})
