"""The preview's correct-and-confirm form: parse what the user typed over the extraction."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import replace

from django import forms
from django.conf import settings

from jixiao.ingest.extract import FIELD_LABELS, Extraction, Field
from jixiao.rules.numbers import to_decimal
from jixiao.rules.textnum import Confidence, find_dates

# The fields the form shows for correction, in this order.
EDITABLE = (
    "project_name",
    "department",
    "unit",
    "year",
    "budget_initial",
    "budget_full_year",
    "executed",
    "execution_rate",
    "execution_score",
    "total",
    "grade",
    "report_date",
    "annual_goal",
)
INDICATOR_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score")
INDICATOR_LABELS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
}
_DECIMALS = {
    "budget_initial",
    "budget_full_year",
    "executed",
    "execution_rate",
    "execution_score",
    "total",
    "weight",
    "score",
}
CONFIRMED = "人工核对"


class UploadForm(forms.Form):
    """The file to import and the unit it belongs to."""

    file = forms.FileField(label="文件（XLSX、DOCX、PDF 或 TXT）")
    unit = forms.ChoiceField(label="所属预算单位")

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.code, unit.name) for unit in units]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size} 字节），上限为 {settings.UPLOAD_MAX_BYTES} 字节。"
            )
        return upload


def shown(item: Field | None) -> str:
    """A field's value as the form shows it."""
    if item is None or item.value is None:
        return ""
    value = item.to_dict()["value"]
    return str(value)


def _parse(name: str, label: str, text: str) -> tuple[object, str]:
    """Return (value, error) for one typed value."""
    if name in _DECIMALS:
        try:
            return to_decimal(text), ""
        except ValueError as error:
            return None, f"“{label}”：{error}"
    if name == "year":
        if not text.isdigit() or not 2000 <= int(text) <= 2100:
            return None, f"“{label}”应为 2000 到 2100 之间的年份。"
        return int(text), ""
    if name == "report_date":
        try:
            return datetime.date.fromisoformat(text), ""
        except ValueError:
            dates = find_dates(text)
            if len(dates) == 1:
                return dates[0][0], ""
            return None, f"“{label}”应写作 2023-12-31 或 2023年12月31日。"
    return text, ""


def _corrected(original: Field | None, name: str, label: str, text: str, errors: list[str]):
    """The field after the user's confirmation: unchanged values become certain, typed ones are
    parsed; None when the user emptied it."""
    text = text.strip()
    if not text:
        return None
    if original is not None and shown(original) == text:
        return replace(original, confidence=Confidence.CERTAIN)
    value, error = _parse(name, label, text)
    if error:
        errors.append(error)
        return original
    source = f"{CONFIRMED}（原：{original.source}）" if original is not None else CONFIRMED
    return Field(value, Confidence.CERTAIN, source, text)


def correction_apply(
    extraction: Extraction, data: Mapping[str, str]
) -> tuple[Extraction, list[str]]:
    """Return the extraction as the user corrected and confirmed it, and the input errors.

    Inputs: ``f-<field>`` for the fields of ``EDITABLE``, ``i-<n>-<key>`` for indicator n
    (1-based) and ``i-<n>-drop`` to leave a row out. Every kept value is confirmed (certain).
    """
    errors: list[str] = []
    fields = dict(extraction.fields)
    for name in EDITABLE:
        key = f"f-{name}"
        if key not in data:
            continue
        corrected = _corrected(fields.get(name), name, FIELD_LABELS[name], data[key], errors)
        if corrected is None:
            fields.pop(name, None)
        else:
            fields[name] = corrected
    for name, item in list(fields.items()):
        fields[name] = replace(item, confidence=Confidence.CERTAIN)
    indicators = []
    for number, row in enumerate(extraction.indicators, start=1):
        if data.get(f"i-{number}-drop"):
            continue
        corrected_row = {}
        for key in INDICATOR_KEYS:
            label = f"第 {number} 个指标的{INDICATOR_LABELS[key]}"
            typed = data.get(f"i-{number}-{key}")
            if typed is None:
                if key in row:
                    corrected_row[key] = replace(row[key], confidence=Confidence.CERTAIN)
                continue
            item = _corrected(row.get(key), key, label, typed, errors)
            if item is not None:
                corrected_row[key] = item
        if "deviation" in row:
            corrected_row["deviation"] = row["deviation"]
        indicators.append(corrected_row)
    components = [
        {key: replace(item, confidence=Confidence.CERTAIN) for key, item in row.items()}
        for row in extraction.components
    ]
    corrected = Extraction(
        kind=extraction.kind,
        fields=fields,
        components=components,
        indicators=indicators,
        fund_uses=extraction.fund_uses,
        level1_headings=extraction.level1_headings,
        notes=extraction.notes,
    )
    return corrected, errors
