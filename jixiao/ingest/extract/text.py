"""Plain text (UTF-8 or GB18030) → Source."""

from __future__ import annotations

from jixiao.ingest.extract.model import IngestRefused, Limits, Source, TextDoc

__all__ = ["decode_text", "read_text"]


def decode_text(data: bytes) -> str:
    """Return ``data`` as text, or raise IngestRefused when it is not text."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise IngestRefused(
            "文件既不是 Word、Excel、PDF，也不是可识别编码（UTF-8/GB18030）的文本。"
        )
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if "\x00" in text or controls > max(8, len(text) // 50):
        raise IngestRefused("文件内容是二进制数据，不是文本：请上传 XLSX、DOCX、PDF 或 TXT 文件。")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(data: bytes, limits: Limits) -> Source:
    """Read a plain-text report; positions are named "字符 a–b"."""
    text = decode_text(data)
    if len(text) > limits.max_text_chars:
        raise IngestRefused(
            f"文本过长（{len(text)} 个字符，上限 {limits.max_text_chars}），请只上传报告本身。"
        )
    return Source(format="txt", text=TextDoc(text))
