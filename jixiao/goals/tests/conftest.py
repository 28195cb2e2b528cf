"""Fixtures of the goals tests: a draft goal of the seed unit, the demo accounts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.accounts.models import User
from jixiao.goals.models import Comparator, Goal
from jixiao.goals.services import IndicatorSpec, goal_create
from jixiao.projects.models import FundingKind
from jixiao.projects.services import FundingInput, project_create
from jixiao.workflow.states import Status

DRAFT_CODE = "440111-2024-0901"


def spec(name: str, level1: str, level2: str, weight: str, **extra) -> IndicatorSpec:
    values = {
        "comparator": Comparator.GE,
        "target": Decimal("100"),
        "measure_unit": "人次",
        "standard": f"{name}达到100。",
        "method": f"查阅{name}记录",
    }
    values.update(extra)
    return IndicatorSpec(level1=level1, level2=level2, name=name, weight=Decimal(weight), **values)


SOUND = (
    spec("培训人次", "产出指标", "数量指标", "30"),
    spec("培训合格率", "产出指标", "质量指标", "20", measure_unit="%", target=Decimal("95")),
    spec("岗位胜任率", "效益指标", "社会效益指标", "30", measure_unit="%", target=Decimal("90")),
    spec("参训人员满意度", "满意度指标", "服务对象满意度指标", "10", measure_unit="%"),
)


@pytest.fixture
def staff() -> User:
    return User.objects.get(username="staff")


@pytest.fixture
def head() -> User:
    return User.objects.get(username="head")


@pytest.fixture
def other() -> User:
    return User.objects.get(username="other")


@pytest.fixture
def reviewer() -> User:
    return User.objects.get(username="reviewer")


@pytest.fixture
def seed_goal() -> Goal:
    return Goal.objects.get(project__code="440111-2023-0001")


def draft_project(staff: User, *, code: str = DRAFT_CODE, status: Status = Status.DRAFT) -> Goal:
    project = project_create(
        unit=staff.organisation,
        year=2024,
        code=code,
        name="机关党员教育培训经费",
        funding=[FundingInput(FundingKind.CURRENT, Decimal("50000"), Decimal("50000"))],
        actor=staff,
    )
    return goal_create(
        project=project, annual_goal="完成年度党员教育培训。", indicators=SOUND, status=status
    )


@pytest.fixture
def draft_goal(staff) -> Goal:
    """A draft goal of the staff's unit with four sound indicators (weights 50/30/10)."""
    return draft_project(staff)


@pytest.fixture
def draft_project_code(draft_goal) -> str:
    return draft_goal.project.code
