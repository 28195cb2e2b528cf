"""Build the shipped Word templates of the reports with python-docx.

    uv run python jixiao/reports/docx_templates/build_templates.py

writes, next to this script, one .docx per kind and template (`TEMPLATE_FILES`). The files
hold docxtpl (Jinja) placeholders such as ``{{ project.name }}``, ``{%p for … %}`` (repeat a
paragraph) and ``{%tr for … %}`` (repeat a table row), documented in docs/reports.md. An
administrator may open one in Word, change wording and layout, keep the placeholders and upload
it as a replacement. Commit both this script and its outputs.

Typesetting as government documents are set (GB/T 9704): A4, title in 方正小标宋简体 二号
(22 pt), headings in 黑体 and 楷体_GB2312 三号, body in 仿宋_GB2312 三号 (16 pt) with a
two-character first-line indent. The East Asian font is set with ``w:eastAsia`` on every style,
Normal included, so that Word shows it (python-docx's ``font.name`` sets only the Latin font).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

_CENTER = WD_CELL_VERTICAL_ALIGNMENT.CENTER
HERE = Path(__file__).resolve().parent

TEMPLATE_FILES = {
    ("self-eval-report", "seed"): "self-eval-report-seed.docx",
    ("self-eval-report", "national"): "self-eval-report-national.docx",
    ("self-eval-table", "seed"): "self-eval-table.docx",
    ("goal-table", "seed"): "goal-table.docx",
}

LATIN = "Times New Roman"
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(12)  # 小四
FORM_SIZE = Pt(10.5)  # 五号


def _fonts(element, east_asia: str, latin: str = LATIN) -> None:
    """Set the Latin and East Asian font of a style's or run's rPr, dropping theme fonts."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _paragraph_style(document, name: str, *, font: str, size, bold=False, base="Normal"):
    styles = document.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = None
    color = style.element.rPr.find(qn("w:color")) if style.element.rPr is not None else None
    if color is not None:
        style.element.rPr.remove(color)
    _fonts(style.element, font)
    return style


def _setup(document, *, landscape: bool = False) -> None:
    """A4 page, GB/T 9704 margins, the styles every template uses, header and page number."""
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin = section.right_margin = Cm(2)
    else:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance = section.footer_distance = Cm(1.5)

    normal = _paragraph_style(document, "Normal", font=BODY_FONT, size=BODY_SIZE, base=None)
    # The document defaults too, for text outside any style (docDefaults rPrDefault).
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
            fonts = run_defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
            if fonts is not None:
                for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    fonts.attrib.pop(qn(attribute), None)
                fonts.set(qn("w:eastAsia"), BODY_FONT)
                fonts.set(qn("w:ascii"), LATIN)
                fonts.set(qn("w:hAnsi"), LATIN)
    body = normal.paragraph_format
    body.first_line_indent = Pt(32)  # two characters of 三号
    body.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.line_spacing = Pt(28)
    body.space_before = body.space_after = Pt(0)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.widow_control = True

    title = _paragraph_style(document, "Title", font=TITLE_FONT, size=TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(16)
    border = title.element.get_or_add_pPr().find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    for name, font in (("Heading 1", HEADING1_FONT), ("Heading 2", HEADING2_FONT)):
        heading = _paragraph_style(document, name, font=font, size=BODY_SIZE)
        heading.paragraph_format.space_before = Pt(0)
        heading.paragraph_format.space_after = Pt(0)
        heading.paragraph_format.line_spacing = Pt(28)
        heading.paragraph_format.first_line_indent = Pt(32)
        heading.paragraph_format.keep_with_next = True
    subtitle = _paragraph_style(document, "Subtitle", font=BODY_FONT, size=BODY_SIZE)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.first_line_indent = Pt(0)
    subtitle.paragraph_format.space_after = Pt(12)

    size = FORM_SIZE if landscape else TABLE_SIZE
    for name, alignment in (
        ("Table Text", WD_ALIGN_PARAGRAPH.LEFT),
        ("Table Center", WD_ALIGN_PARAGRAPH.CENTER),
        ("Table Number", WD_ALIGN_PARAGRAPH.RIGHT),
    ):
        style = _paragraph_style(document, name, font=BODY_FONT, size=size)
        fmt = style.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.alignment = alignment
    header_style = _paragraph_style(document, "Header", font=HEADING1_FONT, size=Pt(10.5))
    header_style.paragraph_format.first_line_indent = Pt(0)
    footer_style = _paragraph_style(document, "Footer", font=LATIN, size=Pt(14))
    footer_style.paragraph_format.first_line_indent = Pt(0)

    # 演示数据 on every page of demo data (PRODUCT.md §6); empty otherwise.
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run("{{ demo_label }}")
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(footer)


def _page_field(paragraph) -> None:
    """ "- 1 -" page numbers in the footer (a PAGE field)."""
    paragraph.add_run("- ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        if kind == "separate":
            shown = OxmlElement("w:t")
            shown.text = "1"
            run._r.append(shown)
    paragraph.add_run(" -")


def _p(document, text: str = "", style: str = "Normal"):
    return document.add_paragraph(text, style=style)


def _loop(document, item: str, items: str, text: str, style: str = "Normal") -> None:
    """Three paragraphs that docxtpl turns into one paragraph per element of `items`."""
    _p(document, f"{{%p for {item} in {items} %}}", style)
    _p(document, text, style)
    _p(document, "{%p endfor %}", style)


def _texts(document, key: str) -> None:
    """One paragraph per line of the narrative text `key`."""
    _loop(document, "text", f"narrative.{key}", "{{ text }}")


def _cell(cell, text: str, style: str = "Table Center", *, bold: bool = False) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    run = paragraph.add_run(text)
    run.bold = bold or None


def _table(document, rows: int, widths_cm: list[float]):
    table = document.add_table(rows=rows, cols=len(widths_cm))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    return table


def _repeat_header(row) -> None:
    """Repeat the table's header row on every page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fund_use_table(document) -> None:
    table = _table(document, 4, [1.8, 10.8, 3.0])
    for cell, text in zip(table.rows[0].cells, ("序号", "资金用途", "金额（元）"), strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0])
    _cell(table.rows[1].cells[0], "{%tr for use in uses %}")
    row = table.rows[2].cells
    _cell(row[0], "{{ use.no }}")
    _cell(row[1], "{{ use.purpose }}", "Table Text")
    _cell(row[2], "{{ use.amount }}", "Table Number")
    total = table.add_row().cells
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    _cell(total[0], "")
    _cell(total[1], "合计", bold=True)
    _cell(total[2], "{{ uses_total }}", "Table Number", bold=True)


def _score_table(document) -> None:
    table = _table(document, 2, [9.6, 3.0, 3.0])
    for cell, text in zip(table.rows[0].cells, ("评价内容", "分值", "得分"), strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0])
    row = table.rows[1].cells
    _cell(row[0], "预算执行率（{{ budget.rate }}）", "Table Text")
    _cell(row[1], "{{ score.execution_weight }}", "Table Number")
    _cell(row[2], "{{ score.execution_score }}", "Table Number")
    start = table.add_row().cells
    _cell(start[0], "{%tr for item in indicators %}")
    item = table.add_row().cells
    _cell(item[0], "{{ item.level1 }}—{{ item.level2 }}—{{ item.name }}", "Table Text")
    _cell(item[1], "{{ item.weight }}", "Table Number")
    _cell(item[2], "{{ item.score }}", "Table Number")
    end = table.add_row().cells
    _cell(end[0], "{%tr endfor %}")
    total = table.add_row().cells
    _cell(total[0], "总分", bold=True)
    _cell(total[1], "{{ score.full_marks }}", "Table Number", bold=True)
    _cell(total[2], "{{ score.total }}", "Table Number", bold=True)
    grade = table.add_row().cells
    _cell(grade[0], "评价等级", bold=True)
    merged = grade[1].merge(grade[2])
    _cell(merged, "{{ score.grade }}", bold=True)


def _indicator_table(document) -> None:
    """The indicator framework (附表): level, target, weight, standard, method."""
    table = _table(document, 1, [2.2, 2.6, 3.6, 2.0, 1.6, 3.6])
    headers = ("一级指标", "二级指标", "三级指标", "指标值", "分值", "评价标准及方法")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0])
    _cell(table.add_row().cells[0], "{%tr for group in indicator_groups %}")
    _cell(table.add_row().cells[0], "{%tr for item in group.rows %}")
    row = table.add_row().cells
    _cell(row[0], "{% vm %}{{ group.level1 }}")
    _cell(row[1], "{{ item.level2 }}")
    _cell(row[2], "{{ item.name }}", "Table Text")
    _cell(row[3], "{{ item.target }}")
    _cell(row[4], "{{ item.weight }}", "Table Number")
    _cell(row[5], "{{ item.standard }}评价方法：{{ item.method }}", "Table Text")
    _cell(table.add_row().cells[0], "{%tr endfor %}")
    _cell(table.add_row().cells[0], "{%tr endfor %}")


def _title(document) -> None:
    _p(document, "{{ title }}", "Title")
    _p(document, "{{ project.unit }}", "Subtitle")


def build_report_seed(path: Path) -> None:
    """自评报告 in the seed's seven-part outline (rules.md §3.3)."""
    document = Document()
    _setup(document)
    _title(document)
    h1, h2 = "Heading 1", "Heading 2"
    _p(document, "一、评价项目概述", h1)
    _p(document, "（一）项目背景资料", h2)
    _loop(document, "text", "background", "{{ text }}")
    _p(document, "（二）项目资金分配情况", h2)
    _p(document, "{{ funding_sentence }}")
    _fund_use_table(document)
    _p(document, "（三）项目政策依据", h2)
    _loop(document, "text", "policy_intro", "{{ text }}")
    _loop(document, "item", "policy_items", "{{ item.no }}{{ item.text }}")
    _p(document, "二、项目绩效目标和绩效指标设定情况", h1)
    _loop(document, "text", "annual_goal", "年度预期绩效目标：{{ text }}")
    _p(
        document,
        "根据项目绩效评价的相关要求及各工作项目的具体特点，对各工作项目设立绩效目标，同时"
        "{{ indicator_sentence }}",
    )
    _p(document, "三、绩效评价组织情况", h1)
    _p(document, "（一）绩效评价目的", h2)
    _texts(document, "purpose")
    _p(document, "（二）绩效评价标准和评价方法", h2)
    _loop(document, "item", "indicators", "{{ item.criterion }}")
    _p(document, "（三）绩效评价实施过程", h2)
    _texts(document, "organisation")
    _p(document, "四、绩效评价指标分析情况", h1)
    _p(document, "（一）项目管理绩效指标分析", h2)
    _texts(document, "management_analysis")
    _p(document, "（二）项目结果绩效情况分析", h2)
    _p(document, "{{ execution_sentence }}")
    _texts(document, "results_analysis")
    _p(document, "五、项目综合评价等级和评价结论", h1)
    _p(document, "（一）项目综合评价得分及评价等级", h2)
    _p(document, "{{ grade_sentence }}")
    _score_table(document)
    _p(document, "（二）项目综合评价结论", h2)
    _texts(document, "conclusion")
    _p(document, "六、主要经验做法、存在的问题和建议", h1)
    _p(document, "（一）政策方面建议", h2)
    _texts(document, "policy_suggestion")
    _p(document, "（二）项目管理方面建议", h2)
    _texts(document, "management_suggestion")
    _p(document, "（三）绩效管理方面建议", h2)
    _texts(document, "performance_suggestion")
    _p(document, "（四）其他方面建议", h2)
    _texts(document, "other_suggestion")
    _p(document, "七、绩效评价结果应用", h1)
    _texts(document, "application")
    _signature(document)
    document.save(path)


def _signature(document) -> None:
    closing = _p(document, "{{ project.unit }}")
    closing.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.paragraph_format.space_before = Pt(28)
    date = _p(document, "{{ generated_on }}")
    date.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def build_report_national(path: Path) -> None:
    """自评报告 in the outline of 财预〔2020〕10号 附件3 (rules.md §3.2), from the same data."""
    document = Document()
    _setup(document)
    _title(document)
    h1, h2 = "Heading 1", "Heading 2"
    _p(document, "一、基本情况", h1)
    _p(document, "（一）项目概况", h2)
    _loop(document, "text", "background", "{{ text }}")
    _p(document, "{{ funding_sentence }}")
    _fund_use_table(document)
    _p(document, "项目政策依据：")
    _loop(document, "text", "policy_intro", "{{ text }}")
    _loop(document, "item", "policy_items", "{{ item.no }}{{ item.text }}")
    _p(document, "（二）项目绩效目标", h2)
    _loop(document, "text", "annual_goal", "年度总体目标：{{ text }}")
    _p(document, "{{ indicator_sentence }}")
    _p(document, "二、绩效评价工作开展情况", h1)
    _p(document, "（一）绩效评价目的、对象和范围", h2)
    _texts(document, "purpose")
    _p(document, "{{ scope_sentence }}")
    _p(document, "（二）绩效评价原则、评价指标体系、评价方法、评价标准", h2)
    _p(document, "评价指标体系见下表，评价标准和评价方法如下：")
    _indicator_table(document)
    _loop(document, "item", "indicators", "{{ item.criterion }}")
    _p(document, "（三）绩效评价工作过程", h2)
    _texts(document, "organisation")
    _p(document, "三、综合评价情况及评价结论", h1)
    _p(document, "{{ grade_sentence }}")
    _score_table(document)
    _texts(document, "conclusion")
    _p(document, "四、绩效评价指标分析", h1)
    _p(document, "（一）项目决策情况", h2)
    _texts(document, "management_analysis")
    _p(document, "（二）项目过程情况", h2)
    _p(document, "{{ execution_sentence }}")
    _p(document, "（三）项目产出情况", h2)
    _p(document, "{%p for group in indicator_groups %}")
    _p(document, "{%p for item in group.rows %}")
    _p(document, "{%p if group.level1 == '产出指标' %}")
    _p(
        document,
        "{{ item.level2 }}“{{ item.name }}”：年度指标值{{ item.target }}，实际完成值"
        "{{ item.actual or '—' }}，得分{{ item.score or '—' }}（分值{{ item.weight }}）。",
    )
    _p(document, "{%p endif %}")
    _p(document, "{%p endfor %}")
    _p(document, "{%p endfor %}")
    _p(document, "（四）项目效益情况", h2)
    _texts(document, "results_analysis")
    _p(document, "五、主要经验及做法、存在的问题及原因分析", h1)
    _texts(document, "management_suggestion")
    _p(document, "六、有关建议", h1)
    _p(document, "（一）政策方面", h2)
    _texts(document, "policy_suggestion")
    _p(document, "（二）绩效管理方面", h2)
    _texts(document, "performance_suggestion")
    _p(document, "（三）其他方面", h2)
    _texts(document, "other_suggestion")
    _p(document, "七、其他需要说明的问题", h1)
    _p(document, "绩效评价结果应用：")
    _texts(document, "application")
    _loop(
        document,
        "item",
        "deviations",
        "“{{ item.name }}”偏差原因分析及改进措施：{{ item.deviation }}",
    )
    _signature(document)
    document.save(path)


def _form_title(document, title: str) -> None:
    _p(document, title, "Title").paragraph_format.space_after = Pt(0)
    _p(document, "（{{ project.year }}年度）", "Subtitle")


def _merge(table, row: int, first: int, last: int, text: str, style="Table Center", bold=False):
    cell = (
        table.cell(row, first).merge(table.cell(row, last))
        if last > first
        else table.cell(row, first)
    )
    _cell(cell, text, style, bold=bold)
    return cell


def build_self_eval_table(path: Path) -> None:
    """项目支出绩效自评表 (财预〔2020〕10号 附件1, rules.md §2.1), landscape A4."""
    document = Document()
    _setup(document, landscape=True)
    _form_title(document, "项目支出绩效自评表")
    widths = [2.6, 2.4, 3.0, 5.0, 2.6, 2.6, 2.0, 2.0, 3.5]
    table = _table(document, 16, widths)
    _merge(table, 0, 0, 0, "项目名称", bold=True)
    _merge(table, 0, 1, 8, "{{ project.name }}", "Table Text")
    _merge(table, 1, 0, 0, "主管部门", bold=True)
    _merge(table, 1, 1, 4, "{{ project.department }}", "Table Text")
    _merge(table, 1, 5, 5, "实施单位", bold=True)
    _merge(table, 1, 6, 8, "{{ project.unit }}", "Table Text")
    # 项目资金（万元）: the header row and the four amount rows.
    funding = table.cell(2, 0).merge(table.cell(6, 0))
    _cell(funding, "项目资金（万元）", bold=True)
    _merge(table, 2, 1, 2, "")
    for column, text in enumerate(
        ("年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"), start=3
    ):
        _merge(table, 2, column, column, text, bold=True)
    for offset, key in enumerate(("funding_total", *(f"funding_parts[{i}]" for i in range(3)))):
        row = 3 + offset
        prefix = "其中：" if offset == 1 else ""
        _merge(table, row, 1, 2, f"{prefix}{{{{ {key}.label }}}}", "Table Text")
        for column, field in enumerate(
            ("initial", "full_year", "executed", "weight", "rate", "score"), start=3
        ):
            _merge(table, row, column, column, f"{{{{ {key}.{field} }}}}", "Table Number")
    goal = table.cell(7, 0).merge(table.cell(8, 0))
    _cell(goal, "年度总体目标", bold=True)
    _merge(table, 7, 1, 4, "预期目标", bold=True)
    _merge(table, 7, 5, 8, "实际完成情况", bold=True)
    expected = _merge(table, 8, 1, 4, "{%p for text in annual_goal %}", "Table Text")
    expected.add_paragraph("{{ text }}", style="Table Text")
    expected.add_paragraph("{%p endfor %}", style="Table Text")
    actual = _merge(table, 8, 5, 8, "{%p for text in actual_goal %}", "Table Text")
    actual.add_paragraph("{{ text }}", style="Table Text")
    actual.add_paragraph("{%p endfor %}", style="Table Text")
    headers = (
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    for column, text in enumerate(headers):
        _merge(table, 9, column, column, text, bold=True)
    _merge(table, 10, 1, 1, "{%tr for group in indicator_groups %}")
    _merge(table, 11, 1, 1, "{%tr for item in group.rows %}")
    cells = (
        ("{% vm %}{{ group.level1 }}", "Table Center"),
        ("{{ item.level2 }}", "Table Center"),
        ("{{ item.name }}", "Table Text"),
        ("{{ item.target }}", "Table Center"),
        ("{{ item.actual }}", "Table Center"),
        ("{{ item.weight }}", "Table Number"),
        ("{{ item.score }}", "Table Number"),
        ("{{ item.deviation }}", "Table Text"),
    )
    for column, (text, style) in enumerate(cells, start=1):
        _merge(table, 12, column, column, text, style)
    _merge(table, 13, 1, 1, "{%tr endfor %}")
    _merge(table, 14, 1, 1, "{%tr endfor %}")
    # 绩效指标 spans the header row and every indicator row (the loop rows copy the
    # continuation), as in the official form.
    table.cell(9, 0).merge(table.cell(14, 0)).vertical_alignment = _CENTER
    _merge(table, 15, 0, 5, "总分", bold=True)
    _merge(table, 15, 6, 6, "{{ score.full_marks }}", "Table Number", bold=True)
    _merge(table, 15, 7, 7, "{{ score.total }}", "Table Number", bold=True)
    _merge(table, 15, 8, 8, "评价等级：{{ score.grade }}", bold=True)
    document.save(path)


def build_goal_table(path: Path) -> None:
    """项目支出绩效目标申报表 (财预〔2015〕88号 附件, rules.md §2.2), landscape A4."""
    document = Document()
    _setup(document, landscape=True)
    _form_title(document, "项目支出绩效目标申报表")
    widths = [2.4, 2.2, 2.8, 5.0, 2.2, 2.8, 5.0, 2.4]
    table = _table(document, 16, widths)
    _merge(table, 0, 0, 0, "项目名称", bold=True)
    _merge(table, 0, 1, 7, "{{ project.name }}", "Table Text")
    _merge(table, 1, 0, 0, "主管部门及代码", bold=True)
    _merge(
        table, 1, 1, 3, "{{ project.department }}（{{ project.department_code }}）", "Table Text"
    )
    _merge(table, 1, 4, 4, "实施单位", bold=True)
    _merge(table, 1, 5, 7, "{{ project.unit }}", "Table Text")
    _merge(table, 2, 0, 0, "项目属性", bold=True)
    _merge(table, 2, 1, 3, "{{ project.category }}", "Table Text")
    _merge(table, 2, 4, 4, "项目期", bold=True)
    _merge(table, 2, 5, 7, "{{ project.period }}", "Table Text")
    money = table.cell(3, 0).merge(table.cell(5, 0))
    _cell(money, "项目资金（万元）", bold=True)
    for row, (label_mid, label_year, key) in enumerate(
        (
            ("中期资金总额：", "年度资金总额：", "total"),
            ("其中：财政拨款", "其中：财政拨款", "fiscal"),
            ("其他资金", "其他资金", "other"),
        ),
        start=3,
    ):
        _merge(table, row, 1, 2, label_mid, "Table Text")
        _merge(table, row, 3, 3, f"{{{{ goal_funding.{key} }}}}", "Table Number")
        _merge(table, row, 4, 6, label_year, "Table Text")
        _merge(table, row, 7, 7, f"{{{{ goal_funding.{key} }}}}", "Table Number")
    target = table.cell(6, 0).merge(table.cell(7, 0))
    _cell(target, "总体目标", bold=True)
    _merge(table, 6, 1, 3, "中期目标（{{ project.year }}年）", bold=True)
    _merge(table, 6, 4, 7, "年度目标", bold=True)
    for first, last in ((1, 3), (4, 7)):
        cell = _merge(table, 7, first, last, "{%p for text in annual_goal %}", "Table Text")
        cell.add_paragraph("{{ text }}", style="Table Text")
        cell.add_paragraph("{%p endfor %}", style="Table Text")
    headers = ("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标")
    for column, text in enumerate(headers):
        _merge(table, 8, column, column, text, bold=True)
    _merge(table, 8, 7, 7, "指标值", bold=True)
    _merge(table, 9, 1, 1, "{%tr for group in indicator_groups %}")
    _merge(table, 10, 1, 1, "{%tr for item in group.rows %}")
    cells = (
        ("{% vm %}{{ group.level1 }}", "Table Center"),
        ("{{ item.level2 }}", "Table Center"),
        ("{{ item.name }}", "Table Text"),
        ("{{ item.target }}", "Table Center"),
        ("{{ item.level2 }}", "Table Center"),
        ("{{ item.name }}", "Table Text"),
        ("{{ item.target }}", "Table Center"),
    )
    for column, (text, style) in enumerate(cells, start=1):
        _merge(table, 11, column, column, text, style)
    _merge(table, 12, 1, 1, "{%tr endfor %}")
    _merge(table, 13, 1, 1, "{%tr endfor %}")
    table.cell(8, 0).merge(table.cell(13, 0)).vertical_alignment = _CENTER
    _merge(table, 14, 0, 0, "分值合计", bold=True)
    _merge(table, 14, 1, 7, "{{ score.indicator_weight }}", "Table Text")
    _merge(table, 15, 0, 0, "说明", bold=True)
    _merge(
        table,
        15,
        1,
        7,
        "单年度项目的中期目标与年度目标相同；评分方案 {{ scheme_code }}。",
        "Table Text",
    )
    document.save(path)


BUILDERS = {
    "self-eval-report-seed.docx": build_report_seed,
    "self-eval-report-national.docx": build_report_national,
    "self-eval-table.docx": build_self_eval_table,
    "goal-table.docx": build_goal_table,
}


def main() -> None:
    """Write every template next to this script."""
    for name, build in BUILDERS.items():
        build(HERE / name)
        print(HERE / name)


if __name__ == "__main__":
    main()
