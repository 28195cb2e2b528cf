"""Administrators replace the Word template of a report; broken uploads change nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from docx import Document

from jixiao.accounts.models import User
from jixiao.audit.models import AuditEvent
from jixiao.projects.models import Project
from jixiao.reports import template_services
from jixiao.reports.docx import shipped_template
from jixiao.reports.models import ReportTemplate
from jixiao.reports.template_services import (
    TEMPLATE_SLOTS,
    docx_check,
    report_render_for_site,
    report_template_active,
    report_template_reset,
    report_template_upload,
)

pytestmark = pytest.mark.django_db

KIND = "self-eval-report"
MARKER = "管理员修改后的模板标记"
PAGE = "/reports/templates/"
UPLOAD = f"/reports/templates/{KIND}/seed/upload/"
RESET = f"/reports/templates/{KIND}/seed/reset/"
DOWNLOAD = f"/reports/templates/{KIND}/seed/download/"


def _edited(extra: str, kind: str = KIND, template: str = "seed") -> bytes:
    """The shipped template as an administrator would save it from Word with one more line."""
    document = Document(io.BytesIO(shipped_template(kind, template)))
    document.add_paragraph(extra)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _upload(content: bytes, name: str = "自评报告模板.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _zip(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def _state() -> tuple:
    """Everything an upload may change: the rows (with active flags) and the audit log."""
    rows = tuple(ReportTemplate.objects.order_by("pk").values_list("pk", "is_active", "sha256"))
    return rows, AuditEvent.objects.count()


@pytest.fixture
def admin():
    return User.objects.get(username="admin")


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin)
    return client


def _text(docx_bytes: bytes) -> str:
    document = Document(io.BytesIO(docx_bytes))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_it_activates_a_valid_upload_and_records_who_did_it(admin):
    before = AuditEvent.objects.count()
    content = _edited(MARKER)
    created = report_template_upload(
        kind=KIND, template="seed", upload=_upload(content), actor=admin, reason="改版式"
    )
    assert (created.is_active, created.original_filename, created.size) == (
        True,
        "自评报告模板.docx",
        len(content),
    )
    assert report_template_active(KIND, "seed") == content
    assert report_template_active(KIND, "national") is None
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.first()
    assert (event.action, event.actor, event.reason) == ("report_template.upload", admin, "改版式")
    assert event.changes["template"] == ["系统默认模板", f"自评报告模板.docx（#{created.pk}）"]
    assert event.changes["sha256"] == [None, created.sha256]


def test_it_replaces_the_previous_template_keeping_one_active(admin):
    first = report_template_upload(
        kind=KIND, template="seed", upload=_upload(_edited("第一版")), actor=admin
    )
    second = report_template_upload(
        kind=KIND, template="seed", upload=_upload(_edited("第二版"), "v2.docx"), actor=admin
    )
    first.refresh_from_db()
    assert (first.is_active, second.is_active) == (False, True)
    assert ReportTemplate.objects.filter(kind=KIND, template="seed", is_active=True).count() == 1
    assert AuditEvent.objects.first().changes["template"] == [
        f"自评报告模板.docx（#{first.pk}）",
        f"v2.docx（#{second.pk}）",
    ]


def test_the_database_refuses_two_active_templates_for_one_report(admin):
    report_template_upload(kind=KIND, template="seed", upload=_upload(_edited("一")), actor=admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportTemplate.objects.create(
            kind=KIND,
            template="seed",
            content=b"x",
            original_filename="x.docx",
            size=1,
            sha256="0" * 64,
            uploaded_by=admin,
            is_active=True,
        )


def test_it_renders_downloads_with_the_active_template(admin):
    project = Project.objects.get(code="440111-2023-0001")
    assert MARKER not in _text(
        report_render_for_site(project=project, kind=KIND, fmt="docx").content
    )
    report_template_upload(kind=KIND, template="seed", upload=_upload(_edited(MARKER)), actor=admin)
    rendered = report_render_for_site(project=project, kind=KIND, fmt="docx")
    assert MARKER in _text(rendered.content)
    assert "机关党建及群团专项经费" in _text(rendered.content)
    national = report_render_for_site(project=project, kind=KIND, fmt="docx", template="national")
    assert MARKER not in _text(national.content)


def test_it_passes_the_active_template_only_to_docx(admin, monkeypatch):
    calls = []
    monkeypatch.setattr(template_services, "report_render", lambda **kwargs: calls.append(kwargs))
    content = _edited(MARKER, "self-eval-table")
    report_template_upload(
        kind="self-eval-table", template="seed", upload=_upload(content), actor=admin
    )
    project = Project.objects.get(code="440111-2023-0001")
    for fmt in ("docx", "xlsx", "pdf"):
        report_render_for_site(project=project, kind="self-eval-table", fmt=fmt)
    assert [(c["fmt"], c["docx_template"]) for c in calls] == [
        ("docx", content),
        ("xlsx", None),
        ("pdf", None),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"plain text renamed to .docx", "不是 Word 文档（.docx）：文件内容不是 .docx 格式"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "不是 Word 文档（.docx）：文件内容不是 .docx 格式",
        ),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
            "不是 Word 文档（.docx）：缺少 word/document.xml",
        ),
    ],
)
def test_it_refuses_what_is_not_a_docx_and_keeps_the_previous_template(admin, content, message):
    previous = report_template_upload(
        kind=KIND, template="seed", upload=_upload(_edited("在用")), actor=admin
    )
    before = _state()
    with pytest.raises(ValidationError) as caught:
        report_template_upload(kind=KIND, template="seed", upload=_upload(content), actor=admin)
    assert message in caught.value.messages[0]
    assert _state() == before
    assert report_template_active(KIND, "seed") == bytes(previous.content)


def test_it_refuses_a_document_with_macros():
    with zipfile.ZipFile(io.BytesIO(_edited("x"))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0macro"
    with pytest.raises(ValidationError) as caught:
        docx_check(_zip(members))
    assert caught.value.messages == [
        "文件含有宏（VBA），出于安全考虑不能作为模板。"
        "请在 Word 中另存为不含宏的“Word 文档（*.docx）”后上传。"
    ]


def test_it_refuses_a_corrupt_docx():
    good = _edited("x")
    index = good.index(b"word/document.xml") + 200  # inside the compressed document part
    damaged = good[:index] + bytes(b ^ 0xFF for b in good[index : index + 40]) + good[index + 40 :]
    with pytest.raises(ValidationError) as caught:
        docx_check(damaged)
    assert caught.value.messages[0].startswith("文件已损坏")


def test_it_refuses_a_truncated_docx():
    good = _edited("x")
    with pytest.raises(ValidationError) as caught:
        docx_check(good[: len(good) // 2])
    assert caught.value.messages[0].startswith("不是 Word 文档（.docx）")


def test_it_refuses_a_zip_bomb_by_its_unpacked_size(settings):
    settings.UPLOAD_MAX_BYTES = 100_000
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * 1_500_000})
    assert len(bomb) < 10_000
    with pytest.raises(ValidationError) as caught:
        docx_check(bomb)
    assert caught.value.messages == [
        "文件异常：解压后共 1.4 MB，超过上限 976.6 KB，疑为压缩炸弹，已拒绝。"
    ]


def test_it_refuses_a_zip_with_thousands_of_parts():
    parts = {f"word/media/{index}.bin": b"" for index in range(2001)}
    with pytest.raises(ValidationError) as caught:
        docx_check(_zip({"[Content_Types].xml": b"<Types/>", **parts}))
    assert caught.value.messages[0].startswith("文件异常：压缩包内有 2002 个部件")


def test_it_refuses_a_file_over_the_upload_limit(admin, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    before = _state()
    with pytest.raises(ValidationError) as caught:
        report_template_upload(
            kind=KIND, template="seed", upload=_upload(_edited("x")), actor=admin
        )
    assert caught.value.messages[0].startswith("文件过大：")
    assert caught.value.messages[0].endswith("超过上传上限 1.0 KB。")
    assert _state() == before


def test_it_names_the_bad_placeholder_and_keeps_the_previous_template(admin):
    previous = report_template_upload(
        kind=KIND, template="seed", upload=_upload(_edited("在用")), actor=admin
    )
    before = _state()
    with pytest.raises(ValidationError) as caught:
        report_template_upload(
            kind=KIND,
            template="seed",
            upload=_upload(_edited("{{ unknown_placeholder }}")),
            actor=admin,
        )
    message = caught.value.messages[0]
    assert message.startswith("模板有误，未启用：")
    assert "unknown_placeholder" in message
    assert _state() == before
    assert report_template_active(KIND, "seed") == bytes(previous.content)


@pytest.mark.parametrize(
    ("document_xml", "error"),
    [
        (b"not xml at all", "XMLSyntaxError：Start tag expected, '<' not found"),
        (b'<?xml version="1.0"?><root/>', "AttributeError："),
    ],
)
def test_it_refuses_a_docx_whose_document_is_damaged(admin, document_xml, error):
    with zipfile.ZipFile(io.BytesIO(_edited("x"))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = document_xml
    before = _state()
    with pytest.raises(ValidationError) as caught:
        report_template_upload(
            kind=KIND, template="seed", upload=_upload(_zip(members)), actor=admin
        )
    message = caught.value.messages[0]
    assert message.startswith("模板有误，未启用：文件中的 Word 内容无法读取（")
    assert error in message
    assert message.endswith("请在 Word 中打开并重新保存为 .docx 后上传。")
    assert _state() == before


def test_it_names_a_broken_tag(admin):
    before = _state()
    with pytest.raises(ValidationError) as caught:
        report_template_upload(
            kind=KIND, template="seed", upload=_upload(_edited("{{ project.name ")), actor=admin
        )
    assert caught.value.messages[0].startswith("模板有误，未启用：")
    assert _state() == before


def test_it_lets_only_administrators_upload_or_reset():
    reviewer = User.objects.get(username="reviewer")
    before = _state()
    with pytest.raises(PermissionDenied):
        report_template_upload(
            kind=KIND, template="seed", upload=_upload(_edited("x")), actor=reviewer
        )
    with pytest.raises(PermissionDenied):
        report_template_reset(kind=KIND, template="seed", actor=reviewer)
    assert _state() == before


def test_it_restores_the_default_and_refuses_to_restore_it_twice(admin):
    uploaded = report_template_upload(
        kind=KIND, template="seed", upload=_upload(_edited("x")), actor=admin
    )
    report_template_reset(kind=KIND, template="seed", actor=admin, reason="回到默认")
    uploaded.refresh_from_db()
    assert uploaded.is_active is False
    assert report_template_active(KIND, "seed") is None
    event = AuditEvent.objects.first()
    assert (event.action, event.reason) == ("report_template.reset", "回到默认")
    assert event.changes == {"template": [f"自评报告模板.docx（#{uploaded.pk}）", "系统默认模板"]}
    before = _state()
    with pytest.raises(ValidationError) as caught:
        report_template_reset(kind=KIND, template="seed", actor=admin)
    assert caught.value.messages == ["该报告已在使用系统默认模板，无需恢复。"]
    assert _state() == before


def test_the_page_lists_every_template_with_its_download(admin_client):
    response = admin_client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert len(TEMPLATE_SLOTS) == 4
    for kind, template in TEMPLATE_SLOTS:
        assert f'href="/reports/templates/{kind}/{template}/download/"' in html
        assert f'action="/reports/templates/{kind}/{template}/upload/"' in html
    assert html.count("系统默认模板") == 4
    assert "恢复默认" not in html


def test_it_downloads_the_shipped_default_then_the_upload(admin_client):
    response = admin_client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response.content == shipped_template(KIND, "seed")
    assert "attachment" in response["Content-Disposition"]
    content = _edited(MARKER)
    admin_client.post(UPLOAD, {"upload": _upload(content)})
    assert admin_client.get(DOWNLOAD).content == content


def test_the_page_uploads_and_resets(admin_client):
    response = admin_client.post(UPLOAD, {"upload": _upload(_edited(MARKER)), "reason": "新版"})
    assert (response.status_code, response["Location"]) == (302, PAGE)
    html = admin_client.get(PAGE).content.decode()
    assert "已启用新模板“自评报告模板.docx”。" in html
    assert html.count("系统默认模板") == 3
    assert html.count("恢复默认") == 1
    assert AuditEvent.objects.first().reason == "新版"
    response = admin_client.post(RESET)
    assert (response.status_code, response["Location"]) == (302, PAGE)
    assert report_template_active(KIND, "seed") is None


def test_the_page_shows_why_an_upload_was_refused(admin_client):
    before = _state()
    response = admin_client.post(UPLOAD, {"upload": _upload(_edited("{{ unknown_placeholder }}"))})
    assert response.status_code == 400
    html = response.content.decode()
    assert "模板有误，未启用：" in html
    assert "unknown_placeholder" in html
    assert _state() == before
    response = admin_client.post(UPLOAD, {})
    assert response.status_code == 400
    assert "请选择要上传的 .docx 模板文件。" in response.content.decode()
    assert _state() == before


def test_it_gives_404_for_a_template_that_does_not_exist(admin_client):
    before = _state()
    assert admin_client.get("/reports/templates/goal-table/national/download/").status_code == 404
    response = admin_client.post(
        "/reports/templates/monitoring-table/seed/upload/", {"upload": _upload(_edited("x"))}
    )
    assert response.status_code == 404
    assert _state() == before


@pytest.mark.parametrize("username", ["staff", "head", "reviewer", "supervisor", "other"])
def test_it_hides_the_template_pages_from_everyone_but_administrators(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    before = _state()
    assert client.get(PAGE).status_code == 404
    assert client.get(DOWNLOAD).status_code == 404
    assert client.post(UPLOAD, {"upload": _upload(_edited("x"))}).status_code == 404
    assert client.post(RESET).status_code == 404
    assert _state() == before
    assert "报告模板" not in client.get("/projects/").content.decode()


def test_it_sends_anonymous_visitors_to_the_login_page():
    for url in (PAGE, DOWNLOAD):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_the_django_admin_lists_templates_and_jobs_read_only(admin_client, admin):
    uploaded = report_template_upload(
        kind=KIND, template="seed", upload=_upload(_edited("x")), actor=admin
    )
    listing = admin_client.get("/admin/reports/reporttemplate/")
    assert listing.status_code == 200
    assert "自评报告模板.docx" in listing.content.decode()
    assert admin_client.get("/admin/reports/reporttemplate/add/").status_code == 403
    detail = admin_client.get(f"/admin/reports/reporttemplate/{uploaded.pk}/change/")
    assert detail.status_code == 200
    assert admin_client.get("/admin/reports/exportjob/").status_code == 200
    assert admin_client.get("/admin/reports/exportjob/add/").status_code == 403


def test_the_project_page_and_the_command_use_the_replaced_template(admin, tmp_path):
    report_template_upload(kind=KIND, template="seed", upload=_upload(_edited(MARKER)), actor=admin)
    client = Client()
    client.force_login(User.objects.get(username="staff"))
    response = client.get("/projects/440111-2023-0001/reports/self-eval-report.docx")
    assert response.status_code == 200
    assert MARKER in _text(response.content)
    output = tmp_path / "out.docx"
    call_command(
        "report",
        "440111-2023-0001",
        "--kind",
        KIND,
        "--format",
        "docx",
        "-o",
        str(output),
        stdout=io.StringIO(),
    )
    assert MARKER in _text(output.read_bytes())
