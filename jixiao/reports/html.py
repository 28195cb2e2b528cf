"""HTML renderer: the documents as HTML, for the browser and for the PDF. No ORM here.

Django's template engine renders `templates/reports/documents/`; the same body fragment
serves the standalone document (`report_html_document`, printed to PDF by WeasyPrint) and the
page of the web UI (`report_html_fragment`).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

BODY_TEMPLATES = {
    ("self-eval-report", "seed"): "reports/documents/_self_eval_report_seed.html",
    ("self-eval-report", "national"): "reports/documents/_self_eval_report_national.html",
    ("self-eval-table", "seed"): "reports/documents/_self_eval_table.html",
    ("goal-table", "seed"): "reports/documents/_goal_table.html",
}

# The forms are wide tables: A4 landscape, as the official forms are printed.
LANDSCAPE_KINDS = frozenset({"self-eval-table", "goal-table"})


def _body_template(kind: str, template: str) -> str:
    return BODY_TEMPLATES.get((kind, template)) or BODY_TEMPLATES[(kind, "seed")]


def report_html_fragment(context: dict[str, Any], *, kind: str, template: str) -> SafeString:
    """The document's body (an <article>) for embedding in a page."""
    return render_to_string(_body_template(kind, template), context)


def report_html_document(context: dict[str, Any], *, kind: str, template: str, title: str) -> str:
    """A standalone HTML document with its print CSS (A4 pages, 演示数据 in the page header)."""
    return render_to_string(
        "reports/documents/document.html",
        {
            **context,
            "body_template": _body_template(kind, template),
            "landscape": kind in LANDSCAPE_KINDS,
            "document_title": title,
        },
    )
