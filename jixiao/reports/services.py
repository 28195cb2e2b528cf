"""Produce report files: `report_render` (one document of one project) and the template check.

Reports are reads: nothing is written and no audit event is due. One builder reads the data
(`builder.report_data_build`), `context.report_context` formats it once, and a renderer per
format turns it into bytes (`docx`, `xlsx`, `html`, `pdf`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jixiao.projects.models import Project
from jixiao.reports import docx, html, pdf, xlsx
from jixiao.reports.builder import report_data_build
from jixiao.reports.context import report_context
from jixiao.reports.data import ReportData
from jixiao.reports.sample import sample_report_data

__all__ = [
    "CONTENT_TYPES",
    "KINDS",
    "TEMPLATES",
    "RenderedReport",
    "ReportError",
    "docx_template_validate",
    "report_filename",
    "report_render",
    "report_render_data",
]


@dataclass(frozen=True)
class Kind:
    """A kind of document: its Chinese title and the formats it comes in."""

    title: str
    formats: tuple[str, ...]
    evaluation_based: bool


# PRODUCT.md §6: kind → formats. `monitoring-table` comes with the monitoring app.
KINDS: dict[str, Kind] = {
    "self-eval-report": Kind("绩效自评报告", ("docx", "pdf", "html"), evaluation_based=True),
    "self-eval-table": Kind("项目支出绩效自评表", ("docx", "xlsx", "pdf"), evaluation_based=True),
    "goal-table": Kind("项目支出绩效目标申报表", ("docx", "xlsx", "pdf"), evaluation_based=False),
}

# Report templates: the seed's seven-part outline (rules.md §3.3) and 财预〔2020〕10号 附件3
# (rules.md §3.2). The tables have one layout each.
TEMPLATES: dict[str, str] = {
    "seed": "自评报告七部分提纲（白云区样本）",
    "national": "财预〔2020〕10号附件3提纲",
}

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


class ReportError(ValueError):
    """A report cannot be produced as asked; the message is one Chinese line."""


@dataclass(frozen=True)
class RenderedReport:
    """A produced file: its name, MIME type and bytes."""

    filename: str
    content_type: str
    content: bytes


def report_check(kind: str, fmt: str, template: str = "seed") -> Kind:
    """Return the `Kind` of `kind` if it comes in `fmt` and `template` exists, else raise
    `ReportError` naming what is wrong and what would do."""
    spec = KINDS.get(kind)
    if spec is None:
        raise ReportError(f"未知的报告类型“{kind}”，可选：{'、'.join(KINDS)}。")
    if fmt not in spec.formats:
        raise ReportError(f"报告类型“{kind}”没有“{fmt}”格式，可选：{'、'.join(spec.formats)}。")
    if template not in TEMPLATES:
        raise ReportError(f"未知的报告模板“{template}”，可选：{'、'.join(TEMPLATES)}。")
    return spec


def report_filename(data: ReportData, kind: str, fmt: str, template: str = "seed") -> str:
    """ "440111-2023-0001-绩效自评报告.docx"; the national outline adds "-national"."""
    suffix = "-national" if template == "national" and kind == "self-eval-report" else ""
    return f"{data.code}-{KINDS[kind].title}{suffix}.{fmt}"


def report_render(
    *,
    project: Project,
    kind: str,
    fmt: str,
    template: str = "seed",
    docx_template: bytes | None = None,
) -> RenderedReport:
    """Return the document `kind` of `project` as a file of format `fmt`.

    `template` picks the report outline ("seed" or "national"; the tables have one layout).
    `docx_template` replaces the shipped Word template (an administrator's upload). Raises
    `ReportError` for an unknown kind, format or template, or a broken Word template. Access is
    the caller's business (views check `report_visible_to`).
    """
    report_check(kind, fmt, template)
    return report_render_data(
        report_data_build(project),
        kind=kind,
        fmt=fmt,
        template=template,
        docx_template=docx_template,
    )


def report_render_data(
    data: ReportData,
    *,
    kind: str,
    fmt: str,
    template: str = "seed",
    docx_template: bytes | None = None,
) -> RenderedReport:
    """Render already built `data` (see `report_render`); never touches the database."""
    report_check(kind, fmt, template)
    content = _RENDERERS[fmt](data, kind, template, docx_template)
    return RenderedReport(
        filename=report_filename(data, kind, fmt, template),
        content_type=CONTENT_TYPES[fmt],
        content=content,
    )


def _docx(data: ReportData, kind: str, template: str, docx_template: bytes | None) -> bytes:
    source = docx_template if docx_template is not None else docx.shipped_template(kind, template)
    try:
        return docx.docx_render(source, report_context(data))
    except docx.TemplateError as error:
        raise ReportError(str(error)) from error


def _xlsx(data: ReportData, kind: str, template: str, docx_template: bytes | None) -> bytes:
    renderer = xlsx.self_eval_table_xlsx if kind == "self-eval-table" else xlsx.goal_table_xlsx
    return renderer(data)


def _html_document(data: ReportData, kind: str, template: str) -> str:
    title = f"{data.name}{KINDS[kind].title}"
    return html.report_html_document(
        report_context(data), kind=kind, template=template, title=title
    )


def _html(data: ReportData, kind: str, template: str, docx_template: bytes | None) -> bytes:
    return _html_document(data, kind, template).encode("utf-8")


def _pdf(data: ReportData, kind: str, template: str, docx_template: bytes | None) -> bytes:
    return pdf.pdf_render(_html_document(data, kind, template))


_RENDERERS: dict[str, Callable[[ReportData, str, str, bytes | None], bytes]] = {
    "docx": _docx,
    "xlsx": _xlsx,
    "html": _html,
    "pdf": _pdf,
}


def report_html_fragment(*, project: Project, template: str = "seed") -> Any:
    """The 自评报告 of `project` as an HTML fragment for the report page of the web UI."""
    report_check("self-eval-report", "html", template)
    context = report_context(report_data_build(project))
    return html.report_html_fragment(context, kind="self-eval-report", template=template)


def docx_template_validate(kind: str, template_bytes: bytes) -> None:
    """Check that a Word template of `kind` renders against sample data (the seed project).

    Raises `ReportError` naming the bad placeholder (StrictUndefined), a broken tag or a file
    that is not a .docx. Call it before storing an administrator's upload.
    """
    report_check(kind, "docx")
    _docx(sample_report_data(complete=True), kind, "seed", template_bytes)
