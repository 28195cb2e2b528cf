"""The browser flow without a browser: upload, preview, correct, confirm, cancel, refuse."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jixiao.accounts.models import User
from jixiao.audit.models import AuditEvent
from jixiao.demo import seed
from jixiao.ingest.tests.helpers import REAL_REPORTS, document_text
from jixiao.ingest.tests.test_ingest_command import counts
from jixiao.ingest.tests.test_roundtrip import self_eval_xlsx
from jixiao.ingest.views import SESSION_KEY
from jixiao.projects.models import Project

pytestmark = pytest.mark.django_db
UNIT = seed.UNIT["code"]


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def upload(client: Client, name: str, data: bytes, unit: str = UNIT):
    return client.post(
        reverse("ingest-upload"), {"file": SimpleUploadedFile(name, data), "unit": unit}
    )


def own_table() -> bytes:
    return self_eval_xlsx(
        Project.objects.select_related("unit__parent").get(code="440111-2023-0102")
    )


@pytest.mark.parametrize(
    ("username", "status"),
    [("staff", 200), ("reviewer", 200), ("supervisor", 200), ("admin", 200), ("head", 403)],
)
def test_it_lets_staff_and_reviewers_upload(username, status):
    response = client_for(username).get(reverse("ingest-upload"))
    assert response.status_code == status


def test_it_sends_anonymous_users_to_login():
    response = Client().get(reverse("ingest-upload"))
    assert (response.status_code, response.url) == (302, "/login/?next=/ingest/")


def test_it_refuses_a_hostile_upload_with_a_message_and_stores_nothing():
    client = client_for("staff")
    before = counts()
    response = upload(client, "report.xlsx", b"MZ" + b"\x00" * 64)
    assert response.status_code == 400
    assert "文件内容是可执行程序，不是Excel（.xlsx）文件，已拒绝。" in response.content.decode()
    assert counts() == before
    assert client.session.get(SESSION_KEY) is None


def test_it_refuses_a_unit_out_of_reach():
    client = client_for("staff")
    response = upload(client, "t.xlsx", own_table(), unit="440111-U001")
    assert response.status_code == 400
    assert client.session.get(SESSION_KEY) is None


def test_it_previews_confirms_and_stores_an_import():
    client = client_for("staff")
    before = counts()
    response = upload(client, "自评表.xlsx", own_table())
    assert response.status_code == 302
    (token,) = client.session[SESSION_KEY]
    assert response.url == reverse("ingest-preview", args=[token])
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "自评表!E6" in html
    assert "核对导入内容：项目支出绩效自评表" in html
    assert counts() == before
    refused = client.post(response.url, {"index": "1"})
    assert refused.status_code == 400
    assert "请勾选“我已逐项核对以上内容”后再保存。" in refused.content.decode()
    assert counts() == before
    saved = client.post(response.url, {"index": "1", "confirm": "1"})
    project = Project.objects.get(
        unit__code=UNIT, name=Project.objects.get(code="440111-2023-0102").name
    )
    assert (saved.status_code, saved.url) == (302, reverse("project-detail", args=[project.code]))
    original = Project.objects.get(code="440111-2023-0102")
    assert (project.evaluation.total, project.evaluation.grade) == (
        original.evaluation.total,
        original.evaluation.grade,
    )
    event = AuditEvent.objects.get(action="ingest.save", project_id=project.pk)
    assert event.actor.username == "staff"
    assert client.session[SESSION_KEY] == {}


def test_it_stores_what_the_user_corrected():
    client = client_for("reviewer")
    text = document_text(next(REAL_REPORTS.glob("10-*.txt")))
    response = upload(client, "中江.txt", text, unit="440111-U001")
    assert response.status_code == 302
    saved = client.post(
        response.url,
        {
            "index": "1",
            "confirm": "1",
            "f-project_name": "小型水库水标尺制作安装项目",
            "f-budget_full_year": "200,000.00",
            "i-3-weight": "20",
            "i-9-drop": "on",
        },
    )
    assert saved.status_code == 302
    project = Project.objects.get(unit__code="440111-U001", name="小型水库水标尺制作安装项目")
    assert project.budget_full_year == Decimal("200000.00")
    assert project.goal.indicators.count() == 8
    assert [i.weight for i in project.goal.indicators.order_by("position")][:3] == [
        Decimal("10.00"),
        Decimal("10.00"),
        Decimal("20.00"),
    ]


def test_it_shows_input_errors_and_stores_nothing():
    client = client_for("staff")
    response = upload(client, "自评表.xlsx", own_table())
    before = counts()
    page = client.post(
        response.url, {"index": "1", "confirm": "1", "f-budget_full_year": "十万", "f-year": "1999"}
    )
    html = page.content.decode()
    assert page.status_code == 400
    assert "“全年预算数（元）”：无法识别数值“十万”" in html
    assert "“年度”应为 2000 到 2100 之间的年份。" in html
    assert counts() == before


def test_it_cancels_an_import_and_stores_nothing():
    client = client_for("staff")
    response = upload(client, "自评表.xlsx", own_table())
    (token,) = client.session[SESSION_KEY]
    before = counts()
    cancelled = client.post(reverse("ingest-cancel", args=[token]))
    assert (cancelled.status_code, cancelled.url) == (302, reverse("ingest-upload"))
    assert counts() == before
    assert client.get(response.url).status_code == 404


def test_it_keeps_pending_imports_to_their_session():
    client = client_for("staff")
    response = upload(client, "自评表.xlsx", own_table())
    assert client_for("reviewer").get(response.url).status_code == 404
