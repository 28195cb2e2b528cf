"""The ledger is append-only: corrections are reversals, totals follow every write."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jixiao.audit.models import AuditEvent
from jixiao.ledger.models import LedgerEntry
from jixiao.ledger.selectors import ledger_uses
from jixiao.ledger.services import ledger_entry_record, ledger_entry_reverse
from jixiao.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_project() -> Project:
    return Project.objects.get(code="440111-2023-0001")


def test_it_keeps_the_seeds_eight_uses_and_their_total(seed_project):
    uses = ledger_uses(seed_project)
    assert [u.amount for u in uses] == [
        Decimal("10600.00"),
        Decimal("1800.00"),
        Decimal("56300.00"),
        Decimal("4000.00"),
        Decimal("10000.00"),
        Decimal("10000.00"),
        Decimal("2990.00"),
        Decimal("4285.00"),
    ]
    assert seed_project.executed == Decimal("99975.00")
    assert seed_project.execution_rate == Decimal("99.98")


def test_it_updates_the_executed_total_when_an_entry_is_recorded(seed_project):
    ledger_entry_record(
        project=seed_project,
        date=datetime.date(2023, 12, 1),
        purpose="打印纸",
        amount=Decimal("25"),
    )
    seed_project.refresh_from_db()
    assert seed_project.executed == Decimal("100000.00")
    assert seed_project.execution_rate == Decimal("100.00")


def test_it_corrects_a_wrong_entry_by_a_reversal_and_keeps_the_original(seed_project):
    wrong = ledger_entry_record(
        project=seed_project, date=datetime.date(2023, 12, 1), purpose="误录", amount=Decimal("500")
    )
    reversal = ledger_entry_reverse(entry=wrong, reason="金额录错")
    wrong.refresh_from_db()
    seed_project.refresh_from_db()
    assert wrong.amount == Decimal("500.00")
    assert reversal.amount == Decimal("-500.00")
    assert reversal.reverses_id == wrong.pk
    assert seed_project.executed == Decimal("99975.00")
    assert wrong not in ledger_uses(seed_project)
    assert reversal not in ledger_uses(seed_project)
    event = AuditEvent.objects.filter(action="ledger.reverse").get()
    assert event.reason == "金额录错"
    assert event.project_id == seed_project.pk


def test_it_refuses_to_reverse_an_entry_twice_and_changes_nothing(seed_project):
    entry = ledger_uses(seed_project)[0]
    ledger_entry_reverse(entry=entry, reason="重复")
    count = LedgerEntry.objects.count()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="已被冲销"):
        ledger_entry_reverse(entry=entry, reason="再次")
    assert LedgerEntry.objects.count() == count
    assert AuditEvent.objects.count() == events


def test_it_refuses_a_reversal_without_a_reason_and_changes_nothing(seed_project):
    entry = ledger_uses(seed_project)[0]
    count = LedgerEntry.objects.count()
    with pytest.raises(ValidationError, match="理由"):
        ledger_entry_reverse(entry=entry, reason="  ")
    assert LedgerEntry.objects.count() == count
    seed_project.refresh_from_db()
    assert seed_project.executed == Decimal("99975.00")


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5"), Decimal("0.004")])
def test_it_refuses_an_amount_that_is_not_positive(seed_project, amount):
    count = LedgerEntry.objects.count()
    with pytest.raises(ValidationError, match="大于 0"):
        ledger_entry_record(
            project=seed_project, date=datetime.date(2023, 5, 1), purpose="x", amount=amount
        )
    assert LedgerEntry.objects.count() == count


def test_the_database_refuses_a_negative_entry_that_reverses_nothing(seed_project):
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            project=seed_project, date=datetime.date(2023, 5, 1), purpose="x", amount=Decimal("-1")
        )
