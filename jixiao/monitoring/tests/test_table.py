"""The monitoring table renderers, from hand-built data (no database)."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from jixiao.monitoring.renderers import COLUMNS, render_docx, render_xlsx
from jixiao.monitoring.table import FundingLine, IndicatorLine, MonitoringTable

TABLE = MonitoringTable(
    year=2023,
    month=7,
    project_code="P-1",
    project_name="示例项目",
    department="示例区教育局",
    department_code="D01",
    unit="示例第一中学",
    funding=(FundingLine("年度资金总额", "10.0000", "7.2700", "72.70%", "9.9975"),),
    annual_goal="完成任务。",
    goal_progress="过半。",
    indicators=(
        IndicatorLine(
            "产出指标",
            "数量指标",
            "培训场次",
            "≥24场",
            "12场",
            "24场",
            (True, False, False, False, True),
            "有可能",
            "加快进度",
        ),
    ),
    is_demo=True,
)


def test_it_lays_out_the_docx_table():
    document = Document(BytesIO(render_docx(TABLE)))
    assert document.paragraphs[0].text == "演示数据"
    assert document.paragraphs[1].text == "项目支出绩效目标执行监控表（2023年度）"
    grid = document.tables[0]
    assert len(grid.columns) == COLUMNS
    last = [cell.text for cell in grid.rows[-1].cells]
    assert last == [
        "产出指标",
        "数量指标",
        "培训场次",
        "≥24场",
        "12场",
        "24场",
        "√",
        "",
        "",
        "",
        "√",
        "有可能",
        "加快进度",
    ]


def test_it_lays_out_the_xlsx_table():
    sheet = load_workbook(BytesIO(render_xlsx(TABLE))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "演示数据"
    assert rows[1][0] == "项目支出绩效目标执行监控表（2023年度）"
    assert rows[-4][:COLUMNS] == [
        "产出指标",
        "数量指标",
        "培训场次",
        "≥24场",
        "12场",
        "24场",
        "√",
        None,
        None,
        None,
        "√",
        "有可能",
        "加快进度",
    ]
    assert rows[-3][0].startswith("1. 偏差原因分析")
