"""Fixtures of the ledger tests: the demo users, the seed project, a private MEDIA_ROOT."""

from __future__ import annotations

import pytest

from jixiao.accounts.models import User
from jixiao.projects.models import Project


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Evidence files of a test go to a folder of their own, never to ./var."""
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def seed_project() -> Project:
    return Project.objects.get(code="440111-2023-0001")


@pytest.fixture
def other_project() -> Project:
    """A project of 示例区第一中学, the unit of the demo account `other`."""
    return Project.objects.get(code="440111-2023-0101")


@pytest.fixture
def users() -> dict[str, User]:
    return {user.username: user for user in User.objects.all()}
