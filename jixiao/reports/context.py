"""The template context: a plain dict of strings and lists derived from a `ReportData`.

The same dict feeds the DOCX templates (docxtpl), the HTML/PDF templates and is what
administrators' replacement templates may use; every key is documented in docs/reports.md.
Numbers are formatted here, once: 万元 tables with four decimals and thousands separators, 元
tables with two, prose without trailing zeros ("10万元"), rates to 0.01 %.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.reports.data import IndicatorRow, ReportData
from jixiao.reports.numbers import percent, score, wan_plain, wan_table, yuan_table

DEMO_LABEL = "演示数据"
FULL_MARKS = "100"


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of `text`, each one paragraph of the document."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _sentence_part(text: str) -> str:
    """`text` without its closing full stop, so that a generated sentence can add its own."""
    return text.strip().rstrip("。；;.")


def _duty(text: str, *, is_last: bool) -> str:
    """A duty as the seed prints it: "…工作；" between items, "。" after the last."""
    return _sentence_part(text) + ("。" if is_last else "；")


def _indicator(row: IndicatorRow, number: int) -> dict[str, Any]:
    return {
        "no": number,
        "level1": row.level1,
        "level2": row.level2,
        "name": row.name,
        "target": row.target_display,
        "actual": row.actual_display,
        "weight": score(row.weight),
        "score": score(row.score),
        "standard": row.standard,
        "method": row.method,
        "deviation": row.deviation_note,
        "flags": list(row.flags),
        # The seed's 三（二）: "（1）数量指标：评价标准为…。评价方法为…。"
        "criterion": (
            f"（{number}）{row.level2}：评价标准为{_sentence_part(row.standard) or '无'}。"
            f"评价方法为{_sentence_part(row.method) or '无'}。"
        ),
    }


def report_context(data: ReportData) -> dict[str, Any]:
    """Return the template context of `data` (see docs/reports.md for every key)."""
    indicators: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    number = 0
    for group in data.indicator_groups:
        rows = []
        for row in group.indicators:
            number += 1
            item = _indicator(row, number)
            rows.append(item)
            indicators.append(item)
        groups.append(
            {
                "level1": group.level1,
                "count": len(rows),
                "level2_list": "、".join(group.level2_names),
                "weight": score(group.weight),
                "rows": rows,
            }
        )
    indicator_sentence = (
        "设立"
        + "、".join(f"{g['level1']}{g['count']}项（{g['level2_list']}）" for g in groups)
        + "。"
        if groups
        else "未设立绩效指标。"
    )
    sources = [row.label for row in data.funding[1:] if row.full_year]
    funding_rows = [
        {
            "label": row.label,
            "initial": wan_table(row.initial),
            "full_year": wan_table(row.full_year),
            "executed": wan_table(row.executed),
            "rate": percent(row.rate) if row.full_year is not None else "",
            "weight": score(row.weight) if row.is_total else "—",
            "score": score(row.score) if row.is_total else "—",
        }
        for row in data.funding
    ]
    rate = percent(data.execution_rate)
    parts = {row.label: row.full_year for row in data.funding[1:]}
    # 88号 绩效目标表: 其中：财政拨款 = 当年财政拨款 + 上年结转资金; 其他资金 as it is.
    fiscal = [parts.get(label) for label in ("当年财政拨款", "上年结转资金")]
    fiscal_total = sum((amount for amount in fiscal if amount is not None), Decimal(0))
    last = len(data.policy_items) - 1
    graded = data.total is not None
    narrative = {
        name: paragraphs(getattr(data.narrative, name))
        for name in data.narrative.__dataclass_fields__
    }
    return {
        "is_demo": data.is_demo,
        "demo_label": DEMO_LABEL if data.is_demo else "",
        "title": f"{data.year}年度{data.name}绩效自评报告",
        "project": {
            "code": data.code,
            "name": data.name,
            "year": data.year,
            "category": data.category,
            "unit": data.unit_name,
            "department": data.department_name,
            "department_code": data.department_code,
            "period": data.period,
        },
        "background": paragraphs(data.background) or ["无"],
        "funding_sentence": (
            f"项目资金来源是{'、'.join(sources) or '无'}，"
            f"年度预算安排{wan_plain(data.budget_full_year)}万元。项目资金使用情况如下："
        ),
        "funding": funding_rows,
        "funding_total": funding_rows[0],
        "funding_parts": funding_rows[1:],
        "goal_funding": {
            "total": wan_table(data.budget_full_year),
            "fiscal": wan_table(fiscal_total),
            "other": wan_table(parts.get("其他资金") or Decimal(0)),
        },
        "uses": [
            {"no": use.position, "purpose": use.purpose, "amount": yuan_table(use.amount)}
            for use in data.uses
        ],
        "uses_total": yuan_table(data.uses_total),
        "policy_intro": paragraphs(data.policy_intro),
        "policy_items": [
            {"no": f"（{item.position}）", "text": _duty(item.text, is_last=index == last)}
            for index, item in enumerate(data.policy_items)
        ]
        or [{"no": "", "text": "无"}],
        "annual_goal": paragraphs(data.annual_goal) or ["无"],
        "indicator_sentence": indicator_sentence,
        "indicator_groups": groups,
        "indicators": indicators,
        "budget": {
            "initial_wan": wan_table(data.budget_initial),
            "full_year_wan": wan_table(data.budget_full_year),
            "executed_wan": wan_table(data.executed),
            "full_year_wan_plain": wan_plain(data.budget_full_year),
            "executed_wan_plain": wan_plain(data.executed),
            "full_year_yuan": yuan_table(data.budget_full_year),
            "executed_yuan": yuan_table(data.executed),
            "rate": rate,
        },
        "execution_sentence": (
            f"预算执行情况：{data.name}年度预算{wan_plain(data.budget_full_year)}万元，"
            f"年度预算执行数{wan_plain(data.executed)}万元，预算执行率{rate}。"
        ),
        "score": {
            "execution_weight": score(data.execution_weight),
            "execution_score": score(data.execution_score),
            "indicator_weight": score(data.indicator_weight_total),
            "indicator_score": score(data.indicator_score),
            "full_marks": FULL_MARKS,
            "total": score(data.total),
            "grade": data.grade or "—",
        },
        "grade_sentence": (
            f"项目综合评价得分为{score(data.total)}分，评价等级为{data.grade}。"
            if graded
            else "尚未开展绩效自评，暂无得分和等级。"
        ),
        "scope_sentence": (
            f"评价对象为{data.unit_name}{data.year}年度{data.name}，评价范围为该项目年度预算"
            f"{wan_plain(data.budget_full_year)}万元的使用情况及绩效目标的完成情况。"
        ),
        "narrative": {name: texts or ["无"] for name, texts in narrative.items()},
        "actual_goal": paragraphs(data.narrative.actual_goal) or ["—"],
        "deviations": [item for item in indicators if item["deviation"]],
        "scheme_code": data.scheme_code,
        "generated_on": f"{data.generated_on.year}年{data.generated_on.month}月"
        f"{data.generated_on.day}日",
    }
