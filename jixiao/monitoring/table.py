"""项目支出绩效目标执行监控表 (财预〔2019〕136号 附件, rules.md §2.3): builder → frozen dataclasses.

The builder reads a report in a bounded number of queries and formats every figure (万元 with
four decimals, rates in percent); the renderers (`jixiao.monitoring.renderers`) only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from jixiao.accounts.models import OrganisationKind
from jixiao.goals.models import Comparator, Goal, decimal_plain
from jixiao.ledger.models import LedgerEntry
from jixiao.monitoring.models import DeviationCause, MonitoringReport
from jixiao.monitoring.selectors import report_indicator_rows
from jixiao.projects.models import FundingKind
from jixiao.reports.numbers import percent, wan_table
from jixiao.rules.monitoring import checkpoint_end, monitoring_execution_rate

CAUSES = tuple(DeviationCause.values)
NOTES = (
    "1. 偏差原因分析：对指标执行情况偏离预期的，分析偏差原因，可多选。",
    "2. 完成目标可能性：结合目标实现路径，判断完成目标的可能性，"
    "分为确定能、有可能、完全不可能三档。",
    "3. 备注：对预计到年底不能完成目标的，说明原因及拟采取的措施。",
)


@dataclass(frozen=True)
class FundingLine:
    """One row of 项目资金（万元）: label, 年初预算数, 1-N月执行数, 1-N月执行率, 全年预计执行数."""

    label: str
    budget: str
    executed: str
    rate: str
    forecast: str


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator row; `causes` ticks the five 偏差原因 columns in `CAUSES` order."""

    level1: str
    level2: str
    name: str
    target: str
    progress: str
    forecast: str
    causes: tuple[bool, ...]
    likelihood: str
    remarks: str


@dataclass(frozen=True)
class MonitoringTable:
    """Everything printed on one monitoring table, as text."""

    year: int
    month: int
    project_code: str
    project_name: str
    department: str
    department_code: str
    unit: str
    funding: tuple[FundingLine, ...]
    annual_goal: str
    goal_progress: str
    indicators: tuple[IndicatorLine, ...]
    is_demo: bool

    @property
    def title(self) -> str:
        return f"项目支出绩效目标执行监控表（{self.year}年度）"

    @property
    def period(self) -> str:
        """ "1-7月"."""
        return f"1-{self.month}月"


def _value(comparator: str, number: Decimal | None, band: str, measure_unit: str) -> str:
    if comparator == Comparator.QUALITATIVE:
        return band
    if number is None:
        return ""
    return f"{decimal_plain(number)}{measure_unit}"


def monitoring_table_build(report: MonitoringReport) -> MonitoringTable:
    """The monitoring table of `report` (six queries, whatever the number of indicators)."""
    project = report.project
    round_ = report.round
    unit = project.unit
    department = (
        unit.parent if unit.parent and unit.parent.kind == OrganisationKind.DEPARTMENT else None
    )
    budgets = {source.kind: source.initial_amount for source in project.funding_sources.all()}
    executed_by_kind = dict(
        LedgerEntry.objects.filter(
            project=project, date__lte=checkpoint_end(round_.year, round_.checkpoint_month)
        )
        .order_by()
        .values("funding_kind")
        .annotate(total=Sum("amount"))
        .values_list("funding_kind", "total")
    )
    total_budget = sum(budgets.values(), Decimal(0))
    total_executed = sum(executed_by_kind.values(), Decimal(0))
    funding = [
        FundingLine(
            "年度资金总额",
            wan_table(total_budget),
            wan_table(total_executed),
            percent(monitoring_execution_rate(total_budget, total_executed)),
            wan_table(report.forecast_executed),
        )
    ]
    for kind, label in FundingKind.choices:
        budget = budgets.get(kind, Decimal(0))
        executed = executed_by_kind.get(kind) or Decimal(0)
        funding.append(
            FundingLine(
                f"其中：{label}" if kind == FundingKind.CURRENT else label,
                wan_table(budget),
                wan_table(executed),
                percent(monitoring_execution_rate(budget, executed)),
                "",
            )
        )
    goal = Goal.objects.filter(project=project).first()
    lines = []
    for item in report_indicator_rows(report):
        indicator, row = item.indicator, item.row
        causes = set(row.deviation_causes) if row else set()
        lines.append(
            IndicatorLine(
                level1=indicator.level1,
                level2=indicator.level2,
                name=indicator.name,
                target=indicator.target_display,
                progress=_value(
                    indicator.comparator,
                    row.progress if row else None,
                    row.progress_band if row else "",
                    indicator.measure_unit,
                ),
                forecast=_value(
                    indicator.comparator,
                    row.forecast if row else None,
                    row.forecast_band if row else "",
                    indicator.measure_unit,
                ),
                causes=tuple(cause in causes for cause in CAUSES),
                likelihood=row.likelihood if row else "",
                remarks=row.remarks if row else "",
            )
        )
    return MonitoringTable(
        year=round_.year,
        month=round_.checkpoint_month,
        project_code=project.code,
        project_name=project.name,
        department=department.name if department else "",
        department_code=department.code if department else "",
        unit=unit.name,
        funding=tuple(funding),
        annual_goal=goal.annual_goal if goal else "",
        goal_progress=report.goal_progress_text,
        indicators=tuple(lines),
        is_demo=project.is_demo,
    )
