"""新建项目 and 资金来源 pages: roles, wrong amounts kept as typed, the generated code."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from jixiao.audit.models import AuditEvent
from jixiao.goals.models import Goal
from jixiao.projects.models import Project

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "基层党组织书记轮训经费",
    "year": "2024",
    "category": "one_off",
    "background": "落实年度轮训计划。",
    "policy_items": "《中国共产党支部工作条例（试行）》\n区委组织部年度计划",
    "current_initial": "80,000.00",
    "current_full_year": "90,000.50",
    "carryover_initial": "",
    "carryover_full_year": "",
    "other_initial": "",
    "other_full_year": "",
}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _counts():
    return (Project.objects.count(), Goal.objects.count(), AuditEvent.objects.count())


def test_it_offers_the_new_project_link_to_unit_staff_only(users):
    assert "新建项目" in _client(users["staff"]).get("/projects/").content.decode()
    for username in ("head", "reviewer"):
        assert "新建项目" not in _client(users[username]).get("/projects/").content.decode()


@pytest.mark.parametrize(("username", "status"), [("staff", 200), ("other", 200)])
def test_it_shows_the_form_to_unit_staff(users, username, status):
    response = _client(users[username]).get("/projects/new/")
    assert response.status_code == status
    assert "新建项目" in response.content.decode()


@pytest.mark.parametrize("username", ["head", "reviewer", "supervisor", "admin"])
def test_it_refuses_the_form_and_the_post_to_others(users, username):
    before = _counts()
    client = _client(users[username])
    assert client.get("/projects/new/").status_code == 403
    assert client.post("/projects/new/", GOOD).status_code == 403
    assert _counts() == before


def test_it_creates_the_project_and_opens_it(users):
    response = _client(users["staff"]).post("/projects/new/", GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/projects/440111-2024-0001/"
    project = Project.objects.get(code="440111-2024-0001")
    assert (project.budget_initial, project.budget_full_year, project.category) == (
        Decimal("80000.00"),
        Decimal("90000.50"),
        "one_off",
    )
    assert Goal.objects.filter(project=project, status="draft").exists()
    page = _client(users["staff"]).get("/projects/440111-2024-0001/")
    assert page.status_code == 200
    assert "基层党组织书记轮训经费" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("current_full_year", "-100", "金额不能为负数（-100）。"),
        ("current_full_year", "十万", "无法识别数值“十万”"),
        ("current_full_year", "100.123", "金额“100.123”最多保留两位小数（到分）。"),
        ("current_full_year", "", "请同时填写当年财政拨款的年初预算数和全年预算数。"),
        ("year", "20x4", "年度应为四位数字，如 2024。"),
        ("name", "", "请填写项目名称。"),
    ],
)
def test_it_refuses_bad_input_and_keeps_what_was_typed(users, field, value, message):
    before = _counts()
    response = _client(users["staff"]).post("/projects/new/", {**GOOD, field: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="80,000.00"' in html
    assert "落实年度轮训计划。" in html
    assert _counts() == before


def test_it_refuses_a_project_without_any_funding(users):
    before = _counts()
    data = {**GOOD, "current_initial": "", "current_full_year": ""}
    response = _client(users["staff"]).post("/projects/new/", data)
    assert response.status_code == 400
    assert "请至少填写一项资金来源的年初预算数和全年预算数。" in response.content.decode()
    assert _counts() == before


def test_it_edits_funding_of_a_draft_project_and_refuses_an_approved_one(users):
    staff = _client(users["staff"])
    staff.post("/projects/new/", GOOD)
    response = staff.get("/projects/440111-2024-0001/funding/")
    assert 'value="90000.50"' in response.content.decode()
    data = {
        **{k: v for k, v in GOOD.items() if "_" in k and k != "policy_items"},
        "current_full_year": "95,000",
        "reason": "追加",
    }
    assert staff.post("/projects/440111-2024-0001/funding/", data).status_code == 302
    assert Project.objects.get(code="440111-2024-0001").budget_full_year == Decimal("95000.00")
    before = AuditEvent.objects.count()
    response = staff.post("/projects/440111-2023-0001/funding/", data)
    assert response.status_code == 400
    assert "资金来源已锁定" in response.content.decode()
    seed = Project.objects.get(code="440111-2023-0001")
    assert (seed.budget_full_year, AuditEvent.objects.count()) == (Decimal("100000.00"), before)


def test_it_hides_another_units_funding_page(users):
    assert _client(users["other"]).get("/projects/440111-2023-0001/funding/").status_code == 404
