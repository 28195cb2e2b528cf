"""`jixiao check-goals CODE [--json]`: the seed's goal findings in the shape of PRODUCT.md §6."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

SEED = "440111-2023-0001"


def _vague(subject: str, words: list[str]) -> dict:
    quoted = "、".join(f"“{word}”" for word in words)
    return {
        "rule": "goal.vague",
        "severity": "warning",
        "subject": subject,
        "message": (
            f"“{subject}”的评价标准使用了{quoted}等笼统表述，没有可衡量的数值："
            "请写明达到什么数值算完成，如“项目验收合格率 ≥ 95%”。"
        ),
        "figures": {"words": "、".join(words), "fields": "评价标准"},
    }


SEED_FINDINGS = [
    _vague("党组织规范化建设覆盖率", ["加强"]),
    _vague("党的政治建设和正风肃纪覆盖率", ["加强", "全面"]),
    _vague("党组织书记述职评议考核按时完成率", ["推进", "全面", "深入", "强化"]),
    {
        "rule": "goal.cost_not_cost",
        "severity": "warning",
        "subject": "“三重一大”事项按规定审批率",
        "message": (
            "成本指标““三重一大”事项按规定审批率”（计量单位“%”）衡量的不是成本：请改为以金额"
            "计量的成本，如“人均培训成本 ≤ 800 元/人”“单位造价 ≤ 3000 元/平方米”，或把该指标"
            "移到质量、时效等合适的二级指标。"
        ),
        "figures": {"measure_unit": "%"},
    },
    _vague("党建与业务融合覆盖率", ["促进", "充分", "深度"]),
    _vague("思想政治和作风保障覆盖率", ["有力"]),
    _vague("协助人居环境综合整治覆盖率", ["提升"]),
    _vague("路线方针政策贯彻落实覆盖率", ["推进", "全面", "深入"]),
    {
        "rule": "goal.shared_method",
        "severity": "warning",
        "subject": "全部指标",
        "message": (
            "9 个指标中有 8 个使用同一评价方法“检视党组织执行覆盖率”：请为每个指标写明各自的"
            "数据来源和计算方法，如“查阅培训签到表，统计参训人次”。"
        ),
        "figures": {"method": "检视党组织执行覆盖率", "count": "8", "total": "9"},
    },
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("check-goals", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_seed_findings_as_json_exactly():
    assert json.loads(run(SEED, "--json")) == SEED_FINDINGS


def test_it_prints_exactly_the_finding_keys():
    for finding in json.loads(run(SEED, "--json")):
        assert list(finding) == ["rule", "severity", "subject", "message", "figures"]


def test_it_prints_a_chinese_table_for_people():
    lines = run(SEED).splitlines()
    assert lines[0] == "项目：440111-2023-0001 机关党建及群团专项经费（2023 年度）"
    assert lines[1] == "目标状态：已通过  指标 9 项"
    assert lines[-1] == "合计：错误 0 项，警告 9 项，提示 0 项"
    assert sum("goal.vague" in line for line in lines) == 7


def test_it_says_so_when_nothing_is_wrong(draft_goal):
    assert run(draft_goal.project.code).splitlines()[-1] == "未发现问题。"
    assert json.loads(run(draft_goal.project.code, "--json")) == []


def test_it_refuses_an_unknown_project_in_one_line():
    with pytest.raises(CommandError) as refused:
        run("440111-2099-9999", "--json")
    assert str(refused.value) == "项目不存在：440111-2099-9999"


def test_it_is_found_by_the_console_command_despite_the_hyphen(tmp_path):
    # Django imports command modules with importlib, so "check-goals.py" is a command name.
    completed = subprocess.run(
        [sys.executable, "-m", "jixiao.manage", "check-goals", "--help"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        env={"PATH": "/usr/bin:/bin", "JIXIAO_DATA_DIR": str(tmp_path)},
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert "检查项目绩效目标" in completed.stdout
