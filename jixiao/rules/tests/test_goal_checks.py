"""goal_findings: the goal checks of rules.md §4.5, table-tested, and the seed's nine indicators."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.rules import NATIONAL_2020
from jixiao.rules.goal_checks import (
    RULES,
    GoalCheckSettings,
    GoalDraft,
    IndicatorDraft,
    goal_findings,
)

D = Decimal


def indicator(name: str = "培训人次", **overrides: object) -> IndicatorDraft:
    """A sound 产出/数量 indicator, changed by ``overrides``."""
    values: dict[str, object] = {
        "name": name,
        "level1": "产出指标",
        "level2": "数量指标",
        "comparator": "≥",
        "target": D("500"),
        "measure_unit": "人次",
        "weight": D("20"),
        "standard": "全年培训不少于500人次。",
        "method": "查阅培训签到表",
    }
    values.update(overrides)
    return IndicatorDraft(**values)  # type: ignore[arg-type]


def sound_goal(*extra: IndicatorDraft) -> list[IndicatorDraft]:
    """Five indicators with weights 20+15+15 / 30 / 10 = 90: no finding at all."""
    return [
        indicator("培训人次", method="查阅培训签到表"),
        indicator(
            "培训合格率",
            level2="质量指标",
            target=D("95"),
            measure_unit="%",
            weight=D("15"),
            standard="考试合格率不低于95%。",
            method="查阅考试成绩",
        ),
        indicator(
            "人均培训成本",
            level2="成本指标",
            comparator="≤",
            target=D("800"),
            measure_unit="元/人",
            weight=D("15"),
            standard="人均成本不高于800元。",
            method="培训支出除以参训人次",
        ),
        indicator(
            "参训人员岗位胜任率",
            level1="效益指标",
            level2="社会效益指标",
            target=D("90"),
            measure_unit="%",
            weight=D("30"),
            standard="胜任率不低于90%。",
            method="抽查考核记录",
        ),
        indicator(
            "参训人员满意度",
            level1="满意度指标",
            level2="服务对象满意度指标",
            target=D("90"),
            measure_unit="%",
            weight=D("10"),
            standard="满意度不低于90%。",
            method="问卷调查",
        ),
        *extra,
    ]


def keys(indicators: list[IndicatorDraft], **settings: object) -> list[tuple[str, str, str]]:
    findings = goal_findings(
        GoalDraft(indicators=indicators),
        NATIONAL_2020,
        GoalCheckSettings(**settings),  # type: ignore[arg-type]
    )
    return [(f.rule, f.severity.value, f.subject) for f in findings]


def replace(indicators: list[IndicatorDraft], position: int, **overrides: object):
    """The goal with indicator ``position`` (0-based) changed."""
    changed = list(indicators)
    values = {**changed[position].__dict__, **overrides}
    changed[position] = IndicatorDraft(**values)
    return changed


def test_it_finds_nothing_in_a_sound_goal() -> None:
    assert keys(sound_goal()) == []


@pytest.mark.parametrize(
    ("position", "overrides", "expected"),
    [
        # goal.missing_value: no number, no unit, an empty qualitative description.
        (0, {"target": None}, [("goal.missing_value", "error", "培训人次")]),
        (0, {"measure_unit": ""}, [("goal.missing_value", "warning", "培训人次")]),
        (
            3,
            {"comparator": "定性", "target": None, "target_text": ""},
            [("goal.missing_value", "error", "参训人员岗位胜任率")],
        ),
        (3, {"comparator": "定性", "target": None, "target_text": "全面胜任"}, []),
        # goal.unknown_comparator: raw text that is no comparator.
        (0, {"comparator": "约"}, [("goal.unknown_comparator", "error", "培训人次")]),
        (0, {"comparator": ">="}, []),
        # goal.unknown_level2: a 二级 of another 一级.
        (0, {"level2": "社会效益指标"}, [("goal.unknown_level2", "error", "培训人次")]),
        # goal.input_as_output: an amount in 元 (error), an input by name (warning).
        (
            0,
            {"name": "资金投入", "target": D("100"), "measure_unit": "万元"},
            [("goal.input_as_output", "error", "资金投入")],
        ),
        (
            0,
            {"name": "培训经费到位率", "measure_unit": "%", "standard": "到位率100%。"},
            [("goal.input_as_output", "warning", "培训经费到位率")],
        ),
        (
            1,
            {"name": "预算执行率", "standard": "执行率不低于95%。"},
            [("goal.input_as_output", "warning", "预算执行率")],
        ),
        # goal.cost_not_cost: a rate under 成本指标 that is not about cost.
        (
            2,
            {"name": "三重一大事项审批率", "measure_unit": "%", "comparator": "="},
            [("goal.cost_not_cost", "warning", "三重一大事项审批率")],
        ),
        (2, {"name": "成本节约率", "measure_unit": "%"}, []),
        # goal.vague: vague words without a number, in the name or the standard.
        (
            3,
            {
                "name": "进一步提升服务水平",
                "comparator": "定性",
                "target": None,
                "target_text": "好",
            },
            [("goal.vague", "warning", "进一步提升服务水平")],
        ),
        (3, {"name": "进一步提升服务水平"}, []),  # a numeric target makes the name measurable
        (
            0,
            {"standard": "加强培训管理。"},
            [("goal.vague", "warning", "培训人次")],
        ),
        (0, {"standard": "加强培训管理，全年不少于500人次。"}, []),
    ],
)
def test_it_reports_each_indicator_rule(position, overrides, expected) -> None:
    indicators = replace(sound_goal(), position, **overrides)
    assert keys(indicators) == expected


def test_it_explains_the_missing_value_and_how_to_fix_it() -> None:
    finding = goal_findings(
        GoalDraft(indicators=replace(sound_goal(), 0, target=None)), NATIONAL_2020
    )[0]
    assert finding.to_dict() == {
        "rule": "goal.missing_value",
        "severity": "error",
        "subject": "培训人次",
        "message": (
            "定量指标“培训人次”（≥）没有数值指标值：请填写具体数值和计量单位，如“≥ 500 人次”；"
            "确实无法量化的，请将计算符号改为“定性”并写明分级标准。"
        ),
        "figures": {"comparator": "≥"},
    }


def test_it_wraps_the_weight_findings_under_goal_weights() -> None:
    indicators = replace(sound_goal(), 0, weight=D("25"))
    findings = goal_findings(GoalDraft(indicators=indicators), NATIONAL_2020)
    assert [(f.rule, f.subject, dict(f.figures)) for f in findings] == [
        (
            "goal.weights",
            "产出指标",
            {"expected": "50.00", "actual": "55.00", "check": "level1_sum"},
        ),
        (
            "goal.weights",
            "全部指标",
            {
                "expected": "100.00",
                "actual": "105.00",
                "execution_weight": "10.00",
                "indicator_weight": "95.00",
                "check": "total",
            },
        ),
    ]
    assert findings[0].message == (
        "产出指标的分值合计为 55.00，应为 50.00：请调整该一级指标下各三级指标的分值。"
    )


def test_it_counts_a_missing_weight_as_zero() -> None:
    indicators = replace(sound_goal(), 4, weight=None)
    assert keys(indicators) == [
        ("goal.weights", "error", "满意度指标"),
        ("goal.weights", "error", "全部指标"),
    ]


@pytest.mark.parametrize(
    ("methods", "settings", "expected"),
    [
        (["甲", "甲", "甲", "乙", "丙"], {}, [("goal.shared_method", "warning", "全部指标")]),
        (["甲", "甲", "乙", "丙", "丁"], {}, []),  # 2 of 5: not more than half
        (["甲", "甲", "甲", "乙", "乙"], {"shared_method_min_count": 4}, []),
        (["甲", "甲", "甲", "乙", "丙"], {"shared_method_share": D("0.6")}, []),  # 3/5 = 0.6
        (["", "", "", "", "乙"], {}, []),  # empty methods are not shared
    ],
)
def test_it_reports_a_shared_method_over_the_threshold(methods, settings, expected) -> None:
    indicators = [
        IndicatorDraft(**{**item.__dict__, "method": method})
        for item, method in zip(sound_goal(), methods, strict=True)
    ]
    assert keys(indicators, **settings) == expected


def test_it_reports_missing_dimensions_and_too_few_indicators() -> None:
    only_output = [
        indicator("培训人次", weight=D("50")),
    ]
    assert keys(only_output) == [
        ("goal.weights", "error", "效益指标"),
        ("goal.weights", "error", "全部指标"),
        ("goal.missing_dimension", "warning", "效益指标"),
        ("goal.missing_dimension", "info", "满意度指标"),
        ("goal.too_few", "warning", "全部指标"),
    ]


def test_it_reports_output_without_any_of_its_level2() -> None:
    indicators = [item for item in sound_goal() if item.level1 != "产出指标"]
    assert keys(indicators) == [
        ("goal.weights", "error", "产出指标"),
        ("goal.weights", "error", "全部指标"),
        ("goal.missing_dimension", "warning", "产出指标"),
        ("goal.too_few", "warning", "全部指标"),
    ]


def test_it_reports_only_too_few_and_weights_for_an_empty_goal() -> None:
    assert keys([]) == [
        ("goal.weights", "error", "产出指标"),
        ("goal.weights", "error", "效益指标"),
        ("goal.weights", "error", "全部指标"),
        ("goal.too_few", "warning", "全部指标"),
    ]


# The seed's nine indicators as jixiao/demo/seed.py stores them (一级, 二级, 三级 (inferred),
# weight, 评价标准, 评价方法). A literal copy: the rules package imports nothing of jixiao, so its
# tests cannot read the demo module; jixiao/goals/tests/test_seed_copy.py keeps them equal.
SEED_INDICATORS = (
    (
        "产出指标",
        "数量指标",
        "党组织规范化建设覆盖率",
        "12.5",
        "加强区直单位各级党组织规范化建设，实施基层党建工作目标管理。",
        "检视党组织执行覆盖率",
    ),
    (
        "产出指标",
        "质量指标",
        "党的政治建设和正风肃纪覆盖率",
        "12.5",
        "区直单位各级党组织全面加强党的政治建设，坚定不移正风肃纪，营造风清气正干事创业政治生态环境。",
        "检视党组织执行覆盖率",
    ),
    (
        "产出指标",
        "时效指标",
        "党组织书记述职评议考核按时完成率",
        "12.5",
        "深入开展模范机关创建活动，强化政治功能，全面推进党支部规范化建设，按时完成年度区直单位党组织书记抓基层党建述职评议考核工作。",
        "检视党组织执行覆盖率",
    ),
    (
        "产出指标",
        "成本指标",
        "“三重一大”事项按规定审批率",
        "12.5",
        "100%“三重一大”事项按规定实行审批管理，严格控制开支成本。",
        "检视党组织执行覆盖率",
    ),
    (
        "效益指标",
        "经济效益指标",
        "党建与业务融合覆盖率",
        "7.5",
        "区直单位各级党组织党建工作与业务工作深度融合，促进所在单位充分发挥专业职能部门作用，为我区各项事业发展添砖加瓦。",
        "检视党组织执行覆盖率",
    ),
    (
        "效益指标",
        "社会效益指标",
        "思想政治和作风保障覆盖率",
        "7.5",
        "区直单位各级党组织为我区经济社会发展提供坚强有力的思想政治和作风保障。",
        "检视党组织执行覆盖率",
    ),
    (
        "效益指标",
        "生态效益指标",
        "协助人居环境综合整治覆盖率",
        "7.5",
        "区直单位各级党组织发挥党建引领带动作用，通过联系镇街、结对帮村（联社）、党员双报到，协助镇街村居开展人居环境综合整治，提升群众工作生活质量。",
        "检视党组织执行覆盖率",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "路线方针政策贯彻落实覆盖率",
        "7.5",
        "深入推进全面从严治党，狠抓正风肃纪，确保区直单位各级党组织贯彻执行党的路线方针政策落实到位。",
        "检视党组织执行覆盖率",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "综合满意度达80分以上单位覆盖率",
        "10",
        "开展区直单位作风建设“三评议”活动，区直各有关单位作风建设情况接受区领导、基层、社会各界评议。",
        "综合满意度达80分以上单位覆盖率",
    ),
)


def seed_goal() -> GoalDraft:
    """The seed's nine indicators as stored in the demo (target = 100 %, inferred)."""
    return GoalDraft(
        indicators=[
            IndicatorDraft(
                name=name,
                level1=level1,
                level2=level2,
                comparator="=",
                target=D("100"),
                measure_unit="%",
                weight=D(weight),
                standard=standard,
                method=method,
            )
            for level1, level2, name, weight, standard, method in SEED_INDICATORS
        ],
    )


def test_it_finds_the_seeds_vague_standards_shared_method_and_false_cost() -> None:
    findings = goal_findings(seed_goal(), NATIONAL_2020)
    assert [(f.rule, f.subject) for f in findings] == [
        ("goal.vague", "党组织规范化建设覆盖率"),
        ("goal.vague", "党的政治建设和正风肃纪覆盖率"),
        ("goal.vague", "党组织书记述职评议考核按时完成率"),
        ("goal.cost_not_cost", "“三重一大”事项按规定审批率"),
        ("goal.vague", "党建与业务融合覆盖率"),
        ("goal.vague", "思想政治和作风保障覆盖率"),
        ("goal.vague", "协助人居环境综合整治覆盖率"),
        ("goal.vague", "路线方针政策贯彻落实覆盖率"),
        ("goal.shared_method", "全部指标"),
    ]
    shared = findings[-1]
    assert dict(shared.figures) == {"method": "检视党组织执行覆盖率", "count": "8", "total": "9"}
    assert shared.message == (
        "9 个指标中有 8 个使用同一评价方法“检视党组织执行覆盖率”：请为每个指标写明各自的数据来源"
        "和计算方法，如“查阅培训签到表，统计参训人次”。"
    )
    assert {f.severity.value for f in findings} == {"warning"}


def test_it_names_the_vague_words_of_the_first_seed_indicator() -> None:
    first = goal_findings(seed_goal(), NATIONAL_2020)[0]
    assert first.to_dict() == {
        "rule": "goal.vague",
        "severity": "warning",
        "subject": "党组织规范化建设覆盖率",
        "message": (
            "“党组织规范化建设覆盖率”的评价标准使用了“加强”等笼统表述，没有可衡量的数值："
            "请写明达到什么数值算完成，如“项目验收合格率 ≥ 95%”。"
        ),
        "figures": {"words": "加强", "fields": "评价标准"},
    }


LEVELS = [
    ("产出指标", "数量指标"),
    ("产出指标", "成本指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
    ("成本指标", "经济成本指标"),
    ("产出指标", "社会效益指标"),
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            lambda levels, name, comparator, target, unit, weight, standard, method: IndicatorDraft(
                name=name,
                level1=levels[0],
                level2=levels[1],
                comparator=comparator,
                target=target,
                measure_unit=unit,
                weight=weight,
                standard=standard,
                method=method,
            ),
            st.sampled_from(LEVELS),
            st.text(max_size=12),
            st.sampled_from(["≥", "=", "≤", "定性", ">=", "约", ""]),
            st.none() | st.decimals(min_value=-1000, max_value=100000, places=2),
            st.sampled_from(["", "%", "元", "万元", "元/人", "人次"]),
            st.none() | st.decimals(min_value=0, max_value=100, places=2),
            st.sampled_from(["", "加强管理", "不少于500人次", "提升质量达到95%"]),
            st.sampled_from(["", "查阅资料", "问卷调查"]),
        ),
        max_size=12,
    )
)
def test_it_always_returns_known_rules_with_text_figures(indicators) -> None:
    findings = goal_findings(GoalDraft(indicators=indicators), NATIONAL_2020)
    assert {f.rule for f in findings} <= set(RULES)
    for finding in findings:
        assert finding.message[-1] in "。）"
        assert finding.subject
    assert [f.rule for f in findings].count("goal.too_few") == (len(indicators) < 3)
