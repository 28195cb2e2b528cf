"""An import confirmed in a real browser (Debian's Chromium through Playwright): upload the
flattened 中江县 自评表 text, read the findings and the sources, correct a weight, confirm, and
find the project stored and scored."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from jixiao.demo import seed
from jixiao.ingest.tests.helpers import REAL_REPORTS, document_text
from jixiao.testing.system import CHROMIUM_ARGS, chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo_reloaded_afterwards(django_db_blocker):
    """``transactional_db`` empties the database at teardown; load the session's demo data
    (and the indicator library) again afterwards, as the other browser tests do."""
    yield
    from jixiao.demo.services import demo_load
    from jixiao.goals.library import library_seed
    from jixiao.goals.models import LibraryIndicator

    with django_db_blocker.unblock():
        demo_load()
        library_seed(LibraryIndicator)


@pytest.mark.browser
@pytest.mark.system
def test_staff_import_a_self_evaluation_table_in_the_browser(
    demo_reloaded_afterwards, transactional_db, live_server, tmp_path
):
    from playwright.sync_api import expect, sync_playwright

    from jixiao.projects.models import Project

    executable = chromium_path()
    upload = tmp_path / "中江县自评表.txt"
    upload.write_bytes(document_text(next(REAL_REPORTS.glob("10-*.txt"))))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", "staff")
        page.fill("input[name=password]", "Jixiao@2026")
        page.click("button[type=submit]")
        page.goto(f"{live_server.url}/ingest/")
        page.set_input_files("input[name=file]", str(upload))
        page.click("#ingest-upload button[type=submit]")

        expect(page.locator("h1")).to_have_text("核对导入内容：项目支出绩效自评表")
        findings = page.locator("#ingest-findings")
        expect(findings).to_contain_text("总分为 100，而预算执行得分 10 与各指标得分之和为 110")
        expect(findings).to_contain_text("早于年度结束")
        expect(page.locator("#ingest-confirm")).to_contain_text("字符 231–247")
        expect(page.locator("#ingest-confirm")).to_contain_text("待核对")

        page.click("#ingest-confirm button[type=submit]")
        expect(page.locator("#ingest-errors")).to_contain_text("请勾选")
        expect(page.locator("h1")).to_have_text("核对导入内容：项目支出绩效自评表")

        page.fill("input[name=i-1-weight]", "5")
        page.check("#ingest-confirm-box")
        page.click("#ingest-confirm button[type=submit]")
        expect(page.locator(".messages")).to_contain_text("已导入为项目")
        browser.close()
    project = Project.objects.get(name__startswith="中江县农业水价")
    assert (project.year, project.unit.code, project.budget_full_year, project.executed) == (
        2022,
        seed.UNIT["code"],
        Decimal("200000.00"),
        Decimal("200000.00"),
    )
    first = project.goal.indicators.order_by("position").first()
    assert first.weight == Decimal("5.00")
    # Every target met: 10 (execution) + the nine weights (95 after the correction).
    assert (project.evaluation.total, project.evaluation.grade) == (Decimal("105.00"), "优")
