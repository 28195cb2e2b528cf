"""Writes of monitoring: open a round, fill and submit a report, recompute figures and warnings,
send reminders.

The figures the overview reads (executed to the checkpoint, rate, light, warning counts and the
stored warnings) are written here — per report by the services that change a report, and for a
whole round by `monitoring_round_recompute` in bulk — never at page time.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Case, Count, Q, Sum, Value, When
from django.utils import timezone

from jixiao.accounts.models import Organisation, OrganisationKind, Role, User
from jixiao.audit.services import audit_record
from jixiao.evaluation.models import SelfEvaluation
from jixiao.goals.models import Comparator, Indicator
from jixiao.ledger.models import LedgerEntry
from jixiao.monitoring.models import (
    DeviationCause,
    IndicatorProgress,
    Likelihood,
    Message,
    MonitoringReport,
    MonitoringRound,
    MonitoringWarning,
    RoundStatus,
    UnitSummary,
)
from jixiao.projects.models import Project
from jixiao.rules import GRADES, round_money, scheme_get
from jixiao.rules.monitoring import EXECUTION_RATE_BUCKETS, Light, checkpoint_end
from jixiao.rules.schemes import Scheme
from jixiao.rules.vocabulary import QualitativeBand
from jixiao.rules.warnings import (
    IndicatorProgressInput,
    MonitoringInput,
    execution_figures,
    monitoring_warnings,
)
from jixiao.workflow.states import VISIBLE_TO_REVIEWERS, Status, status_is_editable

BATCH = 2000
UNIT_ROLES = (Role.STAFF, Role.HEAD)
REPORT_FIGURE_FIELDS = (
    "budget_initial",
    "executed_to_checkpoint",
    "execution_rate",
    "time_progress",
    "progress_ratio",
    "light",
    "warning_count",
    "red_count",
)


# ---------------------------------------------------------------------------------------------
# Figures: one function turns a report's inputs into its stored figures and warnings; the
# per-report refresh, the bulk recompute and the generator all use it.


@dataclass(frozen=True)
class ReportFigures:
    """What the overview reads of one report, and the warnings to store."""

    values: dict[str, object]
    findings: list


def report_figures(
    *,
    subject: str,
    round_: MonitoringRound,
    scheme: Scheme,
    budget: Decimal,
    executed: Decimal,
    indicators: Sequence[IndicatorProgressInput],
    is_submitted: bool,
    today: datetime.date,
) -> ReportFigures:
    """Compute a report's stored figures and its warnings with the rules package."""
    data = MonitoringInput(
        subject=subject,
        year=round_.year,
        month=round_.checkpoint_month,
        budget=budget,
        executed=executed,
        indicators=tuple(indicators),
        is_submitted=is_submitted,
        deadline=round_.deadline,
        today=today,
    )
    figures = execution_figures(data, scheme)
    findings = monitoring_warnings(data, scheme)
    values = {
        "budget_initial": round_money(budget),
        "executed_to_checkpoint": round_money(executed),
        "execution_rate": figures.execution_rate,
        "time_progress": figures.time_progress,
        "progress_ratio": figures.ratio,
        "light": figures.light.value if figures.light else "",
        "warning_count": len(findings),
        "red_count": sum(1 for finding in findings if finding.figures["colour"] == "red"),
    }
    return ReportFigures(values, findings)


def warning_rows(report: MonitoringReport, findings: Iterable) -> list[MonitoringWarning]:
    """Unsaved warning rows of `report` for `findings` (the caller bulk-creates them)."""
    return [
        MonitoringWarning(
            round_id=report.round_id,
            report_id=report.pk,
            project_id=report.project_id,
            unit_id=report.unit_id,
            department_id=report.department_id,
            rule=finding.rule,
            colour=finding.figures["colour"],
            rank=0 if finding.figures["colour"] == "red" else 1,
            subject=finding.subject,
            message=finding.message,
            figures=dict(finding.figures),
        )
        for finding in findings
    ]


def indicator_input(
    indicator_name: str, comparator: str, target, progress, band: str
) -> IndicatorProgressInput:
    """The rules' view of one indicator row (qualitative rows carry the band)."""
    if comparator == Comparator.QUALITATIVE:
        return IndicatorProgressInput(indicator_name, comparator, band=band or None)
    return IndicatorProgressInput(indicator_name, comparator, target=target, progress=progress)


def _is_submitted(status: str) -> bool:
    return not status_is_editable(status)


def monitoring_report_refresh(
    report: MonitoringReport, *, today: datetime.date | None = None
) -> MonitoringReport:
    """Recompute one report's figures and warnings from the ledger and its indicator rows.

    Called inside the transaction of every service that changes the report.
    """
    round_ = report.round
    scheme = scheme_get(round_.scheme_code)
    executed = LedgerEntry.objects.filter(
        project_id=report.project_id,
        date__lte=checkpoint_end(round_.year, round_.checkpoint_month),
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    rows = IndicatorProgress.objects.filter(report=report).select_related("indicator")
    computed = report_figures(
        subject=report.project.code,
        round_=round_,
        scheme=scheme,
        budget=report.project.budget_initial,
        executed=executed,
        indicators=[
            indicator_input(
                row.indicator.name,
                row.indicator.comparator,
                row.indicator.target,
                row.progress,
                row.progress_band,
            )
            for row in rows
        ],
        is_submitted=_is_submitted(report.status),
        today=today or timezone.localdate(),
    )
    for name, value in computed.values.items():
        setattr(report, name, value)
    report.save(update_fields=[*REPORT_FIGURE_FIELDS, "updated_at"])
    MonitoringWarning.objects.filter(report=report).delete()
    MonitoringWarning.objects.bulk_create(warning_rows(report, computed.findings))
    unit_summaries_refresh(round_=round_, unit_ids=[report.unit_id])
    return report


# ---------------------------------------------------------------------------------------------
# Unit summaries: what the overview sums


def unit_summaries_refresh_for_project(project: Project) -> None:
    """Refresh the summaries of `project`'s unit in every monitoring round of its year.

    Called by the self-evaluation service when a score changes, so the overview's grade counts
    and score rankings follow at once (three GROUP BY queries per round, one unit each)."""
    for round_ in MonitoringRound.objects.filter(year=project.year):
        unit_summaries_refresh(round_=round_, unit_ids=[project.unit_id])


def _stage_conditions() -> dict[str, Q]:
    submitted = (Status.SUBMITTED, Status.HEAD_APPROVED, Status.DEPARTMENT_APPROVED)
    started = Q(started_at__isnull=False)
    return {
        "stage_not_started": Q(started_at__isnull=True),
        "stage_draft": started & Q(status=Status.DRAFT),
        "stage_submitted": started & Q(status__in=submitted),
        "stage_returned": started & Q(status__in=(Status.RETURNED, Status.REJECTED)),
        "stage_approved": started & Q(status=Status.ACCEPTED),
    }


def _bucket_condition(lower: Decimal | None, upper: Decimal | None) -> Q:
    condition = Q(execution_rate__isnull=False)
    if lower is not None:
        condition &= Q(execution_rate__gte=lower)
    if upper is not None:
        condition &= Q(execution_rate__lt=upper)
    return condition


def unit_summaries_refresh(
    *, round_: MonitoringRound, unit_ids: Sequence[int] | None = None
) -> int:
    """Recompute the `UnitSummary` rows of `round_` (all units, or those in `unit_ids`) with
    three GROUP BY queries: reports, warnings, self-evaluations of the round's year. Returns
    the number of rows written."""
    reports = MonitoringReport.objects.filter(round=round_)
    warnings = MonitoringWarning.objects.filter(round=round_)
    evaluations = SelfEvaluation.objects.filter(project__year=round_.year)
    if unit_ids is not None:
        reports = reports.filter(unit_id__in=unit_ids)
        warnings = warnings.filter(unit_id__in=unit_ids)
        evaluations = evaluations.filter(project__unit_id__in=unit_ids)
    aggregates = {
        "projects": Count("id"),
        "warned": Count("id", filter=Q(warning_count__gt=0)),
        "budget": Sum("budget_initial"),
        "executed": Sum("executed_to_checkpoint"),
    }
    aggregates.update({name: Count("id", filter=q) for name, q in _stage_conditions().items()})
    aggregates.update(
        {f"light_{light.value}": Count("id", filter=Q(light=light.value)) for light in Light}
    )
    aggregates.update(
        {
            f"bucket_{index}": Count("id", filter=_bucket_condition(lower, upper))
            for index, (_code, _label, lower, upper) in enumerate(EXECUTION_RATE_BUCKETS)
        }
    )
    rows = {
        row["unit_id"]: row
        for row in reports.order_by().values("unit_id", "department_id").annotate(**aggregates)
    }
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, rule, colour, number in (
        warnings.order_by()
        .values_list("unit_id", "rule", "colour")
        .annotate(number=Count("id"))
        .values_list("unit_id", "rule", "colour", "number")
    ):
        counts[unit_id][f"{rule}:{colour}"] = number
    grades: dict[int, dict[str, object]] = defaultdict(lambda: defaultdict(int))
    sent = Q(status__in=VISIBLE_TO_REVIEWERS)
    for unit_id, grade, is_sent, number, total in (
        evaluations.order_by()
        .annotate(is_sent=Case(When(sent, then=Value(True)), default=Value(False)))
        .values_list("project__unit_id", "grade", "is_sent")
        .annotate(number=Count("id"), total=Sum("total"))
        .values_list("project__unit_id", "grade", "is_sent", "number", "total")
    ):
        if grade not in GRADES:
            continue
        index = GRADES.index(grade) + 1
        unit_grades = grades[unit_id]
        unit_grades[f"grades_all_{index}"] += number
        unit_grades["score_sum_all"] += total or 0
        unit_grades["score_count_all"] += number
        if is_sent:
            unit_grades[f"grades_sent_{index}"] += number
            unit_grades["score_sum_sent"] += total or 0
            unit_grades["score_count_sent"] += number
    summaries = []
    for unit_id, row in rows.items():
        values = {name: value for name, value in row.items() if name != "unit_id"}
        values["budget"] = round_money(values["budget"] or Decimal(0))
        values["executed"] = round_money(values["executed"] or Decimal(0))
        values.update(grades.get(unit_id, {}))
        for name in ("score_sum_all", "score_sum_sent"):
            values[name] = round_money(Decimal(values.get(name, 0)))
        summaries.append(
            UnitSummary(
                round=round_, unit_id=unit_id, warning_counts=counts.get(unit_id, {}), **values
            )
        )
    stale = UnitSummary.objects.filter(round=round_)
    if unit_ids is not None:
        stale = stale.filter(unit_id__in=unit_ids)
    stale.delete()
    UnitSummary.objects.bulk_create(summaries, batch_size=BATCH)
    return len(summaries)


# ---------------------------------------------------------------------------------------------
# Rounds


def _require_bureau(actor: User) -> None:
    if not (actor.is_authenticated and actor.role in (Role.REVIEWER, Role.ADMIN)):
        raise PermissionDenied("只有财政局审核人或管理员可以开启或重算监控轮次。")


@transaction.atomic
def monitoring_round_open(
    *,
    year: int,
    deadline: datetime.date,
    actor: User,
    checkpoint_month: int | None = None,
    scheme_code: str | None = None,
    today: datetime.date | None = None,
) -> MonitoringRound:
    """Open the monitoring round of `year` at `checkpoint_month` (default the scheme's
    `monitoring_month`, 7) and create every project's report with its figures and warnings."""
    _require_bureau(actor)
    scheme = scheme_get(scheme_code or settings.JIXIAO_SCHEME)
    month = checkpoint_month or scheme.monitoring_month
    checkpoint_end(year, month)  # ValueError (Chinese) for a month outside 1–12
    if deadline <= checkpoint_end(year, month):
        raise ValidationError(
            f"填报截止日期 {deadline.isoformat()} 应晚于监控截至日 "
            f"{checkpoint_end(year, month).isoformat()}。"
        )
    if MonitoringRound.objects.filter(year=year, checkpoint_month=month).exists():
        raise ValidationError(f"{year}年1-{month}月的监控轮次已经开启，不能重复开启。")
    round_ = MonitoringRound.objects.create(
        year=year,
        checkpoint_month=month,
        deadline=deadline,
        scheme_code=scheme.code,
        opened_by=actor,
    )
    audit_record(
        actor=actor,
        action="monitoring.round_open",
        obj=round_,
        summary=f"开启{round_.label}绩效运行监控，截止 {deadline.isoformat()}",
        changes={"status": (None, round_.status), "deadline": (None, deadline)},
    )
    monitoring_round_recompute(round_=round_, today=today)
    return round_


def _departments_by_unit() -> dict[int, int | None]:
    """unit id → its supervising department's id (None when the unit sits under the bureau)."""
    return {
        unit_id: parent_id if parent_kind == OrganisationKind.DEPARTMENT else None
        for unit_id, parent_id, parent_kind in Organisation.objects.filter(
            kind=OrganisationKind.UNIT
        ).values_list("id", "parent_id", "parent__kind")
    }


@transaction.atomic
def monitoring_round_recompute(
    *, round_: MonitoringRound, today: datetime.date | None = None, actor: User | None = None
) -> int:
    """Create missing reports and recompute every report's figures and warnings of the round,
    in bulk: one GROUP BY over the ledger, one read of the indicator rows, batched writes.

    Returns the number of reports. `today` (default the local date) dates the deadline warnings.
    `actor` is checked when a person asks (a page); the command line and the round's opening
    pass none.
    """
    if actor is not None:
        _require_bureau(actor)
    today = today or timezone.localdate()
    scheme = scheme_get(round_.scheme_code)
    departments = _departments_by_unit()
    have = set(round_.reports.values_list("project_id", flat=True))
    missing = [
        MonitoringReport(
            round=round_,
            project_id=project_id,
            unit_id=unit_id,
            department_id=departments.get(unit_id),
        )
        for project_id, unit_id in Project.objects.filter(year=round_.year).values_list(
            "id", "unit_id"
        )
        if project_id not in have
    ]
    MonitoringReport.objects.bulk_create(missing, batch_size=BATCH)
    executed = dict(
        LedgerEntry.objects.filter(
            project__year=round_.year,
            date__lte=checkpoint_end(round_.year, round_.checkpoint_month),
        )
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "total")
    )
    indicators: dict[int, list[IndicatorProgressInput]] = defaultdict(list)
    for report_id, name, comparator, target, progress, band in (
        IndicatorProgress.objects.filter(report__round=round_)
        .order_by()
        .values_list(
            "report_id",
            "indicator__name",
            "indicator__comparator",
            "indicator__target",
            "progress",
            "progress_band",
        )
        .iterator(chunk_size=BATCH)
    ):
        indicators[report_id].append(indicator_input(name, comparator, target, progress, band))
    MonitoringWarning.objects.filter(round=round_).delete()
    updated: list[MonitoringReport] = []
    new_warnings: list[MonitoringWarning] = []
    count = 0
    for report in (
        MonitoringReport.objects.filter(round=round_)
        .select_related("project")
        .only(
            "id",
            "round_id",
            "project_id",
            "unit_id",
            "department_id",
            "status",
            "project__code",
            "project__budget_initial",
        )
        .iterator(chunk_size=BATCH)
    ):
        computed = report_figures(
            subject=report.project.code,
            round_=round_,
            scheme=scheme,
            budget=report.project.budget_initial,
            executed=executed.get(report.project_id) or Decimal(0),
            indicators=indicators.get(report.pk, ()),
            is_submitted=_is_submitted(report.status),
            today=today,
        )
        for name, value in computed.values.items():
            setattr(report, name, value)
        updated.append(report)
        new_warnings.extend(warning_rows(report, computed.findings))
        count += 1
        if len(updated) >= BATCH:
            MonitoringReport.objects.bulk_update(updated, REPORT_FIGURE_FIELDS)
            MonitoringWarning.objects.bulk_create(new_warnings, batch_size=BATCH)
            updated, new_warnings = [], []
    MonitoringReport.objects.bulk_update(updated, REPORT_FIGURE_FIELDS)
    MonitoringWarning.objects.bulk_create(new_warnings, batch_size=BATCH)
    unit_summaries_refresh(round_=round_)
    round_.computed_at = timezone.now()
    round_.computed_on = today
    round_.save(update_fields=["computed_at", "computed_on"])
    return count


@transaction.atomic
def monitoring_round_close(*, round_: MonitoringRound, actor: User, reason: str = "") -> None:
    """Close a round: units can no longer save or submit its reports."""
    _require_bureau(actor)
    old = round_.status
    round_.status = RoundStatus.CLOSED
    round_.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="monitoring.round_close",
        obj=round_,
        summary=f"结束{round_.label}绩效运行监控",
        changes={"status": (old, round_.status)},
        reason=reason,
    )


# ---------------------------------------------------------------------------------------------
# Reports


@dataclass(frozen=True)
class IndicatorRowInput:
    """One indicator row as entered on the form (values already parsed)."""

    indicator_id: int
    progress: Decimal | None = None
    progress_band: str = ""
    forecast: Decimal | None = None
    forecast_band: str = ""
    deviation_causes: tuple[str, ...] = ()
    likelihood: str = ""
    remarks: str = ""


def _require_unit_user(report: MonitoringReport, actor: User) -> None:
    if not (
        actor.is_authenticated
        and actor.role in UNIT_ROLES
        and actor.organisation_id == report.unit_id
    ):
        raise PermissionDenied("只有本单位的经办人或单位负责人可以填报监控表。")


def _require_editable(report: MonitoringReport) -> None:
    if report.round.status != RoundStatus.OPEN:
        raise ValidationError(f"{report.round.label}监控已结束，不能再修改。")
    if not status_is_editable(report.status):
        raise ValidationError(
            f"监控表状态为“{Status(report.status).label}”，已提交的监控表不能修改。"
        )


def _check_row(row: IndicatorRowInput, indicator: Indicator) -> list[str]:
    problems = []
    causes = set(row.deviation_causes)
    unknown = causes - set(DeviationCause.values)
    if unknown:
        problems.append(f"指标“{indicator.name}”的偏差原因“{'、'.join(sorted(unknown))}”无效。")
    if row.likelihood and row.likelihood not in Likelihood.values:
        problems.append(f"指标“{indicator.name}”的完成目标可能性“{row.likelihood}”无效。")
    for band in (row.progress_band, row.forecast_band):
        if band and band not in {item.value for item in QualitativeBand}:
            problems.append(f"指标“{indicator.name}”的定性完成情况“{band}”无效。")
    return problems


@transaction.atomic
def monitoring_report_save(
    *,
    report: MonitoringReport,
    actor: User,
    goal_progress_text: str,
    forecast_executed: Decimal | None,
    rows: Sequence[IndicatorRowInput],
    today: datetime.date | None = None,
) -> MonitoringReport:
    """Save the unit's entries of a monitoring table (draft or returned), then recompute its
    figures and warnings. Refused (nothing changes) for another unit's user, a submitted
    report, a closed round, an indicator of another project or an unknown option."""
    report = (
        MonitoringReport.objects.select_for_update()
        .select_related("round", "project")
        .get(pk=report.pk)
    )
    _require_unit_user(report, actor)
    _require_editable(report)
    indicators = {
        indicator.pk: indicator
        for indicator in Indicator.objects.filter(goal__project_id=report.project_id)
    }
    problems = []
    for row in rows:
        indicator = indicators.get(row.indicator_id)
        if indicator is None:
            problems.append(f"指标编号 {row.indicator_id} 不属于项目 {report.project.code}。")
            continue
        problems.extend(_check_row(row, indicator))
    if forecast_executed is not None and forecast_executed < 0:
        problems.append("全年预计执行数不能为负数。")
    if problems:
        raise ValidationError(problems)
    changes: dict[str, tuple[object, object]] = {}
    if report.goal_progress_text != goal_progress_text:
        changes["goal_progress_text"] = (report.goal_progress_text, goal_progress_text)
    new_forecast = round_money(forecast_executed) if forecast_executed is not None else None
    if report.forecast_executed != new_forecast:
        changes["forecast_executed"] = (report.forecast_executed, new_forecast)
    existing = {row.indicator_id: row for row in report.indicator_rows.all()}
    for row in rows:
        stored = existing.get(row.indicator_id) or IndicatorProgress(
            report=report, indicator_id=row.indicator_id
        )
        values = {
            "progress": row.progress,
            "progress_band": row.progress_band,
            "forecast": row.forecast,
            "forecast_band": row.forecast_band,
            "deviation_causes": sorted(set(row.deviation_causes), key=DeviationCause.values.index),
            "likelihood": row.likelihood,
            "remarks": row.remarks,
        }
        for name, value in values.items():
            old = getattr(stored, name)
            if stored.pk is None or old != value:
                label = indicators[row.indicator_id].name
                changes[f"{label}.{name}"] = (None if stored.pk is None else old, value)
            setattr(stored, name, value)
        stored.save()
    report.goal_progress_text = goal_progress_text
    report.forecast_executed = new_forecast
    if report.started_at is None:
        report.started_at = timezone.now()
        changes["started_at"] = (None, report.started_at)
    report.save(update_fields=["goal_progress_text", "forecast_executed", "started_at"])
    audit_record(
        actor=actor,
        action="monitoring.report_save",
        obj=report,
        project_id=report.project_id,
        summary=f"填写{report.round.label}监控表 {report.project.code}",
        changes=changes,
    )
    return monitoring_report_refresh(report, today=today)


def monitoring_report_submit_check(report: MonitoringReport) -> None:
    """Raise ValidationError listing what blocks submitting `report` (workflow hook).

    财预〔2019〕136号 附件: every indicator needs its progress to date and 完成目标可能性; where
    the target may not be met (有可能 / 完全不可能) 备注 must give the reasons and measures.
    """
    problems = []
    if report.started_at is None:
        problems.append("监控表尚未填写，请先填写并保存。")
    if report.forecast_executed is None:
        problems.append("请填写全年预计执行数。")
    rows = {row.indicator_id: row for row in report.indicator_rows.all()}
    for indicator in Indicator.objects.filter(goal__project_id=report.project_id).order_by(
        "position"
    ):
        row = rows.get(indicator.pk)
        qualitative = indicator.comparator == Comparator.QUALITATIVE
        if row is None or (row.progress_band if qualitative else row.progress) in (None, ""):
            problems.append(f"指标“{indicator.name}”未填写截至监控月执行情况。")
            continue
        if not row.likelihood:
            problems.append(f"指标“{indicator.name}”未选择完成目标可能性。")
        elif row.likelihood != Likelihood.CERTAIN and not row.remarks.strip():
            problems.append(
                f"指标“{indicator.name}”完成目标可能性为“{row.likelihood}”，"
                "请在备注中说明原因及拟采取的措施。"
            )
    if problems:
        raise ValidationError(problems)


def _transition_apply():
    """The workflow's one transition service, or None while it is not there."""
    try:
        return import_module("jixiao.workflow.services").transition_apply
    except (ImportError, AttributeError):
        return None


@transaction.atomic
def monitoring_report_submit(
    *, report: MonitoringReport, actor: User, today: datetime.date | None = None
) -> MonitoringReport:
    """Submit a monitoring table for approval, then recompute its warnings (the deadline
    warning goes). Goes through the workflow's `transition_apply` when it exists; otherwise
    moves draft/returned → submitted here with the audit event."""
    report = (
        MonitoringReport.objects.select_for_update()
        .select_related("round", "project")
        .get(pk=report.pk)
    )
    _require_unit_user(report, actor)
    _require_editable(report)
    apply = _transition_apply()
    if apply is not None:
        apply(obj=report, action="submit", actor=actor)
        report.refresh_from_db()
    else:
        monitoring_report_submit_check(report)
        old = report.status
        report.status = Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.version += 1
        report.save(update_fields=["status", "submitted_at", "version"])
        audit_record(
            actor=actor,
            action="monitoring.report_submit",
            obj=report,
            project_id=report.project_id,
            summary=f"提交{report.round.label}监控表 {report.project.code}",
            changes={"status": (old, report.status)},
        )
    if report.submitted_at is None:
        report.submitted_at = timezone.now()
        report.save(update_fields=["submitted_at"])
    return monitoring_report_refresh(report, today=today)


# ---------------------------------------------------------------------------------------------
# Reminders


@transaction.atomic
def message_send_reminders(
    *, round_: MonitoringRound, units: Sequence[Organisation], actor: User
) -> list[Message]:
    """Send each unit in `units` an in-app reminder to submit its monitoring tables, and an
    e-mail to its users where SMTP is configured (settings set EMAIL_HOST). The caller passes
    units the actor may see; a unit's user may not send reminders."""
    if not (actor.is_authenticated and actor.role in (Role.REVIEWER, Role.SUPERVISOR, Role.ADMIN)):
        raise PermissionDenied("只有审核人或管理员可以发送催报提醒。")
    if not units:
        raise ValidationError("请至少选择一个单位。")
    subject = f"请按时填报{round_.label}绩效运行监控表"
    body = (
        f"{round_.label}绩效运行监控表的填报截止日期为 {round_.deadline.isoformat()}，"
        "贵单位尚有项目未提交，请尽快填报并提交。"
    )
    email = settings.is_overridden("EMAIL_HOST") and bool(settings.EMAIL_HOST)
    messages = Message.objects.bulk_create(
        Message(unit=unit, round=round_, sender=actor, subject=subject, body=body, is_emailed=email)
        for unit in units
    )
    for message in messages:
        audit_record(
            actor=actor,
            action="monitoring.reminder_send",
            obj=message,
            summary=f"向 {message.unit.name} 发送催报提醒",
            changes={"subject": (None, subject)},
        )
    if email:
        recipients = list(
            User.objects.filter(organisation__in=units, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if recipients:
            transaction.on_commit(
                lambda: send_mail(subject, body, None, recipients, fail_silently=True)
            )
    return messages


# ---------------------------------------------------------------------------------------------
# Bulk review


@dataclass(frozen=True)
class BulkOutcome:
    """What a bulk decision did: the project codes done and (code, reason) of those refused."""

    done: list[str]
    refused: list[tuple[str, str]]


def _review_action(actor: User, decision: str) -> str:
    if decision == "return":
        return "return"
    # A supervising department approves; the finance bureau's approval is its review.
    if actor.role == Role.SUPERVISOR:
        return "approve_department"
    return "review"


def monitoring_reports_decide(
    *,
    reports: Sequence[MonitoringReport],
    actor: User,
    decision: str,
    reason: str = "",
    today: datetime.date | None = None,
) -> BulkOutcome:
    """Approve or return several submitted monitoring tables at once through the workflow's
    `transition_apply`, each in its own transaction: one refused item (wrong status, not the
    actor's turn, no reason for a return) leaves the others done and itself unchanged."""
    if decision not in ("approve", "return"):
        raise ValidationError(f"未知的审核操作“{decision}”。")
    apply = _transition_apply()
    if apply is None:
        raise ValidationError("审核流程尚未启用。")
    done: list[str] = []
    refused: list[tuple[str, str]] = []
    for report in reports:
        try:
            with transaction.atomic():
                apply(
                    obj=report,
                    action=_review_action(actor, decision),
                    actor=actor,
                    reason=reason,
                )
                report.refresh_from_db()
                monitoring_report_refresh(report, today=today)
        except ValidationError as error:
            refused.append((report.project.code, "；".join(error.messages)))
        else:
            done.append(report.project.code)
    return BulkOutcome(done, refused)
