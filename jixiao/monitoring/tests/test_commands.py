"""Commands: warnings, generate, monitoring-table."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from jixiao.accounts.models import User
from jixiao.evaluation.models import SelfEvaluation
from jixiao.ledger.models import LedgerEntry
from jixiao.monitoring.models import MonitoringReport, MonitoringWarning
from jixiao.monitoring.services import monitoring_report_save
from jixiao.monitoring.tests.conftest import SEED_CODE
from jixiao.projects.models import Project
from jixiao.workflow.states import Status

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_prints_the_warnings_as_json(round_2023, users):
    monitoring_report_save(
        report=MonitoringReport.objects.get(project__code=SEED_CODE),
        actor=users["staff"],
        goal_progress_text="",
        forecast_executed=None,
        rows=[],
    )
    data = json.loads(_run("warnings", "--year", "2023", "--json", "--unit", "440111-QZJGGW"))
    assert list(data) == ["year", "checkpoint", "computed_on", "count", "warnings"]
    # Saved without a date: today is long past the 2023 deadline, so the seed unit is overdue.
    assert (data["year"], data["checkpoint"], data["count"]) == (2023, "2023-07", 1)
    assert (data["warnings"][0]["type"], data["warnings"][0]["colour"]) == (
        "warning.deadline",
        "red",
    )
    data = json.loads(_run("warnings", "--year", "2023", "--json"))
    assert data["count"] == MonitoringWarning.objects.count()
    first = data["warnings"][0]
    assert list(first) == [
        "project",
        "project_name",
        "unit",
        "unit_name",
        "type",
        "type_name",
        "colour",
        "subject",
        "figures",
        "reason",
    ]
    assert first["colour"] == "red"


def test_it_recomputes_deadline_warnings_on_request(round_2023):
    data = json.loads(
        _run("warnings", "--year", "2023", "--json", "--recompute", "--today", "2023-08-20")
    )
    deadline = [w for w in data["warnings"] if w["type"] == "warning.deadline"]
    assert len(deadline) == MonitoringReport.objects.count()
    assert deadline[0]["figures"] == {"deadline": "2023-08-15", "days_left": "-5"}
    assert data["computed_on"] == "2023-08-20"


def test_it_prints_a_chinese_table(round_2023):
    text = _run("warnings", "--year", "2023")
    assert text.startswith("2023年1-7月绩效运行监控预警，共 ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--year", "2019"), "2019 年度没有绩效运行监控轮次。"),
        (("--year", "2023", "--unit", "NO-SUCH"), "预算单位不存在：NO-SUCH"),
        (("--year", "2023", "--checkpoint", "2023-x"), "监控轮次“2023-x”无效，应为 2023-MM。"),
    ],
)
def test_it_refuses_bad_arguments(round_2023, args, message):
    with pytest.raises(CommandError, match=message):
        _run("warnings", *args)


def test_it_generates_a_deterministic_district_in_bulk():
    text = _run(
        "generate",
        "--units",
        "6",
        "--projects-per-unit",
        "3",
        "--year",
        "2030",
        "--seed",
        "7",
        "--quiet",
    )
    assert "项目：18" in text
    projects = Project.objects.filter(code__startswith="GEN7-")
    assert projects.count() == 18
    assert LedgerEntry.objects.filter(project__in=projects).exists()
    reports = MonitoringReport.objects.filter(project__in=projects)
    assert reports.count() == 18
    first = projects.order_by("code").first()
    # The stored figures are the rules' figures: the rate to the checkpoint from the ledger.
    report = reports.get(project=first)
    assert report.budget_initial == first.budget_initial
    statuses = set(
        SelfEvaluation.objects.filter(project__in=projects).values_list("status", flat=True)
    )
    assert statuses <= set(Status.values)
    with pytest.raises(CommandError, match="种子 7 的模拟数据已经生成"):
        _run(
            "generate", "--units", "6", "--projects-per-unit", "3", "--year", "2030", "--seed", "7"
        )
    reviewer = User.objects.get(username="gen7-reviewer")
    client = Client()
    client.force_login(reviewer)
    response = client.get("/overview/?year=2030")
    assert response.context["counts"]["projects"] == 18


def test_it_refuses_zero_units():
    with pytest.raises(CommandError, match="单位数和每个单位的项目数都至少为 1。"):
        _run("generate", "--units", "0", "--projects-per-unit", "3", "--year", "2030")


def test_it_exports_the_monitoring_table(round_2023, tmp_path):
    docx_path = tmp_path / "t.docx"
    xlsx_path = tmp_path / "t.xlsx"
    _run(
        "monitoring-table",
        SEED_CODE,
        "--checkpoint",
        "2023-07",
        "--format",
        "docx",
        "-o",
        str(docx_path),
    )
    _run("monitoring-table", SEED_CODE, "--format", "xlsx", "-o", str(xlsx_path))
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "项目支出绩效目标执行监控表（2023年度）" in text
    sheet = load_workbook(str(xlsx_path)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "1-7月执行数" in values
    assert "7.2700" in values  # 72,700 元 in 万元


def test_it_refuses_a_project_without_that_round(round_2023, tmp_path):
    with pytest.raises(CommandError, match="项目 440111-2023-0001 没有监控轮次“2024-07”的监控表。"):
        _run(
            "monitoring-table",
            SEED_CODE,
            "--checkpoint",
            "2024-07",
            "--format",
            "docx",
            "-o",
            str(tmp_path / "x"),
        )
