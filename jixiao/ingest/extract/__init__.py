"""Extraction: read a 绩效目标表, 自评表 or 自评报告 file into Extractions, never guessing silently.

``extract_file(data, filename, limits)`` checks the size and the real type of the file (not its
name), reads it with the reader of that type (xlsx, docx, pdf, text) and returns one
``Extraction`` per project found. Hostile or broken files raise ``IngestRefused`` with a Chinese
message. Pure Python, no Django: the CLI, the web upload and the tests call the same function.
"""

from __future__ import annotations

import io
import re
import zipfile

from jixiao.ingest.extract.docx import read_docx
from jixiao.ingest.extract.flat import extract_flat, table_sections
from jixiao.ingest.extract.model import (
    FIELD_LABELS,
    KIND_LABELS,
    Extraction,
    Field,
    IngestRefused,
    Limits,
    Source,
    TextDoc,
)
from jixiao.ingest.extract.narrative import read_narrative
from jixiao.ingest.extract.pdf import read_pdf
from jixiao.ingest.extract.tables import extract_tables, pipe_tables
from jixiao.ingest.extract.text import read_text
from jixiao.ingest.extract.xlsx import read_xlsx
from jixiao.rules.textnum import Confidence, normalise

__all__ = [
    "FIELD_LABELS",
    "KIND_LABELS",
    "Extraction",
    "Field",
    "IngestRefused",
    "Limits",
    "Source",
    "TextDoc",
    "extract_file",
    "extract_source",
    "sniff",
]

_TITLE_YEAR = re.compile(r"[(（]\s*(\d{4})\s*年\s*度\s*[)）]")
_EXTENSIONS = {"xlsx": "Excel（.xlsx）", "docx": "Word（.docx）", "pdf": "PDF", "txt": "文本"}
# Fields the running text may add to a table's extraction (the table is the better source
# of everything else).
_FROM_TEXT_FOR_TABLES = (
    "report_date",
    "grade",
    "indicator_count_1",
    "indicator_count_2",
    "indicator_count_3",
)


def sniff(data: bytes, filename: str, limits: Limits) -> str:
    """Return "xlsx", "docx", "pdf" or "txt" from the file's content; refuse anything else.

    Zip-based files are checked before they are opened: too many unpacked bytes or a member
    compressed beyond ``limits.max_ratio`` (a zip bomb) is refused.
    """
    name = filename.lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError):
            raise IngestRefused(
                "文件是损坏或不完整的压缩包（Office 文件），无法打开：请重新导出后上传。"
            ) from None
        unpacked = sum(member.file_size for member in members)
        if unpacked > limits.max_unpacked_bytes or len(members) > 2000:
            raise IngestRefused(
                f"文件解压后过大（{unpacked} 字节，上限 {limits.max_unpacked_bytes}），"
                "疑似压缩炸弹，已拒绝。"
            )
        for member in members:
            if member.file_size > 1024 * 1024 and member.file_size > limits.max_ratio * max(
                member.compress_size, 1
            ):
                raise IngestRefused(
                    f"文件中的“{member.filename}”压缩比异常（{member.file_size} 字节压缩为 "
                    f"{member.compress_size} 字节），疑似压缩炸弹，已拒绝。"
                )
        names = {member.filename for member in members}
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise IngestRefused("压缩包不是 Word（.docx）或 Excel（.xlsx）文件，无法导入。")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestRefused(
            "这是旧版 Office 文件（.doc/.xls）或加密的 Office 文件，无法读取："
            "请在 Word/Excel 中另存为 .docx/.xlsx（不设密码）后上传。"
        )
    if data[:2] == b"MZ" or data[:4] == b"\x7fELF":
        shown = _EXTENSIONS.get(extension, f".{extension}" if extension else "无扩展名")
        raise IngestRefused(f"文件内容是可执行程序，不是{shown}文件，已拒绝。")
    if extension in ("xlsx", "docx", "pdf"):
        raise IngestRefused(
            f"文件扩展名为 .{extension}，但内容不是{_EXTENSIONS[extension]}文件"
            "（文件损坏或类型不符）。"
        )
    return "txt"


def extract_file(data: bytes, filename: str, limits: Limits | None = None) -> list[Extraction]:
    """Read ``data`` (a file named ``filename``) into one Extraction per project.

    Raises IngestRefused for an empty, oversized, hostile, encrypted or unreadable file.
    """
    limits = limits or Limits()
    if not data:
        raise IngestRefused("文件为空。")
    if len(data) > limits.max_bytes:
        raise IngestRefused(
            f"文件过大（{len(data)} 字节），上限为 {limits.max_bytes} 字节："
            "请只上传自评表、绩效目标表或自评报告本身。"
        )
    kind = sniff(data, filename, limits)
    reader = {"xlsx": read_xlsx, "docx": read_docx, "pdf": read_pdf, "txt": read_text}[kind]
    try:
        source = reader(data, limits)
    except IngestRefused:
        raise
    except Exception as error:
        # The trust boundary: a broken file may make any library fail in any way; the user
        # gets one clear refusal and the worker stays up.
        raise IngestRefused(
            f"{_EXTENSIONS[kind]}文件内容损坏，无法读取（{type(error).__name__}）。"
        ) from None
    return extract_source(source)


MAX_PARSE_CHARS = 300_000  # a 自评表 or 自评报告 is far shorter; bounds the parsing time


def extract_source(source: Source) -> list[Extraction]:
    """Read the tables and the running text of ``source`` into Extractions (at least one).

    Only the first ``MAX_PARSE_CHARS`` characters of the running text are analysed (a note
    says so); tables are bounded by the readers' row and column limits.
    """
    text = source.text
    truncated = len(text.text) > MAX_PARSE_CHARS
    if truncated:
        text = TextDoc(text.text[:MAX_PARSE_CHARS], text.locate)
    extractions = _extract(source, text)
    if truncated:
        for extraction in extractions:
            extraction.notes.append(
                f"文本超过 {MAX_PARSE_CHARS} 个字符，只分析了前 {MAX_PARSE_CHARS} 个字符。"
            )
    return extractions


def _richness(extractions: list[Extraction]) -> int:
    """How much a reading found: key figures and indicators with a target."""
    keys = ("project_name", "budget_full_year", "executed", "total")
    return sum(
        sum(1 for key in keys if key in extraction.fields)
        + sum(1 for row in extraction.indicators if "target" in row)
        for extraction in extractions
    )


def _extract(source: Source, text: TextDoc) -> list[Extraction]:
    from_tables = extract_tables(source.tables)
    extractions = [e for e in from_tables if e.kind != "report"]
    partial = [e for e in from_tables if e.kind == "report"]
    if (table_sections(text.text) and source.format == "pdf") or not extractions:
        # A PDF's table finder can miss merged cells; its text may read better. Keep the
        # reading that found more (the tables win a tie).
        flat = extract_flat(text) if table_sections(text.text) else []
        if _richness(flat) > _richness(extractions):
            extractions = flat
    if not extractions:
        pipes = pipe_tables(text.text)
        partial += [e for e in extract_tables(pipes)]
        report = Extraction(kind="report")
        for table_part in partial:
            report.indicators += table_part.indicators
            report.fund_uses += table_part.fund_uses
            report.level1_headings.update(table_part.level1_headings)
            for name, item in table_part.fields.items():
                report.fields.setdefault(name, item)
        read_narrative(text, report)
        return [report]
    title_year = _TITLE_YEAR.search(normalise(text.text[:2000]))
    for extraction in extractions:
        if title_year and "year" not in extraction.fields:
            # A Word table's title "（2023年度）" is a paragraph above the table.
            extraction.set(
                "year",
                int(title_year.group(1)),
                Confidence.CERTAIN,
                text.locate(*title_year.span()),
                title_year.group(),
            )
        from_text = Extraction(kind="report")
        read_narrative(text, from_text)
        for name in _FROM_TEXT_FOR_TABLES:
            if name in from_text.fields:
                extraction.fields.setdefault(name, from_text.fields[name])
    return extractions
