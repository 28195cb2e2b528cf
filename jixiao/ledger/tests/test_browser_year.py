"""Journeys 3 and 4 of issue 4 in Debian's Chromium: the unit's year, as a new user would.

The ledger (record, reverse with a reason), an evidence PDF and a refused .exe, the live score
of a draft self-evaluation, and a new project refused for a bad amount then saved.

live_server tests run in a real transaction and pytest-django flushes the whole database after
each one. `database_restored` copies the database (demo dataset and the migrations' data) before
the module and puts it back afterwards, so tests that run later see what they saw before;
`demo` reloads the demo dataset before each test when an earlier flush removed it.
"""

from __future__ import annotations

import os
import re

import pytest

from jixiao.accounts.models import Role, User
from jixiao.ledger.tests import files
from jixiao.testing.system import CHROMIUM_ARGS, chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.system]

PASSWORD = "Jixiao@2026"
SEED = "440111-2023-0001"


def _ensure_demo() -> None:
    from jixiao.demo.services import demo_load

    demo_load()  # does nothing when the demo dataset is there


def _restore(contents: str) -> None:
    """Put back a copy made by serialize_db_to_string after a flush emptied the tables.

    The flush re-created content types and permissions with new ids; they are removed first so
    the copy brings back the original ids that other rows refer to.
    """
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from jixiao.demo.services import demo_is_loaded

    if demo_is_loaded():
        return
    with transaction.atomic():
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()


@pytest.fixture(scope="module")
def database_restored(django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        _ensure_demo()
        contents = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        _restore(contents)


@pytest.fixture
def demo(database_restored, live_server):
    """The live server, with the demo dataset in this test's transactional database."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    _ensure_demo()
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
        # ORM calls made while Playwright's loop runs in this thread get their own connection
        # (asgiref's context-local storage); close it, or PostgreSQL keeps the session open.
        from django.db import connections

        connections.close_all()


def _login(browser, live_server, username: str):
    page = browser.new_page(locale="zh-CN")
    page.set_default_timeout(30_000)  # a save with scoring can take seconds on a loaded CI machine
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/(projects|review)/$"))
    return page


def test_it_walks_the_units_year_in_the_browser(demo, browser):
    """One test, so the database is flushed and restored once (seconds each on PostgreSQL)."""
    _ledger_and_evidence(browser, demo)
    _self_evaluation_scored_as_typed(browser, demo)
    _new_project_after_a_bad_amount(browser, demo)


def _ledger_and_evidence(browser, demo):
    page = _login(browser, demo, "staff")
    page.goto(f"{demo.url}/projects/{SEED}/ledger/")
    assert "以下 1 笔支出达到三重一大金额标准" in page.inner_text("#major-decision-flags")

    form = page.locator("#entry-form")
    form.locator("[name=date]").fill("2023-12-01")
    form.locator("[name=purpose]").fill("购置党建宣传资料")
    form.locator("[name=amount]").fill("1,000.50")
    form.locator("[name=voucher]").fill("记-120")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=已记录支出。")
    assert "全年执行数 100,975.50 元" in page.inner_text(".meta")

    row = page.locator("#ledger tbody tr", has_text="购置党建宣传资料")
    row.locator("button", has_text="冲销").click()  # no reason: refused
    page.wait_for_selector("#reverse-errors")
    assert "冲销必须说明理由。" in page.inner_text("#reverse-errors")
    assert "全年执行数 100,975.50 元" in page.inner_text(".meta")
    row = page.locator("#ledger tbody tr", has_text="购置党建宣传资料").first
    row.locator("input[name=reason]").fill("金额录入错误")
    row.locator("button", has_text="冲销").click()
    page.wait_for_selector("text=冲销理由：金额录入错误")
    assert "全年执行数 99,975.00 元" in page.inner_text(".meta")

    page.goto(f"{demo.url}/projects/{SEED}/evidence/")
    upload = page.locator("#evidence-form")
    upload.locator("[name=description]").fill("书记培训班签到表")
    upload.locator("[name=file]").set_input_files(
        {"name": "setup.pdf", "mimeType": "application/pdf", "buffer": files.windows_exe()}
    )
    upload.locator("button[type=submit]").click()
    page.wait_for_selector("text=检测到“Windows 可执行程序（EXE/DLL）”")
    assert page.locator("#evidence-form [name=description]").input_value() == "书记培训班签到表"

    upload = page.locator("#evidence-form")
    upload.locator("[name=indicator]").select_option(index=1)
    upload.locator("[name=file]").set_input_files(
        {"name": "签到表.pdf", "mimeType": "application/pdf", "buffer": files.tiny_pdf()}
    )
    upload.locator("button[type=submit]").click()
    page.wait_for_selector("text=已上传佐证材料。")
    link = page.locator("#evidence a", has_text="签到表.pdf")
    response = page.request.get(demo.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.body() == files.tiny_pdf()


def _self_evaluation_scored_as_typed(browser, demo):
    from jixiao.evaluation.models import SelfEvaluation

    draft = SelfEvaluation.objects.select_related("project").get(project__code="440111-2023-0106")
    user = User(username="staff2", role=Role.STAFF, organisation=draft.project.unit)
    user.set_password(PASSWORD)
    user.save()
    page = _login(browser, demo, "staff2")
    page.goto(f"{demo.url}/projects/{draft.project.code}/evaluation/")
    total_before = page.inner_text("#total")

    row = page.locator("#actuals tbody tr", has_text="服务对象满意度")
    row.locator("input[name^=actual-]").fill("72")
    score = row.locator("span[id^=score-]")
    page.wait_for_function(
        "id => document.getElementById(id).textContent.trim() === '8.00'",
        arg=score.get_attribute("id"),
    )
    assert "未完成需说明" in row.inner_text()
    assert page.inner_text("#total") != total_before

    row.locator("textarea").fill("宣传覆盖不足，下年度加强回访。")
    page.click("#save-actuals")
    page.wait_for_selector("text=已保存实际完成值并重新评分。")
    row = page.locator("#actuals tbody tr", has_text="服务对象满意度")
    assert row.locator("input[name^=actual-]").input_value() == "72"
    draft.refresh_from_db()
    assert str(draft.total) == page.inner_text("#total")


def _new_project_after_a_bad_amount(browser, demo):
    page = _login(browser, demo, "staff")
    page.click("text=新建项目")
    page.fill("#id_name", "基层党组织书记轮训经费")
    page.fill("#id_year", "2024")
    page.select_option("#id_category", "one_off")
    page.fill("#id_background", "落实年度轮训计划。")
    page.fill("#id_current_initial", "100,000.00")
    page.fill("#id_current_full_year", "-100")
    page.click("#project-form button[type=submit]")
    page.wait_for_selector("text=金额不能为负数（-100）。")
    assert page.input_value("#id_name") == "基层党组织书记轮训经费"
    assert page.input_value("#id_current_initial") == "100,000.00"

    page.fill("#id_current_full_year", "120,000.00")
    page.click("#project-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/projects/440111-2024-0001/$"))
    body = page.inner_text("main")
    assert "已新建项目 440111-2024-0001" in body
    assert "120,000.00" in body
