"""Decisions: every move of the one transition table, append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.workflow.kinds import KIND_CHOICES
from jixiao.workflow.states import Action, Status


class Decision(models.Model):
    """One move of an object through the workflow: who, when, from which status to which, with
    which result and why. Written by `transition_apply` only; never updated or deleted.

    `version` is the object's version the move was taken on. The unique constraint on
    (kind, object_id, version) is the database's guard that two people cannot both decide the
    same state of one object (one open approval per object at a time), even where row locks
    are weak (SQLite).
    """

    kind = models.CharField("事项类型", max_length=30, choices=KIND_CHOICES)
    object_id = models.PositiveBigIntegerField("事项编号")
    version = models.PositiveIntegerField("事项版本")
    project = models.ForeignKey(
        "projects.Project",
        verbose_name="项目",
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    action = models.CharField("操作", max_length=30, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=30, choices=Status.choices)
    to_status = models.CharField("新状态", max_length=30, choices=Status.choices)
    result = models.CharField("审核结果", max_length=4, blank=True)
    reason = models.TextField("理由", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        related_name="workflow_decisions",
    )
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "version"], name="decision_once_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(result__in=["", "优", "良", "中", "差"]),
                name="decision_result_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}#{self.object_id} {self.get_action_display()}"

    @property
    def summary(self) -> str:
        """One Chinese line: "绩效目标：财政审核（待财政审核 → 已通过），审核结果 优"."""
        text = (
            f"{self.get_kind_display()}：{self.get_action_display()}"
            f"（{self.get_from_status_display()} → {self.get_to_status_display()}）"
        )
        return f"{text}，审核结果 {self.result}" if self.result else text
