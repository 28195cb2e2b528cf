"""Report downloads and the HTML report page. Thin: parse, load, check, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from jixiao.projects.selectors import project_get_for_user
from jixiao.reports.selectors import report_visible_to
from jixiao.reports.services import KINDS, TEMPLATES, ReportError, report_html_fragment
from jixiao.reports.template_services import report_render_for_site


def _project_for_report(request: HttpRequest, code: str, kind: str):
    """The project if the user may see it and its document `kind`; 404 otherwise (same answer
    for missing and forbidden)."""
    project = project_get_for_user(request.user, code=code)
    if not report_visible_to(request.user, project, kind):
        raise Http404("报告不存在或无权查看")
    return project


@login_required
@require_GET
def report_download(request: HttpRequest, code: str, kind: str, fmt: str) -> HttpResponse:
    """GET /projects/<code>/reports/<kind>.<fmt>[?template=national]: the file, as an
    attachment, with the administrator's Word template where one is active."""
    template = request.GET.get("template", "seed")
    project = _project_for_report(request, code, kind)
    try:
        rendered = report_render_for_site(project=project, kind=kind, fmt=fmt, template=template)
    except ReportError as error:
        raise Http404(str(error)) from error
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(True, rendered.filename)
    return response


@login_required
@require_GET
def report_page(request: HttpRequest, code: str) -> HttpResponse:
    """GET /projects/<code>/reports/self-eval-report.html[?template=national]: the report."""
    template = request.GET.get("template", "seed")
    project = _project_for_report(request, code, "self-eval-report")
    try:
        fragment = report_html_fragment(project=project, template=template)
    except ReportError as error:
        raise Http404(str(error)) from error
    return render(
        request,
        "reports/report_page.html",
        {
            "project": project,
            "fragment": fragment,
            "template": template,
            "templates": TEMPLATES,
            "formats": KINDS["self-eval-report"].formats,
        },
    )
