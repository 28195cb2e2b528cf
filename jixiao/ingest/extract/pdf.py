"""Text PDF (pdfplumber) → Source: page text with "第1页 行3" positions, and page tables."""

from __future__ import annotations

import io
import time

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from jixiao.ingest.extract.model import Cell, IngestRefused, Limits, Source, Table, TextDoc

__all__ = ["read_pdf"]

ENCRYPTED = "PDF 文件已加密（设有密码或权限保护），无法读取：请上传未加密的文件。"


def read_pdf(data: bytes, limits: Limits) -> Source:
    """Read each page's text and tables; refuse encrypted, broken, scanned or huge PDFs."""
    deadline = time.monotonic() + limits.seconds
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise IngestRefused(ENCRYPTED) from None
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise IngestRefused(ENCRYPTED) from None
        raise IngestRefused(f"PDF 文件损坏或不完整，无法读取：{cause}") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError, OSError) as error:
        raise IngestRefused(f"PDF 文件损坏或不完整，无法读取：{error}") from None
    try:
        if getattr(pdf.doc, "encryption", None):
            raise IngestRefused(ENCRYPTED)
        try:
            pages = pdf.pages
        except Exception as error:  # pdfminer raises many kinds on a broken page tree
            raise IngestRefused(f"PDF 页面结构损坏，无法读取：{error}") from None
        if len(pages) > limits.max_pages:
            raise IngestRefused(
                f"PDF 共 {len(pages)} 页，超过上限 {limits.max_pages} 页："
                "请只上传自评表或报告本身。"
            )
        parts: list[str] = []
        marks: list[tuple[int, int, int]] = []  # offset, page, line
        tables: list[Table] = []
        offset = 0
        for page_number, page in enumerate(pages, start=1):
            if time.monotonic() > deadline:
                raise IngestRefused(f"读取 PDF 超过时间上限（{limits.seconds:g} 秒），已停止。")
            try:
                text = page.extract_text() or ""
                page_tables = page.extract_tables() or []
            except Exception as error:  # a broken content stream: refuse, do not crash
                raise IngestRefused(f"PDF 第 {page_number} 页内容损坏：{error}") from None
            for line_number, line in enumerate(text.split("\n"), start=1):
                marks.append((offset, page_number, line_number))
                parts.append(line)
                offset += len(line) + 1
            for table_number, rows in enumerate(page_tables, start=1):
                tables.append(
                    [
                        [
                            Cell(
                                (value or "").replace("\n", ""),
                                f"第{page_number}页 表{table_number} 行{r} 列{c}",
                            )
                            for c, value in enumerate(row, start=1)
                        ]
                        for r, row in enumerate(rows, start=1)
                    ]
                )
    finally:
        pdf.close()
    text = "\n".join(parts)
    if not text.strip():
        raise IngestRefused(
            "PDF 中没有可提取的文字（可能是扫描件）：请上传文字版 PDF，或 Word/Excel 文件。"
        )

    def locate(start: int, end: int) -> str:
        found = max((m for m in marks if m[0] <= start), default=(0, 1, 1))
        return f"第{found[1]}页 行{found[2]}"

    return Source(format="pdf", tables=tables, text=TextDoc(text, locate))
