"""Builders for rules tests: indicators from short literals, the worked example, the seed."""

from __future__ import annotations

from decimal import Decimal

from jixiao.rules import Comparator, IndicatorInput, QualitativeBand


def quantitative(
    comparator: str,
    target: str | None,
    actual: str | None,
    weight: str = "10",
    *,
    name: str = "测试指标",
    level1: str = "产出指标",
    level2: str = "数量指标",
    deduction: str = "0",
    key: str = "",
) -> IndicatorInput:
    """A quantitative indicator; numbers given as text so no float ever enters a test."""
    return IndicatorInput(
        name=name,
        level1=level1,
        level2=level2,
        comparator=Comparator.parse(comparator),
        weight=Decimal(weight),
        target=None if target is None else Decimal(target),
        actual=None if actual is None else Decimal(actual),
        deduction=Decimal(deduction),
        key=key,
    )


def qualitative(
    band: QualitativeBand | None,
    weight: str = "15",
    chosen: str | None = None,
    *,
    name: str = "定性指标",
    level1: str = "效益指标",
    level2: str = "社会效益指标",
    key: str = "",
) -> IndicatorInput:
    """A qualitative indicator with an optional chosen score."""
    return IndicatorInput(
        name=name,
        level1=level1,
        level2=level2,
        comparator=Comparator.QUALITATIVE,
        weight=Decimal(weight),
        band=band,
        chosen_score=None if chosen is None else Decimal(chosen),
        key=key,
    )


def worked_example() -> tuple[IndicatorInput, ...]:
    """rules.md §1.6: the training project (A = 100 万, B = 92 万)."""
    return (
        quantitative("≥", "500", "487", "15", name="培训人次", level2="数量指标"),
        quantitative("≥", "95", "98", "15", name="考核合格率", level2="质量指标"),
        quantitative("=", "100", "100", "10", name="按期完成率", level2="时效指标"),
        quantitative("≤", "2000", "2100", "10", name="人均培训成本", level2="成本指标"),
        qualitative(QualitativeBand.PARTIAL, "15", "10.50", name="学员技能提升"),
        qualitative(
            QualitativeBand.ACHIEVED, "15", "15.00", name="长效机制建立", level2="可持续影响指标"
        ),
        quantitative(
            "≥",
            "90",
            "93",
            "10",
            name="学员满意度",
            level1="满意度指标",
            level2="服务对象满意度指标",
        ),
    )


SEED_INDICATORS = (
    ("产出指标", "数量指标", "党组织规范化建设覆盖率", "12.5"),
    ("产出指标", "质量指标", "党的政治建设和正风肃纪覆盖率", "12.5"),
    ("产出指标", "时效指标", "党组织书记述职评议考核按时完成率", "12.5"),
    ("产出指标", "成本指标", "“三重一大”事项按规定审批率", "12.5"),
    ("效益指标", "经济效益指标", "党建与业务融合覆盖率", "7.5"),
    ("效益指标", "社会效益指标", "思想政治和作风保障覆盖率", "7.5"),
    ("效益指标", "生态效益指标", "协助人居环境综合整治覆盖率", "7.5"),
    ("效益指标", "可持续影响指标", "路线方针政策贯彻落实覆盖率", "7.5"),
    ("满意度指标", "服务对象满意度指标", "综合满意度达80分以上单位覆盖率", "10"),
)


def seed_indicators() -> tuple[IndicatorInput, ...]:
    """PRODUCT.md §6 demo data: nine "= 100 %" indicators, every actual 100."""
    return tuple(
        quantitative("=", "100", "100", weight, name=name, level1=level1, level2=level2, key=str(i))
        for i, (level1, level2, name, weight) in enumerate(SEED_INDICATORS, start=1)
    )
