"""`jixiao ingest FILE [--json] [--save --unit CODE]`: prints without storing; saves atomically."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jixiao.audit.models import AuditEvent
from jixiao.evaluation.models import SelfEvaluation
from jixiao.goals.models import Indicator
from jixiao.ingest.tests.helpers import REAL_REPORTS, document_text
from jixiao.ingest.tests.test_roundtrip import self_eval_xlsx
from jixiao.ledger.models import LedgerEntry
from jixiao.projects.models import Project

pytestmark = pytest.mark.django_db
UNIT = "440111-U003"


def counts() -> tuple[int, ...]:
    return (
        Project.objects.count(),
        Indicator.objects.count(),
        LedgerEntry.objects.count(),
        SelfEvaluation.objects.count(),
        AuditEvent.objects.count(),
    )


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def zhongjiang(tmp_path):
    path = tmp_path / "zhongjiang.txt"
    path.write_bytes(document_text(next(REAL_REPORTS.glob("10-*.txt"))))
    return path


@pytest.fixture
def own_table(tmp_path):
    path = tmp_path / "自评表.xlsx"
    project = Project.objects.select_related("unit__parent").get(code="440111-2023-0101")
    path.write_bytes(self_eval_xlsx(project))
    return path


def test_it_prints_the_extraction_and_findings_as_json_without_storing(zhongjiang):
    before = counts()
    output = json.loads(run(str(zhongjiang), "--json"))
    assert counts() == before
    assert list(output) == ["file", "projects", "saved"]
    (project,) = output["projects"]
    assert list(project) == [
        "kind",
        "fields",
        "components",
        "indicators",
        "fund_uses",
        "level1_headings",
        "missing",
        "unsure",
        "notes",
        "findings",
    ]
    assert project["fields"]["budget_full_year"] == {
        "value": "200000",
        "text": "202010100.00%10",
        "confidence": "unsure",
        "source": "字符 231–247",
    }
    assert output["saved"] is None
    rules = [finding["rule"] for finding in project["findings"]]
    assert "consistency.total_sum" in rules
    assert set(project["findings"][0]) == {"rule", "severity", "subject", "message", "figures"}


def test_it_prints_chinese_text_by_default(zhongjiang):
    output = run(str(zhongjiang))
    assert output.startswith("文件：zhongjiang.txt，识别到 1 个项目\n")
    assert "核查发现：" in output


def test_it_saves_a_confirmed_import_in_the_unit_and_year(own_table):
    before = counts()
    output = json.loads(run(str(own_table), "--json", "--save", "--unit", UNIT))
    saved = output["saved"]
    project = Project.objects.get(code=saved["code"])
    assert (project.unit.code, project.year) == (UNIT, 2023)
    assert saved["code"].startswith("440111-2023-")
    original = Project.objects.get(code="440111-2023-0101")
    assert (project.budget_full_year, project.executed) == (
        original.budget_full_year,
        original.executed,
    )
    assert (saved["total"], saved["grade"]) == (
        str(original.evaluation.total),
        original.evaluation.grade,
    )
    indicators = original.goal.indicators.count()
    assert counts() == (
        before[0] + 1,
        before[1] + indicators,
        before[2] + 1,
        before[3] + 1,
        counts()[4],
    )
    assert AuditEvent.objects.filter(action="ingest.save", project_id=project.pk).count() == 1


def test_it_refuses_to_save_unsure_readings_unless_confirmed(zhongjiang):
    before = counts()
    with pytest.raises(CommandError) as caught:
        run(str(zhongjiang), "--save", "--unit", UNIT)
    assert str(caught.value).startswith("未保存：有 ")
    assert "待核对" in str(caught.value)
    assert counts() == before
    output = json.loads(run(str(zhongjiang), "--json", "--save", "--unit", UNIT, "--accept-unsure"))
    project = Project.objects.get(code=output["saved"]["code"])
    assert (project.name, project.year, project.budget_full_year) == (
        "中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装项目",
        2022,
        Decimal("200000.00"),
    )
    assert project.goal.indicators.count() == 9


def test_it_refuses_a_second_import_of_the_same_project(own_table):
    run(str(own_table), "--save", "--unit", UNIT)
    before = counts()
    with pytest.raises(CommandError) as caught:
        run(str(own_table), "--save", "--unit", UNIT)
    assert "已有 2023 年度的项目" in str(caught.value)
    assert counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--save"], "保存时必须用 --unit 指定预算单位的机构代码。"),
        (["--save", "--unit", "NOPE"], "机构代码不存在：NOPE"),
        (["--save", "--unit", UNIT, "--index", "2"], "--index 应在 1 到 1 之间。"),
    ],
)
def test_it_refuses_bad_options_and_stores_nothing(own_table, args, message):
    before = counts()
    with pytest.raises(CommandError) as caught:
        run(str(own_table), *args)
    assert str(caught.value) == message
    assert counts() == before


def test_it_refuses_a_missing_or_hostile_file_and_stores_nothing(tmp_path):
    before = counts()
    with pytest.raises(CommandError) as caught:
        run(str(tmp_path / "none.xlsx"), "--save", "--unit", UNIT)
    assert str(caught.value) == f"文件不存在：{tmp_path / 'none.xlsx'}"
    hostile = tmp_path / "virus.xlsx"
    hostile.write_bytes(b"MZ" + b"\x00" * 100)
    with pytest.raises(CommandError) as caught:
        run(str(hostile), "--save", "--unit", UNIT)
    assert str(caught.value) == "文件内容是可执行程序，不是Excel（.xlsx）文件，已拒绝。"
    assert counts() == before


def test_it_stores_nothing_when_a_step_fails_midway(own_table, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("断电")

    monkeypatch.setattr("jixiao.ingest.services.self_evaluation_create", broken)
    before = counts()
    with pytest.raises(RuntimeError):
        run(str(own_table), "--save", "--unit", UNIT)
    assert counts() == before
