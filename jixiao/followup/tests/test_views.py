"""Pages of result application: who sees and does what, and what a refusal leaves behind."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from jixiao.audit.models import AuditEvent
from jixiao.followup.models import FollowupDecision, RectificationItem
from jixiao.followup.services import followup_propose, rectification_issue

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_bureau_page_offers_to_propose_for_accepted_evaluations(users) -> None:
    response = _client(users["reviewer"]).get("/followup/?year=2023")
    assert response.status_code == 200
    text = response.content.decode()
    for code in ("0108", "0116", "0124", "0132"):
        assert f"440111-2023-{code}" in text
    assert "440111-2023-0101" not in text  # not accepted
    assert text.count(">生成建议</button>") == 4


def test_it_proposes_and_confirms_through_the_pages(users) -> None:
    client = _client(users["reviewer"])
    response = client.post("/followup/projects/440111-2023-0116/propose/")
    assert response.status_code == 302
    page = client.get("/followup/projects/440111-2023-0116/").content.decode()
    assert "完善政策、改进管理，控制新增，根据情况核减预算" in page
    assert "（比例由财政局确定）" in page
    response = client.post(
        "/followup/projects/440111-2023-0116/confirm/",
        {"action": "improve", "adjustment": "-20", "reason": ""},
    )
    assert response.status_code == 302
    decision = FollowupDecision.objects.get(project__code="440111-2023-0116")
    assert decision.next_year_amount == Decimal("1060000.00")
    proposal = client.get("/followup/projects/440111-2023-0116/next-year/").content.decode()
    assert '<td class="num" data-field="base">1,325,000.00</td>' in proposal
    assert '<td class="num" data-field="adjustment">-20.00%</td>' in proposal
    assert '<td class="num" data-field="next">1,060,000.00</td>' in proposal
    assert "2024 年预算建议数（元）" in proposal


def test_a_changed_proposal_without_reason_is_refused_with_the_form_kept(users) -> None:
    client = _client(users["reviewer"])
    client.post("/followup/projects/440111-2023-0124/propose/")
    before = AuditEvent.objects.count()
    response = client.post(
        "/followup/projects/440111-2023-0124/confirm/",
        {"action": "cut", "adjustment": "-10", "reason": ""},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "确认的处理方式或调整比例与系统建议不同，请填写理由。" in text
    assert 'value="-10"' in text
    decision = FollowupDecision.objects.get(project__code="440111-2023-0124")
    assert (decision.status, decision.next_year_amount) == ("proposed", None)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("adjustment", "message"),
    [
        ("abc", "调整比例须是数字，例如 -10。"),
        ("-150", "调整比例不能低于 -100%。"),
        ("", "请填写下年预算调整比例"),
    ],
)
def test_it_names_bad_adjustments(users, adjustment, message) -> None:
    client = _client(users["reviewer"])
    client.post("/followup/projects/440111-2023-0124/propose/")
    response = client.post(
        "/followup/projects/440111-2023-0124/confirm/",
        {"action": "prioritise", "adjustment": adjustment, "reason": ""},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert FollowupDecision.objects.get(project__code="440111-2023-0124").status == "proposed"


def test_the_supervisor_cannot_confirm(users) -> None:
    followup_propose(
        evaluation=FollowupDecision._meta.get_field("evaluation").related_model.objects.get(
            project__code="440111-2023-0108"
        ),
        actor=users["reviewer"],
    )
    client = _client(users["supervisor"])
    page = client.get("/followup/projects/440111-2023-0108/").content.decode()
    assert "<h3>财政局确认</h3>" not in page
    before = AuditEvent.objects.count()
    response = client.post(
        "/followup/projects/440111-2023-0108/confirm/",
        {"action": "support", "adjustment": "0", "reason": ""},
        follow=True,
    )
    assert "只有该单位所属财政局的审核人可以办理结果应用和整改事项。" in response.content.decode()
    assert FollowupDecision.objects.get(project__code="440111-2023-0108").status == "proposed"
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "url",
    [
        "/followup/projects/440111-2023-0124/",
        "/followup/projects/440111-2023-0124/next-year/",
        "/followup/projects/440111-2099-9999/",
    ],
)
def test_it_gives_404_outside_the_users_reach(users, url) -> None:
    assert _client(users["other"]).get(url).status_code == 404


def test_forged_posts_give_404_and_change_nothing(users) -> None:
    client = _client(users["other"])
    before = AuditEvent.objects.count()
    assert client.post("/followup/projects/440111-2023-0124/propose/").status_code == 404
    assert (
        client.post("/followup/rectifications/999999/answer/", {"answer": "x"}).status_code == 404
    )
    assert FollowupDecision.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_the_unit_answers_and_the_bureau_closes_through_the_pages(users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reviewer = _client(users["reviewer"])
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = reviewer.post(
        "/followup/projects/440111-2023-0101/rectifications/",
        {"finding": "台账不全", "measure": "补齐台账", "deadline": deadline.isoformat()},
    )
    assert response.status_code == 302
    item = RectificationItem.objects.get(project__code="440111-2023-0101")
    unit = _client(users["other"])
    page = unit.get("/followup/projects/440111-2023-0101/").content.decode()
    assert "报送整改情况" in page
    assert "下达整改事项" not in page
    response = unit.post(
        f"/followup/rectifications/{item.pk}/answer/",
        {"answer": "已补齐", "evidence": _pdf()},
    )
    assert response.status_code == 302
    response = reviewer.post(f"/followup/rectifications/{item.pk}/accept/", {"note": "同意"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.closed_on_time, item.review_note) == ("accepted", True, "同意")


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")


def test_a_bad_issue_form_names_the_problems(users) -> None:
    response = _client(users["reviewer"]).post(
        "/followup/projects/440111-2023-0101/rectifications/",
        {"finding": "", "measure": "x", "deadline": "明天"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "请填写发现的问题。" in text
    assert "整改期限须是日期，如 2024-06-30。" in text
    assert RectificationItem.objects.count() == 0


def test_overdue_items_show_as_warnings_on_the_bureau_page(users) -> None:
    item = rectification_issue(
        project=RectificationItem._meta.get_field("project").related_model.objects.get(
            code="440111-2023-0102"
        ),
        finding="绩效目标未细化",
        measure="细化指标",
        deadline=timezone.localdate(),
        actor=users["reviewer"],
    )
    RectificationItem.objects.filter(pk=item.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=5)
    )
    text = _client(users["reviewer"]).get("/followup/?year=2023").content.decode()
    assert 'data-rule="followup.rectification_overdue"' in text
    assert "整改事项已超过整改期限 5 天" in text
    assert "请督促示例第一中学尽快报送整改情况。" in text
    other = _client(users["staff"]).get("/followup/?year=2023").content.decode()
    assert "followup.rectification_overdue" not in other


def test_the_rates_page_shows_the_table(users) -> None:
    response = _client(users["reviewer"]).get("/followup/rates/?year=2023")
    assert response.status_code == 200
    text = response.content.decode()
    assert "2023 年度结果应用率" in text
    assert "<td>财政局直管单位</td>" in text
    assert _client(users["reviewer"]).get("/followup/rates/?year=x").status_code == 404


def test_the_supervisor_sees_its_accepted_evaluations_without_bureau_buttons(users) -> None:
    text = _client(users["supervisor"]).get("/followup/?year=2023").content.decode()
    assert "440111-2023-0108" in text
    assert "440111-2023-0124" not in text  # not under 示例区教育局
    assert ">生成建议</button>" not in text
    assert "/disclosure/" not in text


def test_the_unit_finds_its_pending_items_on_the_overview(users) -> None:
    project_model = RectificationItem._meta.get_field("project").related_model
    for code in ("440111-2023-0101", "440111-2023-0124"):
        rectification_issue(
            project=project_model.objects.get(code=code),
            finding=f"问题{code[-4:]}",
            measure="整改",
            deadline=timezone.localdate(),
            actor=users["reviewer"],
        )
    text = _client(users["other"]).get("/followup/?year=2023").content.decode()
    assert "问题0101" in text
    assert "问题0124" not in text  # another unit's item
