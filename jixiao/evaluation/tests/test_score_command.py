"""`jixiao score CODE --json`: the contract of PRODUCT.md §6, on the seed project."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jixiao.demo import seed

pytestmark = pytest.mark.django_db

KEYS = [
    "code",
    "year",
    "unit",
    "scheme",
    "budget",
    "executed",
    "execution_rate",
    "execution_score",
    "indicator_score",
    "total",
    "grade",
    "indicators",
]
INDICATOR_KEYS = [
    "level1",
    "level2",
    "name",
    "comparator",
    "target",
    "measure_unit",
    "actual",
    "weight",
    "score",
    "flags",
]


def _score(*args: str) -> dict:
    out = StringIO()
    call_command("score", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_exactly_the_contract_keys_for_the_seed_project():
    data = _score("440111-2023-0001", "--json")
    assert list(data) == KEYS
    assert all(list(item) == INDICATOR_KEYS for item in data["indicators"])


def test_it_scores_the_seed_project_as_the_report_states():
    data = _score("440111-2023-0001", "--json")
    head = {key: data[key] for key in KEYS[:-1]}
    assert head == {
        "code": "440111-2023-0001",
        "year": 2023,
        "unit": "中共广州市白云区直属机关工作委员会",
        "scheme": "national-2020",
        "budget": "100000.00",
        "executed": "99975.00",
        "execution_rate": "99.98",
        "execution_score": "10.00",
        "indicator_score": "90.00",
        "total": "100.00",
        "grade": "优",
    }
    assert data["indicators"][0] == {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "党组织规范化建设覆盖率",
        "comparator": "=",
        "target": "100",
        "measure_unit": "%",
        "actual": "100",
        "weight": "12.50",
        "score": "12.50",
        "flags": [],
    }
    assert [i["name"] for i in data["indicators"]] == [row[2] for row in seed.INDICATORS]
    assert [i["level2"] for i in data["indicators"]] == [row[1] for row in seed.INDICATORS]
    assert [i["level1"] for i in data["indicators"]].count("产出指标") == 4
    assert [i["level1"] for i in data["indicators"]].count("效益指标") == 4
    assert [i["level1"] for i in data["indicators"]].count("满意度指标") == 1
    assert sum(Decimal(i["weight"]) for i in data["indicators"]) == Decimal("90.00")
    assert all(i["score"] == i["weight"] for i in data["indicators"])


def test_it_flags_shortfalls_in_a_synthetic_project():
    data = _score("440111-2023-0105", "--json")
    # a "poor" synthetic project: every quantitative indicator below target
    assert data["grade"] == "差"
    assert "needs_explanation" in data["indicators"][0]["flags"]
    assert "not_completed" in data["indicators"][0]["flags"]


def test_it_refuses_an_unknown_project_with_a_one_line_error():
    with pytest.raises(CommandError) as error:
        call_command("score", "440111-2099-9999", "--json", stdout=StringIO())
    assert str(error.value) == "项目不存在：440111-2099-9999"


def test_it_refuses_an_unknown_scheme_with_a_one_line_error():
    with pytest.raises(CommandError) as error:
        call_command("score", "440111-2023-0001", "--scheme", "nowhere-1999", stdout=StringIO())
    assert "\n" not in str(error.value)
    assert "nowhere-1999" in str(error.value)


def test_it_prints_a_readable_chinese_table_without_json():
    out = StringIO()
    call_command("score", "440111-2023-0001", stdout=out)
    text = out.getvalue()
    assert "执行率 99.98%" in text
    assert "党组织规范化建设覆盖率" in text
    assert text.rstrip().endswith("指标得分 90.00  总分 100.00  等级 优")
