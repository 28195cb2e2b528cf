"""Workflow pages: the buttons' endpoint, the to-do list and a project's history.

Views parse input, load through selectors, call one service and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from jixiao.projects.selectors import project_get_for_user
from jixiao.web.params import version_param
from jixiao.workflow.badge import inbox_badge_forget
from jixiao.workflow.selectors import (
    decision_list_for_project,
    history_page_for_project,
    inbox_list,
    workflow_object_get_for_user,
    workflow_project_of,
)
from jixiao.workflow.services import transition_apply


@login_required
@require_POST
def transition(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """Take `action` on the object; back to the page the form came from (or the project page)
    with a Chinese message."""
    obj = workflow_object_get_for_user(request.user, kind_code=kind, pk=pk)
    project = workflow_project_of(obj)
    try:
        decision = transition_apply(
            obj=obj,
            action=action,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            result=request.POST.get("result", ""),
            expected_version=version_param(request),
        )
    except ValidationError as error:  # TransitionRefused, or a hook's own refusal
        for message in error.messages:
            messages.error(request, message)
    else:
        inbox_badge_forget(request.user)
        messages.success(request, f"已办理：{decision.summary}。")
    return redirect(_back(request) or reverse("project-detail", kwargs={"code": project.code}))


def _back(request: HttpRequest) -> str:
    """The page the form came from (hidden `next`), when it is a path on this site."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") else ""


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """待办: what waits for the current user."""
    inbox_badge_forget(request.user)
    return render(request, "workflow/inbox.html", {"items": inbox_list(request.user)})


@login_required
@require_GET
def project_history(request: HttpRequest, code: str) -> HttpResponse:
    """Every decision and audit event of a project and its parts, newest first, paginated."""
    project = project_get_for_user(request.user, code=code)
    context = {
        "project": project,
        "decisions": decision_list_for_project(project),
        "page": history_page_for_project(request.user, project, page=request.GET.get("page", 1)),
    }
    return render(request, "workflow/history.html", context)
