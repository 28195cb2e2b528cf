"""The expenditure ledger (资金使用明细): append-only entries, corrections as reversals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.projects.models import MONEY, FundingKind, Project


class LedgerEntry(models.Model):
    """One expenditure of a project (元). Never edited: a wrong entry is reversed by another
    entry of the opposite amount that points to it (`reverses`)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="ledger_entries")
    date = models.DateField("日期")
    purpose = models.CharField("资金用途", max_length=300)
    amount = models.DecimalField("金额（元）", **MONEY)
    funding_kind = models.CharField(
        "资金来源", max_length=20, choices=FundingKind.choices, default=FundingKind.CURRENT
    )
    voucher = models.CharField("凭证号", max_length=60, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name="冲销的记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "资金使用记录"
        verbose_name_plural = "资金使用记录"
        ordering = ["project", "date", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_amount_not_zero"),
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(reverses__isnull=False),
                name="ledger_negative_only_as_reversal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.purpose} {self.amount}"


class MajorDecision(models.Model):
    """A 三重一大 collective decision (集体决策) and the ledger entries it authorises.

    The minutes (会议纪要) are an `Evidence` file pointing back here (`evidence.decision`).
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="major_decisions")
    date = models.DateField("决策日期")
    meeting = models.CharField("会议名称", max_length=200)
    attendees = models.TextField("参会人员")
    matter = models.TextField("决策事项")
    decision = models.TextField("决策结果")
    entries = models.ManyToManyField(
        LedgerEntry, verbose_name="授权的支出", related_name="major_decisions", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "三重一大决策"
        verbose_name_plural = "三重一大决策"
        ordering = ["project", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.meeting}"


class Evidence(models.Model):
    """An evidence file (佐证材料) of a project, optionally of one indicator or one decision.

    The file lives under MEDIA_ROOT with a random name (never served by whitenoise or a URL of
    its own); the download view streams it to users who may see the project.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="evidence")
    indicator = models.ForeignKey(
        "goals.Indicator",
        verbose_name="绩效指标",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
    )
    decision = models.ForeignKey(
        MajorDecision,
        verbose_name="三重一大决策",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    file = models.FileField("文件", max_length=200)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=120)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    description = models.CharField("说明", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["project", "uploaded_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(size__gt=0), name="evidence_not_empty")]

    def __str__(self) -> str:
        return self.original_name
