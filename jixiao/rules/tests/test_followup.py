"""Result application tables: national-2020 and dazhou-style (rules.md §6.1)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.rules.followup import (
    DAZHOU_STYLE,
    FOLLOWUP_TABLES,
    NATIONAL_2020,
    FollowupAction,
    FollowupRule,
    FollowupTable,
    RectificationState,
    followup_recommendation,
    followup_table_get,
    next_year_amount,
    rectification_closed_on_time,
    rectification_overdue_finding,
    rectification_state,
    rectified_flag,
)

P, S, IMPROVE, C, H = (
    FollowupAction.PRIORITISE,
    FollowupAction.SUPPORT,
    FollowupAction.IMPROVE,
    FollowupAction.CUT,
    FollowupAction.SUSPEND,
)


@pytest.mark.parametrize(
    ("grade", "category", "action", "label", "percent"),
    [
        ("优", "recurrent", P, "予以支持，下年优先保障", Decimal("0")),
        ("良", "continuing", P, "予以支持，下年优先保障", Decimal("0")),
        ("优", "one_off", S, "予以支持", Decimal("0")),
        ("良", "one_off", S, "予以支持", Decimal("0")),
        ("中", "recurrent", IMPROVE, "完善政策、改进管理，控制新增，根据情况核减预算", None),
        ("中", "one_off", IMPROVE, "完善政策、改进管理，根据情况核减预算", None),
        ("差", "continuing", IMPROVE, "调整支出方向和结构，减少预算或取消", None),
        ("差", "one_off", H, "下年原则上不安排同类新增项目", Decimal("-100")),
    ],
)
def test_it_follows_the_national_table(grade, category, action, label, percent) -> None:
    result = followup_recommendation(grade, category, None, NATIONAL_2020)
    assert (result.action, result.label, result.adjustment_percent) == (action, label, percent)
    assert "财预〔2020〕10号 第五章" in result.reason
    assert (result.table_code, result.table_version) == ("national-2020", 1)


@pytest.mark.parametrize(
    ("grade", "action", "label", "percent"),
    [
        ("优", P, "适当优先保障", Decimal("0")),
        ("良", S, "据实合理保障", Decimal("0")),
        ("中", C, "按 10% 比例核减下年预算", Decimal("-10")),
        ("差", H, "取消或暂停下年预算", Decimal("-100")),
    ],
)
@pytest.mark.parametrize("category", ["recurrent", "continuing", "one_off"])
def test_it_follows_the_dazhou_table(grade, category, action, label, percent) -> None:
    result = followup_recommendation(grade, category, True, DAZHOU_STYLE)
    assert (result.action, result.label, result.adjustment_percent) == (action, label, percent)
    assert "达州市商务局 S15" in result.reason
    assert result.table_code == "dazhou-style"


@pytest.mark.parametrize("table", [NATIONAL_2020, DAZHOU_STYLE])
@pytest.mark.parametrize("grade", ["优", "良", "中", "差"])
def test_it_holds_the_budget_when_not_rectified(table, grade) -> None:
    result = followup_recommendation(grade, "recurrent", False, table)
    assert result.action == FollowupAction.HOLD_UNTIL_RECTIFIED
    assert result.label == "相应调减预算或整改到位后再予安排"
    assert result.adjustment_percent is None
    assert result.reason.startswith(f"评价等级{grade}，常年性项目，整改未到位。")


def test_it_writes_the_reason_with_the_situation_and_the_source() -> None:
    result = followup_recommendation("优", "recurrent", True, NATIONAL_2020)
    assert result.reason == (
        "评价等级优，常年性项目。依据：财预〔2020〕10号 第五章：优、良根据情况予以支持；"
        "S16 省级绩效评价结果应用规定（rules.md §6.1）：常年性/延续性项目优或良下年优先保障。"
    )


@pytest.mark.parametrize("grade", ["", "A", "优秀", "良好"])
def test_it_refuses_an_unknown_grade(grade) -> None:
    with pytest.raises(ValueError, match=r"评价等级.*无效，应为 优、良、中、差 之一。"):
        followup_recommendation(grade, "recurrent", None, NATIONAL_2020)


def test_it_refuses_an_unknown_category() -> None:
    with pytest.raises(ValueError, match="项目类型“常年”无效"):
        followup_recommendation("优", "常年", None, NATIONAL_2020)


def test_it_finds_tables_by_code() -> None:
    assert followup_table_get("national-2020") is NATIONAL_2020
    assert followup_table_get("dazhou-style") is DAZHOU_STYLE
    assert set(FOLLOWUP_TABLES) == {"national-2020", "dazhou-style"}
    with pytest.raises(
        ValueError, match="未知的结果应用方案“beijing”，可选：national-2020、dazhou-style。"
    ):
        followup_table_get("beijing")


def test_it_refuses_an_incomplete_table() -> None:
    rule = FollowupRule(FollowupAction.SUPPORT, "予以支持", Decimal("0"), "test")
    with pytest.raises(ValueError, match="结果应用表 x 缺少：差/常年性、差/延续性、差/一次性。"):
        FollowupTable(
            code="x",
            version=1,
            title="x",
            cells={
                (g, c): rule
                for g in ("优", "良", "中")
                for c in ("recurrent", "continuing", "one_off")
            },
            not_rectified=rule,
        )


@pytest.mark.parametrize(
    ("budget", "percent", "expected"),
    [
        (Decimal("100000.00"), Decimal("0"), Decimal("100000.00")),
        (Decimal("100000.00"), Decimal("-10"), Decimal("90000.00")),
        (Decimal("333.33"), Decimal("-10"), Decimal("300.00")),  # 299.997 → 300.00
        (Decimal("0.05"), Decimal("-10"), Decimal("0.05")),  # 0.045 half-up → 0.05
        (Decimal("100000.00"), Decimal("-100"), Decimal("0.00")),
        (Decimal("100000.00"), Decimal("5"), Decimal("105000.00")),
        (Decimal("100000.00"), None, None),
    ],
)
def test_it_applies_the_adjustment(budget, percent, expected) -> None:
    assert next_year_amount(budget, percent) == expected


def test_it_refuses_a_cut_beyond_the_whole_budget() -> None:
    with pytest.raises(
        ValueError, match=re.escape("调整比例 -100.5% 低于 -100%，预算不能为负数。")
    ):
        next_year_amount(Decimal("100"), Decimal("-100.5"))


@given(
    budget=st.decimals(min_value=0, max_value=10**10, places=2),
    percent=st.decimals(min_value=-100, max_value=100, places=2),
)
def test_it_never_gives_a_negative_or_unrounded_amount(budget, percent) -> None:
    amount = next_year_amount(budget, percent)
    assert amount >= 0
    assert amount == amount.quantize(Decimal("0.01"))
    if percent <= 0:
        assert amount <= budget


@pytest.mark.parametrize(
    ("total", "closed", "overdue", "state", "flag"),
    [
        (0, 0, 0, RectificationState.NONE_REQUIRED, None),
        (2, 2, 0, RectificationState.CLOSED, True),
        (2, 1, 0, RectificationState.PENDING, None),
        (2, 1, 1, RectificationState.NOT_RECTIFIED, False),
    ],
)
def test_it_summarises_rectification(total, closed, overdue, state, flag) -> None:
    assert rectification_state(total=total, closed=closed, overdue=overdue) == state
    assert rectified_flag(state) is flag


DEADLINE = datetime.date(2024, 6, 30)


@pytest.mark.parametrize(
    ("answered", "on_time"),
    [(datetime.date(2024, 6, 29), True), (DEADLINE, True), (datetime.date(2024, 7, 1), False)],
)
def test_it_counts_an_answer_by_the_deadline_as_on_time(answered, on_time) -> None:
    assert rectification_closed_on_time(DEADLINE, answered) is on_time


def test_it_warns_of_an_overdue_open_item() -> None:
    finding = rectification_overdue_finding(
        subject="440111-2023-0108 资金支付进度滞后",
        owner="示例第一中学",
        deadline=DEADLINE,
        today=datetime.date(2024, 7, 3),
        is_open=True,
    )
    assert finding.to_dict() == {
        "rule": "followup.rectification_overdue",
        "severity": "warning",
        "subject": "440111-2023-0108 资金支付进度滞后",
        "message": (
            "整改事项已超过整改期限 3 天（期限 2024-06-30），请督促示例第一中学尽快报送整改情况。"
        ),
        "figures": {"deadline": "2024-06-30", "days_overdue": "3"},
    }


@pytest.mark.parametrize(
    ("today", "is_open"),
    [(DEADLINE, True), (datetime.date(2024, 6, 1), True), (datetime.date(2024, 9, 1), False)],
)
def test_it_does_not_warn_on_the_deadline_or_when_closed(today, is_open) -> None:
    assert (
        rectification_overdue_finding(
            subject="x", owner="y", deadline=DEADLINE, today=today, is_open=is_open
        )
        is None
    )
