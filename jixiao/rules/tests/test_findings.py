"""Finding is the shared shape of PRODUCT.md §6."""

from __future__ import annotations

import dataclasses
import json

import pytest

from jixiao.rules import Finding, Severity


def a_finding(**changes: object) -> Finding:
    values: dict[str, object] = {
        "rule": "weights.level1_sum",
        "severity": Severity.ERROR,
        "subject": "产出指标",
        "message": "产出指标的分值合计为 45.00，应为 50.00：请调整该一级指标下各三级指标的分值。",
        "figures": {"expected": "50.00", "actual": "45.00"},
    }
    values.update(changes)
    return Finding(**values)  # type: ignore[arg-type]


def test_it_gives_the_exact_shape_of_product_section_6() -> None:
    assert a_finding().to_dict() == {
        "rule": "weights.level1_sum",
        "severity": "error",
        "subject": "产出指标",
        "message": "产出指标的分值合计为 45.00，应为 50.00：请调整该一级指标下各三级指标的分值。",
        "figures": {"expected": "50.00", "actual": "45.00"},
    }


def test_it_gives_plain_json_ready_types() -> None:
    data = a_finding().to_dict()
    assert type(data["severity"]) is str
    assert type(data["figures"]) is dict
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_it_defaults_to_no_figures() -> None:
    finding = Finding("goal.shared_method", Severity.WARNING, "指标", "说明")
    assert finding.to_dict()["figures"] == {}


def test_it_accepts_the_severity_as_text() -> None:
    assert a_finding(severity="info").severity is Severity.INFO


@pytest.mark.parametrize(
    ("severity", "value"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info")],
)
def test_it_names_the_severities(severity: Severity, value: str) -> None:
    assert severity.value == value


def test_it_cannot_be_changed_after_creation() -> None:
    finding = a_finding()
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        finding.figures["actual"] = "50.00"  # type: ignore[index]


def test_it_does_not_share_the_callers_figures_dict() -> None:
    figures = {"actual": "45.00"}
    finding = a_finding(figures=figures)
    figures["actual"] = "0.00"
    assert finding.figures["actual"] == "45.00"


def test_it_is_equal_and_hashable_by_value() -> None:
    assert a_finding() == a_finding()
    assert len({a_finding(), a_finding()}) == 1
    assert a_finding() != a_finding(figures={"actual": "46.00"})


def test_it_refuses_figures_that_are_not_text() -> None:
    with pytest.raises(TypeError, match="figures 必须是字符串到字符串的映射"):
        a_finding(figures={"actual": 45})
