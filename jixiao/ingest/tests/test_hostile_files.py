"""Hostile and broken files are refused with a clear Chinese message, quickly, without crash."""

from __future__ import annotations

import functools
import hashlib
import io
import struct
import time
import zipfile

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook

from jixiao.ingest.extract import IngestRefused, Limits, extract_file

LIMITS = Limits(max_bytes=settings.UPLOAD_MAX_BYTES)


@functools.cache
def valid_xlsx() -> bytes:
    """A small XLSX, built once (its timestamps would make every build differ)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["项目支出绩效自评表"])
    sheet.append(["项目名称", "测试项目"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused(data: bytes, filename: str, limits: Limits = LIMITS) -> str:
    started = time.monotonic()
    with pytest.raises(IngestRefused) as caught:
        extract_file(data, filename, limits)
    assert time.monotonic() - started < 5
    return str(caught.value)


def test_it_refuses_an_empty_file():
    assert refused(b"", "a.xlsx") == "文件为空。"


def test_it_refuses_a_file_over_the_upload_limit():
    data = b"x" * (settings.UPLOAD_MAX_BYTES + 1)
    message = refused(data, "big.txt")
    assert message.startswith(f"文件过大（{settings.UPLOAD_MAX_BYTES + 1} 字节）")


def test_it_refuses_an_executable_named_xlsx():
    message = refused(b"MZ\x90\x00" + b"\x00" * 200, "report.xlsx")
    assert message == "文件内容是可执行程序，不是Excel（.xlsx）文件，已拒绝。"


def test_it_refuses_a_truncated_xlsx():
    data = valid_xlsx()
    message = refused(data[: len(data) // 2], "cut.xlsx")
    assert message == "文件是损坏或不完整的压缩包（Office 文件），无法打开：请重新导出后上传。"


def test_it_refuses_a_zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b"\x00" * (20 * 1024 * 1024))
    message = refused(buffer.getvalue(), "bomb.xlsx")
    assert "疑似压缩炸弹" in message
    assert message.startswith("文件中的“xl/workbook.xml”压缩比异常")


def test_it_refuses_too_many_unpacked_bytes():
    message = refused(valid_xlsx(), "a.xlsx", Limits(max_unpacked_bytes=1000))
    assert message.startswith("文件解压后过大")


def test_it_refuses_a_zip_that_is_no_office_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refused(buffer.getvalue(), "a.docx") == (
        "压缩包不是 Word（.docx）或 Excel（.xlsx）文件，无法导入。"
    )


def test_it_refuses_an_old_or_encrypted_office_file():
    message = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "a.xls")
    assert message.startswith("这是旧版 Office 文件（.doc/.xls）或加密的 Office 文件")


def test_it_refuses_binary_data_as_text():
    message = refused(bytes(range(256)) * 4, "a.txt")
    assert message in (
        "文件内容是二进制数据，不是文本：请上传 XLSX、DOCX、PDF 或 TXT 文件。",
        "文件既不是 Word、Excel、PDF，也不是可识别编码（UTF-8/GB18030）的文本。",
    )


def test_it_refuses_a_text_file_named_pdf():
    assert refused("项目名称 测试".encode(), "a.pdf") == (
        "文件扩展名为 .pdf，但内容不是PDF文件（文件损坏或类型不符）。"
    )


def test_it_refuses_a_broken_pdf():
    message = refused(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "a.pdf")
    assert message.startswith("PDF")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user_password: bytes, owner_password: bytes = b"owner") -> bytes:
    """A one-page PDF encrypted with the standard security handler, RC4 40-bit (PDF 1.4,
    Algorithms 3.2–3.4), built by hand because no PDF writer with encryption is installed."""
    permissions = -4
    file_id = hashlib.md5(b"jixiao").digest()
    owner_key = hashlib.md5((owner_password + _PAD)[:32]).digest()[:5]
    owner_entry = _rc4(owner_key, (user_password + _PAD)[:32])
    key = hashlib.md5(
        (user_password + _PAD)[:32] + owner_entry + struct.pack("<i", permissions) + file_id
    ).digest()[:5]
    user_entry = _rc4(key, _PAD)
    content = b"BT /F1 12 Tf 72 720 Td (secret) Tj ET"
    object_key = hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\x00\x00").digest()[:10]
    stream = _rc4(object_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + owner_entry.hex().encode()
        + b"> /U <"
        + user_entry.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.mark.parametrize("user_password", [b"secret", b""])
def test_it_refuses_an_encrypted_pdf(user_password):
    message = refused(encrypted_pdf(user_password), "locked.pdf")
    assert message == "PDF 文件已加密（设有密码或权限保护），无法读取：请上传未加密的文件。"


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_it_reads_any_text_without_crashing(text):
    try:
        extractions = extract_file(text.encode(), "fuzz.txt")
    except IngestRefused:
        return
    assert len(extractions) >= 1
    for extraction in extractions:
        extraction.to_dict()
        extraction.stated()


_GENRE = st.sampled_from(
    [
        "项目名称",
        "主管部门",
        "实施单位",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "其中:当年财政拨款",
        "一级指标",
        "二级指标",
        "三级指标",
        "产出指标(50分)",
        "数量指标",
        "指标1:",
        "指标2:",
        "总分",
        "财政项目支出绩效自评表 (2022 年度)",
        "≥90%",
        "100%",
        "215,457.6",
        "10",
        "8.62",
        "—",
        "显著提升",
        "2022年12月30日",
        "三级指标12个",
        "202010100.00%10",
        " ",
        "\n",
        "|",
    ]
)


@hypothesis_settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_GENRE, max_size=60))
def test_it_reads_shuffled_table_words_without_crashing(words):
    try:
        extractions = extract_file(" ".join(words).encode(), "fuzz.txt")
    except IngestRefused:
        return
    for extraction in extractions:
        extraction.to_dict()
        extraction.stated()


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_it_refuses_or_reads_a_corrupted_xlsx(data):
    original = bytearray(valid_xlsx())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        index = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
        original[index] = data.draw(st.integers(min_value=0, max_value=255))
    try:
        extract_file(bytes(original), "corrupt.xlsx")
    except IngestRefused as error:
        assert str(error)
