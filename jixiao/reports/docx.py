"""DOCX renderer: fill a Word template (docxtpl) with the report context. No ORM here.

The shipped templates live in `docx_templates/` (built by `build_templates.py`); an
administrator's replacement arrives as bytes. Jinja runs with `StrictUndefined`, so a misspelt
placeholder raises `TemplateError` naming it instead of printing nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

TEMPLATE_DIR = Path(__file__).resolve().parent / "docx_templates"

# (kind, template) → shipped file; the tables have one layout whatever the report template.
TEMPLATE_FILES = {
    ("self-eval-report", "seed"): "self-eval-report-seed.docx",
    ("self-eval-report", "national"): "self-eval-report-national.docx",
    ("self-eval-table", "seed"): "self-eval-table.docx",
    ("goal-table", "seed"): "goal-table.docx",
}


class TemplateError(ValueError):
    """A Word template cannot be rendered; the Chinese message names the placeholder."""


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def shipped_template(kind: str, template: str) -> bytes:
    """The bytes of the shipped Word template of `kind` in `template` ("seed" for tables)."""
    name = TEMPLATE_FILES.get((kind, template)) or TEMPLATE_FILES[(kind, "seed")]
    return _read(name)


@cache
def _read(name: str) -> bytes:
    return (TEMPLATE_DIR / name).read_bytes()


def docx_render(template_bytes: bytes, context: dict[str, Any]) -> bytes:
    """Render `context` into the Word template given as bytes and return the .docx bytes.

    Raises `TemplateError` when the file is not a Word document, a placeholder is unknown
    (StrictUndefined) or the Jinja syntax is broken.
    """
    try:
        document = DocxTemplate(io.BytesIO(template_bytes))
        document.render(context, _environment(), autoescape=True)
    except jinja2.UndefinedError as error:
        name = _undefined_name(error, template_bytes)
        raise TemplateError(f"模板占位符无效：“{name}”未定义。") from error
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"模板语法错误（第 {error.lineno} 行附近）：{error.message}。"
        ) from error
    except (KeyError, ValueError, OSError) as error:
        # python-docx raises these for a file that is not a .docx (zip without document.xml).
        raise TemplateError(f"模板文件不是有效的 Word（.docx）文档：{error}") from error
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _undefined_name(error: jinja2.UndefinedError, template_bytes: bytes) -> str:
    """The placeholder Jinja complained about, as written in the template where it can be
    found: "'dict object' has no attribute 'nmae'" → "project.nmae"; "'totl' is undefined" →
    "totl"."""
    message = str(error.message or error)
    undefined = re.search(r"'([^']+)' is undefined", message)
    if undefined is not None:
        return undefined.group(1)
    attribute = re.search(r"has no attribute '([^']+)'", message)
    if attribute is None:
        return message
    name = attribute.group(1)
    written = re.search(r"([A-Za-z_][\w.\[\]]*)\." + re.escape(name) + r"\b", _text(template_bytes))
    return f"{written.group(1)}.{name}" if written else name


def _text(template_bytes: bytes) -> str:
    """The text of the template's body, headers and footers without XML tags."""
    try:
        with zipfile.ZipFile(io.BytesIO(template_bytes)) as archive:
            parts = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
            xml = "".join(archive.read(n).decode("utf-8", "replace") for n in parts)
    except zipfile.BadZipFile:
        return ""
    return re.sub(r"<[^>]+>", "", xml)
