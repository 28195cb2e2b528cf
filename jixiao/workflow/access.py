"""Who may see a goal, a monitoring report or a self-evaluation in a given status."""

from __future__ import annotations

from jixiao.accounts.models import Role
from jixiao.workflow.states import VISIBLE_TO_REVIEWERS


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
