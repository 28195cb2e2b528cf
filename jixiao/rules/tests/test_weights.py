"""weight_findings: Σ三级 = 一级 and Σ = 100 (财预〔2020〕10号 第十三条; V3)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.rules import NATIONAL_2020, MissingSatisfaction, weight_findings
from jixiao.rules.tests.helpers import quantitative, seed_indicators, worked_example


def weighted(level1: str, weight: str) -> object:
    return quantitative("≥", "1", "1", weight, level1=level1)


def test_it_finds_nothing_wrong_with_the_worked_example() -> None:
    assert weight_findings(worked_example(), NATIONAL_2020) == []


def test_it_finds_nothing_wrong_with_the_seed_weights() -> None:
    assert weight_findings(seed_indicators(), NATIONAL_2020) == []


def test_it_reports_a_level1_sum_and_the_total_when_output_is_short() -> None:
    indicators = [
        weighted("产出指标", "25"),
        weighted("产出指标", "20"),
        weighted("效益指标", "30"),
        weighted("满意度指标", "10"),
    ]
    findings = [finding.to_dict() for finding in weight_findings(indicators, NATIONAL_2020)]
    assert findings == [
        {
            "rule": "weights.level1_sum",
            "severity": "error",
            "subject": "产出指标",
            "message": (
                "产出指标的分值合计为 45.00，应为 50.00：请调整该一级指标下各三级指标的分值。"
            ),
            "figures": {"expected": "50.00", "actual": "45.00"},
        },
        {
            "rule": "weights.total",
            "severity": "error",
            "subject": "全部指标",
            "message": (
                "预算执行率分值 10.00 与各指标分值合计 85.00 之和为 95.00，应为 100.00："
                "请调整各指标分值，使总分为 100 分。"
            ),
            "figures": {
                "expected": "100.00",
                "actual": "95.00",
                "execution_weight": "10.00",
                "indicator_weight": "85.00",
            },
        },
    ]


def test_it_accepts_benefit_at_40_without_a_satisfaction_indicator() -> None:
    # PRODUCT.md §4 default: 满意度's 10 points go to 效益.
    indicators = [
        weighted("产出指标", "50"),
        weighted("效益指标", "25"),
        weighted("效益指标", "15"),
    ]
    assert weight_findings(indicators, NATIONAL_2020) == []


def test_it_explains_the_moved_points_when_benefit_misses_its_new_target() -> None:
    indicators = [weighted("产出指标", "50"), weighted("效益指标", "30")]
    findings = weight_findings(indicators, NATIONAL_2020)
    assert [finding.rule for finding in findings] == ["weights.level1_sum", "weights.total"]
    assert findings[0].subject == "效益指标"
    assert findings[0].message == (
        "效益指标的分值合计为 30.00，应为 40.00：请调整该一级指标下各三级指标的分值。"
        "（未设置满意度指标，按评价方案 national-2020 其分值已重新分配。）"
    )
    assert dict(findings[0].figures) == {"expected": "40.00", "actual": "30.00"}
    assert dict(findings[1].figures)["actual"] == "90.00"


def test_it_splits_the_satisfaction_points_pro_rata_when_the_scheme_says_so() -> None:
    scheme = NATIONAL_2020.with_settings(
        code="test-pro-rata", missing_satisfaction=MissingSatisfaction.PRO_RATA
    )
    indicators = [weighted("产出指标", "56.25"), weighted("效益指标", "33.75")]
    assert weight_findings(indicators, scheme) == []
    findings = weight_findings([weighted("产出指标", "50"), weighted("效益指标", "40")], scheme)
    assert [(finding.subject, dict(finding.figures)) for finding in findings] == [
        ("产出指标", {"expected": "56.25", "actual": "50.00"}),
        ("效益指标", {"expected": "33.75", "actual": "40.00"}),
    ]


def test_it_reports_an_unknown_level1() -> None:
    # 财预〔2021〕101号 makes 成本 a level-1; national-2020 does not know it.
    indicators = [*seed_indicators(), weighted("成本指标", "5")]
    findings = weight_findings(indicators, NATIONAL_2020)
    assert [finding.rule for finding in findings] == ["weights.unknown_level1", "weights.total"]
    assert findings[0].to_dict() == {
        "rule": "weights.unknown_level1",
        "severity": "error",
        "subject": "成本指标",
        "message": (
            "一级指标“成本指标”不属于评价方案 national-2020"
            "（项目支出绩效自评计分方案（财预〔2020〕10号，全国默认）），"
            "其下 1 个指标共 5.00 分：请将这些指标归入产出指标、效益指标、满意度指标之一。"
        ),
        "figures": {"actual": "5.00", "count": "1"},
    }
    assert dict(findings[1].figures)["actual"] == "105.00"


def test_it_reports_every_level1_of_an_empty_indicator_set() -> None:
    findings = weight_findings([], NATIONAL_2020)
    assert [(finding.rule, finding.subject) for finding in findings] == [
        ("weights.level1_sum", "产出指标"),
        ("weights.level1_sum", "效益指标"),
        ("weights.total", "全部指标"),
    ]
    assert findings[0].message == (
        "产出指标下没有指标，分值合计为 0.00，应为 50.00：请在该一级指标下设置三级指标并分配分值。"
    )


def test_it_does_not_round_away_a_weight_error() -> None:
    indicators = [
        weighted("产出指标", "49.995"),
        weighted("效益指标", "30"),
        weighted("满意度指标", "10"),
    ]
    findings = weight_findings(indicators, NATIONAL_2020)
    assert [dict(finding.figures)["actual"] for finding in findings] == ["49.995", "99.995"]


def test_it_reads_weights_from_any_object_with_level1_and_weight() -> None:
    class Row:
        def __init__(self, level1: str, weight: Decimal) -> None:
            self.level1 = level1
            self.weight = weight

    rows = [
        Row("产出指标", Decimal(50)),
        Row("效益指标", Decimal(30)),
        Row("满意度指标", Decimal(10)),
    ]
    assert weight_findings(rows, NATIONAL_2020) == []
