"""Split digits that lost their cell borders ("202010100.00%10") by the column order."""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["split_glued"]

_PLAIN = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_MAX_PARTS = 8
_MAX_LENGTH = 40


def split_glued(
    text: str,
    kinds: list[str],
    execution_weight: Decimal,
    totals: list[Decimal] | None = None,
) -> list[Decimal]:
    """Return the one most plausible split of ``text`` into numbers of ``kinds``, or [].

    kinds: "amount", "weight" (must equal ``execution_weight``), "pct" (ends with "%", at most
    1000), "score" (at most the weight) and "points" (a 分值/得分 pair: the second at most the
    first). No part may have a leading zero. Among several splits the one whose rate matches
    B/A, whose amounts do not exceed ``totals`` and whose amounts are closest in size wins.
    The caller marks the result unsure.
    """
    text = re.sub(r"\s+", "", text)
    if not kinds or len(kinds) > _MAX_PARTS or len(text) > _MAX_LENGTH:
        return []
    candidates: list[list[Decimal]] = []

    def walk(position: int, index: int, parts: list[Decimal]) -> None:
        if index == len(kinds):
            if position == len(text):
                candidates.append(parts)
            return
        kind = kinds[index]
        for end in range(position + 1, len(text) + 1):
            piece = text[position:end]
            if kind == "pct":
                if not piece.endswith("%"):
                    continue
                piece = piece[:-1]
            elif "%" in piece:
                return
            if not _PLAIN.fullmatch(piece):
                continue
            value = Decimal(piece)
            if kind == "weight" and value != execution_weight:
                continue
            if kind == "pct" and value > 1000:
                continue
            if kind == "score" and value > execution_weight:
                continue
            if kind == "points" and (
                value > 100
                or (parts and index > 0 and kinds[index - 1] == "points" and value > parts[-1])
            ):
                continue
            walk(end, index + 1, [*parts, value])

    walk(0, 0, [])
    if not candidates:
        return []
    amounts = [i for i, kind in enumerate(kinds) if kind == "amount"]
    rate_index = kinds.index("pct") if "pct" in kinds else None

    def rank(parts: list[Decimal]) -> tuple[int, int, Decimal]:
        mismatch = 0
        if rate_index is not None and len(amounts) >= 2:
            budget, executed = parts[amounts[-2]], parts[amounts[-1]]
            if budget <= 0 or abs(100 * executed / budget - parts[rate_index]) > 1:
                mismatch = 1
        over = 0
        if totals:
            over = sum(1 for part, total in zip(parts, totals, strict=False) if part > total)
        sizes = [len(str(parts[i])) for i in amounts]
        spread = Decimal(max(sizes) - min(sizes)) if sizes else Decimal(0)
        return (mismatch + over, 0, spread)

    return min(candidates, key=rank)
