"""Read everything a report prints into a `ReportData`, in a bounded number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from jixiao.accounts.models import OrganisationKind
from jixiao.evaluation.models import NARRATIVE_FIELDS
from jixiao.evaluation.selectors import evaluation_compute
from jixiao.goals.selectors import goal_get
from jixiao.ledger.selectors import ledger_uses
from jixiao.projects.models import FundingKind, Project
from jixiao.reports.data import (
    FundingRow,
    FundUse,
    IndicatorRow,
    Narrative,
    PolicyItem,
    ReportData,
    indicator_groups,
)
from jixiao.rules import execution_rate_percent, scheme_get

# Eight queries with a self-evaluation, seven without: the project with its unit and parent,
# the funding sources, the ledger uses, the policy items, the goal, and evaluation_compute's
# evaluation, indicators (and actual values).
MAX_QUERIES = 8


def report_data_build(project: Project, *, today: datetime.date | None = None) -> ReportData:
    """Return the facts of `project`'s reports (自评报告, 自评表, 绩效目标表).

    Scores come from `evaluation_compute` (the rules package, never typed text); amounts from
    the funding sources and the ledger. At most `MAX_QUERIES` queries whatever the number of
    indicators or ledger entries. Access is the caller's business.
    """
    project = Project.objects.select_related("unit__parent").get(pk=project.pk)
    unit = project.unit
    parent = unit.parent
    # A unit directly under the finance bureau is its own 主管部门 (一级预算单位).
    department = (
        parent if parent is not None and parent.kind == OrganisationKind.DEPARTMENT else unit
    )
    sources = {source.kind: source for source in project.funding_sources.all()}
    uses = ledger_uses(project)
    policy_items = tuple(
        PolicyItem(position=item.position, text=item.text) for item in project.policy_items.all()
    )
    goal = goal_get(project)
    computed = evaluation_compute(project)
    result = computed.result
    evaluation = computed.evaluation
    has_evaluation = evaluation is not None
    scheme = scheme_get(result.scheme_code or settings.JIXIAO_SCHEME)

    executed_by_kind: dict[str, Decimal] = {}
    for entry in uses:
        executed_by_kind[entry.funding_kind] = (
            executed_by_kind.get(entry.funding_kind, Decimal(0)) + entry.amount
        )
    funding = [
        FundingRow(
            label="年度资金总额",
            initial=project.budget_initial,
            full_year=project.budget_full_year,
            executed=project.executed,
            rate=result.execution_rate,
            is_total=True,
            weight=scheme.execution_weight,
            score=result.execution_score if has_evaluation else None,
        )
    ]
    for kind in FundingKind:
        source = sources.get(kind.value)
        if source is None:
            funding.append(FundingRow(kind.label, None, None, None, None))
            continue
        spent = executed_by_kind.get(kind.value, Decimal(0))
        funding.append(
            FundingRow(
                label=kind.label,
                initial=source.initial_amount,
                full_year=source.full_year_amount,
                executed=spent,
                rate=execution_rate_percent(source.full_year_amount, spent),
            )
        )

    rows = []
    for position, item in enumerate(computed.indicators, start=1):
        indicator = item.indicator
        rows.append(
            IndicatorRow(
                position=position,
                level1=indicator.level1,
                level2=indicator.level2,
                name=indicator.name,
                target_display=indicator.target_display,
                actual_display=item.actual_display if has_evaluation else "",
                weight=indicator.weight,
                score=item.score.score if has_evaluation else None,
                standard=indicator.standard,
                method=indicator.method,
                deviation_note=item.actual.deviation_note if item.actual is not None else "",
                flags=tuple(flag.value for flag in item.score.flags) if has_evaluation else (),
            )
        )

    narrative = Narrative(
        **{
            name.removesuffix("_text"): getattr(evaluation, name) if evaluation else ""
            for name in NARRATIVE_FIELDS
        }
    )
    uses_rows = tuple(
        FundUse(position=position, purpose=entry.purpose, amount=entry.amount)
        for position, entry in enumerate(uses, start=1)
    )
    return ReportData(
        code=project.code,
        name=project.name,
        year=project.year,
        category=project.get_category_display(),
        unit_name=unit.name,
        department_name=department.name,
        department_code=department.code,
        background=project.background,
        funding=tuple(funding),
        uses=uses_rows,
        uses_total=sum((use.amount for use in uses_rows), Decimal("0.00")),
        policy_intro=project.policy_basis_intro,
        policy_items=policy_items,
        annual_goal=goal.annual_goal if goal is not None else "",
        indicator_groups=indicator_groups(rows, scheme.level1_weights),
        budget_initial=project.budget_initial,
        budget_full_year=project.budget_full_year,
        executed=project.executed,
        execution_rate=result.execution_rate,
        execution_weight=scheme.execution_weight,
        execution_score=result.execution_score if has_evaluation else None,
        indicator_score=result.indicator_score if has_evaluation else None,
        total=result.total if has_evaluation else None,
        grade=result.grade if has_evaluation else "",
        scheme_code=result.scheme_code,
        narrative=narrative,
        has_evaluation=has_evaluation,
        is_demo=project.is_demo,
        generated_on=today or timezone.localdate(),
        period=_period(project),
    )


def _period(project: Project) -> str:
    """The 项目期 as printed in the goal table: "2023-01-01 至 2023-12-31", "—" if unknown."""
    if project.period_start and project.period_end:
        return f"{project.period_start:%Y-%m-%d} 至 {project.period_end:%Y-%m-%d}"
    return "—"
