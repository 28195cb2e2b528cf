"""Publishing copies into immutable snapshots; withholding needs a reason; withdrawing keeps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jixiao.audit.models import AuditEvent
from jixiao.disclosure.models import Publication, PublishedSnapshot, WithheldItem
from jixiao.disclosure.services import disclosure_publish, disclosure_withdraw
from jixiao.projects.models import Project

pytestmark = pytest.mark.django_db


def _state() -> tuple[int, int, int, int]:
    return (
        Publication.objects.count(),
        PublishedSnapshot.objects.count(),
        WithheldItem.objects.count(),
        AuditEvent.objects.filter(action__startswith="disclosure.").count(),
    )


def test_it_copies_goals_and_accepted_evaluations(published) -> None:
    library, _ = published
    codes = sorted(s.project_code for s in PublishedSnapshot.objects.public())
    assert codes == [
        "440111-2023-0122",
        "440111-2023-0124",
        "440111-2023-0131",
        "440111-2023-0132",
        "440111-2023-0133",
    ]
    assert library.scope == "示例区图书馆"
    assert [(w.project_code, w.reason) for w in library.withheld.all()] == [
        ("440111-2023-0123", "涉及未公开的采购信息")
    ]
    goal_only = PublishedSnapshot.objects.get(project_code="440111-2023-0122")
    assert (goal_only.has_goal, goal_only.has_evaluation, goal_only.report_html) == (
        True,
        False,
        "",
    )
    assert goal_only.payload["evaluation"] is None  # a draft self-evaluation is never copied
    full = PublishedSnapshot.objects.get(project_code="440111-2023-0124")
    assert (full.version, full.total, full.grade) == (1, Decimal("99.70"), "优")
    payload = full.payload
    assert payload["unit"] == {"code": "440111-U008", "name": "示例区图书馆"}
    assert payload["department"] is None
    assert payload["funding"] == [
        {"phase": "预算", "source": "合计", "amount": "985000.00"},
        {"phase": "预算", "source": "当年财政拨款", "amount": "985000.00"},
        {"phase": "调整", "source": "合计", "amount": "985000.00"},
        {"phase": "调整", "source": "当年财政拨款", "amount": "985000.00"},
        {
            "phase": "执行",
            "source": "合计",
            "amount": str(Project.objects.get(code="440111-2023-0124").executed),
        },
    ]
    assert payload["evaluation"]["total"] == "99.70"
    assert payload["evaluation"]["grade"] == "优"
    assert len(payload["evaluation"]["rows"]) == 7
    assert len(payload["goal"]["indicators"]) == 7
    assert "<html" in full.report_html
    assert "绩效自评报告" in full.report_html


def test_snapshots_do_not_follow_later_changes(published) -> None:
    Project.objects.filter(code="440111-2023-0124").update(name="改过的名称")
    snapshot = PublishedSnapshot.objects.get(project_code="440111-2023-0124")
    assert snapshot.project_name == "示例图书馆社区治理专项经费"
    assert snapshot.payload["name"] == "示例图书馆社区治理专项经费"


def test_republishing_adds_a_version_and_keeps_the_old(users, published) -> None:
    disclosure_publish(
        year=2023,
        unit_code="440111-U008",
        withheld_codes=["440111-2023-0123"],
        withheld_reason="同上",
        actor=users["reviewer"],
    )
    versions = list(
        PublishedSnapshot.objects.filter(project_code="440111-2023-0124")
        .order_by("version")
        .values_list("version", "superseded_at", "withdrawn_at")
    )
    assert [v[0] for v in versions] == [1, 2]
    assert versions[0][1] is not None and versions[1][1] is None
    assert PublishedSnapshot.objects.public().get(project_code="440111-2023-0124").version == 2


def test_withdrawing_records_and_never_deletes(users, published) -> None:
    snapshot = PublishedSnapshot.objects.get(project_code="440111-2023-0131")
    disclosure_withdraw(
        snapshot=snapshot, reason="数据有误，核实后重新公开", actor=users["reviewer"]
    )
    snapshot.refresh_from_db()
    assert snapshot.withdrawn_by == users["reviewer"]
    assert snapshot.withdrawn_reason == "数据有误，核实后重新公开"
    assert not snapshot.is_public
    assert PublishedSnapshot.objects.filter(project_code="440111-2023-0131").count() == 1
    event = AuditEvent.objects.get(action="disclosure.withdraw")
    assert event.reason == "数据有误，核实后重新公开"
    assert event.project_id == Project.objects.get(code="440111-2023-0131").pk
    before = _state()
    with pytest.raises(ValidationError, match="已撤回或已被新版本取代"):
        disclosure_withdraw(snapshot=snapshot, reason="再撤一次", actor=users["reviewer"])
    assert _state() == before


def test_it_requires_a_reason_to_withdraw(users, published) -> None:
    snapshot = PublishedSnapshot.objects.get(project_code="440111-2023-0131")
    before = _state()
    with pytest.raises(ValidationError) as error:
        disclosure_withdraw(snapshot=snapshot, reason="  ", actor=users["reviewer"])
    assert error.value.message_dict == {"reason": ["撤回公开须填写理由。"]}
    snapshot.refresh_from_db()
    assert snapshot.is_public
    assert _state() == before


def test_it_requires_a_reason_to_withhold(users) -> None:
    before = _state()
    with pytest.raises(ValidationError) as error:
        disclosure_publish(
            year=2023,
            unit_code="440111-U008",
            withheld_codes=["440111-2023-0123"],
            actor=users["reviewer"],
        )
    assert error.value.message_dict == {
        "withheld_reason": ["勾选了不公开的项目，请填写不公开理由。"]
    }
    assert _state() == before


def test_it_refuses_an_unknown_withheld_code(users) -> None:
    before = _state()
    with pytest.raises(ValidationError) as error:
        disclosure_publish(
            year=2023,
            unit_code="440111-U008",
            withheld_codes=["440111-2023-0101"],
            withheld_reason="x",
            actor=users["reviewer"],
        )
    assert error.value.message_dict == {
        "withheld": ["不在本次公开范围内的项目：440111-2023-0101。"]
    }
    assert _state() == before


def test_it_refuses_when_nothing_is_left_to_publish(users) -> None:
    before = _state()
    with pytest.raises(ValidationError, match="没有可公开的内容"):
        disclosure_publish(year=2019, actor=users["reviewer"])
    assert _state() == before


@pytest.mark.parametrize("username", ["supervisor", "staff", "head", "other", "admin"])
def test_only_the_bureau_reviewer_publishes_and_withdraws(users, published, username) -> None:
    before = _state()
    with pytest.raises(PermissionDenied, match="只有财政局审核人可以公开或撤回绩效信息。"):
        disclosure_publish(year=2023, actor=users[username])
    snapshot = PublishedSnapshot.objects.get(project_code="440111-2023-0131")
    with pytest.raises(PermissionDenied):
        disclosure_withdraw(snapshot=snapshot, reason="x", actor=users[username])
    snapshot.refresh_from_db()
    assert snapshot.is_public
    assert _state() == before


def test_publishing_the_whole_year_takes_every_candidate(users) -> None:
    publication = disclosure_publish(year=2023, actor=users["reviewer"])
    assert publication.scope == "全部单位"
    assert publication.snapshots.count() == 37  # the seed and 36 synthetic projects: goals accepted
    assert publication.snapshots.filter(has_evaluation=True).count() == 4


def test_a_reviewer_of_another_bureau_cannot_withdraw(users, published) -> None:
    from jixiao.accounts.models import OrganisationKind, Role, User
    from jixiao.accounts.services import organisation_create

    bureau = organisation_create(name="示例市财政局", code="X-BUREAU", kind=OrganisationKind.BUREAU)
    stranger = User.objects.create(username="stranger", role=Role.REVIEWER, organisation=bureau)
    snapshot = PublishedSnapshot.objects.get(project_code="440111-2023-0131")
    before = _state()
    with pytest.raises(PermissionDenied, match="只能撤回本财政局所辖单位的公开内容。"):
        disclosure_withdraw(snapshot=snapshot, reason="越权", actor=stranger)
    snapshot.refresh_from_db()
    assert snapshot.is_public
    assert _state() == before
