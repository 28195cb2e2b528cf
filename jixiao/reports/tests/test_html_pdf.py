"""The HTML renderer (no database) and our own PDF read back with pdftotext."""

from __future__ import annotations

import subprocess

import pytest

from jixiao.reports.sample import sample_report_data
from jixiao.reports.services import report_render_data
from jixiao.testing.system import require_binary, require_font


def test_it_renders_the_report_as_a_standalone_html_document():
    rendered = report_render_data(sample_report_data(), kind="self-eval-report", fmt="html")
    assert rendered.content_type == "text/html; charset=utf-8"
    html = rendered.content.decode()
    assert html.startswith("<!doctype html>")
    assert '@top-right { content: "演示数据"' in html
    assert "size: A4;" in html
    positions = [
        html.index(heading)
        for heading in (
            "<h2>一、评价项目概述</h2>",
            "<h2>二、项目绩效目标和绩效指标设定情况</h2>",
            "<h2>三、绩效评价组织情况</h2>",
            "<h2>四、绩效评价指标分析情况</h2>",
            "<h2>五、项目综合评价等级和评价结论</h2>",
            "<h2>六、主要经验做法、存在的问题和建议</h2>",
            "<h2>七、绩效评价结果应用</h2>",
        )
    ]
    assert positions == sorted(positions)
    assert '<td class="num">10,600.00</td>' in html
    assert '<td class="num"><strong>99,975.00</strong></td>' in html
    assert "预算执行率99.98%" in html


def test_it_leaves_out_the_demo_label_for_real_data():
    rendered = report_render_data(
        sample_report_data(is_demo=False), kind="self-eval-report", fmt="html", template="national"
    )
    html = rendered.content.decode()
    assert "演示数据" not in html
    assert "<h2>七、其他需要说明的问题</h2>" in html


@pytest.mark.system
@pytest.mark.parametrize(
    ("kind", "title"),
    [("self-eval-report", "绩效自评报告"), ("self-eval-table", "项目支出绩效自评表")],
)
def test_it_prints_a_pdf_with_embedded_chinese_text(tmp_path, kind, title):
    pdftotext = require_binary("pdftotext", "poppler-utils")
    require_font("Noto Serif CJK SC", "fonts-noto-cjk")
    rendered = report_render_data(sample_report_data(), kind=kind, fmt="pdf")
    assert rendered.content_type == "application/pdf"
    assert rendered.content.startswith(b"%PDF-")
    path = tmp_path / "report.pdf"
    path.write_bytes(rendered.content)
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())
    assert title in squeezed
    assert "演示数据" in squeezed
    assert ("合计99,975.00" in squeezed) if kind == "self-eval-report" else ("9.9975" in squeezed)
    assert ("评价等级优" in squeezed) or ("评价等级：优" in squeezed)
    fonts = subprocess.run(
        [require_binary("pdffonts", "poppler-utils"), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Noto-Serif-CJK-SC" in fonts  # embedded (emb = yes), subset
