"""Each reader on a file of its format: DOCX tables and paragraphs, text PDF, GB18030 text."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from docx import Document

from jixiao.ingest.extract import extract_file
from jixiao.rules.textnum import Confidence
from jixiao.testing.system import require_font

D = Decimal
ROWS = [
    ("产出指标", "数量指标", "培训人次", "≥500人次", "487人次", "15", "14.61"),
    ("", "质量指标", "考核合格率", "≥95%", "98%", "15", "15"),
    ("", "时效指标", "按期完成率", "=100%", "100%", "10", "10"),
    ("", "成本指标", "人均培训成本", "≤2000元", "2100元", "10", "9.52"),
    (
        "效益指标",
        "社会效益指标",
        "学员技能提升",
        "明显提升",
        "部分达成年度指标并具有一定效果",
        "15",
        "10.5",
    ),
    ("", "可持续影响指标", "长效机制建立", "建立", "达成年度指标", "15", "15"),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "10", "10"),
]


def report_docx() -> bytes:
    """A 自评报告 in Word: title, narrative with the figures, the §2.1 indicator table."""
    document = Document()
    document.add_paragraph("2024年度职业技能培训项目绩效自评报告")
    document.add_paragraph("一、项目概况")
    document.add_paragraph("项目全年预算数100万元，全年执行数92万元，预算执行率92%。")
    document.add_paragraph("自评综合得分为93.83分，评价等级为优。")
    table = document.add_table(rows=1, cols=7)
    for cell, text in zip(
        table.rows[0].cells,
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        strict=True,
    ):
        cell.text = text
    for row in ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph("广州市某某职业技能培训中心 2025年1月15日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_it_reads_a_word_report_with_its_indicator_table():
    (extraction,) = extract_file(report_docx(), "报告.docx")
    assert extraction.kind == "report"
    assert [
        extraction.value(n)
        for n in ("year", "budget_full_year", "executed", "execution_rate", "total", "grade")
    ] == [2024, D(1000000), D(920000), D(92), D("93.83"), "优"]
    assert extraction.value("project_name") == "职业技能培训"
    assert extraction.fields["budget_full_year"].source == "段落 3"
    assert [row["name"].value for row in extraction.indicators] == [r[2] for r in ROWS]
    assert [row["level1"].value for row in extraction.indicators] == [
        "产出指标",
        "产出指标",
        "产出指标",
        "产出指标",
        "效益指标",
        "效益指标",
        "满意度指标",
    ]
    assert extraction.indicators[0]["score"].source == "表1 行2 列7"
    assert extraction.value("report_date").isoformat() == "2025-01-15"


def test_it_finds_no_inconsistency_in_the_worked_example():
    from jixiao.ingest.selectors import findings_for

    (extraction,) = extract_file(report_docx(), "报告.docx")
    # rules.md §1.6 (option A): every figure of the worked example follows the rules.
    assert [f.rule for f in findings_for(extraction, "national-2020")] == []


def test_it_reads_gb18030_text():
    text = "2021年度某项目自评报告\n项目预算执行率98.5%，全年预算数200万元，全年执行数197万元。"
    (extraction,) = extract_file(text.encode("gb18030"), "报告.txt")
    assert [extraction.value(n) for n in ("budget_full_year", "executed", "execution_rate")] == [
        D(2000000),
        D(1970000),
        D("98.5"),
    ]


def test_it_reads_full_width_and_traditional_text():
    text = (
        "2021年度某項目自評報告\n全年預算數２００萬元，全年執行數１９７萬元，預算執行率９８．５％。"
    )
    (extraction,) = extract_file(text.encode(), "報告.txt")
    assert [extraction.value(n) for n in ("budget_full_year", "executed", "execution_rate")] == [
        D(2000000),
        D(1970000),
        D("98.5"),
    ]
    assert extraction.fields["execution_rate"].confidence is Confidence.CERTAIN


def table_pdf() -> bytes:
    """A 自评表 rendered to a text PDF by WeasyPrint (needs a CJK font)."""
    from weasyprint import HTML

    cells = "".join(
        "<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>" for row in ROWS
    )
    html = (
        "<html><body style='font-family: Noto Sans CJK SC; font-size: 9pt'>"
        "<h3>项目支出绩效自评表</h3><p>（2024年度）</p>"
        "<table border='1' style='border-collapse: collapse'>"
        "<tr><td>项目名称</td><td colspan='6'>职业技能培训项目</td></tr>"
        "<tr><td>主管部门</td><td>某区人社局</td><td>实施单位</td>"
        "<td colspan='4'>某培训中心</td></tr>"
        "<tr><td>项目资金（万元）</td><td>年初预算数</td><td>全年预算数（A）</td>"
        "<td>全年执行数（B）</td><td>分值</td><td>执行率（B/A）</td><td>得分</td></tr>"
        "<tr><td>年度资金总额</td><td>100</td><td>100</td><td>92</td><td>10</td>"
        "<td>92.00%</td><td>9.2</td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td>"
        "<td>实际完成值</td><td>分值</td><td>得分</td></tr>"
        f"{cells}<tr><td>总分</td><td></td><td></td><td></td><td></td><td>100</td>"
        "<td>93.83</td></tr></table></body></html>"
    )
    return HTML(string=html).write_pdf(presentational_hints=True)


@pytest.mark.system
def test_it_reads_a_text_pdf_table():
    require_font("Noto Sans CJK", "fonts-noto-cjk")
    pdf = table_pdf()
    (extraction,) = extract_file(pdf, "自评表.pdf")
    assert extraction.kind == "self_eval_table"
    assert [
        extraction.value(n)
        for n in (
            "project_name",
            "year",
            "budget_full_year",
            "executed",
            "execution_score",
            "total",
        )
    ] == ["职业技能培训项目", 2024, D(1000000), D(920000), D("9.2"), D("93.83")]
    assert [row["name"].value for row in extraction.indicators] == [r[2] for r in ROWS]
    assert extraction.fields["executed"].source.startswith("第1页 表1")


ROW_BY_ROW = """项目支出绩效自评表
（2024年度）
项目名称 社区居家养老服务补贴项目
主管部门 某市民政局 实施单位 某市养老服务中心
项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 120 150 138 10 92.00% 9.2
其中：当年财政拨款 120 150 138 — 92.00% —
上年结转资金 0 0 0 — — —
年度总体目标 预期目标 实际完成情况
为辖区老年人提供居家养老服务。 已为3200名老年人提供服务。
绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 服务老年人数 ≥3000人 3200人 20 20
质量指标 服务合格率 ≥95% 93% 15 14.68 部分服务人员流动较大
时效指标 补贴按时发放率 =100% 100% 15 15
效益指标 社会效益指标 老年人生活质量 明显改善 达成年度指标 30 28
满意度指标 服务对象满意度指标 老年人满意度 ≥90% 95% 10 10
总分 100 96.88
填报单位：某市养老服务中心 2025年1月20日
"""

WEIGHT_FIRST = """绩效目标自评表(2023年度)
项目名称 农村饮水安全维修养护项目 主管部门 某县水利局 实施单位 某县水利局
资金情况(万元) 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额: 50 45 10 90.00% 9
其中:本年财政拨款 50 45
绩效指标 一级指标 二级指标 三级指标 分值 年度指标值 全年实际值 得分 未完成原因及拟采取的改进措施
产出指标(50分) 数量指标 维修供水工程 25 ≥20处 22处 25
质量指标 工程验收合格率 25 100% 100% 25
效益指标(30分) 社会效益指标 受益人口 30 ≥5000人 5200人 30
满意度指标(10分) 服务对象满意度指标 群众满意度 10 ≥90% 92% 10
总分 100 99
"""


def test_it_reads_a_table_printed_row_by_row():
    from jixiao.ingest.selectors import findings_for

    (extraction,) = extract_file(ROW_BY_ROW.encode(), "自评表.txt")
    assert [
        extraction.value(n)
        for n in ("project_name", "unit", "budget_initial", "budget_full_year", "executed")
    ] == ["社区居家养老服务补贴项目", "某市养老服务中心", D(1200000), D(1500000), D(1380000)]
    assert [
        (row["level2"].value, row["name"].value, row["target"].value, row["score"].value)
        for row in extraction.indicators
    ] == [
        ("数量指标", "服务老年人数", "≥3000人", D(20)),
        ("质量指标", "服务合格率", "≥95%", D("14.68")),
        ("时效指标", "补贴按时发放率", "=100%", D(15)),
        ("社会效益指标", "老年人生活质量", "明显改善", D(28)),
        ("服务对象满意度指标", "老年人满意度", "≥90%", D(10)),
    ]
    assert extraction.indicators[1]["deviation"].value == "部分服务人员流动较大"
    assert (extraction.value("total_weight"), extraction.value("total")) == (D(100), D("96.88"))
    assert extraction.unsure == ["report_date"]
    assert findings_for(extraction) == []


def test_it_follows_the_header_when_the_weight_comes_first():
    from jixiao.ingest.selectors import findings_for

    (extraction,) = extract_file(WEIGHT_FIRST.encode(), "自评表.txt")
    assert [
        (row["name"].value, row["weight"].value, row["target"].value, row["actual"].value)
        for row in extraction.indicators
    ] == [
        ("维修供水工程", D(25), "≥20处", "22处"),
        ("工程验收合格率", D(25), "100%", "100%"),
        ("受益人口", D(30), "≥5000人", "5200人"),
        ("群众满意度", D(10), "≥90%", "92%"),
    ]
    assert [extraction.value(n) for n in ("budget_full_year", "executed", "total")] == [
        D(500000),
        D(450000),
        D(99),
    ]
    assert findings_for(extraction) == []


NARRATIVE = """某市民政局2022年度居家养老补贴项目绩效自评报告
项目名称：居家养老补贴项目
一、基本情况
该项目年初预算200万元，调整后全年预算250万元，实际支出243.5万元，预算执行率97.4%。项目共设置15个绩效指标。
经自评，项目自评得分95.5分，自评结果为“优”。
某市民政局
2023年3月10日"""


def test_it_reads_the_usual_sentences_of_a_report():
    (extraction,) = extract_file(NARRATIVE.encode(), "报告.txt")
    assert {name: item.value for name, item in extraction.fields.items()} == {
        "project_name": "居家养老补贴项目",
        "year": 2022,
        "budget_initial": D(2000000),
        "budget_full_year": D(2500000),
        "executed": D(2435000),
        "execution_rate": D("97.4"),
        "total": D("95.5"),
        "grade": "优",
        "indicator_count_3": 15,
        "report_date": __import__("datetime").date(2023, 3, 10),
        "unit": "某市民政局",
    }
    assert extraction.unsure == ["indicator_count_3", "report_date", "unit"]
