"""Services of monitoring: rounds, reports, submission, recompute, reminders, bulk review."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jixiao.audit.models import AuditEvent
from jixiao.goals.models import Indicator
from jixiao.ledger.services import ledger_entry_record
from jixiao.monitoring.models import (
    IndicatorProgress,
    Message,
    MonitoringReport,
    MonitoringRound,
    MonitoringWarning,
)
from jixiao.monitoring.services import (
    IndicatorRowInput,
    message_send_reminders,
    monitoring_report_save,
    monitoring_report_submit,
    monitoring_reports_decide,
    monitoring_round_open,
    monitoring_round_recompute,
)
from jixiao.monitoring.tests.conftest import DEADLINE, SEED_CODE, TODAY
from jixiao.projects.models import Project
from jixiao.workflow.services import transition_apply
from jixiao.workflow.states import Status

pytestmark = pytest.mark.django_db


def _seed_report(round_):
    return MonitoringReport.objects.get(round=round_, project__code=SEED_CODE)


def _rows(progress="60", likelihood="确定能", remarks=""):
    return [
        IndicatorRowInput(
            indicator_id=indicator.pk,
            progress=Decimal(progress),
            forecast=Decimal("100"),
            deviation_causes=("经费保障", "其他") if remarks else (),
            likelihood=likelihood,
            remarks=remarks,
        )
        for indicator in Indicator.objects.filter(goal__project__code=SEED_CODE)
    ]


def _save(report, user, **row_options):
    return monitoring_report_save(
        report=report,
        actor=user,
        goal_progress_text="按计划推进党建工作。",
        forecast_executed=Decimal("99975"),
        rows=_rows(**row_options),
        today=TODAY,
    )


def test_it_opens_a_round_with_a_report_and_figures_per_project(round_2023):
    assert round_2023.checkpoint_month == 7  # national-2020 monitoring_month
    assert round_2023.reports.count() == Project.objects.filter(year=2023).count()
    report = _seed_report(round_2023)
    # Seed ledger to 2023-07-31: 10,600 + 1,800 + 56,300 + 4,000.
    assert (
        report.budget_initial,
        report.executed_to_checkpoint,
        report.execution_rate,
        report.time_progress,
        report.progress_ratio,
        report.light,
        report.warning_count,
        report.started_at,
    ) == (
        Decimal("100000.00"),
        Decimal("72700.00"),
        Decimal("72.70"),
        Decimal("58.33"),
        Decimal("124.63"),
        "green",
        0,
        None,
    )
    assert AuditEvent.objects.filter(action="monitoring.round_open").count() == 1


def test_it_refuses_a_round_opened_by_unit_staff(users):
    audits = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        monitoring_round_open(year=2023, deadline=DEADLINE, actor=users["staff"], today=TODAY)
    assert MonitoringRound.objects.count() == 0
    assert MonitoringReport.objects.count() == 0
    assert AuditEvent.objects.count() == audits


def test_it_refuses_a_second_round_for_the_same_checkpoint(round_2023, users):
    with pytest.raises(ValidationError, match="2023年1-7月的监控轮次已经开启"):
        monitoring_round_open(year=2023, deadline=DEADLINE, actor=users["reviewer"])
    assert MonitoringRound.objects.count() == 1


def test_it_refuses_a_deadline_before_the_checkpoint_ends(users):
    with pytest.raises(ValidationError, match="应晚于监控截至日 2023-07-31"):
        monitoring_round_open(
            year=2023, deadline=datetime.date(2023, 7, 20), actor=users["reviewer"]
        )
    assert MonitoringRound.objects.count() == 0


def test_it_saves_a_report_and_audits_the_changes(round_2023, users):
    report = _save(_seed_report(round_2023), users["staff"])
    assert report.started_at is not None
    assert report.forecast_executed == Decimal("99975.00")
    assert IndicatorProgress.objects.filter(report=report).count() == 9
    event = AuditEvent.objects.get(action="monitoring.report_save")
    assert event.changes["forecast_executed"] == [None, "99975.00"]
    assert event.changes["党组织规范化建设覆盖率.progress"] == [None, "60"]
    # 60 % against 58.33 % time progress: no indicator lags.
    assert report.warning_count == 0


def test_it_warns_when_indicators_lag(round_2023, users):
    report = _save(_seed_report(round_2023), users["staff"], progress="45")
    # 45 / 58.33 = 77.14 % → yellow for each of the nine indicators; 45 vs 72.70 % executed is
    # 27.70 points apart, within the 30-point divergence setting.
    assert report.warning_count == 9
    assert set(MonitoringWarning.objects.filter(report=report).values_list("rule", "colour")) == {
        ("warning.indicator_lag", "yellow")
    }


def test_it_warns_when_goals_and_spending_diverge(round_2023, users):
    report = _save(_seed_report(round_2023), users["staff"], progress="40")
    divergence = MonitoringWarning.objects.get(report=report, rule="warning.divergence")
    assert dict(divergence.figures) == {
        "colour": "yellow",
        "indicator_completion": "40.00",
        "execution_rate": "72.70",
        "gap": "-32.70",
        "threshold": "30.00",
    }


def test_it_refuses_another_units_user(round_2023, users):
    report = _seed_report(round_2023)
    audits = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        _save(report, users["other"])
    report.refresh_from_db()
    assert (report.started_at, report.forecast_executed, report.goal_progress_text) == (
        None,
        None,
        "",
    )
    assert IndicatorProgress.objects.filter(report=report).count() == 0
    assert AuditEvent.objects.count() == audits


def test_it_refuses_an_unknown_deviation_cause(round_2023, users):
    report = _seed_report(round_2023)
    indicator = Indicator.objects.filter(goal__project__code=SEED_CODE).first()
    with pytest.raises(ValidationError) as refused:
        monitoring_report_save(
            report=report,
            actor=users["staff"],
            goal_progress_text="x",
            forecast_executed=None,
            rows=[IndicatorRowInput(indicator_id=indicator.pk, deviation_causes=("天气",))],
        )
    assert refused.value.messages == [f"指标“{indicator.name}”的偏差原因“天气”无效。"]
    assert IndicatorProgress.objects.filter(report=report).count() == 0


def test_it_refuses_to_submit_an_incomplete_report(round_2023, users):
    report = _save(_seed_report(round_2023), users["staff"], likelihood="有可能")
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        monitoring_report_submit(report=report, actor=users["staff"], today=TODAY)
    assert refused.value.messages[1] == (
        "指标“党组织规范化建设覆盖率”完成目标可能性为“有可能”，请在备注中说明原因及拟采取的措施。"
    )
    report.refresh_from_db()
    assert (report.status, report.version) == (Status.DRAFT, 1)
    assert AuditEvent.objects.count() == audits


def test_it_submits_through_the_workflow_and_clears_the_deadline_warning(round_2023, users):
    near = DEADLINE - datetime.timedelta(days=2)
    report = _save(_seed_report(round_2023), users["staff"])
    monitoring_round_recompute(round_=round_2023, today=near)
    report.refresh_from_db()
    assert list(MonitoringWarning.objects.filter(report=report).values_list("rule", "colour")) == [
        ("warning.deadline", "yellow")
    ]
    report = monitoring_report_submit(report=report, actor=users["staff"], today=near)
    assert (report.status, report.version) == (Status.SUBMITTED, 2)
    assert report.submitted_at is not None
    assert MonitoringWarning.objects.filter(report=report).count() == 0


def test_it_refuses_to_edit_a_submitted_report(round_2023, users):
    report = _save(_seed_report(round_2023), users["staff"])
    monitoring_report_submit(report=report, actor=users["staff"], today=TODAY)
    with pytest.raises(ValidationError, match="已提交的监控表不能修改"):
        _save(report, users["staff"], progress="10")
    assert set(
        IndicatorProgress.objects.filter(report=report).values_list("progress", flat=True)
    ) == {Decimal("60.0000")}


def test_it_recomputes_from_the_ledger(round_2023, users):
    project = Project.objects.get(code=SEED_CODE)
    ledger_entry_record(
        project=project, date=datetime.date(2023, 7, 10), purpose="补记支出", amount=Decimal("300")
    )
    ledger_entry_record(
        project=project, date=datetime.date(2023, 8, 2), purpose="八月支出", amount=Decimal("500")
    )
    assert monitoring_round_recompute(round_=round_2023, today=TODAY) == round_2023.reports.count()
    report = _seed_report(round_2023)
    assert (report.executed_to_checkpoint, report.execution_rate) == (
        Decimal("73000.00"),
        Decimal("73.00"),
    )


def test_it_sends_reminders_to_units(round_2023, users):
    unit = users["staff"].organisation
    sent = message_send_reminders(round_=round_2023, units=[unit], actor=users["reviewer"])
    assert [(m.unit, m.subject, m.is_emailed) for m in sent] == [
        (unit, "请按时填报2023年1-7月绩效运行监控表", False)
    ]
    assert AuditEvent.objects.filter(action="monitoring.reminder_send").count() == 1


def test_it_refuses_reminders_from_unit_staff(round_2023, users):
    with pytest.raises(PermissionDenied):
        message_send_reminders(
            round_=round_2023, units=[users["staff"].organisation], actor=users["staff"]
        )
    assert Message.objects.count() == 0


def test_it_approves_and_refuses_in_bulk(round_2023, users):
    report = _save(_seed_report(round_2023), users["staff"])
    report = monitoring_report_submit(report=report, actor=users["staff"], today=TODAY)
    transition_apply(obj=report, action="approve_unit", actor=users["head"])
    draft = MonitoringReport.objects.filter(round=round_2023, status=Status.DRAFT).first()
    outcome = monitoring_reports_decide(
        reports=[report, draft], actor=users["reviewer"], decision="approve", today=TODAY
    )
    assert outcome.done == [SEED_CODE]
    assert [code for code, _reason in outcome.refused] == [draft.project.code]
    report.refresh_from_db()
    draft.refresh_from_db()
    assert (report.status, draft.status) == (Status.ACCEPTED, Status.DRAFT)
