"""The workflow pages: buttons on the project page, the transition endpoint, 待办, history."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.audit.models import AuditEvent
from jixiao.evaluation.models import SelfEvaluation
from jixiao.projects.models import Project
from jixiao.workflow.models import Decision
from jixiao.workflow.tests.conftest import SEED_CODE, school_evaluation, school_goal, state_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_submit_checks")]

SEED_PAGE = f"/projects/{SEED_CODE}/"
SCHOOL_PAGE = "/projects/440111-2023-0101/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _seed_evaluation() -> SelfEvaluation:
    return SelfEvaluation.objects.get(project__code=SEED_CODE)


def test_it_shows_the_bureau_reviewer_the_review_buttons_of_the_seed_evaluation(users):
    html = _client(users["reviewer"]).get(SEED_PAGE).content.decode()
    evaluation = _seed_evaluation()
    assert "绩效自评：<strong>待财政审核</strong>" in html
    assert "绩效目标：<strong>已通过</strong>" in html
    assert f'action="/workflow/self_evaluation/{evaluation.pk}/review/"' in html
    assert f'action="/workflow/self_evaluation/{evaluation.pk}/return/"' in html
    assert '<input type="hidden" name="version" value="1">' in html
    assert f'<input type="hidden" name="next" value="{SEED_PAGE}">' in html
    assert "退回理由（必填）" in html
    assert f'href="/projects/{SEED_CODE}/history/"' in html


def test_it_shows_unit_staff_no_buttons_on_what_waits_for_others(users):
    html = _client(users["staff"]).get(SEED_PAGE).content.decode()
    assert 'action="/workflow/' not in html
    assert "绩效自评：<strong>待财政审核</strong>" in html


def test_it_offers_the_bureau_the_four_results_for_a_goal(users):
    goal = school_goal("department_approved")
    html = _client(users["reviewer"]).get(SCHOOL_PAGE).content.decode()
    assert f'action="/workflow/goal/{goal.pk}/review/"' in html
    assert '<select name="result" id="result-goal-' in html
    for result in ("优", "良", "中", "差"):
        assert f'<option value="{result}">{result}</option>' in html


def test_it_shows_a_reviewer_only_the_status_of_a_unit_draft(users):
    school_evaluation("draft")
    html = _client(users["supervisor"]).get(SCHOOL_PAGE).content.decode()
    assert "绩效自评：<strong>单位填报中</strong>" in html
    assert "/workflow/self_evaluation/" not in html


def test_it_applies_an_action_and_redirects_with_a_chinese_message(users):
    evaluation = _seed_evaluation()
    client = _client(users["reviewer"])
    response = client.post(
        f"/workflow/self_evaluation/{evaluation.pk}/review/", {"version": "1"}, follow=True
    )
    assert response.redirect_chain == [(SEED_PAGE, 302)]
    assert _messages(response) == ["已办理：绩效自评：财政审核（待主管部门/财政审核 → 已通过）。"]
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.version) == ("accepted", 2)


def test_it_refuses_a_stale_form_with_a_chinese_message_and_changes_nothing(users):
    evaluation = _seed_evaluation()
    before = state_of(evaluation)
    response = _client(users["reviewer"]).post(
        f"/workflow/self_evaluation/{evaluation.pk}/review/", {"version": "0"}, follow=True
    )
    assert _messages(response) == ["该记录已被他人修改，请刷新后重试。"]
    assert state_of(evaluation) == before


@pytest.mark.parametrize("version", ["", "abc", "-1", "1.0"])
def test_it_treats_a_missing_or_malformed_version_as_stale(users, version):
    evaluation = _seed_evaluation()
    before = state_of(evaluation)
    response = _client(users["reviewer"]).post(
        f"/workflow/self_evaluation/{evaluation.pk}/review/", {"version": version}, follow=True
    )
    assert _messages(response) == ["该记录已被他人修改，请刷新后重试。"]
    assert state_of(evaluation) == before


def test_it_refuses_a_return_without_reason_with_a_chinese_message(users):
    evaluation = _seed_evaluation()
    before = state_of(evaluation)
    response = _client(users["reviewer"]).post(
        f"/workflow/self_evaluation/{evaluation.pk}/return/",
        {"version": "1", "reason": ""},
        follow=True,
    )
    assert _messages(response) == ["请填写退回理由。"]
    assert state_of(evaluation) == before


def test_it_gives_404_for_unknown_kinds_missing_objects_and_other_units(users):
    evaluation = _seed_evaluation()
    client = _client(users["other"])
    before = state_of(evaluation)
    for url in (
        f"/workflow/self_evaluation/{evaluation.pk}/review/",
        "/workflow/self_evaluation/999999/review/",
        f"/workflow/budget/{evaluation.pk}/review/",
    ):
        assert client.post(url, {"version": "1"}).status_code == 404
    assert state_of(evaluation) == before


def test_it_refuses_get_on_the_transition_endpoint(users):
    evaluation = _seed_evaluation()
    response = _client(users["reviewer"]).get(f"/workflow/self_evaluation/{evaluation.pk}/review/")
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("next_url", "location"),
    [
        ("/workflow/inbox/", "/workflow/inbox/"),
        (f"/projects/{SEED_CODE}/goal/", f"/projects/{SEED_CODE}/goal/"),
        ("https://example.com/", SEED_PAGE),
        ("//example.com/x", SEED_PAGE),
        ("", SEED_PAGE),
    ],
)
def test_it_returns_to_the_page_the_form_came_from_on_this_site_only(users, next_url, location):
    evaluation = _seed_evaluation()
    response = _client(users["reviewer"]).post(
        f"/workflow/self_evaluation/{evaluation.pk}/review/", {"version": "1", "next": next_url}
    )
    assert response["Location"] == location


def test_it_lists_what_waits_for_the_head_and_counts_it_in_the_nav(users):
    school_evaluation("submitted")
    school_goal("submitted")
    client = _client(users["school_head"])
    response = client.get("/workflow/inbox/")
    items = response.context["items"]
    assert [(i.kind.code, i.project.code, i.status_label) for i in items] == [
        ("goal", "440111-2023-0101", "待单位负责人审核"),
        ("self_evaluation", "440111-2023-0101", "待单位负责人审核"),
    ]
    html = response.content.decode()
    assert '待办 <span class="count">2</span></a>' in html
    assert "等待您办理的事项，共 2 项。" in html


def test_it_lists_for_the_supervisor_the_head_approved_items_of_its_units(users):
    items = _client(users["supervisor"]).get("/workflow/inbox/").context["items"]
    assert items
    assert {i.project.unit.parent.code for i in items} == {"440111-D01"}
    assert {i.obj.status for i in items} == {"head_approved"}
    assert {i.status_label for i in items} == {"待主管部门审核"}


def test_it_lists_for_the_bureau_what_awaits_the_bureau(users):
    items = _client(users["reviewer"]).get("/workflow/inbox/").context["items"]
    seed = [i for i in items if i.project.code == SEED_CODE]
    assert [(i.kind.code, i.status_label) for i in seed] == [("self_evaluation", "待财政审核")]
    for item in items:
        has_department = item.project.unit.parent.kind == "department"
        assert item.obj.status == ("department_approved" if has_department else item.obj.status)
        assert item.obj.status in ("head_approved", "department_approved")


def test_it_shows_an_empty_inbox_to_unit_staff_with_nothing_returned(users):
    response = _client(users["staff"]).get("/workflow/inbox/")
    assert response.context["items"] == []
    assert "暂无待办事项。" in response.content.decode()


def test_it_shows_the_history_of_a_decision_with_who_what_and_why(users):
    evaluation = school_evaluation("head_approved")
    client = _client(users["supervisor"])
    client.post(
        f"/workflow/self_evaluation/{evaluation.pk}/return/",
        {"version": str(evaluation.version), "reason": "请补充偏差原因"},
    )
    response = _client(users["other"]).get("/projects/440111-2023-0101/history/")
    assert response.status_code == 200
    decisions = response.context["decisions"]
    assert [(d.action, d.reason, d.actor.username) for d in decisions] == [
        ("return", "请补充偏差原因", "supervisor")
    ]
    first = response.context["page"].object_list[0]
    assert first.actor == "演示主管部门审核人"
    assert first.object_label == f"绩效自评 #{evaluation.pk}"
    assert [(c.field, c.old, c.new) for c in first.changes] == [
        ("状态", "待主管部门/财政审核", "已退回"),
        ("版本", "1", "2"),
    ]
    assert first.reason == "请补充偏差原因"
    html = response.content.decode()
    assert "状态：待主管部门/财政审核 → 已退回" in html


def test_it_paginates_the_history_newest_first(users):
    response = _client(users["staff"]).get(f"/projects/{SEED_CODE}/history/?page=1")
    page = response.context["page"]
    project_id = Project.objects.get(code=SEED_CODE).pk
    total = AuditEvent.objects.filter(project_id=project_id).count()
    assert total > 0
    assert page.paginator.per_page == 50
    assert page.paginator.count == total
    times = [event.created_at for event in page.object_list]
    assert times == sorted(times, reverse=True)
    assert _client(users["staff"]).get(f"/projects/{SEED_CODE}/history/?page=x").status_code == 200


def test_it_hides_from_reviewers_the_changes_of_a_units_draft_but_not_the_decisions(users):
    evaluation = school_evaluation("draft")
    client = _client(users["other"])
    client.post(f"/workflow/self_evaluation/{evaluation.pk}/submit/", {"version": "1"})
    own = client.get("/projects/440111-2023-0101/history/").context
    assert [d.action for d in own["decisions"]] == ["submit"]
    reviewer = _client(users["supervisor"]).get("/projects/440111-2023-0101/history/").context
    assert [d.action for d in reviewer["decisions"]] == ["submit"]
    assert all(
        not event.object_label.startswith("绩效自评") for event in reviewer["page"].object_list
    )
    assert Decision.objects.filter(object_id=evaluation.pk, kind="self_evaluation").count() == 1


def test_it_gives_404_for_the_history_of_another_units_project(users):
    assert _client(users["other"]).get(f"/projects/{SEED_CODE}/history/").status_code == 404
    assert _client(users["staff"]).get("/projects/440111-2099-9999/history/").status_code == 404
