"""Parsing the monitoring form and the overview's round form. Every problem is a Chinese
message that names the field; nothing is stored unless everything parses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from jixiao.goals.models import Comparator
from jixiao.monitoring.selectors import IndicatorRow
from jixiao.monitoring.services import IndicatorRowInput
from jixiao.rules import to_decimal


@dataclass(frozen=True)
class ParsedReport:
    goal_progress_text: str
    forecast_executed: Decimal | None
    rows: list[IndicatorRowInput]
    errors: list[str]


def _number(text: str, label: str, errors: list[str]) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return to_decimal(text)
    except ValueError as error:
        errors.append(f"{label}：{error}")
        return None


def report_form_parse(data, indicator_rows: list[IndicatorRow]) -> ParsedReport:
    """Read the posted monitoring form: 年度总体目标执行情况, 全年预计执行数 (元) and, per
    indicator `<id>`, progress-<id>, forecast-<id> (numbers, or the band for 定性), causes-<id>
    (several), likelihood-<id>, remarks-<id>."""
    errors: list[str] = []
    forecast = _number(data.get("forecast_executed", ""), "全年预计执行数", errors)
    rows = []
    for item in indicator_rows:
        indicator = item.indicator
        key = indicator.pk
        qualitative = indicator.comparator == Comparator.QUALITATIVE
        progress_text = data.get(f"progress-{key}", "")
        forecast_text = data.get(f"forecast-{key}", "")
        rows.append(
            IndicatorRowInput(
                indicator_id=key,
                progress=None
                if qualitative
                else _number(progress_text, f"指标“{indicator.name}”的执行情况", errors),
                progress_band=progress_text.strip() if qualitative else "",
                forecast=None
                if qualitative
                else _number(forecast_text, f"指标“{indicator.name}”的全年预计完成情况", errors),
                forecast_band=forecast_text.strip() if qualitative else "",
                deviation_causes=tuple(data.getlist(f"causes-{key}")),
                likelihood=data.get(f"likelihood-{key}", "").strip(),
                remarks=data.get(f"remarks-{key}", "").strip(),
            )
        )
    return ParsedReport(
        goal_progress_text=data.get("goal_progress_text", "").strip(),
        forecast_executed=forecast,
        rows=rows,
        errors=errors,
    )


@dataclass(frozen=True)
class ParsedRound:
    year: int | None
    month: int | None
    deadline: datetime.date | None
    errors: list[str]


def round_form_parse(data) -> ParsedRound:
    """Read the posted round form: year, month (1–12, optional), deadline (YYYY-MM-DD)."""
    errors = []
    year_text = data.get("year", "").strip()
    year = int(year_text) if year_text.isdigit() else None
    if year is None or not 2000 <= year <= 2100:
        errors.append(f"年度“{year_text}”无效，应为 2000 到 2100 之间的年份。")
        year = None
    month_text = data.get("month", "").strip()
    month = None
    if month_text:
        month = int(month_text) if month_text.isdigit() else 0
        if not 1 <= month <= 12:
            errors.append(f"监控月份“{month_text}”无效，应在 1 到 12 之间。")
            month = None
    deadline_text = data.get("deadline", "").strip()
    try:
        deadline = datetime.date.fromisoformat(deadline_text)
    except ValueError:
        errors.append(f"截止日期“{deadline_text}”无效，请按 YYYY-MM-DD 填写。")
        deadline = None
    return ParsedRound(year, month, deadline, errors)
