"""Fixtures of the monitoring tests: the demo accounts and a 2023 round opened on 2023-08-01."""

from __future__ import annotations

import datetime

import pytest

from jixiao.accounts.models import User
from jixiao.monitoring.services import monitoring_round_open

TODAY = datetime.date(2023, 8, 1)
DEADLINE = datetime.date(2023, 8, 15)
SEED_CODE = "440111-2023-0001"


@pytest.fixture
def users(db):
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def round_2023(users):
    return monitoring_round_open(year=2023, deadline=DEADLINE, actor=users["reviewer"], today=TODAY)
