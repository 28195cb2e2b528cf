"""What extraction produces: fields with their value, confidence and source, per project.

Django-free: the extractors, the CLI and the web preview share these dataclasses. Amounts are
``Decimal`` in 元 (converted from 万元 where the document says so), rates in percent.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.rules.consistency import (
    StatedComponent,
    StatedIndicator,
    StatedRate,
    StatedReport,
)
from jixiao.rules.textnum import Confidence, parse_target
from jixiao.rules.vocabulary import Comparator

__all__ = [
    "FIELD_LABELS",
    "Cell",
    "Extraction",
    "Field",
    "IngestRefused",
    "Limits",
    "Source",
    "Table",
    "TextDoc",
    "extraction_from_dict",
]

# Every field an extraction looks for, with its Chinese label (docs/ingest.md lists them).
FIELD_LABELS = {
    "project_name": "项目名称",
    "unit": "实施单位",
    "department": "主管部门",
    "year": "年度",
    "budget_initial": "年初预算数（元）",
    "budget_full_year": "全年预算数（元）",
    "executed": "全年执行数（元）",
    "execution_rate": "执行率（%，文中所写）",
    "execution_weight": "预算执行分值",
    "execution_score": "预算执行得分",
    "total_weight": "总分分值",
    "total": "总分（文中所写）",
    "grade": "评价等级（文中所写）",
    "report_date": "报告日期",
    "annual_goal": "年度总体目标",
    "actual_goal": "年度目标实际完成情况",
    "indicator_count_1": "文中所称一级指标数",
    "indicator_count_2": "文中所称二级指标数",
    "indicator_count_3": "文中所称三级指标数",
    "fund_use_total": "资金使用明细合计（元）",
}
# The fields a complete 自评表 states; the ones not found are listed as missing.
EXPECTED = {
    "self_eval_table": (
        "project_name",
        "unit",
        "department",
        "year",
        "budget_initial",
        "budget_full_year",
        "executed",
        "execution_rate",
        "execution_score",
        "total",
    ),
    "goal_table": ("project_name", "unit", "department", "year", "budget_full_year"),
    "report": ("project_name", "year", "budget_full_year", "executed", "execution_rate"),
}
KIND_LABELS = {
    "self_eval_table": "项目支出绩效自评表",
    "goal_table": "项目支出绩效目标申报表",
    "report": "绩效自评报告",
}


class IngestRefused(Exception):
    """A file jixiao will not read; the message says why, in Chinese."""


@dataclass(frozen=True)
class Limits:
    """Bounds on what one import may cost: bytes, unpacked bytes, pages, rows and seconds."""

    max_bytes: int = 20 * 1024 * 1024
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_ratio: int = 200
    max_pages: int = 100
    max_rows: int = 5000
    max_columns: int = 60
    max_text_chars: int = 2_000_000
    seconds: float = 30.0


@dataclass(frozen=True)
class Field:
    """One extracted value: as read (``value``), as written (``text``), how sure, and where."""

    value: object
    confidence: Confidence
    source: str
    text: str = ""

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: decimals and dates as strings."""
        return {
            "value": _json_value(self.value),
            "text": self.text,
            "confidence": self.confidence.value,
            "source": self.source,
        }


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Cell:
    """A table cell's text and where it is ("Sheet1!B4", "表1 行2 列3")."""

    text: str
    source: str


Table = list[list[Cell]]


@dataclass
class TextDoc:
    """A document's running text and how to name a character range in it."""

    text: str
    locate: Callable[[int, int], str] = field(default=lambda start, end: f"字符 {start}–{end}")


@dataclass
class Source:
    """What a reader got out of a file: its tables and its running text."""

    format: str
    tables: list[Table] = field(default_factory=list)
    text: TextDoc = field(default_factory=lambda: TextDoc(""))


Row = dict[str, Field]


@dataclass
class Extraction:
    """Everything read about one project from one document (a file may hold several)."""

    kind: str
    fields: dict[str, Field] = field(default_factory=dict)
    components: list[Row] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)
    fund_uses: list[Row] = field(default_factory=list)
    level1_headings: dict[str, Field] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def set(self, name: str, value: object, confidence: Confidence, source: str, text: str = ""):
        """Store a field unless a certain reading of it is already there."""
        current = self.fields.get(name)
        if current is not None and current.confidence is Confidence.CERTAIN:
            return
        if current is not None and confidence is Confidence.UNSURE:
            return
        self.fields[name] = Field(value, confidence, source, text)

    def value(self, name: str) -> object:
        """The value of a field, or None when it was not found."""
        found = self.fields.get(name)
        return None if found is None else found.value

    @property
    def missing(self) -> list[str]:
        """The fields expected for this kind of document that were not found."""
        return [name for name in EXPECTED.get(self.kind, ()) if name not in self.fields]

    @property
    def unsure(self) -> list[str]:
        """The fields read with confidence unsure (to confirm before saving)."""
        names = [name for name, item in self.fields.items() if item.confidence is Confidence.UNSURE]
        for index, row in enumerate(self.indicators, start=1):
            names += [
                f"indicators[{index}].{key}"
                for key, item in row.items()
                if item.confidence is Confidence.UNSURE
            ]
        return names

    def to_dict(self) -> dict[str, object]:
        """JSON-ready (docs/cli.md, ``jixiao ingest --json``)."""
        return {
            "kind": self.kind,
            "fields": {name: item.to_dict() for name, item in self.fields.items()},
            "components": [_row(row) for row in self.components],
            "indicators": [_row(row) for row in self.indicators],
            "fund_uses": [_row(row) for row in self.fund_uses],
            "level1_headings": {n: item.to_dict() for n, item in self.level1_headings.items()},
            "missing": self.missing,
            "unsure": self.unsure,
            "notes": list(self.notes),
        }

    def stated(self) -> StatedReport:
        """The figures this document states, for ``consistency_findings``."""
        report_date = self.value("report_date")
        counts = {
            level: self.value(f"indicator_count_{level}")
            for level in (1, 2, 3)
            if self.value(f"indicator_count_{level}") is not None
        }
        rate_field = self.fields.get("execution_rate")
        rate = None
        if rate_field is not None and isinstance(rate_field.value, Decimal):
            rate = StatedRate(rate_field.value, is_approximate="约" in rate_field.text)
        return StatedReport(
            year=self.value("year"),  # type: ignore[arg-type]
            budget_initial=_decimal(self.value("budget_initial")),
            budget_full_year=_decimal(self.value("budget_full_year")),
            executed=_decimal(self.value("executed")),
            components=tuple(
                StatedComponent(
                    name=str(_get(row, "name") or ""),
                    initial=_decimal(_get(row, "initial")),
                    full_year=_decimal(_get(row, "full_year")),
                    executed=_decimal(_get(row, "executed")),
                )
                for row in self.components
            ),
            stated_rate=rate,
            stated_execution_weight=_decimal(self.value("execution_weight")),
            stated_execution_score=_decimal(self.value("execution_score")),
            indicators=tuple(stated_indicator(row) for row in self.indicators),
            stated_total=_decimal(self.value("total")),
            stated_total_weight=_decimal(self.value("total_weight")),
            stated_grade=str(self.value("grade") or ""),
            stated_indicator_counts=counts,  # type: ignore[arg-type]
            level1_headings={
                name: item.value
                for name, item in self.level1_headings.items()
                if isinstance(item.value, Decimal)
            },
            report_date=report_date if isinstance(report_date, datetime.date) else None,
        )


def _row(row: Row) -> dict[str, object]:
    return {key: item.to_dict() for key, item in row.items()}


def _get(row: Row, key: str) -> object:
    found = row.get(key)
    return None if found is None else found.value


def _decimal(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def stated_indicator(row: Row) -> StatedIndicator:
    """One extracted indicator row as a ``StatedIndicator``."""
    target_text = str(_get(row, "target") or "")
    actual_text = str(_get(row, "actual") or "")
    target = parse_target(target_text)
    actual = parse_target(actual_text)
    qualitative = bool(target_text) and target.is_qualitative
    return StatedIndicator(
        name=str(_get(row, "name") or ""),
        level1=str(_get(row, "level1") or ""),
        level2=str(_get(row, "level2") or ""),
        comparator=Comparator.QUALITATIVE if qualitative else target.comparator,
        target=target.value,
        target_unit=target.unit,
        target_text=target_text,
        actual=actual.value,
        actual_unit=actual.unit,
        actual_text=actual_text,
        weight=_decimal(_get(row, "weight")),
        score=_decimal(_get(row, "score")),
        is_qualitative=qualitative,
        deviation_note=str(_get(row, "deviation") or ""),
    )


# Fields whose values are numbers or dates (everything else is text).
_DECIMAL_FIELDS = {
    "budget_initial",
    "budget_full_year",
    "executed",
    "execution_rate",
    "execution_weight",
    "execution_score",
    "total_weight",
    "total",
    "fund_use_total",
}
_INTEGER_FIELDS = {"year", "indicator_count_1", "indicator_count_2", "indicator_count_3"}
_DECIMAL_CELLS = {"weight", "score", "initial", "full_year", "executed", "amount"}


def _field_from(data: dict, kind: str) -> Field:
    raw = data.get("value")
    value: object = raw
    if raw is not None and kind == "decimal":
        value = Decimal(str(raw))
    elif raw is not None and kind == "integer":
        value = int(raw)
    elif raw is not None and kind == "date":
        value = datetime.date.fromisoformat(str(raw))
    return Field(value, Confidence(data["confidence"]), str(data["source"]), str(data["text"]))


def _kind_of(name: str) -> str:
    if name in _DECIMAL_FIELDS or name in _DECIMAL_CELLS:
        return "decimal"
    if name in _INTEGER_FIELDS:
        return "integer"
    if name == "report_date":
        return "date"
    return "text"


def _row_from(data: dict) -> Row:
    return {key: _field_from(item, _kind_of(key)) for key, item in data.items()}


def extraction_from_dict(data: dict) -> Extraction:
    """Rebuild an Extraction from ``Extraction.to_dict()`` (the preview keeps it between
    requests)."""
    return Extraction(
        kind=str(data["kind"]),
        fields={name: _field_from(item, _kind_of(name)) for name, item in data["fields"].items()},
        components=[_row_from(row) for row in data["components"]],
        indicators=[_row_from(row) for row in data["indicators"]],
        fund_uses=[_row_from(row) for row in data["fund_uses"]],
        level1_headings={
            name: _field_from(item, "decimal") for name, item in data["level1_headings"].items()
        },
        notes=list(data["notes"]),
    )
