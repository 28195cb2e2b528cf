"""DOCX (python-docx) → Source: tables with "表1 行2 列3" positions, paragraphs as text."""

from __future__ import annotations

import io
import time
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from jixiao.ingest.extract.model import Cell, IngestRefused, Limits, Source, Table, TextDoc

__all__ = ["read_docx"]


def read_docx(data: bytes, limits: Limits) -> Source:
    """Read the paragraphs and the tables of a Word file (merged cells read once)."""
    deadline = time.monotonic() + limits.seconds
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise IngestRefused(f"无法打开 Word 文件（文件损坏或不完整）：{error}") from None
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for paragraph in document.paragraphs:
        starts.append(offset)
        parts.append(paragraph.text)
        offset += len(paragraph.text) + 1
    tables: list[Table] = []
    rows_read = 0
    for table_number, table in enumerate(document.tables, start=1):
        grid: Table = []
        for row_number, row in enumerate(table.rows, start=1):
            rows_read += 1
            if rows_read > limits.max_rows or time.monotonic() > deadline:
                raise IngestRefused("Word 表格过大或读取超时，已停止：请拆分文件后再导入。")
            cells = []
            seen = None
            for column_number, cell in enumerate(row.cells[: limits.max_columns], start=1):
                # A merged cell repeats itself across the grid: read it once.
                text = "" if cell._tc is seen else cell.text
                seen = cell._tc
                cells.append(Cell(text, f"表{table_number} 行{row_number} 列{column_number}"))
            grid.append(cells)
        tables.append(grid)
    text = "\n".join(parts)

    def locate(start: int, end: int) -> str:
        first = max((i for i, s in enumerate(starts) if s <= start), default=0)
        last = max((i for i, s in enumerate(starts) if s <= max(start, end - 1)), default=first)
        return f"段落 {first + 1}" if first == last else f"段落 {first + 1}–{last + 1}"

    return Source(format="docx", tables=tables, text=TextDoc(text, locate))
