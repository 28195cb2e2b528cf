"""Renderers of the monitoring table: DOCX (python-docx, A4) and XLSX (openpyxl).

They take a `MonitoringTable` and never touch the database.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from jixiao.monitoring.table import CAUSES, NOTES, MonitoringTable

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = 13  # 一级 二级 三级 指标值 执行情况 预计 + 5 偏差原因 + 可能性 + 备注
TICK = "√"


def _grid(table: MonitoringTable) -> list[list[tuple[str, int]]]:
    """The table as rows of (text, column span), spans adding up to COLUMNS on every row."""
    period = table.period
    rows: list[list[tuple[str, int]]] = [
        [("项目名称", 2), (f"{table.project_name}（{table.project_code}）", 11)],
        [
            ("主管部门及代码", 2),
            (f"{table.department} {table.department_code}".strip(), 4),
            ("实施单位", 2),
            (table.unit, 5),
        ],
        [
            ("项目资金（万元）", 2),
            ("", 2),
            ("年初预算数", 2),
            (f"{period}执行数", 2),
            (f"{period}执行率", 2),
            ("全年预计执行数", 3),
        ],
    ]
    for line in table.funding:
        rows.append(
            [
                ("", 2),
                (line.label, 2),
                (line.budget, 2),
                (line.executed, 2),
                (line.rate, 2),
                (line.forecast, 3),
            ]
        )
    rows.append([("年度总体目标", 2), ("年初设定目标", 5), (f"{period}执行情况", 6)])
    rows.append([("", 2), (table.annual_goal, 5), (table.goal_progress, 6)])
    rows.append(
        [
            ("一级指标", 1),
            ("二级指标", 1),
            ("三级指标", 1),
            ("年度指标值", 1),
            (f"{period}执行情况", 1),
            ("全年预计完成情况", 1),
            *[(f"偏差原因分析：{cause}", 1) for cause in CAUSES],
            ("完成目标可能性", 1),
            ("备注", 1),
        ]
    )
    for line in table.indicators:
        rows.append(
            [
                (line.level1, 1),
                (line.level2, 1),
                (line.name, 1),
                (line.target, 1),
                (line.progress, 1),
                (line.forecast, 1),
                *[(TICK if ticked else "", 1) for ticked in line.causes],
                (line.likelihood, 1),
                (line.remarks, 1),
            ]
        )
    return rows


def render_docx(table: MonitoringTable) -> bytes:
    """The table as a Word document: A4 landscape, 仿宋_GB2312 for East Asian text."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = document.styles["Normal"]
    normal.font.size = Pt(9)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    if table.is_demo:
        document.add_paragraph("演示数据")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(table.title)
    run.bold = True
    run.font.size = Pt(16)
    rows = _grid(table)
    grid = document.add_table(rows=len(rows), cols=COLUMNS)
    grid.style = "Table Grid"
    for row_index, cells in enumerate(rows):
        column = 0
        for text, span in cells:
            cell = grid.cell(row_index, column)
            if span > 1:
                cell = cell.merge(grid.cell(row_index, column + span - 1))
            cell.text = text
            column += span
    for note in NOTES:
        document.add_paragraph(note)
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def render_xlsx(table: MonitoringTable) -> bytes:
    """The table as one worksheet, merged cells as in the official layout."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"监控表{table.year}"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    offset = 1
    if table.is_demo:
        sheet.cell(row=1, column=1, value="演示数据")
        offset = 2
    sheet.cell(row=offset, column=1, value=table.title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=offset, start_column=1, end_row=offset, end_column=COLUMNS)
    for row_index, cells in enumerate(_grid(table), start=offset + 1):
        column = 1
        for text, span in cells:
            cell = sheet.cell(row=row_index, column=column, value=text)
            cell.alignment = wrap
            for covered in range(column, column + span):
                sheet.cell(row=row_index, column=covered).border = border
            if span > 1:
                sheet.merge_cells(
                    start_row=row_index,
                    start_column=column,
                    end_row=row_index,
                    end_column=column + span - 1,
                )
            column += span
    last = sheet.max_row
    for index, note in enumerate(NOTES, start=last + 1):
        sheet.cell(row=index, column=1, value=note)
    for letter in "ABCDEFGHIJKLM":
        sheet.column_dimensions[letter].width = 14
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
