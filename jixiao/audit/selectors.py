"""Reads of the audit trail."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.audit.models import AuditEvent


def audit_list_for_project(project_id: int) -> QuerySet[AuditEvent]:
    """Every event recorded against a project and its parts, newest first."""
    return AuditEvent.objects.filter(project_id=project_id).select_related("actor")
