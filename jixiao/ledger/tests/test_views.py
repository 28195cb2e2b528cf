"""The ledger, decision and evidence pages for every role, with wrong input at every step."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.audit.models import AuditEvent
from jixiao.ledger.models import Evidence, LedgerEntry, MajorDecision
from jixiao.ledger.services import evidence_upload
from jixiao.ledger.tests import files

pytestmark = pytest.mark.django_db

SEED = "440111-2023-0001"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _state(project):
    project.refresh_from_db()
    return (
        LedgerEntry.objects.filter(project=project).count(),
        MajorDecision.objects.count(),
        Evidence.objects.count(),
        AuditEvent.objects.count(),
        project.executed,
    )


GOOD_ENTRY = {
    "date": "2023-12-01",
    "purpose": "购置党建宣传资料",
    "amount": "1,000.50",
    "funding_kind": "current",
    "voucher": "记-120",
    "note": "",
}


@pytest.mark.parametrize(
    ("username", "status"),
    [("staff", 200), ("head", 200), ("reviewer", 200), ("admin", 200), ("other", 404)],
)
def test_it_shows_the_ledger_page_only_to_those_who_see_the_project(users, username, status):
    for url in (f"/projects/{SEED}/ledger/", f"/projects/{SEED}/evidence/"):
        assert _client(users[username]).get(url).status_code == status


def test_it_sends_anonymous_visitors_to_login():
    response = Client().get(f"/projects/{SEED}/ledger/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_lists_entries_with_numbers_and_flags_the_large_one(users):
    html = _client(users["staff"]).get(f"/projects/{SEED}/ledger/").content.decode()
    assert "举办2023年度白云区直属机关党组织书记培训班经费" in html
    assert "56,300.00" in html
    assert "缺少三重一大决策" in html
    assert "以下 1 笔支出达到三重一大金额标准（50,000.00 元）但未关联集体决策记录" in html
    assert 'id="entry-form"' in html


def test_it_shows_no_forms_to_the_head_or_the_reviewer(users):
    for username in ("head", "reviewer"):
        html = _client(users[username]).get(f"/projects/{SEED}/ledger/").content.decode()
        assert 'id="entry-form"' not in html
        assert 'id="decision-form"' not in html
        assert "冲销理由" not in html


def test_it_records_an_entry_typed_with_separators(users, seed_project):
    response = _client(users["staff"]).post(f"/projects/{SEED}/ledger/record/", GOOD_ENTRY)
    assert response.status_code == 302
    entry = LedgerEntry.objects.filter(project=seed_project).latest("id")
    assert (entry.amount, entry.purpose, entry.voucher) == (
        Decimal("1000.50"),
        "购置党建宣传资料",
        "记-120",
    )
    seed_project.refresh_from_db()
    assert seed_project.executed == Decimal("100975.50")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "-5", "金额不能为负数（-5）。"),
        (
            "amount",
            "abc",
            "无法识别数值“abc”：请只填写数字，可带小数点和千位分隔符（如 1,234.50）。",
        ),
        ("amount", "10.555", "金额“10.555”最多保留两位小数（到分）。"),
        ("amount", "0", "金额必须大于 0。"),
        ("amount", "", "请填写金额。"),
        ("date", "2024-01-02", "日期 2024-01-02 不在项目年度 2023 年内，请核对。"),
        ("date", "2023-13-01", "日期格式应为 年-月-日，如 2023-03-08。"),
        ("purpose", "", "请填写资金用途。"),
    ],
)
def test_it_refuses_bad_input_keeping_what_was_typed(users, seed_project, field, value, message):
    before = _state(seed_project)
    data = {**GOOD_ENTRY, field: value}
    response = _client(users["staff"]).post(f"/projects/{SEED}/ledger/record/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="购置党建宣传资料"' in html or field == "purpose"
    assert _state(seed_project) == before


@pytest.mark.parametrize(("username", "status"), [("head", 403), ("reviewer", 403), ("other", 404)])
def test_it_refuses_recording_by_others(users, seed_project, username, status):
    before = _state(seed_project)
    response = _client(users[username]).post(f"/projects/{SEED}/ledger/record/", GOOD_ENTRY)
    assert response.status_code == status
    assert _state(seed_project) == before


def test_it_reverses_with_a_reason_and_refuses_without(users, seed_project):
    entry = LedgerEntry.objects.get(project=seed_project, amount=Decimal("4285.00"))
    client = _client(users["staff"])
    url = f"/projects/{SEED}/ledger/{entry.pk}/reverse/"
    before = _state(seed_project)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "冲销必须说明理由。" in response.content.decode()
    assert _state(seed_project) == before
    assert client.post(url, {"reason": "重复录入"}).status_code == 302
    html = client.get(f"/projects/{SEED}/ledger/").content.decode()
    assert "冲销：购置台式电脑一部" in html
    assert "冲销理由：重复录入" in html
    assert "已被 <a" in html
    before = _state(seed_project)
    response = client.post(url, {"reason": "再冲一次"})
    assert response.status_code == 400
    assert "该记录已被冲销。" in response.content.decode()
    assert _state(seed_project) == before


def test_it_gives_404_for_an_entry_of_another_project(users, other_project, seed_project):
    foreign = LedgerEntry.objects.filter(project=other_project).first()
    before = _state(seed_project)
    response = _client(users["staff"]).post(
        f"/projects/{SEED}/ledger/{foreign.pk}/reverse/", {"reason": "x"}
    )
    assert response.status_code == 404
    assert _state(seed_project) == before


def test_it_records_a_decision_with_minutes_through_the_form(users, seed_project):
    entry = LedgerEntry.objects.get(project=seed_project, amount=Decimal("56300.00"))
    data = {
        "date": "2023-05-20",
        "meeting": "2023 年第 5 次委务会",
        "attendees": "委领导班子成员",
        "matter": "书记培训班经费",
        "decision": "同意",
        "entries": [entry.pk],
        "minutes": SimpleUploadedFile("纪要.pdf", files.tiny_pdf()),
    }
    client = _client(users["staff"])
    assert client.post(f"/projects/{SEED}/ledger/decisions/", data).status_code == 302
    html = client.get(f"/projects/{SEED}/ledger/").content.decode()
    assert "缺少三重一大决策" not in html
    assert "纪要.pdf" in html


def test_it_refuses_a_decision_with_hostile_minutes_keeping_the_fields(users, seed_project):
    before = _state(seed_project)
    data = {
        "date": "2023-05-20",
        "meeting": "2023 年第 5 次委务会",
        "attendees": "委领导班子成员",
        "matter": "书记培训班经费",
        "decision": "同意",
        "minutes": SimpleUploadedFile("纪要.pdf", files.windows_exe()),
    }
    response = _client(users["staff"]).post(f"/projects/{SEED}/ledger/decisions/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "检测到“Windows 可执行程序（EXE/DLL）”" in html
    assert 'value="2023 年第 5 次委务会"' in html
    assert _state(seed_project) == before


def test_it_uploads_evidence_and_streams_it_back_as_an_attachment(users, seed_project):
    client = _client(users["staff"])
    response = client.post(
        f"/projects/{SEED}/evidence/upload/",
        {"file": SimpleUploadedFile("佐证.pdf", files.tiny_pdf()), "description": "会议照片"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(project=seed_project)
    for username in ("staff", "head", "reviewer"):
        download = _client(users[username]).get(
            f"/projects/{SEED}/evidence/{evidence.pk}/download/"
        )
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Content-Disposition"].startswith("attachment;")
        assert b"".join(download.streaming_content) == files.tiny_pdf()


def test_it_hides_evidence_from_another_unit_and_other_projects(users, seed_project, other_project):
    evidence = evidence_upload(
        project=seed_project,
        upload=SimpleUploadedFile("a.pdf", files.tiny_pdf()),
        actor=users["staff"],
    )
    assert (
        _client(users["other"])
        .get(f"/projects/{SEED}/evidence/{evidence.pk}/download/")
        .status_code
        == 404
    )
    # The right id under a project the user may see, but not its project: 404 as well.
    assert (
        _client(users["admin"])
        .get(f"/projects/{other_project.code}/evidence/{evidence.pk}/download/")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", files.windows_exe(), "检测到“Windows 可执行程序（EXE/DLL）”"),
        ("报告.docx", files.zip_bomb(), "疑似压缩炸弹，已拒绝。"),
        ("空白.pdf", b"", "文件为空（0 字节），请选择有内容的文件。"),
    ],
)
def test_it_refuses_hostile_uploads_keeping_the_other_fields(
    users, seed_project, name, content, message
):
    before = _state(seed_project)
    response = _client(users["staff"]).post(
        f"/projects/{SEED}/evidence/upload/",
        {"file": SimpleUploadedFile(name, content), "description": "会议照片"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="会议照片"' in html
    assert _state(seed_project) == before


def test_it_refuses_an_oversized_upload(users, seed_project, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    before = _state(seed_project)
    response = _client(users["staff"]).post(
        f"/projects/{SEED}/evidence/upload/", {"file": SimpleUploadedFile("a.txt", b"a" * 1025)}
    )
    assert response.status_code == 400
    assert "文件大小 1025 字节，超过上限 1024 字节（约 1 KB）。" in response.content.decode()
    assert _state(seed_project) == before


@pytest.mark.parametrize(("username", "status"), [("head", 403), ("reviewer", 403), ("other", 404)])
def test_it_refuses_uploads_by_others(users, seed_project, username, status):
    before = _state(seed_project)
    response = _client(users[username]).post(
        f"/projects/{SEED}/evidence/upload/",
        {"file": SimpleUploadedFile("a.pdf", files.tiny_pdf())},
    )
    assert response.status_code == status
    assert _state(seed_project) == before


def test_it_lists_decisions_and_evidence_read_only_in_the_admin(users, seed_project):
    evidence_upload(
        project=seed_project,
        upload=SimpleUploadedFile("a.pdf", files.tiny_pdf()),
        actor=users["staff"],
    )
    client = _client(users["admin"])
    for name in ("evidence", "majordecision"):
        response = client.get(f"/admin/ledger/{name}/")
        assert response.status_code == 200
        assert f"/admin/ledger/{name}/add/" not in response.content.decode()
    assert "a.pdf" in client.get("/admin/ledger/evidence/").content.decode()


def test_it_reads_the_ledger_page_in_a_bounded_number_of_queries(
    users, seed_project, django_assert_max_num_queries
):
    client = _client(users["staff"])
    client.get(f"/projects/{SEED}/ledger/")  # warm the URL configuration and the session
    # 16 today: session, user and the site header's counts, then the project, the entries with
    # their reversals, their decisions, the decisions with entries and minutes, the form's
    # entries. The bound catches a query per row (the seed has 8 rows), not a new header badge.
    with django_assert_max_num_queries(20):
        assert client.get(f"/projects/{SEED}/ledger/").status_code == 200
