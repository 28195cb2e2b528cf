"""The public portal under /public/: no login, reads ONLY published snapshots.

Every view loads through a `portal_*` selector, which raises Http404 for anything unpublished,
withdrawn, superseded or missing.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET
from weasyprint import HTML

from jixiao.disclosure import opendata, selectors

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "projects": "text/csv; charset=utf-8",
    "indicators": "text/csv; charset=utf-8",
    "funding": "text/csv; charset=utf-8",
}


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render without the site's context processors: the portal knows no user, no session and
    no organisation, so no query leaves the snapshot table."""
    context = {"portal_years": selectors.portal_years(), **context}
    return HttpResponse(render_to_string(template, context))


@require_GET
def portal_home(request: HttpRequest) -> HttpResponse:
    """The years with published data."""
    return _render(request, "disclosure/portal_home.html", {})


@require_GET
def portal_year(request: HttpRequest, year: int) -> HttpResponse:
    """The units of a year with public projects, the search box and the downloads."""
    units = selectors.portal_units(year=year)
    return _render(request, "disclosure/portal_year.html", {"year": year, "units": units})


@require_GET
def portal_unit(request: HttpRequest, year: int, unit_code: str) -> HttpResponse:
    """The public projects of one unit."""
    snapshots = selectors.portal_unit_projects(year=year, unit_code=unit_code)
    first = snapshots[0]
    return _render(
        request,
        "disclosure/portal_unit.html",
        {
            "year": year,
            "snapshots": snapshots,
            "unit_name": first.unit_name,
            "department_name": first.department_name,
        },
    )


@require_GET
def portal_search(request: HttpRequest, year: int) -> HttpResponse:
    """Public projects of a year whose name contains the query."""
    query = request.GET.get("q", "")[:100]
    snapshots = selectors.portal_search(year=year, query=query)
    return _render(
        request,
        "disclosure/portal_search.html",
        {"year": year, "query": query.strip(), "snapshots": snapshots},
    )


@require_GET
def portal_project(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """One project: facts, funding by phase, goal, self-evaluation table, score and grade."""
    snapshot = selectors.portal_project(year=year, code=code)
    return _render(
        request,
        "disclosure/portal_project.html",
        {"year": year, "snapshot": snapshot, "p": snapshot.payload},
    )


def _report_html(year: int, code: str) -> str:
    html = selectors.portal_project(year=year, code=code).report_html
    if not html:
        raise Http404("该项目未公开自评报告")
    return html


@require_GET
def portal_report(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The 自评报告 as HTML, exactly as stored at publish time."""
    return HttpResponse(_report_html(year, code), content_type="text/html; charset=utf-8")


@require_GET
def portal_report_pdf(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The 自评报告 as PDF, printed by WeasyPrint from the stored HTML."""
    pdf = HTML(string=_report_html(year, code)).write_pdf(presentational_hints=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{code}-report.pdf"
    return response


@require_GET
def portal_data(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """The whole year as JSON or CSV (docs/open-data.md)."""
    if kind not in CONTENT_TYPES:
        raise Http404("没有这种数据文件")
    snapshots = selectors.portal_year_snapshots(year=year)
    name, text = opendata.year_file(year, snapshots, kind)
    response = HttpResponse(text.encode("utf-8"), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
