"""The XLSX renderer from hand-built data, read back with openpyxl. No database."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from jixiao.reports.sample import sample_report_data
from jixiao.reports.services import report_render_data


def _sheet(kind, **sample):
    rendered = report_render_data(sample_report_data(**sample), kind=kind, fmt="xlsx")
    return rendered, load_workbook(io.BytesIO(rendered.content)).active


def _number(value) -> Decimal:
    """A number cell as read back (openpyxl gives int or float) as the Decimal it prints."""
    return Decimal(str(value))


def _row_of(sheet, column, value):
    return next(
        row for row in range(1, sheet.max_row + 1) if sheet.cell(row, column).value == value
    )


def test_it_lays_out_the_self_evaluation_table_as_the_official_form():
    rendered, sheet = _sheet("self-eval-table")
    assert rendered.filename == "440111-2023-0001-项目支出绩效自评表.xlsx"
    assert rendered.content_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert sheet["I1"].value == "演示数据"
    assert sheet["A2"].value == "项目支出绩效自评表"
    assert sheet["A3"].value == "（2023年度）"
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A2:I2", "B4:I4", "B5:E5", "G5:I5", "A6:A10", "A11:A12", "B11:E11"} <= merged
    assert sheet["A6"].value == "项目资金（万元）"
    assert [sheet.cell(6, c).value for c in range(4, 10)] == [
        "年初预算数",
        "全年预算数(A)",
        "全年执行数(B)",
        "分值",
        "执行率(B/A)",
        "得分",
    ]
    assert sheet["B7"].value == "年度资金总额"
    assert [_number(sheet.cell(7, c).value) for c in range(4, 10)] == [
        Decimal("10"),
        Decimal("10"),
        Decimal("9.9975"),
        Decimal("10"),
        Decimal("0.9998"),
        Decimal("10"),
    ]
    assert sheet["D7"].number_format == "#,##0.0000"
    assert sheet["H7"].number_format == "0.00%"
    assert sheet["I7"].number_format == "#,##0.00"
    assert sheet["D7"].alignment.horizontal == "right"
    assert sheet["B8"].value == "其中：当年财政拨款"
    assert sheet["B9"].value == "上年结转资金" and sheet["D9"].value is None


def test_it_writes_the_indicators_grouped_by_the_scheme_with_merged_first_levels():
    _, sheet = _sheet("self-eval-table")
    header = _row_of(sheet, 2, "一级指标")
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert f"A{header}:A{header + 9}" in merged  # 绩效指标
    assert f"B{header + 1}:B{header + 4}" in merged  # 产出指标 ×4
    assert f"B{header + 5}:B{header + 8}" in merged  # 效益指标 ×4
    assert sheet.cell(header + 9, 2).value == "满意度指标"
    first = [sheet.cell(header + 1, c).value for c in range(3, 9)]
    assert first[:4] == ["数量指标", "党组织规范化建设覆盖率", "=100%", "100%"]
    assert [_number(value) for value in first[4:]] == [Decimal("12.5"), Decimal("12.5")]
    assert sheet.cell(header + 1, 5).data_type == "s"  # "=100%" is text, not a formula
    total = header + 10
    assert sheet.cell(total, 1).value == "总分"
    assert _number(sheet.cell(total, 7).value) == Decimal(100)
    assert _number(sheet.cell(total, 8).value) == Decimal(100)
    assert sheet.cell(total, 9).value == "评价等级：优"


def test_it_sets_borders_widths_and_a4_print_setup():
    _, sheet = _sheet("self-eval-table")
    assert sheet["D7"].border.left.style == "thin"
    assert sheet["D7"].border.bottom.style == "thin"
    assert sheet.column_dimensions["D"].width == 26
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


def test_it_lays_out_the_goal_table():
    rendered, sheet = _sheet("goal-table", is_demo=False, has_evaluation=False)
    assert rendered.filename == "440111-2023-0001-项目支出绩效目标申报表.xlsx"
    assert sheet["H1"].value is None  # not demo data
    assert sheet["A2"].value == "项目支出绩效目标申报表"
    assert sheet["B5"].value == "中共广州市白云区直属机关工作委员会（440111-QZJGGW）"
    assert sheet["A7"].value == "项目资金（万元）"
    assert [_number(sheet[ref].value) for ref in ("D7", "H7", "D8", "D9")] == [
        Decimal(10),
        Decimal(10),
        Decimal(10),
        Decimal(0),
    ]
    assert sheet["D7"].number_format == "#,##0.0000"
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A7:A9", "A10:A11", "B10:D10", "E10:H10"} <= merged
    header = _row_of(sheet, 2, "一级指标")
    assert [sheet.cell(header, c).value for c in range(1, 9)] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "二级指标",
        "三级指标",
        "指标值",
    ]
    assert sheet.cell(header + 9, 8).value == "=100%"
    assert _number(sheet.cell(header + 10, 2).value) == Decimal(90)
