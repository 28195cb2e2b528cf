"""Recognising an uploaded file by its content (magic bytes), never by its name.

Allowed: PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) and UTF-8 plain text. DOCX and XLSX are
zip archives: their entries are listed (not extracted) and refused when there are too many or
when they would expand beyond a bound, so a zip bomb renamed .docx is refused before anything
reads it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

# A real Word or Excel file has tens to a few hundred entries and expands to a few times its
# size; these bounds leave room for large spreadsheets while refusing zip bombs.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100


@dataclass(frozen=True)
class Detected:
    """What the content is: a MIME type, a file extension and a Chinese name."""

    content_type: str
    extension: str
    label: str


PDF = Detected("application/pdf", "pdf", "PDF 文档")
PNG = Detected("image/png", "png", "PNG 图片")
JPEG = Detected("image/jpeg", "jpg", "JPEG 图片")
DOCX = Detected(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word 文档"
)
XLSX = Detected(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel 表格"
)
TEXT = Detected("text/plain; charset=utf-8", "txt", "纯文本（UTF-8）")

ALLOWED_LABELS = "PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx）或 UTF-8 纯文本文件"

# Content that is refused, recognised so the message can name it.
_KNOWN_REFUSED = (
    (b"MZ", "Windows 可执行程序（EXE/DLL）"),
    (b"\x7fELF", "Linux 可执行程序（ELF）"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档（.doc/.xls）"),
    (b"{\\rtf", "RTF 文档"),
    (b"BM", "BMP 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
)


class FileRefused(ValueError):
    """The content is not allowed; the message is Chinese and names what was detected."""


def detect(content: bytes) -> Detected:
    """Return what ``content`` is, or raise ``FileRefused`` naming the detected type."""
    if not content:
        raise FileRefused("文件为空（0 字节），请选择有内容的文件。")
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _office(content)
    for magic, label in _KNOWN_REFUSED:
        if content.startswith(magic):
            raise _refused(label)
    if b"\x00" not in content:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return TEXT
    raise _refused("无法识别的二进制文件")


def _office(content: bytes) -> Detected:
    """A zip archive: DOCX when it holds word/, XLSX when it holds xl/, otherwise refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refused("损坏的 ZIP 压缩包") from None
    if len(entries) > ZIP_MAX_ENTRIES:
        raise FileRefused(
            f"文件包含 {len(entries)} 个压缩条目，超过上限 {ZIP_MAX_ENTRIES}，"
            "疑似压缩炸弹，已拒绝。"
        )
    expanded = sum(entry.file_size for entry in entries)
    if expanded > ZIP_MAX_UNCOMPRESSED_BYTES or expanded > ZIP_MAX_RATIO * max(len(content), 1):
        raise FileRefused(
            f"文件解压后达 {expanded} 字节（压缩前 {len(content)} 字节），疑似压缩炸弹，已拒绝。"
        )
    names = [entry.filename for entry in entries]
    if "[Content_Types].xml" in names:
        if any(name.startswith("word/") for name in names):
            return DOCX
        if any(name.startswith("xl/") for name in names):
            return XLSX
    raise _refused("ZIP 压缩包（不是 Word 或 Excel 文档）")


def _refused(label: str) -> FileRefused:
    return FileRefused(f"不支持的文件类型：检测到“{label}”。请上传 {ALLOWED_LABELS}。")
