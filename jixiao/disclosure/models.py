"""Disclosure (信息公开): publications and the immutable snapshots the public portal reads.

A snapshot copies everything the public sees (project facts, funding, goal, self-evaluation,
report HTML) at publish time and never refers to a live row afterwards: the portal reads these
tables only. Withdrawing sets `withdrawn_*`; re-publishing adds a new version and marks the
previous one superseded. Nothing is ever deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Publication(models.Model):
    """One act of publishing: a year, all units in reach or one unit, by whom, and what was
    withheld with which reason."""

    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField("范围", max_length=200)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    withheld_reason = models.TextField("不公开理由", blank=True)

    class Meta:
        verbose_name = "公开批次"
        verbose_name_plural = "公开批次"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.year} 年 {self.scope} 公开"


class WithheldItem(models.Model):
    """A project left out of a publication on purpose, with the reason."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="withheld")
    project_code = models.CharField("项目编码", max_length=40)
    project_name = models.CharField("项目名称", max_length=200)
    reason = models.TextField("不公开理由")

    class Meta:
        verbose_name = "不公开事项"
        verbose_name_plural = "不公开事项"
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="withheld_item_reason_required")
        ]

    def __str__(self) -> str:
        return f"不公开 {self.project_code}"


class SnapshotQuerySet(models.QuerySet):
    def public(self) -> SnapshotQuerySet:
        """The snapshots the portal shows: the latest version of each project, not withdrawn."""
        return self.filter(superseded_at__isnull=True, withdrawn_at__isnull=True)


class PublishedSnapshot(models.Model):
    """The published goal and self-evaluation of one project, as they were at publish time.

    The columns repeat what the portal lists and searches (year, unit, name, score), the
    `payload` holds the whole record (schema in docs/open-data.md), `report_html` the 自评报告
    as rendered at publish time (empty when no self-evaluation was published).
    """

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="snapshots")
    year = models.PositiveSmallIntegerField("年度")
    project_code = models.CharField("项目编码", max_length=40)
    project_name = models.CharField("项目名称", max_length=200)
    unit_code = models.CharField("单位代码", max_length=40)
    unit_name = models.CharField("单位名称", max_length=200)
    department_name = models.CharField("主管部门", max_length=200, blank=True)
    version = models.PositiveIntegerField("版本")
    has_goal = models.BooleanField("含绩效目标")
    has_evaluation = models.BooleanField("含绩效自评")
    total = models.DecimalField("总分", max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField("等级", max_length=4, blank=True)
    payload = models.JSONField("公开内容")
    report_html = models.TextField("自评报告 HTML", blank=True)
    published_at = models.DateTimeField("发布时间")
    superseded_at = models.DateTimeField("被新版本取代时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤回人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_reason = models.TextField("撤回理由", blank=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = "公开快照"
        verbose_name_plural = "公开快照"
        ordering = ["year", "unit_code", "project_code", "-version"]
        indexes = [
            models.Index(fields=["year", "unit_code"]),
            models.Index(fields=["project_code", "version"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project_code", "version"], name="snapshot_version_once"
            ),
            models.UniqueConstraint(
                fields=["project_code"],
                condition=Q(superseded_at__isnull=True),
                name="snapshot_one_latest_per_project",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True)
                | (Q(withdrawn_by__isnull=False) & ~Q(withdrawn_reason="")),
                name="snapshot_withdrawal_has_who_and_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_code} 第 {self.version} 版"

    @property
    def is_public(self) -> bool:
        return self.superseded_at is None and self.withdrawn_at is None
