"""Open data: a year's public snapshots as one JSON document and three CSV tables.

Shared by the portal downloads and `jixiao open-data`; it formats rows already read and never
touches the ORM. The schema is documented in docs/open-data.md and docs/open-data.schema.json.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

SCHEMA_NAME = "jixiao-open-data"
SCHEMA_VERSION = 1

PROJECT_COLUMNS = (
    "year",
    "code",
    "name",
    "unit_code",
    "unit_name",
    "department",
    "category",
    "version",
    "published_at",
    "budget_amount",
    "adjusted_amount",
    "executed_amount",
    "execution_rate",
    "has_goal",
    "has_evaluation",
    "scheme",
    "execution_score",
    "indicator_score",
    "total",
    "grade",
)
INDICATOR_COLUMNS = (
    "year",
    "code",
    "position",
    "level1",
    "level2",
    "name",
    "comparator",
    "target",
    "measure_unit",
    "weight",
    "actual",
    "score",
)
FUNDING_COLUMNS = ("year", "code", "phase", "source", "amount")

FILE_NAMES = {
    "json": "jixiao-{year}.json",
    "projects": "jixiao-{year}-projects.csv",
    "indicators": "jixiao-{year}-indicators.csv",
    "funding": "jixiao-{year}-funding.csv",
}


def project_record(snapshot) -> dict[str, Any]:
    """The stored payload of `snapshot` with its version and publication time (ISO 8601 in
    the site's time zone, Asia/Shanghai by default)."""
    return {
        **snapshot.payload,
        "version": snapshot.version,
        "published_at": timezone.localtime(snapshot.published_at).isoformat(),
    }


def year_document(year: int, snapshots: Sequence) -> dict[str, Any]:
    """The JSON document of a year: schema name and version, year, projects by code."""
    return {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "year": year,
        "projects": [project_record(s) for s in snapshots],
    }


def _total(payload: dict[str, Any], phase: str) -> str:
    for row in payload["funding"]:
        if row["phase"] == phase and row["source"] == "合计":
            return row["amount"]
    return ""


def project_rows(snapshots: Iterable) -> list[dict[str, Any]]:
    """One row per project (PROJECT_COLUMNS)."""
    rows = []
    for snapshot in snapshots:
        record = project_record(snapshot)
        evaluation = record["evaluation"] or {}
        rows.append(
            {
                "year": record["year"],
                "code": record["code"],
                "name": record["name"],
                "unit_code": record["unit"]["code"],
                "unit_name": record["unit"]["name"],
                "department": record["department"] or "",
                "category": record["category_label"],
                "version": record["version"],
                "published_at": record["published_at"],
                "budget_amount": _total(record, "预算"),
                "adjusted_amount": _total(record, "调整"),
                "executed_amount": _total(record, "执行"),
                "execution_rate": record["execution_rate"] or "",
                "has_goal": "true" if record["goal"] else "false",
                "has_evaluation": "true" if record["evaluation"] else "false",
                "scheme": evaluation.get("scheme", ""),
                "execution_score": evaluation.get("execution_score", ""),
                "indicator_score": evaluation.get("indicator_score", ""),
                "total": evaluation.get("total", ""),
                "grade": evaluation.get("grade", ""),
            }
        )
    return rows


def indicator_rows(snapshots: Iterable) -> list[dict[str, Any]]:
    """One row per indicator (INDICATOR_COLUMNS): the self-evaluation row where one was
    published, else the goal's indicator with empty actual and score."""
    rows = []
    for snapshot in snapshots:
        payload = snapshot.payload
        if payload["evaluation"]:
            items = payload["evaluation"]["rows"]
        elif payload["goal"]:
            items = payload["goal"]["indicators"]
        else:
            items = []
        for position, item in enumerate(items, start=1):
            rows.append(
                {
                    "year": payload["year"],
                    "code": payload["code"],
                    "position": position,
                    "level1": item["level1"],
                    "level2": item["level2"],
                    "name": item["name"],
                    "comparator": item["comparator"],
                    "target": item["target"] or "",
                    "measure_unit": item["measure_unit"],
                    "weight": item["weight"],
                    "actual": item.get("actual") or "",
                    "score": item.get("score") or "",
                }
            )
    return rows


def funding_rows(snapshots: Iterable) -> list[dict[str, Any]]:
    """One row per amount and phase (FUNDING_COLUMNS)."""
    return [
        {"year": s.payload["year"], "code": s.payload["code"], **row}
        for s in snapshots
        for row in s.payload["funding"]
    ]


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """CSV with a header row, UTF-8 with a byte order mark (so Excel reads Chinese), CRLF."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def year_file(year: int, snapshots: Sequence, kind: str) -> tuple[str, str]:
    """One file of a year (`kind` one of FILE_NAMES): (file name, text)."""
    name = FILE_NAMES[kind].format(year=year)
    if kind == "json":
        return name, json_text(year_document(year, snapshots))
    columns, build = {
        "projects": (PROJECT_COLUMNS, project_rows),
        "indicators": (INDICATOR_COLUMNS, indicator_rows),
        "funding": (FUNDING_COLUMNS, funding_rows),
    }[kind]
    return name, csv_text(columns, build(snapshots))


def year_files(year: int, snapshots: Sequence) -> dict[str, tuple[str, str]]:
    """All files of a year: kind → (file name, text)."""
    return {kind: year_file(year, snapshots, kind) for kind in FILE_NAMES}


def json_text(document: dict[str, Any]) -> str:
    """Pretty JSON with Chinese kept readable."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
