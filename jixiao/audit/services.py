"""Writing audit events. Services call `audit_record` inside their own transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from jixiao.audit.models import AuditEvent


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value)


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    project_id: int | None = None,
    summary: str = "",
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit event for `obj`; values in `changes` are stored as strings."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        project_id=project_id,
        summary=summary[:300],
        changes={k: [_text(old), _text(new)] for k, (old, new) in (changes or {}).items()},
        reason=reason,
    )
