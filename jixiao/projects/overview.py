"""The reviewer's list of projects of a year: one query, figures read from stored columns."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.accounts.models import User
from jixiao.projects.models import Project
from jixiao.projects.selectors import project_list_for_user
from jixiao.workflow.access import status_visible_to
from jixiao.workflow.states import Status


@dataclass(frozen=True)
class OverviewRow:
    project: Project
    evaluation_status: str | None
    evaluation_status_label: str
    total: Decimal | None
    grade: str


def project_overview_rows(user: User, *, year: int) -> list[OverviewRow]:
    """Every visible project of `year` with its execution and, where the self-evaluation has
    been sent out (or belongs to the user's own unit), its total and grade. One query."""
    projects = (
        project_list_for_user(user, year=year)
        .select_related("unit", "unit__parent", "evaluation")
        .order_by("unit__path", "code")
    )
    rows = []
    for project in projects:
        evaluation = getattr(project, "evaluation", None)
        shown = evaluation is not None and status_visible_to(
            user, unit_id=project.unit_id, status=evaluation.status
        )
        if evaluation is None:
            label = "未开始"
        elif shown:
            label = Status(evaluation.status).label
        else:
            label = "单位填报中"
        rows.append(
            OverviewRow(
                project=project,
                evaluation_status=evaluation.status if shown else None,
                evaluation_status_label=label,
                total=evaluation.total if shown else None,
                grade=evaluation.grade if shown else "",
            )
        )
    return rows
