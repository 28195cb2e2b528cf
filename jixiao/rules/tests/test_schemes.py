"""Schemes: national-2020 and its settings (财预〔2020〕10号 + PRODUCT.md §4)."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from jixiao.rules import (
    DEFAULT_SCHEME_CODE,
    GRADES,
    NATIONAL_2020,
    SCHEMES,
    GradeBand,
    MissingSatisfaction,
    QualitativeBand,
    ReverseFormula,
    Scheme,
    UnknownScheme,
    scheme_get,
)


def test_it_sets_the_national_2020_defaults() -> None:
    scheme = NATIONAL_2020
    assert scheme.code == "national-2020"
    assert scheme.version == 1
    assert "财预〔2020〕10号" in scheme.title
    assert "财预〔2020〕10号" in scheme.source
    assert scheme.execution_weight == Decimal(10)
    assert dict(scheme.level1_weights) == {
        "产出指标": Decimal(50),
        "效益指标": Decimal(30),
        "满意度指标": Decimal(10),
    }
    assert list(scheme.level1_weights) == ["产出指标", "效益指标", "满意度指标"]
    assert dict(scheme.level2_by_level1) == {
        "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
        "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
        "满意度指标": ("服务对象满意度指标",),
    }
    assert scheme.reverse_formula is ReverseFormula.RATIO
    assert scheme.over_achievement_ratio == Decimal("1.30")
    assert dict(scheme.qualitative_default_share) == {
        QualitativeBand.ACHIEVED: Decimal("1.00"),
        QualitativeBand.PARTIAL: Decimal("0.70"),
        QualitativeBand.NOT_ACHIEVED: Decimal("0.30"),
    }
    assert scheme.missing_satisfaction is MissingSatisfaction.TO_BENEFIT
    assert scheme.grade_bands == (
        GradeBand("优", Decimal(90)),
        GradeBand("良", Decimal(80)),
        GradeBand("中", Decimal(60)),
        GradeBand("差", Decimal(0)),
    )
    assert scheme.monitoring_month == 7


def test_it_names_the_grades_in_the_order_of_the_bands() -> None:
    assert GRADES == ("优", "良", "中", "差")
    assert tuple(band.grade for band in NATIONAL_2020.grade_bands) == GRADES


def test_it_names_the_settings_values() -> None:
    assert [formula.value for formula in ReverseFormula] == ["ratio", "deviation"]
    assert [option.value for option in MissingSatisfaction] == ["to_benefit", "pro_rata"]


def test_it_registers_national_2020_as_the_default() -> None:
    assert DEFAULT_SCHEME_CODE == "national-2020"
    assert scheme_get(DEFAULT_SCHEME_CODE) is NATIONAL_2020
    assert dict(SCHEMES) == {"national-2020": NATIONAL_2020}


def test_it_refuses_an_unknown_scheme_code_listing_the_known_ones() -> None:
    with pytest.raises(UnknownScheme) as caught:
        scheme_get("guangdong-2023")
    assert isinstance(caught.value, KeyError)
    assert str(caught.value) == "未知的评价方案“guangdong-2023”，可用的方案有：national-2020。"


def test_it_keeps_the_registry_read_only() -> None:
    with pytest.raises(TypeError):
        SCHEMES["x"] = NATIONAL_2020  # type: ignore[index]


def test_it_keeps_a_scheme_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        NATIONAL_2020.execution_weight = Decimal(20)  # type: ignore[misc]
    with pytest.raises(TypeError):
        NATIONAL_2020.level1_weights["产出指标"] = Decimal(60)  # type: ignore[index]
    with pytest.raises(TypeError):
        NATIONAL_2020.qualitative_default_share[QualitativeBand.PARTIAL] = Decimal(1)  # type: ignore[index]


def test_it_hashes_a_scheme_by_value() -> None:
    copy = NATIONAL_2020.with_settings()
    assert copy == NATIONAL_2020
    assert hash(copy) == hash(NATIONAL_2020)
    assert len({copy, NATIONAL_2020}) == 1


def test_it_derives_a_variant_without_touching_the_original() -> None:
    variant = NATIONAL_2020.with_settings(
        code="test-deviation", reverse_formula=ReverseFormula.DEVIATION
    )
    assert variant.reverse_formula is ReverseFormula.DEVIATION
    assert variant.code == "test-deviation"
    assert NATIONAL_2020.reverse_formula is ReverseFormula.RATIO
    assert variant != NATIONAL_2020


def test_it_accepts_settings_given_as_their_codes() -> None:
    variant = NATIONAL_2020.with_settings(
        reverse_formula="deviation", missing_satisfaction="pro_rata"
    )
    assert variant.reverse_formula is ReverseFormula.DEVIATION
    assert variant.missing_satisfaction is MissingSatisfaction.PRO_RATA


def test_it_gives_the_level1_targets_with_a_satisfaction_indicator() -> None:
    assert NATIONAL_2020.level1_weight_targets(has_satisfaction=True) == {
        "产出指标": Decimal("50.00"),
        "效益指标": Decimal("30.00"),
        "满意度指标": Decimal("10.00"),
    }


def test_it_moves_the_missing_satisfaction_points_to_benefit_by_default() -> None:
    # PRODUCT.md §4 default: no 满意度 indicator → its 10 points go to 效益.
    assert NATIONAL_2020.level1_weight_targets(has_satisfaction=False) == {
        "产出指标": Decimal("50.00"),
        "效益指标": Decimal("40.00"),
        "满意度指标": Decimal("0.00"),
    }


def test_it_splits_the_missing_satisfaction_points_pro_rata_when_set() -> None:
    scheme = NATIONAL_2020.with_settings(missing_satisfaction=MissingSatisfaction.PRO_RATA)
    assert scheme.level1_weight_targets(has_satisfaction=False) == {
        "产出指标": Decimal("56.25"),
        "效益指标": Decimal("33.75"),
        "满意度指标": Decimal("0.00"),
    }


def test_it_keeps_a_pro_rata_split_that_does_not_divide_evenly_exact() -> None:
    thirds = NATIONAL_2020.with_settings(
        execution_weight=Decimal(0),
        level1_weights={
            "产出指标": Decimal(50),
            "效益指标": Decimal(25),
            "满意度指标": Decimal(25),
        },
        missing_satisfaction=MissingSatisfaction.PRO_RATA,
    ).level1_weight_targets(has_satisfaction=False)
    assert thirds == {
        "产出指标": Decimal("66.67"),
        "效益指标": Decimal("33.33"),
        "满意度指标": Decimal("0.00"),
    }
    assert sum(thirds.values()) == Decimal(100)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"execution_weight": Decimal(20)}, "合计为 110.00，应为 100.00"),
        ({"level1_weights": {"产出指标": Decimal(60), "效益指标": Decimal(30)}}, "名称不一致"),
        (
            {
                "level1_weights": {
                    "产出指标": Decimal(-10),
                    "效益指标": Decimal(80),
                    "满意度指标": 10,
                }
            },
            "分值不能为负数",
        ),
        ({"over_achievement_ratio": Decimal("0.9")}, "超额完成的判定倍数不能小于 1"),
        (
            {"qualitative_default_share": {QualitativeBand.ACHIEVED: Decimal(1)}},
            "必须覆盖全部三个档次",
        ),
        (
            {
                "qualitative_default_share": {
                    QualitativeBand.ACHIEVED: Decimal("1.00"),
                    QualitativeBand.PARTIAL: Decimal("0.80"),
                    QualitativeBand.NOT_ACHIEVED: Decimal("0.30"),
                }
            },
            "默认得分比例 0.80 不在该档区间内",
        ),
        (
            {"grade_bands": (GradeBand("差", Decimal(0)), GradeBand("优", Decimal(90)))},
            "等级下限必须从高到低排列",
        ),
        ({"grade_bands": ()}, "等级下限必须从高到低排列"),
        (
            {"grade_bands": (GradeBand("优", Decimal(90)), GradeBand("优", Decimal(0)))},
            "等级名称不能重复",
        ),
        ({"monitoring_month": 13}, "运行监控月份应在 1 到 12 之间"),
        ({"execution_weight": 10.0}, "不接受浮点数"),
    ],
)
def test_it_refuses_an_incoherent_scheme(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        NATIONAL_2020.with_settings(**changes)


def test_it_refuses_to_move_satisfaction_points_to_a_missing_benefit_level() -> None:
    with pytest.raises(ValueError, match="没有效益指标"):
        NATIONAL_2020.with_settings(
            level1_weights={"产出指标": Decimal(80), "满意度指标": Decimal(10)},
            level2_by_level1={"产出指标": ("数量指标",), "满意度指标": ("服务对象满意度指标",)},
        )


def test_it_accepts_a_region_variant_with_its_own_bands() -> None:
    # rules.md §1.5 [V2]: one deployed configuration grades ≥80 优, [70,80) 良, [60,70) 中.
    variant = NATIONAL_2020.with_settings(
        code="test-v2-bands",
        grade_bands=(
            GradeBand("优", Decimal(80)),
            GradeBand("良", Decimal(70)),
            GradeBand("中", Decimal(60)),
            GradeBand("差", Decimal(0)),
        ),
    )
    assert isinstance(variant, Scheme)
    assert variant.grade_bands[0] == GradeBand("优", Decimal(80))
