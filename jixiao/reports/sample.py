"""A hand-built `ReportData` of the seed project, without the database.

Used to check an administrator's replacement template before it is stored
(`services.docx_template_validate`), by the renderer tests and by the benchmark.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from jixiao.demo import seed
from jixiao.reports.data import (
    FundingRow,
    FundUse,
    IndicatorRow,
    Narrative,
    PolicyItem,
    ReportData,
    indicator_groups,
)

LEVEL1_ORDER = ("产出指标", "效益指标", "满意度指标")


def sample_report_data(
    *, is_demo: bool = True, has_evaluation: bool = True, complete: bool = False
) -> ReportData:
    """The seed project's report facts: 10万元 budget, 99,975.00 元 spent, nine indicators met,
    total 100.00, grade 优 (or, with `has_evaluation=False`, no scores yet).

    `complete=True` also fills what the seed leaves empty (a policy introduction, a deviation
    note, the project period), so that every loop of a template runs when it is checked.
    """
    executed = sum((amount for _, _, amount in seed.LEDGER), Decimal("0.00"))
    rows = tuple(
        IndicatorRow(
            position=position,
            level1=level1,
            level2=level2,
            name=name,
            target_display="=100%",
            actual_display="100%" if has_evaluation else "",
            weight=weight,
            score=weight if has_evaluation else None,
            standard=standard,
            method=method,
            deviation_note="（示例）偏差原因分析及改进措施。" if complete and position == 1 else "",
        )
        for position, (level1, level2, name, weight, standard, method) in enumerate(
            seed.INDICATORS, start=1
        )
    )
    narrative = (
        Narrative(**{name.removesuffix("_text"): text for name, text in seed.NARRATIVE.items()})
        if has_evaluation
        else Narrative()
    )
    return ReportData(
        code=seed.PROJECT_CODE,
        name=seed.PROJECT_NAME,
        year=seed.YEAR,
        category="常年性",
        unit_name=seed.UNIT["name"],
        department_name=seed.UNIT["name"],
        department_code=seed.UNIT["code"],
        background=seed.BACKGROUND,
        funding=(
            FundingRow(
                "年度资金总额",
                seed.BUDGET,
                seed.BUDGET,
                executed,
                Decimal("99.98"),
                is_total=True,
                weight=Decimal(10),
                score=Decimal("10.00") if has_evaluation else None,
            ),
            FundingRow("当年财政拨款", seed.BUDGET, seed.BUDGET, executed, Decimal("99.98")),
            FundingRow("上年结转资金", None, None, None, None),
            FundingRow("其他资金", None, None, None, None),
        ),
        uses=tuple(
            FundUse(position=position, purpose=purpose, amount=amount)
            for position, (_, purpose, amount) in enumerate(seed.LEDGER, start=1)
        ),
        uses_total=executed,
        policy_intro="（示例）政策依据说明。" if complete else "",
        policy_items=tuple(
            PolicyItem(position=position, text=text)
            for position, text in enumerate(seed.POLICY_ITEMS, start=1)
        ),
        annual_goal=seed.ANNUAL_GOAL,
        indicator_groups=indicator_groups(rows, LEVEL1_ORDER),
        budget_initial=seed.BUDGET,
        budget_full_year=seed.BUDGET,
        executed=executed,
        execution_rate=Decimal("99.98"),
        execution_weight=Decimal(10),
        execution_score=Decimal("10.00") if has_evaluation else None,
        indicator_score=Decimal("90.00") if has_evaluation else None,
        total=Decimal("100.00") if has_evaluation else None,
        grade="优" if has_evaluation else "",
        scheme_code="national-2020",
        narrative=narrative,
        has_evaluation=has_evaluation,
        is_demo=is_demo,
        generated_on=datetime.date(2024, 3, 15),
        period="2023-01-01 至 2023-12-31" if complete else "—",
    )
