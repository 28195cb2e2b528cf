"""The overview's stored grade counts follow a self-evaluation's score at once."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from jixiao.accounts.models import User
from jixiao.evaluation.models import IndicatorActual, SelfEvaluation
from jixiao.evaluation.services import self_evaluation_score
from jixiao.monitoring.models import UnitSummary
from jixiao.monitoring.services import monitoring_round_open

pytestmark = pytest.mark.django_db


def test_it_moves_the_seed_from_excellent_to_good_when_its_score_drops():
    round_ = monitoring_round_open(
        year=2023,
        deadline=datetime.date(2023, 8, 15),
        actor=User.objects.get(username="reviewer"),
        today=datetime.date(2023, 8, 10),
    )
    evaluation = SelfEvaluation.objects.get(project__code="440111-2023-0001")
    summary = UnitSummary.objects.get(round=round_, unit=evaluation.project.unit)
    assert (summary.grades_all_1, summary.grades_all_2) == (1, 0)  # 优, 良

    # Two output indicators at 20 of 100: 12.5 × 0.2 = 2.50 each, so 100 − 2 × 10 = 80.00 → 良.
    for actual in IndicatorActual.objects.filter(
        evaluation=evaluation, indicator__position__in=[1, 2]
    ):
        actual.actual = Decimal("20")
        actual.save()
    self_evaluation_score(evaluation=evaluation)

    evaluation.refresh_from_db()
    assert (evaluation.total, evaluation.grade) == (Decimal("80.00"), "良")
    summary = UnitSummary.objects.get(round=round_, unit=evaluation.project.unit)  # rewritten
    assert (summary.grades_all_1, summary.grades_all_2) == (0, 1)
