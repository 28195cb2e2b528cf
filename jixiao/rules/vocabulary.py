"""The words of the indicator table: comparators, qualitative bands and score flags.

They live here, below both ``schemes`` and ``scoring``, because a scheme names the
qualitative bands in its defaults and the scoring uses all three. ``jixiao.rules.scoring``
re-exports them; import them from there or from ``jixiao.rules``.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from jixiao.rules.numbers import calculation_context, round_money

__all__ = ["Comparator", "Flag", "QualitativeBand"]


class Comparator(StrEnum):
    """The 计算符号 of an indicator's 年度指标值 (rules.md §4.2, V3 codes 1–6)."""

    GE = "≥"
    GT = ">"
    EQ = "="
    LE = "≤"
    LT = "<"
    QUALITATIVE = "定性"

    @classmethod
    def parse(cls, text: str) -> Comparator:
        """Return the comparator written as ``text``.

        Accepts the canonical symbols and the spellings found in Word, Excel and IME input:
        ">=", "<=", "＞", "＜", "＝", "≧", "≦", "⩾", "⩽", "大于等于", "小于等于", "大于",
        "小于", "等于", "定性". Surrounding whitespace is ignored. Anything else raises
        ``ValueError`` with a Chinese message.
        """
        if isinstance(text, Comparator):
            return text
        if not isinstance(text, str):
            raise ValueError(f"无法识别计算符号 {text!r}：应为 ≥ > = ≤ < 或 定性。")
        comparator = _ALIASES.get(text.strip())
        if comparator is None:
            raise ValueError(f"无法识别计算符号“{text.strip()}”：应为 ≥ > = ≤ < 或 定性。")
        return comparator

    @property
    def is_reverse(self) -> bool:
        """True for 反向 indicators (≤ <), where a smaller actual value is better."""
        return self in (Comparator.LE, Comparator.LT)

    @property
    def is_quantitative(self) -> bool:
        """True for every comparator but 定性."""
        return self is not Comparator.QUALITATIVE


_ALIASES: dict[str, Comparator] = {
    **{comparator.value: comparator for comparator in Comparator},
    ">=": Comparator.GE,
    "≧": Comparator.GE,
    "⩾": Comparator.GE,
    "＞＝": Comparator.GE,
    "大于等于": Comparator.GE,
    "大于或等于": Comparator.GE,
    "不低于": Comparator.GE,
    "＞": Comparator.GT,
    "大于": Comparator.GT,
    "＝": Comparator.EQ,
    "==": Comparator.EQ,
    "等于": Comparator.EQ,
    "<=": Comparator.LE,
    "≦": Comparator.LE,
    "⩽": Comparator.LE,
    "＜＝": Comparator.LE,
    "小于等于": Comparator.LE,
    "小于或等于": Comparator.LE,
    "不高于": Comparator.LE,
    "＜": Comparator.LT,
    "小于": Comparator.LT,
}


class QualitativeBand(StrEnum):
    """The three 实际完成值 options of a 定性 indicator (rules.md §1.3; V4 uses these strings)."""

    ACHIEVED = "达成年度指标"
    PARTIAL = "部分达成年度指标并具有一定效果"
    NOT_ACHIEVED = "未达成年度指标且效果较差"

    def interval(self, weight: Decimal) -> tuple[Decimal, Decimal, bool]:
        """Return ``(lower, upper, upper_is_inclusive)``: the scores allowed in this band.

        财预〔2020〕10号 第十四条: 达成 100%–80%(含), 部分达成 80%–60%(含), 未达成 60%–0.
        The "(含)" belongs to the lower number, so the bands are [0.8w, w], [0.6w, 0.8w) and
        [0, 0.6w), with the edges round_money(0.8w) and round_money(0.6w) as V1 validates them
        (rules.md §1.3). For a tiny weight a half-open band can be empty (lower == upper).
        """
        with calculation_context():
            edge_high = round_money(weight * Decimal("0.8"))
            edge_low = round_money(weight * Decimal("0.6"))
        if self is QualitativeBand.ACHIEVED:
            return edge_high, round_money(weight), True
        if self is QualitativeBand.PARTIAL:
            return edge_low, edge_high, False
        return Decimal("0.00"), edge_low, False

    def contains(self, score: Decimal, weight: Decimal) -> bool:
        """True when ``score`` lies in this band's interval for an indicator of ``weight``."""
        lower, upper, upper_is_inclusive = self.interval(weight)
        if upper_is_inclusive:
            return lower <= score <= upper
        return lower <= score < upper

    def interval_text(self, weight: Decimal) -> str:
        """Return the band's interval as printed in messages, e.g. "[9.00, 12.00)"."""
        lower, upper, upper_is_inclusive = self.interval(weight)
        return f"[{lower}, {upper}{']' if upper_is_inclusive else ')'}"


class Flag(StrEnum):
    """What a score asks of the evaluator; listed in this order on every score."""

    OVER_ACHIEVED = "over_achieved"
    NEEDS_EXPLANATION = "needs_explanation"
    NOT_COMPLETED = "not_completed"
    MISSING_ACTUAL = "missing_actual"
    MANUAL_DEDUCTION = "manual_deduction"
