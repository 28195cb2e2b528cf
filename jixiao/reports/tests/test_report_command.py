"""`jixiao report CODE --kind KIND --format FORMAT [--template …] -o FILE`."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

SEED = "440111-2023-0001"


def test_it_writes_the_seed_report_as_docx(tmp_path):
    output = tmp_path / "out.docx"
    stderr = io.StringIO()
    call_command(
        "report",
        SEED,
        "--kind",
        "self-eval-report",
        "--format",
        "docx",
        "-o",
        str(output),
        stderr=stderr,
    )
    document = Document(str(output))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "一、评价项目概述" and headings[-1] == "七、绩效评价结果应用"
    assert document.tables[0].rows[-1].cells[2].text == "99,975.00"
    assert stderr.getvalue().startswith(f"已生成 {output}（")
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]  # no temporary file left


def test_it_writes_the_tables_and_the_national_outline(tmp_path):
    call_command(
        "report",
        SEED,
        "--kind",
        "self-eval-table",
        "--format",
        "xlsx",
        "-o",
        str(tmp_path / "table.xlsx"),
        stderr=io.StringIO(),
    )
    assert load_workbook(tmp_path / "table.xlsx").active["A2"].value == "项目支出绩效自评表"
    call_command(
        "report",
        SEED,
        "--kind",
        "self-eval-report",
        "--format",
        "html",
        "--template",
        "national",
        "-o",
        str(tmp_path / "report.html"),
        stderr=io.StringIO(),
    )
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<h2>一、基本情况</h2>" in html


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            [SEED, "--kind", "self-eval-report", "--format", "xlsx"],
            "报告类型“self-eval-report”没有“xlsx”格式，可选：docx、pdf、html。",
        ),
        (
            [SEED, "--kind", "budget-table", "--format", "docx"],
            "未知的报告类型“budget-table”，可选：self-eval-report、self-eval-table、goal-table。",
        ),
        (
            [SEED, "--kind", "self-eval-report", "--format", "docx", "--template", "guangdong"],
            "未知的报告模板“guangdong”，可选：seed、national。",
        ),
        (
            ["440111-2023-9999", "--kind", "goal-table", "--format", "docx"],
            "项目不存在：440111-2023-9999",
        ),
    ],
)
def test_it_refuses_with_one_line_and_writes_nothing(tmp_path, arguments, message):
    output = tmp_path / "out.file"
    with pytest.raises(CommandError) as error:
        call_command("report", *arguments, "-o", str(output), stderr=io.StringIO())
    assert str(error.value) == message
    assert list(tmp_path.iterdir()) == []


def test_it_keeps_an_existing_file_when_it_refuses(tmp_path):
    output = tmp_path / "keep.docx"
    output.write_bytes(b"earlier")
    with pytest.raises(CommandError):
        call_command(
            "report",
            "440111-2023-9999",
            "--kind",
            "goal-table",
            "--format",
            "docx",
            "-o",
            str(output),
            stderr=io.StringIO(),
        )
    assert output.read_bytes() == b"earlier"
