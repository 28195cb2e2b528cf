"""Organisations (finance bureau → supervising departments → units) and their users."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class OrganisationKind(models.TextChoices):
    BUREAU = "bureau", "财政局"
    DEPARTMENT = "department", "主管部门"
    UNIT = "unit", "预算单位"


class Organisation(models.Model):
    """A node of the organisation tree.

    `path` is a materialised path ("/1/4/17/") so that "every organisation below this one" is
    one indexed prefix query at any depth, without recursion.
    """

    name = models.CharField("名称", max_length=200)
    short_name = models.CharField("简称", max_length=60, blank=True)
    code = models.CharField("机构代码", max_length=40, unique=True)
    kind = models.CharField("类型", max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    major_decision_threshold = models.DecimalField(
        "三重一大金额标准（元）", max_digits=16, decimal_places=2, null=True, blank=True
    )
    is_demo = models.BooleanField("演示数据", default=False)
    inferences = models.JSONField(
        "推断说明",
        default=dict,
        blank=True,
        help_text="Facts not stated by the source document, field → note.",
    )

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    STAFF = "staff", "经办人"
    HEAD = "head", "单位负责人"
    SUPERVISOR = "supervisor", "主管部门审核人"
    REVIEWER = "reviewer", "财政局审核人"
    ADMIN = "admin", "系统管理员"


REVIEWER_ROLES = frozenset({Role.SUPERVISOR, Role.REVIEWER})


class User(AbstractUser):
    """A person who logs in, belonging to one organisation with one role."""

    full_name = models.CharField("姓名", max_length=60, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="所属机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.STAFF)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_reviewer(self) -> bool:
        return self.role in REVIEWER_ROLES
