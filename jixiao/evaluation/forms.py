"""Parsing the self-evaluation entry forms: one row per indicator, and the narratives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django import forms

from jixiao.evaluation.models import QualitativeBand, SelfEvaluation
from jixiao.evaluation.services import ActualInput
from jixiao.goals.models import Comparator, Indicator
from jixiao.rules import to_decimal


@dataclass
class ActualRows:
    """What was typed in the indicator table: parsed values, per-row input errors, the raw
    texts (to show them back unchanged) and the version the form was loaded at."""

    entries: dict[int, ActualInput] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    raw: dict[int, dict[str, str]] = field(default_factory=dict)
    version: int | None = None
    version_error: str = ""


def parse_actual_rows(indicators: list[Indicator], data: Mapping[str, str]) -> ActualRows:
    """Read `actual-<id>`, `band-<id>`, `score-<id>`, `note-<id>` and `version` from `data`."""
    rows = ActualRows()
    raw_version = (data.get("version") or "").strip()
    if raw_version.isdigit():
        rows.version = int(raw_version)
    else:
        rows.version_error = "表单缺少版本号，请刷新页面后重试。"
    for indicator in indicators:
        key = indicator.pk
        texts = {
            name: (data.get(f"{name}-{key}") or "").strip()
            for name in ("actual", "band", "score", "note")
        }
        rows.raw[key] = texts
        try:
            if indicator.comparator == Comparator.QUALITATIVE:
                if texts["band"] and texts["band"] not in QualitativeBand.values:
                    raise ValueError("定性完成情况应为三档之一。")
                rows.entries[key] = ActualInput(
                    band=texts["band"],
                    chosen_score=_number(texts["score"], "得分"),
                    deviation_note=texts["note"],
                )
            else:
                rows.entries[key] = ActualInput(
                    actual=_number(texts["actual"], "实际完成值"), deviation_note=texts["note"]
                )
        except ValueError as error:
            rows.errors[key] = str(error)
    return rows


def _number(text: str, label: str):
    if not text:
        return None
    try:
        return to_decimal(text)
    except ValueError as error:
        raise ValueError(f"{label}：{error}") from None


class NarrativeForm(forms.Form):
    """The narrative sections of a self-evaluation, labelled as in the model, and the version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, sections: list[tuple[str, str, bool]], **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, is_required in sections:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="报送前必填" if is_required else "",
            )

    @staticmethod
    def initial_for(evaluation: SelfEvaluation, sections) -> dict[str, object]:
        initial: dict[str, object] = {"version": evaluation.version}
        for name, _label, _required in sections:
            initial[name] = getattr(evaluation, name)
        return initial
