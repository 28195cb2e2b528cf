"""Journey 1 in a real browser (Debian's Chromium through Playwright): the unit's staff build
the indicator tree of a new project's goal with htmx — pick from the library, watch the weight
finding appear and disappear as they type, save, reorder and remove."""

from __future__ import annotations

import os

import pytest

from jixiao.testing.system import CHROMIUM_ARGS, chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WEIGHT_FINDING = "产出指标的分值合计为 60.00，应为 50.00"


@pytest.fixture
def demo_reloaded_afterwards(django_db_blocker):
    """Loads the session's demo data (and the indicator library) again at teardown, after
    ``transactional_db`` has emptied the database; see ``server_url`` for the order."""
    yield
    from jixiao.demo.services import demo_load
    from jixiao.goals.library import library_seed
    from jixiao.goals.models import LibraryIndicator

    with django_db_blocker.unblock():
        demo_load()
        library_seed(LibraryIndicator)


@pytest.fixture
def server_url(request, demo_reloaded_afterwards, transactional_db) -> str:
    """The live server's address, for a test whose data the server must see (committed, so
    ``transactional_db``, whose teardown empties the database).

    ``live_server`` is fetched here, not named in a signature: a test that names it gets
    pytest-django's autouse ``_live_server_helper``, which sets ``transactional_db`` up before
    every other fixture, so its emptying would run after ``demo_reloaded_afterwards`` and the
    tests that follow would find no demo data. Fetched here, the teardown order is: this
    fixture, ``transactional_db`` (empties), ``demo_reloaded_afterwards`` (loads again).
    """
    live_server = request.getfixturevalue("live_server")
    settings_override = getattr(live_server, "_live_server_modified_settings", None)
    if settings_override is not None:
        settings_override.enable()
    yield live_server.url
    if settings_override is not None:
        settings_override.disable()


def _wait_until_htmx_listens(page, selector: str) -> None:
    """Wait until htmx has processed the (freshly swapped) field, so that typing triggers the
    live check; Playwright types faster than htmx settles a swap, a person does not."""
    page.wait_for_function(
        """selector => {
            const field = document.querySelector(selector);
            return Boolean(field && field["htmx-internal-data"]
                           && field["htmx-internal-data"].initHash);
        }""",
        arg=selector,
    )


@pytest.mark.browser
@pytest.mark.system
def test_staff_build_the_indicator_tree_in_the_browser(server_url):
    from playwright.sync_api import expect, sync_playwright

    from jixiao.accounts.models import User
    from jixiao.goals.tests.conftest import draft_project

    executable = chromium_path()
    goal = draft_project(User.objects.get(username="staff"))
    code = goal.project.code
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(f"{server_url}/login/")
        page.fill("input[name=username]", "staff")
        page.fill("input[name=password]", "Jixiao@2026")
        page.click("button[type=submit]")
        page.goto(f"{server_url}/projects/{code}/goal/")
        findings = page.locator("#goal-findings")
        expect(findings).to_contain_text("未发现问题。")

        # 从指标库选择: filter by 二级, pick 人均培训成本; the add form is filled in.
        page.select_option("#library-level2", "成本指标")
        expect(page.locator("#library-list")).not_to_contain_text("培训人次")
        page.click("button[aria-label='选用 人均培训成本']")
        expect(page.locator("#new-name")).to_have_value("人均培训成本")
        expect(page.locator("#new-target")).to_have_value("800")
        expect(page.locator("#new-measure_unit")).to_have_value("元/人")

        # Typing a weight: the live panel shows the weight finding before anything is saved.
        _wait_until_htmx_listens(page, "#new-weight")
        page.fill("#new-weight", "10")
        expect(findings).to_contain_text("尚未保存")
        expect(findings).to_contain_text(WEIGHT_FINDING)
        page.click("#indicator-add-form button[type=submit]")
        expect(page.locator("#goal-editor")).to_contain_text("已添加指标“人均培训成本”。")
        expect(page.locator("tr[data-name='人均培训成本']")).to_be_visible()
        expect(findings).to_contain_text(WEIGHT_FINDING)

        # Wrong input is explained inline, in Chinese, and nothing is lost.
        page.click("a[aria-label='编辑 培训人次']")
        page.fill("#edit-weight", "二十")
        page.click("tr.editing button[type=submit]")
        expect(page.locator("tr.editing")).to_contain_text("分值必须是数字。")
        # Editing 培训人次's weight from 30 to 20 makes the finding disappear as one types.
        _wait_until_htmx_listens(page, "#edit-weight")
        page.fill("#edit-weight", "20")
        expect(findings).to_contain_text("尚未保存")
        expect(findings).to_contain_text("未发现问题。")
        # Leave the field first and let its change check finish, as a person's pause would:
        # a click's blur otherwise starts that check in the same instant as the save.
        page.press("#edit-weight", "Tab")
        page.wait_for_load_state("networkidle")
        page.click("tr.editing button[type=submit]")
        expect(page.locator("#goal-editor")).to_contain_text("已保存指标“培训人次”。")
        expect(findings).to_contain_text("未发现问题。")
        expect(findings).not_to_contain_text("尚未保存")

        # Reorder: 人均培训成本 moves up above 参训人员满意度.
        page.click("button[aria-label='上移 人均培训成本']")
        expect(page.locator("#goal-editor")).to_contain_text("已调整“人均培训成本”的顺序。")
        rows = page.locator("#indicator-table tbody tr")
        expect(rows).to_have_count(5)
        expect(rows.nth(3)).to_have_attribute("data-name", "人均培训成本")
        expect(rows.nth(4)).to_have_attribute("data-name", "参训人员满意度")

        # Remove (confirmed in the dialog): the row goes, the weights no longer add up.
        page.click("button[aria-label='删除 人均培训成本']")
        expect(page.locator("#goal-editor")).to_contain_text("已删除指标“人均培训成本”。")
        expect(rows).to_have_count(4)
        expect(findings).to_contain_text("产出指标的分值合计为 40.00，应为 50.00")
        browser.close()

    goal.refresh_from_db()
    assert goal.version == 5  # add, update, move, remove
    assert list(goal.indicators.values_list("name", "weight")) == [
        ("培训人次", 20),
        ("培训合格率", 20),
        ("岗位胜任率", 30),
        ("参训人员满意度", 10),
    ]
