"""The rules package stays pure: no Django, no other jixiao app (STYLE.md rule 3 and 9)."""

from __future__ import annotations

import subprocess
import sys


def test_it_imports_without_django_or_other_jixiao_apps() -> None:
    code = (
        "import sys, jixiao.rules, jixiao.rules.scoring;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework')"
        " or (m.startswith('jixiao.') and not m.startswith('jixiao.rules')));"
        "print(','.join(bad))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == ""


def test_it_exports_the_public_api() -> None:
    import jixiao.rules as rules

    assert sorted(rules.__all__) == sorted(
        [
            "CENT",
            "DEFAULT_SCHEME_CODE",
            "GRADES",
            "NATIONAL_2020",
            "SCHEMES",
            "Comparator",
            "EvaluationInput",
            "EvaluationResult",
            "Finding",
            "Flag",
            "GradeBand",
            "IndicatorInput",
            "IndicatorScore",
            "MissingSatisfaction",
            "QualitativeBand",
            "ReverseFormula",
            "Scheme",
            "ScoringError",
            "Severity",
            "UnknownScheme",
            "evaluate",
            "execution_rate",
            "execution_rate_percent",
            "execution_score",
            "grade_for",
            "indicator_score",
            "round_money",
            "scheme_get",
            "to_decimal",
            "weight_findings",
        ]
    )
    for name in rules.__all__:
        assert getattr(rules, name) is not None


def test_it_offers_the_scoring_names_from_the_scoring_module() -> None:
    from jixiao.rules import scoring
    from jixiao.rules.schemes import QualitativeBand as BandSeenBySchemes

    assert scoring.QualitativeBand is BandSeenBySchemes
    for name in ("Comparator", "Flag", "weight_findings", "execution_score", "grade_for"):
        assert hasattr(scoring, name)
