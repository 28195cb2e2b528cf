"""The six real published excerpts and the seed report: stated facts and hand-found findings.

Each fixture's header (FACTS, NOTES) says what the document states and which inconsistencies
a reviewer found by hand; only the text after "----" is the input.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from jixiao.ingest.tests.helpers import extract_fixture, findings_of, indicator_names, values
from jixiao.rules.textnum import Confidence

D = Decimal
MONEY = ("budget_initial", "budget_full_year", "executed", "execution_rate", "execution_score")


def test_it_reads_both_tables_of_the_shanghai_putuo_pdf_text():
    first, second = extract_fixture("02")
    assert (first.kind, second.kind) == ("self_eval_table", "self_eval_table")
    assert values(first, "year", "department", "unit") == (
        2022,
        "上海市普陀区体育局",
        "上海市普陀区体育事业管理中心",
    )
    assert values(first, *MONEY, "total") == (
        D(250000),
        D(250000),
        D("215457.6"),
        D("86.19"),
        D("8.62"),
        D("98.62"),
    )
    assert indicator_names(first) == [
        "与委托运营方结算完成率",
        "合同结算条款完成率",
        "费用结算及时性",
        "与委托运营方合同完成率",
        "场馆开放满意度",
    ]
    assert [row["score"].value for row in first.indicators] == [D(10), D(20), D(20), D(30), D(10)]
    assert values(second, "project_name", *MONEY) == (
        "援滇对口支援及结对帮扶经费",
        D(20000),
        D(20000),
        D(9034),
        D("45.17"),
        D("4.52"),
    )
    assert indicator_names(second) == [
        "经费使用率",
        "经费完成情况",
        "经费完成进度",
        "经费使用完成情况",
        "满意度",
    ]
    assert "total" in second.missing


def test_it_marks_values_read_out_of_place_as_unsure():
    first, second = extract_fixture("02")
    assert first.fields["project_name"].confidence is Confidence.UNSURE
    assert first.fields["executed"].confidence is Confidence.CERTAIN
    assert second.fields["executed"].confidence is Confidence.UNSURE
    assert first.fields["executed"].source == "字符 138–147"


def test_it_finds_the_shanghai_putuo_inconsistencies():
    first, second = extract_fixture("02")
    found = [f for f in findings_of(first)]
    assert found == [("consistency.execution_rate", "预算执行")]
    from jixiao.rules import NATIONAL_2020
    from jixiao.rules.consistency import consistency_findings

    rate = consistency_findings(first.stated(), NATIONAL_2020)[0]
    assert (rate.figures["stated"], rate.figures["computed"], rate.figures["how"]) == (
        "86.19",
        "86.18",
        "rounded_up",
    )
    assert ("consistency.components_sum", "资金来源（全年预算数）") in findings_of(second)


def test_it_reads_the_flattened_jishan_spreadsheet():
    (extraction,) = extract_fixture("05")
    assert values(extraction, "year", "department", "unit", *MONEY) == (
        2021,
        "稷山县卫生健康和体育局",
        "稷山县翟店镇卫生院",
        D(0),
        D(2074538),
        D(2074538),
        D(100),
        D(10),
    )
    names = indicator_names(extraction)
    assert len(names) == 26
    assert names[:2] == ["居民健康档案", "发放健康教育资料"]
    assert names[2:4] == ["", ""]  # 指标3 and 指标4: names lost when flattened
    assert names[24] == "家庭医生签约率"
    assert extraction.indicators[25]["level2"].value == "质量指标"
    first = extraction.indicators[0]
    assert (first["target"].value, first["actual"].value, first["score"].value) == (
        "38508人",
        "37442人",
        D(3),
    )
    assert first["actual"].confidence is Confidence.UNSURE


def test_it_finds_every_score_not_proportional_to_completion_in_jishan():
    (extraction,) = extract_fixture("05")
    found = findings_of(extraction)
    for name in (
        "孕产妇7天访视数",
        "高血压规范管理数",
        "糖尿病规范管理数",
        "严重精神障碍患者管理数",
        "早孕建册数",
        "居民健康档案",
        "0-36月龄中医药规范管理数",
    ):
        assert ("consistency.indicator_score", name) in found
    assert ("consistency.indicator_score", "老年人体检数") not in found
    assert ("consistency.indicator_score", "适龄儿童疫苗接种率") not in found
    assert ("consistency.over_achieved_unexplained", "举办健康教育宣传咨询活动") in found
    assert ("consistency.budget_added_in_year", "预算执行") in found


def test_it_reads_the_glued_zhongjiang_table():
    (extraction,) = extract_fixture("10")
    assert values(
        extraction, "project_name", "department", "unit", "year", "budget_full_year", "executed"
    ) == (
        "中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装项目",
        "中江县水利局",
        "中江县水利局",
        2022,
        D(200000),
        D(200000),
    )
    assert values(extraction, "execution_rate", "total_weight", "total", "report_date") == (
        D("100.00"),
        D(100),
        D(100),
        datetime.date(2022, 12, 30),
    )
    assert indicator_names(extraction) == [
        "安装坡面水标尺",
        "水标尺宽度",
        "项目(工程)验收合格率",
        "及时(按期)开工率",
        "及时(按期)完工率",
        "项目计划总投资",
        "受益脱贫(含监测对象)户人口数",
        "群众生产生活条件改善状况",
        "受益脱贫(含监测对象)户满意度",
    ]
    assert {k: v.value for k, v in extraction.level1_headings.items()} == {
        "产出指标": D(70),
        "效益指标": D(20),
        "满意度指标": D(10),
    }


def test_it_finds_the_zhongjiang_inconsistencies():
    (extraction,) = extract_fixture("10")
    found = findings_of(extraction)
    for expected in (
        ("consistency.weights.level1_sum", "产出指标"),
        ("consistency.weights.total", "全部指标"),
        ("consistency.weights.stated_total", "全部指标"),
        ("consistency.total_sum", "全部指标"),
        ("consistency.actuals_repeat_targets", "全部指标"),
        ("consistency.full_marks_unmeasured", "全部指标"),
        ("consistency.report_before_year_end", "报告日期"),
    ):
        assert expected in found


def test_it_reads_the_hubei_report_and_its_indicator_table():
    (extraction,) = extract_fixture("11")
    assert extraction.kind == "report"
    assert values(
        extraction, "year", "budget_full_year", "executed", "execution_rate", "total"
    ) == (
        2021,
        D(25960000),
        D(25956208),
        D(99),
        D("99.8"),
    )
    assert "本专科生奖助学金" in str(extraction.value("project_name"))
    assert len(extraction.indicators) == 9
    row = extraction.indicators[4]
    assert (row["name"].value, row["target"].value, row["actual"].value) == (
        "受资助本专科学生人数",
        "14726",
        "15935",
    )
    assert ("consistency.execution_rate", "预算执行") in findings_of(extraction)


def test_it_says_the_hubei_rate_is_truncated():
    from jixiao.rules import NATIONAL_2020
    from jixiao.rules.consistency import consistency_findings

    (extraction,) = extract_fixture("11")
    (rate,) = [
        f
        for f in consistency_findings(extraction.stated(), NATIONAL_2020)
        if f.rule == "consistency.execution_rate"
    ]
    assert (rate.figures["how"], rate.figures["computed"]) == ("truncated", "99.99")


def test_it_reads_the_xiping_report():
    (extraction,) = extract_fixture("15")
    assert values(
        extraction,
        "budget_full_year",
        "executed",
        "execution_rate",
        "indicator_count_1",
        "indicator_count_2",
        "indicator_count_3",
        "report_date",
    ) == (D(21790000), D(21136300), D(97), 3, 9, 12, datetime.date(2022, 12, 8))
    found = findings_of(extraction)
    assert ("consistency.report_before_year_end", "报告日期") in found
    assert ("consistency.indicator_count", "三级指标") in found
    assert ("consistency.execution_rate", "预算执行") not in found


def test_it_reads_the_guangdong_summary_and_doubts_its_amount():
    (extraction,) = extract_fixture("20")
    assert values(extraction, "grade", "year", "executed", "execution_rate") == (
        "优秀",
        2020,
        None,
        None,
    )
    budget = extraction.fields["budget_full_year"]
    assert (budget.value, budget.confidence) == (D("2827969000.00"), Confidence.UNSURE)
    assert findings_of(extraction) == [("consistency.grade_without_score", "评价等级")]


def test_it_reads_the_seed_report_and_its_fund_uses():
    (extraction,) = extract_fixture("seed")
    assert values(
        extraction, "year", "budget_full_year", "executed", "execution_rate", "grade"
    ) == (
        2023,
        D(100000),
        D(99975),
        D(100),
        "优等",
    )
    assert extraction.fields["execution_rate"].confidence is Confidence.UNSURE
    assert len(extraction.fund_uses) == 8
    assert sum(row["amount"].value for row in extraction.fund_uses) == D(99975)
    assert extraction.value("fund_use_total") == D(99975)
    found = findings_of(extraction)
    assert ("consistency.rate_approximate", "预算执行") in found
