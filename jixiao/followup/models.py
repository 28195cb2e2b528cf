"""Result application (结果应用): follow-up decisions and rectification items (整改)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.accounts.models import Organisation
from jixiao.evaluation.models import SelfEvaluation
from jixiao.projects.models import MONEY, Project

PERCENT = {"max_digits": 7, "decimal_places": 2}


class FollowupAction(models.TextChoices):
    """The actions of jixiao.rules.followup.FollowupAction, with their Chinese labels."""

    PRIORITISE = "prioritise", "优先保障"
    SUPPORT = "support", "予以支持"
    IMPROVE = "improve", "完善政策、改进管理，根据情况核减预算"
    CUT = "cut", "按比例核减预算"
    SUSPEND = "suspend", "取消或暂停下年预算"
    HOLD_UNTIL_RECTIFIED = "hold_until_rectified", "相应调减预算或整改到位后再予安排"


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", "待财政局确认"
    CONFIRMED = "confirmed", "已确认"


class FollowupDecision(models.Model):
    """The follow-up of one accepted self-evaluation: what the rules proposed and what the
    finance bureau confirmed for next year's budget.

    The proposal fields are copied from `jixiao.rules.followup.followup_recommendation` with the
    table code and version; the confirmed fields are the bureau's. A reason is required when
    the bureau's action or adjustment differs from the proposal (`followup_confirm`).
    """

    evaluation = models.OneToOneField(
        SelfEvaluation, on_delete=models.PROTECT, related_name="followup"
    )
    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="followup")
    grade = models.CharField("评价等级", max_length=4)
    total = models.DecimalField("总分", max_digits=6, decimal_places=2, null=True, blank=True)
    category = models.CharField("项目类型", max_length=20)
    rectified = models.BooleanField("整改到位", null=True, blank=True)
    table_code = models.CharField("结果应用方案", max_length=40)
    table_version = models.PositiveIntegerField("方案版本")
    base_amount = models.DecimalField("本年全年预算数（元）", **MONEY)
    proposed_action = models.CharField("建议处理", max_length=30, choices=FollowupAction.choices)
    proposed_label = models.CharField("建议内容", max_length=200)
    proposed_adjustment = models.DecimalField("建议调整比例（%）", null=True, blank=True, **PERCENT)
    proposed_reason = models.TextField("建议依据")
    status = models.CharField(
        "状态", max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    action = models.CharField("确认处理", max_length=30, choices=FollowupAction.choices, blank=True)
    adjustment = models.DecimalField("确认调整比例（%）", null=True, blank=True, **PERCENT)
    next_year_amount = models.DecimalField("下年预算建议数（元）", null=True, blank=True, **MONEY)
    confirm_reason = models.TextField("调整理由", blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "结果应用决定"
        verbose_name_plural = "结果应用决定"
        ordering = ["project__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.PROPOSED)
                | (Q(confirmed_by__isnull=False) & Q(confirmed_at__isnull=False) & ~Q(action="")),
                name="followup_confirmed_has_who_and_what",
            ),
            models.CheckConstraint(
                condition=Q(adjustment__isnull=True) | Q(adjustment__gte=-100),
                name="followup_adjustment_not_below_minus_100",
            ),
        ]

    def __str__(self) -> str:
        return f"结果应用 {self.project.code}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == DecisionStatus.CONFIRMED


class RectificationStatus(models.TextChoices):
    OPEN = "open", "待整改"
    ANSWERED = "answered", "待财政局确认"
    ACCEPTED = "accepted", "已整改"
    REOPENED = "reopened", "已退回重新整改"


# Items the unit still has to answer: these become overdue after their deadline.
OPEN_RECTIFICATION_STATUSES = (RectificationStatus.OPEN, RectificationStatus.REOPENED)


class RectificationItem(models.Model):
    """A rectification item (整改事项) the bureau issues to a unit about one project.

    open → answered (the unit's measures, evidence optional) → accepted (closed) or reopened
    (back to the unit); `closed_on_time` is fixed when the bureau accepts.
    """

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="rectification_items"
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="rectification_items",
    )
    finding = models.TextField("发现问题")
    measure = models.TextField("整改要求")
    deadline = models.DateField("整改期限")
    status = models.CharField(
        "状态",
        max_length=20,
        choices=RectificationStatus.choices,
        default=RectificationStatus.OPEN,
    )
    answer = models.TextField("整改措施及成效", blank=True)
    evidence = models.ForeignKey(
        "ledger.Evidence",
        verbose_name="整改佐证材料",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_on = models.DateField("报送日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.TextField("财政局意见", blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_on_time = models.BooleanField("按期办结", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("下达时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(finding="") & ~Q(measure=""), name="rectification_has_text"
            ),
            models.CheckConstraint(
                condition=~Q(status=RectificationStatus.ACCEPTED)
                | (Q(closed_at__isnull=False) & Q(closed_on_time__isnull=False)),
                name="rectification_accepted_is_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"整改 {self.project.code} {self.finding[:20]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RECTIFICATION_STATUSES
