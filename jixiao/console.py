"""Plain-text tables for the Chinese output of management commands.

CJK characters take two terminal columns; `str.ljust` counts one, so columns drift. This pads by
display width (unicodedata East Asian Width).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Terminal columns taken by `text`: 2 for wide and full-width characters, else 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    """Lines of a table: columns separated by two spaces; columns in `numeric` right-aligned."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = []
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            gap = " " * (width - display_width(cell))
            padded.append(gap + cell if index in numeric else cell + gap)
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), *(line(row) for row in rows)])
