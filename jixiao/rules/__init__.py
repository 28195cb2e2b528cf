"""jixiao.rules — the pure, Django-free rules of budget performance management.

Decimal in, Decimal out; one rounding function (``round_money``); one grade table per scheme.
See docs/scoring.md for the schemes and the sources of every rule.
"""

from jixiao.rules.findings import Finding, Severity
from jixiao.rules.numbers import CENT, round_money, to_decimal
from jixiao.rules.schemes import (
    DEFAULT_SCHEME_CODE,
    GRADES,
    NATIONAL_2020,
    SCHEMES,
    GradeBand,
    MissingSatisfaction,
    ReverseFormula,
    Scheme,
    UnknownScheme,
    scheme_get,
)
from jixiao.rules.scoring import (
    Comparator,
    EvaluationInput,
    EvaluationResult,
    Flag,
    IndicatorInput,
    IndicatorScore,
    QualitativeBand,
    ScoringError,
    evaluate,
    execution_rate,
    execution_rate_percent,
    execution_score,
    grade_for,
    indicator_score,
    weight_findings,
)

__all__ = [
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
