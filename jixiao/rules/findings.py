"""The one shape of a finding (PRODUCT.md §6): goal checks, warnings and consistency checks.

``{"rule": "goal.shared_method", "severity": "error|warning|info", "subject": "…",
"message": "中文说明与修改建议", "figures": {…}}``
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

__all__ = ["Finding", "Severity"]


class Severity(StrEnum):
    """How serious a finding is: an error blocks, a warning asks for a look, info informs."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem found in the data, with a Chinese message that says how to fix it.

    ``rule`` is a dotted code ("weights.level1_sum"), ``subject`` names what the finding is
    about (an indicator, a level-1 name, "全部指标"), ``figures`` carries the numbers behind
    the message as decimal strings so that a UI or an export can show them without parsing.
    """

    rule: str
    severity: Severity
    subject: str
    message: str
    figures: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Freeze ``figures`` and check that it maps text to text."""
        figures = dict(self.figures)
        for name, value in figures.items():
            if not isinstance(name, str) or not isinstance(value, str):
                raise TypeError(
                    f"发现项 {self.rule} 的 figures 必须是字符串到字符串的映射：{name!r}。"
                )
        object.__setattr__(self, "severity", Severity(self.severity))
        object.__setattr__(self, "figures", MappingProxyType(figures))

    def __hash__(self) -> int:
        """Hash by value, so equal findings can be de-duplicated in a set."""
        figures = tuple(sorted(self.figures.items()))
        return hash((self.rule, self.severity, self.subject, self.message, figures))

    def to_dict(self) -> dict[str, object]:
        """Return the JSON-ready dict with exactly the keys rule, severity, subject, message,
        figures (severity as its string value, figures as a plain dict of strings)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "subject": self.subject,
            "message": self.message,
            "figures": dict(self.figures),
        }
