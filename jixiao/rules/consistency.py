"""Consistency checks of a report: do the figures a document STATES agree with each other?

Reviewers at the finance bureau hunt these by hand (PRODUCT.md §3.11, issue 6): component rows
that do not add up, a stated 执行率 that is not 执行数/预算数, an execution score off the formula,
weights that do not add up, scores outside the rules, a total that is not the sum, a grade
outside its band, a wrong indicator count, actual values that repeat the targets, full marks
with no measurement, a report dated before the year it evaluates has ended.

The input is what the document says (``StatedReport``), never what jixiao computed; the output
is the one finding shape of PRODUCT.md §6 with rule codes ``consistency.*``. The scoring rules
themselves are not rewritten here: ``execution_rate``, ``execution_score``, ``indicator_score``,
``weight_findings`` and ``grade_for`` are reused.

A figure written with fewer decimals ("99%", "1.8") is compared at the precision it is written
with: it agrees when the exact value lies within half a unit of its last place.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType

from jixiao.rules.execution import execution_rate, execution_score
from jixiao.rules.findings import Finding, Severity
from jixiao.rules.numbers import calculation_context, round_money
from jixiao.rules.schemes import Scheme
from jixiao.rules.scoring import IndicatorInput, ScoringError, grade_for, indicator_score
from jixiao.rules.vocabulary import Comparator, QualitativeBand
from jixiao.rules.weights import weight_findings

__all__ = [
    "GRADE_SYNONYMS",
    "StatedComponent",
    "StatedIndicator",
    "StatedRate",
    "StatedReport",
    "consistency_findings",
    "normalise_grade",
]

ALL = "全部指标"
BUDGET = "预算执行"

# Grades as documents write them → the grade of the scheme's table (notes of real report 20).
GRADE_SYNONYMS = MappingProxyType(
    {
        "优": "优",
        "优秀": "优",
        "优等": "优",
        "良": "良",
        "良好": "良",
        "中": "中",
        "中等": "中",
        "合格": "中",
        "一般": "中",
        "差": "差",
        "较差": "差",
        "不合格": "差",
    }
)

# Level-1 names as documents write them → the scheme's names.
_LEVEL1 = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标", "成本": "成本指标"}


def normalise_grade(text: str) -> str:
    """Return the scheme grade for a stated grade ("优秀" → "优"), or "" when unknown."""
    return GRADE_SYNONYMS.get(text.strip(), "")


def normalise_level1(text: str) -> str:
    """Return a level-1 name in the scheme's spelling ("产出" → "产出指标")."""
    name = text.strip()
    return _LEVEL1.get(name, name)


@dataclass(frozen=True)
class StatedComponent:
    """One 其中 row of the funds block (当年财政拨款/上年结转资金/其他资金), amounts in 元.

    None means the cell is empty or "—" (not stated), which is not the same as 0.
    """

    name: str
    initial: Decimal | None = None
    full_year: Decimal | None = None
    executed: Decimal | None = None


@dataclass(frozen=True)
class StatedRate:
    """A 执行率 as written, in percent: its value (with the decimals as written) and whether it
    is an approximation ("约100%")."""

    value: Decimal
    is_approximate: bool = False


@dataclass(frozen=True)
class StatedIndicator:
    """One indicator row as the document states it.

    ``comparator`` is None when the target cell writes none (a bare "38508人"); the checks then
    read it as a positive (≥) indicator and say so. ``actual_text`` and ``target_text`` are the
    cells as written, used to see whether the actual value merely repeats the target.
    """

    name: str
    level1: str = ""
    level2: str = ""
    comparator: Comparator | None = None
    target: Decimal | None = None
    target_unit: str = ""
    target_text: str = ""
    actual: Decimal | None = None
    actual_unit: str = ""
    actual_text: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    is_qualitative: bool = False
    deviation_note: str = ""


@dataclass(frozen=True)
class StatedReport:
    """What one document states about one project (amounts in 元, rates in percent).

    ``stated_indicator_counts`` maps a level (1, 2, 3) to the count the text states ("三级指标
    12个"); ``level1_headings`` maps a level-1 name to the points in its heading ("产出指标(70分)");
    ``stated_total_weight`` is the 分值 of the 总分 row.
    """

    year: int | None = None
    budget_initial: Decimal | None = None
    budget_full_year: Decimal | None = None
    executed: Decimal | None = None
    components: tuple[StatedComponent, ...] = ()
    stated_rate: StatedRate | None = None
    stated_execution_weight: Decimal | None = None
    stated_execution_score: Decimal | None = None
    indicators: tuple[StatedIndicator, ...] = ()
    stated_total: Decimal | None = None
    stated_total_weight: Decimal | None = None
    stated_grade: str = ""
    stated_indicator_counts: Mapping[int, int] = field(default_factory=dict)
    level1_headings: Mapping[str, Decimal] = field(default_factory=dict)
    report_date: datetime.date | None = None

    def __post_init__(self) -> None:
        """Keep sequences as tuples and mappings read-only."""
        object.__setattr__(self, "components", tuple(self.components))
        object.__setattr__(self, "indicators", tuple(self.indicators))
        object.__setattr__(
            self, "stated_indicator_counts", MappingProxyType(dict(self.stated_indicator_counts))
        )
        object.__setattr__(self, "level1_headings", MappingProxyType(dict(self.level1_headings)))


def consistency_findings(doc: StatedReport, scheme: Scheme) -> list[Finding]:
    """Return the inconsistencies between the figures ``doc`` states, in a stable order.

    Each check runs only on what the document states; a missing figure is no finding here
    (extraction reports missing fields itself). See the module docstring for the checks.
    """
    findings: list[Finding] = []
    findings += _budget_findings(doc)
    findings += _component_findings(doc)
    findings += _rate_findings(doc)
    findings += _execution_score_findings(doc, scheme)
    findings += _weight_findings(doc, scheme)
    findings += _indicator_findings(doc, scheme)
    findings += _total_findings(doc)
    findings += _grade_findings(doc, scheme)
    findings += _count_findings(doc)
    findings += _repeat_findings(doc)
    findings += _date_findings(doc)
    return findings


def _places(value: Decimal) -> int:
    """The number of decimals ``value`` is written with (Decimal keeps "1.80" as two)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _unit(value: Decimal) -> Decimal:
    """One unit of the last decimal place of ``value`` ("99" → 1, "1.8" → 0.1)."""
    return Decimal(1).scaleb(-_places(value))


def agrees(stated: Decimal, exact: Decimal) -> bool:
    """True when ``exact`` rounds half-up to ``stated`` at the precision ``stated`` is written
    with, i.e. |stated − exact| ≤ half a unit of its last place."""
    with calculation_context():
        return abs(stated - exact) <= _unit(stated) / 2


def _text(value: Decimal | None) -> str:
    """A figure for ``Finding.figures``: the decimal as a plain string, "" for None."""
    if value is None:
        return ""
    return format(value, "f")


def _money(value: Decimal) -> str:
    """An amount in 元 for messages, to two decimals."""
    return str(round_money(value))


def _budget_findings(doc: StatedReport) -> list[Finding]:
    """年初 0 with a full-year budget, and spending above the budget."""
    findings = []
    if doc.budget_initial == 0 and doc.budget_full_year and doc.budget_full_year > 0:
        # rules.md §2.1: 全年预算数 = 年初 + in-year adjustments; all of it added in the year.
        findings.append(
            Finding(
                rule="consistency.budget_added_in_year",
                severity=Severity.INFO,
                subject=BUDGET,
                message=(
                    f"年初预算数为 0，全年预算数 {_money(doc.budget_full_year)} 元全部为年中追加："
                    "请核实并在报告中说明追加预算的依据。"
                ),
                figures={"initial": "0", "full_year": _text(doc.budget_full_year)},
            )
        )
    if (
        doc.executed is not None
        and doc.budget_full_year is not None
        and doc.budget_full_year > 0
        and doc.executed > doc.budget_full_year
    ):
        findings.append(
            Finding(
                rule="consistency.executed_above_budget",
                severity=Severity.WARNING,
                subject=BUDGET,
                message=(
                    f"全年执行数 {_money(doc.executed)} 元超过全年预算数 "
                    f"{_money(doc.budget_full_year)} 元：请核对执行数或补充预算调整。"
                ),
                figures={"full_year": _text(doc.budget_full_year), "executed": _text(doc.executed)},
            )
        )
    return findings


_COLUMNS = (
    ("initial", "budget_initial", "年初预算数"),
    ("full_year", "budget_full_year", "全年预算数"),
)
_COLUMNS += (("executed", "executed", "全年执行数"),)


def _component_findings(doc: StatedReport) -> list[Finding]:
    """The 其中 rows must add up to the 年度资金总额 row, column by column (rules.md §2.1)."""
    findings = []
    for column, total_field, label in _COLUMNS:
        total = getattr(doc, total_field)
        parts = [getattr(c, column) for c in doc.components if getattr(c, column) is not None]
        if total is None or not parts:
            continue
        parts_sum = sum(parts, Decimal(0))
        if parts_sum != total:
            # rules.md §2.1: 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金.
            listed = "、".join(
                f"{c.name} {_money(getattr(c, column))}"
                for c in doc.components
                if getattr(c, column) is not None
            )
            findings.append(
                Finding(
                    rule="consistency.components_sum",
                    severity=Severity.ERROR,
                    subject=f"资金来源（{label}）",
                    message=(
                        f"{label}的资金来源明细（{listed}）合计 {_money(parts_sum)} 元，"
                        f"与年度资金总额 {_money(total)} 元不符：请补全或更正资金来源各行。"
                    ),
                    figures={
                        "column": column,
                        "total": _text(total),
                        "components_sum": _text(parts_sum),
                        "difference": _text(total - parts_sum),
                    },
                )
            )
    return findings


def _rate_findings(doc: StatedReport) -> list[Finding]:
    """A stated 执行率 must be 全年执行数 / 全年预算数; say how it differs when it does not."""
    stated = doc.stated_rate
    if stated is None or doc.executed is None or doc.budget_full_year is None:
        return []
    rate = execution_rate(doc.budget_full_year, doc.executed)
    if rate is None:
        return []
    with calculation_context():
        exact = 100 * rate
    figures = {
        "stated": _text(stated.value),
        "computed": str(round_money(exact)),
        "budget": _text(doc.budget_full_year),
        "executed": _text(doc.executed),
    }
    shown = f"{_text(stated.value)}%"
    computed = f"{round_money(exact)}%"
    if agrees(stated.value, exact):
        if stated.is_approximate:
            # PRODUCT.md §1 (seed): "约100%" although both amounts are known exactly.
            return [
                Finding(
                    rule="consistency.rate_approximate",
                    severity=Severity.INFO,
                    subject=BUDGET,
                    message=(
                        f"执行率写作“约{shown}”，而预算数与执行数均已知，精确值为 {computed}："
                        "请写出精确的执行率。"
                    ),
                    figures={**figures, "how": "approximate"},
                )
            ]
        return []
    unit = _unit(stated.value)
    how, severity, explanation = "other", Severity.ERROR, "原因不明，可能是另一口径或笔误"
    initial_rate = execution_rate(doc.budget_initial or Decimal(0), doc.executed)
    with calculation_context():
        initial_exact = None if initial_rate is None else 100 * initial_rate
    if initial_exact is not None and agrees(stated.value, initial_exact):
        # 财预〔2020〕10号 附件1: the base is 全年预算数 (A), not 年初预算数.
        how, explanation = "initial_base", "系以年初预算数而非全年预算数为分母计算"
        figures["computed_on_initial"] = str(round_money(initial_exact))
    elif stated.value <= exact < stated.value + unit:
        how, severity, explanation = "truncated", Severity.WARNING, "系截断而非四舍五入"
    elif stated.value - unit < exact < stated.value:
        how, severity, explanation = "rounded_up", Severity.WARNING, "系向上进位而非四舍五入"
    if stated.is_approximate:
        severity = Severity.WARNING
    return [
        Finding(
            rule="consistency.execution_rate",
            severity=severity,
            subject=BUDGET,
            message=(
                f"文中执行率为 {shown}，按全年执行数 {_money(doc.executed)} 元 ÷ 全年预算数 "
                f"{_money(doc.budget_full_year)} 元应为 {computed}（{explanation}）："
                "请按财预〔2020〕10号 附件1 以全年预算数为分母、四舍五入保留两位小数。"
            ),
            figures={**figures, "how": how},
        )
    ]


def _execution_score_findings(doc: StatedReport, scheme: Scheme) -> list[Finding]:
    """The stated 预算执行 得分 must be weight × min(B/A, 1) (财预〔2020〕10号 附件1)."""
    findings = []
    weight = doc.stated_execution_weight
    if weight is not None and weight != scheme.execution_weight:
        findings.append(
            Finding(
                rule="consistency.execution_weight",
                severity=Severity.WARNING,
                subject=BUDGET,
                message=(
                    f"预算执行率分值为 {_text(weight)}，评价方案 {scheme.code} 规定为 "
                    f"{_text(scheme.execution_weight)}：请核对分值设置。"
                ),
                figures={"stated": _text(weight), "expected": _text(scheme.execution_weight)},
            )
        )
    stated = doc.stated_execution_score
    if stated is None or doc.executed is None or not doc.budget_full_year:
        return findings
    expected = execution_score(doc.budget_full_year, doc.executed, scheme)
    if weight is not None and weight > 0 and weight != scheme.execution_weight:
        # Check the document against its own execution weight.
        expected = execution_score(
            doc.budget_full_year, doc.executed, scheme.with_settings(execution_weight=weight)
        )
    if (_places(stated) >= 2 and stated == expected) or (
        _places(stated) < 2 and agrees(stated, expected)
    ):
        return findings
    findings.append(
        Finding(
            rule="consistency.execution_score",
            severity=Severity.ERROR,
            subject=BUDGET,
            message=(
                f"预算执行得分为 {_text(stated)}，按 分值 × min(执行数/预算数, 1) 应为 {expected}："
                "请按财预〔2020〕10号 附件1 重新计算。"
            ),
            figures={"stated": _text(stated), "expected": str(expected)},
        )
    )
    return findings


@dataclass(frozen=True)
class _Weighted:
    level1: str
    weight: Decimal


def _weight_findings(doc: StatedReport, scheme: Scheme) -> list[Finding]:
    """Weights must add up to each level-1's points and to 100 (财预〔2020〕10号 第十三条)."""
    indicators = doc.indicators
    if not indicators or any(i.weight is None or not i.level1 for i in indicators):
        return []
    weighted = [_Weighted(normalise_level1(i.level1), i.weight) for i in indicators]  # type: ignore[arg-type]
    findings = [
        Finding(
            rule=f"consistency.{finding.rule}",
            severity=finding.severity,
            subject=finding.subject,
            message=finding.message,
            figures=finding.figures,
        )
        for finding in weight_findings(weighted, scheme)
    ]
    sums: dict[str, Decimal] = {}
    for item in weighted:
        sums[item.level1] = sums.get(item.level1, Decimal(0)) + item.weight
    for heading, points in doc.level1_headings.items():
        name = normalise_level1(heading)
        actual = sums.get(name, Decimal(0))
        if actual != points:
            findings.append(
                Finding(
                    rule="consistency.weights.heading",
                    severity=Severity.ERROR,
                    subject=name,
                    message=(
                        f"{name}标题注明 {_text(points)} 分，其下各指标分值合计 {_text(actual)}："
                        "请使标题与各指标分值一致。"
                    ),
                    figures={"heading": _text(points), "actual": _text(actual)},
                )
            )
    if doc.stated_total_weight is not None:
        execution_weight = doc.stated_execution_weight or scheme.execution_weight
        total = execution_weight + sum(sums.values(), Decimal(0))
        if total != doc.stated_total_weight:
            findings.append(
                Finding(
                    rule="consistency.weights.stated_total",
                    severity=Severity.ERROR,
                    subject=ALL,
                    message=(
                        f"总分行的分值为 {_text(doc.stated_total_weight)}，而预算执行率分值 "
                        f"{_text(execution_weight)} 与各指标分值之和为 {_text(total)}："
                        "表内分值自相矛盾，请调整各指标分值。"
                    ),
                    figures={"stated": _text(doc.stated_total_weight), "actual": _text(total)},
                )
            )
    return findings


def _indicator_findings(doc: StatedReport, scheme: Scheme) -> list[Finding]:
    """Each stated 得分 against the rules for its indicator (rules.md §1.2, §1.3)."""
    findings: list[Finding] = []
    # A table writes its scores at one precision ("1.8", "1.4", "1", "3"): an integer "1" in a
    # table of tenths means 1.0, so every score is compared at the table's finest precision.
    places = max((_places(i.score) for i in doc.indicators if i.score is not None), default=2)
    for position, indicator in enumerate(doc.indicators, start=1):
        if indicator.score is None or indicator.weight is None:
            continue
        if not indicator.name:
            indicator = replace(indicator, name=f"第 {position} 个指标")
        findings += _one_indicator(indicator, indicator.score, indicator.weight, scheme, places)
    return findings


def _one_indicator(
    indicator: StatedIndicator, score: Decimal, weight: Decimal, scheme: Scheme, places: int
) -> list[Finding]:
    """The findings of one indicator with a stated score and weight."""
    base = {"weight": _text(weight), "stated_score": _text(score)}
    if score > weight or score < 0:
        # rules.md §1.2: scores are capped at the weight (no bonus points), never negative.
        return [
            Finding(
                rule="consistency.score_above_weight",
                severity=Severity.ERROR,
                subject=indicator.name,
                message=(
                    f"指标“{indicator.name}”得分 {_text(score)} 超出其分值 {_text(weight)}："
                    "得分应在 0 与分值之间。"
                ),
                figures=base,
            )
        ]
    if indicator.is_qualitative or indicator.comparator is Comparator.QUALITATIVE:
        return _qualitative(indicator, score, weight)
    if indicator.target is None or indicator.actual is None:
        return []
    if (
        indicator.target_unit
        and indicator.actual_unit
        and indicator.target_unit != indicator.actual_unit
    ):
        return []  # different units: nothing to compare
    comparator = indicator.comparator or Comparator.GE
    try:
        expected = indicator_score(
            IndicatorInput(
                name=indicator.name,
                level1=indicator.level1,
                level2=indicator.level2,
                comparator=comparator,
                weight=round_money(weight),
                target=indicator.target,
                actual=indicator.actual,
            ),
            scheme,
        )
    except ScoringError:
        return []
    findings = []
    exact = expected.score
    written = score.quantize(Decimal(1).scaleb(-places)) if places < 2 else score
    if not (agrees(written, exact) if places < 2 else score == exact):
        with calculation_context():
            ratio = (
                round_money(100 * indicator.actual / indicator.target) if indicator.target else None
            )
        target_shown = indicator.target_text or _text(indicator.target)
        actual_shown = indicator.actual_text or _text(indicator.actual)
        assumed = "" if indicator.comparator else "（指标值未写比较符号，按正向指标 ≥ 核对）"
        rule = "完成指标值记全部分值" if expected.is_completed else "完成值与指标值的比例记分"
        findings.append(
            Finding(
                rule="consistency.indicator_score",
                severity=Severity.WARNING,
                subject=indicator.name,
                message=(
                    f"指标“{indicator.name}”指标值 {target_shown}，实际完成值 {actual_shown}，"
                    f"得分 {_text(score)}，按{rule}应为 {exact}{assumed}："
                    "请按财预〔2020〕10号 第十四条重新计分。"
                ),
                figures={
                    **base,
                    "expected_score": str(exact),
                    "target": _text(indicator.target),
                    "actual": _text(indicator.actual),
                    "completion": _text(ratio),
                },
            )
        )
    if (
        comparator in (Comparator.GE, Comparator.GT, Comparator.EQ)
        and indicator.target > 0
        and indicator.actual >= scheme.over_achievement_ratio * indicator.target
        and not indicator.deviation_note.strip()
    ):
        # 财预〔2020〕10号 第十四条: 完成值高于指标值较多的，要分析原因 (ratio: the scheme's).
        with calculation_context():
            ratio = round_money(100 * indicator.actual / indicator.target)
        findings.append(
            Finding(
                rule="consistency.over_achieved_unexplained",
                severity=Severity.WARNING,
                subject=indicator.name,
                message=(
                    f"指标“{indicator.name}”实际完成值为指标值的 {ratio}%，明显超额却未说明原因："
                    "请分析是否指标值设定偏低，必要时按偏离度调减分值。"
                ),
                figures={**base, "completion": str(ratio)},
            )
        )
    return findings


def _qualitative(indicator: StatedIndicator, score: Decimal, weight: Decimal) -> list[Finding]:
    """A qualitative score must lie in the band of its 实际完成值 (rules.md §1.3)."""
    actual = indicator.actual_text.strip()
    band: QualitativeBand | None = None
    for option in QualitativeBand:
        if actual == option.value:
            band = option
    if band is None and actual and actual == indicator.target_text.strip():
        band = QualitativeBand.ACHIEVED  # the actual states the target itself: 达成
    if band is None or band.contains(score, weight):
        return []
    return [
        Finding(
            rule="consistency.score_outside_band",
            severity=Severity.ERROR,
            subject=indicator.name,
            message=(
                f"定性指标“{indicator.name}”实际完成情况为“{actual}”（{band.value}），"
                f"得分应在 {band.interval_text(weight)}，文中为 {_text(score)}。"
            ),
            figures={"weight": _text(weight), "stated_score": _text(score), "band": band.value},
        )
    ]


def _total_findings(doc: StatedReport) -> list[Finding]:
    """The 总分 must be the execution score plus the indicator scores (rules.md §1.5)."""
    if doc.stated_total is None or doc.stated_execution_score is None or not doc.indicators:
        return []
    if any(i.score is None for i in doc.indicators):
        return []
    parts = doc.stated_execution_score + sum((i.score for i in doc.indicators), Decimal(0))  # type: ignore[misc]
    if (
        agrees(doc.stated_total, parts)
        if _places(doc.stated_total) < 2
        else doc.stated_total == parts
    ):
        return []
    return [
        Finding(
            rule="consistency.total_sum",
            severity=Severity.ERROR,
            subject=ALL,
            message=(
                f"总分为 {_text(doc.stated_total)}，而预算执行得分 "
                f"{_text(doc.stated_execution_score)} 与各指标得分之和为 {_text(parts)}："
                "总分应为各部分得分之和。"
            ),
            figures={"stated": _text(doc.stated_total), "sum": _text(parts)},
        )
    ]


def _grade_findings(doc: StatedReport, scheme: Scheme) -> list[Finding]:
    """A stated grade must be the band of the stated total (财预〔2020〕10号 第二十条)."""
    if not doc.stated_grade:
        return []
    grade = normalise_grade(doc.stated_grade)
    if doc.stated_total is None:
        return [
            Finding(
                rule="consistency.grade_without_score",
                severity=Severity.INFO,
                subject="评价等级",
                message=(
                    f"文中评价等级为“{doc.stated_grade}”，但未给出得分：等级无从核对，"
                    "请附自评表或写明总分。"
                ),
                figures={"stated_grade": doc.stated_grade},
            )
        ]
    try:
        expected = grade_for(doc.stated_total, scheme)
    except ValueError:
        return []
    if grade == expected:
        return []
    return [
        Finding(
            rule="consistency.grade_band",
            severity=Severity.ERROR,
            subject="评价等级",
            message=(
                f"总分 {_text(doc.stated_total)} 对应等级“{expected}”，"
                f"文中却为“{doc.stated_grade}”："
                "请按 90(含)以上优、80(含)-90 良、60(含)-80 中、60 以下差 更正。"
            ),
            figures={
                "stated_grade": doc.stated_grade,
                "expected_grade": expected,
                "total": _text(doc.stated_total),
            },
        )
    ]


_LEVEL_NAMES = {1: "一级指标", 2: "二级指标", 3: "三级指标"}


def _count_findings(doc: StatedReport) -> list[Finding]:
    """The indicator counts the text states against the indicators it lists."""
    listed = {
        3: len(doc.indicators),
        2: len({(i.level1, i.level2) for i in doc.indicators if i.level2}),
        1: len({normalise_level1(i.level1) for i in doc.indicators if i.level1}),
    }
    findings = []
    for level, stated in sorted(doc.stated_indicator_counts.items(), reverse=True):
        actual = listed.get(level, 0)
        if level != 3 and listed[3] == 0:
            continue
        if actual == stated:
            continue
        name = _LEVEL_NAMES.get(level, f"{level}级指标")
        severity = Severity.INFO if listed[3] == 0 else Severity.WARNING
        message = (
            f"文中称{name} {stated} 个，但未列出任何指标：请附绩效指标表以便核对。"
            if listed[3] == 0
            else f"文中称{name} {stated} 个，表中列出 {actual} 个：请核对指标数量。"
        )
        findings.append(
            Finding(
                rule="consistency.indicator_count",
                severity=severity,
                subject=name,
                message=message,
                figures={"stated": str(stated), "listed": str(actual), "level": str(level)},
            )
        )
    return findings


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _repeat_findings(doc: StatedReport) -> list[Finding]:
    """Actual values that copy the target cells, and full marks with no measurement."""
    rows = [i for i in doc.indicators if i.actual_text.strip() and i.target_text.strip()]
    repeats = [i for i in rows if _squeeze(i.actual_text) == _squeeze(i.target_text)]
    with_sign = [i for i in repeats if not i.is_qualitative and i.comparator is not None]
    signed = [i for i in with_sign if _squeeze(i.actual_text)[:1] in "≥≤><=不"]
    findings = []
    if signed or (len(rows) >= 3 and len(repeats) == len(rows)):
        names = "、".join(i.name for i in (signed or repeats)[:5])
        findings.append(
            Finding(
                rule="consistency.actuals_repeat_targets",
                severity=Severity.WARNING,
                subject=ALL,
                message=(
                    f"{len(repeats)} 个指标（共 {len(rows)} 个）的实际完成值照抄年度指标值"
                    + (f"，其中 {len(signed)} 个连比较符号一并照抄" if signed else "")
                    + f"（如 {names}）：实际完成值应填写实测数值并附佐证。"
                ),
                figures={
                    "repeats": str(len(repeats)),
                    "indicators": str(len(rows)),
                    "with_comparator": str(len(signed)),
                },
            )
        )
    scored = [i for i in doc.indicators if i.score is not None and i.weight is not None]
    if len(scored) >= 3 and len(scored) == len(doc.indicators):
        full = all(i.score == i.weight for i in scored)
        measured = [
            i
            for i in scored
            if i.actual_text.strip() and _squeeze(i.actual_text) != _squeeze(i.target_text)
        ]
        if full and not measured:
            findings.append(
                Finding(
                    rule="consistency.full_marks_unmeasured",
                    severity=Severity.WARNING,
                    subject=ALL,
                    message=(
                        f"全部 {len(scored)} 个指标均得满分，但没有一个实际完成值与指标值不同，"
                        "看不出实际测量：请填写实测值并附佐证材料。"
                    ),
                    figures={"indicators": str(len(scored))},
                )
            )
    return findings


def _date_findings(doc: StatedReport) -> list[Finding]:
    """A self-evaluation of year Y dated before 31 December of Y reports on an open year."""
    if doc.report_date is None or doc.year is None:
        return []
    year_end = datetime.date(doc.year, 12, 31)
    if doc.report_date >= year_end:
        return []
    return [
        Finding(
            rule="consistency.report_before_year_end",
            severity=Severity.WARNING,
            subject="报告日期",
            message=(
                f"报告评价 {doc.year} 年度，却落款或截止于 {doc.report_date.isoformat()}，"
                "早于年度结束：执行数等数据只是年中快照，请以全年数据重新核对。"
            ),
            figures={"report_date": doc.report_date.isoformat(), "year_end": year_end.isoformat()},
        )
    ]
