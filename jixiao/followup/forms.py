"""Forms of result application: confirm a follow-up, issue and answer rectification items."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from jixiao.followup.models import FollowupAction


class ConfirmForm(forms.Form):
    """The bureau's confirmation: action, adjustment percentage and (when changed) a reason."""

    action = forms.ChoiceField(label="处理方式", choices=FollowupAction.choices)
    adjustment = forms.DecimalField(
        label="下年预算调整比例（%）",
        max_digits=7,
        decimal_places=2,
        min_value=Decimal("-100"),
        max_value=Decimal("100"),
        help_text="负数为核减，例如 -10 表示核减 10%；不调整填 0。",
        error_messages={
            "required": "请填写下年预算调整比例（%），不调整填 0。",
            "invalid": "调整比例须是数字，例如 -10。",
            "min_value": "调整比例不能低于 -100%%。",
            "max_value": "调整比例不能高于 100%%。",
            "max_decimal_places": "调整比例最多两位小数。",
        },
    )
    reason = forms.CharField(
        label="调整理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IssueForm(forms.Form):
    """A rectification item issued by the bureau."""

    finding = forms.CharField(
        label="发现问题",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写发现的问题。"},
    )
    measure = forms.CharField(
        label="整改要求",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写整改要求。"},
    )
    deadline = forms.DateField(
        label="整改期限",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "请填写整改期限。",
            "invalid": "整改期限须是日期，如 2024-06-30。",
        },
    )


class AnswerForm(forms.Form):
    """The unit's answer with an optional evidence file."""

    answer = forms.CharField(
        label="整改措施及成效",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写整改措施及成效。"},
    )
    evidence = forms.FileField(label="佐证材料（可选）", required=False)


class ReviewForm(forms.Form):
    """The bureau's note when accepting or reopening an answer."""

    note = forms.CharField(
        label="财政局意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
