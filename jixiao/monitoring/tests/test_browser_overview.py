"""The overview's charts in a real browser with the network off: ECharts is served by the app."""

from __future__ import annotations

import datetime
import os

import pytest

from jixiao.testing.system import CHROMIUM_ARGS, chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo_reloaded_afterwards(django_db_blocker):
    """The live server needs committed data (transactional_db empties the database on
    teardown); this fixture, torn down after it, loads the session's demo data again."""
    yield
    from jixiao.demo.services import demo_load

    with django_db_blocker.unblock():
        demo_load()


@pytest.mark.browser
@pytest.mark.system
def test_it_draws_the_charts_without_the_network(
    demo_reloaded_afterwards, transactional_db, live_server
):
    from playwright.sync_api import expect, sync_playwright

    from jixiao.accounts.models import User
    from jixiao.monitoring.services import monitoring_round_open

    executable = chromium_path()
    monitoring_round_open(
        year=2023,
        deadline=datetime.date(2023, 8, 15),
        actor=User.objects.get(username="reviewer"),
        today=datetime.date(2023, 8, 1),
    )
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()

        def only_local(route):
            if route.request.url.startswith(live_server.url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", "reviewer")
        page.fill("input[name=password]", "Jixiao@2026")
        page.click("button[type=submit]")
        page.goto(f"{live_server.url}/overview/?year=2023")
        expect(page.locator("#chart-buckets")).to_have_attribute("data-rendered", "1")
        expect(page.locator("#chart-grades canvas")).to_have_count(1)
        page.locator("#chart-buckets canvas").click(position={"x": 100, "y": 200})
        browser.close()
    assert outside == []
