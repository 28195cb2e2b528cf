"""The project registry: projects, their funding sources and policy basis."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q

from jixiao.accounts.models import Organisation

MONEY = {"max_digits": 16, "decimal_places": 2}


class Category(models.TextChoices):
    RECURRENT = "recurrent", "常年性"
    CONTINUING = "continuing", "延续性"
    ONE_OFF = "one_off", "一次性"


class FundingKind(models.TextChoices):
    """The 其中 rows of the 自评表 (rules.md §2.1)."""

    CURRENT = "current", "当年财政拨款"
    CARRYOVER = "carryover", "上年结转资金"
    OTHER = "other", "其他资金"


class Project(models.Model):
    """A project of one unit in one fiscal year.

    `budget_initial`, `budget_full_year` and `executed` are kept by the services that change
    funding sources and ledger entries (never computed per row in a list), so lists and the
    bureau overview read them directly.
    """

    unit = models.ForeignKey(
        Organisation, verbose_name="预算单位", on_delete=models.PROTECT, related_name="projects"
    )
    year = models.PositiveSmallIntegerField("年度")
    code = models.CharField("项目编码", max_length=40, unique=True)
    name = models.CharField("项目名称", max_length=200)
    category = models.CharField(
        "项目类型", max_length=20, choices=Category.choices, default=Category.RECURRENT
    )
    background = models.TextField("项目背景", blank=True)
    policy_basis_intro = models.TextField("政策依据说明", blank=True)
    period_start = models.DateField("实施期起", null=True, blank=True)
    period_end = models.DateField("实施期止", null=True, blank=True)
    budget_initial = models.DecimalField("年初预算数（元）", default=Decimal(0), **MONEY)
    budget_full_year = models.DecimalField("全年预算数（元）", default=Decimal(0), **MONEY)
    executed = models.DecimalField("全年执行数（元）", default=Decimal(0), **MONEY)
    execution_rate = models.DecimalField(
        "预算执行率（%）", max_digits=9, decimal_places=2, null=True, blank=True
    )
    is_demo = models.BooleanField("演示数据", default=False)
    inferences = models.JSONField("推断说明", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["-year", "code"]
        indexes = [models.Index(fields=["year", "unit"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="project_year_range"
            ),
            models.CheckConstraint(
                condition=Q(budget_initial__gte=0) & Q(budget_full_year__gte=0),
                name="project_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class FundingSource(models.Model):
    """One funding source of a project with its initial and full-year amounts (元)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_sources")
    kind = models.CharField("资金来源", max_length=20, choices=FundingKind.choices)
    initial_amount = models.DecimalField("年初预算数（元）", **MONEY)
    full_year_amount = models.DecimalField("全年预算数（元）", **MONEY)

    class Meta:
        verbose_name = "资金来源"
        verbose_name_plural = "资金来源"
        ordering = ["project", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="funding_source_once"),
            models.CheckConstraint(
                condition=Q(initial_amount__gte=0) & Q(full_year_amount__gte=0),
                name="funding_source_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.full_year_amount}"


class PolicyBasisItem(models.Model):
    """One numbered item of a project's policy basis (项目政策依据)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="policy_items")
    position = models.PositiveSmallIntegerField("序号")
    text = models.TextField("内容")

    class Meta:
        verbose_name = "政策依据"
        verbose_name_plural = "政策依据"
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="policy_item_position")
        ]

    def __str__(self) -> str:
        return f"({self.position}) {self.text[:30]}"
