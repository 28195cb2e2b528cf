"""Forms of the project pages: a new project, and its funding sources."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError

from jixiao.projects.models import Category, FundingKind
from jixiao.projects.services import FundingInput
from jixiao.rules.ledger_checks import amount_problem

AMOUNT_WIDGET = {"inputmode": "decimal", "placeholder": "如 100,000.00"}


class FundingFieldsMixin:
    """Two amount fields (年初预算数, 全年预算数) per funding source; a source left blank on
    both is not used. `funding()` returns the FundingInput list once the form is valid."""

    def add_funding_fields(self, initial: dict[str, tuple] | None = None) -> None:
        initial = initial or {}
        for kind in FundingKind:
            amounts = initial.get(kind.value, ("", ""))
            for part, label, value in (
                ("initial", "年初预算数（元）", amounts[0]),
                ("full_year", "全年预算数（元）", amounts[1]),
            ):
                self.fields[f"{kind.value}_{part}"] = forms.CharField(
                    label=f"{kind.label} {label}",
                    required=False,
                    max_length=40,
                    initial=value,
                    widget=forms.TextInput(
                        attrs={**AMOUNT_WIDGET, "aria-label": f"{kind.label} {label}"}
                    ),
                )

    def clean_funding(self) -> list[FundingInput]:
        funding = []
        for kind in FundingKind:
            names = (f"{kind.value}_initial", f"{kind.value}_full_year")
            texts = [(self.cleaned_data.get(name) or "").strip() for name in names]
            if not any(texts):
                continue
            values = []
            for name, text in zip(names, texts, strict=True):
                if not text:
                    self.add_error(name, f"请同时填写{kind.label}的年初预算数和全年预算数。")
                    continue
                value, problem = amount_problem(text, allow_zero=True)
                if problem:
                    self.add_error(name, problem)
                values.append(value)
            if len(values) == 2 and None not in values:
                funding.append(FundingInput(kind, values[0], values[1]))
        if not funding and not self.errors:
            raise ValidationError("请至少填写一项资金来源的年初预算数和全年预算数。")
        return funding

    def funding_rows(self):
        """(label, initial field, full-year field) per funding source, for the template."""
        return [
            (kind.label, self[f"{kind.value}_initial"], self[f"{kind.value}_full_year"])
            for kind in FundingKind
        ]


class ProjectForm(FundingFieldsMixin, forms.Form):
    name = forms.CharField(
        label="项目名称", max_length=200, error_messages={"required": "请填写项目名称。"}
    )
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "请填写年度。",
            "invalid": "年度应为四位数字，如 2024。",
            "min_value": "年度应在 2000 至 2100 之间。",
            "max_value": "年度应在 2000 至 2100 之间。",
        },
    )
    category = forms.ChoiceField(label="项目类型", choices=Category.choices)
    background = forms.CharField(
        label="项目背景", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    policy_items = forms.CharField(
        label="政策依据（每行一条）", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = datetime.date.today().year
        self.add_funding_fields()

    def clean(self):
        cleaned = super().clean()
        cleaned["funding"] = self.clean_funding()
        cleaned["policy_items"] = [
            line.strip()
            for line in (cleaned.get("policy_items") or "").splitlines()
            if line.strip()
        ]
        return cleaned

    def main_fields(self):
        return [self[name] for name in ("name", "year", "category", "background", "policy_items")]


class FundingForm(FundingFieldsMixin, forms.Form):
    reason = forms.CharField(label="修改理由", max_length=300, required=False)

    def __init__(self, *args, initial_funding: dict[str, tuple] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_funding_fields(initial_funding)

    def clean(self):
        cleaned = super().clean()
        cleaned["funding"] = self.clean_funding()
        return cleaned
