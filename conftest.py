"""Test set-up shared by every test: fast password hashing and the demo dataset loaded once."""

from __future__ import annotations

import pytest


def pytest_configure(config):
    from django.conf import settings

    # Password hashing dominates test time otherwise (STACK.md, traps).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    # Browser assertions wait up to 5 s by default; on a loaded 2-core machine (CI runs two
    # workers) an htmx round trip can take longer. Waiting longer never makes a wrong page pass.
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the demo dataset, loaded once per test session (and worker)."""
    from jixiao.demo.services import demo_load

    with django_db_blocker.unblock():
        demo_load()


@pytest.fixture(autouse=True)
def _demo_data_in_transactional_tests(request):
    """Transactional tests (browser tests with `live_server`) see the demo data too.

    pytest-django empties every table after a transactional test, so the session's demo data
    is gone for the next one; load it again (a no-op while it is still there). pytest-django
    runs transactional tests after the others, so those never see an emptied database.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction", False)) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from jixiao.demo.services import demo_load

    demo_load()
