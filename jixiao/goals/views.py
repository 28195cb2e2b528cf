"""The goal editor (htmx): annual goal, indicator table, library picker, live findings, and
adjustment requests once the goal is accepted.

Views parse input, load through selectors (``goal_project_get_for_editor``: 404 for a project
out of reach, 403 for a user who is not the unit's staff), call one service and render. An
htmx request gets the editor fragment back; a plain form post is redirected (or the page is
rendered again with the errors).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.goals import services
from jixiao.goals.forms import (
    AdjustmentForm,
    AnnualGoalForm,
    IndicatorForm,
    indicator_initial,
    library_initial,
)
from jixiao.goals.models import Goal, Indicator, LibraryIndicator
from jixiao.goals.selectors import (
    adjustment_list,
    goal_findings_for,
    goal_findings_with_draft,
    goal_get,
    goal_project_get_for_editor,
    indicator_get,
    library_get,
    library_list,
    scheme_current,
)
from jixiao.projects.models import Project
from jixiao.web.params import version_param

ADD_PREFIX = "new"
EDIT_PREFIX = "edit"


def _goal(project: Project) -> Goal:
    goal = goal_get(project)
    if goal is None:
        raise Http404("尚未设定绩效目标")
    return goal


def _indicator(goal: Goal, pk: int) -> Indicator:
    try:
        return indicator_get(goal, pk)
    except Indicator.DoesNotExist:
        raise Http404("指标不存在") from None


def _check_url(project: Project) -> str:
    return reverse("goal-check", args=[project.code])


def _editor_context(
    request: HttpRequest,
    project: Project,
    goal: Goal | None,
    *,
    add_form: IndicatorForm | None = None,
    edit_form: IndicatorForm | None = None,
    editing: int | None = None,
    annual_form: AnnualGoalForm | None = None,
    adjustment_form: AdjustmentForm | None = None,
    errors: list[str] | None = None,
    notice: str = "",
) -> dict:
    check_url = _check_url(project)
    context: dict = {
        "project": project,
        "goal": goal,
        "errors": errors or [],
        "notice": notice,
        "level2_options": [
            level2 for level2s in scheme_current().level2_by_level1.values() for level2 in level2s
        ],
    }
    if goal is None:
        return context
    version = goal.version
    indicators = list(goal.indicators.order_by("position"))
    context.update(
        {
            "indicators": indicators,
            "findings": goal_findings_for(goal),
            "is_editable": goal.status in services.EDITABLE,
            "adjustments": adjustment_list(goal),
            "annual_form": annual_form
            or AnnualGoalForm(initial={"version": version, "annual_goal": goal.annual_goal}),
            "add_form": add_form
            or IndicatorForm(
                prefix=ADD_PREFIX,
                check_url=check_url,
                initial={"version": version, "comparator": "≥"},
            ),
            "edit_form": edit_form,
            "editing": editing,
            "adjustment_form": adjustment_form or AdjustmentForm(indicators=indicators),
        }
    )
    return context


def _respond(request: HttpRequest, context: dict) -> HttpResponse:
    """The editor fragment for htmx, the whole page otherwise."""
    if request.htmx:
        return render(request, "goals/_editor.html", context)
    return render(request, "goals/editor.html", context)


def _after_change(request: HttpRequest, project: Project, notice: str) -> HttpResponse:
    """After a successful change: a fresh editor fragment (htmx) or back to the page."""
    if request.htmx:
        goal = goal_get(project)
        return _respond(request, _editor_context(request, project, goal, notice=notice))
    messages.success(request, notice)
    return redirect("goal-editor", code=project.code)


def _refused(
    request: HttpRequest, project: Project, error: ValidationError, **forms_in_use
) -> HttpResponse:
    """A refused change: the editor again, with the message and the user's input kept."""
    goal = goal_get(project)
    context = _editor_context(request, project, goal, errors=error.messages, **forms_in_use)
    _keep_input_fresh(context)
    return _respond(request, context)


def _keep_input_fresh(context: dict) -> None:
    """Carry the current version into the forms that keep what the user typed, so the next
    save applies to what the page now shows (the table is re-rendered with others' changes)."""
    goal = context.get("goal")
    if goal is None:
        return
    for key in ("add_form", "edit_form", "annual_form"):
        form = context.get(key)
        if form is not None and form.is_bound:
            data = form.data.copy()
            data[form.add_prefix("version")] = str(goal.version)
            form.data = data


@login_required
@require_GET
def goal_editor(request: HttpRequest, code: str) -> HttpResponse:
    """The goal editor page of a project (unit staff only)."""
    project = goal_project_get_for_editor(request.user, code=code)
    return render(
        request, "goals/editor.html", _editor_context(request, project, goal_get(project))
    )


@login_required
@require_POST
def goal_start(request: HttpRequest, code: str) -> HttpResponse:
    """Create the empty draft goal of a project that has none."""
    project = goal_project_get_for_editor(request.user, code=code)
    services.goal_start(project=project, actor=request.user)
    return redirect("goal-editor", code=project.code)


@login_required
@require_POST
def goal_annual(request: HttpRequest, code: str) -> HttpResponse:
    """Save the annual goal text."""
    project = goal_project_get_for_editor(request.user, code=code)
    goal = _goal(project)
    form = AnnualGoalForm(request.POST)
    if not form.is_valid():
        return _respond(request, _editor_context(request, project, goal, annual_form=form))
    try:
        services.goal_update(
            goal=goal,
            annual_goal=form.cleaned_data["annual_goal"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        return _refused(request, project, error, annual_form=form)
    return _after_change(request, project, "年度总体目标已保存。")


@login_required
@require_POST
def indicator_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add an indicator at the end of the table."""
    project = goal_project_get_for_editor(request.user, code=code)
    goal = _goal(project)
    form = IndicatorForm(request.POST, prefix=ADD_PREFIX, check_url=_check_url(project))
    if not form.is_valid():
        return _respond(request, _editor_context(request, project, goal, add_form=form))
    try:
        indicator = services.indicator_add(
            goal=goal,
            spec=form.spec(),
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.add_error(None, error)
            return _respond(request, _editor_context(request, project, goal, add_form=form))
        return _refused(request, project, error, add_form=form)
    return _after_change(request, project, f"已添加指标“{indicator.name}”。")


@login_required
@require_GET
def indicator_new(request: HttpRequest, code: str) -> HttpResponse:
    """The add form, empty or filled from a library entry (``?library=<id>``)."""
    project = goal_project_get_for_editor(request.user, code=code)
    goal = _goal(project)
    initial = {"version": goal.version, "comparator": "≥"}
    library_id = request.GET.get("library", "")
    if library_id:
        if not library_id.isdigit():
            raise Http404("指标库中没有该指标")
        try:
            initial.update(library_initial(library_get(int(library_id))))
        except LibraryIndicator.DoesNotExist:
            raise Http404("指标库中没有该指标") from None
    form = IndicatorForm(prefix=ADD_PREFIX, check_url=_check_url(project), initial=initial)
    return render(
        request,
        "goals/_indicator_add.html",
        {"project": project, "goal": goal, "add_form": form, "from_library": bool(library_id)},
    )


@login_required
def indicator_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """GET: the editor with this indicator's row as a form. POST: save it."""
    project = goal_project_get_for_editor(request.user, code=code)
    goal = _goal(project)
    indicator = _indicator(goal, pk)
    check_url = _check_url(project)
    if request.method == "GET":
        form = IndicatorForm(
            prefix=EDIT_PREFIX,
            check_url=check_url,
            initial={**indicator_initial(indicator), "version": goal.version},
        )
        return _respond(
            request, _editor_context(request, project, goal, edit_form=form, editing=pk)
        )
    if request.method != "POST":
        return HttpResponse(status=405)
    form = IndicatorForm(request.POST, prefix=EDIT_PREFIX, check_url=check_url)
    if not form.is_valid():
        return _respond(
            request, _editor_context(request, project, goal, edit_form=form, editing=pk)
        )
    try:
        services.indicator_update(
            indicator=indicator,
            spec=form.spec(),
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.add_error(None, error)
            return _respond(
                request, _editor_context(request, project, goal, edit_form=form, editing=pk)
            )
        return _refused(request, project, error, edit_form=form, editing=pk)
    return _after_change(request, project, f"已保存指标“{form.cleaned_data['name']}”。")


@login_required
@require_POST
def indicator_move(request: HttpRequest, code: str, pk: int, direction: str) -> HttpResponse:
    """Move an indicator up or down one place."""
    project = goal_project_get_for_editor(request.user, code=code)
    indicator = _indicator(_goal(project), pk)
    try:
        services.indicator_move(
            indicator=indicator,
            direction=direction,
            actor=request.user,
            expected_version=version_param(request),
        )
    except ValidationError as error:
        return _refused(request, project, error)
    return _after_change(request, project, f"已调整“{indicator.name}”的顺序。")


@login_required
@require_POST
def indicator_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Remove an indicator."""
    project = goal_project_get_for_editor(request.user, code=code)
    indicator = _indicator(_goal(project), pk)
    try:
        services.indicator_remove(
            indicator=indicator, actor=request.user, expected_version=version_param(request)
        )
    except ValidationError as error:
        return _refused(request, project, error)
    return _after_change(request, project, f"已删除指标“{indicator.name}”。")


@login_required
@require_POST
def goal_check(request: HttpRequest, code: str) -> HttpResponse:
    """The live findings panel: the goal checks as if the posted draft were saved.

    Reads only: nothing is written. The draft comes from the add form (prefix ``new``) or the
    edit form (prefix ``edit`` with ``editing=<id>``).
    """
    project = goal_project_get_for_editor(request.user, code=code)
    goal = _goal(project)
    editing = request.POST.get("editing", "")
    prefix = EDIT_PREFIX if editing.isdigit() else ADD_PREFIX
    form = IndicatorForm(request.POST, prefix=prefix)
    draft = form.draft()
    replacing = _indicator(goal, int(editing)).pk if editing.isdigit() else None
    findings = goal_findings_with_draft(goal, draft, replacing=replacing)
    input_errors = [
        f"{form.fields[name].label}：{message}"
        for name in ("target", "weight")
        if name in form.errors
        for message in form.errors[name]
    ]
    return render(
        request,
        "goals/_findings.html",
        {"findings": findings, "input_errors": input_errors, "is_draft_check": True},
    )


@login_required
@require_GET
def library_picker(request: HttpRequest, code: str) -> HttpResponse:
    """The indicator library, filtered by 二级 (``?level2=``), as a pick list fragment."""
    project = goal_project_get_for_editor(request.user, code=code)
    level2 = request.GET.get("level2", "")
    return render(
        request,
        "goals/_library.html",
        {"project": project, "entries": library_list(level2=level2), "level2": level2},
    )


@login_required
@require_POST
def adjustment_request(request: HttpRequest, code: str) -> HttpResponse:
    """Request an adjustment of one value of an accepted goal's indicator."""
    project = goal_project_get_for_editor(request.user, code=code)
    goal = _goal(project)
    form = AdjustmentForm(request.POST, indicators=goal.indicators.order_by("position"))
    if not form.is_valid():
        return _respond(request, _editor_context(request, project, goal, adjustment_form=form))
    indicator = _indicator(goal, form.cleaned_data["indicator"])
    try:
        services.goal_adjustment_request(
            indicator=indicator,
            field=form.cleaned_data["field"],
            new_value=form.cleaned_data["new_value"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.add_error(None, error)
            return _respond(request, _editor_context(request, project, goal, adjustment_form=form))
        return _refused(request, project, error)
    return _after_change(request, project, f"已提出“{indicator.name}”的调整申请，请报送审核。")
