"""Scores are stored as snapshots that record the scheme and the inputs that produced them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.evaluation.models import IndicatorActual, ScoreSnapshot, SelfEvaluation
from jixiao.evaluation.services import self_evaluation_score

pytestmark = pytest.mark.django_db


def test_it_records_the_scheme_and_inputs_of_the_seed_score():
    snapshot = ScoreSnapshot.objects.get(evaluation__project__code="440111-2023-0001")
    assert snapshot.scheme_code == "national-2020"
    assert snapshot.scheme_version == 1
    assert snapshot.total == Decimal("100.00")
    assert snapshot.grade == "优"
    assert snapshot.inputs["budget"] == "100000.00"
    assert snapshot.inputs["executed"] == "99975.00"
    assert len(snapshot.inputs["indicators"]) == 9
    assert snapshot.result["total"] == "100.00"


def test_it_rescores_after_an_actual_changes_and_keeps_the_old_snapshot():
    evaluation = SelfEvaluation.objects.get(project__code="440111-2023-0001")
    first = IndicatorActual.objects.filter(evaluation=evaluation).order_by("indicator__position")[0]
    first.actual = Decimal("80")
    first.save()
    self_evaluation_score(evaluation=evaluation)
    evaluation.refresh_from_db()
    # 12.5 × 80/100 = 10.00; total 100 − 2.5
    assert evaluation.total == Decimal("97.50")
    assert evaluation.grade == "优"
    assert [s.total for s in evaluation.snapshots.order_by("id")] == [
        Decimal("100.00"),
        Decimal("97.50"),
    ]
