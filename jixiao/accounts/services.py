"""Writes of organisations and users."""

from __future__ import annotations

from django.db import transaction

from jixiao.accounts.models import Organisation, OrganisationKind


@transaction.atomic
def organisation_create(
    *,
    name: str,
    code: str,
    kind: OrganisationKind,
    parent: Organisation | None = None,
    short_name: str = "",
    is_demo: bool = False,
    inferences: dict[str, str] | None = None,
) -> Organisation:
    """Create an organisation and set its materialised path under `parent`."""
    organisation = Organisation.objects.create(
        name=name,
        code=code,
        kind=kind,
        parent=parent,
        short_name=short_name,
        is_demo=is_demo,
        inferences=inferences or {},
    )
    prefix = parent.path if parent else "/"
    organisation.path = f"{prefix}{organisation.pk}/"
    organisation.save(update_fields=["path"])
    return organisation
