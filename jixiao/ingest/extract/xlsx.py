"""XLSX (openpyxl, read-only, cached values) → Source with one table per sheet."""

from __future__ import annotations

import datetime
import io
import time
import zipfile
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from jixiao.ingest.extract.model import Cell, IngestRefused, Limits, Source, Table, TextDoc

__all__ = ["read_xlsx"]


def _text(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float | int):
        # A float cell holds the shortest decimal that round-trips: repr keeps 215457.6 exact.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (number_format or ""):
            return f"{format((number * 100).normalize(), 'f')}%"
        return format(number.normalize(), "f") if number == number.to_integral() else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    return str(value)


def read_xlsx(data: bytes, limits: Limits) -> Source:
    """Read every sheet's cells (formulas as their cached values) with "Sheet!B4" positions."""
    deadline = time.monotonic() + limits.seconds
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # A text like "=100%" written by a program is stored as a formula that was never
        # calculated (no cached value): the formulas workbook gives its text back.
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise IngestRefused(f"无法打开 Excel 文件（文件损坏或不完整）：{error}") from None
    tables: list[Table] = []
    lines: list[str] = []
    try:
        for sheet, formula_sheet in zip(workbook.worksheets, formulas.worksheets, strict=True):
            table: Table = []
            rows = sheet.iter_rows(max_row=limits.max_rows, max_col=limits.max_columns)
            formula_rows = formula_sheet.iter_rows(
                max_row=limits.max_rows, max_col=limits.max_columns, values_only=True
            )
            for row_number, (row, formula_row) in enumerate(
                zip(rows, formula_rows, strict=False), start=1
            ):
                if time.monotonic() > deadline:
                    raise IngestRefused(
                        f"读取 Excel 超过时间上限（{limits.seconds:g} 秒），已停止。"
                    )
                cells = []
                for column_number, cell in enumerate(row, start=1):
                    value = getattr(cell, "value", None)
                    text = _text(value, getattr(cell, "number_format", ""))
                    formula = (
                        formula_row[column_number - 1]
                        if column_number <= len(formula_row)
                        else None
                    )
                    if value is None and isinstance(formula, str) and formula.startswith("="):
                        text = formula
                    where = f"{sheet.title}!{get_column_letter(column_number)}{row_number}"
                    cells.append(Cell(text, where))
                table.append(cells)
                joined = " ".join(c.text for c in cells if c.text)
                if joined:
                    lines.append(joined)
            tables.append(table)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise IngestRefused(f"Excel 文件内容损坏，无法读取：{error}") from None
    finally:
        workbook.close()
        formulas.close()
    return Source(format="xlsx", tables=tables, text=TextDoc("\n".join(lines)))
