"""Fixtures of the project tests: the demo users by username."""

from __future__ import annotations

import pytest

from jixiao.accounts.models import User


@pytest.fixture
def users() -> dict[str, User]:
    return {user.username: user for user in User.objects.all()}
