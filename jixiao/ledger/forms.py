"""Forms of the ledger pages: an entry, a reversal, a 三重一大 decision, an evidence file."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from jixiao.goals.models import Indicator
from jixiao.ledger.models import LedgerEntry
from jixiao.projects.models import FundingKind, Project
from jixiao.rules.ledger_checks import amount_problem

DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式应为 年-月-日，如 2023-03-08。"}


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LedgerEntryForm(forms.Form):
    date = forms.DateField(label="日期", widget=DateInput(), error_messages=DATE_ERRORS)
    purpose = forms.CharField(
        label="资金用途", max_length=300, error_messages={"required": "请填写资金用途。"}
    )
    amount = forms.CharField(
        label="金额（元）",
        max_length=40,
        error_messages={"required": "请填写金额。"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "如 1,000.50"}),
    )
    funding_kind = forms.ChoiceField(
        label="资金来源", choices=FundingKind.choices, initial=FundingKind.CURRENT
    )
    voucher = forms.CharField(label="凭证号", max_length=60, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)

    def clean_amount(self):
        value, problem = amount_problem(self.cleaned_data["amount"])
        if problem:
            raise ValidationError(problem)
        return value


class LedgerReverseForm(forms.Form):
    reason = forms.CharField(
        label="冲销理由", max_length=300, error_messages={"required": "冲销必须说明理由。"}
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("冲销必须说明理由。")
        return reason


class MajorDecisionForm(forms.Form):
    date = forms.DateField(label="决策日期", widget=DateInput(), error_messages=DATE_ERRORS)
    meeting = forms.CharField(
        label="会议名称", max_length=200, error_messages={"required": "请填写会议名称。"}
    )
    attendees = forms.CharField(
        label="参会人员",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写参会人员。"},
    )
    matter = forms.CharField(
        label="决策事项",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写决策事项。"},
    )
    decision = forms.CharField(
        label="决策结果",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写决策结果。"},
    )
    entries = forms.ModelMultipleChoiceField(
        label="授权的支出",
        queryset=LedgerEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "所选支出记录不属于本项目。"},
    )
    minutes = forms.FileField(label="会议纪要（佐证材料）", required=False, allow_empty_file=True)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        entries = self.fields["entries"]
        entries.queryset = LedgerEntry.objects.filter(
            project=project, reverses__isnull=True, reversed_by__isnull=True
        ).order_by("date", "id")
        entries.label_from_instance = lambda e: f"{e.date:%Y-%m-%d} {e.purpose} {e.amount} 元"


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="文件", allow_empty_file=True, error_messages={"required": "请选择要上传的文件。"}
    )
    indicator = forms.ModelChoiceField(
        label="关联绩效指标",
        queryset=Indicator.objects.none(),
        required=False,
        empty_label="（不关联指标）",
        error_messages={"invalid_choice": "所选指标不属于本项目。"},
    )
    description = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        indicator.queryset = Indicator.objects.filter(goal__project=project).order_by("position")
        indicator.label_from_instance = lambda i: f"{i.position}. {i.level2} · {i.name}"
