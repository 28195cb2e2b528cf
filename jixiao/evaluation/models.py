"""Self-evaluations (绩效自评): actual values, narrative sections and score snapshots."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.goals.models import Indicator
from jixiao.projects.models import Project
from jixiao.rules.vocabulary import QualitativeBand as RulesQualitativeBand
from jixiao.workflow.states import Status

# The three options of a qualitative 实际完成值 (rules.md §1.3), derived from the rules package.
QualitativeBand = models.TextChoices(
    "QualitativeBand",
    [(member.name, (member.value, member.value)) for member in RulesQualitativeBand],
)


NARRATIVE_FIELDS = (
    "actual_goal_text",
    "purpose_text",
    "organisation_text",
    "management_analysis_text",
    "results_analysis_text",
    "conclusion_text",
    "policy_suggestion_text",
    "management_suggestion_text",
    "performance_suggestion_text",
    "other_suggestion_text",
    "application_text",
)


class SelfEvaluation(models.Model):
    """A unit's year-end self-evaluation of one project.

    The score fields (`execution_score` … `grade`) repeat the latest `ScoreSnapshot`, written by
    `self_evaluation_score` in the same transaction, so lists never recompute scores.
    """

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="evaluation")
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)
    evaluated_on = models.DateField("评价日期", null=True, blank=True)
    actual_goal_text = models.TextField("年度总体目标实际完成情况", blank=True)
    purpose_text = models.TextField("绩效评价目的", blank=True)
    organisation_text = models.TextField("绩效评价实施过程", blank=True)
    management_analysis_text = models.TextField("项目管理绩效指标分析", blank=True)
    results_analysis_text = models.TextField("项目结果绩效情况分析", blank=True)
    conclusion_text = models.TextField("项目综合评价结论", blank=True)
    policy_suggestion_text = models.TextField("政策方面建议", blank=True)
    management_suggestion_text = models.TextField("项目管理方面建议", blank=True)
    performance_suggestion_text = models.TextField("绩效管理方面建议", blank=True)
    other_suggestion_text = models.TextField("其他方面建议", blank=True)
    application_text = models.TextField("绩效评价结果应用", blank=True)
    scheme_code = models.CharField("评分方案", max_length=40, blank=True)
    execution_score = models.DecimalField(
        "预算执行得分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    indicator_score = models.DecimalField(
        "指标得分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    total = models.DecimalField("总分", max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField("等级", max_length=4, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)

    class Meta:
        verbose_name = "绩效自评"
        verbose_name_plural = "绩效自评"
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"自评 {self.project.code}"


class IndicatorActual(models.Model):
    """The actual value (实际完成值) of one indicator in a self-evaluation."""

    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="actuals")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    actual = models.DecimalField(
        "实际完成值", max_digits=18, decimal_places=4, null=True, blank=True
    )
    band = models.CharField(
        "定性完成情况", max_length=40, choices=QualitativeBand.choices, blank=True
    )
    chosen_score = models.DecimalField(
        "定性得分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    deduction = models.DecimalField("超额调减分值", max_digits=6, decimal_places=2, default=0)
    deduction_reason = models.TextField("调减理由", blank=True)
    deviation_note = models.TextField("偏差原因分析及改进措施", blank=True)

    class Meta:
        verbose_name = "实际完成值"
        verbose_name_plural = "实际完成值"
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "indicator"], name="indicator_actual_once"
            ),
            models.CheckConstraint(condition=Q(deduction__gte=0), name="deduction_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} = {self.actual if self.actual is not None else self.band}"


class ScoreSnapshot(models.Model):
    """A stored score: the scheme that produced it, its inputs and its result. Append-only."""

    evaluation = models.ForeignKey(
        SelfEvaluation, on_delete=models.CASCADE, related_name="snapshots"
    )
    scheme_code = models.CharField("评分方案", max_length=40)
    scheme_version = models.PositiveIntegerField("方案版本")
    inputs = models.JSONField("输入")
    result = models.JSONField("结果")
    total = models.DecimalField("总分", max_digits=6, decimal_places=2)
    grade = models.CharField("等级", max_length=4)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "评分快照"
        verbose_name_plural = "评分快照"
        ordering = ["evaluation", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.scheme_code} {self.total} {self.grade}"
