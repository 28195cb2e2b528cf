"""Goal checks: what is wrong with a performance goal's indicator tree, and how to fix it.

Pure and Django-free: the goal editor (live, while the user types), the goal's submission
check, the import checks and ``jixiao check-goals`` all call :func:`goal_findings` on plain
dataclasses. Every check is one ``rule`` code (documented in docs/cli.md) with a fixed
severity; an error blocks submission, a warning asks the unit to look again, info informs.

Sources (rules.md §4.5 "Acceptability checks", §2.2, §1.1):
- 财预〔2020〕10号 第十三条: weights add up per level-1 and to 100 (``goal.weights``);
- 财预〔2015〕88号 "指向明确、细化量化": a quantitative indicator needs a numeric value
  (``goal.missing_value``), vague verbs need a measurable value (``goal.vague``, practice [?]);
- S19 [L] "财力、人力和物力等投入数量不能作为绩效目标" (``goal.input_as_output``) and
  "总数不得少于3个" (``goal.too_few``);
- 88号 indicator taxonomy: 产出 = 数量/质量/时效/成本, 效益 = 经济/社会/生态/可持续影响,
  满意度 = 服务对象满意度 (``goal.unknown_level2``, ``goal.missing_dimension`` [?]);
- 成本指标 measures money (预算支出标准, rules.md §4.4 [?]) (``goal.cost_not_cost``);
- PRODUCT.md §1: the seed's eight of nine indicators share one method (``goal.shared_method``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.rules.findings import Finding, Severity
from jixiao.rules.numbers import to_decimal
from jixiao.rules.schemes import BENEFIT, OUTPUT, SATISFACTION, Scheme
from jixiao.rules.vocabulary import Comparator
from jixiao.rules.weights import ALL_INDICATORS, weight_findings

__all__ = [
    "DEFAULT_GOAL_CHECK_SETTINGS",
    "RULES",
    "GoalCheckSettings",
    "GoalDraft",
    "IndicatorDraft",
    "goal_findings",
]

COST = "成本指标"

# Every rule code with its severity, in the order findings are listed (docs/cli.md).
RULES: dict[str, str] = {
    "goal.weights": "error",
    "goal.unknown_comparator": "error",
    "goal.missing_value": "error (定量指标无指标值) / warning (无计量单位)",
    "goal.unknown_level2": "error",
    "goal.input_as_output": "error (以金额计量) / warning (名称为投入)",
    "goal.cost_not_cost": "warning",
    "goal.vague": "warning",
    "goal.shared_method": "warning",
    "goal.missing_dimension": "warning (产出、效益) / info (满意度)",
    "goal.too_few": "warning",
}

# Money units: an amount in 元 is an input when it poses as an output (S19).
_MONEY_UNITS = frozenset({"元", "万元", "千元", "百万元", "亿元"})

# Names that describe money, people or things put in rather than what they produce (S19).
_INPUT_WORDS = (
    "资金投入",
    "投入资金",
    "经费投入",
    "投入经费",
    "预算",
    "经费",
    "资金拨付",
    "拨付资金",
    "财政资金",
    "资金到位",
    "人力投入",
    "投入人力",
    "人员投入",
    "投入人员",
    "物力投入",
    "物资投入",
    "设备投入",
    "投入设备",
)

# Words that make a 成本指标 about cost even when it is a rate (成本节约率, 经费控制率).
_COST_WORDS = ("成本", "费", "造价", "单价", "价格", "支出", "节约", "开支", "资金", "补助", "预算")

# Vague verbs and adverbs (rules.md §4.5: "Avoid vague verbs (加强, 提高) without measurable
# values", practice [?]). Longer words first, so the figures name "进一步" rather than "一步".
VAGUE_WORDS = (
    "进一步",
    "加强",
    "提高",
    "提升",
    "有效",
    "明显",
    "积极",
    "推进",
    "推动",
    "促进",
    "全面",
    "深入",
    "强化",
    "充分",
    "大力",
    "切实",
    "不断",
    "显著",
    "逐步",
    "努力",
    "有力",
    "持续",
    "深度",
)

_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class IndicatorDraft:
    """One indicator as typed in the editor or stored, before any check.

    ``comparator`` is a :class:`Comparator` or the raw text typed (">=", "大于等于" …);
    ``target`` is the numeric 指标值 or None; ``weight`` None counts as 0 in the sums.
    ``key`` identifies the indicator for the caller (a database id, a row number).
    """

    name: str
    level1: str = ""
    level2: str = ""
    comparator: Comparator | str = Comparator.GE
    target: Decimal | None = None
    target_text: str = ""
    measure_unit: str = ""
    weight: Decimal | None = None
    standard: str = ""
    method: str = ""
    key: str = ""


@dataclass(frozen=True)
class GoalDraft:
    """A goal: the annual goal text and its indicators, in table order."""

    indicators: Sequence[IndicatorDraft] = ()
    annual_goal: str = ""


@dataclass(frozen=True)
class GoalCheckSettings:
    """The thresholds of the checks that vary by practice (rules.md §4.5 [?] / [L]).

    ``shared_method``: one method shared by more than ``shared_method_share`` of the
    indicators and by at least ``shared_method_min_count`` of them (default: more than half
    and at least 3). ``minimum_indicators``: S19's "总数不得少于3个".
    """

    shared_method_share: Decimal = Decimal("0.5")
    shared_method_min_count: int = 3
    minimum_indicators: int = 3


DEFAULT_GOAL_CHECK_SETTINGS = GoalCheckSettings()


@dataclass(frozen=True)
class _Weighted:
    """A level-1 name and a weight, as ``weight_findings`` expects them."""

    level1: str
    weight: Decimal = field(default=Decimal(0))


def goal_findings(
    goal: GoalDraft,
    scheme: Scheme,
    settings: GoalCheckSettings = DEFAULT_GOAL_CHECK_SETTINGS,
) -> list[Finding]:
    """Return every finding of ``goal`` under ``scheme``; empty when the goal is sound.

    Order: the weight findings first, then per indicator in table order (comparator, value,
    二级, input as output, cost, vague wording), then the goal-wide checks (shared method,
    missing dimensions, too few indicators). Indicators with an empty name are skipped in the
    per-indicator checks but still count in the weights.
    """
    indicators = list(goal.indicators)
    findings = _weights(indicators, scheme)
    for indicator in indicators:
        if not indicator.name.strip():
            continue
        findings.extend(_indicator_findings(indicator, scheme))
    findings.extend(_shared_method(indicators, settings))
    findings.extend(_missing_dimensions(indicators, scheme))
    findings.extend(_too_few(indicators, settings))
    return findings


def _weights(indicators: list[IndicatorDraft], scheme: Scheme) -> list[Finding]:
    """``goal.weights``: the weight findings of the scheme, under the goal's rule code.

    财预〔2020〕10号 第十三条 via ``weight_findings``; the original code ("level1_sum",
    "total", "unknown_level1") is kept in ``figures["check"]``.
    """
    weighted = [
        _Weighted(i.level1, to_decimal(i.weight) if i.weight is not None else Decimal(0))
        for i in indicators
    ]
    return [
        Finding(
            rule="goal.weights",
            severity=finding.severity,
            subject=finding.subject,
            message=finding.message,
            figures={**finding.figures, "check": finding.rule.removeprefix("weights.")},
        )
        for finding in weight_findings(weighted, scheme)
    ]


def _indicator_findings(indicator: IndicatorDraft, scheme: Scheme) -> list[Finding]:
    """The checks of one indicator, in a fixed order."""
    findings: list[Finding] = []
    try:
        comparator: Comparator | None = Comparator.parse(indicator.comparator)
    except ValueError:
        comparator = None
        findings.append(
            _finding(
                "goal.unknown_comparator",
                Severity.ERROR,
                indicator,
                f"“{indicator.name}”的计算符号“{indicator.comparator}”无法识别："
                "请选择 ≥ > = ≤ < 或 定性。",
                comparator=str(indicator.comparator),
            )
        )
    if comparator is not None:
        findings.extend(_missing_value(indicator, comparator))
    findings.extend(_unknown_level2(indicator, scheme))
    findings.extend(_input_as_output(indicator))
    findings.extend(_cost_not_cost(indicator))
    findings.extend(_vague(indicator, comparator))
    return findings


def _missing_value(indicator: IndicatorDraft, comparator: Comparator) -> list[Finding]:
    """``goal.missing_value``: a quantitative indicator needs a number (88号 细化量化; V3).

    No numeric target → error (the indicator cannot be scored, 财预〔2020〕10号 第十四条);
    a target without a 计量单位 → warning (rules.md §4.3: value + unit).
    A 定性 indicator needs its graded description (target_text) → error when empty.
    """
    name = indicator.name
    if comparator is Comparator.QUALITATIVE:
        if indicator.target_text.strip():
            return []
        return [
            _finding(
                "goal.missing_value",
                Severity.ERROR,
                indicator,
                f"定性指标“{name}”没有填写指标值：请用分级分档的方式写明达到什么程度算完成，"
                "如“建立制度并全年有效运行”。",
                comparator=comparator.value,
            )
        ]
    if indicator.target is None:
        return [
            _finding(
                "goal.missing_value",
                Severity.ERROR,
                indicator,
                f"定量指标“{name}”（{comparator.value}）没有数值指标值：请填写具体数值和计量"
                "单位，如“≥ 500 人次”；确实无法量化的，请将计算符号改为“定性”并写明分级标准。",
                comparator=comparator.value,
            )
        ]
    if not indicator.measure_unit.strip():
        return [
            _finding(
                "goal.missing_value",
                Severity.WARNING,
                indicator,
                f"定量指标“{name}”的指标值 {_plain(indicator.target)} 没有计量单位："
                "请填写计量单位，如 %、人次、个、元/人、天。",
                comparator=comparator.value,
                target=_plain(indicator.target),
            )
        ]
    return []


def _unknown_level2(indicator: IndicatorDraft, scheme: Scheme) -> list[Finding]:
    """``goal.unknown_level2``: the 二级 must belong to its 一级 in the scheme's tree (88号).

    An unknown 一级 is ``goal.weights`` (check "unknown_level1"), so it is not repeated here.
    """
    allowed = scheme.level2_by_level1.get(indicator.level1)
    if allowed is None or indicator.level2 in allowed:
        return []
    return [
        _finding(
            "goal.unknown_level2",
            Severity.ERROR,
            indicator,
            f"“{indicator.name}”的二级指标“{indicator.level2 or '（空）'}”不属于"
            f"{indicator.level1}：请改为{'、'.join(allowed)}之一。",
            level1=indicator.level1,
            level2=indicator.level2,
        )
    ]


def _input_as_output(indicator: IndicatorDraft) -> list[Finding]:
    """``goal.input_as_output``: money, people or things put in are not outputs (S19).

    Only for 产出指标 outside 成本指标. A 产出 measured in 元/万元 is an amount spent → error;
    a name that describes an input (资金投入, 预算, 经费, 人员投入 …) → warning, since the name
    alone can mislead.
    """
    if indicator.level1 != OUTPUT or indicator.level2 == COST:
        return []
    unit = indicator.measure_unit.strip()
    words = [word for word in _INPUT_WORDS if word in indicator.name]
    if unit in _MONEY_UNITS:
        severity, why = Severity.ERROR, f"以“{unit}”计量的是资金投入"
    elif words:
        severity, why = Severity.WARNING, f"名称中的“{words[0]}”描述的是投入"
    else:
        return []
    return [
        _finding(
            "goal.input_as_output",
            severity,
            indicator,
            f"产出指标“{indicator.name}”{why}，不是产出：财力、人力、物力投入不能作为绩效目标。"
            "请改为资金所形成的产出，如培训人次、建成数量、服务覆盖人数；资金使用情况已由"
            "预算执行率反映。",
            measure_unit=unit,
            words="、".join(words),
        )
    ]


def _cost_not_cost(indicator: IndicatorDraft) -> list[Finding]:
    """``goal.cost_not_cost``: a 成本指标 must measure cost (money per unit, or a cost rate).

    Cost-like when the unit is in 元 (元/人, 万元/公里) or the name speaks of cost (成本, 费用,
    造价, 单价, 节约, 支出 …). The seed's "“三重一大”事项按规定审批率" is neither: it is a
    compliance rate (PRODUCT.md §1).
    """
    if indicator.level2 != COST and indicator.level1 != COST:
        return []
    unit = indicator.measure_unit.strip()
    if "元" in unit or any(word in indicator.name for word in _COST_WORDS):
        return []
    return [
        _finding(
            "goal.cost_not_cost",
            Severity.WARNING,
            indicator,
            f"成本指标“{indicator.name}”（计量单位“{unit or '无'}”）衡量的不是成本：请改为以金额"
            "计量的成本，如“人均培训成本 ≤ 800 元/人”“单位造价 ≤ 3000 元/平方米”，或把该指标"
            "移到质量、时效等合适的二级指标。",
            measure_unit=unit,
        )
    ]


def _vague(indicator: IndicatorDraft, comparator: Comparator | None) -> list[Finding]:
    """``goal.vague``: vague wording (加强, 提高, 进一步 …) without a measurable value.

    The name is measurable when the indicator has a numeric target or the name has a number;
    the 评价标准 is measurable when it has a number. 88号 asks for 细化量化 goals: a standard
    such as "加强…规范化建设" does not say what counts as met.
    """
    numeric_target = (
        comparator is not None and comparator.is_quantitative and indicator.target is not None
    )
    places: list[str] = []
    words: list[str] = []
    name_words = _vague_words(indicator.name)
    if name_words and not numeric_target and not _DIGIT.search(indicator.name):
        places.append("三级指标名称")
        words.extend(name_words)
    standard_words = _vague_words(indicator.standard)
    if standard_words and not _DIGIT.search(indicator.standard):
        places.append("评价标准")
        words.extend(w for w in standard_words if w not in words)
    if not places:
        return []
    quoted = "、".join(f"“{word}”" for word in words)
    return [
        _finding(
            "goal.vague",
            Severity.WARNING,
            indicator,
            f"“{indicator.name}”的{'和'.join(places)}使用了{quoted}等笼统表述，没有可衡量的数值："
            "请写明达到什么数值算完成，如“项目验收合格率 ≥ 95%”。",
            words="、".join(words),
            fields="、".join(places),
        )
    ]


def _vague_words(text: str) -> list[str]:
    """The vague words in ``text``, in list order, without those inside a longer match."""
    found: list[str] = []
    for word in VAGUE_WORDS:
        if word in text and not any(word in longer for longer in found):
            found.append(word)
    return found


def _shared_method(indicators: list[IndicatorDraft], settings: GoalCheckSettings) -> list[Finding]:
    """``goal.shared_method``: most indicators share one evaluation method.

    A method shared by more than ``settings.shared_method_share`` of the indicators and by at
    least ``settings.shared_method_min_count`` of them (the seed: 8 of 9 share
    "检视党组织执行覆盖率") cannot measure each indicator. Empty methods are not counted as
    shared.
    """
    methods = Counter(i.method.strip() for i in indicators if i.method.strip())
    if not methods:
        return []
    method, count = methods.most_common(1)[0]
    total = len(indicators)
    if count < settings.shared_method_min_count or count <= settings.shared_method_share * total:
        return []
    return [
        Finding(
            rule="goal.shared_method",
            severity=Severity.WARNING,
            subject=ALL_INDICATORS,
            message=(
                f"{total} 个指标中有 {count} 个使用同一评价方法“{method}”：请为每个指标写明"
                "各自的数据来源和计算方法，如“查阅培训签到表，统计参训人次”。"
            ),
            figures={"method": method, "count": str(count), "total": str(total)},
        )
    ]


def _missing_dimensions(indicators: list[IndicatorDraft], scheme: Scheme) -> list[Finding]:
    """``goal.missing_dimension``: 产出 without 数量/质量/时效/成本, no 效益, no 满意度.

    rules.md §4.5 [?]: 产出 must include at least one of its 二级; 效益 must be present →
    warning; 满意度 is set "原则上" and the scheme moves its points when it is missing → info.
    Only level-1s of the scheme are checked; an empty goal has only ``goal.too_few``.
    """
    if not indicators:
        return []
    findings: list[Finding] = []
    present = {(i.level1, i.level2) for i in indicators}
    output_level2 = scheme.level2_by_level1.get(OUTPUT)
    if output_level2 and not any((OUTPUT, level2) in present for level2 in output_level2):
        findings.append(
            _dimension(
                OUTPUT,
                Severity.WARNING,
                f"没有{OUTPUT}（{'、'.join(output_level2)}）：请至少设置一项数量、质量或时效"
                "指标，说明资金形成了什么产出。",
            )
        )
    level1s = {i.level1 for i in indicators}
    if BENEFIT in scheme.level2_by_level1 and BENEFIT not in level1s:
        findings.append(
            _dimension(
                BENEFIT,
                Severity.WARNING,
                f"没有{BENEFIT}：请设置经济、社会、生态效益或可持续影响指标，说明产出带来的效果。",
            )
        )
    if SATISFACTION in scheme.level2_by_level1 and SATISFACTION not in level1s:
        findings.append(
            _dimension(
                SATISFACTION,
                Severity.INFO,
                f"没有{SATISFACTION}：原则上应设置服务对象满意度指标，如“服务对象满意度 ≥ 90%”；"
                f"未设置时按评价方案 {scheme.code} 其分值计入效益指标。",
            )
        )
    return findings


def _dimension(level1: str, severity: Severity, message: str) -> Finding:
    """A ``goal.missing_dimension`` finding about ``level1``."""
    return Finding(
        rule="goal.missing_dimension",
        severity=severity,
        subject=level1,
        message=message,
        figures={"level1": level1},
    )


def _too_few(indicators: list[IndicatorDraft], settings: GoalCheckSettings) -> list[Finding]:
    """``goal.too_few``: fewer indicators than S19's minimum (总数不得少于3个, [L])."""
    count = len(indicators)
    if count >= settings.minimum_indicators:
        return []
    return [
        Finding(
            rule="goal.too_few",
            severity=Severity.WARNING,
            subject=ALL_INDICATORS,
            message=(
                f"只设置了 {count} 个绩效指标，少于 {settings.minimum_indicators} 个：请补充"
                "产出、效益和满意度指标，可从指标库选择。"
            ),
            figures={"count": str(count), "minimum": str(settings.minimum_indicators)},
        )
    ]


def _finding(
    rule: str, severity: Severity, indicator: IndicatorDraft, message: str, **figures: str
) -> Finding:
    """A finding about one indicator (subject: its 三级 name)."""
    return Finding(
        rule=rule, severity=severity, subject=indicator.name, message=message, figures=figures
    )


def _plain(value: Decimal) -> str:
    """A target without trailing zeros in plain notation: 100.0000 → "100"."""
    return format(value.normalize(), "f")
