"""import_problems and import_save: what blocks a save, and that a refused save changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.accounts.models import Organisation
from jixiao.ingest.extract import Extraction, Field
from jixiao.ingest.services import ImportRefused, import_problems, import_save
from jixiao.ingest.tests.test_ingest_command import counts
from jixiao.rules.textnum import Confidence

C = Confidence.CERTAIN


def field(value) -> Field:
    return Field(value, C, "测试", str(value))


def extraction(**changes) -> Extraction:
    fields = {
        "project_name": field("测试项目"),
        "year": field(2023),
        "budget_full_year": field(Decimal(100000)),
        "executed": field(Decimal(90000)),
    }
    indicator = {
        "level1": field("产出指标"),
        "level2": field("数量指标"),
        "name": field("培训人次"),
        "target": field("≥500人次"),
        "actual": field("487人次"),
        "weight": field(Decimal(50)),
    }
    fields.update(changes.pop("fields", {}))
    indicator.update(changes.pop("indicator", {}))
    return Extraction(kind="self_eval_table", fields=fields, indicators=[indicator])


def test_it_accepts_a_complete_extraction():
    assert import_problems(extraction()) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"fields": {"project_name": field("")}}, "缺少项目名称。"),
        ({"fields": {"year": field(1999)}}, "缺少年度或年度不在 2000–2100 之间。"),
        (
            {"fields": {"budget_full_year": field(Decimal(10) ** 15)}},
            "全年预算数 1000000000000000 元超出可保存的范围。",
        ),
        ({"fields": {"executed": field(Decimal(-1))}}, "全年执行数不能为负数。"),
        (
            {"indicator": {"level1": field("其他指标")}},
            "第 1 个指标“培训人次”的一级指标应为产出指标、效益指标、满意度指标之一。",
        ),
        (
            {"indicator": {"weight": field(Decimal("12.345"))}},
            "第 1 个指标“培训人次”缺少分值，或分值不在 0–100 之间（最多两位小数）。",
        ),
        (
            {"indicator": {"target": field("≥100000000000000000人次")}},
            "第 1 个指标“培训人次”的年度指标值 100000000000000000 超出可保存的范围。",
        ),
    ],
)
def test_it_names_what_blocks_a_save(changes, problem):
    assert problem in import_problems(extraction(**changes))


def test_it_asks_to_confirm_unsure_readings():
    unsure = extraction(fields={"executed": Field(Decimal(90000), Confidence.UNSURE, "字符 1–5")})
    assert import_problems(unsure) == [
        "有 1 项读取结果待核对（executed）：请在预览中确认或更正后再保存。"
    ]
    assert import_problems(unsure, accept_unsure=True) == []


@pytest.mark.django_db
def test_it_refuses_a_bad_extraction_and_stores_nothing():
    before = counts()
    unit = Organisation.objects.get(code="440111-U001")
    with pytest.raises(ImportRefused) as caught:
        import_save(extraction=extraction(fields={"year": field(1999)}), unit=unit)
    assert caught.value.problems == ["缺少年度或年度不在 2000–2100 之间。"]
    assert counts() == before
