"""The finance bureau's export of a year's reports as one zip, worked off by the task queue.

`export_job_start` (in the web request) checks the request, stores the job and, once the
transaction commits, hands its id to django-q2; `export_job_run` (in a worker) writes the zip
file by file into settings.DATA_DIR / "exports", outside the web root, counting progress after
every file. The download is served only to the requester (and administrators).
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from jixiao.accounts.models import Role
from jixiao.audit.services import audit_record
from jixiao.projects.models import Project
from jixiao.projects.selectors import project_list_for_user, project_years_for_user
from jixiao.reports.exports import ZipEntry, export_zip_write, safe_name
from jixiao.reports.models import ExportJob, ExportStatus, TemplateKind, TemplateName
from jixiao.reports.services import KINDS, ReportError
from jixiao.reports.template_services import report_render_for_site
from jixiao.workflow.access import status_visible_to

logger = logging.getLogger(__name__)

EXPORT_ROLES = frozenset({Role.REVIEWER, Role.SUPERVISOR, Role.ADMIN})
# The two documents a bureau collects from every unit (PRODUCT.md §6): the report and the table.
DEFAULT_DOCUMENTS = ("self-eval-report:docx", "self-eval-table:xlsx")
FORMAT_LABELS = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF", "html": "网页"}
# How a document is named inside the zip: "<code> <project name> <document>.<format>".
DOCUMENT_NAMES = {
    TemplateKind.SELF_EVAL_REPORT: "绩效自评报告",
    TemplateKind.SELF_EVAL_TABLE: "绩效自评表",
    TemplateKind.GOAL_TABLE: "绩效目标申报表",
}
CHUNK = 100


def export_allowed(user) -> bool:
    """Whether `user` may export: reviewers, supervising departments and administrators."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in EXPORT_ROLES))


def export_requester_check(user) -> None:
    """Raise Http404 for users who may not export (unit staff and heads): no page for them."""
    if not export_allowed(user):
        raise Http404("页面不存在")


def export_document_choices() -> list[tuple[str, str]]:
    """The ("kind:format", label) pairs an export may contain, in the order of KINDS."""
    choices = []
    for kind, spec in KINDS.items():
        if kind not in DOCUMENT_NAMES:
            continue  # e.g. the monitoring table, which needs a checkpoint
        for fmt in spec.formats:
            choices.append(
                (f"{kind}:{fmt}", f"{TemplateKind(kind).label}（{FORMAT_LABELS.get(fmt, fmt)}）")
            )
    return choices


def export_document_labels(job: ExportJob) -> list[str]:
    """The Chinese labels of the documents chosen for `job`, in their order."""
    labels = dict(export_document_choices())
    return [labels.get(value, value) for value in job.documents]


def export_years(user) -> list[int]:
    """The years with projects `user` may see, newest first."""
    return project_years_for_user(user)


def export_project_ids(user, year: int) -> list[int]:
    """Ids of the projects of `year` whose self-evaluation `user` may see, by unit then code.

    One query of (id, unit, status) rows; visibility is decided by the one predicate
    `status_visible_to` (reviewers see an evaluation once the unit has sent it out).
    """
    rows = (
        project_list_for_user(user, year=year)
        .filter(evaluation__isnull=False)
        .order_by("unit__path", "code")
        .values_list("pk", "unit_id", "evaluation__status")
    )
    return [
        pk
        for pk, unit_id, status in rows
        if status_visible_to(user, unit_id=unit_id, status=status)
    ]


def _kinds_clean(kinds) -> list[str]:
    chosen = list(dict.fromkeys(kinds or DEFAULT_DOCUMENTS))
    allowed = {value for value, _ in export_document_choices()}
    unknown = [value for value in chosen if value not in allowed]
    if unknown:
        raise ValidationError(f"不支持导出的文档：{'、'.join(unknown)}。")
    return chosen


def export_job_start(
    *, user, year: int, kinds=None, template: str = TemplateName.SEED
) -> ExportJob:
    """Store an export job for `user` and queue it; return the job (status queued).

    `kinds` is a list of "kind:format" (default DEFAULT_DOCUMENTS); `template` the outline
    of the self-evaluation report. Raises PermissionDenied for users who may not export, and
    ValidationError (nothing stored) for an unknown document, a year out of range or a year
    without any self-evaluation the user may see.
    """
    if not export_allowed(user):
        raise PermissionDenied("只有财政局、主管部门审核人和系统管理员可以导出全年报告。")
    chosen = _kinds_clean(kinds)
    if template not in TemplateName.values:
        raise ValidationError(f"没有这种报告提纲：{template}。")
    if not 2000 <= year <= 2100:
        raise ValidationError(f"年度 {year} 无效：应在 2000–2100 之间。")
    project_ids = export_project_ids(user, year)
    if not project_ids:
        raise ValidationError(f"{year} 年度没有您可查看的已报送自评，无可导出的报告。")
    sees_all = user.is_superuser or user.role == Role.ADMIN
    with transaction.atomic():
        job = ExportJob.objects.create(
            requested_by=user,
            year=year,
            scope=None if sees_all else user.organisation,
            documents=chosen,
            template=template,
            total=len(project_ids) * len(chosen),
        )
        audit_record(
            actor=user,
            action="export_job.start",
            obj=job,
            summary=f"导出 {year} 年度报告（{len(project_ids)} 个项目）",
            changes={"status": (None, ExportStatus.QUEUED)},
        )
        transaction.on_commit(lambda: export_job_enqueue(job.pk))
    return job


def export_job_enqueue(job_id: int) -> str:
    """Hand the job to django-q2; with Q_CLUSTER["sync"] (JIXIAO_Q_SYNC=1) it runs inline.

    `sync` is read from settings on every call (django-q2 reads it once at import), so tests
    can switch it with override_settings.
    """
    from django_q.tasks import async_task

    return async_task(
        "jixiao.reports.tasks.export_job_task",
        job_id,
        task_name=f"export-{job_id}",
        sync=bool(settings.Q_CLUSTER.get("sync", False)),
    )


def export_directory() -> Path:
    """Where finished zips are kept: settings.DATA_DIR / "exports" (not served as static)."""
    return Path(settings.DATA_DIR) / "exports"


def export_job_run(job_id: int) -> str:
    """Build the zip of job `job_id` (called by the worker); return the job's final status.

    Claims the job atomically (queued → running), so a job delivered twice runs once. Progress
    (`done`) is written after every file. On any error the partial file is removed and the job
    is marked failed with a message naming the document that failed.

    django-q2 delivers a task again when its worker stopped or hit Q_CLUSTER["timeout"] before
    finishing (after Q_CLUSTER["retry"], which is longer). Such a job is still "running" with a
    start older than the timeout: it is marked failed with a message, never started over, so an
    export too large for the time limit does not run again and again.
    """
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return _interrupted_fail(job_id)
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    directory = export_directory()
    partial = directory / f"export-{job.pk}.zip.part"
    final = directory / f"export-{job.pk}.zip"
    current = {"what": ""}
    try:
        directory.mkdir(parents=True, exist_ok=True)
        project_ids = export_project_ids(job.requested_by, job.year)
        documents = [tuple(value.split(":", 1)) for value in job.documents]
        ExportJob.objects.filter(pk=job.pk).update(total=len(project_ids) * len(documents), done=0)
        count = export_zip_write(
            partial,
            _entries(project_ids, documents, job.template, current),
            on_file=lambda done: ExportJob.objects.filter(pk=job.pk).update(done=done),
            timestamp=timezone.localtime(),
        )
        os.replace(partial, final)
    except Exception as error:
        logger.exception("export job %s failed", job_id)
        partial.unlink(missing_ok=True)
        _finish(job, ExportStatus.FAILED, error=_failure_message(error, current["what"]))
        return ExportStatus.FAILED
    _finish(
        job,
        ExportStatus.DONE,
        done=count,
        result_name=final.name,
        result_size=final.stat().st_size,
    )
    return ExportStatus.DONE


def _interrupted_fail(job_id: int) -> str:
    """Mark a job failed whose run was cut short; return its status ("skipped" if not)."""
    timeout = settings.Q_CLUSTER.get("timeout", 1800)
    stale = timezone.now() - datetime.timedelta(seconds=timeout)
    job = ExportJob.objects.filter(
        pk=job_id, status=ExportStatus.RUNNING, started_at__lt=stale
    ).first()
    if job is None:
        return "skipped"
    (export_directory() / f"export-{job.pk}.zip.part").unlink(missing_ok=True)
    _finish(
        job,
        ExportStatus.FAILED,
        error=(
            f"导出中断：后台任务进程在完成前停止，或超过了 {timeout // 60} 分钟的时限。"
            "请重新导出；文件很多时，可由各主管部门分别导出。"
        ),
    )
    return ExportStatus.FAILED


def _finish(job: ExportJob, status: str, **fields) -> None:
    with transaction.atomic():
        ExportJob.objects.filter(pk=job.pk).update(
            status=status, finished_at=timezone.now(), **fields
        )
        audit_record(
            actor=None,
            action=f"export_job.{status}",
            obj=job,
            summary=f"导出 {job.year} 年度报告：{ExportStatus(status).label}",
            changes={"status": (ExportStatus.RUNNING, status)},
            reason=fields.get("error", ""),
        )


def _failure_message(error: Exception, what: str) -> str:
    if not what:
        return f"导出失败：{error}"
    if isinstance(error, ReportError):
        return f"生成“{what}”时出错：{str(error).rstrip('。')}。导出已中止。"
    return (
        f"生成“{what}”时发生意外错误（{type(error).__name__}：{error}），导出已中止。"
        "请稍后重试，或联系系统管理员。"
    )


def _entries(
    project_ids: list[int], documents: list[tuple[str, str]], template: str, current: dict
) -> Iterator[ZipEntry]:
    """The zip's files: one folder per unit, "<code> <project> <document>.<format>" in it."""
    ids = iter(project_ids)
    while chunk := list(islice(ids, CHUNK)):
        projects = Project.objects.filter(pk__in=chunk).select_related("unit").in_bulk()
        for pk in chunk:
            project = projects[pk]
            folder = safe_name(project.unit.name)
            for kind, fmt in documents:
                title = f"{project.code} {project.name} {DOCUMENT_NAMES[kind]}"
                yield ZipEntry(
                    arcname=f"{folder}/{safe_name(title)}.{fmt}",
                    produce=_producer(project, kind, fmt, template, title, current),
                )


def _producer(project: Project, kind: str, fmt: str, template: str, title: str, current: dict):
    def produce() -> bytes:
        current["what"] = f"{title}（{FORMAT_LABELS.get(fmt, fmt)}）"
        rendered = report_render_for_site(
            project=project,
            kind=kind,
            fmt=fmt,
            template=template if kind == TemplateKind.SELF_EVAL_REPORT else TemplateName.SEED,
        )
        return rendered.content

    return produce


def export_job_list_for_user(user) -> QuerySet[ExportJob]:
    """The export jobs `user` asked for, newest first."""
    return ExportJob.objects.filter(requested_by=user).select_related("scope")


def export_job_get_for_user(user, *, pk: int) -> ExportJob:
    """The job `pk` if `user` asked for it or administers the site; Http404 otherwise.

    The same 404 for a missing job and another user's job, so an id tells nothing.
    """
    jobs = ExportJob.objects.select_related("scope", "requested_by")
    if not (user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN)):
        jobs = jobs.filter(requested_by_id=user.pk)
    try:
        return jobs.get(pk=pk)
    except ExportJob.DoesNotExist:
        raise Http404("导出任务不存在或无权查看") from None


def export_job_file(job: ExportJob) -> tuple[Path, str]:
    """(path, download name) of a finished job's zip; Http404 when it is not ready or gone."""
    if job.status != ExportStatus.DONE or not job.result_name:
        raise Http404("导出文件尚未生成")
    path = export_directory() / job.result_name
    if not path.is_file():
        raise Http404("导出文件已被清理，请重新导出")
    return path, f"{job.year}年度绩效报告-导出{job.pk}.zip"
