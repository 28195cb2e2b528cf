"""Uploaded files are recognised by their content, never by their name."""

from __future__ import annotations

import pytest

from jixiao.ledger.filetypes import FileRefused, detect
from jixiao.ledger.tests import files

REFUSAL_TAIL = "请上传 PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx）或 UTF-8 纯文本文件。"


@pytest.mark.parametrize(
    ("content", "content_type", "extension"),
    [
        (files.tiny_pdf(), "application/pdf", "pdf"),
        (files.PNG, "image/png", "png"),
        (files.JPEG, "image/jpeg", "jpg"),
        (
            files.tiny_docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            files.tiny_xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ("会议纪要：同意。\n".encode(), "text/plain; charset=utf-8", "txt"),
    ],
)
def test_it_recognises_each_allowed_type(content, content_type, extension):
    detected = detect(content)
    assert (detected.content_type, detected.extension) == (content_type, extension)


@pytest.mark.parametrize(
    ("content", "label"),
    [
        (files.windows_exe(), "Windows 可执行程序（EXE/DLL）"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 9, "Linux 可执行程序（ELF）"),
        (b"GIF89a" + b"\x00" * 8, "GIF 图片"),
        (b"PK\x03\x04broken", "损坏的 ZIP 压缩包"),
        ("文本".encode("gbk") + b"\xff\xfe", "无法识别的二进制文件"),
    ],
)
def test_it_refuses_other_content_naming_what_it_found(content, label):
    with pytest.raises(FileRefused) as refused:
        detect(content)
    assert str(refused.value) == f"不支持的文件类型：检测到“{label}”。{REFUSAL_TAIL}"


def test_it_refuses_a_plain_zip_that_is_not_an_office_document():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(FileRefused) as refused:
        detect(out.getvalue())
    assert "ZIP 压缩包（不是 Word 或 Excel 文档）" in str(refused.value)


def test_it_refuses_a_zip_bomb_without_expanding_it():
    bomb = files.zip_bomb()
    with pytest.raises(FileRefused) as refused:
        detect(bomb)
    assert str(refused.value) == (
        f"文件解压后达 104857608 字节（压缩前 {len(bomb)} 字节），疑似压缩炸弹，已拒绝。"
    )


def test_it_refuses_an_empty_file():
    with pytest.raises(FileRefused) as refused:
        detect(b"")
    assert str(refused.value) == "文件为空（0 字节），请选择有内容的文件。"
