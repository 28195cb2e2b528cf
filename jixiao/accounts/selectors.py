"""Reads of organisations and the access predicates every other app relies on.

Access follows the organisation tree (PRODUCT.md §2): unit staff and heads see their own unit;
reviewers see the units below their organisation; administrators see everything.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jixiao.accounts.models import Organisation, OrganisationKind, Role, User


def organisation_descendants(organisation: Organisation) -> QuerySet[Organisation]:
    """The organisation itself and every organisation below it (one indexed prefix query)."""
    return Organisation.objects.filter(path__startswith=organisation.path)


def visible_units_filter(user: User, *, field: str = "unit") -> Q:
    """A Q that limits a queryset with a unit foreign key `field` to what `user` may see.

    Anonymous users and users without an organisation see nothing (an always-false Q).
    """
    nothing = Q(pk__in=[])
    if not user.is_authenticated:
        return nothing
    if _sees_all(user):
        return Q()
    if user.organisation_id is None:
        return nothing
    if user.role in (Role.STAFF, Role.HEAD):
        return Q(**{f"{field}_id": user.organisation_id})
    return Q(**{f"{field}__path__startswith": user.organisation.path})


def unit_list_for_user(user: User) -> QuerySet[Organisation]:
    """The budget units `user` may see, ordered by their place in the tree."""
    units = Organisation.objects.filter(kind=OrganisationKind.UNIT)
    if not user.is_authenticated or (user.organisation_id is None and not _sees_all(user)):
        return units.none()
    if _sees_all(user):
        return units
    if user.role in (Role.STAFF, Role.HEAD):
        return units.filter(pk=user.organisation_id)
    return units.filter(path__startswith=user.organisation.path)


def _sees_all(user: User) -> bool:
    return user.is_superuser or user.role == Role.ADMIN
