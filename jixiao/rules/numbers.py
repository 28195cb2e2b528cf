"""Numbers for the rules: strict parsing to ``Decimal`` and the one rounding function.

Every score, amount and percentage the rules hand out passes through :func:`round_money`;
nothing else in ``jixiao.rules`` rounds. Floats are refused everywhere: a binary float cannot
hold 0.1 exactly, and a score must not depend on that.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

__all__ = ["CENT", "calculation_context", "round_money", "to_decimal"]

CENT = Decimal("0.01")

# Intermediate results (w × X / T …) are carried at 60 significant digits, far beyond any
# amount or score, so that the single rounding step below is the only one that matters and
# the result never depends on the caller's global decimal context.
_CONTEXT = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

# Full-width digits, full-width point and full-width minus/plus as typed by Chinese IMEs.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")

# Plain digits, or digits grouped by "," in threes; an optional fraction.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?", re.ASCII)


def calculation_context() -> AbstractContextManager[Context]:
    """Return a context manager for the rules' intermediate arithmetic (60 digits, trapping)."""
    return localcontext(_CONTEXT)


def round_money(value: Decimal) -> Decimal:
    """Return ``value`` rounded ROUND_HALF_UP to 0.01 — the only rounding in the rules.

    Used for scores, amounts in 元 and rates in percent (PRODUCT.md §4 rounding default:
    "each indicator score and the execution score ROUND_HALF_UP to 0.01 … rates shown
    ROUND_HALF_UP to 0.01 %"). Half-up on a negative value rounds away from zero, as Oracle's
    ``round`` does in deployed systems (rules.md §1.5, V1/V2).

    Raises ``TypeError`` for anything but ``Decimal`` or ``int`` (floats above all) and
    ``ValueError`` for NaN or Infinity.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"舍入只接受 Decimal 或整数，收到 {type(value).__name__}。")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"无法舍入非有限数值 {number}。")
    rounded = number.quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)
    if rounded.is_zero():
        # -0.001 would print as "-0.00"; a zero has no sign in a table or in JSON.
        return rounded.copy_abs()
    return rounded


def to_decimal(value: object) -> Decimal:
    """Return ``value`` as a finite ``Decimal``, parsing text the way people type numbers.

    Accepts ``Decimal``, ``int`` and text. Text may carry surrounding whitespace (also the
    full-width space), full-width digits, "．" and "－", and thousands separators "," in
    groups of three ("1,234.50"). Anything else raises ``ValueError`` with a Chinese message:
    floats, booleans, NaN/Infinity, exponents ("1e5"), units ("100%"), badly grouped
    separators ("1,23"), empty text and other types.
    """
    if isinstance(value, bool):
        # bool is a subclass of int: True must not become 1.
        raise ValueError("数值不能是布尔值（True/False）。")
    if isinstance(value, float):
        raise ValueError(
            f"不接受浮点数 {value!r}：浮点数无法精确表示金额，请以文本或 Decimal 传入。"
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return _finite(value, str(value))
    if isinstance(value, str):
        return _parse_text(value)
    raise ValueError(f"无法把 {type(value).__name__} 类型的值转换为数值。")


def _parse_text(text: str) -> Decimal:
    """Parse one number typed as text (see :func:`to_decimal`)."""
    cleaned = text.strip().translate(_FULL_WIDTH)
    if not cleaned:
        raise ValueError("数值为空，请填写数字。")
    if not any(character.isdigit() for character in cleaned) or not _NUMBER.fullmatch(cleaned):
        raise ValueError(
            f"无法识别数值“{text.strip()}”：请只填写数字，可带小数点和千位分隔符（如 1,234.50）。"
        )
    return _finite(Decimal(cleaned.replace(",", "")), text.strip())


def _finite(number: Decimal, shown: str) -> Decimal:
    """Return ``number`` unless it is NaN or infinite."""
    if not number.is_finite():
        raise ValueError(f"数值“{shown}”不是有限数，请填写具体数字。")
    return number
