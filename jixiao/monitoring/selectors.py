"""Reads of monitoring: rounds, reports, the bureau's overview figures and the warning list.

Every figure of the overview is one aggregate query in the database (GROUP BY or conditional
counts) over the stored report figures, limited to the units the user may see; the number of
queries does not grow with the number of projects or the page size.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.http import Http404
from django.utils.functional import cached_property

from jixiao.accounts.models import Organisation, OrganisationKind, Role, User
from jixiao.accounts.selectors import unit_list_for_user, visible_units_filter
from jixiao.evaluation.models import SelfEvaluation
from jixiao.goals.models import Indicator
from jixiao.monitoring.models import (
    IndicatorProgress,
    Message,
    MonitoringReport,
    MonitoringRound,
    MonitoringWarning,
    RoundStatus,
    Stage,
    UnitSummary,
)
from jixiao.projects.models import Project
from jixiao.rules import GRADES, execution_rate_percent, round_money
from jixiao.rules.monitoring import EXECUTION_RATE_BUCKETS, Light
from jixiao.rules.warnings import WARNING_TYPES
from jixiao.workflow.states import VISIBLE_TO_REVIEWERS, Status, status_is_editable

SUBMITTED_STATUSES = (Status.SUBMITTED, Status.HEAD_APPROVED, Status.DEPARTMENT_APPROVED)
RETURNED_STATUSES = (Status.RETURNED, Status.REJECTED)

STAGE_FILTERS: dict[str, Q] = {
    Stage.NOT_STARTED: Q(started_at__isnull=True),
    Stage.DRAFT: Q(started_at__isnull=False, status=Status.DRAFT),
    Stage.SUBMITTED: Q(started_at__isnull=False, status__in=SUBMITTED_STATUSES),
    Stage.RETURNED: Q(started_at__isnull=False, status__in=RETURNED_STATUSES),
    Stage.APPROVED: Q(started_at__isnull=False, status=Status.ACCEPTED),
}


def _bucket_q(lower: Decimal | None, upper: Decimal | None) -> Q:
    condition = Q(execution_rate__isnull=False)
    if lower is not None:
        condition &= Q(execution_rate__gte=lower)
    if upper is not None:
        condition &= Q(execution_rate__lt=upper)
    return condition


BUCKET_FILTERS: dict[str, Q] = {
    code: _bucket_q(lower, upper) for code, _label, lower, upper in EXECUTION_RATE_BUCKETS
}
LIGHT_FILTERS: dict[str, Q] = {light.value: Q(light=light.value) for light in Light}


# ---------------------------------------------------------------------------------------------
# Rounds and reports


def round_list(*, year: int | None = None) -> list[MonitoringRound]:
    """The monitoring rounds, newest first, optionally of one year (a small table: a few
    rounds a year)."""
    rounds = MonitoringRound.objects.all()
    if year is not None:
        rounds = rounds.filter(year=year)
    return list(rounds)


def round_years() -> list[int]:
    """The years that have a monitoring round, newest first (the rounds table is tiny)."""
    return sorted(set(MonitoringRound.objects.values_list("year", flat=True)), reverse=True)


def round_latest(*, year: int) -> MonitoringRound | None:
    """The latest round (highest checkpoint month) of `year`, or None."""
    rounds = round_list(year=year)
    return rounds[0] if rounds else None


def round_get(*, slug: str) -> MonitoringRound:
    """The round written "2023-07"; Http404 when the text is malformed or no such round."""
    year_text, _, month_text = slug.partition("-")
    if not (year_text.isdigit() and month_text.isdigit()):
        raise Http404("监控轮次无效")
    try:
        return MonitoringRound.objects.get(year=int(year_text), checkpoint_month=int(month_text))
    except MonitoringRound.DoesNotExist:
        raise Http404("监控轮次不存在") from None


def report_get(*, project: Project, round_: MonitoringRound) -> MonitoringReport:
    """The report of a project the caller has already loaded with `project_get_for_user`;
    Http404 when the round has none for it (a project of another year)."""
    try:
        return MonitoringReport.objects.select_related("round", "project", "unit").get(
            project=project, round=round_
        )
    except MonitoringReport.DoesNotExist:
        raise Http404("该项目没有此轮监控表") from None


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator with its monitoring row (None before the unit has entered anything)."""

    indicator: Indicator
    row: IndicatorProgress | None


def report_indicator_rows(report: MonitoringReport) -> list[IndicatorRow]:
    """The project's indicators in goal order, each with its row in `report` (two queries)."""
    rows = {row.indicator_id: row for row in report.indicator_rows.all()}
    return [
        IndicatorRow(indicator, rows.get(indicator.pk))
        for indicator in Indicator.objects.filter(goal__project_id=report.project_id).order_by(
            "position"
        )
    ]


def report_rounds_for_project(project: Project) -> QuerySet[MonitoringReport]:
    """The monitoring reports of a project, newest round first."""
    return (
        MonitoringReport.objects.filter(project=project)
        .select_related("round")
        .order_by("-round__year", "-round__checkpoint_month")
    )


def message_list_for_user(user: User) -> QuerySet[Message]:
    """The in-app messages of the user's own organisation, newest first."""
    if not user.is_authenticated or user.organisation_id is None:
        return Message.objects.none()
    return Message.objects.filter(unit_id=user.organisation_id).select_related("round", "sender")


# ---------------------------------------------------------------------------------------------
# Filters of the overview


@dataclass(frozen=True)
class OverviewFilters:
    """The overview's filters, already checked against what the user may see."""

    unit: Organisation | None = None
    department: Organisation | None = None
    colour: str = ""
    rule: str = ""
    stage: str = ""
    light: str = ""
    bucket: str = ""
    grade: str = ""

    def as_query(self) -> dict[str, str]:
        """The filters as URL parameters (for links that keep them)."""
        values = {
            "unit": self.unit.code if self.unit else "",
            "department": self.department.code if self.department else "",
            "colour": self.colour,
            "rule": self.rule,
            "stage": self.stage,
            "light": self.light,
            "bucket": self.bucket,
            "grade": self.grade,
        }
        return {name: value for name, value in values.items() if value}


def overview_filters_parse(user: User, params) -> OverviewFilters:
    """Read the filters from request parameters. Http404 for a unit or department the user may
    not see (the same answer as for one that does not exist), or an unknown option."""
    unit = department = None
    unit_code = params.get("unit", "").strip()
    if unit_code:
        unit = unit_list_for_user(user).filter(code=unit_code).first()
        if unit is None:
            raise Http404("单位不存在或无权查看")
    department_code = params.get("department", "").strip()
    if department_code:
        department = Organisation.objects.filter(
            code=department_code, kind=OrganisationKind.DEPARTMENT
        ).first()
        if department is None or not unit_list_for_user(user).filter(parent=department).exists():
            raise Http404("主管部门不存在或无权查看")
    choices = {
        "colour": {light.value for light in Light} - {Light.GREEN.value},
        "rule": set(WARNING_TYPES),
        "stage": set(Stage.values),
        "light": {light.value for light in Light},
        "bucket": set(BUCKET_FILTERS),
        "grade": set(GRADES),
    }
    values = {}
    for name, allowed in choices.items():
        value = params.get(name, "").strip()
        if value and value not in allowed:
            raise Http404(f"筛选条件 {name} 无效")
        values[name] = value
    return OverviewFilters(unit=unit, department=department, **values)


def _scope(queryset, user: User, filters: OverviewFilters):
    queryset = queryset.filter(visible_units_filter(user))
    if filters.unit is not None:
        queryset = queryset.filter(unit=filters.unit)
    if filters.department is not None:
        queryset = queryset.filter(department=filters.department)
    return queryset


def department_choices(user: User) -> list[Organisation]:
    """The supervising departments above the units the user sees (one query)."""
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.DEPARTMENT,
            pk__in=unit_list_for_user(user).values("parent_id"),
        ).order_by("code")
    )


# ---------------------------------------------------------------------------------------------
# Figures


def _summaries(user: User, round_: MonitoringRound, filters: OverviewFilters):
    return _scope(UnitSummary.objects.filter(round=round_), user, filters)


def overview_counts(user: User, round_: MonitoringRound, filters: OverviewFilters) -> dict:
    """Counts and sums of the round for the units the user sees, in one aggregate query over
    the precomputed unit summaries: projects and units, projects per stage, per light and per
    execution-rate bucket, projects with warnings, the budget and the amount executed to the
    checkpoint (元) and their rate (%)."""
    stage_fields = [f"stage_{code}" for code in Stage.values]
    light_fields = [f"light_{light.value}" for light in Light]
    bucket_fields = [f"bucket_{index}" for index in range(len(EXECUTION_RATE_BUCKETS))]
    sums = [
        "projects",
        "warned",
        "budget",
        "executed",
        *stage_fields,
        *light_fields,
        *bucket_fields,
    ]
    row = _summaries(user, round_, filters).aggregate(
        units=Count("id", filter=Q(projects__gt=0)), **{name: Sum(name) for name in sums}
    )
    row = {name: value or 0 for name, value in row.items()}
    budget = round_money(Decimal(row["budget"]))
    executed = round_money(Decimal(row["executed"]))
    return {
        "projects": row["projects"],
        "units": row["units"],
        "warned": row["warned"],
        "budget": budget,
        "executed": executed,
        "execution_rate": execution_rate_percent(budget, executed),
        "stages": [(code, label, row[f"stage_{code}"]) for code, label in Stage.choices],
        "lights": [(light.value, light.label, row[f"light_{light.value}"]) for light in Light],
        "buckets": [
            (code, label, row[f"bucket_{index}"])
            for index, (code, label, _l, _u) in enumerate(EXECUTION_RATE_BUCKETS)
        ],
    }


def _grade_scope(user: User) -> str:
    """ "all" for the unit's own users and administrators, "sent" for reviewers above the unit,
    who see a self-evaluation only once it has been sent out (PRODUCT.md §2)."""
    if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF, Role.HEAD):
        return "all"
    return "sent"


def grade_distribution(
    user: User, round_: MonitoringRound, filters: OverviewFilters
) -> list[tuple[str, int]]:
    """(grade, number of self-evaluations of the round's year) for 优 良 中 差 (one query)."""
    scope = _grade_scope(user)
    fields = {grade: f"grades_{scope}_{index}" for index, grade in enumerate(GRADES, start=1)}
    row = _summaries(user, round_, filters).aggregate(
        **{field: Sum(field) for field in fields.values()}
    )
    return [(grade, row[field] or 0) for grade, field in fields.items()]


def unit_ranking_by_execution(
    user: User, round_: MonitoringRound, filters: OverviewFilters, *, limit: int = 10
) -> list[dict]:
    """The units with the lowest execution rate to the checkpoint first (one query over the
    unit summaries): code, name, projects, budget, executed (元) and rate (%)."""
    rate = ExpressionWrapper(
        F("executed") * 100 / F("budget"),
        output_field=DecimalField(max_digits=20, decimal_places=6),
    )
    rows = (
        _summaries(user, round_, filters)
        .filter(budget__gt=0)
        .annotate(rate_raw=rate)
        .order_by("rate_raw", "unit__code")
        .values("unit__code", "unit__name", "projects", "budget", "executed")[:limit]
    )
    return [
        {
            "code": row["unit__code"],
            "name": row["unit__name"],
            "projects": row["projects"],
            "budget": row["budget"],
            "executed": row["executed"],
            "rate": execution_rate_percent(row["budget"], row["executed"]),
        }
        for row in rows
    ]


def unit_ranking_by_score(
    user: User, round_: MonitoringRound, filters: OverviewFilters, *, limit: int = 10
) -> list[dict]:
    """The units by mean self-evaluation total, highest first (one query over the unit
    summaries): code, name, evaluations and the mean rounded to 0.01."""
    scope = _grade_scope(user)
    total, count = f"score_sum_{scope}", f"score_count_{scope}"
    mean = ExpressionWrapper(
        F(total) * 1 / F(count), output_field=DecimalField(max_digits=20, decimal_places=6)
    )
    rows = (
        _summaries(user, round_, filters)
        .filter(**{f"{count}__gt": 0})
        .annotate(mean=mean)
        .order_by("-mean", "unit__code")
        .values("unit__code", "unit__name", total, count)[:limit]
    )
    return [
        {
            "code": row["unit__code"],
            "name": row["unit__name"],
            "evaluations": row[count],
            "mean": mean_score(row[total], row[count]),
        }
        for row in rows
    ]


def _warning_counts(
    user: User, round_: MonitoringRound, filters: OverviewFilters
) -> dict[str, int]:
    """ "rule:colour" → number of warnings in the units the user sees (one query over the unit
    summaries; the sum runs over units, not warnings)."""
    totals: dict[str, int] = {}
    for counts in _summaries(user, round_, filters).values_list("warning_counts", flat=True):
        for key, number in counts.items():
            totals[key] = totals.get(key, 0) + number
    return totals


def warning_totals(user: User, round_: MonitoringRound, filters: OverviewFilters) -> dict:
    """ "rule:colour" → number of warnings the user sees (pass it to the two functions below
    so a page reads the unit summaries once)."""
    return _warning_counts(user, round_, filters)


def warning_type_counts(totals: dict[str, int]) -> list[tuple[str, str, int, int]]:
    """(rule, Chinese name, red count, yellow count) per warning type, from `warning_totals`."""
    return [
        (rule, name, totals.get(f"{rule}:red", 0), totals.get(f"{rule}:yellow", 0))
        for rule, name in WARNING_TYPES.items()
    ]


class _CountedPaginator(Paginator):
    """A paginator told its count (from the unit summaries) instead of counting the rows."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def warning_page(
    user: User,
    round_: MonitoringRound,
    filters: OverviewFilters,
    *,
    number: str,
    per_page: int,
    totals: dict[str, int] | None = None,
):
    """One page of the warning list; the total comes from the unit summaries (`totals`, read
    here when not given), so a page costs one indexed query for its rows whatever the number
    of warnings."""
    if totals is None:
        totals = _warning_counts(user, round_, filters)
    count = sum(
        value
        for key, value in totals.items()
        if (not filters.rule or key.startswith(f"{filters.rule}:"))
        and (not filters.colour or key.endswith(f":{filters.colour}"))
    )
    paginator = _CountedPaginator(warning_list(user, round_, filters), per_page, count=count)
    return paginator.get_page(number)


def warning_list(
    user: User, round_: MonitoringRound, filters: OverviewFilters
) -> QuerySet[MonitoringWarning]:
    """The round's warnings the user may see, red first, with their project and unit."""
    warnings = _scope(MonitoringWarning.objects.filter(round=round_), user, filters)
    if filters.colour:
        warnings = warnings.filter(colour=filters.colour)
    if filters.rule:
        warnings = warnings.filter(rule=filters.rule)
    return warnings.select_related("project", "unit").order_by("rank", "id")


def mean_score(total: Decimal, count: int) -> Decimal:
    """The mean of `count` totals summing to `total`, rounded to 0.01."""
    return round_money(Decimal(total) / Decimal(count))


def _evaluations_visible(user: User, year: int, filters: OverviewFilters):
    """Self-evaluations of `year` whose scores the user may see: within the own unit always,
    above it only once sent out (PRODUCT.md §2)."""
    evaluations = SelfEvaluation.objects.filter(
        visible_units_filter(user, field="project__unit"), project__year=year
    )
    if _grade_scope(user) == "sent":
        evaluations = evaluations.filter(status__in=VISIBLE_TO_REVIEWERS)
    if filters.unit is not None:
        evaluations = evaluations.filter(project__unit=filters.unit)
    if filters.department is not None:
        evaluations = evaluations.filter(project__unit__parent=filters.department)
    return evaluations


def drilldown_reports(
    user: User, round_: MonitoringRound, filters: OverviewFilters
) -> QuerySet[MonitoringReport]:
    """The reports (projects) behind a figure of the overview: stage, light, rate bucket,
    warning type or colour, unit, department; the grade filter joins the self-evaluation."""
    reports = _scope(MonitoringReport.objects.filter(round=round_), user, filters)
    if filters.stage:
        reports = reports.filter(STAGE_FILTERS[filters.stage])
    if filters.light:
        reports = reports.filter(LIGHT_FILTERS[filters.light])
    if filters.bucket:
        reports = reports.filter(BUCKET_FILTERS[filters.bucket])
    if filters.rule or filters.colour:
        warning_filter = Q(round=round_)
        if filters.rule:
            warning_filter &= Q(rule=filters.rule)
        if filters.colour:
            warning_filter &= Q(colour=filters.colour)
        reports = reports.filter(
            pk__in=MonitoringWarning.objects.filter(warning_filter).values("report_id")
        )
    if filters.grade:
        reports = reports.filter(
            project__in=_evaluations_visible(user, round_.year, filters)
            .filter(grade=filters.grade)
            .values("project_id")
        )
    return reports.select_related("project", "unit").order_by("unit_id", "project__code")


def pending_units(user: User, round_: MonitoringRound, filters: OverviewFilters):
    """The units with at least one report not yet submitted (not started, draft or returned),
    with how many, for the reminders (one GROUP BY)."""
    pending = (
        STAGE_FILTERS[Stage.NOT_STARTED]
        | STAGE_FILTERS[Stage.DRAFT]
        | STAGE_FILTERS[Stage.RETURNED]
    )
    return (
        _scope(MonitoringReport.objects.filter(round=round_), user, filters)
        .filter(pending)
        .order_by()
        .values("unit_id", "unit__code", "unit__name")
        .annotate(pending=Count("id"))
        .order_by("unit__code")
    )


def units_for_reminder(user: User, codes: list[str]) -> list[Organisation]:
    """The units named by `codes` that the user may see; Http404 if any is not one of them."""
    units = list(unit_list_for_user(user).filter(code__in=codes))
    if len(units) != len(set(codes)):
        raise Http404("单位不存在或无权查看")
    return units


def report_editable_by(user: User, report: MonitoringReport) -> bool:
    """True when `user` (staff or head of the report's unit) may still edit it: the round is
    open and the report is a draft or was returned."""
    return (
        user.is_authenticated
        and user.role in (Role.STAFF, Role.HEAD)
        and user.organisation_id == report.unit_id
        and report.round.status == RoundStatus.OPEN
        and status_is_editable(report.status)
    )
