"""Word templates an administrator replaces: checks, upload, restore, and rendering with them.

An uploaded template is checked completely before anything is stored: size, that it really is a
.docx (a zip holding word/document.xml, not a renamed file, not corrupt, not a zip bomb), and
that every placeholder is known (`docx_template_validate`). Only then does one transaction
deactivate the previous template and activate the new one, so a broken upload never disturbs
the template in use.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from jixiao.accounts.models import Role
from jixiao.audit.services import audit_record
from jixiao.reports.docx import TEMPLATE_FILES, shipped_template
from jixiao.reports.models import ReportTemplate, TemplateKind, TemplateName
from jixiao.reports.services import (
    RenderedReport,
    ReportError,
    docx_template_validate,
    report_render,
)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A Word template is a few hundred kilobytes; its unpacked parts may be far larger than the zip
# (XML compresses ~10×), but never more than this many times the upload limit, nor hold more
# parts than a real document does. Anything beyond is refused as a zip bomb.
UNPACKED_MAX_FACTOR = 10
MEMBERS_MAX = 2000
# The parts without which Word cannot open a document (ECMA-376 Part 2, Open Packaging).
REQUIRED_MEMBERS = ("[Content_Types].xml", "word/document.xml")

# The (kind, template) pairs that have a Word template, as shipped by the DOCX renderer: the
# report in both outlines, the tables in their one layout.
TEMPLATE_SLOTS = tuple(TEMPLATE_FILES)


@dataclass(frozen=True)
class TemplateSlot:
    """One replaceable template and the upload in use for it (None: the shipped default)."""

    kind: str
    kind_label: str
    template: str
    template_label: str
    active: ReportTemplate | None

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.template}"


def template_admin_check(user) -> None:
    """Raise Http404 unless `user` administers the site (role admin or superuser).

    The same 404 as a missing page, so the template pages tell other users nothing.
    """
    if not _is_admin(user):
        raise Http404("页面不存在")


def _is_admin(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


def template_slot_check(kind: str, template: str) -> None:
    """Raise Http404 when (kind, template) is not a replaceable template."""
    if (kind, template) not in TEMPLATE_SLOTS:
        raise Http404("没有这种报告模板")


def template_slot_list() -> list[TemplateSlot]:
    """Every replaceable template with its active upload, in a fixed order (one query)."""
    active = {
        (t.kind, t.template): t
        for t in ReportTemplate.objects.filter(is_active=True)
        .select_related("uploaded_by")
        .defer("content")
    }
    return [
        TemplateSlot(
            kind=kind,
            kind_label=TemplateKind(kind).label,
            template=template,
            template_label=TemplateName(template).label,
            active=active.get((kind, template)),
        )
        for kind, template in TEMPLATE_SLOTS
    ]


def report_template_active(kind: str, template: str) -> bytes | None:
    """The bytes of the active uploaded .docx for (kind, template), or None for the default."""
    content = (
        ReportTemplate.objects.filter(kind=kind, template=template, is_active=True)
        .values_list("content", flat=True)
        .first()
    )
    return None if content is None else bytes(content)


def report_template_download(kind: str, template: str) -> tuple[str, bytes]:
    """(file name, bytes) of the template in use: the active upload, else the shipped default."""
    template_slot_check(kind, template)
    content = report_template_active(kind, template)
    if content is None:
        return (
            f"{TemplateKind(kind).label}-{template}-默认模板.docx",
            shipped_template(kind, template),
        )
    return f"{TemplateKind(kind).label}-{template}-当前模板.docx", content


def docx_check(content: bytes) -> None:
    """Raise ValidationError unless `content` is a sound .docx package.

    Refused, each with a message naming the problem: an empty file, a file over
    settings.UPLOAD_MAX_BYTES, anything that is not a zip (a .doc, a PDF, a renamed text file),
    a corrupt zip (bad CRC, truncated), a zip without word/document.xml, a document with macros
    (a .docm renamed: its macros would reach every generated report), and a zip bomb (more
    than MEMBERS_MAX parts or unpacked parts over UNPACKED_MAX_FACTOR × the upload limit —
    the declared sizes are binding, since zipfile stops reading a part at its declared size).
    """
    limit = settings.UPLOAD_MAX_BYTES
    if not content:
        raise ValidationError("文件为空，请选择用 Word 编辑后保存的 .docx 模板文件。")
    if len(content) > limit:
        raise ValidationError(f"文件过大：{_size(len(content))}，超过上传上限 {_size(limit)}。")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ValidationError(
            "不是 Word 文档（.docx）：文件内容不是 .docx 格式。"
            "请在 Word 中“另存为”“Word 文档（*.docx）”后再上传（.doc、PDF 等格式不能作为模板）。"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MEMBERS_MAX:
            raise ValidationError(
                f"文件异常：压缩包内有 {len(members)} 个部件（上限 {MEMBERS_MAX}），"
                "不是正常的 Word 文档。"
            )
        unpacked = sum(member.file_size for member in members)
        if unpacked > limit * UNPACKED_MAX_FACTOR:
            raise ValidationError(
                f"文件异常：解压后共 {_size(unpacked)}，"
                f"超过上限 {_size(limit * UNPACKED_MAX_FACTOR)}，疑为压缩炸弹，已拒绝。"
            )
        names = {member.filename for member in members}
        missing = [name for name in REQUIRED_MEMBERS if name not in names]
        if missing:
            raise ValidationError(
                f"不是 Word 文档（.docx）：缺少 {'、'.join(missing)}。"
                "请上传用 Word 保存的 .docx 文件（.xlsx、.pptx 等不能作为 Word 模板）。"
            )
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise ValidationError(
                "文件含有宏（VBA），出于安全考虑不能作为模板。"
                "请在 Word 中另存为不含宏的“Word 文档（*.docx）”后上传。"
            )
        try:
            broken = archive.testzip()
        except (
            zipfile.BadZipFile,
            zlib.error,
            NotImplementedError,
            RuntimeError,
            ValueError,
            OSError,
            EOFError,
        ) as error:
            raise ValidationError(
                f"文件已损坏，无法读取：{error}。请在 Word 中重新保存后上传。"
            ) from None
        if broken is not None:
            raise ValidationError(
                f"文件已损坏：部件 {broken} 校验失败。请在 Word 中重新保存后上传。"
            )


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count} 字节"


def _upload_read(upload) -> bytes:
    """The uploaded file's bytes, refusing a file over the limit before reading it whole."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload is None:
        raise ValidationError("请选择要上传的 .docx 模板文件。")
    if upload.size is not None and upload.size > limit:
        raise ValidationError(f"文件过大：{_size(upload.size)}，超过上传上限 {_size(limit)}。")
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(f"文件过大：超过上传上限 {_size(limit)}。")
    return content


def report_template_upload(
    *, kind: str, template: str, upload, actor, reason: str = ""
) -> ReportTemplate:
    """Check an uploaded .docx and make it the active template of (kind, template).

    Raises ValidationError naming the problem (size, not a .docx, corrupt, zip bomb, an unknown
    placeholder as reported by `docx_template_validate`) before anything is written, so the
    previous template stays active and unchanged. Raises PermissionDenied for non-admins.
    On success the previous upload is deactivated, the new one created active, and one audit
    event records the change (file name and SHA-256, old → new).
    """
    if not _is_admin(actor):
        raise PermissionDenied("只有系统管理员可以替换报告模板。")
    if (kind, template) not in TEMPLATE_SLOTS:
        raise ValidationError(f"没有这种报告模板：{kind} / {template}。")
    content = _upload_read(upload)
    docx_check(content)
    try:
        docx_template_validate(kind, content)
    except ReportError as error:
        raise ValidationError(f"模板有误，未启用：{error}") from None
    except Exception as error:  # lxml and python-docx errors of a damaged document part
        raise ValidationError(
            f"模板有误，未启用：文件中的 Word 内容无法读取（{type(error).__name__}：{error}）。"
            "请在 Word 中打开并重新保存为 .docx 后上传。"
        ) from None
    filename = (getattr(upload, "name", "") or "template.docx").rsplit("/", 1)[-1][:255]
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        previous = (
            ReportTemplate.objects.select_for_update()
            .filter(kind=kind, template=template, is_active=True)
            .defer("content")
            .first()
        )
        if previous is not None:
            previous.is_active = False
            previous.save(update_fields=["is_active"])
        created = ReportTemplate.objects.create(
            kind=kind,
            template=template,
            content=content,
            original_filename=filename,
            size=len(content),
            sha256=digest,
            uploaded_by=actor,
            is_active=True,
        )
        audit_record(
            actor=actor,
            action="report_template.upload",
            obj=created,
            summary=f"替换报告模板：{TemplateKind(kind).label}（{template}）",
            changes={
                "template": (_describe(previous), _describe(created)),
                "sha256": (previous.sha256 if previous else None, digest),
            },
            reason=reason,
        )
    return created


def report_template_reset(*, kind: str, template: str, actor, reason: str = "") -> ReportTemplate:
    """Deactivate the uploaded template of (kind, template): the shipped default is used again.

    Returns the deactivated upload. Raises ValidationError when the default is already in use
    (nothing to restore) and PermissionDenied for non-admins; in both cases nothing changes.
    """
    if not _is_admin(actor):
        raise PermissionDenied("只有系统管理员可以恢复默认模板。")
    template_slot_check(kind, template)
    with transaction.atomic():
        previous = (
            ReportTemplate.objects.select_for_update()
            .filter(kind=kind, template=template, is_active=True)
            .defer("content")
            .first()
        )
        if previous is None:
            raise ValidationError("该报告已在使用系统默认模板，无需恢复。")
        previous.is_active = False
        previous.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="report_template.reset",
            obj=previous,
            summary=f"恢复默认报告模板：{TemplateKind(kind).label}（{template}）",
            changes={"template": (_describe(previous), "系统默认模板")},
            reason=reason,
        )
    return previous


def _describe(uploaded: ReportTemplate | None) -> str:
    if uploaded is None:
        return "系统默认模板"
    return f"{uploaded.original_filename}（#{uploaded.pk}）"


def report_render_for_site(
    *, project, kind: str, fmt: str, template: str = "seed"
) -> RenderedReport:
    """Render a report with the administrator's active Word template, if any.

    The uploaded template applies to DOCX only (PDF and HTML come from the HTML layout, XLSX from
    its own layout). Raises ReportError as `report_render` does.
    """
    docx_template = None
    if fmt == "docx" and (kind, template) in TEMPLATE_SLOTS:
        docx_template = report_template_active(kind, template)
    return report_render(
        project=project, kind=kind, fmt=fmt, template=template, docx_template=docx_template
    )
