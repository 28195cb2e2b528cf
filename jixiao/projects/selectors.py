"""Reads of projects. `project_get_for_user` is the only way a page loads a project."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from jixiao.accounts.models import Organisation, OrganisationKind, Role, User
from jixiao.accounts.selectors import visible_units_filter
from jixiao.projects.models import Project


def project_list_for_user(user: User, *, year: int | None = None) -> QuerySet[Project]:
    """The projects of the units `user` may see, optionally of one year."""
    # The unit's parent too: the workflow needs it (supervising department or not) on every page.
    projects = Project.objects.filter(visible_units_filter(user)).select_related(
        "unit", "unit__parent"
    )
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


def user_is_unit_staff(user: User, project: Project) -> bool:
    """True when `user` is a 经办人 of the project's own unit: the one who records its data
    (projects, funding, ledger, evidence, self-evaluation)."""
    return (
        user.is_authenticated
        and user.role == Role.STAFF
        and user.organisation_id is not None
        and user.organisation_id == project.unit_id
    )


def project_creation_unit(user: User) -> Organisation:
    """The unit in which `user` may create projects: their own, when they are its 经办人.

    Raises PermissionDenied for anyone else (heads, reviewers, administrators, users of a
    department or the bureau).
    """
    organisation = user.organisation if user.is_authenticated else None
    if (
        organisation is None
        or user.role != Role.STAFF
        or organisation.kind != OrganisationKind.UNIT
    ):
        raise PermissionDenied("只有预算单位的经办人可以新建项目。")
    return organisation


def project_code_next(unit: Organisation, year: int) -> str:
    """The next free project code `<division code>-<year>-<serial>` for `unit` in `year`.

    The division code is the unit's code up to its first "-" (440111-QZJGGW → 440111); the
    serial is one above the highest used by any project with that prefix and year, four digits.
    """
    prefix = f"{unit.code.split('-', 1)[0]}-{year}-"
    serials = [
        int(code[len(prefix) :])
        for code in Project.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if code[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(serials, default=0) + 1:04d}"
