"""XLSX renderer (openpyxl) of the official tables: 自评表 and 绩效目标表. No ORM here.

The layouts follow rules.md §2.1 and §2.2 with the official forms' merged header cells, thin
borders on every cell, amounts as numbers in 万元 with four decimals and thousands separators,
scores with two decimals, rates as percentages, A4 landscape print setup fitted to the width.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.reports.context import DEMO_LABEL
from jixiao.reports.data import ReportData
from jixiao.reports.numbers import wan

WAN_FORMAT = "#,##0.0000"
SCORE_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"
FONT_NAME = "仿宋_GB2312"

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")
_FONT = Font(name=FONT_NAME, size=10.5)
_BOLD = Font(name=FONT_NAME, size=10.5, bold=True)


class _Sheet:
    """Writes bordered, merged cells row by row; rows are 1-based, columns 0-based."""

    def __init__(self, sheet: Worksheet, widths: Sequence[float]) -> None:
        self.sheet = sheet
        self.columns = len(widths)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width

    def put(
        self,
        row: int,
        first: int,
        value,
        *,
        last: int | None = None,
        bottom: int | None = None,
        align: Alignment = _CENTER,
        bold: bool = False,
        number_format: str | None = None,
    ) -> None:
        last = first if last is None else last
        bottom = row if bottom is None else bottom
        for r in range(row, bottom + 1):
            for c in range(first, last + 1):
                cell = self.sheet.cell(row=r, column=c + 1)
                cell.border = _BORDER
                cell.alignment = align
                cell.font = _BOLD if bold else _FONT
        cell = self.sheet.cell(row=row, column=first + 1)
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            # "=100%" is a 年度指标值, not a formula.
            cell.data_type = "s"
        if number_format:
            cell.number_format = number_format
        if last > first or bottom > row:
            self.sheet.merge_cells(
                start_row=row, start_column=first + 1, end_row=bottom, end_column=last + 1
            )

    def amount(self, row: int, column: int, value: Decimal | None, **kwargs) -> None:
        """An amount in 元, written in 万元 (four decimals) as a number, right-aligned."""
        self.put(
            row,
            column,
            None if value is None else wan(value),
            align=_RIGHT,
            number_format=WAN_FORMAT,
            **kwargs,
        )

    def title(self, text: str, year: int, is_demo: bool) -> int:
        """Title rows; returns the first free row."""
        last = self.columns - 1
        if is_demo:
            self.sheet.cell(row=1, column=self.columns, value=DEMO_LABEL).font = _BOLD
            self.sheet.cell(row=1, column=self.columns).alignment = _RIGHT
        self.sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last + 1)
        cell = self.sheet.cell(row=2, column=1, value=text)
        cell.font = Font(name="方正小标宋简体", size=18)
        cell.alignment = _CENTER
        self.sheet.row_dimensions[2].height = 30
        self.sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=last + 1)
        cell = self.sheet.cell(row=3, column=1, value=f"（{year}年度）")
        cell.font = Font(name=FONT_NAME, size=12)
        cell.alignment = _CENTER
        return 4


def _page_setup(sheet: Worksheet, title: str) -> None:
    """A4 landscape, one page wide, page numbers; 演示数据 sits in row 1 (a print title row)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.title = title


def _save(workbook: Workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def self_eval_table_xlsx(data: ReportData) -> bytes:
    """项目支出绩效自评表 (rules.md §2.1) as .xlsx bytes."""
    workbook = Workbook()
    sheet = workbook.active
    _page_setup(sheet, "绩效自评表")
    s = _Sheet(sheet, [14, 12, 12, 26, 13, 13, 9, 10, 26])
    row = s.title("项目支出绩效自评表", data.year, data.is_demo)
    s.put(row, 0, "项目名称", bold=True)
    s.put(row, 1, data.name, last=8, align=_LEFT)
    row += 1
    s.put(row, 0, "主管部门", bold=True)
    s.put(row, 1, data.department_name, last=4, align=_LEFT)
    s.put(row, 5, "实施单位", bold=True)
    s.put(row, 6, data.unit_name, last=8, align=_LEFT)
    row += 1
    s.put(row, 0, "项目资金（万元）", bottom=row + len(data.funding), bold=True)
    s.put(row, 1, "", last=2)
    headers = ("年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分")
    for column, text in enumerate(headers, start=3):
        s.put(row, column, text, bold=True)
    for index, funding in enumerate(data.funding):
        row += 1
        s.put(row, 1, ("其中：" if index == 1 else "") + funding.label, last=2, align=_LEFT)
        s.amount(row, 3, funding.initial)
        s.amount(row, 4, funding.full_year)
        s.amount(row, 5, funding.executed)
        if funding.is_total:
            s.put(row, 6, funding.weight, align=_RIGHT, number_format=SCORE_FORMAT)
            s.put(row, 8, funding.score, align=_RIGHT, number_format=SCORE_FORMAT)
        else:
            s.put(row, 6, "—")
            s.put(row, 8, "—")
        rate = None if funding.rate is None else funding.rate / 100
        s.put(row, 7, rate, align=_RIGHT, number_format=RATE_FORMAT)
    row += 1
    s.put(row, 0, "年度总体目标", bottom=row + 1, bold=True)
    s.put(row, 1, "预期目标", last=4, bold=True)
    s.put(row, 5, "实际完成情况", last=8, bold=True)
    row += 1
    s.put(row, 1, data.annual_goal or "无", last=4, align=_LEFT)
    s.put(row, 5, data.narrative.actual_goal or "—", last=8, align=_LEFT)
    sheet.row_dimensions[row].height = max(45, 15 * (len(data.annual_goal) // 40 + 1))
    row += 1
    indicators = data.indicators
    s.put(row, 0, "绩效指标", bottom=row + len(indicators), bold=True)
    headers = (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    for column, text in enumerate(headers, start=1):
        s.put(row, column, text, bold=True)
    for group in data.indicator_groups:
        s.put(row + 1, 1, group.level1, bottom=row + len(group.indicators))
        for item in group.indicators:
            row += 1
            s.put(row, 2, item.level2)
            s.put(row, 3, item.name, align=_LEFT)
            s.put(row, 4, item.target_display)
            s.put(row, 5, item.actual_display)
            s.put(row, 6, item.weight, align=_RIGHT, number_format=SCORE_FORMAT)
            s.put(row, 7, item.score, align=_RIGHT, number_format=SCORE_FORMAT)
            s.put(row, 8, item.deviation_note, align=_LEFT)
            sheet.row_dimensions[row].height = 30
    row += 1
    s.put(row, 0, "总分", last=5, bold=True)
    s.put(row, 6, Decimal(100), align=_RIGHT, number_format=SCORE_FORMAT, bold=True)
    s.put(row, 7, data.total, align=_RIGHT, number_format=SCORE_FORMAT, bold=True)
    s.put(row, 8, f"评价等级：{data.grade or '—'}", bold=True)
    sheet.print_title_rows = "1:3"
    return _save(workbook)


def goal_table_xlsx(data: ReportData) -> bytes:
    """项目支出绩效目标申报表 (rules.md §2.2) as .xlsx bytes; 中期 = 年度 for one-year projects."""
    workbook = Workbook()
    sheet = workbook.active
    _page_setup(sheet, "绩效目标表")
    s = _Sheet(sheet, [14, 12, 14, 26, 12, 14, 26, 12])
    row = s.title("项目支出绩效目标申报表", data.year, data.is_demo)
    s.put(row, 0, "项目名称", bold=True)
    s.put(row, 1, data.name, last=7, align=_LEFT)
    row += 1
    s.put(row, 0, "主管部门及代码", bold=True)
    s.put(row, 1, f"{data.department_name}（{data.department_code}）", last=3, align=_LEFT)
    s.put(row, 4, "实施单位", bold=True)
    s.put(row, 5, data.unit_name, last=7, align=_LEFT)
    row += 1
    s.put(row, 0, "项目属性", bold=True)
    s.put(row, 1, data.category, last=3, align=_LEFT)
    s.put(row, 4, "项目期", bold=True)
    s.put(row, 5, data.period, last=7, align=_LEFT)
    row += 1
    parts = {funding.label: funding.full_year or Decimal(0) for funding in data.funding[1:]}
    # 88号: 其中：财政拨款 = 当年财政拨款 + 上年结转资金.
    fiscal = parts.get("当年财政拨款", Decimal(0)) + parts.get("上年结转资金", Decimal(0))
    amounts = (
        ("中期资金总额：", "年度资金总额：", data.budget_full_year),
        ("其中：财政拨款", "其中：财政拨款", fiscal),
        ("其他资金", "其他资金", parts.get("其他资金", Decimal(0))),
    )
    s.put(row, 0, "项目资金（万元）", bottom=row + 2, bold=True)
    for offset, (middle, annual, amount) in enumerate(amounts):
        s.put(row + offset, 1, middle, last=2, align=_LEFT)
        s.amount(row + offset, 3, amount)
        s.put(row + offset, 4, annual, last=6, align=_LEFT)
        s.amount(row + offset, 7, amount)
    row += 3
    s.put(row, 0, "总体目标", bottom=row + 1, bold=True)
    s.put(row, 1, f"中期目标（{data.year}年）", last=3, bold=True)
    s.put(row, 4, "年度目标", last=7, bold=True)
    row += 1
    s.put(row, 1, data.annual_goal or "无", last=3, align=_LEFT)
    s.put(row, 4, data.annual_goal or "无", last=7, align=_LEFT)
    sheet.row_dimensions[row].height = max(45, 15 * (len(data.annual_goal) // 30 + 1))
    row += 1
    indicators = data.indicators
    s.put(row, 0, "绩效指标", bottom=row + len(indicators), bold=True)
    headers = ("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
    for column, text in enumerate(headers, start=1):
        s.put(row, column, text, bold=True)
    for group in data.indicator_groups:
        s.put(row + 1, 1, group.level1, bottom=row + len(group.indicators))
        for item in group.indicators:
            row += 1
            for offset in (0, 3):
                s.put(row, 2 + offset, item.level2)
                s.put(row, 3 + offset, item.name, align=_LEFT)
                s.put(row, 4 + offset, item.target_display)
            sheet.row_dimensions[row].height = 30
    row += 1
    s.put(row, 0, "分值合计", bold=True)
    s.put(row, 1, data.indicator_weight_total, last=7, align=_LEFT, number_format=SCORE_FORMAT)
    sheet.print_title_rows = "1:3"
    return _save(workbook)
