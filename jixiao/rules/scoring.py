"""Self-evaluation scoring (单位自评): indicator scores, execution score, total and grade.

财预〔2020〕10号 第十三条, 第十四条, 第二十条 and 附件1, as collected in rules.md §1, with the
open points settled by the scheme (PRODUCT.md §4). Decimal in, Decimal out; every score is
rounded once, by ``round_money``; the total is the sum of the rounded parts.

Let w = 分值 (weight), T = 年度指标值 (target), X = 实际完成值 (actual).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.rules.execution import execution_rate, execution_rate_percent, execution_score
from jixiao.rules.findings import Finding
from jixiao.rules.numbers import CENT, calculation_context, round_money, to_decimal
from jixiao.rules.schemes import ReverseFormula, Scheme
from jixiao.rules.vocabulary import Comparator, Flag, QualitativeBand
from jixiao.rules.weights import weight_findings

__all__ = [
    "Comparator",
    "EvaluationInput",
    "EvaluationResult",
    "Flag",
    "IndicatorInput",
    "IndicatorScore",
    "QualitativeBand",
    "ScoringError",
    "evaluate",
    "execution_rate",
    "execution_rate_percent",
    "execution_score",
    "grade_for",
    "indicator_score",
    "weight_findings",
]

_ZERO = Decimal("0.00")
_POSITIVE = (Comparator.GE, Comparator.GT, Comparator.EQ)


class ScoringError(ValueError):
    """An indicator cannot be scored as given; the Chinese message names the indicator."""

    def __init__(self, detail: str, *, indicator: str = "") -> None:
        """Build the message "指标“name”：detail" and keep both parts as attributes."""
        self.indicator = indicator
        self.detail = detail
        super().__init__(f"指标“{indicator}”：{detail}" if indicator else detail)


@dataclass(frozen=True)
class IndicatorInput:
    """One 三级指标 as the scoring needs it. ``key`` is the caller's id, echoed back.

    Quantitative indicators need ``target`` and (once known) ``actual``; qualitative ones need
    ``band`` and may carry the evaluator's ``chosen_score``. ``deduction`` is a manual
    deduction, allowed only on an over-achieved indicator.
    """

    name: str
    level1: str
    level2: str
    comparator: Comparator
    weight: Decimal
    target: Decimal | None = None
    actual: Decimal | None = None
    band: QualitativeBand | None = None
    chosen_score: Decimal | None = None
    deduction: Decimal = Decimal(0)
    key: str = ""


@dataclass(frozen=True)
class IndicatorScore:
    """The score of one indicator: ``score`` in [0, weight], rounded to 0.01, with its flags."""

    key: str
    name: str
    weight: Decimal
    score: Decimal
    is_completed: bool
    flags: tuple[Flag, ...]

    @property
    def needs_explanation(self) -> bool:
        """True when the 偏差原因分析及改进措施 cell must be filled (rules.md §2.1)."""
        return Flag.NEEDS_EXPLANATION in self.flags


@dataclass(frozen=True)
class _Outcome:
    """A rule's verdict before the common flags and the manual deduction."""

    score: Decimal
    is_completed: bool
    flags: frozenset[Flag] = frozenset()


_MISSING = _Outcome(_ZERO, False, frozenset({Flag.MISSING_ACTUAL, Flag.NEEDS_EXPLANATION}))


def indicator_score(indicator: IndicatorInput, scheme: Scheme) -> IndicatorScore:
    """Return the score of one indicator under ``scheme`` (rules.md §1.2, §1.3).

    Quantitative: full marks when the target is met, otherwise proportional (reverse
    indicators per ``scheme.reverse_formula``). Qualitative: a score inside the band of the
    chosen 实际完成值, by default ``scheme.qualitative_default_share``. A missing actual
    scores 0. Flags come in ``Flag`` order. Raises ``ScoringError`` for a negative weight or
    target, a missing target, a score outside its band, or a deduction not allowed.
    """
    name = indicator.name
    weight = _points(indicator.weight, "分值", name)
    deduction = _points(indicator.deduction, "扣分", name)
    try:
        comparator = Comparator.parse(indicator.comparator)
    except ValueError as error:
        raise ScoringError(str(error), indicator=name) from error
    with calculation_context():
        if comparator is Comparator.QUALITATIVE:
            outcome = _qualitative(indicator, weight, scheme)
        else:
            outcome = _quantitative(indicator, comparator, weight, scheme)
    flags = set(outcome.flags)
    score = outcome.score
    if score < weight or not outcome.is_completed:
        # 财预〔2020〕10号 第十一条: 未完成绩效目标 → 分析并说明原因 (rules.md §1.2, §2.1).
        flags |= {Flag.NOT_COMPLETED, Flag.NEEDS_EXPLANATION}
    if deduction > 0:
        if Flag.OVER_ACHIEVED not in flags:
            # PRODUCT.md §4 default: a manual deduction only for an over-achieved indicator.
            raise ScoringError(
                f"只有超额完成（实际完成值达到指标值的 {scheme.over_achievement_ratio} 倍及以上）"
                f"的指标才能手工扣分，请把扣分 {deduction} 改为 0。",
                indicator=name,
            )
        if deduction > score:
            # A score never goes below 0 (rules.md §1.2: scores within [0, w]).
            raise ScoringError(f"扣分 {deduction} 超过了得分 {score}。", indicator=name)
        # 财预〔2020〕10号 第十四条: 设定明显偏低 → 按照偏离度适度调减分值 (by hand, with reason).
        score = round_money(score - deduction)
        flags.add(Flag.MANUAL_DEDUCTION)
    return IndicatorScore(
        key=indicator.key,
        name=name,
        weight=weight,
        score=score,
        is_completed=outcome.is_completed,
        flags=tuple(flag for flag in Flag if flag in flags),
    )


def _quantitative(
    indicator: IndicatorInput, comparator: Comparator, weight: Decimal, scheme: Scheme
) -> _Outcome:
    """Score a 定量 indicator (财预〔2020〕10号 第十四条; rules.md §1.2)."""
    name = indicator.name
    if indicator.chosen_score is not None or indicator.band is not None:
        # A quantitative score is computed, never typed in; the deduction is the only lever.
        raise ScoringError(
            "定量指标的得分按公式计算，不能选择定性档次或手工填写得分。", indicator=name
        )
    if indicator.target is None:
        # Without a 年度指标值 there is nothing to compare with (rules.md §4.5).
        raise ScoringError("定量指标缺少年度指标值，请先在绩效目标中填写。", indicator=name)
    target = _number(indicator.target, "年度指标值", name)
    if target < 0:
        # Brief/PRODUCT.md §4: a negative target is an input error, not a rule.
        raise ScoringError(f"年度指标值不能为负数（{target}）。", indicator=name)
    if indicator.actual is None:
        # PRODUCT.md §4 default: no actual value yet → 0 points and an explanation.
        return _MISSING
    actual = _number(indicator.actual, "实际完成值", name)
    if actual < 0:
        # PRODUCT.md §4 default (V3 clamps X < 0 to 0): a negative actual counts as 0.
        actual = Decimal(0)
    if target == 0:
        is_met, raw = _zero_target(comparator, actual, weight)
    elif comparator.is_reverse:
        is_met, raw = _reverse(comparator, target, actual, weight, scheme.reverse_formula)
    else:
        is_met, raw = _positive(comparator, target, actual, weight)
    flags: frozenset[Flag] = frozenset()
    if comparator in _POSITIVE and target > 0 and actual >= scheme.over_achievement_ratio * target:
        # PRODUCT.md §4 default (Guangxi, V3): X ≥ 130 % of T, inclusive → explain; no deduction.
        flags = frozenset({Flag.OVER_ACHIEVED, Flag.NEEDS_EXPLANATION})
    # rules.md §1.2: scores are capped at w (no bonus points) and never negative.
    score = round_money(min(max(raw, Decimal(0)), weight))
    return _Outcome(score, is_met, flags)


def _zero_target(comparator: Comparator, actual: Decimal, weight: Decimal) -> tuple[bool, Decimal]:
    """Score against T = 0 without dividing by it (PRODUCT.md §4 default; actual is ≥ 0 here)."""
    if comparator.is_reverse:
        # ≤ < with T = 0 (e.g. 安全事故数 ≤ 0): met when X ≤ 0, else 0 (rules.md §1.2).
        is_met = actual <= 0
    elif comparator is Comparator.EQ:
        # = with T = 0: met when X = 0, else 0 (PRODUCT.md §4; V1 "X ≤ 0 → w, else 0").
        is_met = actual == 0
    else:
        # ≥ > with T = 0: met when X ≥ 0 (PRODUCT.md §4 default), which a clamped X always is.
        is_met = actual >= 0
    return is_met, weight if is_met else Decimal(0)


def _positive(
    comparator: Comparator, target: Decimal, actual: Decimal, weight: Decimal
) -> tuple[bool, Decimal]:
    """Score a ≥ > = indicator with T > 0 (财预〔2020〕10号 第十四条)."""
    # ">": completed only when X > T; "≥", and "=" treated like ≥ (V1, rules.md §1.2): X ≥ T.
    is_met = actual > target if comparator is Comparator.GT else actual >= target
    if is_met:
        return True, weight
    # 第十四条: 未完成指标值的，按照完成值与指标值的比例记分 → w × X / T.
    return False, weight * actual / target


def _reverse(
    comparator: Comparator,
    target: Decimal,
    actual: Decimal,
    weight: Decimal,
    formula: ReverseFormula,
) -> tuple[bool, Decimal]:
    """Score a ≤ < indicator with T > 0 (rules.md §1.2, nationally open [?])."""
    is_met = actual <= target if comparator is Comparator.LE else actual < target
    if is_met:
        return True, weight
    if formula is ReverseFormula.RATIO:
        # Option A (S18; PRODUCT.md §4 default): w × T / X; here X ≥ T > 0.
        return False, weight * target / actual
    if actual >= 2 * target:
        # Option B (V1): X ≥ 2T scores 0.
        return False, Decimal(0)
    # Option B (V1): w × (1 − (X − T) / T) for T < X < 2T.
    return False, weight * (1 - (actual - target) / target)


def _qualitative(indicator: IndicatorInput, weight: Decimal, scheme: Scheme) -> _Outcome:
    """Score a 定性 indicator inside its band (财预〔2020〕10号 第十四条; rules.md §1.3)."""
    name = indicator.name
    if indicator.band is None:
        # PRODUCT.md §4 default: no 实际完成值 chosen → 0 points (a draft chosen_score is ignored).
        return _MISSING
    try:
        band = QualitativeBand(indicator.band)
    except ValueError as error:
        options = "、".join(f"“{option}”" for option in QualitativeBand)
        raise ScoringError(f"实际完成情况应为 {options} 之一。", indicator=name) from error
    is_completed = band is QualitativeBand.ACHIEVED  # rules.md §1.3: 达成年度指标 is completed
    if weight == 0:
        # Nothing to share out: a weight of 0 scores 0 in every band (its intervals are empty).
        if indicator.chosen_score is not None and _number(indicator.chosen_score, "得分", name):
            raise ScoringError("分值为 0 的指标得分只能为 0。", indicator=name)
        return _Outcome(_ZERO, is_completed)
    lower, upper, upper_is_inclusive = band.interval(weight)
    if lower == upper and not upper_is_inclusive:
        # rules.md §1.3 with a tiny weight: round(0.6w) = round(0.8w) leaves the band empty.
        raise ScoringError(
            f"分值 {weight} 过小，“{band}”的得分区间 {band.interval_text(weight)} 没有可选的分数，"
            "请调整分值。",
            indicator=name,
        )
    if indicator.chosen_score is None:
        # PRODUCT.md §4 default: 达成 100 %, 部分达成 70 %, 未达成 30 % of the weight.
        score = round_money(scheme.qualitative_default_share[band] * weight)
        if not band.contains(score, weight):
            # Rounding guard for tiny weights: keep the default inside its band.
            score = lower if score < lower else (upper if upper_is_inclusive else upper - CENT)
        return _Outcome(score, is_completed)
    chosen = _number(indicator.chosen_score, "得分", name)
    if round_money(chosen) != chosen:
        # PRODUCT.md §4: scores are kept to 0.01; a finer score would be rounded out of its band.
        raise ScoringError(f"得分 {chosen} 最多保留两位小数。", indicator=name)
    if not band.contains(chosen, weight):
        # 财预〔2020〕10号 第十四条: the evaluator chooses inside the band (rules.md §1.3).
        raise ScoringError(
            f"实际完成情况为“{band}”时，得分应在 {band.interval_text(weight)} 区间内"
            f"（分值 {weight}），填写的 {round_money(chosen)} 不在该区间。",
            indicator=name,
        )
    return _Outcome(round_money(chosen), is_completed)


def _number(value: object, label: str, name: str) -> Decimal:
    """Return ``value`` as a Decimal, or raise ``ScoringError`` naming the field (no floats)."""
    try:
        return to_decimal(value)
    except ValueError as error:
        raise ScoringError(f"{label}：{error}", indicator=name) from error


def _points(value: object, label: str, name: str) -> Decimal:
    """Return a weight-like amount (分值, 扣分): non-negative, at most two decimals, 0.01 places."""
    number = _number(value, label, name)
    if number < 0:
        # Brief: a negative weight (or deduction) is an input error.
        raise ScoringError(f"{label}不能为负数（{number}）。", indicator=name)
    if round_money(number) != number:
        # V3 validates weights at two decimals; finer weights would break "score ≤ w".
        raise ScoringError(f"{label} {number} 最多保留两位小数。", indicator=name)
    return round_money(number)


def grade_for(total: Decimal, scheme: Scheme) -> str:
    """Return the grade of a total: the first band whose inclusive lower bound ≤ the total.

    财预〔2020〕10号 第二十条: 90(含)-100 优, 80(含)-90 良, 60(含)-80 中, 60 以下 差; so
    90.00 → 优, 89.99 → 良. The total is graded as rounded to 0.01 (PRODUCT.md §4). The only
    grade table is ``scheme.grade_bands``. Raises ``ValueError`` below the lowest band.
    """
    rounded = round_money(to_decimal(total))
    for band in scheme.grade_bands:
        if band.lower_bound <= rounded:
            return band.grade
    lowest = scheme.grade_bands[-1]
    raise ValueError(f"总分 {rounded} 低于最低等级“{lowest.grade}”的下限 {lowest.lower_bound}。")


@dataclass(frozen=True)
class EvaluationInput:
    """A project's self-evaluation input: 全年预算数 A, 全年执行数 B (元) and its indicators."""

    budget: Decimal
    executed: Decimal
    indicators: tuple[IndicatorInput, ...]

    def __post_init__(self) -> None:
        """Accept any iterable of indicators, kept as a tuple."""
        object.__setattr__(self, "indicators", tuple(self.indicators))


@dataclass(frozen=True)
class EvaluationResult:
    """A scored self-evaluation; ``execution_rate`` is in percent, rounded to 0.01."""

    scheme_code: str
    scheme_version: int
    budget: Decimal
    executed: Decimal
    execution_rate: Decimal | None
    execution_score: Decimal
    indicator_score: Decimal
    total: Decimal
    grade: str
    indicators: tuple[IndicatorScore, ...]
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict: decimals as strings ("100000.00"), flags as their codes."""
        return {
            "scheme_code": self.scheme_code,
            "scheme_version": self.scheme_version,
            "budget": str(round_money(self.budget)),
            "executed": str(round_money(self.executed)),
            "execution_rate": None if self.execution_rate is None else str(self.execution_rate),
            "execution_score": str(self.execution_score),
            "indicator_score": str(self.indicator_score),
            "total": str(self.total),
            "grade": self.grade,
            "indicators": [
                {
                    "key": score.key,
                    "name": score.name,
                    "weight": str(score.weight),
                    "score": str(score.score),
                    "is_completed": score.is_completed,
                    "flags": [flag.value for flag in score.flags],
                }
                for score in self.indicators
            ],
            "findings": [finding.to_dict() for finding in self.findings],
        }


def evaluate(data: EvaluationInput, scheme: Scheme) -> EvaluationResult:
    """Score a whole self-evaluation under ``scheme``.

    Each indicator score and the execution score are rounded to 0.01; the total is the sum
    of those rounded parts and the grade comes from the total (PRODUCT.md §4). The weight
    findings of ``weight_findings`` are attached; they do not stop the scoring.
    """
    scores = tuple(indicator_score(indicator, scheme) for indicator in data.indicators)
    points_for_execution = execution_score(data.budget, data.executed, scheme)
    points_for_indicators = sum((score.score for score in scores), _ZERO)
    total = points_for_execution + points_for_indicators
    return EvaluationResult(
        scheme_code=scheme.code,
        scheme_version=scheme.version,
        budget=to_decimal(data.budget),
        executed=to_decimal(data.executed),
        execution_rate=execution_rate_percent(data.budget, data.executed),
        execution_score=points_for_execution,
        indicator_score=points_for_indicators,
        total=total,
        grade=grade_for(total, scheme),
        indicators=scores,
        findings=tuple(weight_findings(data.indicators, scheme)),
    )
