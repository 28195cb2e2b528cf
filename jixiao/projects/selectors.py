"""Reads of projects. `project_get_for_user` is the only way a page loads a project."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from jixiao.accounts.models import User
from jixiao.accounts.selectors import visible_units_filter
from jixiao.projects.models import Project


def project_list_for_user(user: User, *, year: int | None = None) -> QuerySet[Project]:
    """The projects of the units `user` may see, optionally of one year."""
    projects = Project.objects.filter(visible_units_filter(user)).select_related("unit")
    if year is not None:
        projects = projects.filter(year=year)
    return projects


def project_get_for_user(user: User, *, code: str) -> Project:
    """The project with `code` if `user` may see it.

    Raises Http404 both when it does not exist and when it belongs to a unit outside the
    user's reach, so a forged URL tells nothing.
    """
    try:
        return project_list_for_user(user).get(code=code)
    except Project.DoesNotExist:
        raise Http404("项目不存在或无权查看") from None


def project_years_for_user(user: User) -> list[int]:
    """The fiscal years that have projects visible to `user`, newest first."""
    years = project_list_for_user(user).order_by().values_list("year", flat=True).distinct()
    return sorted(years, reverse=True)
