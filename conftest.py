"""Test set-up shared by every test: fast password hashing and the demo dataset loaded once."""

from __future__ import annotations

import pytest


def pytest_configure(config):
    from django.conf import settings

    # Password hashing dominates test time otherwise (STACK.md, traps).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the demo dataset, loaded once per test session (and worker)."""
    from jixiao.demo.services import demo_load

    with django_db_blocker.unblock():
        demo_load()
