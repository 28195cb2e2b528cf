"""The bureau's year-wide export: who may ask, what the zip holds, progress, failure, download."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from jixiao.accounts.models import User
from jixiao.audit.models import AuditEvent
from jixiao.reports import export_services
from jixiao.reports.export_services import (
    export_job_run,
    export_job_start,
)
from jixiao.reports.models import ExportJob, ExportStatus
from jixiao.reports.services import RenderedReport, ReportError
from jixiao.reports.tasks import export_job_task

pytestmark = pytest.mark.django_db

EXPORTS = "/reports/exports/"
FIRST_SCHOOL = "示例区第一中学"
KINDERGARTEN = "示例区中心幼儿园"

# The projects of 2023 whose self-evaluation has been sent out (head_approved and beyond): the
# reviewer of 白云区财政局 sees all 20; 示例区教育局's supervisor the 5 of its schools.
SUPERVISOR_PROJECTS = {
    FIRST_SCHOOL: [
        "440111-2023-0101 示例第一中学校园安全保障经费",
        "440111-2023-0102 示例第一中学公共卫生服务补助经费",
        "440111-2023-0103 示例第一中学基层文化活动经费",
    ],
    KINDERGARTEN: [
        "440111-2023-0108 示例幼儿园环境卫生整治经费",
        "440111-2023-0109 示例幼儿园办公设备购置经费",
    ],
}
REVIEWER_CODES = [
    "0001",
    "0101",
    "0102",
    "0103",
    "0108",
    "0109",
    "0110",
    "0111",
    "0116",
    "0117",
    "0118",
    "0119",
    "0124",
    "0125",
    "0126",
    "0127",
    "0132",
    "0133",
    "0134",
    "0135",
]


def _expected(projects: dict[str, list[str]]) -> list[str]:
    return sorted(
        f"{unit}/{project} {document}"
        for unit, names in projects.items()
        for project in names
        for document in ("绩效自评报告.docx", "绩效自评表.xlsx")
    )


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _client(username: str) -> Client:
    client = Client()
    client.force_login(_user(username))
    return client


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}
    return tmp_path


@pytest.fixture
def fake_render(monkeypatch):
    """Record every render and return tiny bytes, for tests about the job rather than documents."""
    calls = []

    def render(*, project, kind, fmt, template="seed"):
        job = ExportJob.objects.order_by("-pk").first()
        calls.append((project.code, kind, fmt, template, job.done if job else None))
        return RenderedReport(f"{project.code}.{fmt}", "application/octet-stream", b"x")

    monkeypatch.setattr(export_services, "report_render_for_site", render)
    return calls


def _start(username: str, **kwargs) -> ExportJob:
    return export_job_start(user=_user(username), year=kwargs.pop("year", 2023), **kwargs)


def _names(job: ExportJob) -> list[str]:
    with zipfile.ZipFile(export_services.export_directory() / job.result_name) as archive:
        return sorted(archive.namelist())


def test_it_exports_the_supervisors_units_only_with_real_documents(data_dir):
    job = _start("supervisor")
    assert (job.status, job.total, job.documents) == (
        ExportStatus.QUEUED,
        10,
        ["self-eval-report:docx", "self-eval-table:xlsx"],
    )
    assert export_job_task(job.pk) == ExportStatus.DONE
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.error) == (ExportStatus.DONE, 10, 10, "")
    assert job.scope.name == "示例区教育局"
    assert (job.started_at is not None, job.finished_at is not None) == (True, True)
    path = data_dir / "exports" / f"export-{job.pk}.zip"
    assert (job.result_name, job.result_size) == (path.name, path.stat().st_size)
    assert _names(job) == _expected(SUPERVISOR_PROJECTS)
    with zipfile.ZipFile(path) as archive:
        report = archive.read(
            f"{FIRST_SCHOOL}/{SUPERVISOR_PROJECTS[FIRST_SCHOOL][0]} 绩效自评报告.docx"
        )
        table = archive.read(
            f"{FIRST_SCHOOL}/{SUPERVISOR_PROJECTS[FIRST_SCHOOL][0]} 绩效自评表.xlsx"
        )
    text = "\n".join(p.text for p in Document(io.BytesIO(report)).paragraphs)
    assert "示例第一中学校园安全保障经费" in text
    assert load_workbook(io.BytesIO(table)).worksheets[0].max_row > 10
    assert list(data_dir.glob("exports/*.part")) == []


def test_it_exports_every_unit_the_reviewer_sees(fake_render):
    job = _start("reviewer")
    assert job.total == 40
    export_job_run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.done, job.scope.name) == (ExportStatus.DONE, 40, "广州市白云区财政局")
    names = _names(job)
    assert len(names) == 40
    assert sorted({name.split(" ", 1)[0].split("/")[1][-4:] for name in names}) == REVIEWER_CODES
    assert {name.split("/")[0] for name in names} == {
        "中共广州市白云区直属机关工作委员会",
        FIRST_SCHOOL,
        KINDERGARTEN,
        "示例区社区卫生服务中心",
        "示例区示例街道办事处",
        "示例区文化馆",
        "示例区图书馆",
        "示例区农业农村服务中心",
        "示例区退役军人服务中心",
        "示例区城市管理综合执法局",
    }
    seed_unit = "中共广州市白云区直属机关工作委员会"
    assert f"{seed_unit}/440111-2023-0001 机关党建及群团专项经费 绩效自评报告.docx" in names


def test_it_counts_progress_after_every_file(fake_render):
    job = _start("supervisor", kinds=["self-eval-report:docx", "goal-table:pdf"])
    export_job_run(job.pk)
    # each render sees the count of the files written before it
    assert [call[4] for call in fake_render] == list(range(10))
    assert [(call[1], call[2]) for call in fake_render[:2]] == [
        ("self-eval-report", "docx"),
        ("goal-table", "pdf"),
    ]
    job.refresh_from_db()
    assert (job.done, job.total, job.percent) == (10, 10, 100)


def test_it_passes_the_national_outline_to_the_report_only(fake_render):
    job = _start(
        "supervisor", kinds=["self-eval-report:docx", "goal-table:xlsx"], template="national"
    )
    export_job_run(job.pk)
    assert {(call[1], call[3]) for call in fake_render} == {
        ("self-eval-report", "national"),
        ("goal-table", "seed"),
    }


def test_it_marks_the_job_failed_naming_the_document_and_leaves_no_file(monkeypatch, data_dir):
    calls = []

    def render(*, project, kind, fmt, template="seed"):
        calls.append(project.code)
        if len(calls) == 4:
            raise ReportError("模板占位符无效：“foo”未定义。")
        return RenderedReport("x", "application/octet-stream", b"x")

    monkeypatch.setattr(export_services, "report_render_for_site", render)
    job = _start("supervisor")
    assert export_job_run(job.pk) == ExportStatus.FAILED
    job.refresh_from_db()
    assert (job.status, job.done, job.result_name) == (ExportStatus.FAILED, 3, "")
    assert job.error == (
        "生成“440111-2023-0102 示例第一中学公共卫生服务补助经费 绩效自评表（Excel）”时出错："
        "模板占位符无效：“foo”未定义。导出已中止。"
    )
    assert job.finished_at is not None
    assert list((data_dir / "exports").iterdir()) == []
    event = AuditEvent.objects.first()
    assert (event.action, event.changes) == (
        "export_job.failed",
        {"status": ["running", "failed"]},
    )


def test_it_reports_an_unexpected_error_plainly(monkeypatch):
    def render(**kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(export_services, "report_render_for_site", render)
    job = _start("supervisor")
    export_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == (
        "生成“440111-2023-0101 示例第一中学校园安全保障经费 绩效自评报告（Word）”时发生意外错误"
        "（MemoryError：out of memory），导出已中止。请稍后重试，或联系系统管理员。"
    )


def test_it_runs_a_job_once_when_it_is_delivered_twice(fake_render):
    job = _start("supervisor")
    assert export_job_run(job.pk) == ExportStatus.DONE
    assert export_job_run(job.pk) == "skipped"
    assert len(fake_render) == 10


def test_it_fails_a_job_cut_short_instead_of_starting_it_over(fake_render, data_dir):
    job = _start("supervisor")
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=long_ago, done=4
    )
    (data_dir / "exports").mkdir()
    (data_dir / "exports" / f"export-{job.pk}.zip.part").write_bytes(b"half")
    assert export_job_run(job.pk) == ExportStatus.FAILED
    job.refresh_from_db()
    assert (job.status, job.done, job.result_name) == (ExportStatus.FAILED, 4, "")
    assert job.error == (
        "导出中断：后台任务进程在完成前停止，或超过了 30 分钟的时限。"
        "请重新导出；文件很多时，可由各主管部门分别导出。"
    )
    assert fake_render == []
    assert list((data_dir / "exports").iterdir()) == []


def test_it_leaves_a_job_alone_that_another_worker_is_running(fake_render):
    job = _start("supervisor")
    started = timezone.now() - datetime.timedelta(minutes=5)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, started_at=started)
    assert export_job_run(job.pk) == "skipped"
    job.refresh_from_db()
    assert (job.status, job.started_at, job.error) == (ExportStatus.RUNNING, started, "")
    assert fake_render == []


def test_it_starts_a_job_with_an_audit_event():
    before = AuditEvent.objects.count()
    job = _start("reviewer")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.first()
    assert (event.action, event.actor.username, event.changes) == (
        "export_job.start",
        "reviewer",
        {"status": [None, "queued"]},
    )
    assert event.object_id == str(job.pk)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year": 2022}, "2022 年度没有您可查看的已报送自评，无可导出的报告。"),
        ({"year": 1999}, "年度 1999 无效：应在 2000–2100 之间。"),
        ({"kinds": ["self-eval-report:xlsx"]}, "不支持导出的文档：self-eval-report:xlsx。"),
        ({"template": "provincial"}, "没有这种报告提纲：provincial。"),
    ],
)
def test_it_refuses_a_bad_request_and_stores_nothing(kwargs, message):
    before = (ExportJob.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as caught:
        _start("reviewer", **kwargs)
    assert caught.value.messages == [message]
    assert (ExportJob.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("username", ["staff", "head", "other"])
def test_it_refuses_unit_users_everywhere_and_stores_nothing(username):
    before = (ExportJob.objects.count(), AuditEvent.objects.count())
    with pytest.raises(PermissionDenied):
        _start(username)
    client = _client(username)
    assert client.get(EXPORTS).status_code == 404
    response = client.post(EXPORTS, {"year": "2023", "documents": ["self-eval-report:docx"]})
    assert response.status_code == 404
    assert (ExportJob.objects.count(), AuditEvent.objects.count()) == before
    assert "导出全年报告" not in client.get("/projects/").content.decode()


def test_the_whole_path_runs_inline_and_serves_the_zip_to_the_requester_only(
    django_capture_on_commit_callbacks,
):
    client = _client("supervisor")
    page = client.get(EXPORTS)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count(" checked>") == 2
    assert 'value="self-eval-report:docx" id="id_documents_0" checked>' in html
    assert 'value="self-eval-table:xlsx" id="id_documents_4" checked>' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            EXPORTS,
            {
                "year": "2023",
                "documents": ["self-eval-report:docx", "self-eval-table:xlsx"],
                "template": "seed",
            },
        )
    job = ExportJob.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"{EXPORTS}{job.pk}/")
    assert (job.status, job.done, job.total) == (ExportStatus.DONE, 10, 10)
    html = client.get(f"{EXPORTS}{job.pk}/").content.decode()
    assert "已完成" in html
    assert f'href="{EXPORTS}{job.pk}/download/"' in html
    assert 'hx-trigger="every 2s"' not in html
    download = client.get(f"{EXPORTS}{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert "attachment" in download["Content-Disposition"]
    body = b"".join(download.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert sorted(archive.namelist()) == _expected(SUPERVISOR_PROJECTS)
    for username in ("reviewer", "staff", "other"):
        other = _client(username)
        assert other.get(f"{EXPORTS}{job.pk}/").status_code == 404
        assert other.get(f"{EXPORTS}{job.pk}/download/").status_code == 404
    assert _client("admin").get(f"{EXPORTS}{job.pk}/download/").status_code == 200
    assert Client().get(f"{EXPORTS}{job.pk}/download/").status_code == 302


def test_the_job_page_polls_every_two_seconds_until_finished():
    job = _start("reviewer")
    client = _client("reviewer")
    html = client.get(f"{EXPORTS}{job.pk}/").content.decode()
    assert f'hx-get="{EXPORTS}{job.pk}/" hx-trigger="every 2s"' in html
    assert "排队中" in html
    assert "<html" in html
    fragment = client.get(f"{EXPORTS}{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="export-progress"')
    assert "已生成 0 / 40 个文件（0%）" in fragment
    assert "<html" not in fragment
    assert client.get(f"{EXPORTS}{job.pk}/download/").status_code == 404  # not ready


def test_the_job_page_shows_a_failure():
    job = _start("reviewer")
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.FAILED, error="生成失败：原因")
    html = _client("reviewer").get(f"{EXPORTS}{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "生成失败：原因" in html
    assert "hx-trigger" not in html


def test_the_form_refuses_a_year_without_projects_and_no_documents():
    client = _client("reviewer")
    before = (ExportJob.objects.count(), AuditEvent.objects.count())
    response = client.post(EXPORTS, {"year": "2019", "documents": ["self-eval-report:docx"]})
    assert response.status_code == 400
    assert "没有可导出的该年度项目。" in response.content.decode()
    response = client.post(EXPORTS, {"year": "2023", "template": "seed"})
    assert response.status_code == 400
    assert "请至少选择一种文档。" in response.content.decode()
    assert (ExportJob.objects.count(), AuditEvent.objects.count()) == before


def test_the_navigation_links_to_the_export_and_template_pages():
    reviewer = _client("reviewer").get("/projects/").content.decode()
    assert f'href="{EXPORTS}">导出全年报告</a>' in reviewer
    assert "报告模板" not in reviewer
    admin = _client("admin").get("/projects/").content.decode()
    assert f'href="{EXPORTS}">导出全年报告</a>' in admin
    assert 'href="/reports/templates/">报告模板</a>' in admin


def test_it_queues_the_job_for_a_worker_when_not_inline(
    settings, django_capture_on_commit_callbacks
):
    from django_q.models import OrmQ

    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}
    before = OrmQ.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = _start("supervisor")
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.status, job.done) == (ExportStatus.QUEUED, 0)
    assert OrmQ.objects.count() == before + 1
    task = OrmQ.objects.order_by("-pk").first().task
    assert (task["func"], task["args"], task["name"]) == (
        "jixiao.reports.tasks.export_job_task",
        (job.pk,),
        f"export-{job.pk}",
    )
