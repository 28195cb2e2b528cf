"""Shared helpers of the ingest tests: the real-report fixtures and their findings."""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest.extract import Extraction, extract_file
from jixiao.rules import NATIONAL_2020
from jixiao.rules.consistency import consistency_findings

ROOT = Path(__file__).resolve().parents[3]
REAL_REPORTS = ROOT / "tests" / "fixtures" / "real-reports"
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_a8d36e24f2b32f26.txt"


def document_text(path: Path) -> bytes:
    """The document's own text: what follows the header block's "----" line."""
    raw = path.read_bytes()
    if b"\n----\n" in raw:
        return raw.split(b"\n----\n", 1)[1]
    return raw


def extract_fixture(name: str) -> list[Extraction]:
    """Extract a real-report fixture by its file-name prefix ("02", "seed")."""
    path = SEED if name == "seed" else next(REAL_REPORTS.glob(f"{name}-*.txt"))
    return extract_file(document_text(path), path.name)


def findings_of(extraction: Extraction) -> list[tuple[str, str]]:
    """(rule, subject) of every consistency finding of an extraction."""
    return [
        (finding.rule, finding.subject)
        for finding in consistency_findings(extraction.stated(), NATIONAL_2020)
    ]


def values(extraction: Extraction, *names: str) -> tuple[object, ...]:
    """The values of some fields (None when missing)."""
    return tuple(extraction.value(name) for name in names)


def indicator_names(extraction: Extraction) -> list[str]:
    return [str(row["name"].value) for row in extraction.indicators]
