"""The demo year taken to the public in Debian's Chromium: the bureau accepts the seed
self-evaluation, publishes the year with one project withheld, and an anonymous visitor browses
the portal on a 375 px phone screen, by keyboard, and with forged URLs.

live_server tests run in a real transaction and pytest-django flushes the database after each
one; `demo_restored` puts the demo dataset back (the pattern of
jixiao/ledger/tests/test_browser_year.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from jixiao.testing.system import CHROMIUM_ARGS, chromium_path, require_font

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.system,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Jixiao@2026"
SEED = "440111-2023-0001"
WITHHELD = "440111-2023-0102"
SCREENSHOT_DIR = Path(os.environ.get("JIXIAO_SCREENSHOT_DIR", "/tmp"))


def _restore_demo() -> None:
    from django.db import connection

    from jixiao.demo.services import demo_is_loaded, demo_load

    if demo_is_loaded():
        return
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        connection.creation.deserialize_db_from_string(contents)
    demo_load()


@pytest.fixture(scope="module")
def demo_restored(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        _restore_demo()


@pytest.fixture
def demo(demo_restored, live_server):
    _restore_demo()
    return live_server


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


def _accept_seed_evaluation() -> None:
    """The bureau accepts the seed's self-evaluation (head_approved, unit directly under the
    bureau) through the workflow's transition service."""
    from jixiao.accounts.models import User
    from jixiao.evaluation.models import SelfEvaluation
    from jixiao.workflow.services import transition_apply

    evaluation = SelfEvaluation.objects.get(project__code=SEED)
    transition_apply(obj=evaluation, action="review", actor=User.objects.get(username="reviewer"))
    evaluation.refresh_from_db()
    assert evaluation.status == "accepted"


def test_the_public_browses_the_published_demo_year(demo, browser, open_data_schema) -> None:
    require_font("Noto Sans CJK", "fonts-noto-cjk")
    _accept_seed_evaluation()
    base = demo.url

    # The bureau publishes the whole year, withholding one project with a reason.
    bureau = browser.new_page(locale="zh-CN")
    bureau.set_default_timeout(20_000)
    bureau.goto(f"{base}/login/")
    bureau.fill("#id_username", "reviewer")
    bureau.fill("#id_password", PASSWORD)
    bureau.click("button[type=submit]")
    bureau.goto(f"{base}/disclosure/?year=2023")
    bureau.check(f"#withhold-{WITHHELD}")
    bureau.click("button:has-text('公开全部单位')")
    assert "勾选了不公开的项目，请填写不公开理由。" in bureau.content()
    assert bureau.is_checked(f"#withhold-{WITHHELD}")
    bureau.fill("#id_withheld_reason", "涉及个人信息，脱敏后公开")
    bureau.click("button:has-text('公开全部单位')")
    bureau.wait_for_selector("text=已公开 36 个项目（不公开 1 个）。")
    bureau.close()

    # An anonymous visitor on a phone.
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/public/")
    page.click("text=2023 年度绩效信息")
    page.click("text=中共广州市白云区直属机关工作委员会")
    page.click("text=机关党建及群团专项经费")
    assert page.url == f"{base}/public/2023/projects/{SEED}/"
    assert page.inner_text("h1") == "机关党建及群团专项经费"
    assert page.inner_text(".score strong") == "100.00"
    assert page.inner_text(".score .grade") == "优"
    rows = page.locator("caption:has-text('项目支出绩效自评表') + thead + tbody tr")
    assert rows.count() == 11  # execution rate, nine indicators, total
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 375
    page.screenshot(path=str(SCREENSHOT_DIR / "jixiao-portal-375.png"), full_page=True)

    # Keyboard: the first Tab lands on the skip link, visibly, and Enter moves to the content.
    page.goto(f"{base}/public/2023/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Search by name, with the label announcing the field.
    page.get_by_label("按项目名称搜索（2023 年度）").fill("机关党建")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/public/2023/search/?q=*")
    assert page.locator("main .list a").all_inner_texts() == ["机关党建及群团专项经费"]

    # The report as HTML, and the year's data validating against the schema.
    report = page.request.get(f"{base}/public/2023/projects/{SEED}/report/")
    assert report.status == 200 and "绩效自评报告" in report.text()
    document = json.loads(page.request.get(f"{base}/public/2023/data/json/").text())
    jsonschema.validate(document, open_data_schema)
    assert len(document["projects"]) == 36

    # Forged URLs: the withheld project, a draft self-evaluation's report, a project that
    # does not exist, a year with nothing published.
    for path in (
        f"/public/2023/projects/{WITHHELD}/",
        "/public/2023/projects/440111-2023-0101/report/",
        "/public/2023/projects/440111-2023-9999/",
        "/public/2022/",
    ):
        assert page.goto(f"{base}{path}").status == 404, path
    context.close()
