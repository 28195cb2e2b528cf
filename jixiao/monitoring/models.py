"""Monitoring (运行监控, 双监控): rounds, per-project reports, indicator progress, warnings and
the in-app reminders sent to units.

A `MonitoringReport` row exists for every project of the round's year from the moment the round
opens; it carries the figures the bureau's overview reads (executed to the checkpoint, rate,
light, warning counts), written by the services that change them and by the bulk recompute,
never computed per row when a page is shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.accounts.models import Organisation
from jixiao.goals.models import Indicator
from jixiao.projects.models import MONEY, Project
from jixiao.workflow.states import Status


class RoundStatus(models.TextChoices):
    OPEN = "open", "填报中"
    CLOSED = "closed", "已结束"


class MonitoringRound(models.Model):
    """A monitoring round of one year at one checkpoint month (default 1–7月, the scheme's
    `monitoring_month`), with the units' deadline."""

    year = models.PositiveSmallIntegerField("年度")
    checkpoint_month = models.PositiveSmallIntegerField("监控截至月份")
    deadline = models.DateField("填报截止日期")
    status = models.CharField(
        "状态", max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    scheme_code = models.CharField("评分方案", max_length=40)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField("发起时间", auto_now_add=True)
    computed_at = models.DateTimeField("预警计算时间", null=True, blank=True)
    computed_on = models.DateField("预警计算所依据的日期", null=True, blank=True)

    class Meta:
        verbose_name = "监控轮次"
        verbose_name_plural = "监控轮次"
        ordering = ["-year", "-checkpoint_month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "checkpoint_month"], name="round_once"),
            models.CheckConstraint(
                condition=Q(checkpoint_month__gte=1) & Q(checkpoint_month__lte=12),
                name="round_month_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "2023年1-7月"."""
        return f"{self.year}年1-{self.checkpoint_month}月"

    @property
    def slug(self) -> str:
        """The round in URLs and on the command line: "2023-07"."""
        return f"{self.year}-{self.checkpoint_month:02d}"


class Likelihood(models.TextChoices):
    """完成目标可能性 (财预〔2019〕136号 附件, rules.md §2.3)."""

    CERTAIN = "确定能", "确定能"
    POSSIBLE = "有可能", "有可能"
    IMPOSSIBLE = "完全不可能", "完全不可能"


class DeviationCause(models.TextChoices):
    """偏差原因分析 (财预〔2019〕136号 附件; several may be ticked)."""

    FUNDING = "经费保障", "经费保障"
    RULES = "制度保障", "制度保障"
    STAFF = "人员保障", "人员保障"
    EQUIPMENT = "硬件条件保障", "硬件条件保障"
    OTHER = "其他", "其他"


class Stage(models.TextChoices):
    """Where a report stands, as the overview counts it."""

    NOT_STARTED = "not_started", "未开始"
    DRAFT = "draft", "填报中"
    SUBMITTED = "submitted", "已提交待审核"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已通过"


# Status → stage; a report with no `started_at` is "not started" whatever its status.
STAGE_OF_STATUS = {
    Status.DRAFT: Stage.DRAFT,
    Status.SUBMITTED: Stage.SUBMITTED,
    Status.HEAD_APPROVED: Stage.SUBMITTED,
    Status.DEPARTMENT_APPROVED: Stage.SUBMITTED,
    Status.ACCEPTED: Stage.APPROVED,
    Status.RETURNED: Stage.RETURNED,
    Status.REJECTED: Stage.RETURNED,
}


class MonitoringReport(models.Model):
    """A project's monitoring table in one round (项目支出绩效目标执行监控表).

    `unit` and `department` repeat the project's unit and its supervising department so the
    overview groups and filters without joins. The figures (`budget_initial` …
    `warning_count`) are written by `monitoring_report_refresh` and the round's bulk recompute.
    """

    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="reports")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="monitoring_reports"
    )
    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)
    started_at = models.DateTimeField("开始填报时间", null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    goal_progress_text = models.TextField("年度总体目标执行情况", blank=True)
    forecast_executed = models.DecimalField("全年预计执行数（元）", null=True, blank=True, **MONEY)
    budget_initial = models.DecimalField("年初预算数（元）", default=0, **MONEY)
    executed_to_checkpoint = models.DecimalField("截至监控月执行数（元）", default=0, **MONEY)
    execution_rate = models.DecimalField(
        "截至监控月执行率（%）", max_digits=9, decimal_places=2, null=True, blank=True
    )
    time_progress = models.DecimalField("序时进度（%）", max_digits=6, decimal_places=2, default=0)
    progress_ratio = models.DecimalField(
        "执行进度/序时进度（%）", max_digits=9, decimal_places=2, null=True, blank=True
    )
    light = models.CharField("执行预警灯", max_length=10, blank=True)
    warning_count = models.PositiveIntegerField("预警数", default=0)
    red_count = models.PositiveIntegerField("红色预警数", default=0)

    class Meta:
        verbose_name = "监控表"
        verbose_name_plural = "监控表"
        ordering = ["round", "project"]
        constraints = [
            models.UniqueConstraint(fields=["round", "project"], name="report_once_per_round")
        ]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["round", "unit"]),
            models.Index(fields=["round", "department"]),
            models.Index(fields=["round", "light"]),
        ]

    def __str__(self) -> str:
        return f"监控表 {self.round.slug} {self.project.code}"

    @property
    def stage(self) -> Stage:
        if self.started_at is None:
            return Stage.NOT_STARTED
        return STAGE_OF_STATUS[Status(self.status)]


class IndicatorProgress(models.Model):
    """One indicator's row in a monitoring table: progress to date, full-year forecast,
    偏差原因 (several), 完成目标可能性 and 备注."""

    report = models.ForeignKey(
        MonitoringReport, on_delete=models.CASCADE, related_name="indicator_rows"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    progress = models.DecimalField(
        "截至监控月执行情况", max_digits=18, decimal_places=4, null=True, blank=True
    )
    progress_band = models.CharField("截至监控月执行情况（定性）", max_length=40, blank=True)
    forecast = models.DecimalField(
        "全年预计完成情况", max_digits=18, decimal_places=4, null=True, blank=True
    )
    forecast_band = models.CharField("全年预计完成情况（定性）", max_length=40, blank=True)
    deviation_causes = models.JSONField("偏差原因分析", default=list, blank=True)
    likelihood = models.CharField(
        "完成目标可能性", max_length=10, choices=Likelihood.choices, blank=True
    )
    remarks = models.TextField("备注（原因及措施）", blank=True)

    class Meta:
        verbose_name = "指标执行情况"
        verbose_name_plural = "指标执行情况"
        ordering = ["report", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="progress_once")
        ]

    def __str__(self) -> str:
        return (
            f"{self.indicator} {self.progress if self.progress is not None else self.progress_band}"
        )


class MonitoringWarning(models.Model):
    """A stored warning (a `warning.*` finding) of one report, written by the recompute.

    `rank` orders red (0) before yellow (1); `unit` and `department` repeat the report's so the
    filters use one index each.
    """

    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="warnings")
    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="warnings")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rule = models.CharField("预警类型", max_length=40)
    colour = models.CharField("颜色", max_length=10)
    rank = models.PositiveSmallIntegerField("排序", default=1)
    subject = models.CharField("对象", max_length=200)
    message = models.TextField("说明")
    figures = models.JSONField("数据", default=dict)

    class Meta:
        verbose_name = "预警"
        verbose_name_plural = "预警"
        ordering = ["rank", "id"]
        indexes = [
            models.Index(fields=["round", "rank", "id"]),
            models.Index(fields=["round", "unit", "rank", "id"]),
            models.Index(fields=["round", "department", "rank", "id"]),
            models.Index(fields=["round", "rule", "rank", "id"]),
            models.Index(fields=["round", "colour", "rank", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.colour} {self.subject}"


class Message(models.Model):
    """An in-app message to a unit (e.g. a reminder to submit), shown to the unit's users."""

    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="messages")
    round = models.ForeignKey(
        MonitoringRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    created_at = models.DateTimeField("发送时间", auto_now_add=True)
    is_emailed = models.BooleanField("已发邮件", default=False)

    class Meta:
        verbose_name = "站内消息"
        verbose_name_plural = "站内消息"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"])]

    def __str__(self) -> str:
        return self.subject


class UnitSummary(models.Model):
    """The overview's figures of one unit in one round, precomputed from its reports, warnings
    and self-evaluations by `unit_summaries_refresh` (in the service that changes a report, and
    in bulk for a round), so the overview sums a few thousand unit rows instead of scanning
    every project. Stages, lights and rate buckets are columns (fixed enumerations); warning
    counts per "rule:colour" are a JSON object. Grades count self-evaluations of the round's
    year: `grades_sent_*` only those sent out to reviewers, `grades_all_*` every one (seen by
    the unit itself); 1–4 follow `jixiao.rules.GRADES` (优 良 中 差)."""

    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    projects = models.PositiveIntegerField(default=0)
    stage_not_started = models.PositiveIntegerField(default=0)
    stage_draft = models.PositiveIntegerField(default=0)
    stage_submitted = models.PositiveIntegerField(default=0)
    stage_returned = models.PositiveIntegerField(default=0)
    stage_approved = models.PositiveIntegerField(default=0)
    light_green = models.PositiveIntegerField(default=0)
    light_yellow = models.PositiveIntegerField(default=0)
    light_red = models.PositiveIntegerField(default=0)
    bucket_0 = models.PositiveIntegerField(default=0)
    bucket_1 = models.PositiveIntegerField(default=0)
    bucket_2 = models.PositiveIntegerField(default=0)
    bucket_3 = models.PositiveIntegerField(default=0)
    bucket_4 = models.PositiveIntegerField(default=0)
    bucket_5 = models.PositiveIntegerField(default=0)
    warned = models.PositiveIntegerField(default=0)
    budget = models.DecimalField(default=0, **MONEY)
    executed = models.DecimalField(default=0, **MONEY)
    warning_counts = models.JSONField(default=dict)
    grades_sent_1 = models.PositiveIntegerField(default=0)
    grades_sent_2 = models.PositiveIntegerField(default=0)
    grades_sent_3 = models.PositiveIntegerField(default=0)
    grades_sent_4 = models.PositiveIntegerField(default=0)
    grades_all_1 = models.PositiveIntegerField(default=0)
    grades_all_2 = models.PositiveIntegerField(default=0)
    grades_all_3 = models.PositiveIntegerField(default=0)
    grades_all_4 = models.PositiveIntegerField(default=0)
    score_sum_sent = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    score_count_sent = models.PositiveIntegerField(default=0)
    score_sum_all = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    score_count_all = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "单位监控汇总"
        verbose_name_plural = "单位监控汇总"
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="unit_summary_once")]
        indexes = [models.Index(fields=["round", "department"])]

    def __str__(self) -> str:
        return f"{self.round} {self.unit}"
