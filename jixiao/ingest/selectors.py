"""Reads of the importer: the consistency findings of an extraction."""

from __future__ import annotations

from django.conf import settings

from jixiao.ingest.extract import Extraction
from jixiao.rules import Finding, scheme_get
from jixiao.rules.consistency import consistency_findings


def findings_for(extraction: Extraction, scheme_code: str | None = None) -> list[Finding]:
    """The consistency findings of what ``extraction`` states, under the configured scheme."""
    scheme = scheme_get(scheme_code or settings.JIXIAO_SCHEME)
    return consistency_findings(extraction.stated(), scheme)


def ingest_allowed(user) -> bool:
    """Unit staff, supervising departments, the finance bureau and administrators may import."""
    from jixiao.accounts.models import Role

    if not user.is_authenticated:
        return False
    return user.is_superuser or user.role in (
        Role.STAFF,
        Role.SUPERVISOR,
        Role.REVIEWER,
        Role.ADMIN,
    )


def ingest_units_for_user(user):
    """The budget units ``user`` may import into (their own, or those in their reach)."""
    from jixiao.accounts.selectors import unit_list_for_user

    return unit_list_for_user(user)
