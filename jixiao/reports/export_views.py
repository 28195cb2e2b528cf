"""Pages: the bureau's year-wide export (form, progress, download) and the template admin page.

Views parse input, load through a selector (404 for missing and forbidden alike), call one
service and render.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.reports.export_services import (
    DEFAULT_DOCUMENTS,
    export_document_choices,
    export_document_labels,
    export_job_file,
    export_job_get_for_user,
    export_job_list_for_user,
    export_job_start,
    export_requester_check,
    export_years,
)
from jixiao.reports.models import TemplateName
from jixiao.reports.template_services import (
    DOCX_CONTENT_TYPE,
    report_template_download,
    report_template_reset,
    report_template_upload,
    template_admin_check,
    template_slot_check,
    template_slot_list,
)


class ExportForm(forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int)
    documents = forms.MultipleChoiceField(
        label="导出文档",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一种文档。"},
    )
    template = forms.ChoiceField(
        label="自评报告提纲", choices=TemplateName.choices, initial=TemplateName.SEED
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, f"{year} 年度") for year in years]
        self.fields["year"].error_messages["invalid_choice"] = "没有可导出的该年度项目。"
        self.fields["documents"].choices = export_document_choices()
        self.fields["documents"].initial = list(DEFAULT_DOCUMENTS)
        if years:
            self.fields["year"].initial = years[0]


class TemplateUploadForm(forms.Form):
    upload = forms.FileField(
        label="模板文件（.docx）", error_messages={"required": "请选择要上传的 .docx 模板文件。"}
    )
    reason = forms.CharField(label="说明", required=False, max_length=500)


@login_required
@require_http_methods(["GET", "POST"])
def export_start(request: HttpRequest) -> HttpResponse:
    """导出全年报告: choose a year and documents; the work is queued, then followed on its page."""
    export_requester_check(request.user)
    form = ExportForm(request.POST or None, years=export_years(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            job = export_job_start(
                user=request.user,
                year=form.cleaned_data["year"],
                kinds=form.cleaned_data["documents"],
                template=form.cleaned_data["template"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("report-export-job", pk=job.pk)
    jobs = export_job_list_for_user(request.user)[:20]
    status = 400 if request.method == "POST" else 200
    return render(
        request, "reports/exports/start.html", {"form": form, "jobs": jobs}, status=status
    )


@login_required
@require_GET
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; htmx polls the progress fragment every 2 s until it is finished."""
    job = export_job_get_for_user(request.user, pk=pk)
    context = {"job": job, "document_labels": export_document_labels(job)}
    if request.htmx:
        return render(request, "reports/exports/_progress.html", context)
    return render(request, "reports/exports/job.html", context)


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """The finished zip, to the requester (or an administrator) only."""
    job = export_job_get_for_user(request.user, pk=pk)
    path, filename = export_job_file(job)
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type="application/zip"
    )


@login_required
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    """报告模板: each replaceable Word template, its download, an upload form, 恢复默认."""
    template_admin_check(request.user)
    return _template_page(request)


def _template_page(request: HttpRequest, *, errors: dict | None = None, status: int = 200):
    return render(
        request,
        "reports/templates/list.html",
        {"slots": template_slot_list(), "errors": errors or {}},
        status=status,
    )


@login_required
@require_GET
def template_download(request: HttpRequest, kind: str, template: str) -> HttpResponse:
    """The .docx in use for (kind, template): the uploaded one, else the shipped default."""
    template_admin_check(request.user)
    filename, content = report_template_download(kind, template)
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_POST
def template_upload(request: HttpRequest, kind: str, template: str) -> HttpResponse:
    """Replace the template; a refused file re-renders the page (400) with the reason."""
    template_admin_check(request.user)
    template_slot_check(kind, template)
    form = TemplateUploadForm(request.POST, request.FILES)
    key = f"{kind}/{template}"
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _template_page(request, errors={key: first}, status=400)
    try:
        uploaded = report_template_upload(
            kind=kind,
            template=template,
            upload=form.cleaned_data["upload"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        return _template_page(request, errors={key: " ".join(error.messages)}, status=400)
    messages.success(request, f"已启用新模板“{uploaded.original_filename}”。")
    return redirect("report-templates")


@login_required
@require_POST
def template_reset(request: HttpRequest, kind: str, template: str) -> HttpResponse:
    """恢复默认: deactivate the uploaded template, so the shipped default is used again."""
    template_admin_check(request.user)
    try:
        report_template_reset(kind=kind, template=template, actor=request.user)
    except ValidationError as error:
        key = f"{kind}/{template}"
        return _template_page(request, errors={key: " ".join(error.messages)}, status=400)
    messages.success(request, "已恢复系统默认模板。")
    return redirect("report-templates")
