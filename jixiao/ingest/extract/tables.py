"""Table grids (XLSX sheets, DOCX tables, PDF tables, "|" text tables) → Extractions.

The layouts are the official ones of rules.md §2.1 (自评表) and §2.2 (绩效目标申报表) and their
local variants: labels are found by their text, not by their position, so extra rows, merged
cells and moved columns are tolerated.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.ingest.extract.labels import COMPONENTS, LEVEL1_NAMES, LEVEL2_TO_LEVEL1
from jixiao.ingest.extract.model import Cell, Extraction, Field, Row, Table
from jixiao.rules.textnum import Confidence, normalise, parse_amount, parse_percent, parse_quantity

__all__ = ["extract_tables", "pipe_tables"]

CERTAIN = Confidence.CERTAIN
UNSURE = Confidence.UNSURE

_BUDGET_COLUMNS = {
    "年初预算数": "initial",
    "全年预算数": "full_year",
    "全年执行数": "executed",
    "分值": "weight",
    "执行率": "rate",
    "得分": "score",
}
_INDICATOR_COLUMNS = [
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("指标名称", "name"),
    ("年度指标值", "target"),
    ("指标值", "target"),
    ("目标值", "target"),
    ("实际完成值", "actual"),
    ("全年实际值", "actual"),
    ("实际值", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
    ("偏差原因", "deviation"),
    ("未完成原因", "deviation"),
]
_HEADER_WORDS = {label for label, _ in _INDICATOR_COLUMNS} | {"绩效指标", "年度绩效指标"}
_YEAR = re.compile(r"(\d{4})\s*年\s*度")
_LEVEL1_HEADING = re.compile(
    r"^(产出|效益|满意度|成本)(?:指标)?\s*[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$"
)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text or ""))


def pipe_tables(text: str) -> list[Table]:
    """Tables written one cell per line, each cell ending in "|" (web pages copied as text).

    The header is the run of cells before the first empty cell; the following non-empty
    cells are cut into rows of the header's width.
    """
    tables: list[Table] = []
    lines = text.splitlines()
    index = 0
    offset = 0
    positions = []
    for line in lines:
        positions.append(offset)
        offset += len(line) + 1
    while index < len(lines):
        if not lines[index].rstrip().endswith("|"):
            index += 1
            continue
        block = []
        while index < len(lines) and lines[index].rstrip().endswith("|"):
            block.append((lines[index].rstrip()[:-1].strip(), index))
            index += 1
        header = []
        for cell, line_number in block:
            if not cell:
                break
            header.append(Cell(cell, f"行 {line_number + 1}"))
        width = len(header)
        if width < 2:
            continue
        rest = [Cell(cell, f"行 {n + 1}") for cell, n in block[width:] if cell]
        table: Table = [header]
        table += [rest[i : i + width] for i in range(0, len(rest), width)]
        tables.append(table)
    return tables


def extract_tables(tables: list[Table]) -> list[Extraction]:
    """Return one Extraction per project found in ``tables`` (split at each 项目名称 row).

    Tables without a 项目名称 row (an indicator table inside a report) give one Extraction of
    kind "report" holding what they state.
    """
    rows = [row for table in tables for row in table]
    starts = [i for i, row in enumerate(rows) if any(_squeeze(c.text) == "项目名称" for c in row)]
    if not starts:
        if not rows:
            return []
        extraction = Extraction(kind="report")
        _Grid(rows, extraction).read()
        useful = extraction.indicators or extraction.fund_uses or extraction.fields
        return [extraction] if useful else []
    results = []
    for number, start in enumerate(starts):
        begin = 0 if number == 0 else start
        end = starts[number + 1] if number + 1 < len(starts) else len(rows)
        block = rows[begin:end]
        kind = "goal_table"
        for row in block:
            for cell in row:
                text = _squeeze(cell.text)
                if "自评表" in text or text.startswith("实际完成值") or text == "全年执行数":
                    kind = "self_eval_table"
        extraction = Extraction(kind=kind)
        _Grid(block, extraction).read()
        results.append(extraction)
    return results


class _Grid:
    def __init__(self, rows: list[list[Cell]], extraction: Extraction) -> None:
        self.rows = rows
        self.extraction = extraction
        self.factor = Decimal(1)
        self.unit = "元"
        self.unit_confidence = UNSURE

    def read(self) -> None:
        self._labels()
        self._budget()
        self._goal_text()
        self._indicators()
        self._fund_uses()

    def _labels(self) -> None:
        extraction = self.extraction
        wanted = {
            "项目名称": "project_name",
            "主管部门": "department",
            "主管部门及代码": "department",
            "实施单位": "unit",
        }
        for row in self.rows:
            for index, cell in enumerate(row):
                text = _squeeze(cell.text)
                year = _YEAR.search(text)
                if year and ("表" in text or len(text) <= 12) and "year" not in extraction.fields:
                    extraction.set("year", int(year.group(1)), CERTAIN, cell.source, cell.text)
                if "项目资金" in text or "资金情况" in text:
                    if "万元" in text:
                        self.factor, self.unit, self.unit_confidence = (
                            Decimal(10000),
                            "万元",
                            CERTAIN,
                        )
                    elif "元" in text:
                        self.factor, self.unit, self.unit_confidence = Decimal(1), "元", CERTAIN
                key = wanted.get(text.rstrip(":："))
                if key is None or key in extraction.fields:
                    continue
                for other in row[index + 1 :]:
                    value = other.text.strip()
                    if value and _squeeze(value) != text and _squeeze(value) not in wanted:
                        extraction.set(
                            key, re.sub(r"\s+", " ", value), CERTAIN, other.source, value
                        )
                        break

    def _amount(self, cell: Cell) -> Field | None:
        amount = parse_amount(cell.text, self.unit)
        if amount is None:
            return None
        confidence = (
            CERTAIN if amount.confidence is CERTAIN and self.unit_confidence is CERTAIN else UNSURE
        )
        return Field(amount.yuan, confidence, cell.source, cell.text.strip())

    def _budget(self) -> None:
        extraction = self.extraction
        header_index = None
        columns: dict[int, str] = {}
        for index, row in enumerate(self.rows):
            found = {}
            for column, cell in enumerate(row):
                text = _squeeze(cell.text)
                for label, key in _BUDGET_COLUMNS.items():
                    if text.startswith(label):
                        found[column] = key
            if sum(1 for key in found.values() if key in ("initial", "full_year", "executed")) >= 2:
                header_index, columns = index, found
                break
        if header_index is None:
            self._inline_budget()
            return
        for row in self.rows[header_index + 1 : header_index + 7]:
            labels = [_squeeze(c.text) for c in row if _squeeze(c.text)]
            if not labels:
                continue
            label = next(
                (
                    t
                    for t in labels
                    if "年度资金总额" in t or any(t.endswith(n) for n in COMPONENTS)
                ),
                "",
            )
            if not label:
                break
            values: dict[str, Field] = {}
            for column, key in columns.items():
                if column >= len(row):
                    continue
                cell = row[column]
                if key in ("initial", "full_year", "executed"):
                    item = self._amount(cell)
                elif key == "rate":
                    percent = parse_percent(cell.text)
                    item = (
                        Field(percent.value, percent.confidence, cell.source, cell.text.strip())
                        if percent
                        else None
                    )
                else:
                    quantity = parse_quantity(cell.text)
                    item = (
                        Field(quantity.value, CERTAIN, cell.source, cell.text.strip())
                        if quantity and not quantity.unit
                        else None
                    )
                if item is not None:
                    values[key] = item
            if "年度资金总额" in label:
                names = {
                    "initial": "budget_initial",
                    "full_year": "budget_full_year",
                    "executed": "executed",
                    "weight": "execution_weight",
                    "rate": "execution_rate",
                    "score": "execution_score",
                }
                for key, item in values.items():
                    extraction.fields.setdefault(names[key], item)
            else:
                name = next(COMPONENTS[n] for n in COMPONENTS if label.endswith(n))
                component: Row = {"name": Field(name, CERTAIN, row[0].source, label)}
                for key in ("initial", "full_year", "executed"):
                    if key in values:
                        component[key] = values[key]
                extraction.components.append(component)

    def _inline_budget(self) -> None:
        """The goal table's "年度资金总额：20" cells (rules.md §2.2)."""
        for row in self.rows:
            for index, cell in enumerate(row):
                text = _squeeze(cell.text)
                match = re.match(r"年度资金总额[:：]?(.*)", text)
                if not match:
                    continue
                value_cell = cell
                value_text = match.group(1)
                if not value_text:
                    # "年度资金总额：" | "10": the figure in the next filled cell.
                    value_cell = next((c for c in row[index + 1 :] if c.text.strip()), cell)
                    value_text = value_cell.text
                amount = parse_amount(value_text, self.unit)
                if amount is not None:
                    self.extraction.set(
                        "budget_full_year",
                        amount.yuan,
                        self.unit_confidence,
                        value_cell.source,
                        value_text.strip(),
                    )
                    return

    def _goal_text(self) -> None:
        for index, row in enumerate(self.rows[:-1]):
            for column, cell in enumerate(row):
                text = _squeeze(cell.text)
                key = {
                    "预期目标": "annual_goal",
                    "年度目标": "annual_goal",
                    "实际完成情况": "actual_goal",
                }.get(text)
                if key is None or key in self.extraction.fields:
                    continue
                below = self.rows[index + 1]
                if column < len(below) and below[column].text.strip():
                    value = below[column].text.strip()
                    self.extraction.set(key, value, CERTAIN, below[column].source, value)

    def _indicators(self) -> None:
        extraction = self.extraction
        header_index = None
        columns: dict[str, int] = {}
        for index, row in enumerate(self.rows):
            found: dict[str, int] = {}
            for column, cell in enumerate(row):
                text = _squeeze(cell.text)
                for label, key in _INDICATOR_COLUMNS:
                    if text.startswith(label) and (
                        key != "target" or not text.startswith("指标名称")
                    ):
                        found[key] = column  # the last one wins: the 年度 half of §2.2
                        break
            if "name" in found and "target" in found:
                header_index, columns = index, found
                break
        if header_index is None:
            return
        level1 = level2 = ""
        for row in self.rows[header_index + 1 :]:
            texts = [c.text.strip() for c in row]
            first = next((_squeeze(t) for t in texts if t), "")
            if first.startswith("总分") or first.startswith("合计"):
                for key, name in (("weight", "total_weight"), ("score", "total")):
                    column = columns.get(key)
                    if column is not None and column < len(row):
                        quantity = parse_quantity(row[column].text)
                        if quantity is not None:
                            extraction.set(
                                name, quantity.value, CERTAIN, row[column].source, row[column].text
                            )
                break
            if first == "项目名称":
                break

            def cell(key: str, row: list[Cell] = row) -> Cell | None:
                column = columns.get(key)
                if column is None or column >= len(row):
                    return None
                return row[column]

            name_cell = cell("name")
            if (
                name_cell is None
                or not name_cell.text.strip()
                or _squeeze(name_cell.text) in _HEADER_WORDS
            ):
                continue
            level1_cell = cell("level1")
            if level1_cell is not None and level1_cell.text.strip():
                raw = _squeeze(level1_cell.text)
                heading = _LEVEL1_HEADING.match(raw)
                if heading:
                    level1 = heading.group(1) + "指标"
                    extraction.level1_headings[level1] = Field(
                        Decimal(heading.group(2)), CERTAIN, level1_cell.source, level1_cell.text
                    )
                else:
                    level1 = raw if raw.endswith("指标") else raw + "指标"
            level2_cell = cell("level2")
            if level2_cell is not None and level2_cell.text.strip():
                level2 = _squeeze(level2_cell.text)
                if not level1 and level2 in LEVEL2_TO_LEVEL1:
                    level1 = LEVEL2_TO_LEVEL1[level2]
            indicator: Row = {
                "name": Field(name_cell.text.strip(), CERTAIN, name_cell.source, name_cell.text)
            }
            if level1 in LEVEL1_NAMES or level1:
                indicator["level1"] = Field(
                    level1, CERTAIN, (level1_cell or name_cell).source, level1
                )
            if level2:
                indicator["level2"] = Field(
                    level2, CERTAIN, (level2_cell or name_cell).source, level2
                )
            for key in ("target", "actual", "deviation"):
                found_cell = cell(key)
                if found_cell is not None and found_cell.text.strip():
                    text = found_cell.text.strip()
                    indicator[key] = Field(text, CERTAIN, found_cell.source, text)
            for key in ("weight", "score"):
                found_cell = cell(key)
                if found_cell is not None and found_cell.text.strip():
                    quantity = parse_quantity(found_cell.text)
                    if quantity is not None and not quantity.unit:
                        indicator[key] = Field(
                            quantity.value, CERTAIN, found_cell.source, found_cell.text.strip()
                        )
                    else:
                        label = "分值" if key == "weight" else "得分"
                        extraction.notes.append(
                            f"指标“{name_cell.text.strip()}”的{label}"
                            f"“{found_cell.text.strip()}”不是数字，未读取。"
                        )
            extraction.indicators.append(indicator)

    def _fund_uses(self) -> None:
        extraction = self.extraction
        for index, row in enumerate(self.rows):
            texts = [_squeeze(c.text) for c in row]
            purpose = next((i for i, t in enumerate(texts) if "用途" in t), None)
            amount = next((i for i, t in enumerate(texts) if t.startswith("金额")), None)
            if purpose is None or amount is None:
                continue
            unit = "万元" if "万元" in texts[amount] else "元"
            for item in self.rows[index + 1 :]:
                if amount >= len(item) or purpose >= len(item):
                    break
                label = _squeeze(item[0].text) + _squeeze(item[purpose].text)
                value = parse_amount(item[amount].text, unit)
                if "合计" in label:
                    if value is not None:
                        extraction.set(
                            "fund_use_total",
                            value.yuan,
                            CERTAIN,
                            item[amount].source,
                            item[amount].text,
                        )
                    break
                if value is None or not item[purpose].text.strip():
                    continue
                extraction.fund_uses.append(
                    {
                        "purpose": Field(
                            item[purpose].text.strip(),
                            CERTAIN,
                            item[purpose].source,
                            item[purpose].text,
                        ),
                        "amount": Field(
                            value.yuan, CERTAIN, item[amount].source, item[amount].text
                        ),
                    }
                )
            return
