"""A deterministic synthetic district or province for benchmarks and demos, loaded in bulk.

`generated_load(units=N, projects_per_unit=M, year=Y, seed=S)` writes an organisation tree
(finance bureau → supervising departments → units), N × M projects with funding, goals,
indicators and ledger entries over the year, a monitoring round at the scheme's month with
reports in every state (figures and warnings computed by the same `report_figures` as the
services), and self-evaluations in every state with their total and grade computed by the rules
package. Rows go in in bulk (COPY on PostgreSQL, executemany on SQLite), a chunk of units at a
time; no per-row service runs, so 100,000 projects load in minutes.

Everything is synthetic and marked as demo data (演示数据); codes start with "GEN<seed>-".
"""

from __future__ import annotations

import datetime
import functools
import json
import random
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from jixiao.accounts.models import Organisation, OrganisationKind, Role, User
from jixiao.evaluation.models import SelfEvaluation
from jixiao.goals.models import Goal, Indicator
from jixiao.ledger.models import LedgerEntry
from jixiao.monitoring.models import (
    IndicatorProgress,
    Likelihood,
    MonitoringReport,
    MonitoringRound,
)
from jixiao.monitoring.services import (
    indicator_input,
    report_figures,
    unit_summaries_refresh,
    warning_rows,
)
from jixiao.projects.models import Category, FundingKind, FundingSource, Project
from jixiao.rules import (
    EvaluationInput,
    IndicatorInput,
    QualitativeBand,
    evaluate,
    execution_rate_percent,
    round_money,
    scheme_get,
)
from jixiao.rules.monitoring import checkpoint_end
from jixiao.workflow.states import Status

BATCH = 5000
UNITS_PER_DEPARTMENT = 20
UNIT_CHUNK = 200
PASSWORD = "Jixiao@2026"

# (一级, 二级, 三级, comparator, target, unit, weight): weights give 产出 50, 效益 30, 满意度 10.
INDICATORS = (
    ("产出指标", "数量指标", "开展服务及活动场次", "≥", Decimal(24), "场", Decimal(30)),
    ("产出指标", "质量指标", "项目验收合格率", "≥", Decimal(95), "%", Decimal(20)),
    ("效益指标", "社会效益指标", "服务质量和管理水平提升", "定性", None, "", Decimal(30)),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", Decimal(90), "%", Decimal(10)),
)
THEMES = ("专项业务经费", "设备购置经费", "信息化运维经费", "公共服务补助", "培训及宣传经费")
# Share of the full-year spending falling in months 3, 5, 7, 9, 11, 12 (several patterns so the
# checkpoint rate varies: on time, late, idle until summer, front-loaded).
SPENDING_MONTHS = (3, 5, 7, 9, 11, 12)
SPENDING_PATTERNS = (
    (Decimal("0.15"), Decimal("0.15"), Decimal("0.25"), Decimal("0.15"), Decimal("0.15")),
    (Decimal("0.05"), Decimal("0.10"), Decimal("0.15"), Decimal("0.25"), Decimal("0.25")),
    (Decimal("0"), Decimal("0"), Decimal("0.02"), Decimal("0.38"), Decimal("0.30")),
    (Decimal("0.30"), Decimal("0.25"), Decimal("0.20"), Decimal("0.10"), Decimal("0.10")),
    (Decimal("0.10"), Decimal("0.10"), Decimal("0.10"), Decimal("0.30"), Decimal("0.20")),
)
COMPLETION = (Decimal("1"), Decimal("1"), Decimal("0.9"), Decimal("0.75"), Decimal("0.5"))
PROGRESS = (Decimal("0.4"), Decimal("0.55"), Decimal("0.6"), Decimal("0.65"), Decimal("0.75"))
BANDS = tuple(QualitativeBand)
# (started, monitoring status) — every stage of the overview appears.
REPORT_STATES = (
    (False, Status.DRAFT),
    (True, Status.DRAFT),
    (True, Status.SUBMITTED),
    (True, Status.HEAD_APPROVED),
    (True, Status.DEPARTMENT_APPROVED),
    (True, Status.RETURNED),
    (True, Status.ACCEPTED),
    (True, Status.ACCEPTED),
)
EVALUATION_STATES = (
    None,
    Status.DRAFT,
    Status.SUBMITTED,
    Status.HEAD_APPROVED,
    Status.DEPARTMENT_APPROVED,
    Status.ACCEPTED,
    Status.ACCEPTED,
    Status.RETURNED,
    Status.REJECTED,
)


class TableWriter:
    """Inserts model instances much faster than `bulk_create`: ids are given here (from the
    table's current maximum), the values read from the instances' concrete fields, and the rows
    sent with PostgreSQL's COPY or SQLite's executemany. Only for the generator, which is the
    one writer while it runs; `finish` moves PostgreSQL's id sequences past the new rows."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.next_ids: dict[type[models.Model], int] = {}

    def insert(self, objects: list) -> list:
        """Insert `objects` (all of one model) and set their primary keys; returns them."""
        if not objects:
            return objects
        model = type(objects[0])
        start = self._reserve(model, len(objects))
        fields = model._meta.concrete_fields
        rows = []
        for offset, obj in enumerate(objects):
            obj.pk = start + offset
            rows.append(tuple(self._adapt(field.pre_save(obj, True)) for field in fields))
        table = model._meta.db_table
        columns = [field.column for field in fields]
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                from psycopg import sql

                statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                    sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
                )
                with cursor.cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                for first in range(0, len(rows), BATCH):
                    cursor.executemany(
                        f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) "
                        f"VALUES ({marks})",
                        rows[first : first + BATCH],
                    )
        return objects

    def finish(self) -> None:
        """Reset PostgreSQL's id sequences of the tables written."""
        if self.vendor != "postgresql" or not self.next_ids:
            return
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(self.next_ids)):
                cursor.execute(statement)

    def _reserve(self, model, count: int) -> int:
        if model not in self.next_ids:
            self.next_ids[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        start = self.next_ids[model]
        self.next_ids[model] = start + count
        return start

    def _adapt(self, value):
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        if self.vendor == "postgresql":
            return value
        if isinstance(value, datetime.datetime):
            return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value


class AlreadyGenerated(ValueError):
    """The data set of this seed is already in the database."""


def bureau_code(seed: int) -> str:
    return f"GEN{seed}-B"


def generated_exists(seed: int) -> bool:
    """True when the data set of `seed` has been loaded."""
    return Organisation.objects.filter(code=bureau_code(seed)).exists()


@functools.lru_cache(maxsize=65536)
def _evaluation(rate_percent: int, levels: tuple[int, int, int, int], scheme_code: str):
    """(execution score, indicator score, total, grade) at an execution rate and indicator
    completion levels, with the rules package; cached because both come from small sets."""
    scheme = scheme_get(scheme_code)
    indicators = []
    for (level1, level2, name, comparator, target, _unit, weight), level in zip(
        INDICATORS, levels, strict=True
    ):
        if comparator == "定性":
            indicators.append(
                IndicatorInput(
                    level1=level1,
                    level2=level2,
                    name=name,
                    comparator=comparator,
                    weight=weight,
                    band=BANDS[level % len(BANDS)],
                )
            )
        else:
            indicators.append(
                IndicatorInput(
                    level1=level1,
                    level2=level2,
                    name=name,
                    comparator=comparator,
                    weight=weight,
                    target=target,
                    actual=target * COMPLETION[level],
                )
            )
    result = evaluate(
        EvaluationInput(
            budget=Decimal(100), executed=Decimal(rate_percent), indicators=tuple(indicators)
        ),
        scheme,
    )
    return result.execution_score, result.indicator_score, result.total, result.grade


def generated_load(
    *,
    units: int,
    projects_per_unit: int,
    year: int,
    seed: int = 1,
    scheme_code: str = "national-2020",
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Load the data set; returns the number of rows written per table.

    Raises AlreadyGenerated when the seed's data set exists, ValueError (Chinese) for a count
    below 1 or a year outside 2000–2100.
    """
    if units < 1 or projects_per_unit < 1:
        raise ValueError("单位数和每个单位的项目数都至少为 1。")
    if not 2000 <= year <= 2100:
        raise ValueError(f"年度 {year} 无效，应在 2000 到 2100 之间。")
    if generated_exists(seed):
        raise AlreadyGenerated(f"种子 {seed} 的模拟数据已经生成（机构编码 {bureau_code(seed)}）。")
    scheme = scheme_get(scheme_code)
    say = progress or (lambda _text: None)
    rng = random.Random(seed)
    counts: dict[str, int] = {}

    def add(name: str, number: int) -> None:
        counts[name] = counts.get(name, 0) + number

    with transaction.atomic():
        bureau, departments, unit_rows = _organisations(seed, units, rng)
        add("organisations", 1 + len(departments) + len(unit_rows))
        add("users", _users(seed, bureau, departments, unit_rows))
        round_, _created = MonitoringRound.objects.get_or_create(
            year=year,
            checkpoint_month=scheme.monitoring_month,
            defaults={
                "deadline": checkpoint_end(year, scheme.monitoring_month)
                + datetime.timedelta(days=15),
                "scheme_code": scheme.code,
            },
        )
    # Deadline warnings are dated three days before the deadline, so the data set does not
    # depend on the day it is generated.
    today = round_.deadline - datetime.timedelta(days=3)
    writer = TableWriter()
    for start in range(0, len(unit_rows), UNIT_CHUNK):
        chunk = unit_rows[start : start + UNIT_CHUNK]
        with transaction.atomic():
            _projects(writer, seed, year, chunk, projects_per_unit, rng, round_, scheme, today, add)
        say(f"已生成 {min(start + UNIT_CHUNK, len(unit_rows))}/{len(unit_rows)} 个单位的项目")
    writer.finish()
    unit_summaries_refresh(round_=round_)
    round_.computed_at = timezone.now()
    round_.computed_on = today
    round_.save(update_fields=["computed_at", "computed_on"])
    return counts


def _organisations(seed: int, units: int, rng: random.Random):
    prefix = f"GEN{seed}"
    bureau = Organisation.objects.create(
        name=f"模拟{seed}号财政局",
        short_name=f"模拟财政局{seed}",
        code=bureau_code(seed),
        kind=OrganisationKind.BUREAU,
        is_demo=True,
    )
    bureau.path = f"/{bureau.pk}/"
    bureau.save(update_fields=["path"])
    department_count = max(1, units // UNITS_PER_DEPARTMENT)
    departments = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"模拟第{index}主管部门",
                short_name=f"模拟部门{index}",
                code=f"{prefix}-D{index:05d}",
                kind=OrganisationKind.DEPARTMENT,
                parent=bureau,
                is_demo=True,
            )
            for index in range(1, department_count + 1)
        ],
        batch_size=BATCH,
    )
    for department in departments:
        department.path = f"{bureau.path}{department.pk}/"
    Organisation.objects.bulk_update(departments, ["path"], batch_size=BATCH)
    parents = []
    for _index in range(units):
        # One unit in five sits directly under the bureau (no supervising department).
        parents.append(bureau if rng.random() < 0.2 else rng.choice(departments))
    unit_rows = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"模拟第{index}预算单位",
                short_name=f"模拟单位{index}",
                code=f"{prefix}-U{index:06d}",
                kind=OrganisationKind.UNIT,
                parent=parent,
                is_demo=True,
            )
            for index, parent in enumerate(parents, start=1)
        ],
        batch_size=BATCH,
    )
    for unit in unit_rows:
        unit.path = f"{unit.parent.path}{unit.pk}/"
    Organisation.objects.bulk_update(unit_rows, ["path"], batch_size=BATCH)
    return bureau, departments, unit_rows


def _users(seed: int, bureau, departments, unit_rows) -> int:
    password = make_password(PASSWORD)
    supervised = next(unit for unit in unit_rows if unit.parent_id != bureau.pk)
    users = [
        User(username=f"gen{seed}-reviewer", role=Role.REVIEWER, organisation=bureau),
        User(
            username=f"gen{seed}-supervisor",
            role=Role.SUPERVISOR,
            organisation=supervised.parent,
        ),
        User(username=f"gen{seed}-staff", role=Role.STAFF, organisation=unit_rows[0]),
    ]
    for user in users:
        user.password = password
        user.full_name = f"模拟{user.get_role_display()}"
    User.objects.bulk_create(users)
    return len(users)


def _projects(writer, seed, year, units, per_unit, rng, round_, scheme, today, add) -> None:
    prefix = f"GEN{seed}"
    checkpoint = checkpoint_end(year, round_.checkpoint_month)
    plans = []
    projects = []
    for unit in units:
        department_id = unit.parent_id if unit.parent.kind == OrganisationKind.DEPARTMENT else None
        for _index in range(per_unit):
            number = int(unit.code.rsplit("U", 1)[1]) * 1000 + _index
            budget = Decimal(rng.randint(500, 50000) * 100)
            rate = rng.choice((0, 35, 60, 75, 85, 90, 95, 98, 100, 100, 100))
            executed = round_money(budget * Decimal(rate) / Decimal(100))
            plan = {
                "unit": unit,
                "department_id": department_id,
                "budget": budget,
                "executed": executed,
                "rate": rate,
                "pattern": rng.choice(SPENDING_PATTERNS),
                "levels": tuple(rng.randrange(len(COMPLETION)) for _ in INDICATORS),
                "progress": tuple(rng.randrange(len(PROGRESS)) for _ in INDICATORS),
                "report_state": rng.choice(REPORT_STATES),
                "evaluation_state": rng.choice(EVALUATION_STATES),
            }
            plans.append(plan)
            projects.append(
                Project(
                    unit=unit,
                    year=year,
                    code=f"{prefix}-{year}-{number:09d}",
                    name=f"{unit.short_name}{rng.choice(THEMES)}",
                    category=rng.choice(Category.values),
                    budget_initial=budget,
                    budget_full_year=budget,
                    executed=executed,
                    execution_rate=execution_rate_percent(budget, executed),
                    is_demo=True,
                )
            )
    projects = writer.insert(projects)
    add("projects", len(projects))
    writer.insert(
        [
            FundingSource(
                project=project,
                kind=FundingKind.CURRENT,
                initial_amount=plan["budget"],
                full_year_amount=plan["budget"],
            )
            for project, plan in zip(projects, plans, strict=True)
        ],
    )
    add("funding_sources", len(projects))
    goals = writer.insert(
        [
            Goal(
                project=project,
                annual_goal=f"按计划完成{project.name}各项任务。",
                status=Status.ACCEPTED,
            )
            for project in projects
        ],
    )
    add("goals", len(goals))
    indicators = writer.insert(
        [
            Indicator(
                goal=goal,
                position=position,
                level1=level1,
                level2=level2,
                name=name,
                comparator=comparator,
                target=target,
                target_text="按期完成并取得实效" if target is None else "",
                measure_unit=measure_unit,
                weight=weight,
            )
            for goal in goals
            for position, (level1, level2, name, comparator, target, measure_unit, weight) in (
                enumerate(INDICATORS, start=1)
            )
        ],
    )
    add("indicators", len(indicators))
    entries = []
    executed_to_checkpoint = []
    for project, plan in zip(projects, plans, strict=True):
        shares = plan["pattern"]
        amounts = [round_money(plan["executed"] * share) for share in shares]
        amounts.append(plan["executed"] - sum(amounts, Decimal(0)))
        to_date = Decimal(0)
        for month, amount in zip(SPENDING_MONTHS, amounts, strict=True):
            if amount <= 0:
                continue
            day = datetime.date(year, month, 15)
            if day <= checkpoint:
                to_date += amount
            entries.append(
                LedgerEntry(
                    project=project,
                    date=day,
                    purpose=f"{project.name}第{month}月支出",
                    amount=amount,
                    funding_kind=FundingKind.CURRENT,
                )
            )
        executed_to_checkpoint.append(to_date)
    writer.insert(entries)
    add("ledger_entries", len(entries))
    reports = []
    pending_rows = []
    findings = []
    for index, (project, plan) in enumerate(zip(projects, plans, strict=True)):
        started, status = plan["report_state"]
        project_indicators = indicators[index * len(INDICATORS) : (index + 1) * len(INDICATORS)]
        inputs = []
        rows_of_report = []
        if started:
            for indicator, level in zip(project_indicators, plan["progress"], strict=True):
                qualitative = indicator.target is None
                progress = None if qualitative else indicator.target * PROGRESS[level]
                band = BANDS[level % len(BANDS)].value if qualitative else ""
                rows_of_report.append(
                    IndicatorProgress(
                        indicator=indicator,
                        progress=progress,
                        progress_band=band,
                        forecast=indicator.target,
                        forecast_band=band,
                        deviation_causes=[] if level >= 2 else ["经费保障"],
                        likelihood=Likelihood.CERTAIN if level >= 2 else Likelihood.POSSIBLE,
                        remarks="" if level >= 2 else "加快实施进度。",
                    )
                )
                inputs.append(
                    indicator_input(
                        indicator.name, indicator.comparator, indicator.target, progress, band
                    )
                )
        computed = report_figures(
            subject=project.code,
            round_=round_,
            scheme=scheme,
            budget=plan["budget"],
            executed=executed_to_checkpoint[index],
            indicators=inputs,
            is_submitted=started and status not in (Status.DRAFT, Status.RETURNED),
            today=today,
        )
        reports.append(
            MonitoringReport(
                round=round_,
                project=project,
                unit=plan["unit"],
                department_id=plan["department_id"],
                status=status,
                started_at=round_.opened_at if started else None,
                submitted_at=round_.opened_at if started and status != Status.DRAFT else None,
                forecast_executed=plan["executed"] if started else None,
                goal_progress_text="按计划推进。" if started else "",
                **computed.values,
            )
        )
        pending_rows.append(rows_of_report)
        findings.append(computed.findings)
    reports = writer.insert(reports)
    add("monitoring_reports", len(reports))
    rows = []
    warnings = []
    for report, rows_of_report, found in zip(reports, pending_rows, findings, strict=True):
        for row in rows_of_report:
            row.report = report
        rows.extend(rows_of_report)
        warnings.extend(warning_rows(report, found))
    writer.insert(rows)
    add("indicator_progress", len(rows))
    writer.insert(warnings)
    add("warnings", len(warnings))
    evaluations = []
    for project, plan in zip(projects, plans, strict=True):
        status = plan["evaluation_state"]
        if status is None:
            continue
        execution, indicator, total, grade = _evaluation(plan["rate"], plan["levels"], scheme.code)
        evaluations.append(
            SelfEvaluation(
                project=project,
                status=status,
                scheme_code=scheme.code,
                execution_score=execution,
                indicator_score=indicator,
                total=total,
                grade=grade,
                evaluated_on=datetime.date(year + 1, 3, 15),
            )
        )
    writer.insert(evaluations)
    add("self_evaluations", len(evaluations))
