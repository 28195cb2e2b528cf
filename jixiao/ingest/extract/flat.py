"""Flattened 自评表 / 绩效目标表 text (PDF text, a spreadsheet printed to text) → Extractions.

PDF text extraction loses the grid: labels and numbers come out of order ("…得分 250000.00
250000.00 215,457.6 10 8.62 …"), cells are glued ("年度资金总额:202010100.00%10"), names are
split ("与委托运营方结算完成 … 率"). The readers here use what the genre guarantees (the column
order of rules.md §2.1, a 10-point execution weight, scores ≤ weights, 其中 rows below the total)
and mark every value whose place had to be inferred as unsure, with a note saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.ingest.extract.glued import split_glued
from jixiao.ingest.extract.labels import (
    COMPONENTS,
    LABEL_RE,
    LEVEL2_TO_LEVEL1,
    label_name,
    spaced,
)
from jixiao.ingest.extract.model import Extraction, Field, Row, TextDoc
from jixiao.rules.textnum import (
    UNIT_PATTERN,
    Confidence,
    normalise,
    parse_comparator_prefix,
    parse_target,
)

__all__ = ["extract_flat", "table_sections"]

CERTAIN = Confidence.CERTAIN
UNSURE = Confidence.UNSURE
EXECUTION_WEIGHT = Decimal(10)
MAX_INDICATORS = 500  # no real table has more; a bound on the work a hostile file can ask for
_DRIFT = 12  # 财预〔2020〕10号 附件1: the 年度资金总额 row's 分值

_TITLE = re.compile(r"(?:财政)?(?:项目支出)?绩效(?:目标)?(?:自评表|申报表|目标表)")
_YEAR = re.compile(r"[(（]\s*(\d{4})\s*年\s*度?\s*[)）]")
_MONEY_UNIT = re.compile(r"[(（]\s*(万元|元)\s*[)）]")
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEVELS = sorted([*LEVEL2_TO_LEVEL1, "产出指标", "效益指标"], key=len, reverse=True)
_LEVEL_RE = re.compile(
    "(?P<level>" + "|".join(spaced(name) for name in _LEVELS) + ")"
    r"(?:\s*[(（]\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[)）])?"
)
_COMPARATOR = r"(?:>=|<=|≥|≤|<|>|=|不少于|不低于|不超过|不高于|不多于|大于等于|小于等于|大于|小于)"
_VALUE = rf"(?:{_COMPARATOR}\s*)?{_NUM}(?:\s?(?:{UNIT_PATTERN}))?"


def table_sections(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, kind) of each table in ``text``: a title followed by 项目名称.

    kind is "self_eval_table" or "goal_table". Text before the first table belongs to it.
    """
    clean = normalise(text)
    titles = [m for m in _TITLE.finditer(clean)]
    kept = []
    for index, match in enumerate(titles):
        end = titles[index + 1].start() if index + 1 < len(titles) else len(clean)
        if re.search(spaced("项目名称"), clean[match.start() : end]):
            kind = "self_eval_table" if "自评" in match.group() else "goal_table"
            kept.append((match.start(), kind))
    sections = []
    for index, (start, kind) in enumerate(kept):
        end = kept[index + 1][0] if index + 1 < len(kept) else len(clean)
        sections.append((0 if index == 0 else start, end, kind))
    return sections


def extract_flat(doc: TextDoc) -> list[Extraction]:
    """Return one Extraction per table found in the running text ``doc``."""
    text = normalise(doc.text)
    results = []
    for start, end, kind in table_sections(text):
        reader = _Section(text, start, end, doc, Extraction(kind=kind))
        reader.read()
        results.append(reader.extraction)
    return results


@dataclass
class _Label:
    name: str
    start: int
    end: int


@dataclass
class _Section:
    text: str
    start: int
    end: int
    doc: TextDoc
    extraction: Extraction
    labels: list[_Label] = field(default_factory=list)

    def where(self, start: int, end: int) -> str:
        return self.doc.locate(start, end)

    def read(self) -> None:
        title = _TITLE.search(self.text, self.start, self.end)
        self.title_end = title.end() if title else self.start
        self._year()
        self.labels = [
            _Label(label_name(m.group()), m.start(), m.end())
            for m in LABEL_RE.finditer(self.text, self.title_end, self.end)
        ]
        self._header_names()
        indicator_start = self._first_label(("一级指标", "绩效指标"), after=self.title_end)
        self.indicator_start = indicator_start if indicator_start is not None else self.end
        self._budget()
        self._indicators()

    def _first_label(self, names: tuple[str, ...], after: int) -> int | None:
        for label in self.labels:
            if label.name in names and label.start >= after:
                return label.start
        return None

    def _year(self) -> None:
        match = _YEAR.search(self.text, self.title_end, min(self.end, self.title_end + 40))
        if match:
            self.extraction.set(
                "year", int(match.group(1)), CERTAIN, self.where(*match.span()), match.group()
            )
            self.title_end = match.end()

    def _header_names(self) -> None:
        targets = {"项目名称": "project_name", "主管部门": "department", "实施单位": "unit"}
        for index, label in enumerate(self.labels):
            key = targets.get(label.name)
            if key is None or key in self.extraction.fields:
                continue
            after_end = self.labels[index + 1].start if index + 1 < len(self.labels) else self.end
            value = _clean_name(self.text[label.end : after_end])
            if value:
                self.extraction.set(key, value, CERTAIN, self.where(label.end, after_end), value)
                continue
            before_start = self.labels[index - 1].end if index > 0 else self.title_end
            value = _clean_name(self.text[before_start : label.start])
            if value:
                # Flattened PDF text put the value before its label: read it, say so.
                self.extraction.set(
                    key, value, UNSURE, self.where(before_start, label.start), value
                )
                self.extraction.notes.append(
                    f"{label.name}的内容位于标签之前（文本顺序错乱），已按相邻文字读取，请核对。"
                )

    # ---- funds block -----------------------------------------------------------------

    def _budget(self) -> None:
        start = self._first_label(
            ("项目资金", "年初预算数", "全年预算数", "全年执行数", "年度资金总额"), self.title_end
        )
        if start is None or start >= self.indicator_start:
            return
        stop = self._first_label(("实际完成情况",), start)
        end = min(stop if stop is not None else self.end, self.indicator_start)
        unit_match = _MONEY_UNIT.search(self.text, start, end)
        self.unit = unit_match.group(1) if unit_match else "元"
        self.unit_confidence = CERTAIN if unit_match else UNSURE
        self.factor = Decimal(10000) if self.unit == "万元" else Decimal(1)
        labels = [label for label in self.labels if start <= label.start < end]
        order = [
            label.name
            for label in labels
            if label.name in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
        ]
        # The official order (rules.md §2.1), whatever order wrapped header cells print in.
        standard = ("年初预算数", "全年预算数", "全年执行数")
        self.columns = [name for name in standard if name in order] or list(standard)
        order = [name for name in (*standard, "分值", "执行率", "得分") if name in order]
        tokens = self._tokens(start, end)
        if any(t.kind == "pct" and t.value > 1000 for t in tokens):
            self._budget_glued(labels, order)
            return
        self._budget_spaced(tokens)

    def _tokens(self, start: int, end: int) -> list[_Token]:
        pattern = re.compile(
            rf"(?P<label>{LABEL_RE.pattern})|(?P<pct>{_NUM})\s*%|(?P<num>{_NUM})"
            r"|(?P<dash>[—–]+|(?<![\w-])-(?![\w-]))"
        )
        tokens: list[_Token] = []
        for match in pattern.finditer(self.text, start, end):
            if match.group("label"):
                tokens.append(_Token("label", match.span(), name=label_name(match.group())))
            elif match.group("pct"):
                tokens.append(
                    _Token("pct", match.span(), Decimal(match.group("pct").replace(",", "")))
                )
            elif match.group("num"):
                after = self.text[match.end() : match.end() + 8].lstrip()
                if (
                    after[:1]
                    and _CJK.match(after[:1])
                    and not LABEL_RE.match(after)
                    and not after.startswith(("万元", "元"))
                ):
                    continue  # "32.63公里", "3项": a number of a sentence, not a cell
                tokens.append(
                    _Token("num", match.span(), Decimal(match.group("num").replace(",", "")))
                )
            else:
                tokens.append(_Token("dash", match.span()))
        return tokens

    def _amount(self, token: _Token) -> Field:
        value = token.value * self.factor  # type: ignore[operator]
        return Field(
            value, self.unit_confidence, self.where(*token.span), self.text[slice(*token.span)]
        )

    def _budget_spaced(self, tokens: list[_Token]) -> None:
        extraction = self.extraction
        consumed: set[int] = set()
        empty_components: list[str] = []
        for index, token in enumerate(tokens):
            if token.kind != "label" or token.name not in COMPONENTS:
                continue
            values = []
            for follower in range(index + 1, min(index + 1 + len(self.columns), len(tokens))):
                if tokens[follower].kind not in ("num", "dash"):
                    break
                values.append(tokens[follower])
                consumed.add(follower)
            if values:
                self._component(COMPONENTS[token.name], values, CERTAIN)
            else:
                empty_components.append(COMPONENTS[token.name])
        numbers = []
        anchored: dict[str, _Token] = {}
        for index, token in enumerate(tokens):
            if token.kind != "num" or index in consumed:
                continue
            previous = tokens[index - 1] if index > 0 else None
            if previous and previous.kind == "label" and previous.name in ("年初预算数",):
                anchored["budget_initial"] = token
                continue
            numbers.append(token)
        if "budget_initial" in anchored:
            extraction.fields["budget_initial"] = self._amount(anchored["budget_initial"])
        wanted = [
            {
                "年初预算数": "budget_initial",
                "全年预算数": "budget_full_year",
                "全年执行数": "executed",
            }[name]
            for name in self.columns
        ]
        count = len(wanted)
        values = [t.value for t in numbers]
        regular = (
            len(numbers) >= count + 2
            and values[count] == EXECUTION_WEIGHT
            and values[count + 1] <= EXECUTION_WEIGHT
        )
        if regular:
            # rules.md §2.1 row 4 in order: a, A, B, 分值 10, 得分.
            amounts = numbers[:count]
            weight, score = numbers[count], numbers[count + 1]
            rest = numbers[count + 2 :]
            confidence = CERTAIN
        else:
            amounts, weight, score, rest = self._budget_guess(numbers)
            confidence = UNSURE
            if amounts:
                extraction.notes.append(
                    "资金表格文本顺序错乱：年初预算数、全年预算数、全年执行数、分值、得分按数值特征"
                    "推断，请核对。"
                )
        if "budget_initial" in anchored and "budget_initial" in wanted:
            if (
                len(amounts) > count - 1
                and amounts
                and amounts[0].value == anchored["budget_initial"].value
            ):
                amounts = amounts[1:]
            wanted = [name for name in wanted if name != "budget_initial"]
        for name, token in zip(wanted, amounts, strict=False):
            item = self._amount(token)
            extraction.fields[name] = Field(
                item.value, min_confidence(item.confidence, confidence), item.source, item.text
            )
        leftover = amounts[len(wanted) :] + rest
        if empty_components and len(leftover) >= len(self.columns) and len(empty_components) == 1:
            self._component(empty_components[0], leftover[: len(self.columns)], UNSURE)
            extraction.notes.append(
                f"资金来源“{empty_components[0]}”一行的数值与标签分离，已按顺序对应，请核对。"
            )
        if weight is not None:
            extraction.set(
                "execution_weight",
                weight.value,
                confidence,
                self.where(*weight.span),
                str(weight.value),
            )
        if score is not None:
            extraction.set(
                "execution_score",
                score.value,
                confidence,
                self.where(*score.span),
                str(score.value),
            )
        percents = [t for t in tokens if t.kind == "pct"]
        if percents:
            rate = percents[0]
            sure = CERTAIN if len({p.value for p in percents}) == 1 else UNSURE
            extraction.set(
                "execution_rate",
                rate.value,
                sure,
                self.where(*rate.span),
                self.text[slice(*rate.span)],
            )

    def _budget_guess(self, numbers: list[_Token]):
        """Sort out-of-order numbers: the weight is the first 10, the score a small number
        next to it or far below the amounts, the rest are amounts in order."""
        weight_index = next(
            (
                i
                for i, t in enumerate(numbers)
                if t.value == EXECUTION_WEIGHT and "." not in self.text[slice(*t.span)]
            ),
            None,
        )
        largest = max((t.value for t in numbers), default=Decimal(0))
        score_index = None
        if weight_index is not None:
            for index, token in enumerate(numbers):
                if index == weight_index or token.value > EXECUTION_WEIGHT:
                    continue
                if index == weight_index + 1 or (token.value > 0 and token.value * 100 < largest):
                    score_index = index
                    break
        amounts = [t for i, t in enumerate(numbers) if i not in (weight_index, score_index)]
        weight = numbers[weight_index] if weight_index is not None else None
        score = numbers[score_index] if score_index is not None else None
        return amounts, weight, score, []

    def _component(self, name: str, values: list[_Token], confidence: Confidence) -> None:
        keys = {"年初预算数": "initial", "全年预算数": "full_year", "全年执行数": "executed"}
        row: Row = {"name": Field(name, CERTAIN, self.where(*values[0].span), name)}
        for column, token in zip(self.columns, values, strict=False):
            if token.kind == "num":
                item = self._amount(token)
                row[keys[column]] = Field(
                    item.value, min_confidence(item.confidence, confidence), item.source, item.text
                )
        self.extraction.components.append(row)

    def _budget_glued(self, labels: list[_Label], order: list[str]) -> None:
        """Cells glued together ("202010100.00%10"): split by the header's column order."""
        kinds = {
            "年初预算数": "amount",
            "全年预算数": "amount",
            "全年执行数": "amount",
            "分值": "weight",
            "执行率": "pct",
            "得分": "score",
        }
        keys = {
            "年初预算数": "budget_initial",
            "全年预算数": "budget_full_year",
            "全年执行数": "executed",
            "分值": "execution_weight",
            "执行率": "execution_rate",
            "得分": "execution_score",
        }
        extraction = self.extraction
        for index, label in enumerate(labels):
            if label.name != "年度资金总额":
                continue
            end = labels[index + 1].start if index + 1 < len(labels) else self.indicator_start
            raw = self.text[label.end : end]
            digits = re.sub(r"^[\s:：]+|\s+$", "", raw)
            parts = split_glued(digits, [kinds[name] for name in order], EXECUTION_WEIGHT)
            if not parts:
                extraction.notes.append(f"无法拆分粘连的资金数字“{digits}”。")
                return
            where = self.where(label.end, end)
            for name, value in zip(order, parts, strict=True):
                key = keys[name]
                if kinds[name] == "amount":
                    value = value * self.factor
                extraction.set(key, value, UNSURE, where, digits)
            extraction.notes.append(f"资金行数字粘连（“{digits}”），已按表头列顺序拆分，请核对。")
            totals = [extraction.value(keys[name]) for name in order if kinds[name] == "amount"]
            amount_columns = [name for name in order if kinds[name] == "amount"]
            for other_index, other in enumerate(labels):
                if other.name not in COMPONENTS:
                    continue
                other_end = labels[other_index + 1].start if other_index + 1 < len(labels) else end
                raw_part = re.sub(r"^[\s:：]+|\s+$", "", self.text[other.end : other_end])
                if not raw_part or not raw_part[0].isdigit():
                    continue
                pieces = split_glued(
                    raw_part,
                    ["amount"] * len(amount_columns),
                    EXECUTION_WEIGHT,
                    totals=[t / self.factor for t in totals if isinstance(t, Decimal)],
                )
                if pieces:
                    row: Row = {
                        "name": Field(
                            COMPONENTS[other.name],
                            CERTAIN,
                            self.where(other.start, other.end),
                            other.name,
                        )
                    }
                    for column, piece in zip(amount_columns, pieces, strict=True):
                        column_key = {
                            "年初预算数": "initial",
                            "全年预算数": "full_year",
                            "全年执行数": "executed",
                        }[column]
                        row[column_key] = Field(
                            piece * self.factor, UNSURE, self.where(other.end, other_end), raw_part
                        )
                    extraction.components.append(row)
            return

    # ---- indicator block ---------------------------------------------------------------

    def _indicators(self) -> None:
        start, end = self.indicator_start, self.end
        if start >= end:
            return
        region = self.text[start:end]
        if len(re.findall(r"指标\s*\d+\s*[:：]", region)) >= 2:
            _Numbered(self, start, end).read()
        elif len(re.findall(r"\s", region)) < 0.03 * len(region):
            _Glued(self, start, end).read()
        else:
            _Streamed(self, start, end).read()


@dataclass
class _Token:
    kind: str
    span: tuple[int, int]
    value: Decimal | None = None
    name: str = ""


def min_confidence(first: Confidence, second: Confidence) -> Confidence:
    """The less sure of two confidences."""
    return UNSURE if UNSURE in (first, second) else CERTAIN


def _clean_name(raw: str) -> str:
    """A name cell's text: no unit parentheses, numbers or dashes; spaces inside CJK removed."""
    text = _MONEY_UNIT.sub(" ", raw)
    text = re.sub(r"[(（]\s*\d{4}\s*年\s*度?\s*[)）]", " ", text)
    text = re.sub(r"^[\s:：—\-]+|[\s:：—\-]+$", "", text)
    if re.search(r"\d", text) or len(_CJK.findall(text)) < 2:
        return ""
    return re.sub(r"(?<=[\u4e00-\u9fff()（）])\s+(?=[\u4e00-\u9fff()（）])", "", text).strip()


def _new_row(section: _Section, name: str, span: tuple[int, int], confidence: Confidence) -> Row:
    return {"name": Field(name, confidence, section.where(*span), name)}


def _level_fields(row: Row, level2: str, where: str, confidence: Confidence) -> None:
    if not level2:
        return
    row["level2"] = Field(level2, confidence, where, level2)
    level1 = LEVEL2_TO_LEVEL1.get(level2)
    if level1:
        row["level1"] = Field(level1, confidence, where, level1)


class _Numbered:
    """Rows numbered "指标1:…", "指标2:…" whose cells drift into other rows (a flattened
    spreadsheet). A value with a comparator is a target; a value in the unit of an earlier
    row's target that still lacks its actual is that actual; points (分值, 得分) go to the
    earliest row with an actual still missing them. Values placed outside their own row are
    marked unsure."""

    def __init__(self, section: _Section, start: int, end: int) -> None:
        self.section, self.start, self.end = section, start, end

    def read(self) -> None:
        section = self.section
        text = section.text
        markers = [
            m
            for m in re.finditer(r"指标\s*(\d+)\s*[:：]", text[: self.end])
            if m.start() >= self.start
        ][:MAX_INDICATORS]
        rows: list[dict] = []
        level2 = ""
        previous_number = 0
        for index, marker in enumerate(markers):
            before_start = markers[index - 1].end() if index else self.start
            for level in _LEVEL_RE.finditer(text, before_start, marker.start()):
                level2 = label_name(level.group("level"))
            number = int(marker.group(1))
            if number <= previous_number:
                previous_number = 0  # the numbering restarts under a new 二级指标
            if number - previous_number > 20:
                previous_number = number - 1  # "指标999:" is no gap of 998 lost rows
            for missing in range(previous_number + 1, number):
                placeholder: Row = {"name": Field("", UNSURE, section.where(*marker.span()), "")}
                _level_fields(placeholder, level2, section.where(*marker.span()), UNSURE)
                section.extraction.notes.append(
                    f"{level2 or '指标'}第 {missing} 项的名称在文本中丢失，请补填。"
                )
                rows.append({"row": placeholder, "start": marker.start(), "end": marker.start()})
            previous_number = number
            segment_end = markers[index + 1].start() if index + 1 < len(markers) else self.end
            name_parts = []
            offset = marker.end()
            for word in re.finditer(r"\S+", text[marker.end() : segment_end]):
                token = word.group()
                if (
                    re.fullmatch(_VALUE, token)
                    or LABEL_RE.fullmatch(token)
                    or _LEVEL_RE.fullmatch(token)
                ):
                    break
                name_parts.append(token)
                offset = marker.end() + word.end()
            row = _new_row(section, "".join(name_parts), (marker.end(), offset), CERTAIN)
            _level_fields(row, level2, section.where(*marker.span()), UNSURE)
            rows.append({"row": row, "start": offset, "end": segment_end, "real": True})
        moved = False
        value_pattern = re.compile(rf"(?P<value>{_VALUE})")
        for own, item in enumerate(rows):
            if not item.get("real"):
                continue
            for match in value_pattern.finditer(text, item["start"], item["end"]):
                moved |= self._place(rows, own, match)
        section.extraction.indicators.extend(item["row"] for item in rows)
        if moved:
            section.extraction.notes.append(
                "部分指标的数值出现在其他行（表格被扁平化），已按行序和计量单位补回，标为待核对。"
            )

    def _place(self, rows: list[dict], own: int, match: re.Match[str]) -> bool:
        """Put one value into a row; True when that row is not the one the text puts it in."""
        token = re.sub(r"\s+", "", match.group("value"))
        comparator, _ = parse_comparator_prefix(token)
        is_value = bool(re.search(rf"{_COMPARATOR}|%|{UNIT_PATTERN}", token))
        # Cells drift a few rows at most: look back a bounded distance (linear, not quadratic).
        earlier = [item["row"] for item in rows[max(0, own - _DRIFT) : own + 1]]
        following = []
        for item in rows[own + 1 :]:
            following.append(item["row"])
            if item.get("real"):
                break
        chosen, slot = None, ""
        if is_value:
            if comparator is None:
                unit = parse_target(token).unit
                for row in earlier:
                    target = row.get("target")
                    if (
                        target is not None
                        and "actual" not in row
                        and parse_target(str(target.value)).unit == unit
                    ):
                        chosen, slot = row, "actual"
                        break
            if chosen is None:
                for row in earlier + following:
                    if "target" not in row:
                        chosen, slot = row, "target"
                        break
            value: object = token
        else:
            for row in earlier:
                if "actual" in row and not ("weight" in row and "score" in row):
                    chosen, slot = row, "weight" if "weight" not in row else "score"
                    break
            if chosen is None:
                row = rows[own]["row"]
                if not ("weight" in row and "score" in row):
                    chosen, slot = row, "weight" if "weight" not in row else "score"
            value = Decimal(token.replace(",", ""))
        if chosen is None:
            return False
        inside = chosen is rows[own]["row"]
        chosen[slot] = Field(
            value, CERTAIN if inside else UNSURE, self.section.where(*match.span()), token
        )
        return not inside


_SLOTS = {"年度指标值": "target", "实际完成值": "actual", "分值": "weight", "得分": "score"}


class _Streamed:
    """Indicator rows in spaced text, in one of two shapes.

    Row by row (a text PDF read line by line): "数量指标 培训人次 ≥500人次 487人次 15 14.61 原因"
    — each row's name stands just before its values. Two streams (PDF text of a bordered
    table whose cells come out column-wise): all value rows first, the names after them —
    paired in order and marked unsure. The cell order follows the header (分值 may come
    before 年度指标值)."""

    def __init__(self, section: _Section, start: int, end: int) -> None:
        self.section, self.start, self.end = section, start, end

    def _tokens(self) -> list[tuple[str, str, tuple[int, int]]]:
        section = self.section
        pattern = re.compile(
            rf"(?P<lvl>{_LEVEL_RE.pattern})|(?P<label>{LABEL_RE.pattern})"
            rf"|(?P<value>{_VALUE})(?!\S)|(?P<word>\S+)"
        )
        tokens = []
        for match in pattern.finditer(section.text, self.start, self.end):
            if match.group("lvl"):
                name = label_name(match.group("level"))
                if match.group("points"):
                    level1 = LEVEL2_TO_LEVEL1.get(name, name)
                    section.extraction.level1_headings[level1] = Field(
                        Decimal(match.group("points")),
                        CERTAIN,
                        section.where(*match.span()),
                        match.group(),
                    )
                tokens.append(("level", name, match.span()))
            elif match.group("label"):
                tokens.append(("label", label_name(match.group()), match.span()))
            elif match.group("value"):
                squeezed = re.sub(r"\s+", "", match.group("value"))
                bare = re.fullmatch(_NUM, squeezed) is not None
                if bare:
                    tokens.append(("points", squeezed.replace(",", ""), match.span()))
                else:
                    tokens.append(("value", squeezed, match.span()))
            elif _CJK.search(match.group("word")):
                tokens.append(("word", match.group("word"), match.span()))
        return tokens

    def read(self) -> None:
        section = self.section
        extraction = section.extraction
        tokens = self._tokens()
        order = []
        for kind, name, _ in tokens:
            if kind == "label" and name in _SLOTS and _SLOTS[name] not in order:
                order.append(_SLOTS[name])
        if sorted(order) != sorted(_SLOTS.values()):
            order = ["target", "actual", "weight", "score"]
        # The 总分 row ends the table: its numbers are the total; what follows is no indicator.
        total_at = next(
            (i for i, t in enumerate(tokens) if t[0] == "label" and t[1] == "总分"), None
        )
        if total_at is not None:
            after = [t for t in tokens[total_at + 1 : total_at + 3] if t[0] == "points"]
            if len(after) == 2 and Decimal(after[1][1]) <= Decimal(after[0][1]):
                for name, token in (("total_weight", after[0]), ("total", after[1])):
                    extraction.set(
                        name, Decimal(token[1]), CERTAIN, section.where(*token[2]), token[1]
                    )
            tokens = tokens[:total_at]
        cells = [t for t in tokens if t[0] != "label"]
        rows: list[tuple[int, list]] = []  # (index of first cell, the four cells)
        index = 0
        while index < len(cells):
            window = cells[index : index + 4]
            if len(window) == 4 and self._is_row(window, order):
                rows.append((index, window))
                index += 4
            else:
                index += 1
        if not rows:
            self._names_only(cells)
            return
        preceded = sum(1 for start, _ in rows if start > 0 and cells[start - 1][0] == "word")
        if preceded * 2 >= len(rows):
            self._row_by_row(cells, rows, order)
        else:
            self._two_streams(cells, rows, order)

    @staticmethod
    def _is_row(window, order: list[str]) -> bool:
        cell = dict(zip(order, window, strict=True))
        weight, score = cell["weight"], cell["score"]
        if weight[0] != "points" or score[0] != "points":
            return False
        if Decimal(score[1]) > Decimal(weight[1]):
            return False
        target, actual = cell["target"], cell["actual"]
        if target[0] == "value" and actual[0] in ("value", "points"):
            return True
        return target[0] == "word" and actual[0] == "word" and len(target[1]) <= 8

    def _fill(self, row: Row, window, order: list[str], confidence: Confidence) -> None:
        for slot, (_kind, value, span) in zip(order, window, strict=True):
            parsed: object = Decimal(value) if slot in ("weight", "score") else value
            row[slot] = Field(parsed, confidence, self.section.where(*span), value)

    def _row_by_row(self, cells, rows, order: list[str]) -> None:
        section = self.section
        level1 = level2 = ""
        previous_end = 0
        built: list[Row] = []
        for start, window in rows:
            words = []
            for kind, value, span in cells[previous_end:start]:
                if kind == "level":
                    if value in (
                        "产出指标",
                        "效益指标",
                        "满意度指标",
                        "成本指标",
                    ) and value not in ("满意度指标",):
                        level1, level2 = value, ""
                    else:
                        level2 = value
                        level1 = LEVEL2_TO_LEVEL1.get(value, level1)
                    if built and words:
                        # Words between a row and the next categories: its 偏差原因.
                        note = "".join(word for word, _ in words)
                        built[-1]["deviation"] = Field(
                            note, CERTAIN, section.where(words[0][1][0], words[-1][1][1]), note
                        )
                    words = []  # a row's name follows its categories
                elif kind == "word":
                    words.append((value, span))
            if built and words and len(words[0][0]) <= 2 and len(words) > 1:
                # "与委托运营方结算完成 =100% … 率": the wrapped tail of the previous name.
                previous = built[-1]["name"]
                built[-1]["name"] = Field(
                    str(previous.value) + words[0][0],
                    previous.confidence,
                    previous.source,
                    str(previous.value) + words[0][0],
                )
                words = words[1:]
            if built and len(words) > 1:
                note = "".join(word for word, _ in words[:-1])
                built[-1]["deviation"] = Field(
                    note, CERTAIN, section.where(words[0][1][0], words[-2][1][1]), note
                )
                words = words[-1:]
            name, span = words[-1] if words else ("", window[0][2])
            row = _new_row(section, name, span, CERTAIN if name else UNSURE)
            where = section.where(*span)
            if level2:
                row["level2"] = Field(level2, CERTAIN, where, level2)
            if level1:
                row["level1"] = Field(level1, CERTAIN, where, level1)
            self._fill(row, window, order, CERTAIN)
            built.append(row)
            previous_end = start + 4
        trailing = [value for kind, value, _ in cells[previous_end:] if kind == "word"]
        if built and trailing:
            note = "".join(trailing)
            built[-1]["deviation"] = Field(note, UNSURE, built[-1]["name"].source, note)
        section.extraction.indicators.extend(built)

    def _two_streams(self, cells, rows, order: list[str]) -> None:
        section = self.section
        in_rows = {i for start, _ in rows for i in range(start, start + 4)}
        names: list[tuple[str, tuple[int, int]]] = []
        levels: list[tuple[str, tuple[int, int]]] = []
        stray = []
        for index, (kind, value, span) in enumerate(cells):
            if index in in_rows:
                continue
            if kind == "level":
                if value in LEVEL2_TO_LEVEL1 and value != "满意度指标":
                    levels.append((value, span))
            elif kind == "word":
                if names and len(value) <= 2:
                    # "与委托运营方结算完成 … 率": a wrapped tail of the previous name.
                    names[-1] = (names[-1][0] + value, (names[-1][1][0], span[1]))
                else:
                    names.append((value, span))
            elif index > rows[-1][0]:
                stray.append((kind, value, span))
        extraction = section.extraction
        for position, (name, span) in enumerate(names):
            row = _new_row(section, name, span, CERTAIN)
            if len(levels) == len(names):
                _level_fields(row, levels[position][0], section.where(*levels[position][1]), UNSURE)
            if position < len(rows):
                self._fill(row, rows[position][1], order, UNSURE)
            extraction.indicators.append(row)
        extraction.notes.append(
            "指标名称与数值在文本中分离，已按出现顺序配对，请逐项核对。"
            if len(rows) == len(names)
            else f"找到 {len(names)} 个指标名称和 {len(rows)} 行数值，数量不一致，请逐项核对。"
        )
        bare = [cell for cell in stray if cell[0] == "points"]
        if len(bare) >= 2 and Decimal(bare[1][1]) <= Decimal(bare[0][1]):
            weight, total = bare[0], bare[1]
            extraction.set(
                "total_weight", Decimal(weight[1]), UNSURE, section.where(*weight[2]), weight[1]
            )
            extraction.set("total", Decimal(total[1]), UNSURE, section.where(*total[2]), total[1])

    def _names_only(self, cells) -> None:
        """A table cut off before its values: the names, with their categories when the
        counts agree."""
        section = self.section
        names: list[tuple[str, tuple[int, int]]] = []
        levels: list[tuple[str, tuple[int, int]]] = []
        for kind, value, span in cells:
            if kind == "level" and value in LEVEL2_TO_LEVEL1 and value != "满意度指标":
                levels.append((value, span))
            elif kind == "word":
                if names and len(value) <= 2:
                    names[-1] = (names[-1][0] + value, (names[-1][1][0], span[1]))
                else:
                    names.append((value, span))
        for position, (name, span) in enumerate(names):
            row = _new_row(section, name, span, CERTAIN)
            if len(levels) == len(names):
                _level_fields(row, levels[position][0], section.where(*levels[position][1]), UNSURE)
            section.extraction.indicators.append(row)


class _Glued:
    """Rows glued with no spaces ("安装坡面水标尺10≥266米≥266米10"): read by a row pattern
    in the header's column order."""

    def __init__(self, section: _Section, start: int, end: int) -> None:
        self.section, self.start, self.end = section, start, end

    def read(self) -> None:
        section = self.section
        text = section.text
        header = [
            label.name
            for label in section.labels
            if self.start <= label.start < self.end
            and label.name in ("三级指标", "分值", "年度指标值", "实际完成值", "得分")
        ]
        total_at = section._first_label(("总分",), self.start)
        body_end = total_at if total_at is not None else self.end
        weight_first = (
            "分值" in header
            and "年度指标值" in header
            and header.index("分值") < header.index("年度指标值")
        )
        value = rf"(?:{_COMPARATOR})?(?:[1-9]\d*|0)(?:\.\d+)?(?:{UNIT_PATTERN})?"
        points = r"(?:100|[1-9]\d?|0)(?:\.\d{1,2})?"
        pair = (
            r"(?:(?P<tq>[\u4e00-\u9fff]{2,12})(?P=tq)"
            rf"|(?P<target>{value})(?P<actual>{value})"
            r"|(?P<tq2>[\u4e00-\u9fff]{2,12}?)(?P<aq2>[\u4e00-\u9fff]{2,12}?))"
        )
        name = r"(?P<name>[^\d≥≤<>=…]{2,60}?)"
        if weight_first:
            row_re = re.compile(rf"{name}(?P<weight>{points}){pair}(?P<score>{points})(?!\d)")
        else:
            row_re = re.compile(rf"{name}{pair}(?P<weight>{points})(?P<score>{points})(?!\d)")
        header_end = max(
            (
                label.end
                for label in section.labels
                if self.start <= label.start < body_end
                and label.name
                in (
                    "三级指标",
                    "分值",
                    "年度指标值",
                    "实际完成值",
                    "得分",
                    "偏差原因",
                    "一级指标",
                    "二级指标",
                    "绩效指标",
                )
            ),
            default=self.start,
        )
        boundaries = [m for m in _LEVEL_RE.finditer(text, header_end, body_end)]
        extraction = section.extraction
        level2 = ""
        level1 = ""
        starts = [(m.start(), m.end(), m) for m in boundaries] + [(body_end, body_end, None)]
        cursor = header_end
        for seg_start, seg_end, match in starts:
            self._rows(row_re, cursor, seg_start, level1, level2)
            if match is not None:
                found = label_name(match.group("level"))
                if match.group("points"):
                    extraction.level1_headings[LEVEL2_TO_LEVEL1.get(found, found)] = Field(
                        Decimal(match.group("points")),
                        CERTAIN,
                        section.where(*match.span()),
                        match.group(),
                    )
                if (
                    found in ("产出指标", "效益指标", "满意度指标")
                    and match.group("points") is not None
                ):
                    level1 = found
                    level2 = ""
                elif found in LEVEL2_TO_LEVEL1:
                    level2 = found
                    level1 = LEVEL2_TO_LEVEL1[found]
            cursor = seg_end
        if total_at is not None:
            tail = re.match(
                r"[\s:：]*([\d.\s]+)",
                text[
                    section.labels[
                        [lbl.start for lbl in section.labels].index(total_at)
                    ].end : self.end
                ],
            )
            if tail:
                raw = tail.group(1).strip()
                numbers = raw.split()
                if len(numbers) == 1:
                    numbers = [
                        str(v) for v in split_glued(raw, ["points", "points"], EXECUTION_WEIGHT)
                    ]
                if len(numbers) == 2:
                    where = section.where(total_at, total_at + len(tail.group(0)) + 2)
                    extraction.set("total_weight", Decimal(numbers[0]), UNSURE, where, raw)
                    extraction.set("total", Decimal(numbers[1]), UNSURE, where, raw)
        extraction.notes.append("指标表各单元格粘连，已按表头列顺序拆分，请逐项核对。")

    def _rows(
        self, row_re: re.Pattern[str], start: int, end: int, level1: str, level2: str
    ) -> None:
        section = self.section
        for match in row_re.finditer(section.text, start, end):
            target = match.group("target") or match.group("tq") or match.group("tq2")
            actual = match.group("actual") or match.group("tq") or match.group("aq2")
            sure = UNSURE if match.group("tq2") else CERTAIN
            row = _new_row(section, match.group("name").strip(), match.span("name"), CERTAIN)
            where = section.where(*match.span())
            if level2:
                row["level2"] = Field(level2, CERTAIN, where, level2)
            if level1:
                row["level1"] = Field(level1, CERTAIN, where, level1)
            row["target"] = Field(target, sure, where, target)
            row["actual"] = Field(actual, sure, where, actual)
            row["weight"] = Field(
                Decimal(match.group("weight")), UNSURE, where, match.group("weight")
            )
            row["score"] = Field(Decimal(match.group("score")), UNSURE, where, match.group("score"))
            section.extraction.indicators.append(row)
