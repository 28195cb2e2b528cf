"""Loading the demo dataset: the seed project, synthetic units and projects, demo accounts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from jixiao.accounts.models import Organisation, OrganisationKind, Role, User
from jixiao.accounts.services import organisation_create
from jixiao.demo import seed
from jixiao.demo.synthetic import UNITS, synthetic_projects
from jixiao.evaluation.services import ActualInput, self_evaluation_create
from jixiao.goals.library import library_seed
from jixiao.goals.models import Comparator, LibraryIndicator
from jixiao.goals.services import IndicatorSpec, goal_create
from jixiao.ledger.services import ledger_entry_record
from jixiao.projects.models import Category, FundingKind
from jixiao.projects.services import FundingInput, project_create
from jixiao.workflow.states import Status


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    organisation_code: str
    full_name: str
    description: str


DEMO_ACCOUNTS = (
    DemoAccount("staff", Role.STAFF, seed.UNIT["code"], "演示经办人", "经办人，区直机关工委"),
    DemoAccount("head", Role.HEAD, seed.UNIT["code"], "演示单位负责人", "单位负责人，区直机关工委"),
    DemoAccount("reviewer", Role.REVIEWER, seed.BUREAU["code"], "演示审核人", "财政局绩效科审核人"),
    DemoAccount(
        "supervisor",
        Role.SUPERVISOR,
        "440111-D01",
        "演示主管部门审核人",
        "主管部门审核人，示例区教育局",
    ),
    DemoAccount("other", Role.STAFF, "440111-U001", "演示其他单位经办人", "经办人，示例区第一中学"),
    DemoAccount("admin", Role.ADMIN, seed.BUREAU["code"], "演示管理员", "系统管理员"),
)


def demo_is_loaded() -> bool:
    """True when the demo bureau exists, so loading again would duplicate nothing."""
    return Organisation.objects.filter(code=seed.BUREAU["code"]).exists()


@transaction.atomic
def demo_load() -> bool:
    """Load the demo dataset once. Returns False when it was already loaded.

    The indicator library is seeded by a data migration; `flush` (`jixiao demo --reset`, the
    teardown of transactional tests) empties it, so it is restored here, creating nothing twice.
    """
    library_seed(LibraryIndicator)
    if demo_is_loaded():
        return False
    bureau = organisation_create(
        kind=OrganisationKind.BUREAU,
        is_demo=True,
        **seed.BUREAU,  # type: ignore[arg-type]
    )
    unit = organisation_create(
        kind=OrganisationKind.UNIT,
        parent=bureau,
        is_demo=True,
        **seed.UNIT,  # type: ignore[arg-type]
    )
    _load_seed_project(unit)
    units = _load_synthetic_units(bureau)
    _load_synthetic_projects(units)
    _create_accounts()
    return True


def _load_seed_project(unit: Organisation) -> None:
    project = project_create(
        unit=unit,
        year=seed.YEAR,
        code=seed.PROJECT_CODE,
        name=seed.PROJECT_NAME,
        category=Category.RECURRENT,
        background=seed.BACKGROUND,
        policy_items=seed.POLICY_ITEMS,
        funding=[FundingInput(FundingKind.CURRENT, seed.BUDGET, seed.BUDGET)],
        is_demo=True,
        inferences=seed.PROJECT_INFERENCES,
    )
    for date, purpose, amount in seed.LEDGER:
        ledger_entry_record(project=project, date=date, purpose=purpose, amount=amount)
    goal_create(
        project=project,
        annual_goal=seed.ANNUAL_GOAL,
        status=Status.ACCEPTED,
        indicators=[
            IndicatorSpec(
                level1=level1,
                level2=level2,
                name=name,
                comparator=Comparator.EQ,
                target=Decimal("100"),
                measure_unit="%",
                weight=weight,
                standard=standard,
                method=method,
                inferences=dict(seed.INDICATOR_INFERENCES),
            )
            for level1, level2, name, weight, standard, method in seed.INDICATORS
        ],
    )
    # "各项目均能达到工作预期目标和绩效指标": every actual equals its target.
    self_evaluation_create(
        project=project,
        actuals={
            position: ActualInput(actual=Decimal("100"))
            for position in range(1, len(seed.INDICATORS) + 1)
        },
        narrative=seed.NARRATIVE,
        status=Status.HEAD_APPROVED,
        evaluated_on=seed.EVALUATED_ON,
    )


def _load_synthetic_units(bureau: Organisation) -> list[Organisation]:
    departments: dict[str, Organisation] = {}
    units = []
    for index, (department_name, name, short_name) in enumerate(UNITS, start=1):
        parent = bureau
        if department_name is not None:
            if department_name not in departments:
                departments[department_name] = organisation_create(
                    name=department_name,
                    code=f"440111-D{len(departments) + 1:02d}",
                    kind=OrganisationKind.DEPARTMENT,
                    parent=bureau,
                    is_demo=True,
                )
            parent = departments[department_name]
        units.append(
            organisation_create(
                name=name,
                short_name=short_name,
                code=f"440111-U{index:03d}",
                kind=OrganisationKind.UNIT,
                parent=parent,
                is_demo=True,
            )
        )
    return units


def _load_synthetic_projects(units: list[Organisation]) -> None:
    for item in synthetic_projects():
        project = project_create(
            unit=units[item.unit_index],
            year=item.year,
            code=item.code,
            name=item.name,
            category=item.category,
            funding=[FundingInput(FundingKind.CURRENT, item.budget, item.budget)],
            is_demo=True,
        )
        for date, purpose, amount in item.ledger:
            ledger_entry_record(project=project, date=date, purpose=purpose, amount=amount)
        goal_create(
            project=project,
            annual_goal=f"保障{item.name}顺利实施，按期完成年度工作任务，提升服务质量和群众满意度。",
            status=item.goal_status,
            indicators=[
                IndicatorSpec(
                    level1=i.level1,
                    level2=i.level2,
                    name=i.name,
                    comparator=Comparator(i.comparator),
                    target=i.target,
                    target_text="建立并有效运行" if i.comparator == "定性" else "",
                    measure_unit=i.measure_unit,
                    weight=i.weight,
                    standard=f"{i.name}达到年度指标值。",
                    method="查阅资料、现场核查",
                )
                for i in item.indicators
            ],
        )
        if item.evaluation_status is None:
            continue
        self_evaluation_create(
            project=project,
            status=item.evaluation_status,
            actuals={
                position: ActualInput(actual=i.actual, band=i.band)
                for position, i in enumerate(item.indicators, start=1)
            },
            narrative={"actual_goal_text": "按计划推进，详见各项指标完成情况。"},
        )


def _create_accounts() -> None:
    organisations = {o.code: o for o in Organisation.objects.all()}
    for account in DEMO_ACCOUNTS:
        user = User(
            username=account.username,
            full_name=account.full_name,
            role=account.role,
            organisation=organisations[account.organisation_code],
            is_staff=account.role == Role.ADMIN,
            is_superuser=account.role == Role.ADMIN,
        )
        user.set_password(settings.JIXIAO_DEMO_PASSWORD)
        user.save()


DEMO_ROUND_DEADLINE = datetime.date(2023, 8, 15)
DEMO_ROUND_TODAY = datetime.date(2023, 8, 10)


def demo_monitoring_open() -> bool:
    """Open the demo year's 1–7月 monitoring round, so the bureau's overview has work in it.

    Used by `jixiao demo` only (the tests' demo data has no round). The dates are fixed, so the
    deadline warnings are the same on every run. False when a round of 2023 already exists.
    """
    from jixiao.monitoring.models import MonitoringRound
    from jixiao.monitoring.services import monitoring_round_open

    if MonitoringRound.objects.filter(year=seed.YEAR).exists():
        return False
    monitoring_round_open(
        year=seed.YEAR,
        deadline=DEMO_ROUND_DEADLINE,
        actor=User.objects.get(username="reviewer"),
        today=DEMO_ROUND_TODAY,
    )
    return True
