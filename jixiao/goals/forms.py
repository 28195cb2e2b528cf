"""Forms of the goal editor: parse what was typed, name each problem in Chinese."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from jixiao.goals.models import AdjustableField, Comparator, Indicator, LibraryIndicator
from jixiao.goals.selectors import scheme_current
from jixiao.goals.services import IndicatorSpec, indicator_spec_of
from jixiao.rules.goal_checks import IndicatorDraft
from jixiao.rules.numbers import to_decimal


def _decimal(raw: str, message: str) -> Decimal | None:
    """Parse a number as people type it ("1,000.5", full-width digits); None when empty."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return to_decimal(text)
    except ValueError:
        raise forms.ValidationError(message, code="number") from None


def level1_choices() -> list[tuple[str, str]]:
    """The scheme's 一级指标."""
    return [("", "请选择")] + [(name, name) for name in scheme_current().level2_by_level1]


def level2_choices() -> list:
    """The scheme's 二级指标, grouped by 一级 (optgroups)."""
    tree = scheme_current().level2_by_level1
    return [("", "请选择")] + [
        (level1, [(level2, level2) for level2 in level2s]) for level1, level2s in tree.items()
    ]


class VersionForm(forms.Form):
    """The goal version the page was loaded with (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AnnualGoalForm(VersionForm):
    annual_goal = forms.CharField(
        label="年度总体目标",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class IndicatorForm(VersionForm):
    """One indicator as typed. ``spec()`` gives the IndicatorSpec for the services and
    ``draft()`` the IndicatorDraft for the live goal checks."""

    level1 = forms.ChoiceField(label="一级指标", choices=())
    level2 = forms.ChoiceField(label="二级指标", choices=())
    name = forms.CharField(label="三级指标", max_length=200)
    comparator = forms.ChoiceField(label="比较符", choices=Comparator.choices)
    target = forms.CharField(label="指标值", required=False, max_length=40)
    target_text = forms.CharField(label="指标值（定性）", required=False, max_length=200)
    measure_unit = forms.CharField(label="计量单位", required=False, max_length=20)
    weight = forms.CharField(label="分值", max_length=20)
    standard = forms.CharField(
        label="评价标准", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    method = forms.CharField(
        label="评价方法", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    basis = forms.CharField(label="指标值设定依据", required=False, max_length=300)

    def __init__(self, *args, check_url: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level1"].choices = level1_choices()
        self.fields["level2"].choices = level2_choices()
        self.fields["weight"].error_messages["required"] = "请填写分值。"
        self.fields["name"].error_messages["required"] = "请填写三级指标名称。"
        self.fields["level1"].error_messages["required"] = "请选择一级指标。"
        self.fields["level2"].error_messages["required"] = "请选择二级指标。"
        for name, field in self.fields.items():
            if name == "version":
                continue
            field.widget.attrs["id"] = f"{self.prefix or 'indicator'}-{name}"
            if check_url:
                # The live findings panel: post the draft to the check endpoint as the user
                # types (nothing is saved there).
                field.widget.attrs.update(
                    {
                        "hx-post": check_url,
                        "hx-trigger": "input changed delay:500ms, change",
                        "hx-target": "#goal-findings",
                        "hx-swap": "outerHTML",
                        "hx-include": "closest form",
                        # One check at a time: a newer draft aborts an older request, so a
                        # late answer never replaces the findings of what was typed last.
                        "hx-sync": "#goal-findings:replace",
                    }
                )

    def clean_target(self) -> Decimal | None:
        return _decimal(self.cleaned_data.get("target", ""), "指标值必须是数字。")

    def clean_weight(self) -> Decimal | None:
        return _decimal(self.cleaned_data.get("weight", ""), "分值必须是数字。")

    def spec(self) -> IndicatorSpec:
        """The indicator as the services take it (call after ``is_valid()``)."""
        data = self.cleaned_data
        return IndicatorSpec(
            level1=data["level1"],
            level2=data["level2"],
            name=data["name"],
            comparator=Comparator(data["comparator"]),
            weight=data["weight"],
            target=data.get("target"),
            target_text=data.get("target_text", ""),
            measure_unit=data.get("measure_unit", ""),
            standard=data.get("standard", ""),
            method=data.get("method", ""),
            basis=data.get("basis", ""),
        )

    def draft(self) -> IndicatorDraft:
        """The indicator as the goal checks read it, from what parses so far (a number that
        does not parse counts as missing; the form shows its error beside the findings)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        raw = self.data
        prefix = f"{self.prefix}-" if self.prefix else ""
        return IndicatorDraft(
            name=(data.get("name") or raw.get(f"{prefix}name", "")).strip(),
            level1=data.get("level1") or raw.get(f"{prefix}level1", ""),
            level2=data.get("level2") or raw.get(f"{prefix}level2", ""),
            comparator=data.get("comparator") or raw.get(f"{prefix}comparator", "") or "≥",
            target=data.get("target"),
            target_text=data.get("target_text", ""),
            measure_unit=data.get("measure_unit", ""),
            weight=data.get("weight"),
            standard=data.get("standard", ""),
            method=data.get("method", ""),
        )


def indicator_initial(indicator: Indicator) -> dict:
    """The edit form's initial values of a stored indicator."""
    spec = indicator_spec_of(indicator)
    return _initial_of(spec)


def library_initial(entry: LibraryIndicator) -> dict:
    """The add form's initial values from a library entry (weight left to the user)."""
    return {
        "level1": entry.level1,
        "level2": entry.level2,
        "name": entry.name,
        "comparator": entry.comparator,
        "target": _plain(entry.typical_target),
        "target_text": entry.target_text,
        "measure_unit": entry.measure_unit,
        "standard": entry.standard,
        "method": entry.method,
        "basis": entry.basis,
    }


def _initial_of(spec: IndicatorSpec) -> dict:
    return {
        "level1": spec.level1,
        "level2": spec.level2,
        "name": spec.name,
        "comparator": spec.comparator,
        "target": _plain(spec.target),
        "target_text": spec.target_text,
        "measure_unit": spec.measure_unit,
        "weight": _plain(spec.weight),
        "standard": spec.standard,
        "method": spec.method,
        "basis": spec.basis,
    }


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


class AdjustmentForm(forms.Form):
    """A request to change one value of an accepted indicator."""

    indicator = forms.TypedChoiceField(label="指标", coerce=int, choices=())
    field = forms.ChoiceField(label="调整内容", choices=AdjustableField.choices)
    new_value = forms.CharField(label="调整为", max_length=200, required=False)
    reason = forms.CharField(
        label="调整理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, indicators=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "请选择")] + [
            (indicator.pk, f"{indicator.position}. {indicator.name}") for indicator in indicators
        ]
        self.fields["indicator"].error_messages["required"] = "请选择要调整的指标。"
        self.fields["reason"].error_messages["required"] = "请填写调整理由。"
        suffix = self.prefix or "adjustment"
        for name, field in self.fields.items():
            field.widget.attrs["id"] = f"{suffix}-{name}"
