"""`jixiao demo --no-serve` builds the data once; a second run duplicates nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jixiao.accounts.models import Organisation, User
from jixiao.ledger.models import LedgerEntry
from jixiao.projects.models import Project

pytestmark = pytest.mark.django_db(transaction=False)


def _counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        Project.objects.count(),
        LedgerEntry.objects.count(),
        User.objects.count(),
    )


def test_it_loads_nothing_twice_and_prints_the_accounts():
    before = _counts()
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert _counts() == before
    text = out.getvalue()
    assert "演示数据已存在" in text
    for username in ("staff", "head", "reviewer", "supervisor", "other", "admin"):
        assert f"  {username} " in text
    assert "Jixiao@2026" in text


def test_it_refuses_a_port_out_of_range_and_changes_nothing():
    before = _counts()
    with pytest.raises(CommandError, match="端口 70000 无效"):
        call_command("demo", "--no-serve", "--port", "70000", stdout=StringIO())
    assert _counts() == before


def test_the_demo_accounts_log_in_with_the_documented_password():
    for username in ("staff", "head", "reviewer", "supervisor", "other", "admin"):
        assert User.objects.get(username=username).check_password("Jixiao@2026")


def test_the_seed_marks_its_inferred_facts():
    project = Project.objects.get(code="440111-2023-0001")
    assert set(project.inferences) >= {"code", "budget_full_year", "ledger_dates"}
    indicator = project.goal.indicators.get(position=1)
    assert set(indicator.inferences) == {"name", "target", "weight"}


def test_it_restores_the_indicator_library_after_the_tables_were_emptied():
    from jixiao.demo.services import demo_load
    from jixiao.goals.models import LibraryIndicator

    count = LibraryIndicator.objects.count()
    assert count >= 36  # at least four per 二级 category, nine categories
    LibraryIndicator.objects.all().delete()
    assert demo_load() is False  # the demo data itself is still there: nothing duplicated
    assert LibraryIndicator.objects.count() == count


def test_it_opens_the_demo_monitoring_round_once():
    from jixiao.demo.services import demo_monitoring_open
    from jixiao.monitoring.models import MonitoringReport, MonitoringRound

    assert demo_monitoring_open() is True
    assert MonitoringRound.objects.get().checkpoint_month == 7
    assert MonitoringReport.objects.count() == Project.objects.filter(year=2023).count()
    assert demo_monitoring_open() is False
    assert MonitoringRound.objects.count() == 1
