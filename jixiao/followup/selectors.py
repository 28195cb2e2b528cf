"""Reads of result application: follow-up decisions, rectification items, application rates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jixiao.accounts.models import OrganisationKind, Role
from jixiao.accounts.selectors import visible_units_filter
from jixiao.evaluation.models import SelfEvaluation
from jixiao.followup.models import (
    OPEN_RECTIFICATION_STATUSES,
    DecisionStatus,
    FollowupDecision,
    RectificationItem,
    RectificationStatus,
)
from jixiao.projects.models import Project
from jixiao.rules.findings import Finding
from jixiao.rules.followup import (
    FollowupTable,
    followup_table_get,
    rectification_overdue_finding,
)
from jixiao.rules.numbers import round_money
from jixiao.workflow.access import actor_matches
from jixiao.workflow.states import Status
from jixiao.workflow.transitions import Actor


def followup_table() -> FollowupTable:
    """The result-application table in force (`JIXIAO_FOLLOWUP_SCHEME`, default
    national-2020)."""
    return followup_table_get(settings.JIXIAO_FOLLOWUP_SCHEME)


def user_is_bureau_reviewer_of(user, project: Project) -> bool:
    """True when `user` is a 财政局审核人 of the bureau above the project's unit: the one who
    confirms follow-ups and issues, accepts or reopens rectification items."""
    return actor_matches(Actor.BUREAU_REVIEWER, user, project.unit)


def user_is_bureau_reviewer(user) -> bool:
    """True for a 财政局审核人 (the role at a bureau), whatever the project: the pages use it to
    decide whether to offer the bureau's buttons at all."""
    return (
        user.is_authenticated
        and user.role == Role.REVIEWER
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.BUREAU
    )


def user_is_owner_staff(user, item: RectificationItem) -> bool:
    """True when `user` is a 经办人 of the unit that owns the rectification item."""
    return (
        user.is_authenticated
        and user.role == Role.STAFF
        and user.organisation_id is not None
        and user.organisation_id == item.owner_id
    )


def accepted_evaluation_list(user, *, year: int) -> QuerySet[SelfEvaluation]:
    """The accepted self-evaluations of `year` in `user`'s reach, with project, unit and
    follow-up decision (None where none was proposed yet) in one query."""
    return (
        SelfEvaluation.objects.filter(
            visible_units_filter(user, field="project__unit"),
            status=Status.ACCEPTED,
            project__year=year,
        )
        .select_related("project__unit__parent", "followup")
        .order_by("project__code")
    )


def followup_get(project: Project) -> FollowupDecision | None:
    """The follow-up decision of `project`, or None."""
    return FollowupDecision.objects.filter(project=project).select_related("confirmed_by").first()


def accepted_evaluation_get(project: Project) -> SelfEvaluation | None:
    """The self-evaluation of `project` when it is accepted, else None."""
    return SelfEvaluation.objects.filter(project=project, status=Status.ACCEPTED).first()


def rectification_list(project: Project) -> QuerySet[RectificationItem]:
    """The rectification items of `project`, by deadline."""
    return RectificationItem.objects.filter(project=project).select_related("owner", "evidence")


def rectification_item_get_for_user(user, *, item_id: int) -> RectificationItem:
    """The rectification item `item_id` if `user` may see its project; Http404 otherwise
    (missing and forbidden alike)."""
    try:
        return RectificationItem.objects.select_related("project__unit", "owner").get(
            visible_units_filter(user, field="project__unit"), pk=item_id
        )
    except RectificationItem.DoesNotExist:
        raise Http404("整改事项不存在或无权查看") from None


@dataclass(frozen=True)
class RectificationCounts:
    """A project's rectification items: issued, closed (accepted), open past the deadline."""

    total: int
    closed: int
    overdue: int


def rectification_counts(project: Project, *, today: datetime.date | None = None):
    """Count the rectification items of `project` in one aggregate query."""
    today = today or timezone.localdate()
    counts = RectificationItem.objects.filter(project=project).aggregate(
        total=Count("id"),
        closed=Count("id", filter=Q(status=RectificationStatus.ACCEPTED)),
        overdue=Count("id", filter=Q(status__in=OPEN_RECTIFICATION_STATUSES, deadline__lt=today)),
    )
    return RectificationCounts(**counts)


def rectification_pending_list(user, *, year: int) -> QuerySet[RectificationItem]:
    """The rectification items of `year` in `user`'s reach not closed yet (open, answered or
    reopened), by deadline: the unit's to-do list and the bureau's follow-up list."""
    return (
        RectificationItem.objects.filter(
            visible_units_filter(user, field="project__unit"), project__year=year
        )
        .exclude(status=RectificationStatus.ACCEPTED)
        .select_related("project", "owner")
        .order_by("deadline", "id")
    )


@dataclass(frozen=True)
class OverdueWarning:
    item: RectificationItem
    finding: Finding


def rectification_overdue_list(user, *, today: datetime.date | None = None) -> list[OverdueWarning]:
    """The rectification items in `user`'s reach still open after their deadline, each with
    its finding `followup.rectification_overdue`, the most overdue first."""
    today = today or timezone.localdate()
    items = (
        RectificationItem.objects.filter(
            visible_units_filter(user, field="project__unit"),
            status__in=OPEN_RECTIFICATION_STATUSES,
            deadline__lt=today,
        )
        .select_related("project", "owner")
        .order_by("deadline", "id")
    )
    warnings = []
    for item in items:
        finding = rectification_overdue_finding(
            subject=f"{item.project.code} {item.finding[:40]}",
            owner=item.owner.display_name,
            deadline=item.deadline,
            today=today,
            is_open=item.is_open,
        )
        if finding is not None:
            warnings.append(OverdueWarning(item=item, finding=finding))
    return warnings


@dataclass(frozen=True)
class ApplicationRate:
    """One line of the application-rate table (one supervising department, or the units
    directly under the bureau)."""

    department: str
    evaluated: int
    applied: int
    rectifications: int
    closed: int
    closed_on_time: int

    @property
    def applied_rate(self) -> Decimal | None:
        return _rate(self.applied, self.evaluated)

    @property
    def on_time_rate(self) -> Decimal | None:
        return _rate(self.closed_on_time, self.rectifications)


def _rate(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return round_money(Decimal(part) * 100 / Decimal(whole))


DIRECT_UNITS_LABEL = "财政局直管单位"


def application_rates(user, *, year: int) -> list[ApplicationRate]:
    """Per supervising department, for `year`: accepted self-evaluations (evaluated), those
    with a confirmed follow-up (applied), rectification items issued, closed, closed on time.

    Two aggregate queries grouped by the unit's parent; units directly under the bureau form
    one line. The last line is the total.
    """
    evaluations = (
        SelfEvaluation.objects.filter(
            visible_units_filter(user, field="project__unit"),
            status=Status.ACCEPTED,
            project__year=year,
        )
        .values("project__unit__parent__name", "project__unit__parent__kind")
        .annotate(
            evaluated=Count("id"),
            applied=Count("id", filter=Q(followup__status=DecisionStatus.CONFIRMED)),
        )
        .order_by()
    )
    items = (
        RectificationItem.objects.filter(
            visible_units_filter(user, field="project__unit"), project__year=year
        )
        .values("project__unit__parent__name", "project__unit__parent__kind")
        .annotate(
            total=Count("id"),
            closed=Count("id", filter=Q(status=RectificationStatus.ACCEPTED)),
            on_time=Count("id", filter=Q(closed_on_time=True)),
        )
        .order_by()
    )
    lines: dict[str, dict[str, int]] = {}

    def line(row) -> dict[str, int]:
        name = row["project__unit__parent__name"]
        if row["project__unit__parent__kind"] != OrganisationKind.DEPARTMENT:
            name = DIRECT_UNITS_LABEL
        return lines.setdefault(
            name, {"evaluated": 0, "applied": 0, "total": 0, "closed": 0, "on_time": 0}
        )

    for row in evaluations:
        target = line(row)
        target["evaluated"] += row["evaluated"]
        target["applied"] += row["applied"]
    for row in items:
        target = line(row)
        target["total"] += row["total"]
        target["closed"] += row["closed"]
        target["on_time"] += row["on_time"]
    names = sorted(n for n in lines if n != DIRECT_UNITS_LABEL)
    if DIRECT_UNITS_LABEL in lines:
        names.append(DIRECT_UNITS_LABEL)
    rates = [
        ApplicationRate(
            department=name,
            evaluated=lines[name]["evaluated"],
            applied=lines[name]["applied"],
            rectifications=lines[name]["total"],
            closed=lines[name]["closed"],
            closed_on_time=lines[name]["on_time"],
        )
        for name in names
    ]
    rates.append(
        ApplicationRate(
            department="合计",
            evaluated=sum(r.evaluated for r in rates),
            applied=sum(r.applied for r in rates),
            rectifications=sum(r.rectifications for r in rates),
            closed=sum(r.closed for r in rates),
            closed_on_time=sum(r.closed_on_time for r in rates),
        )
    )
    return rates


def followup_years(user) -> list[int]:
    """The years with projects in `user`'s reach, newest first."""
    years = (
        Project.objects.filter(visible_units_filter(user))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)
