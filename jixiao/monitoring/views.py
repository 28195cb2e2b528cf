"""Monitoring pages: the bureau's overview, its drill-downs and warnings, the unit's monitoring
form, the table downloads, reminders and messages. Views parse input, load through selectors,
call one service and render."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from jixiao.goals.models import decimal_plain
from jixiao.goals.selectors import goal_get
from jixiao.monitoring import selectors
from jixiao.monitoring.forms import report_form_parse, round_form_parse
from jixiao.monitoring.models import Likelihood
from jixiao.monitoring.renderers import (
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    render_docx,
    render_xlsx,
)
from jixiao.monitoring.services import (
    message_send_reminders,
    monitoring_report_save,
    monitoring_report_submit,
    monitoring_reports_decide,
    monitoring_round_open,
    monitoring_round_recompute,
)
from jixiao.monitoring.table import CAUSES, monitoring_table_build
from jixiao.projects.selectors import project_get_for_user
from jixiao.rules.vocabulary import QualitativeBand
from jixiao.rules.warnings import WARNING_TYPES
from jixiao.web.params import year_param

PAGE_SIZE = 25


@dataclass(frozen=True)
class _Picked:
    year: int | None
    years: list[int]
    round: object
    rounds: list


def _pick(request: HttpRequest) -> _Picked:
    """The year and round asked for (default the latest), from one read of the rounds table."""
    rounds = selectors.round_list()
    years = sorted({item.year for item in rounds}, reverse=True)
    year = year_param(request, years)
    of_year = [item for item in rounds if item.year == year]
    slug = request.GET.get("round", "")
    if slug:
        chosen = next((item for item in of_year if item.slug == slug), None)
        if chosen is None:
            raise Http404("监控轮次不存在")
    else:
        chosen = of_year[0] if of_year else None
    return _Picked(year, years, chosen, of_year)


def _page(request: HttpRequest, queryset):
    number = request.GET.get("page", "1")
    return Paginator(queryset, PAGE_SIZE).get_page(number if number.isdigit() else 1)


def _warning_page(request: HttpRequest, round_, filters, totals=None):
    number = request.GET.get("page", "1")
    return selectors.warning_page(
        request.user,
        round_,
        filters,
        number=number if number.isdigit() else "1",
        per_page=PAGE_SIZE,
        totals=totals,
    )


def _query(year, round_, filters, **extra) -> str:
    values = {"year": year, "round": round_.slug if round_ else "", **filters.as_query(), **extra}
    return urlencode({name: value for name, value in values.items() if value})


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The overview of a year's monitoring round: counts by stage, lights, rate distribution,
    grade distribution, unit rankings and the first page of warnings."""
    picked = _pick(request)
    year, round_ = picked.year, picked.round
    filters = selectors.overview_filters_parse(request.user, request.GET)
    context = {
        "year": year,
        "years": picked.years,
        "round": round_,
        "rounds": picked.rounds,
        "filters": filters,
        "departments": selectors.department_choices(request.user),
        "warning_types": WARNING_TYPES,
        "base_query": _query(year, round_, filters),
    }
    if round_ is not None:
        counts = selectors.overview_counts(request.user, round_, filters)
        totals = selectors.warning_totals(request.user, round_, filters)
        grades = selectors.grade_distribution(request.user, round_, filters)
        context.update(
            counts=counts,
            grades=grades,
            by_execution=selectors.unit_ranking_by_execution(request.user, round_, filters),
            by_score=selectors.unit_ranking_by_score(request.user, round_, filters),
            type_counts=selectors.warning_type_counts(totals),
            warnings=_warning_page(request, round_, filters, totals),
            chart_data={
                "buckets": [[label, count] for _code, label, count in counts["buckets"]],
                "bucket_codes": [code for code, _label, _count in counts["buckets"]],
                "grades": [[grade, count] for grade, count in grades],
            },
        )
    return render(request, "monitoring/overview.html", context)


@login_required
@require_GET
def warning_page(request: HttpRequest) -> HttpResponse:
    """The warning list with its filters, paginated (htmx swaps only the list)."""
    picked = _pick(request)
    year, round_ = picked.year, picked.round
    if round_ is None:
        raise Http404("本年度尚未开启监控")
    filters = selectors.overview_filters_parse(request.user, request.GET)
    context = {
        "year": year,
        "round": round_,
        "filters": filters,
        "departments": selectors.department_choices(request.user),
        "warning_types": WARNING_TYPES,
        "warnings": _warning_page(request, round_, filters),
        "base_query": _query(year, round_, filters),
    }
    template = "monitoring/_warnings.html" if request.htmx else "monitoring/warnings.html"
    return render(request, template, context)


@login_required
@require_GET
def drilldown(request: HttpRequest) -> HttpResponse:
    """The projects behind a figure of the overview."""
    picked = _pick(request)
    year, round_ = picked.year, picked.round
    if round_ is None:
        raise Http404("本年度尚未开启监控")
    filters = selectors.overview_filters_parse(request.user, request.GET)
    reports = _page(request, selectors.drilldown_reports(request.user, round_, filters))
    return render(
        request,
        "monitoring/drilldown.html",
        {
            "year": year,
            "round": round_,
            "filters": filters,
            "reports": reports,
            "warning_types": WARNING_TYPES,
            "base_query": _query(year, round_, filters),
        },
    )


@login_required
@require_GET
def pending(request: HttpRequest) -> HttpResponse:
    """Units that have not submitted everything, with the reminder and bulk review forms."""
    picked = _pick(request)
    year, round_ = picked.year, picked.round
    if round_ is None:
        raise Http404("本年度尚未开启监控")
    filters = selectors.overview_filters_parse(request.user, request.GET)
    units = _page(request, selectors.pending_units(request.user, round_, filters))
    return render(
        request,
        "monitoring/pending.html",
        {
            "year": year,
            "round": round_,
            "filters": filters,
            "units": units,
            "base_query": _query(year, round_, filters),
        },
    )


@login_required
@require_POST
def remind(request: HttpRequest, slug: str) -> HttpResponse:
    """Send reminders to the selected units."""
    round_ = selectors.round_get(slug=slug)
    units = selectors.units_for_reminder(request.user, request.POST.getlist("unit"))
    try:
        sent = message_send_reminders(round_=round_, units=units, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"已向 {len(sent)} 个单位发送催报提醒。")
    return redirect(f"{reverse('monitoring-pending')}?year={round_.year}&round={round_.slug}")


@login_required
@require_POST
def decide(request: HttpRequest, slug: str) -> HttpResponse:
    """Approve or return the selected reports (bulk review)."""
    round_ = selectors.round_get(slug=slug)
    codes = request.POST.getlist("project")
    reports = list(
        selectors.drilldown_reports(request.user, round_, selectors.OverviewFilters()).filter(
            project__code__in=codes
        )
    )
    if len(reports) != len(set(codes)):
        raise Http404("项目不存在或无权查看")
    try:
        outcome = monitoring_reports_decide(
            reports=reports,
            actor=request.user,
            decision=request.POST.get("decision", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        if outcome.done:
            messages.success(request, f"已处理 {len(outcome.done)} 张监控表。")
        for code, reason in outcome.refused:
            messages.error(request, f"{code}：{reason}")
    return redirect(request.POST.get("next") or reverse("monitoring-overview"))


@login_required
@require_POST
def round_open(request: HttpRequest) -> HttpResponse:
    """Open a round (finance bureau)."""
    parsed = round_form_parse(request.POST)
    if parsed.errors:
        for error in parsed.errors:
            messages.error(request, error)
        return redirect(reverse("monitoring-overview"))
    try:
        round_ = monitoring_round_open(
            year=parsed.year,
            checkpoint_month=parsed.month,
            deadline=parsed.deadline,
            actor=request.user,
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
        return redirect(f"{reverse('monitoring-overview')}?year={parsed.year}")
    messages.success(request, f"已开启{round_.label}绩效运行监控。")
    return redirect(f"{reverse('monitoring-overview')}?year={round_.year}&round={round_.slug}")


@login_required
@require_POST
def round_recompute(request: HttpRequest, slug: str) -> HttpResponse:
    """Recompute a round's figures and warnings (finance bureau)."""
    round_ = selectors.round_get(slug=slug)
    count = monitoring_round_recompute(round_=round_, actor=request.user)
    messages.success(request, f"已重算 {count} 个项目的执行数据和预警。")
    return redirect(f"{reverse('monitoring-overview')}?year={round_.year}&round={round_.slug}")


def _form_rows(rows, posted):
    """Each indicator with the values to show: what was just posted (so a refused form loses
    nothing the user typed), else what is stored."""
    shown = []
    for item in rows:
        key, row = item.indicator.pk, item.row
        if posted is not None:
            values = {
                "progress": posted.get(f"progress-{key}", ""),
                "forecast": posted.get(f"forecast-{key}", ""),
                "causes": posted.getlist(f"causes-{key}"),
                "likelihood": posted.get(f"likelihood-{key}", ""),
                "remarks": posted.get(f"remarks-{key}", ""),
            }
        elif row is not None:
            values = {
                "progress": row.progress_band or _plain(row.progress),
                "forecast": row.forecast_band or _plain(row.forecast),
                "causes": row.deviation_causes,
                "likelihood": row.likelihood,
                "remarks": row.remarks,
            }
        else:
            values = {"progress": "", "forecast": "", "causes": [], "likelihood": "", "remarks": ""}
        shown.append({"indicator": item.indicator, "values": values})
    return shown


def _plain(value) -> str:
    return "" if value is None else decimal_plain(value)


def _report_context(request, project, report, posted=None, **extra):
    return {
        "project": project,
        "report": report,
        "round": report.round,
        "can_edit": selectors.report_editable_by(request.user, report),
        "rows": _form_rows(selectors.report_indicator_rows(report), posted),
        "goal": goal_get(project),
        "forecast_value": posted.get("forecast_executed", "")
        if posted is not None
        else _plain(report.forecast_executed),
        "goal_progress_value": posted.get("goal_progress_text", "")
        if posted is not None
        else report.goal_progress_text,
        "warnings": report.warnings.order_by("rank", "id"),
        "causes": CAUSES,
        "likelihoods": Likelihood.values,
        "bands": [band.value for band in QualitativeBand],
        **extra,
    }


@login_required
def report_form(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """The unit's monitoring form for one project and round: GET shows it, POST saves it
    (action=save) or saves and submits it (action=submit)."""
    project = project_get_for_user(request.user, code=code)
    round_ = selectors.round_get(slug=slug)
    report = selectors.report_get(project=project, round_=round_)
    if request.method != "POST":
        return render(
            request, "monitoring/report_form.html", _report_context(request, project, report)
        )
    rows = selectors.report_indicator_rows(report)
    parsed = report_form_parse(request.POST, rows)
    errors = list(parsed.errors)
    if not errors:
        try:
            report = monitoring_report_save(
                report=report,
                actor=request.user,
                goal_progress_text=parsed.goal_progress_text,
                forecast_executed=parsed.forecast_executed,
                rows=parsed.rows,
            )
            if request.POST.get("action") == "submit":
                report = monitoring_report_submit(report=report, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        except PermissionDenied as error:
            errors = [str(error)]
    if errors:
        context = _report_context(request, project, report, errors=errors, posted=request.POST)
        return render(request, "monitoring/report_form.html", context, status=400)
    done = "已提交" if request.POST.get("action") == "submit" else "已保存"
    messages.success(request, f"{round_.label}监控表{done}。")
    return redirect("monitoring-report", code=project.code, slug=round_.slug)


@login_required
@require_GET
def report_download(request: HttpRequest, code: str, slug: str, fmt: str) -> HttpResponse:
    """项目支出绩效目标执行监控表 as DOCX or XLSX."""
    project = project_get_for_user(request.user, code=code)
    report = selectors.report_get(project=project, round_=selectors.round_get(slug=slug))
    table = monitoring_table_build(report)
    if fmt == "docx":
        content, content_type = render_docx(table), DOCX_CONTENT_TYPE
    else:
        content, content_type = render_xlsx(table), XLSX_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    filename = f"monitoring-{project.code}-{report.round.slug}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    """The in-app messages of the user's organisation."""
    return render(
        request,
        "monitoring/messages.html",
        {"messages_list": _page(request, selectors.message_list_for_user(request.user))},
    )
