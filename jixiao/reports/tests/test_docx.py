"""The DOCX renderer from hand-built data, read back with python-docx. No database."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from jixiao.reports.sample import sample_report_data
from jixiao.reports.services import ReportError, docx_template_validate, report_render_data

SEVEN_PARTS = [
    "一、评价项目概述",
    "二、项目绩效目标和绩效指标设定情况",
    "三、绩效评价组织情况",
    "四、绩效评价指标分析情况",
    "五、项目综合评价等级和评价结论",
    "六、主要经验做法、存在的问题和建议",
    "七、绩效评价结果应用",
]
NATIONAL_PARTS = [
    "一、基本情况",
    "二、绩效评价工作开展情况",
    "三、综合评价情况及评价结论",
    "四、绩效评价指标分析",
    "五、主要经验及做法、存在的问题及原因分析",
    "六、有关建议",
    "七、其他需要说明的问题",
]


def _document(kind="self-eval-report", template="seed", **sample):
    rendered = report_render_data(
        sample_report_data(**sample), kind=kind, fmt="docx", template=template
    )
    return rendered, Document(io.BytesIO(rendered.content))


def _styled(document, style):
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_it_renders_the_seed_report_in_the_seven_part_order():
    rendered, document = _document()
    assert rendered.filename == "440111-2023-0001-绩效自评报告.docx"
    assert rendered.content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert _styled(document, "Heading 1") == SEVEN_PARTS
    assert _styled(document, "Title") == ["2023年度机关党建及群团专项经费绩效自评报告"]
    subheadings = _styled(document, "Heading 2")
    assert subheadings[:3] == ["（一）项目背景资料", "（二）项目资金分配情况", "（三）项目政策依据"]
    assert "（一）项目综合评价得分及评价等级" in subheadings
    assert subheadings[-4:] == [
        "（一）政策方面建议",
        "（二）项目管理方面建议",
        "（三）绩效管理方面建议",
        "（四）其他方面建议",
    ]


def test_it_writes_the_figures_from_the_data():
    _, document = _document()
    texts = [p.text for p in document.paragraphs]
    assert "项目资金来源是当年财政拨款，年度预算安排10万元。项目资金使用情况如下：" in texts
    assert (
        "预算执行情况：机关党建及群团专项经费年度预算10万元，年度预算执行数9.9975万元，"
        "预算执行率99.98%。"
    ) in texts
    assert "项目综合评价得分为100.00分，评价等级为优。" in texts
    assert next(text for text in texts if text.startswith("（1）")).startswith(
        "（1）贯彻执行党的路线、方针、政策"
    )
    assert [text for text in texts if text.startswith("（11）")] == [
        "（11）承办区委、区政府和上级有关部门交办的其他事项。"
    ]
    assert texts.count("暂无调整建议。") == 1
    assert any(t.startswith("（9）服务对象满意度指标：评价标准为开展区直单位") for t in texts)
    assert any("设立产出指标4项（数量指标、质量指标、时效指标、成本指标）" in t for t in texts)


def test_it_fills_the_fund_use_table_with_eight_rows_and_the_total():
    _, document = _document()
    uses = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in uses.rows]
    assert rows[0] == ["序号", "资金用途", "金额（元）"]
    assert len(rows) == 10
    assert rows[1] == ["1", "举办区直机关“三八”妇女节纪念活动", "10,600.00"]
    assert rows[8] == ["8", "购置台式电脑一部", "4,285.00"]
    assert rows[9] == ["", "合计", "99,975.00"]
    amount = uses.rows[1].cells[2].paragraphs[0]
    assert amount.style.name == "Table Number"
    assert amount.style.paragraph_format.alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT


def test_it_fills_the_score_table_with_the_grade():
    _, document = _document()
    scores = document.tables[1]
    rows = [[cell.text for cell in row.cells] for row in scores.rows]
    assert rows[1] == ["预算执行率（99.98%）", "10.00", "10.00"]
    assert rows[2] == ["产出指标—数量指标—党组织规范化建设覆盖率", "12.50", "12.50"]
    assert len(rows) == 1 + 1 + 9 + 2
    assert rows[-2] == ["总分", "100", "100.00"]
    assert rows[-1] == ["评价等级", "优", "优"]


def test_it_sets_a4_and_the_east_asian_fonts_on_the_styles():
    _, document = _document()
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert document.styles["Normal"].font.size.pt == 16
    assert document.styles["Title"].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert document.styles["Title"].font.size.pt == 22
    assert document.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert document.styles["Heading 2"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"


def test_it_marks_demo_data_in_the_page_header_only_for_demo_data():
    _, demo = _document()
    assert demo.sections[0].header.paragraphs[0].text == "演示数据"
    _, real = _document(is_demo=False)
    assert real.sections[0].header.paragraphs[0].text == ""


def test_it_renders_the_national_outline_from_the_same_data():
    rendered, document = _document(template="national")
    assert rendered.filename == "440111-2023-0001-绩效自评报告-national.docx"
    assert _styled(document, "Heading 1") == NATIONAL_PARTS
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("数量指标“党组织规范化建设覆盖率”：年度指标值=100%") for t in texts)
    framework = document.tables[1]
    assert len(framework.rows) == 1 + 9
    assert [c.text for c in framework.rows[1].cells][:4] == [
        "产出指标",
        "数量指标",
        "党组织规范化建设覆盖率",
        "=100%",
    ]


def test_it_renders_the_self_evaluation_table_with_merged_cells():
    rendered, document = _document(kind="self-eval-table")
    assert rendered.filename == "440111-2023-0001-项目支出绩效自评表.docx"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][0] == "项目名称" and set(rows[0][1:]) == {"机关党建及群团专项经费"}
    assert rows[2][0] == "项目资金（万元）" and rows[6][0] == "项目资金（万元）"  # merged down
    assert rows[3][1:] == [
        "年度资金总额",
        "年度资金总额",
        "10.0000",
        "10.0000",
        "9.9975",
        "10.00",
        "99.98%",
        "10.00",
    ]
    assert rows[4][1] == "其中：当年财政拨款"
    header = rows.index(next(r for r in rows if r[1] == "一级指标"))
    indicators = rows[header + 1 : header + 10]
    assert [r[1] for r in indicators] == ["产出指标"] * 4 + ["效益指标"] * 4 + ["满意度指标"]
    assert all(r[0] == "绩效指标" for r in indicators)  # vertically merged
    assert indicators[0][2:8] == [
        "数量指标",
        "党组织规范化建设覆盖率",
        "=100%",
        "100%",
        "12.50",
        "12.50",
    ]
    assert rows[-1][6:] == ["100", "100.00", "评价等级：优"]
    xml = table._tbl.xml
    assert xml.count('w:vMerge w:val="restart"') >= 5


def test_it_renders_the_goal_table():
    rendered, document = _document(kind="goal-table", has_evaluation=False)
    assert rendered.filename == "440111-2023-0001-项目支出绩效目标申报表.docx"
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[1][1] == "中共广州市白云区直属机关工作委员会（440111-QZJGGW）"
    assert rows[3][3] == "10.0000" and rows[3][7] == "10.0000"
    assert rows[4][3] == "10.0000"
    assert rows[5][3] == "0.0000"
    header = rows.index(next(r for r in rows if r[1] == "一级指标"))
    assert rows[header][1:] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "二级指标",
        "三级指标",
        "指标值",
    ]
    assert len(rows) == header + 1 + 9 + 2


def test_it_names_a_bad_placeholder_in_a_replacement_template():
    source = io.BytesIO()
    document = Document()
    document.add_paragraph("{{ project.nmae }}")
    document.save(source)
    with pytest.raises(ReportError) as error:
        docx_template_validate("self-eval-report", source.getvalue())
    assert str(error.value) == "模板占位符无效：“project.nmae”未定义。"
    source = io.BytesIO()
    document = Document()
    document.add_paragraph("{{ totl }}")
    document.save(source)
    with pytest.raises(ReportError) as error:
        docx_template_validate("goal-table", source.getvalue())
    assert str(error.value) == "模板占位符无效：“totl”未定义。"


def test_it_refuses_broken_syntax_and_files_that_are_not_word_documents():
    source = io.BytesIO()
    document = Document()
    document.add_paragraph("{{ project.name ")
    document.save(source)
    with pytest.raises(ReportError) as error:
        docx_template_validate("self-eval-report", source.getvalue())
    assert str(error.value).startswith("模板语法错误")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hello.txt", "not a document")
    with pytest.raises(ReportError) as error:
        docx_template_validate("self-eval-report", archive.getvalue())
    assert str(error.value).startswith("模板文件不是有效的 Word（.docx）文档")


def test_it_accepts_every_shipped_template_and_uses_a_given_replacement():
    from jixiao.reports.docx import shipped_template

    for kind in ("self-eval-report", "self-eval-table", "goal-table"):
        docx_template_validate(kind, shipped_template(kind, "seed"))
    source = io.BytesIO()
    document = Document()
    document.add_paragraph("替换模板：{{ project.name }}，总分{{ score.total }}")
    document.save(source)
    rendered = report_render_data(
        sample_report_data(), kind="self-eval-report", fmt="docx", docx_template=source.getvalue()
    )
    texts = [p.text for p in Document(io.BytesIO(rendered.content)).paragraphs]
    assert texts == ["替换模板：机关党建及群团专项经费，总分100.00"]
