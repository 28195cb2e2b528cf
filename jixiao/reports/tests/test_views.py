"""Report downloads and the HTML report page, as each role sees them."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document

from jixiao.accounts.models import User

pytestmark = pytest.mark.django_db

SEED = "440111-2023-0001"
OTHER = "440111-2023-0101"  # a project of 示例区第一中学


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_it_lets_unit_staff_download_the_report_as_docx():
    response = _client("staff").get(f"/projects/{SEED}/reports/self-eval-report.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''440111-2023-0001-%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84"
        "%E6%8A%A5%E5%91%8A.docx"
    )
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "2023年度机关党建及群团专项经费绩效自评报告"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        (
            "self-eval-table.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "goal-table.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("goal-table.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_it_serves_the_tables_with_their_content_types(path, content_type):
    response = _client("staff").get(f"/projects/{SEED}/reports/{path}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(b"PK")


def test_it_shows_the_report_page_in_both_outlines():
    client = _client("staff")
    html = client.get(f"/projects/{SEED}/reports/self-eval-report.html").content.decode()
    assert "<h2>一、评价项目概述</h2>" in html
    assert "预算执行率99.98%" in html
    assert "演示数据" in html
    national = client.get(f"/projects/{SEED}/reports/self-eval-report.html?template=national")
    assert national.status_code == 200
    assert "<h2>一、基本情况</h2>" in national.content.decode()


def test_it_links_the_documents_from_the_project_page():
    html = _client("staff").get(f"/projects/{SEED}/").content.decode()
    assert f'href="/projects/{SEED}/reports/self-eval-report.docx"' in html
    assert f'href="/projects/{SEED}/reports/self-eval-table.xlsx"' in html
    assert f'href="/projects/{SEED}/reports/goal-table.pdf"' in html
    assert f'href="/projects/{SEED}/reports/self-eval-report.html?template=national"' in html


@pytest.mark.parametrize(
    "path",
    [
        "self-eval-report.docx",
        "self-eval-table.xlsx",
        "goal-table.docx",
        "self-eval-report.html",
    ],
)
def test_it_answers_404_to_another_units_staff(path):
    response = _client("other").get(f"/projects/{SEED}/reports/{path}")
    assert response.status_code == 404
    assert response.content != b"" and b"PK" not in response.content[:2]


def test_it_answers_404_for_a_missing_project_or_an_unknown_pair():
    client = _client("staff")
    for path in (
        "/projects/440111-2023-9999/reports/self-eval-report.docx",
        f"/projects/{SEED}/reports/self-eval-report.xlsx",
        f"/projects/{SEED}/reports/budget-table.docx",
        f"/projects/{SEED}/reports/self-eval-report.html?template=guangdong",
    ):
        assert client.get(path).status_code == 404, path


def test_it_sends_anonymous_visitors_to_the_login_page():
    response = Client().get(f"/projects/{SEED}/reports/self-eval-report.docx")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_lets_the_bureau_reviewer_download_a_sent_out_evaluation():
    # The seed evaluation is 待主管部门/财政审核 (sent out by the unit head).
    response = _client("reviewer").get(f"/projects/{SEED}/reports/self-eval-table.docx")
    assert response.status_code == 200


def test_it_hides_a_draft_evaluation_from_the_reviewer_but_not_the_goal_table():
    draft = "440111-2023-0106"  # 示例区第二小学, self-evaluation still a draft
    client = _client("reviewer")
    for path in ("self-eval-report.docx", "self-eval-table.xlsx", "self-eval-report.html"):
        assert client.get(f"/projects/{draft}/reports/{path}").status_code == 404, path
    assert client.get(f"/projects/{draft}/reports/goal-table.xlsx").status_code == 200


def test_it_gives_a_project_without_evaluation_only_the_goal_table():
    unevaluated = "440111-2023-0107"  # 示例区中心幼儿园, no self-evaluation yet
    client = _client("reviewer")
    assert client.get(f"/projects/{unevaluated}/reports/self-eval-report.pdf").status_code == 404
    response = client.get(f"/projects/{unevaluated}/reports/goal-table.docx")
    assert response.status_code == 200
