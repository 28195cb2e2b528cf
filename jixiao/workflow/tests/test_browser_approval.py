"""The approval chain in a real browser (Debian's Chromium through Playwright): the staff of
示例区第一中学 submit a self-evaluation, the head approves it, the supervising department
(示例区教育局) approves it and the bureau accepts it — each by clicking in the Chinese page."""

from __future__ import annotations

import os

import pytest

from jixiao.testing.system import CHROMIUM_ARGS, chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "Jixiao@2026"


def _draft_school_evaluation():
    """A self-evaluation of 示例区第一中学 in status draft. The demo gives that school none, so
    the first one is put back to draft (the data is reloaded after the test)."""
    from jixiao.evaluation.models import SelfEvaluation

    evaluations = SelfEvaluation.objects.filter(project__unit__code="440111-U001")
    draft = evaluations.filter(status="draft").order_by("project__code").first()
    if draft is None:
        draft = evaluations.order_by("project__code").first()
        evaluations.filter(pk=draft.pk).update(status="draft", version=1)
        draft.refresh_from_db()
    return draft


@pytest.mark.browser
@pytest.mark.system
def test_the_chain_approves_a_self_evaluation_by_clicking(
    demo_reloaded_afterwards, transactional_db, live_server, no_submit_checks
):
    from playwright.sync_api import expect, sync_playwright

    from jixiao.accounts.models import Organisation, Role, User
    from jixiao.workflow.models import Decision

    executable = chromium_path()
    head = User(
        username="school_head",
        role=Role.HEAD,
        full_name="示例中学负责人",
        organisation=Organisation.objects.get(code="440111-U001"),
    )
    head.set_password(PASSWORD)
    head.save()
    evaluation = _draft_school_evaluation()
    project_url = f"{live_server.url}/projects/{evaluation.project.code}/"
    steps = [
        ("other", "绩效自评：报送", "报送（草稿 → 待单位负责人审核）"),
        (
            "school_head",
            "绩效自评：单位审核通过",
            "单位审核通过（待单位负责人审核 → 待主管部门/财政审核）",
        ),
        (
            "supervisor",
            "绩效自评：主管部门审核通过",
            "主管部门审核通过（待主管部门/财政审核 → 待财政审核）",
        ),
        ("reviewer", "绩效自评：审核通过", "财政审核（待财政审核 → 已通过）"),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        for username, button, message in steps:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{live_server.url}/login/")
            expect(page.locator("h1")).to_have_text("登录")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.goto(project_url)
            expect(page.get_by_role("button", name=button)).to_be_visible()
            page.get_by_role("button", name=button).click()
            expect(page.locator("ul.messages")).to_contain_text(f"已办理：绩效自评：{message}。")
            context.close()

        # The bureau sees the whole chain on the history page, newest first.
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", "other")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(project_url)
        expect(page.locator("[data-kind=self_evaluation]")).to_contain_text("已通过")
        page.get_by_role("link", name="查看变更与审核记录").click()
        expect(page.locator("h1")).to_contain_text("变更与审核记录")
        rows = page.locator("section:has(h2:text('审核记录')) tbody tr")
        expect(rows).to_have_count(4)
        expect(rows.first).to_contain_text("财政审核")
        browser.close()

    decisions = Decision.objects.filter(kind="self_evaluation", object_id=evaluation.pk)
    assert [d.actor.username for d in decisions.order_by("id")] == [s[0] for s in steps]
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.version) == ("accepted", 5)
