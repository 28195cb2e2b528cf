"""The printed labels of the official tables (rules.md §2.1, §2.2) as whitespace-tolerant
patterns: flattened PDF text splits labels ("年初预算 数", "绩 效 指 标")."""

from __future__ import annotations

import re

__all__ = [
    "COMPONENTS",
    "LABEL_RE",
    "LEVEL1_NAMES",
    "LEVEL2_TO_LEVEL1",
    "label_name",
    "spaced",
]

# 其中 rows of the funds block → the component name jixiao stores.
COMPONENTS = {
    "当年财政拨款": "当年财政拨款",
    "本年财政拨款": "当年财政拨款",
    "财政拨款": "当年财政拨款",
    "上年结转资金": "上年结转资金",
    "上年结转": "上年结转资金",
    "其他资金": "其他资金",
}
LEVEL1_NAMES = ("产出指标", "效益指标", "满意度指标", "成本指标")
# 财预〔2015〕88号 / 财预〔2020〕10号 附件1: the level-2 categories and their level-1.
LEVEL2_TO_LEVEL1 = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "满意度指标": "满意度指标",
}

# Canonical label → its variants. Longest first when matching.
_LABELS = {
    "项目名称": ["项目名称"],
    "主管部门": ["主管部门及代码", "主管部门"],
    "实施单位": ["实施单位"],
    "负责人": ["负责人及电话", "负责人"],
    "项目资金": ["项目资金", "资金情况"],
    "年初预算数": ["年初预算数"],
    "全年预算数": ["全年预算数"],
    "全年执行数": ["全年执行数"],
    "分值": ["分值"],
    "执行率": ["执行率"],
    "得分": ["得分"],
    "年度资金总额": ["年度资金总额"],
    "中期资金总额": ["中期资金总额"],
    "其中": ["其中"],
    **{name: [name] for name in COMPONENTS},
    "年度总体目标": ["年度总体目标完成情况综述", "年初设定目标", "年度总体目标", "总体目标"],
    "预期目标": ["预期目标"],
    "实际完成情况": ["实际完成情况"],
    "绩效指标": ["绩效指标"],
    "一级指标": ["一级指标"],
    "二级指标": ["二级指标"],
    "三级指标": ["三级指标", "指标名称"],
    "年度指标值": ["年度指标值", "指标值", "目标值"],
    "实际完成值": ["实际完成值", "全年实际值", "实际值"],
    "偏差原因": ["偏差原因分析及改进措施", "未完成原因及拟采取的改进措施", "偏差原因"],
    "总分": ["总分"],
    "年度": ["年度"],
    "实际": ["实际"],
    "完成值": ["完成值"],
}
_VARIANT_TO_LABEL = {variant: label for label, variants in _LABELS.items() for variant in variants}


def spaced(word: str) -> str:
    """A pattern for ``word`` that allows whitespace between its characters."""
    return r"\s*".join(re.escape(character) for character in word)


_VARIANTS = sorted(_VARIANT_TO_LABEL, key=len, reverse=True)
# A label, with an optional "(A)", "(B)", "(B/A)" or "(万元)" tail; "项目" before 负责人 only
# when spaced off (glued "…安装项目负责人" keeps "项目" in the project name).
LABEL_RE = re.compile(
    "(?:"
    + "|".join(f"(?:{spaced(variant)})" for variant in _VARIANTS)
    + ")"
    + r"(?:\s*[(（]\s*(?:[AB](?:\s*/\s*[AB])?)\s*[)）])?"
)


def label_name(matched: str) -> str:
    """The canonical label of a matched label text ("年初预算 数" → "年初预算数")."""
    squeezed = re.sub(r"\s+|[(（].*$", "", matched)
    return _VARIANT_TO_LABEL.get(squeezed, squeezed)
