"""Report templates an administrator uploads, and the finance bureau's year-wide export jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class TemplateKind(models.TextChoices):
    """The documents whose Word layout an administrator may replace (PRODUCT.md §6)."""

    SELF_EVAL_REPORT = "self-eval-report", "绩效自评报告"
    SELF_EVAL_TABLE = "self-eval-table", "项目支出绩效自评表"
    GOAL_TABLE = "goal-table", "项目支出绩效目标申报表"


class TemplateName(models.TextChoices):
    """The outline of a report: the seed's seven parts or the national 附件3 outline."""

    SEED = "seed", "七部分提纲（示例自评报告）"
    NATIONAL = "national", "财预〔2020〕10号 附件3 提纲"


class ReportTemplate(models.Model):
    """An uploaded Word template (.docx) for one (kind, template) pair.

    The file is kept in the database (no file storage to back up or share between app servers).
    At most one template per pair is active; without an active one the shipped default is used.
    Rows are never deleted: replacing or restoring the default only deactivates, so the history
    of who uploaded what stays.
    """

    kind = models.CharField("报告类型", max_length=30, choices=TemplateKind.choices)
    template = models.CharField(
        "提纲", max_length=20, choices=TemplateName.choices, default=TemplateName.SEED
    )
    content = models.BinaryField("模板文件（.docx）")
    original_filename = models.CharField("原文件名", max_length=255)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "报告模板"
        verbose_name_plural = "报告模板"
        ordering = ["kind", "template", "-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "template"],
                condition=Q(is_active=True),
                name="report_template_one_active",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} · {self.get_template_display()} · {self.original_filename}"
        )


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


FINISHED_STATUSES = frozenset({ExportStatus.DONE, ExportStatus.FAILED})


class ExportJob(models.Model):
    """One request to export the reports of a year as one zip, worked off by the task queue.

    `scope` is the organisation whose units the requester could see when asking (null for an
    administrator, who sees every unit); the worker applies the requester's access again.
    `documents` lists the chosen "kind:format" pairs. `done`/`total` count files in the zip.
    `result_name` is the zip's file name under settings.DATA_DIR / "exports".
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("年度")
    scope = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="范围",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    documents = models.JSONField("导出文档", default=list)
    template = models.CharField(
        "自评报告提纲", max_length=20, choices=TemplateName.choices, default=TemplateName.SEED
    )
    status = models.CharField(
        "状态", max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    done = models.PositiveIntegerField("已完成文件数", default=0)
    total = models.PositiveIntegerField("文件总数", default=0)
    error = models.TextField("错误信息", blank=True)
    result_name = models.CharField("结果文件", max_length=255, blank=True)
    result_size = models.PositiveBigIntegerField("结果大小（字节）", default=0)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "报告导出任务"
        verbose_name_plural = "报告导出任务"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="export_job_year_range"
            ),
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="export_done_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"导出 #{self.pk} {self.year} 年 {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def percent(self) -> int:
        """Progress in whole percent (0 when nothing is counted yet)."""
        if self.total == 0:
            return 100 if self.status == ExportStatus.DONE else 0
        return self.done * 100 // self.total
