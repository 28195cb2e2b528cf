"""Deterministic synthetic units and projects beside the seed, so every view has real work in it.

Names are plainly fictional (示例…). The same call always yields the same data: a fixed
`random.Random` seed drives every choice, and no clock or database state is read.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from jixiao.projects.models import Category
from jixiao.workflow.states import Status

# (supervising department or None, unit name, short name)
UNITS = (
    ("示例区教育局", "示例区第一中学", "示例第一中学"),
    ("示例区教育局", "示例区第二小学", "示例第二小学"),
    ("示例区教育局", "示例区中心幼儿园", "示例幼儿园"),
    ("示例区卫生健康局", "示例区社区卫生服务中心", "示例卫生服务中心"),
    ("示例区卫生健康局", "示例区疾病预防控制中心", "示例疾控中心"),
    (None, "示例区示例街道办事处", "示例街道办事处"),
    (None, "示例区文化馆", "示例文化馆"),
    (None, "示例区图书馆", "示例图书馆"),
    (None, "示例区农业农村服务中心", "示例农业服务中心"),
    (None, "示例区交通运输局", "示例交通运输局"),
    (None, "示例区退役军人服务中心", "示例退役军人服务中心"),
    (None, "示例区城市管理综合执法局", "示例城管执法局"),
)

PROJECT_THEMES = (
    "教师培训专项经费",
    "校园安全保障经费",
    "公共卫生服务补助经费",
    "基层文化活动经费",
    "图书资源购置经费",
    "农业技术推广经费",
    "道路养护专项资金",
    "社区治理专项经费",
    "信息化系统运维经费",
    "志愿服务活动经费",
    "环境卫生整治经费",
    "办公设备购置经费",
)

# (一级, 二级, 三级, comparator, target, unit) — common indicators by 二级 category.
INDICATOR_TEMPLATES = (
    ("产出指标", "数量指标", "开展培训及活动场次", "≥", Decimal("24"), "场"),
    ("产出指标", "质量指标", "项目验收合格率", "≥", Decimal("95"), "%"),
    ("产出指标", "时效指标", "按期完成率", "=", Decimal("100"), "%"),
    ("产出指标", "成本指标", "人均服务成本", "≤", Decimal("800"), "元/人"),
    ("效益指标", "社会效益指标", "服务覆盖人数", "≥", Decimal("3000"), "人"),
    ("效益指标", "可持续影响指标", "长效管理机制建立", "定性", None, ""),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", Decimal("90"), "%"),
)
WEIGHTS = (
    Decimal("15"),
    Decimal("15"),
    Decimal("10"),
    Decimal("10"),
    Decimal("15"),
    Decimal("15"),
    Decimal("10"),
)

# How well a project did: the share of each target reached, and the execution ratio.
PERFORMANCE = {
    "excellent": (Decimal("1.00"), Decimal("0.97")),
    "good": (Decimal("0.86"), Decimal("0.90")),
    "medium": (Decimal("0.68"), Decimal("0.72")),
    "poor": (Decimal("0.40"), Decimal("0.45")),
}
BANDS = {
    "excellent": "达成年度指标",
    "good": "达成年度指标",
    "medium": "部分达成年度指标并具有一定效果",
    "poor": "未达成年度指标且效果较差",
}


@dataclass(frozen=True)
class SyntheticIndicator:
    level1: str
    level2: str
    name: str
    comparator: str
    target: Decimal | None
    measure_unit: str
    weight: Decimal
    actual: Decimal | None
    band: str


@dataclass(frozen=True)
class SyntheticProject:
    unit_index: int
    code: str
    name: str
    year: int
    category: Category
    budget: Decimal
    ledger: tuple[tuple[datetime.date, str, Decimal], ...]
    indicators: tuple[SyntheticIndicator, ...]
    goal_status: Status
    evaluation_status: Status | None
    performance: str


def synthetic_projects(year: int = 2023, per_unit: int = 3) -> list[SyntheticProject]:
    """The synthetic projects of `year`, `per_unit` for each of UNITS, always the same."""
    rng = random.Random(20230101 + year)
    levels = ("excellent", "excellent", "good", "good", "medium", "poor")
    statuses = (
        Status.ACCEPTED,
        Status.HEAD_APPROVED,
        Status.HEAD_APPROVED,
        Status.DEPARTMENT_APPROVED,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.DRAFT,
        None,
    )
    projects = []
    serial = 0
    for unit_index in range(len(UNITS)):
        for _ in range(per_unit):
            serial += 1
            performance = levels[serial % len(levels)]
            share, execution = PERFORMANCE[performance]
            budget = Decimal(rng.randrange(20, 400) * 5000)
            executed_target = (budget * execution).quantize(Decimal("1"))
            theme = PROJECT_THEMES[(unit_index + serial) % len(PROJECT_THEMES)]
            projects.append(
                SyntheticProject(
                    unit_index=unit_index,
                    code=f"440111-{year}-{serial + 100:04d}",
                    name=f"{UNITS[unit_index][2]}{theme}",
                    year=year,
                    category=(Category.RECURRENT, Category.CONTINUING, Category.ONE_OFF)[
                        serial % 3
                    ],
                    budget=budget,
                    ledger=_ledger(rng, year, executed_target),
                    indicators=_indicators(rng, share, performance),
                    goal_status=Status.ACCEPTED,
                    evaluation_status=statuses[serial % len(statuses)],
                    performance=performance,
                )
            )
    return projects


def _ledger(
    rng: random.Random, year: int, total: Decimal
) -> tuple[tuple[datetime.date, str, Decimal], ...]:
    """Four to eight payments over the year that add up exactly to `total`."""
    count = rng.randint(4, 8)
    cuts = sorted(rng.sample(range(1, 100), count - 1))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    amounts = [(total * share / 100).quantize(Decimal("0.01")) for share in shares]
    amounts[-1] += total - sum(amounts)
    purposes = (
        "采购服务",
        "劳务费",
        "印刷费",
        "场地租赁",
        "设备购置",
        "培训费",
        "差旅费",
        "材料费",
    )
    entries = []
    for index, amount in enumerate(amounts):
        month = min(12, 2 + index * 10 // count + rng.randint(0, 1))
        entries.append(
            (datetime.date(year, month, rng.randint(1, 28)), purposes[index % 8], amount)
        )
    return tuple(sorted(entries))


def _indicators(
    rng: random.Random, share: Decimal, performance: str
) -> tuple[SyntheticIndicator, ...]:
    indicators = []
    for (level1, level2, name, comparator, target, unit), weight in zip(
        INDICATOR_TEMPLATES, WEIGHTS, strict=True
    ):
        jitter = Decimal(rng.randint(-4, 4)) / 100
        if comparator == "定性":
            actual, band = None, BANDS[performance]
        elif comparator == "≤":
            # a cost: over target when the project did badly
            factor = Decimal(1) - abs(jitter) if share >= 1 else Decimal(2) - share + abs(jitter)
            actual, band = (target * factor).quantize(Decimal("1")), ""
        else:
            reached = min(Decimal(1), share + jitter) if share < 1 else Decimal(1)
            actual, band = (target * reached).quantize(Decimal("0.1")), ""
        indicators.append(
            SyntheticIndicator(level1, level2, name, comparator, target, unit, weight, actual, band)
        )
    return tuple(indicators)
