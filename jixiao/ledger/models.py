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
