"""The goal editor pages: htmx fragments, inline errors, live findings, access."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.audit.models import AuditEvent
from jixiao.goals.models import Goal, GoalAdjustment, Indicator, LibraryIndicator
from jixiao.goals.services import GOAL_LOCKED, GOAL_STALE

pytestmark = pytest.mark.django_db

SEED = "440111-2023-0001"
HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def snapshot(goal: Goal) -> tuple:
    goal = Goal.objects.get(pk=goal.pk)
    rows = list(
        Indicator.objects.filter(goal=goal)
        .order_by("position")
        .values_list("position", "name", "target", "weight")
    )
    return goal.status, goal.version, goal.annual_goal, rows, AuditEvent.objects.count()


def indicator_post(version: int, prefix: str = "new", **overrides) -> dict:
    values = {
        "version": str(version),
        "level1": "产出指标",
        "level2": "时效指标",
        "name": "培训按期完成率",
        "comparator": "=",
        "target": "100",
        "target_text": "",
        "measure_unit": "%",
        "weight": "0",
        "standard": "按计划月份完成全部培训。",
        "method": "对照培训计划查阅签到表日期",
        "basis": "计划标准",
    }
    values.update(overrides)
    return {f"{prefix}-{key}": value for key, value in values.items()}


def test_it_shows_the_editor_to_the_units_staff(draft_goal, staff):
    response = client_for(staff).get(reverse("goal-editor", args=[draft_goal.project.code]))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("培训人次", "培训合格率", "岗位胜任率", "参训人员满意度"):
        assert f'data-name="{name}"' in html
    assert 'id="goal-findings"' in html
    assert "未发现问题。" in html
    assert 'hx-trigger="input changed delay:500ms, change"' in html


@pytest.mark.parametrize(
    ("username", "status"), [("other", 404), ("head", 403), ("reviewer", 403), ("admin", 403)]
)
def test_it_refuses_the_editor_to_others(draft_goal, username, status, django_user_model):
    user = django_user_model.objects.get(username=username)
    client = client_for(user)
    code = draft_goal.project.code
    before = snapshot(draft_goal)
    assert client.get(reverse("goal-editor", args=[code])).status_code == status
    post = client.post(reverse("indicator-add", args=[code]), indicator_post(1), **HTMX)
    assert post.status_code == status
    assert snapshot(draft_goal) == before


def test_it_sends_anonymous_users_to_the_login_page(draft_goal):
    response = Client().get(reverse("goal-editor", args=[draft_goal.project.code]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_adds_an_indicator_and_returns_the_editor_fragment(draft_goal, staff):
    url = reverse("indicator-add", args=[draft_goal.project.code])
    response = client_for(staff).post(url, indicator_post(1), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="goal-editor"')
    assert "已添加指标“培训按期完成率”。" in html
    assert 'data-name="培训按期完成率"' in html
    assert draft_goal.indicators.count() == 5
    assert Goal.objects.get(pk=draft_goal.pk).version == 2


def test_it_redirects_a_plain_form_post_back_to_the_editor(draft_goal, staff):
    code = draft_goal.project.code
    response = client_for(staff).post(reverse("indicator-add", args=[code]), indicator_post(1))
    assert response.status_code == 302
    assert response.url == reverse("goal-editor", args=[code])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"target": "一百"}, "指标值必须是数字。"),
        ({"weight": "abc"}, "分值必须是数字。"),
        ({"weight": ""}, "请填写分值。"),
        ({"name": ""}, "请填写三级指标名称。"),
        ({"weight": "120"}, "分值应在 0 到 100 之间。"),
        ({"target": ""}, "定量指标必须填写数值指标值"),
        ({"level1": "效益指标", "level2": "时效指标"}, "效益指标的二级指标应为"),
    ],
)
def test_it_shows_input_errors_inline_and_keeps_what_was_typed(
    draft_goal, staff, overrides, message
):
    before = snapshot(draft_goal)
    url = reverse("indicator-add", args=[draft_goal.project.code])
    response = client_for(staff).post(url, indicator_post(1, **overrides), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="对照培训计划查阅签到表日期"' not in html  # textarea content, not a value
    assert "对照培训计划查阅签到表日期</textarea>" in html
    assert snapshot(draft_goal) == before


def test_it_refuses_a_stale_save_with_a_message_and_keeps_the_input(draft_goal, staff):
    Goal.objects.filter(pk=draft_goal.pk).update(version=5)
    before = snapshot(draft_goal)
    url = reverse("indicator-add", args=[draft_goal.project.code])
    response = client_for(staff).post(url, indicator_post(1), **HTMX)
    html = response.content.decode()
    assert GOAL_STALE in html
    assert 'value="培训按期完成率"' in html
    assert snapshot(draft_goal) == before
    # The kept form now carries the current version: saving again applies.
    assert 'name="new-version" value="5"' in html


def test_it_opens_a_row_for_editing_and_saves_it(draft_goal, staff):
    client = client_for(staff)
    indicator = draft_goal.indicators.get(position=1)
    url = reverse("indicator-edit", args=[draft_goal.project.code, indicator.pk])
    opened = client.get(url, **HTMX).content.decode()
    assert f'<input type="hidden" name="editing" value="{indicator.pk}">' in opened
    assert 'name="edit-name"' in opened
    saved = client.post(
        url,
        indicator_post(1, "edit", level2="数量指标", name="培训人次", target="600", weight="30"),
        **HTMX,
    )
    assert "已保存指标“培训人次”。" in saved.content.decode()
    indicator.refresh_from_db()
    assert (indicator.target, indicator.level2) == (Decimal("600.0000"), "数量指标")


def test_it_moves_and_removes_rows(draft_goal, staff):
    client = client_for(staff)
    code = draft_goal.project.code
    second = draft_goal.indicators.get(position=2)
    moved = client.post(
        reverse("indicator-move", args=[code, second.pk, "up"]), {"version": "1"}, **HTMX
    )
    assert "已调整“培训合格率”的顺序。" in moved.content.decode()
    removed = client.post(
        reverse("indicator-remove", args=[code, second.pk]), {"version": "2"}, **HTMX
    )
    assert "已删除指标“培训合格率”。" in removed.content.decode()
    assert list(draft_goal.indicators.values_list("name", flat=True)) == [
        "培训人次",
        "岗位胜任率",
        "参训人员满意度",
    ]


def test_it_refuses_a_move_without_a_version(draft_goal, staff):
    before = snapshot(draft_goal)
    second = draft_goal.indicators.get(position=2)
    response = client_for(staff).post(
        reverse("indicator-move", args=[draft_goal.project.code, second.pk, "up"]), {}, **HTMX
    )
    assert GOAL_STALE in response.content.decode()
    assert snapshot(draft_goal) == before


def test_it_checks_a_draft_without_saving_it(draft_goal, staff):
    before = snapshot(draft_goal)
    url = reverse("goal-check", args=[draft_goal.project.code])
    response = client_for(staff).post(url, indicator_post(1, weight="5"), **HTMX)
    html = response.content.decode()
    assert html.startswith('<section class="card goal-findings" id="goal-findings"')
    assert "（按正在填写的内容，尚未保存）" in html
    assert "产出指标的分值合计为 55.00，应为 50.00" in html
    assert snapshot(draft_goal) == before


def test_it_checks_an_edited_row_in_place_of_the_stored_one(draft_goal, staff):
    first = draft_goal.indicators.get(position=1)
    data = indicator_post(1, "edit", level2="数量指标", name="培训人次", weight="20")
    data["editing"] = str(first.pk)
    response = client_for(staff).post(
        reverse("goal-check", args=[draft_goal.project.code]), data, **HTMX
    )
    assert "产出指标的分值合计为 40.00，应为 50.00" in response.content.decode()


def test_it_shows_number_errors_in_the_live_panel(draft_goal, staff):
    response = client_for(staff).post(
        reverse("goal-check", args=[draft_goal.project.code]),
        indicator_post(1, target="约100"),
        **HTMX,
    )
    html = response.content.decode()
    assert "指标值：指标值必须是数字。" in html
    assert "定量指标“培训按期完成率”（=）没有数值指标值" in html


def test_it_lists_the_library_by_level2_and_fills_the_add_form(draft_goal, staff):
    client = client_for(staff)
    code = draft_goal.project.code
    listing = client.get(reverse("goal-library", args=[code]), {"level2": "成本指标"}, **HTMX)
    html = listing.content.decode()
    entries = LibraryIndicator.objects.filter(level2="成本指标")
    assert html.count("data-library=") == entries.count() == 5
    assert "人均培训成本" in html and "培训人次" not in html
    entry = entries.get(name="人均培训成本")
    filled = client.get(reverse("indicator-new", args=[code]), {"library": entry.pk}, **HTMX)
    form = filled.content.decode()
    assert 'value="人均培训成本"' in form
    assert 'value="800"' in form
    assert 'value="元/人"' in form
    assert "已从指标库填入“人均培训成本”" in form


def test_it_answers_404_for_an_unknown_library_entry(draft_goal, staff):
    url = reverse("indicator-new", args=[draft_goal.project.code])
    assert client_for(staff).get(url, {"library": "999999"}).status_code == 404
    assert client_for(staff).get(url, {"library": "x"}).status_code == 404


def test_it_shows_an_accepted_goal_locked_with_an_adjustment_form(seed_goal, staff):
    html = client_for(staff).get(reverse("goal-editor", args=[SEED])).content.decode()
    assert "已提交或已批复，指标值已锁定" in html
    assert "提出调整申请" in html
    assert "添加指标" not in html
    assert "上移" not in html


def test_it_refuses_to_edit_an_accepted_goal(seed_goal, staff):
    before = snapshot(seed_goal)
    first = seed_goal.indicators.get(position=1)
    response = client_for(staff).post(
        reverse("indicator-edit", args=[SEED, first.pk]),
        indicator_post(seed_goal.version, "edit", level2="数量指标"),
        **HTMX,
    )
    assert GOAL_LOCKED in response.content.decode()
    assert snapshot(seed_goal) == before


def test_it_requests_an_adjustment_and_shows_it_with_the_workflow_panel(seed_goal, staff):
    first = seed_goal.indicators.get(position=1)
    response = client_for(staff).post(
        reverse("goal-adjustment-request", args=[SEED]),
        {"indicator": first.pk, "field": "target", "new_value": "95", "reason": "党组织撤并"},
        **HTMX,
    )
    html = response.content.decode()
    assert "已提出“党组织规范化建设覆盖率”的调整申请，请报送审核。" in html
    adjustment = GoalAdjustment.objects.get(indicator=first)
    assert (adjustment.old_value, adjustment.new_value) == ("100", "95")
    assert 'data-kind="goal_adjustment"' in html


def test_it_refuses_an_adjustment_without_a_reason(seed_goal, staff):
    before = (GoalAdjustment.objects.count(), AuditEvent.objects.count())
    first = seed_goal.indicators.get(position=1)
    response = client_for(staff).post(
        reverse("goal-adjustment-request", args=[SEED]),
        {"indicator": first.pk, "field": "target", "new_value": "95", "reason": ""},
        **HTMX,
    )
    assert "请填写调整理由。" in response.content.decode()
    assert (GoalAdjustment.objects.count(), AuditEvent.objects.count()) == before


def test_it_shows_the_findings_and_the_editor_link_on_the_project_page(seed_goal, staff):
    html = client_for(staff).get(reverse("project-detail", args=[SEED])).content.decode()
    assert reverse("goal-editor", args=[SEED]) in html
    assert "目标检查：发现 9 个问题" in html
    assert 'data-rule="goal.shared_method"' in html


def test_it_shows_reviewers_the_findings_but_not_the_editor_link(seed_goal, reviewer):
    html = client_for(reviewer).get(reverse("project-detail", args=[SEED])).content.decode()
    assert "目标检查：发现 9 个问题" in html
    assert reverse("goal-editor", args=[SEED]) not in html


def test_it_hides_a_draft_goals_findings_from_reviewers(draft_goal, reviewer):
    Indicator.objects.filter(goal=draft_goal, position=1).update(weight=Decimal("5"))
    url = reverse("project-detail", args=[draft_goal.project.code])
    html = client_for(reviewer).get(url).content.decode()
    assert "目标检查" not in html


def test_it_seeds_at_least_four_library_indicators_per_level2():
    counts = {}
    for level2 in LibraryIndicator.objects.values_list("level2", flat=True):
        counts[level2] = counts.get(level2, 0) + 1
    assert len(counts) == 9
    assert min(counts.values()) >= 4
