"""Pages of the ledger (资金使用明细), 三重一大 decisions and evidence files (佐证材料).

Thin: parse the form, load the project through `project_get_for_user` (404 for missing and
forbidden alike), call one service, render. Services refuse anyone but the unit's staff (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.ledger import services
from jixiao.ledger.forms import (
    EvidenceForm,
    LedgerEntryForm,
    LedgerReverseForm,
    MajorDecisionForm,
    apply_service_errors,
)
from jixiao.ledger.selectors import (
    evidence_get,
    evidence_list,
    ledger_entry_get,
    ledger_rows,
    major_decision_list,
    project_major_decision_threshold,
)
from jixiao.projects.models import Project
from jixiao.projects.selectors import project_get_for_user, user_is_unit_staff


def _ledger_context(request: HttpRequest, project: Project, **forms) -> dict:
    rows = ledger_rows(project)
    return {
        "project": project,
        "rows": rows,
        "flagged": [row for row in rows if row.needs_decision],
        "threshold": project_major_decision_threshold(project),
        "decisions": major_decision_list(project),
        "can_edit": user_is_unit_staff(request.user, project),
        "entry_form": forms.get("entry_form") or LedgerEntryForm(),
        "decision_form": forms.get("decision_form") or MajorDecisionForm(project=project),
        "reverse_form": forms.get("reverse_form"),
        "reverse_entry_id": forms.get("reverse_entry_id"),
    }


@login_required
@require_GET
def ledger_page(request: HttpRequest, code: str) -> HttpResponse:
    """The ledger: every entry with 序号, reversals, 三重一大 flags; the forms for staff."""
    project = project_get_for_user(request.user, code=code)
    return render(request, "ledger/ledger_page.html", _ledger_context(request, project))


@login_required
@require_POST
def ledger_record(request: HttpRequest, code: str) -> HttpResponse:
    """Record one expenditure; a refused form comes back with what was typed."""
    project = project_get_for_user(request.user, code=code)
    form = LedgerEntryForm(request.POST)
    if form.is_valid():
        try:
            services.ledger_entry_record(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已记录支出。")
            return redirect("ledger-page", code=project.code)
    context = _ledger_context(request, project, entry_form=form)
    return render(request, "ledger/ledger_page.html", context, status=400)


@login_required
@require_POST
def ledger_reverse(request: HttpRequest, code: str, entry_id: int) -> HttpResponse:
    """Reverse one entry with a required reason."""
    project = project_get_for_user(request.user, code=code)
    entry = ledger_entry_get(project, entry_id=entry_id)
    form = LedgerReverseForm(request.POST)
    if form.is_valid():
        try:
            services.ledger_entry_reverse(
                entry=entry, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已冲销第 {entry.pk} 号记录。")
            return redirect("ledger-page", code=project.code)
    context = _ledger_context(request, project, reverse_form=form, reverse_entry_id=entry.pk)
    return render(request, "ledger/ledger_page.html", context, status=400)


@login_required
@require_POST
def decision_record(request: HttpRequest, code: str) -> HttpResponse:
    """Record a 三重一大 decision with the entries it authorises and its minutes file."""
    project = project_get_for_user(request.user, code=code)
    form = MajorDecisionForm(request.POST, request.FILES, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.major_decision_record(
                project=project,
                date=data["date"],
                meeting=data["meeting"],
                attendees=data["attendees"],
                matter=data["matter"],
                decision=data["decision"],
                entries=data["entries"],
                minutes=data["minutes"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已记录三重一大决策。")
            return redirect("ledger-page", code=project.code)
    context = _ledger_context(request, project, decision_form=form)
    return render(request, "ledger/ledger_page.html", context, status=400)


def _evidence_context(request: HttpRequest, project: Project, form=None) -> dict:
    return {
        "project": project,
        "evidence": evidence_list(project),
        "can_edit": user_is_unit_staff(request.user, project),
        "form": form or EvidenceForm(project=project),
    }


@login_required
@require_GET
def evidence_page(request: HttpRequest, code: str) -> HttpResponse:
    """The evidence files of a project and, for staff, the upload form."""
    project = project_get_for_user(request.user, code=code)
    return render(request, "ledger/evidence_page.html", _evidence_context(request, project))


@login_required
@require_POST
def evidence_upload(request: HttpRequest, code: str) -> HttpResponse:
    """Upload one evidence file; a refused file comes back with the other fields kept."""
    project = project_get_for_user(request.user, code=code)
    form = EvidenceForm(request.POST, request.FILES, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_upload(
                project=project,
                upload=data["file"],
                indicator=data["indicator"],
                description=data["description"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已上传佐证材料。")
            return redirect("evidence-page", code=project.code)
    context = _evidence_context(request, project, form)
    return render(request, "ledger/evidence_page.html", context, status=400)


@login_required
@require_GET
def evidence_download(request: HttpRequest, code: str, evidence_id: int) -> FileResponse:
    """Stream an evidence file as an attachment to a user who may see the project."""
    project = project_get_for_user(request.user, code=code)
    evidence = evidence_get(project, evidence_id=evidence_id)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
