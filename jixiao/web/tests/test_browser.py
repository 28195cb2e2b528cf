"""The foundation pages in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import os

import pytest

from jixiao.testing.system import CHROMIUM_ARGS, chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(locale="zh-CN")
        yield page
        browser.close()


@pytest.fixture
def demo_data(transactional_db):
    """transaction=True tests start from an empty database: load the demo data again."""
    from jixiao.demo.services import demo_load

    demo_load()


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("Jixiao@2026")
    page.get_by_role("button", name="登录").click()


def test_it_shows_unit_staff_the_seed_project(page, live_server, demo_data):
    _login(page, live_server.url, "staff")
    page.get_by_role("link", name="机关党建及群团专项经费").click()
    assert page.get_by_role("heading", name="机关党建及群团专项经费").is_visible()
    body = page.locator("main").inner_text()
    assert "99,975.00" in body
    assert "预算执行率 99.98%" in body
    assert "100.00" in body
    assert page.locator(".score-box .grade").inner_text() == "优"
    page.goto(f"{live_server.url}/projects/440111-2023-0101/")
    assert "404" in page.title() or "Not Found" in page.content()


def test_it_refuses_a_wrong_password_in_chinese(page, live_server, demo_data):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("staff")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").inner_text().startswith("用户名或密码不正确")


def test_it_shows_the_reviewer_every_project_of_the_year(page, live_server, demo_data):
    _login(page, live_server.url, "reviewer")
    assert page.url.endswith("/review/")
    assert page.locator("table.grid tbody tr").count() == 37
