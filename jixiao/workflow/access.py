"""Who may see a goal, a monitoring report or a self-evaluation in a given status, and who may
take a move of the transition table."""

from __future__ import annotations

from jixiao.accounts.models import Organisation, OrganisationKind, Role
from jixiao.workflow.states import VISIBLE_TO_REVIEWERS
from jixiao.workflow.transitions import Actor, actor_resolved


def status_visible_to(user, *, unit_id: int, status: str) -> bool:
    """True when `user` may see an object of unit `unit_id` in `status`.

    Within the unit always; administrators always; reviewers above the unit only once the
    unit has sent it out (PRODUCT.md §2: nobody sees another unit's drafts). The caller has
    already checked that the unit itself is visible to `user`.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.role == Role.ADMIN or user.organisation_id == unit_id:
        return True
    return status in VISIBLE_TO_REVIEWERS


def unit_has_department(unit: Organisation) -> bool:
    """True when the unit sits under a supervising department (主管部门), which then reviews
    between the unit head and the bureau."""
    return unit.parent is not None and unit.parent.kind == OrganisationKind.DEPARTMENT


def actor_matches(actor: Actor, user, unit: Organisation) -> bool:
    """True when `user` is `actor` for `unit`: the role AND the organisation.

    Staff and heads act for their own unit only; a department reviewer for the units whose
    parent is their department; a bureau reviewer for the units below their bureau in the
    organisation path. Administrators are not part of the approval chain.
    """
    if not user.is_authenticated or user.organisation_id is None:
        return False
    has_department = unit_has_department(unit)
    actor = actor_resolved(actor, has_department=has_department)
    if actor == Actor.UNIT_STAFF:
        return user.role == Role.STAFF and user.organisation_id == unit.pk
    if actor == Actor.UNIT_HEAD:
        return user.role == Role.HEAD and user.organisation_id == unit.pk
    if actor == Actor.DEPARTMENT_REVIEWER:
        return (
            has_department
            and user.role == Role.SUPERVISOR
            and user.organisation_id == unit.parent_id
        )
    organisation = user.organisation
    return (
        user.role == Role.REVIEWER
        and organisation.kind == OrganisationKind.BUREAU
        and unit.path.startswith(organisation.path)
        and organisation.pk != unit.pk
    )
