"""The export zip, written file by file without a database."""

from __future__ import annotations

import datetime
import zipfile

import pytest

from jixiao.reports.exports import ZipEntry, export_zip_write, safe_name

WHEN = datetime.datetime(2024, 3, 1, 9, 30, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("示例区第一中学", "示例区第一中学"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("  名称。. ", "名称。"),
        ("换行\n制表\t", "换行_制表_"),
        ("...", "未命名"),
        ("", "未命名"),
        ("长" * 90, "长" * 80),
    ],
)
def test_it_makes_names_safe_on_every_system(text, expected):
    assert safe_name(text) == expected


def test_it_writes_each_file_deflated_under_its_chinese_name_and_counts_them(tmp_path):
    path = tmp_path / "out.zip"
    produced = []
    counted = []

    def producer(name: str, content: bytes):
        def produce() -> bytes:
            produced.append(name)
            # every earlier file was counted before this one is produced: one at a time
            assert counted == list(range(1, len(produced)))
            return content

        return produce

    entries = [
        ZipEntry("示例区第一中学/440111-2023-0101 自评报告.docx", producer("a", b"A" * 1000)),
        ZipEntry("示例区第一中学/440111-2023-0101 自评表.xlsx", producer("b", b"B" * 10)),
        ZipEntry("示例区第二小学/440111-2023-0104 自评报告.docx", producer("c", b"")),
    ]
    count = export_zip_write(path, iter(entries), on_file=counted.append, timestamp=WHEN)
    assert count == 3
    assert counted == [1, 2, 3]
    assert produced == ["a", "b", "c"]
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == [entry.arcname for entry in entries]
        infos = archive.infolist()
        assert [info.compress_type for info in infos] == [zipfile.ZIP_DEFLATED] * 3
        assert all(info.flag_bits & 0x800 for info in infos)  # UTF-8 names
        assert infos[0].date_time == (2024, 3, 1, 9, 30, 14)  # zip times have 2 s steps
        assert archive.read(infos[0]) == b"A" * 1000
        assert infos[0].compress_size < 100
        assert archive.read(infos[2]) == b""


def test_it_lets_a_failure_through_after_the_files_before_it(tmp_path):
    counted = []

    def broken() -> bytes:
        raise RuntimeError("渲染失败")

    entries = [ZipEntry("a.docx", lambda: b"a"), ZipEntry("b.docx", broken)]
    with pytest.raises(RuntimeError, match="渲染失败"):
        export_zip_write(tmp_path / "x.zip", entries, on_file=counted.append, timestamp=WHEN)
    assert counted == [1]
