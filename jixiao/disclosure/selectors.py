"""Reads of disclosure.

Two kinds of read live here, kept apart on purpose:

- the bureau side (`publication_candidates`, `snapshot_payload_build`) reads live projects,
  goals and self-evaluations to decide what to publish and to build the payload;
- the portal side (`portal_*`) reads ONLY `PublishedSnapshot` rows: nothing unpublished,
  withdrawn or superseded can be reached through it (tests check the SQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from jixiao.accounts.models import OrganisationKind, Role
from jixiao.accounts.selectors import unit_list_for_user, visible_units_filter
from jixiao.disclosure.models import PublishedSnapshot
from jixiao.evaluation.models import NARRATIVE_FIELDS, SelfEvaluation
from jixiao.evaluation.selectors import evaluation_compute, score_json
from jixiao.goals.models import Comparator, Goal, decimal_plain
from jixiao.projects.models import Project
from jixiao.workflow.states import Status

SCHEMA_VERSION = 1
PHASE_BUDGET = "预算"  # 年初预算数
PHASE_ADJUSTED = "调整"  # 全年预算数 (调整后)
PHASE_EXECUTED = "执行"  # 全年执行数
TOTAL_SOURCE = "合计"


def user_is_publisher(user) -> bool:
    """True for a 财政局审核人 (reviewer of a bureau): the one who publishes and withdraws."""
    return (
        user.is_authenticated
        and user.role == Role.REVIEWER
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.BUREAU
    )


@dataclass(frozen=True)
class Candidate:
    """A project with something publishable: an accepted goal and/or an accepted
    self-evaluation."""

    project: Project
    goal_accepted: bool
    evaluation_accepted: bool


def publication_candidates(user, *, year: int, unit_code: str = "") -> list[Candidate]:
    """The projects of `year` in `user`'s reach (optionally of one unit) whose goal or
    self-evaluation is accepted, by code. One query."""
    projects = (
        Project.objects.filter(visible_units_filter(user), year=year)
        .filter(Q(goal__status=Status.ACCEPTED) | Q(evaluation__status=Status.ACCEPTED))
        .select_related("unit", "goal", "evaluation")
        .order_by("code")
    )
    if unit_code:
        projects = projects.filter(unit__code=unit_code)
    return [
        Candidate(
            project=p,
            goal_accepted=_status(p, "goal") == Status.ACCEPTED,
            evaluation_accepted=_status(p, "evaluation") == Status.ACCEPTED,
        )
        for p in projects
    ]


def _status(project: Project, relation: str) -> str:
    try:
        return getattr(project, relation).status
    except (Goal.DoesNotExist, SelfEvaluation.DoesNotExist):
        return ""


def publish_units(user, *, year: int) -> list[tuple[str, str]]:
    """(code, name) of the units with projects of `year` in `user`'s reach."""
    rows = (
        Project.objects.filter(visible_units_filter(user), year=year)
        .values_list("unit__code", "unit__name")
        .distinct()
        .order_by("unit__code")
    )
    return list(rows)


def _amount(value) -> str:
    return f"{value:.2f}"


def snapshot_payload_build(candidate: Candidate) -> dict[str, Any]:
    """The public record of one project (schema: docs/open-data.md), built from live data.

    Only an accepted goal and an accepted self-evaluation go in; the other is null. Amounts are
    decimal strings in 元 with their phase (预算 = 年初预算数, 调整 = 全年预算数, 执行 =
    全年执行数).
    """
    project = candidate.project
    unit = project.unit
    parent = unit.parent
    funding = []
    sources = list(project.funding_sources.all())
    for phase, field, total in (
        (PHASE_BUDGET, "initial_amount", project.budget_initial),
        (PHASE_ADJUSTED, "full_year_amount", project.budget_full_year),
    ):
        funding.append({"phase": phase, "source": TOTAL_SOURCE, "amount": _amount(total)})
        funding.extend(
            {"phase": phase, "source": s.get_kind_display(), "amount": _amount(getattr(s, field))}
            for s in sources
        )
    funding.append(
        {"phase": PHASE_EXECUTED, "source": TOTAL_SOURCE, "amount": _amount(project.executed)}
    )
    payload: dict[str, Any] = {
        "code": project.code,
        "name": project.name,
        "year": project.year,
        "category": project.category,
        "category_label": project.get_category_display(),
        "unit": {"code": unit.code, "name": unit.name},
        "department": parent.name
        if parent and parent.kind == OrganisationKind.DEPARTMENT
        else None,
        "is_demo": project.is_demo,
        "execution_rate": None
        if project.execution_rate is None
        else _amount(project.execution_rate),
        "funding": funding,
        "goal": _goal_payload(project) if candidate.goal_accepted else None,
        "evaluation": _evaluation_payload(project) if candidate.evaluation_accepted else None,
    }
    return payload


def _goal_payload(project: Project) -> dict[str, Any]:
    goal = project.goal
    return {
        "annual_goal": goal.annual_goal,
        "indicators": [
            {
                "position": i.position,
                "level1": i.level1,
                "level2": i.level2,
                "name": i.name,
                "comparator": i.comparator,
                "target": (
                    i.target_text
                    if i.comparator == Comparator.QUALITATIVE
                    else (None if i.target is None else decimal_plain(i.target))
                ),
                "measure_unit": i.measure_unit,
                "weight": _amount(i.weight),
                "standard": i.standard,
                "method": i.method,
            }
            for i in goal.indicators.order_by("position")
        ],
    }


def _evaluation_payload(project: Project) -> dict[str, Any]:
    evaluation = project.evaluation
    computed = evaluation_compute(project, scheme_code=evaluation.scheme_code or None)
    score = score_json(computed)
    return {
        "scheme": score["scheme"],
        "evaluated_on": evaluation.evaluated_on.isoformat() if evaluation.evaluated_on else None,
        "execution_rate": score["execution_rate"],
        "execution_score": score["execution_score"],
        "indicator_score": score["indicator_score"],
        "total": score["total"],
        "grade": score["grade"],
        "rows": [
            {
                "level1": row["level1"],
                "level2": row["level2"],
                "name": row["name"],
                "comparator": row["comparator"],
                "target": row["target"],
                "measure_unit": row["measure_unit"],
                "actual": row["actual"],
                "weight": row["weight"],
                "score": row["score"],
            }
            for row in score["indicators"]
        ],
        "narrative": [
            {
                "section": str(SelfEvaluation._meta.get_field(name).verbose_name),
                "text": getattr(evaluation, name),
            }
            for name in NARRATIVE_FIELDS
            if getattr(evaluation, name).strip()
        ],
    }


def snapshot_list_for_bureau(user, *, year: int) -> QuerySet[PublishedSnapshot]:
    """Every snapshot of `year` of the units in `user`'s reach, latest versions and history
    alike, for the bureau's page."""
    codes = unit_list_for_user(user).values("code")
    return PublishedSnapshot.objects.filter(year=year, unit_code__in=codes).order_by(
        "project_code", "-version"
    )


def snapshot_get_for_withdrawal(user, *, snapshot_id: int) -> PublishedSnapshot:
    """A snapshot that is public now, of a unit in `user`'s reach; Http404 otherwise."""
    codes = unit_list_for_user(user).values("code")
    try:
        return PublishedSnapshot.objects.public().get(pk=snapshot_id, unit_code__in=codes)
    except PublishedSnapshot.DoesNotExist:
        raise Http404("公开内容不存在或已撤回") from None


# ---------------------------------------------------------------------------------------------
# The portal: PublishedSnapshot rows only.


def portal_years() -> list[int]:
    """The years with something public, newest first."""
    years = PublishedSnapshot.objects.public().order_by().values_list("year", flat=True).distinct()
    return sorted(years, reverse=True)


def portal_year_check(year: int) -> None:
    """Http404 unless `year` has something public."""
    if not PublishedSnapshot.objects.public().filter(year=year).exists():
        raise Http404("该年度没有公开的绩效信息")


def portal_units(*, year: int) -> list[dict[str, Any]]:
    """The units of `year` with public projects: code, name, department, project count."""
    portal_year_check(year)
    return list(
        PublishedSnapshot.objects.public()
        .filter(year=year)
        .values("unit_code", "unit_name", "department_name")
        .annotate(projects=Count("id"))
        .order_by("department_name", "unit_code")
    )


def portal_unit_projects(*, year: int, unit_code: str) -> list[PublishedSnapshot]:
    """The public projects of one unit in `year`; Http404 when there are none."""
    snapshots = list(
        PublishedSnapshot.objects.public()
        .filter(year=year, unit_code=unit_code)
        .defer("payload", "report_html")
        .order_by("project_code")
    )
    if not snapshots:
        raise Http404("该单位没有公开的绩效信息")
    return snapshots


def portal_project(*, year: int, code: str) -> PublishedSnapshot:
    """The public snapshot of project `code` of `year`; Http404 for anything unpublished,
    withdrawn or missing."""
    try:
        return PublishedSnapshot.objects.public().get(year=year, project_code=code)
    except PublishedSnapshot.DoesNotExist:
        raise Http404("项目不存在或未公开") from None


def portal_search(*, year: int, query: str) -> list[PublishedSnapshot]:
    """Public projects of `year` whose name contains `query` (case-insensitive), at most 200."""
    portal_year_check(year)
    query = query.strip()
    if not query:
        return []
    return list(
        PublishedSnapshot.objects.public()
        .filter(year=year, project_name__icontains=query)
        .defer("payload", "report_html")
        .order_by("project_code")[:200]
    )


def portal_year_snapshots(*, year: int) -> list[PublishedSnapshot]:
    """Every public snapshot of `year` (for the downloads); Http404 when there is none."""
    portal_year_check(year)
    return list(
        PublishedSnapshot.objects.public()
        .filter(year=year)
        .defer("report_html")
        .order_by("project_code")
    )
