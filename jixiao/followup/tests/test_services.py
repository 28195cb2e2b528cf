"""Follow-up services: propose, confirm, rectification issue/answer/accept/reopen."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jixiao.audit.models import AuditEvent
from jixiao.followup.models import FollowupDecision, RectificationItem
from jixiao.followup.services import (
    followup_confirm,
    followup_on_evaluation_accepted,
    followup_propose,
    rectification_accept,
    rectification_answer,
    rectification_issue,
    rectification_reopen,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 3, 1)


def test_it_proposes_from_the_national_table(users, evaluation) -> None:
    decision = followup_propose(evaluation=evaluation("440111-2023-0124"), actor=users["reviewer"])
    assert decision.grade == "优"
    assert decision.category == "recurrent"
    assert decision.rectified is None
    assert decision.proposed_action == "prioritise"
    assert decision.proposed_label == "予以支持，下年优先保障"
    assert decision.proposed_adjustment == Decimal("0")
    assert decision.base_amount == Decimal("985000.00")
    assert (decision.table_code, decision.table_version) == ("national-2020", 1)
    assert decision.status == "proposed"
    event = AuditEvent.objects.get(action="followup.propose", object_id=str(decision.pk))
    assert event.changes["proposed_action"] == [None, "prioritise"]
    assert "财预〔2020〕10号 第五章" in event.reason


def test_it_proposes_with_the_region_table_when_configured(users, evaluation, settings) -> None:
    settings.JIXIAO_FOLLOWUP_SCHEME = "dazhou-style"
    decision = followup_propose(evaluation=evaluation("440111-2023-0116"), actor=users["reviewer"])
    assert (decision.proposed_action, decision.proposed_adjustment) == ("cut", Decimal("-10"))
    assert decision.table_code == "dazhou-style"


def test_it_refuses_to_propose_for_an_evaluation_not_accepted(users, evaluation, audit_count):
    before = audit_count()
    with pytest.raises(ValidationError, match="自评尚未审核通过"):
        followup_propose(evaluation=evaluation("440111-2023-0101"), actor=users["reviewer"])
    assert FollowupDecision.objects.count() == 0
    assert audit_count() == before


@pytest.mark.parametrize("username", ["supervisor", "other", "staff", "head", "admin"])
def test_it_refuses_anyone_but_the_bureau_reviewer(users, evaluation, audit_count, username):
    before = audit_count()
    with pytest.raises(PermissionDenied, match="只有该单位所属财政局的审核人"):
        followup_propose(evaluation=evaluation("440111-2023-0108"), actor=users[username])
    assert FollowupDecision.objects.count() == 0
    assert audit_count() == before


def test_the_hook_proposes_once(users, evaluation) -> None:
    followup_on_evaluation_accepted(evaluation("440111-2023-0132"), actor=users["reviewer"])
    followup_on_evaluation_accepted(evaluation("440111-2023-0132"), actor=users["reviewer"])
    assert FollowupDecision.objects.filter(project__code="440111-2023-0132").count() == 1


def test_it_confirms_the_proposal_and_applies_the_adjustment(users, evaluation) -> None:
    decision = followup_propose(evaluation=evaluation("440111-2023-0116"), actor=users["reviewer"])
    assert decision.proposed_adjustment is None  # 中: 根据情况核减, the bureau sets the figure
    confirmed = followup_confirm(
        decision=decision,
        action="improve",
        adjustment=Decimal("-15"),
        reason="",
        actor=users["reviewer"],
    )
    assert confirmed.status == "confirmed"
    assert confirmed.next_year_amount == Decimal("1126250.00")  # 1,325,000 × 85 %
    assert confirmed.confirmed_by == users["reviewer"]
    event = AuditEvent.objects.get(action="followup.confirm", object_id=str(decision.pk))
    assert event.changes["next_year_amount"] == [None, "1126250.00"]
    assert event.reason == "与系统建议一致"


def test_it_requires_a_reason_to_change_the_proposal(users, evaluation, audit_count) -> None:
    decision = followup_propose(evaluation=evaluation("440111-2023-0124"), actor=users["reviewer"])
    before = audit_count()
    with pytest.raises(ValidationError) as error:
        followup_confirm(
            decision=decision,
            action="cut",
            adjustment=Decimal("-5"),
            reason=" ",
            actor=users["reviewer"],
        )
    assert error.value.message_dict == {
        "reason": ["确认的处理方式或调整比例与系统建议不同，请填写理由。"]
    }
    decision.refresh_from_db()
    assert (decision.status, decision.action, decision.next_year_amount) == ("proposed", "", None)
    assert audit_count() == before
    changed = followup_confirm(
        decision=decision,
        action="cut",
        adjustment=Decimal("-5"),
        reason="审计发现部分支出未达预期",
        actor=users["reviewer"],
    )
    assert changed.next_year_amount == Decimal("935750.00")
    assert changed.confirm_reason == "审计发现部分支出未达预期"


def test_it_refuses_to_confirm_twice_or_by_others(users, evaluation, audit_count) -> None:
    decision = followup_propose(evaluation=evaluation("440111-2023-0124"), actor=users["reviewer"])
    with pytest.raises(PermissionDenied):
        followup_confirm(
            decision=decision,
            action="prioritise",
            adjustment=Decimal("0"),
            reason="",
            actor=users["supervisor"],
        )
    decision.refresh_from_db()
    assert decision.status == "proposed"
    followup_confirm(
        decision=decision,
        action="prioritise",
        adjustment=Decimal("0"),
        reason="",
        actor=users["reviewer"],
    )
    before = audit_count()
    with pytest.raises(ValidationError, match="结果应用已确认"):
        followup_confirm(
            decision=decision,
            action="cut",
            adjustment=Decimal("-50"),
            reason="x",
            actor=users["reviewer"],
        )
    decision.refresh_from_db()
    assert (decision.action, decision.adjustment) == ("prioritise", Decimal("0.00"))
    assert audit_count() == before
    with pytest.raises(ValidationError, match="不能重新生成建议"):
        followup_propose(evaluation=evaluation("440111-2023-0124"), actor=users["reviewer"])


def test_it_refuses_a_cut_beyond_the_budget(users, evaluation) -> None:
    decision = followup_propose(evaluation=evaluation("440111-2023-0116"), actor=users["reviewer"])
    with pytest.raises(ValidationError) as error:
        followup_confirm(
            decision=decision,
            action="improve",
            adjustment=Decimal("-101"),
            reason="x",
            actor=users["reviewer"],
        )
    assert error.value.message_dict == {
        "adjustment": ["调整比例 -101% 低于 -100%，预算不能为负数。"]
    }


def _issue(users, project, code="440111-2023-0101", deadline=datetime.date(2024, 6, 30)):
    return rectification_issue(
        project=project(code),
        finding="资金支付进度滞后",
        measure="加快支付进度，完善台账",
        deadline=deadline,
        actor=users["reviewer"],
        today=TODAY,
    )


def test_it_runs_a_rectification_to_closure(users, project, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    item = _issue(users, project, deadline=timezone.localdate() + datetime.timedelta(days=30))
    assert (item.status, item.owner.short_name) == ("open", "示例第一中学")
    upload = SimpleUploadedFile("整改.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n")
    answered = rectification_answer(
        item=item, answer="已完成支付并补齐台账", upload=upload, actor=users["other"]
    )
    assert answered.status == "answered"
    assert answered.evidence.original_name == "整改.pdf"
    reopened = rectification_reopen(item=item, note="台账仍缺两笔", actor=users["reviewer"])
    assert reopened.status == "reopened"
    rectification_answer(item=item, answer="已补齐", actor=users["other"])
    closed = rectification_accept(item=item, note="同意", actor=users["reviewer"])
    assert closed.status == "accepted"
    assert closed.closed_on_time is True
    actions = list(
        AuditEvent.objects.filter(object_id=str(item.pk), action__startswith="followup.rect")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "followup.rectification.issue",
        "followup.rectification.answer",
        "followup.rectification.reopen",
        "followup.rectification.answer",
        "followup.rectification.accept",
    ]


def test_it_counts_a_late_answer_as_not_on_time(users, project) -> None:
    item = _issue(users, project)
    RectificationItem.objects.filter(pk=item.pk).update(deadline=datetime.date(2020, 1, 1))
    item.refresh_from_db()
    rectification_answer(item=item, answer="已整改", actor=users["other"])
    assert rectification_accept(item=item, note="", actor=users["reviewer"]).closed_on_time is False


def test_it_refuses_bad_rectification_input(users, project, audit_count) -> None:
    before = audit_count()
    with pytest.raises(ValidationError) as error:
        rectification_issue(
            project=project("440111-2023-0101"),
            finding=" ",
            measure="",
            deadline=datetime.date(2024, 2, 1),
            actor=users["reviewer"],
            today=TODAY,
        )
    assert error.value.message_dict == {
        "finding": ["请填写发现的问题。"],
        "measure": ["请填写整改要求。"],
        "deadline": ["整改期限 2024-02-01 早于今天，请重新选择。"],
    }
    assert RectificationItem.objects.count() == 0
    assert audit_count() == before


def test_it_refuses_answers_from_others_and_reviews_out_of_turn(users, project, audit_count):
    item = _issue(users, project)
    before = audit_count()
    for username in ("staff", "reviewer", "supervisor"):
        with pytest.raises(PermissionDenied, match="只有责任单位的经办人"):
            rectification_answer(item=item, answer="x", actor=users[username])
    with pytest.raises(ValidationError, match="待整改，不能确认办结"):
        rectification_accept(item=item, note="", actor=users["reviewer"])
    with pytest.raises(PermissionDenied):
        rectification_accept(item=item, note="", actor=users["other"])
    rectification_answer(item=item, answer="已整改", actor=users["other"])
    with pytest.raises(ValidationError) as error:
        rectification_reopen(item=item, note="", actor=users["reviewer"])
    assert error.value.message_dict == {"note": ["退回重新整改须填写理由。"]}
    item.refresh_from_db()
    assert (item.status, item.answer, item.review_note) == ("answered", "已整改", "")
    assert audit_count() == before + 1


def test_an_overdue_item_turns_the_proposal_into_hold(users, project, evaluation) -> None:
    item = _issue(users, project, code="440111-2023-0124")
    RectificationItem.objects.filter(pk=item.pk).update(deadline=datetime.date(2024, 1, 1))
    decision = followup_propose(evaluation=evaluation("440111-2023-0124"), actor=users["reviewer"])
    assert decision.rectified is False
    assert decision.proposed_action == "hold_until_rectified"
    assert decision.proposed_label == "相应调减预算或整改到位后再予安排"


def test_the_hook_skips_an_evaluation_without_grade(users, evaluation) -> None:
    accepted = evaluation("440111-2023-0124")
    accepted.grade = ""
    followup_on_evaluation_accepted(accepted, actor=users["reviewer"])
    assert FollowupDecision.objects.count() == 0
