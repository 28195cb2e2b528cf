"""Append-only audit events: who changed what, when, from which value to which, and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One change, written by the service that made it, in the same transaction.

    `changes` maps a field name to `[old, new]` as strings. Rows are never updated or deleted:
    the model refuses `save()` on an existing row and `delete()`.
    """

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("操作", max_length=80)
    object_type = models.CharField("对象类型", max_length=60)
    object_id = models.CharField("对象编号", max_length=40)
    project_id = models.BigIntegerField("项目", null=True, blank=True, db_index=True)
    summary = models.CharField("摘要", max_length=300, blank=True)
    changes = models.JSONField("变更", default=dict, blank=True)
    reason = models.TextField("理由", blank=True)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("审计事件只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("审计事件只能追加，不能删除。")
