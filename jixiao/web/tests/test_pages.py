"""The pages as each role sees them, including forged URLs."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.accounts.models import User

pytestmark = pytest.mark.django_db

SEED = "/projects/440111-2023-0001/"
OTHER = "/projects/440111-2023-0101/"  # a project of 示例区第一中学


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_it_sends_anonymous_visitors_to_the_login_page():
    for url in ("/", "/projects/", SEED, "/review/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_it_shows_unit_staff_the_seed_project_with_its_figures():
    html = _client("staff").get(SEED).content.decode()
    for text in (
        "机关党建及群团专项经费",
        "100,000.00",  # 年初预算数 and 全年预算数
        "99,975.00",  # 合计
        "99.98%",
        "举办区直机关“三八”妇女节纪念活动",
        "购置台式电脑一部",
        "承办区委、区政府和上级有关部门交办的其他事项",
        "以高质量机关党建服务保障中国式现代化的白云实践",
        "综合满意度达80分以上单位覆盖率",
        "检视党组织执行覆盖率",
        "演示数据",
    ):
        assert text in html, text
    assert html.count('class="grade grade-优"') == 2  # the score box and the score table
    assert ">100.00<" in html


def test_it_gives_unit_staff_404_for_another_units_project_and_a_missing_one():
    client = _client("staff")
    assert client.get(OTHER).status_code == 404
    assert client.get("/projects/440111-2099-9999/").status_code == 404


def test_it_lists_only_the_units_own_projects_for_staff():
    html = _client("staff").get("/projects/").content.decode()
    assert "440111-2023-0001" in html
    assert "440111-2023-0101" not in html


def test_it_shows_the_bureau_reviewer_every_project_of_the_year():
    response = _client("reviewer").get("/review/?year=2023")
    html = response.content.decode()
    assert html.count('<a href="/projects/440111-') == 37
    assert "共 37 个项目" in html


def test_it_hides_totals_of_evaluations_a_unit_has_not_sent_out():
    rows = _client("reviewer").get("/review/?year=2023").context["rows"]
    drafts = [r for r in rows if r.evaluation_status_label == "单位填报中"]
    sent = [r for r in rows if r.evaluation_status is not None]
    assert drafts and sent
    assert all(r.total is None and r.grade == "" for r in drafts)
    assert all(r.total is not None and r.grade for r in sent)
    seed_row = next(r for r in rows if r.project.code == "440111-2023-0001")
    assert (str(seed_row.total), seed_row.grade) == ("100.00", "优")


def test_it_lets_the_supervisor_see_its_units_but_not_the_seed():
    client = _client("supervisor")
    assert client.get(OTHER).status_code == 200
    assert client.get(SEED).status_code == 404


def test_it_lets_other_units_staff_see_their_project_but_not_the_seed():
    client = _client("other")
    assert client.get(OTHER).status_code == 200
    assert client.get(SEED).status_code == 404


def test_it_refuses_a_malformed_year():
    assert _client("reviewer").get("/review/?year=abc").status_code == 404


@pytest.mark.parametrize(("username", "most"), [("staff", 23), ("reviewer", 21)])
def test_the_project_page_reads_the_project_once_for_all_its_panels(
    django_assert_max_num_queries, username, most
):
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(SEED)  # warm the session and the inbox badge
    with django_assert_max_num_queries(most):
        assert client.get(SEED).status_code == 200
