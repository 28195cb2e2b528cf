"""The public portal: anonymous, reads only published snapshots, 404 for everything else."""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from jixiao.disclosure import urls as disclosure_urls
from jixiao.disclosure.models import PublishedSnapshot
from jixiao.disclosure.opendata import FUNDING_COLUMNS, INDICATOR_COLUMNS, PROJECT_COLUMNS
from jixiao.disclosure.services import disclosure_withdraw
from jixiao.testing.system import require_font

pytestmark = pytest.mark.django_db

PORTAL_NAMES = sorted(
    p.name
    for p in disclosure_urls.urlpatterns
    if isinstance(p, URLPattern) and p.name.startswith("portal-")
)


def _kwargs(name: str, *, year: int, code: str, unit_code: str, kind: str = "json") -> dict:
    pattern = next(p for p in disclosure_urls.urlpatterns if p.name == name)
    available = {"year": year, "code": code, "unit_code": unit_code, "kind": kind}
    return {key: available[key] for key in pattern.pattern.converters}


@pytest.fixture
def withdrawn(users, published) -> str:
    snapshot = PublishedSnapshot.objects.get(project_code="440111-2023-0131")
    disclosure_withdraw(snapshot=snapshot, reason="核实中", actor=users["reviewer"])
    return snapshot.project_code


def test_it_lists_every_portal_pattern() -> None:
    assert PORTAL_NAMES == [
        "portal-data",
        "portal-home",
        "portal-project",
        "portal-report",
        "portal-report-pdf",
        "portal-search",
        "portal-unit",
        "portal-year",
    ]


@pytest.mark.parametrize(
    ("year", "code", "unit_code", "what"),
    [
        (2023, "440111-2023-0101", "440111-U001", "unpublished"),
        (2023, "440111-2023-0001", "440111-QZJGGW", "unpublished seed"),
        (2023, "440111-2023-0123", "440111-U000", "withheld"),
        (2023, "440111-2023-0131", "no-such-unit", "withdrawn"),
        (2023, "440111-2099-9999", "..%2Fetc", "nonexistent"),
        (2024, "440111-2023-0124", "440111-U008", "published under another year"),
        (2019, "440111-2023-0124", "440111-U008", "a year with nothing published"),
    ],
)
def test_every_portal_url_gives_404_for_what_is_not_public(
    withdrawn, year, code, unit_code, what
) -> None:
    client = Client()
    for name in PORTAL_NAMES:
        if name == "portal-home":
            continue
        kwargs = _kwargs(name, year=year, code=code, unit_code=unit_code)
        if set(kwargs) <= {"year", "kind"} and year == 2023:
            continue  # the year itself is public: its pages answer
        url = reverse(name, kwargs=kwargs)
        assert client.get(url).status_code == 404, (what, url)


def test_reports_of_goal_only_projects_and_unknown_data_kinds_give_404(published) -> None:
    client = Client()
    assert client.get("/public/2023/projects/440111-2023-0122/").status_code == 200
    assert client.get("/public/2023/projects/440111-2023-0122/report/").status_code == 404
    assert client.get("/public/2023/projects/440111-2023-0122/report.pdf").status_code == 404
    assert client.get("/public/2023/data/xml/").status_code == 404


def _tables(sql: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN)\s+"?([a-z_0-9]+)"?', sql, flags=re.IGNORECASE))


def test_portal_pages_query_only_the_disclosure_tables(withdrawn) -> None:
    client = Client()
    urls = [
        "/public/",
        "/public/2023/",
        "/public/2023/units/440111-U008/",
        "/public/2023/projects/440111-2023-0124/",
        "/public/2023/projects/440111-2023-0124/report/",
        "/public/2023/search/?q=图书馆",
        "/public/2023/data/json/",
        "/public/2023/data/projects/",
        "/public/2023/data/indicators/",
        "/public/2023/data/funding/",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        tables = set().union(*(_tables(q["sql"]) for q in queries.captured_queries))
        assert tables == {"disclosure_publishedsnapshot"}, (url, tables)


def test_the_project_page_shows_goal_table_score_and_grade(published) -> None:
    text = Client().get("/public/2023/projects/440111-2023-0124/").content.decode()
    snapshot = PublishedSnapshot.objects.get(project_code="440111-2023-0124")
    assert '<a class="skip-link" href="#main">跳到正文</a>' in text
    assert "退出" not in text and "login" not in text
    assert "项目支出绩效自评表" in text
    assert "总分 <strong>99.70</strong>" in text
    assert '<span class="grade grade-优">优</span>' in text
    assert snapshot.payload["goal"]["annual_goal"] in text
    assert '<td>调整</td><td>合计</td><td class="num">985000.00</td>' in text
    assert "演示数据" in text
    assert "/public/2023/projects/440111-2023-0124/report.pdf" in text


def test_the_report_is_the_html_stored_at_publish_time(published) -> None:
    response = Client().get("/public/2023/projects/440111-2023-0124/report/")
    stored = PublishedSnapshot.objects.get(project_code="440111-2023-0124").report_html
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content.decode() == stored


@pytest.mark.system
def test_the_report_prints_as_pdf(published) -> None:
    require_font("Noto Serif CJK", "fonts-noto-cjk")
    response = Client().get("/public/2023/projects/440111-2023-0124/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_it_browses_year_unit_and_searches(withdrawn) -> None:
    client = Client()
    year = client.get("/public/2023/").content.decode()
    assert "示例区图书馆" in year and "示例区退役军人服务中心" in year
    assert "示例区第一中学" not in year
    unit = client.get("/public/2023/units/440111-U011/").content.decode()
    assert "440111-2023-0132" in unit and "440111-2023-0133" in unit
    assert "440111-2023-0131" not in unit  # withdrawn
    found = client.get("/public/2023/search/", {"q": "图书馆"}).content.decode()
    assert found.count('<a href="/public/2023/projects/') == 2
    nothing = client.get("/public/2023/search/", {"q": "第一中学"}).content.decode()
    assert "没有名称包含该关键词的公开项目。" in nothing


def test_the_year_downloads_validate_against_the_schema(published, open_data_schema) -> None:
    client = Client()
    response = client.get("/public/2023/data/json/")
    assert response["Content-Disposition"] == 'attachment; filename="jixiao-2023.json"'
    document = json.loads(response.content)
    jsonschema.validate(document, open_data_schema, format_checker=jsonschema.FormatChecker())
    assert [p["code"] for p in document["projects"]] == [
        "440111-2023-0122",
        "440111-2023-0124",
        "440111-2023-0131",
        "440111-2023-0132",
        "440111-2023-0133",
    ]
    projects = _csv(client.get("/public/2023/data/projects/").content)
    assert tuple(projects[0]) == PROJECT_COLUMNS
    row = next(r for r in projects if r["code"] == "440111-2023-0124")
    assert (row["budget_amount"], row["adjusted_amount"], row["total"], row["grade"]) == (
        "985000.00",
        "985000.00",
        "99.70",
        "优",
    )
    indicators = _csv(client.get("/public/2023/data/indicators/").content)
    assert tuple(indicators[0]) == INDICATOR_COLUMNS
    assert len(indicators) == 5 * 7
    funding = _csv(client.get("/public/2023/data/funding/").content)
    assert tuple(funding[0]) == FUNDING_COLUMNS
    assert {r["phase"] for r in funding} == {"预算", "调整", "执行"}


def test_the_schema_rejects_a_float_amount(published, open_data_schema) -> None:
    document = json.loads(Client().get("/public/2023/data/json/").content)
    document["projects"][0]["funding"][0]["amount"] = 985000.0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, open_data_schema)


def _csv(content: bytes) -> list[dict[str, str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))
