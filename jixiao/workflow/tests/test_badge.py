"""The 待办 badge is cached per user and refreshed by the user's own actions."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.accounts.models import User
from jixiao.evaluation.models import SelfEvaluation
from jixiao.workflow.badge import inbox_badge_count, inbox_badge_forget
from jixiao.workflow.selectors import inbox_count

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_counts_once_then_answers_from_the_cache():
    reviewer = User.objects.get(username="reviewer")
    first = inbox_badge_count(reviewer)
    assert first == inbox_count(reviewer)
    with CaptureQueriesContext(connection) as queries:
        assert inbox_badge_count(reviewer) == first
    assert len(queries) == 0


def test_it_counts_afresh_after_forgetting():
    reviewer = User.objects.get(username="reviewer")
    before = inbox_badge_count(reviewer)
    waiting = SelfEvaluation.objects.filter(status="department_approved").first()
    SelfEvaluation.objects.filter(pk=waiting.pk).update(status="accepted")
    assert inbox_badge_count(reviewer) == before  # still the cached hint
    inbox_badge_forget(reviewer)
    assert inbox_badge_count(reviewer) == before - 1


def test_it_shows_anonymous_visitors_no_count():
    from django.contrib.auth.models import AnonymousUser

    assert inbox_badge_count(AnonymousUser()) == 0
