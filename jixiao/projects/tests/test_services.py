"""Registering a project (generated code, empty draft goal) and editing its funding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jixiao.audit.models import AuditEvent
from jixiao.goals.models import Goal
from jixiao.projects.models import Category, FundingKind, FundingSource, Project
from jixiao.projects.selectors import project_code_next
from jixiao.projects.services import FundingInput, project_funding_update, project_register
from jixiao.workflow.states import Status

pytestmark = pytest.mark.django_db

FUNDING = [
    FundingInput(FundingKind.CURRENT, Decimal("80000"), Decimal("90000.50")),
    FundingInput(FundingKind.CARRYOVER, Decimal("5000"), Decimal("5000")),
]


def _register(users, **overrides):
    staff = users["staff"]
    values = {
        "unit": staff.organisation,
        "year": 2024,
        "name": "基层党组织书记轮训经费",
        "category": Category.ONE_OFF,
        "funding": FUNDING,
        "background": "落实年度轮训计划。",
        "policy_items": ["《中国共产党支部工作条例（试行）》", " ", "区委组织部年度计划"],
        "actor": staff,
    }
    values.update(overrides)
    return project_register(**values)


def _counts():
    return (Project.objects.count(), Goal.objects.count(), AuditEvent.objects.count())


def test_it_generates_the_next_code_from_the_division_and_year(users):
    unit = users["staff"].organisation
    # 440111-2023-0001 and the synthetic 0101…0136 are taken.
    assert project_code_next(unit, 2023) == "440111-2023-0137"
    assert project_code_next(unit, 2024) == "440111-2024-0001"


def test_it_registers_a_project_with_funding_policy_and_an_empty_draft_goal(users):
    project = _register(users)
    assert project.code == "440111-2024-0001"
    assert (project.budget_initial, project.budget_full_year) == (
        Decimal("85000.00"),
        Decimal("95000.50"),
    )
    assert list(project.policy_items.values_list("position", "text")) == [
        (1, "《中国共产党支部工作条例（试行）》"),
        (2, "区委组织部年度计划"),
    ]
    goal = Goal.objects.get(project=project)
    assert (goal.status, goal.annual_goal, goal.indicators.count()) == (Status.DRAFT, "", 0)
    assert AuditEvent.objects.filter(project_id=project.pk, action="project.create").count() == 1
    assert _register(users).code == "440111-2024-0002"


@pytest.mark.parametrize("username", ["head", "reviewer", "supervisor", "admin"])
def test_it_refuses_anyone_but_unit_staff(users, username):
    before = _counts()
    with pytest.raises(PermissionDenied):
        _register(users, actor=users[username])
    assert _counts() == before


def test_it_refuses_creating_in_another_unit(users):
    before = _counts()
    with pytest.raises(PermissionDenied):
        _register(users, actor=users["other"])
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "  "}, ["请填写项目名称。"]),
        ({"year": 1999}, ["年度应在 2000 至 2100 之间。"]),
        ({"funding": []}, ["请至少填写一项资金来源及其预算数。"]),
        (
            {"funding": [FundingInput(FundingKind.OTHER, Decimal("-1"), Decimal("0"))]},
            ["预算数不能为负数。"],
        ),
    ],
)
def test_it_refuses_bad_input(users, overrides, message):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        _register(users, **overrides)
    assert refused.value.messages == message
    assert _counts() == before


def test_it_updates_funding_while_the_goal_is_a_draft_with_an_audit(users):
    project = _register(users)
    project_funding_update(
        project=project,
        funding=[FundingInput(FundingKind.CURRENT, Decimal("80000"), Decimal("100000"))],
        reason="追加预算",
        actor=users["staff"],
    )
    project.refresh_from_db()
    assert project.budget_full_year == Decimal("100000.00")
    assert list(project.funding_sources.values_list("kind", flat=True)) == ["current"]
    event = AuditEvent.objects.get(project_id=project.pk, action="project.funding_update")
    assert event.reason == "追加预算"
    assert event.changes == {
        "current.full_year_amount": ["90000.50", "100000.00"],
        "carryover.initial_amount": ["5000.00", None],
        "carryover.full_year_amount": ["5000.00", None],
        "budget_full_year": ["95000.50", "100000.00"],
    }


def test_it_refuses_funding_changes_once_the_goal_is_approved(users):
    project = Project.objects.get(code="440111-2023-0001")
    before = (
        list(FundingSource.objects.filter(project=project).values_list("full_year_amount")),
        AuditEvent.objects.count(),
    )
    with pytest.raises(ValidationError) as refused:
        project_funding_update(project=project, funding=FUNDING, actor=users["staff"])
    assert refused.value.messages == [
        "绩效目标状态为“已通过”，资金来源已锁定；如需变更请提出调整申请。"
    ]
    after = (
        list(FundingSource.objects.filter(project=project).values_list("full_year_amount")),
        AuditEvent.objects.count(),
    )
    assert after == before


@pytest.mark.parametrize("username", ["head", "reviewer", "other"])
def test_it_refuses_funding_changes_by_others(users, username):
    project = _register(users)
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        project_funding_update(project=project, funding=FUNDING[:1], actor=users[username])
    project.refresh_from_db()
    assert (project.budget_full_year, AuditEvent.objects.count()) == (Decimal("95000.50"), before)
