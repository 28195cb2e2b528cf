"""Writes of disclosure: publish a year (or one unit), withdraw a published snapshot.

Publishing copies the data into new `PublishedSnapshot` rows; nothing public ever refers to a
live row afterwards. Withdrawing records who, when and why and deletes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from jixiao.accounts.selectors import unit_list_for_user
from jixiao.audit.services import audit_record
from jixiao.disclosure.models import Publication, PublishedSnapshot, WithheldItem
from jixiao.disclosure.selectors import (
    Candidate,
    publication_candidates,
    snapshot_payload_build,
    user_is_publisher,
)
from jixiao.projects.models import Project
from jixiao.reports.services import report_render

logger = logging.getLogger(__name__)

PUBLISHER_ONLY = "只有财政局审核人可以公开或撤回绩效信息。"


def _report_html(candidate: Candidate, payload: dict) -> str:
    """The 自评报告 as HTML, frozen at publish time: the reports app's renderer where it works,
    else our own simple rendering of the payload."""
    if not candidate.evaluation_accepted:
        return ""
    try:
        rendered = report_render(project=candidate.project, kind="self-eval-report", fmt="html")
        return rendered.content.decode("utf-8")
    except Exception:  # the renderer belongs to another app; the publication must not fail
        logger.exception("report_render failed for %s; using the payload", candidate.project.code)
        return render_to_string("disclosure/report_fallback.html", {"p": payload})


@transaction.atomic
def disclosure_publish(
    *,
    year: int,
    actor,
    unit_code: str = "",
    withheld_codes: Iterable[str] = (),
    withheld_reason: str = "",
) -> Publication:
    """Publish the accepted goals and self-evaluations of `year` in the actor's reach (all
    units, or the unit `unit_code`), except `withheld_codes`, which are recorded with
    `withheld_reason` (required when anything is withheld).

    Each published project gets a new snapshot version; its previous public version is marked
    superseded. Raises PermissionDenied for anyone but a bureau reviewer and ValidationError
    (field named) for an unknown withheld code, a missing reason, or nothing to publish.
    """
    if not user_is_publisher(actor):
        raise PermissionDenied(PUBLISHER_ONLY)
    candidates = publication_candidates(actor, year=year, unit_code=unit_code)
    by_code = {c.project.code: c for c in candidates}
    withheld = sorted(set(withheld_codes))
    unknown = [code for code in withheld if code not in by_code]
    if unknown:
        raise ValidationError({"withheld": f"不在本次公开范围内的项目：{'、'.join(unknown)}。"})
    withheld_reason = withheld_reason.strip()
    if withheld and not withheld_reason:
        raise ValidationError({"withheld_reason": "勾选了不公开的项目，请填写不公开理由。"})
    to_publish = [c for c in candidates if c.project.code not in withheld]
    if not to_publish:
        raise ValidationError(
            "没有可公开的内容：本年度范围内没有审核通过的绩效目标或自评，或已全部勾选不公开。"
        )
    now = timezone.now()
    scope = candidates[0].project.unit.name if unit_code else "全部单位"
    publication = Publication.objects.create(
        year=year, scope=scope, published_by=actor, withheld_reason=withheld_reason
    )
    WithheldItem.objects.bulk_create(
        WithheldItem(
            publication=publication,
            project_code=code,
            project_name=by_code[code].project.name,
            reason=withheld_reason,
        )
        for code in withheld
    )
    codes = [c.project.code for c in to_publish]
    # Lock the existing versions (PostgreSQL refuses FOR UPDATE with GROUP BY), then number;
    # the unique (project_code, version) constraint stops a concurrent publication anyway.
    list(PublishedSnapshot.objects.select_for_update().filter(project_code__in=codes).values("pk"))
    latest = dict(
        PublishedSnapshot.objects.filter(project_code__in=codes)
        .values_list("project_code")
        .annotate(Max("version"))
        .order_by()
    )
    PublishedSnapshot.objects.filter(project_code__in=codes, superseded_at__isnull=True).update(
        superseded_at=now
    )
    for candidate in to_publish:
        project = candidate.project
        payload = snapshot_payload_build(candidate)
        evaluation = payload["evaluation"]
        snapshot = PublishedSnapshot.objects.create(
            publication=publication,
            year=project.year,
            project_code=project.code,
            project_name=project.name,
            unit_code=payload["unit"]["code"],
            unit_name=payload["unit"]["name"],
            department_name=payload["department"] or "",
            version=latest.get(project.code, 0) + 1,
            has_goal=payload["goal"] is not None,
            has_evaluation=evaluation is not None,
            total=evaluation["total"] if evaluation else None,
            grade=evaluation["grade"] if evaluation else "",
            payload=payload,
            report_html=_report_html(candidate, payload),
            published_at=now,
        )
        audit_record(
            actor=actor,
            action="disclosure.publish",
            obj=snapshot,
            project_id=project.pk,
            summary=f"公开 {project.code} 第 {snapshot.version} 版",
            changes={"version": (latest.get(project.code), snapshot.version)},
        )
    for code in withheld:
        audit_record(
            actor=actor,
            action="disclosure.withhold",
            obj=publication,
            project_id=by_code[code].project.pk,
            summary=f"{code} 本次不公开",
            reason=withheld_reason,
        )
    return publication


@transaction.atomic
def disclosure_withdraw(*, snapshot: PublishedSnapshot, reason: str, actor) -> PublishedSnapshot:
    """Withdraw a public snapshot: it leaves the portal at once; the row stays with who, when
    and why. Raises PermissionDenied / ValidationError and changes nothing otherwise."""
    if not user_is_publisher(actor):
        raise PermissionDenied(PUBLISHER_ONLY)
    snapshot = PublishedSnapshot.objects.select_for_update().get(pk=snapshot.pk)
    if not unit_list_for_user(actor).filter(code=snapshot.unit_code).exists():
        raise PermissionDenied("只能撤回本财政局所辖单位的公开内容。")
    if not snapshot.is_public:
        raise ValidationError("该公开内容已撤回或已被新版本取代。")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "撤回公开须填写理由。"})
    snapshot.withdrawn_at = timezone.now()
    snapshot.withdrawn_by = actor
    snapshot.withdrawn_reason = reason
    snapshot.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    project_id = Project.objects.filter(code=snapshot.project_code).values_list("pk", flat=True)
    audit_record(
        actor=actor,
        action="disclosure.withdraw",
        obj=snapshot,
        project_id=project_id.first(),
        summary=f"撤回公开 {snapshot.project_code} 第 {snapshot.version} 版",
        changes={"withdrawn_at": (None, snapshot.withdrawn_at)},
        reason=reason,
    )
    return snapshot
