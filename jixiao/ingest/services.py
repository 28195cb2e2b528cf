"""Writes of the importer: store a confirmed extraction as a project, its goal and evaluation.

Nothing is stored until the same validation the preview shows has passed, and everything is
stored in one transaction: a failed or refused import leaves the database as it was.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from jixiao.accounts.models import Organisation
from jixiao.audit.services import audit_record
from jixiao.evaluation.services import ActualInput, self_evaluation_create
from jixiao.goals.models import Comparator as StoredComparator
from jixiao.goals.services import IndicatorSpec, goal_create
from jixiao.ingest.extract import Extraction
from jixiao.ingest.extract.model import stated_indicator
from jixiao.ledger.services import ledger_entry_record
from jixiao.projects.models import FundingKind, Project
from jixiao.projects.selectors import project_code_next
from jixiao.projects.services import FundingInput, project_create
from jixiao.rules import round_money
from jixiao.rules.consistency import normalise_level1
from jixiao.rules.schemes import scheme_get
from jixiao.rules.textnum import Confidence
from jixiao.rules.vocabulary import Comparator, QualitativeBand

__all__ = ["ImportRefused", "ImportResult", "import_problems", "import_save"]

_FUNDING = {
    "当年财政拨款": FundingKind.CURRENT,
    "上年结转资金": FundingKind.CARRYOVER,
    "其他资金": FundingKind.OTHER,
}


# The stored columns: amounts DecimalField(16, 2), indicator values DecimalField(18, 4).
_MAX_AMOUNT = Decimal(10) ** 14
_MAX_VALUE = Decimal(10) ** 14


class ImportRefused(ValueError):
    """The extraction cannot be stored as it is; ``problems`` lists why, in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems))


@dataclass(frozen=True)
class ImportResult:
    """What an import stored."""

    project: Project
    indicator_count: int
    ledger_count: int
    has_evaluation: bool


def _level1(row) -> str:
    return normalise_level1(str(row["level1"].value)) if "level1" in row else ""


def import_problems(extraction: Extraction, *, accept_unsure: bool = False) -> list[str]:
    """Return why ``extraction`` cannot be stored (empty when it can), in Chinese.

    Required: project name, a year in 2000–2100, 全年预算数; for each indicator a name, a
    level-1 the scheme knows, a weight between 0 and 100 with at most two decimals and a target.
    Values read with confidence unsure must be confirmed (``accept_unsure``) first.
    """
    problems = []
    name = str(extraction.value("project_name") or "").strip()
    if not name:
        problems.append("缺少项目名称。")
    elif len(name) > 200:
        problems.append("项目名称超过 200 个字符。")
    year = extraction.value("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        problems.append("缺少年度或年度不在 2000–2100 之间。")
    budget = extraction.value("budget_full_year")
    if not isinstance(budget, Decimal) or budget < 0:
        problems.append("缺少全年预算数（或为负数）。")
    for name, label in (
        ("budget_initial", "年初预算数"),
        ("budget_full_year", "全年预算数"),
        ("executed", "全年执行数"),
    ):
        amount = extraction.value(name)
        if isinstance(amount, Decimal) and not -_MAX_AMOUNT < amount < _MAX_AMOUNT:
            problems.append(f"{label} {amount} 元超出可保存的范围。")
    executed = extraction.value("executed")
    if executed is not None and (not isinstance(executed, Decimal) or executed < 0):
        problems.append("全年执行数不能为负数。")
    known = list(scheme_get(settings.JIXIAO_SCHEME).level1_weights)
    for position, row in enumerate(extraction.indicators, start=1):
        label = str(row["name"].value) if "name" in row and row["name"].value else ""
        shown = f"第 {position} 个指标" + (f"“{label}”" if label else "")
        if not label:
            problems.append(f"{shown}缺少名称。")
        if _level1(row) not in known:
            problems.append(f"{shown}的一级指标应为{'、'.join(known)}之一。")
        weight = row["weight"].value if "weight" in row else None
        if (
            not isinstance(weight, Decimal)
            or not 0 <= weight <= 100
            or round_money(weight) != weight
        ):
            problems.append(f"{shown}缺少分值，或分值不在 0–100 之间（最多两位小数）。")
        if "target" not in row or not str(row["target"].value).strip():
            problems.append(f"{shown}缺少年度指标值。")
        stated = stated_indicator(row)
        for value, what in ((stated.target, "年度指标值"), (stated.actual, "实际完成值")):
            if value is not None and not abs(value) < _MAX_VALUE:
                problems.append(f"{shown}的{what} {value} 超出可保存的范围。")
        if len(label) > 200 or len(stated.level2) > 40:
            problems.append(f"{shown}的名称或二级指标过长（三级指标最多 200 字，二级指标 40 字）。")
    if not accept_unsure and extraction.unsure:
        problems.append(
            f"有 {len(extraction.unsure)} 项读取结果待核对（{'、'.join(extraction.unsure[:6])}）："
            "请在预览中确认或更正后再保存。"
        )
    return problems


def _spec(row) -> IndicatorSpec:
    stated = stated_indicator(row)
    comparator = stated.comparator
    if comparator is None:
        # A bare "100%" or "14726": read as ≥ (documented in docs/ingest.md; the preview marks
        # such targets unsure, so the user has confirmed this reading before it is stored).
        comparator = Comparator.GE
    if comparator is Comparator.QUALITATIVE:
        return IndicatorSpec(
            level1=normalise_level1(stated.level1),
            level2=stated.level2,
            name=stated.name,
            comparator=StoredComparator.QUALITATIVE,
            weight=round_money(stated.weight or Decimal(0)),
            target_text=stated.target_text[:200],
            inferences={"imported": "年度指标值为定性表述"},
        )
    return IndicatorSpec(
        level1=normalise_level1(stated.level1),
        level2=stated.level2,
        name=stated.name,
        comparator=StoredComparator(comparator.value),
        weight=round_money(stated.weight or Decimal(0)),
        target=stated.target,
        measure_unit=stated.target_unit[:20],
    )


def _actual(row) -> ActualInput | None:
    stated = stated_indicator(row)
    if not stated.actual_text:
        return None
    deviation = stated.deviation_note
    if stated.is_qualitative:
        band = next((b for b in QualitativeBand if b.value == stated.actual_text), None)
        score = stated.score
        if band is None and score is not None and stated.weight:
            # The band follows from the stated score (财预〔2020〕10号 第十四条, rules.md §1.3).
            band = next(
                (b for b in QualitativeBand if b.contains(round_money(score), stated.weight)), None
            )
        if band is None:
            band = QualitativeBand.ACHIEVED if stated.actual_text == stated.target_text else None
        if band is None:
            return ActualInput(deviation_note=deviation)
        chosen = round_money(score) if score is not None else None
        if chosen is not None and not band.contains(chosen, round_money(stated.weight or 0)):
            chosen = None
        return ActualInput(band=band.value, chosen_score=chosen, deviation_note=deviation)
    return ActualInput(actual=stated.actual, deviation_note=deviation)


def _funding(extraction: Extraction, budget: Decimal) -> list[FundingInput]:
    initial = extraction.value("budget_initial")
    initial = initial if isinstance(initial, Decimal) else budget
    parts = []
    for row in extraction.components:
        kind = _FUNDING.get(str(row["name"].value))
        full_year = row["full_year"].value if "full_year" in row else None
        if kind is None or not isinstance(full_year, Decimal):
            continue
        part_initial = row["initial"].value if "initial" in row else full_year
        parts.append(FundingInput(kind, Decimal(part_initial), full_year))
    kinds = [part.kind for part in parts]
    if (
        parts
        and len(set(kinds)) == len(kinds)
        and sum((p.full_year_amount for p in parts), Decimal(0)) == budget
        and sum((p.initial_amount for p in parts), Decimal(0)) == initial
    ):
        return [p for p in parts if p.full_year_amount or p.initial_amount]
    # The 其中 rows are missing or do not add up (a consistency finding says so): store the
    # total as 当年财政拨款 so that the stored budget is the document's total.
    return [FundingInput(FundingKind.CURRENT, initial, budget)]


@transaction.atomic
def import_save(
    *,
    extraction: Extraction,
    unit: Organisation,
    actor=None,
    filename: str = "",
    checksum: str = "",
    accept_unsure: bool = False,
) -> ImportResult:
    """Store ``extraction`` as a project of ``unit`` with its goal, spending and evaluation.

    Raises ``ImportRefused`` (nothing stored) when ``import_problems`` finds any, or when the
    unit already has a project of that name in that year. The code is the unit's next project
    code (``project_code_next``). 全年执行数 becomes one ledger entry on
    31 December (or the uses of the fund-use table when they add up to it); a self-evaluation
    is created and scored when the document states actual values.
    """
    problems = import_problems(extraction, accept_unsure=accept_unsure)
    if problems:
        raise ImportRefused(problems)
    name = str(extraction.value("project_name")).strip()
    year = int(extraction.value("year"))  # type: ignore[arg-type]
    if Project.objects.filter(unit=unit, year=year, name=name).exists():
        raise ImportRefused([f"{unit.name} 已有 {year} 年度的项目“{name}”，未重复导入。"])
    budget = round_money(extraction.value("budget_full_year"))  # type: ignore[arg-type]
    project = project_create(
        unit=unit,
        year=year,
        code=project_code_next(unit, year),
        name=name,
        actor=actor,
        funding=_funding(extraction, budget),
        inferences={"imported_from": filename[:200]} if filename else {},
    )
    goal_text = str(extraction.value("annual_goal") or "")
    goal_create(
        project=project,
        annual_goal=goal_text,
        indicators=[_spec(row) for row in extraction.indicators],
        actor=actor,
    )
    # The spending is recorded by the system (actor None) on the importer's behalf: a reviewer
    # may import a unit's table but is no 经办人 of it; the ingest.save event names the actor.
    ledger_count = _record_spending(extraction, project, year, filename, actor=None)
    actuals = {
        position: actual
        for position, row in enumerate(extraction.indicators, start=1)
        if (actual := _actual(row)) is not None
    }
    has_evaluation = bool(actuals) and bool(extraction.indicators)
    if has_evaluation:
        report_date = extraction.value("report_date")
        self_evaluation_create(
            project=project,
            actuals=actuals,
            narrative={"actual_goal_text": str(extraction.value("actual_goal") or "")},
            actor=actor,
            evaluated_on=report_date if isinstance(report_date, datetime.date) else None,
        )
    audit_record(
        actor=actor,
        action="ingest.save",
        obj=project,
        project_id=project.pk,
        summary=f"从文件 {filename or '（未命名）'} 导入项目 {project.code}",
        changes={"source": (None, filename), "sha256": (None, checksum)},
        reason="导入已有的绩效目标表/自评表，经预览确认后保存",
    )
    return ImportResult(project, len(extraction.indicators), ledger_count, has_evaluation)


def _record_spending(
    extraction: Extraction, project: Project, year: int, filename: str, actor
) -> int:
    executed = extraction.value("executed")
    if not isinstance(executed, Decimal) or round_money(executed) <= 0:
        return 0
    year_end = datetime.date(year, 12, 31)
    uses = [
        (str(row["purpose"].value), row["amount"].value)
        for row in extraction.fund_uses
        if "purpose" in row and "amount" in row
    ]
    if uses and sum((amount for _, amount in uses), Decimal(0)) == executed:
        for purpose, amount in uses:
            ledger_entry_record(
                project=project,
                date=year_end,
                purpose=purpose[:300],
                amount=amount,
                actor=actor,
                note=f"导入自 {filename}"[:300],
            )
        return len(uses)
    ledger_entry_record(
        project=project,
        date=year_end,
        purpose="导入：全年执行数",
        amount=executed,
        actor=actor,
        note=f"导入自 {filename}，文件只给出全年执行合计"[:300],
    )
    return 1


def confidence_summary(extraction: Extraction) -> dict[str, int]:
    """How many fields were read certain and unsure (for the preview's heading)."""
    certain = sum(1 for item in extraction.fields.values() if item.confidence is Confidence.CERTAIN)
    return {"certain": certain, "unsure": len(extraction.unsure)}
