"""Recording and reversing entries as a person: only the unit's staff, only within the year."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jixiao.audit.models import AuditEvent
from jixiao.ledger.models import LedgerEntry
from jixiao.ledger.selectors import ledger_entries_missing_decision, ledger_rows
from jixiao.ledger.services import ledger_entry_record, ledger_entry_reverse

pytestmark = pytest.mark.django_db


def _state(project):
    project.refresh_from_db()
    return (
        LedgerEntry.objects.filter(project=project).count(),
        AuditEvent.objects.count(),
        project.executed,
    )


def test_it_records_an_entry_by_the_units_staff_with_the_actor(seed_project, users):
    entry = ledger_entry_record(
        project=seed_project,
        date=datetime.date(2023, 12, 1),
        purpose="打印纸",
        amount=Decimal("25.00"),
        voucher="记-2023-120",
        actor=users["staff"],
    )
    assert entry.created_by == users["staff"]
    event = AuditEvent.objects.get(action="ledger.record", object_id=str(entry.pk))
    assert event.actor == users["staff"]
    assert event.changes == {"amount": [None, "25.00"]}


@pytest.mark.parametrize("username", ["head", "reviewer", "supervisor", "other", "admin"])
def test_it_refuses_anyone_but_the_units_staff(seed_project, users, username):
    before = _state(seed_project)
    with pytest.raises(PermissionDenied):
        ledger_entry_record(
            project=seed_project,
            date=datetime.date(2023, 12, 1),
            purpose="打印纸",
            amount=Decimal("25"),
            actor=users[username],
        )
    assert _state(seed_project) == before


@pytest.mark.parametrize("date", [datetime.date(2022, 12, 31), datetime.date(2024, 1, 1)])
def test_it_refuses_a_date_outside_the_projects_year(seed_project, users, date):
    before = _state(seed_project)
    with pytest.raises(ValidationError) as refused:
        ledger_entry_record(
            project=seed_project,
            date=date,
            purpose="打印纸",
            amount=Decimal("25"),
            actor=users["staff"],
        )
    assert refused.value.message_dict == {
        "date": [f"日期 {date:%Y-%m-%d} 不在项目年度 2023 年内，请核对。"]
    }
    assert _state(seed_project) == before


def test_it_refuses_a_reversal_by_another_unit_and_without_a_reason(seed_project, users):
    entry = LedgerEntry.objects.filter(project=seed_project).order_by("id").first()
    before = _state(seed_project)
    with pytest.raises(PermissionDenied):
        ledger_entry_reverse(entry=entry, reason="录错", actor=users["other"])
    with pytest.raises(ValidationError) as refused:
        ledger_entry_reverse(entry=entry, reason="  ", actor=users["staff"])
    assert refused.value.message_dict == {"reason": ["冲销必须说明理由。"]}
    assert _state(seed_project) == before


def test_it_reverses_an_entry_with_its_reason_and_restores_the_total(seed_project, users):
    entry = LedgerEntry.objects.get(project=seed_project, amount=Decimal("4285.00"))
    reversal = ledger_entry_reverse(entry=entry, reason="重复录入", actor=users["staff"])
    seed_project.refresh_from_db()
    assert seed_project.executed == Decimal("95690.00")
    assert (reversal.amount, reversal.note, reversal.reverses_id) == (
        Decimal("-4285.00"),
        "重复录入",
        entry.pk,
    )
    event = AuditEvent.objects.get(action="ledger.reverse", object_id=str(reversal.pk))
    assert (event.reason, event.changes) == ("重复录入", {"amount": ["4285.00", "0"]})


def test_it_flags_the_seeds_large_entry_that_has_no_decision(seed_project):
    # 56,300 元 ≥ the default 50,000 元 threshold; the seed records no collective decision.
    flagged = ledger_entries_missing_decision(seed_project)
    assert [(e.purpose, e.amount) for e in flagged] == [
        ("举办2023年度白云区直属机关党组织书记培训班经费", Decimal("56300.00"))
    ]
    rows = ledger_rows(seed_project)
    assert [row.number for row in rows] == list(range(1, 9))
    assert [row.needs_decision for row in rows].count(True) == 1


def test_it_uses_the_units_own_threshold_when_set(seed_project):
    unit = seed_project.unit
    unit.major_decision_threshold = Decimal("10000.00")
    unit.save()
    seed_project.refresh_from_db()
    flagged = ledger_entries_missing_decision(seed_project)
    assert sorted(e.amount for e in flagged) == [
        Decimal("10000.00"),
        Decimal("10000.00"),
        Decimal("10600.00"),
        Decimal("56300.00"),
    ]


def test_it_stops_flagging_an_entry_once_it_is_reversed(seed_project, users):
    entry = LedgerEntry.objects.get(project=seed_project, amount=Decimal("56300.00"))
    ledger_entry_reverse(entry=entry, reason="录错金额", actor=users["staff"])
    assert ledger_entries_missing_decision(seed_project) == []
