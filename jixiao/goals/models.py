"""Performance goals: the annual goal and the three-level indicator tree."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.projects.models import Project
from jixiao.rules.vocabulary import Comparator as RulesComparator
from jixiao.workflow.states import Status

# Stored with the symbols of rules.md §4.2. The vocabulary is the rules package's; the model
# choices are derived from it so the two can never disagree.
Comparator = models.TextChoices(
    "Comparator", [(member.name, (member.value, member.value)) for member in RulesComparator]
)


class Goal(models.Model):
    """A project's performance goal (绩效目标): the annual goal text and its indicators."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="goal")
    annual_goal = models.TextField("年度总体目标", blank=True)
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "绩效目标"
        verbose_name_plural = "绩效目标"

    def __str__(self) -> str:
        return f"绩效目标 {self.project.code}"


class Indicator(models.Model):
    """A 三级 indicator with its 一级 and 二级 categories, target and weight."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField("序号")
    level1 = models.CharField("一级指标", max_length=40)
    level2 = models.CharField("二级指标", max_length=40)
    name = models.CharField("三级指标", max_length=200)
    comparator = models.CharField("比较符", max_length=4, choices=Comparator.choices)
    target = models.DecimalField("指标值", max_digits=18, decimal_places=4, null=True, blank=True)
    target_text = models.CharField("指标值（定性）", max_length=200, blank=True)
    measure_unit = models.CharField("计量单位", max_length=20, blank=True)
    weight = models.DecimalField("分值", max_digits=6, decimal_places=2)
    standard = models.TextField("评价标准", blank=True)
    method = models.TextField("评价方法", blank=True)
    basis = models.CharField("指标值设定依据", max_length=300, blank=True)
    inferences = models.JSONField("推断说明", default=dict, blank=True)

    class Meta:
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ["goal", "position"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "position"], name="indicator_position"),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=100), name="indicator_weight_range"
            ),
            models.CheckConstraint(
                condition=Q(comparator__in=[c.value for c in Comparator]),
                name="indicator_comparator_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def target_display(self) -> str:
        """The 年度指标值 as printed in the tables: "=100%", "≥500人次" or the qualitative text."""
        if self.comparator == Comparator.QUALITATIVE:
            return self.target_text or "定性"
        if self.target is None:
            return ""
        return f"{self.comparator}{decimal_plain(self.target)}{self.measure_unit}"


def decimal_plain(value) -> str:
    """A Decimal without trailing zeros, in plain notation: 100.0000 → "100", 12.50 → "12.5"."""
    return format(value.normalize(), "f")


class AdjustableField(models.TextChoices):
    """The parts of an accepted indicator that an adjustment request may change."""

    TARGET = "target", "指标值"
    TARGET_TEXT = "target_text", "指标值（定性）"
    WEIGHT = "weight", "分值"
    COMPARATOR = "comparator", "比较符"
    MEASURE_UNIT = "measure_unit", "计量单位"


# An adjustment is open while it waits for a decision (statuses of jixiao.workflow.states).
OPEN_ADJUSTMENT_STATUSES = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.HEAD_APPROVED,
    Status.DEPARTMENT_APPROVED,
    Status.RETURNED,
)


class GoalAdjustment(models.Model):
    """A request to change one value of an accepted goal's indicator (绩效目标调整).

    rules.md §4.5 (S8 第二十八条): once approved, a goal is not changed except through the
    approval procedure. The request carries the value as it was when requested and the value
    asked for, both as text; it is approved like the goal (jixiao.workflow) and applied by
    ``goal_adjustment_apply`` when accepted, which records both values in the audit history.
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="adjustments")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="adjustments")
    field = models.CharField("调整内容", max_length=20, choices=AdjustableField.choices)
    old_value = models.CharField("原值", max_length=200, blank=True)
    new_value = models.CharField("调整为", max_length=200, blank=True)
    reason = models.TextField("调整理由")
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    applied_at = models.DateTimeField("生效时间", null=True, blank=True)

    class Meta:
        verbose_name = "绩效目标调整申请"
        verbose_name_plural = "绩效目标调整申请"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "field"],
                condition=Q(status__in=[s.value for s in OPEN_ADJUSTMENT_STATUSES]),
                name="goal_adjustment_one_open_per_field",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="goal_adjustment_reason_required"),
        ]

    def __str__(self) -> str:
        return f"调整 {self.indicator.name} {self.get_field_display()}"


class LibraryIndicator(models.Model):
    """A common indicator to pick from (指标库), filed by 一级 and 二级 category."""

    level1 = models.CharField("一级指标", max_length=40)
    level2 = models.CharField("二级指标", max_length=40, db_index=True)
    name = models.CharField("三级指标", max_length=200)
    comparator = models.CharField("比较符", max_length=4, choices=Comparator.choices)
    measure_unit = models.CharField("计量单位", max_length=20, blank=True)
    typical_target = models.DecimalField(
        "常用指标值", max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_text = models.CharField("指标值（定性）", max_length=200, blank=True)
    standard = models.TextField("评价标准", blank=True)
    method = models.TextField("评价方法", blank=True)
    basis = models.CharField("指标值设定依据", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("序号", default=0)

    class Meta:
        verbose_name = "指标库指标"
        verbose_name_plural = "指标库"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["level2", "name"], name="library_indicator_once")
        ]

    def __str__(self) -> str:
        return f"{self.level2} · {self.name}"
