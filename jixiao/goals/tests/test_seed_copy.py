"""The rules tests' literal copy of the seed's indicators matches the demo data."""

from __future__ import annotations

from decimal import Decimal

from jixiao.demo import seed
from jixiao.rules.tests.test_goal_checks import SEED_INDICATORS


def test_it_keeps_the_rules_tests_copy_of_the_seed_indicators_equal_to_the_demo():
    copy = [(a, b, c, Decimal(w), s, m) for a, b, c, w, s, m in SEED_INDICATORS]
    assert copy == list(seed.INDICATORS)
