"""The running text of a 自评报告: the figures it states in sentences.

"实际下达预算2596万元，全年度实际总支出2595.6208 万元，项目预算执行率99%", "综合评价得分为
99.8分", "自评等次均为优秀", "其中一级指标3个，二级指标9个，三级指标12个", the fund-use list
(序号 资金用途 金额) and the date the report was signed or closed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.ingest.extract.model import Extraction, Field, TextDoc
from jixiao.rules.textnum import (
    AMOUNT_UNITS,
    Confidence,
    chinese_count,
    find_dates,
    normalise,
)

__all__ = ["read_narrative"]

CERTAIN = Confidence.CERTAIN
UNSURE = Confidence.UNSURE

_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_AMOUNT = rf"(?P<number>{_NUM})\s*(?P<unit>亿元|万元|元)"
_GAP = r"[\s:：为是共达约计]{0,4}"
_BUDGET = [
    (
        re.compile(
            rf"(?:全\s*年\s*预\s*算\s*数?|调整后(?:的)?(?:全年)?预算(?:数)?){_GAP}{_AMOUNT}"
        ),
        CERTAIN,
    ),
    (
        re.compile(
            r"(?:实际下达预算|下达预算|年度预算安排|预算安排|年度预算|预算资金|预算总额|资金总额|"
            rf"计划投资|项目资金共|总投资|预算数){_GAP}{_AMOUNT}"
        ),
        CERTAIN,
    ),
    # "涉及一般公共预算支出282,796.90万元": an expenditure scope, not surely a budget.
    (re.compile(rf"涉及[\u4e00-\u9fff]{{0,12}}?(?:支出|资金){_GAP}{_AMOUNT}"), UNSURE),
]
_INITIAL = re.compile(rf"年\s*初\s*预\s*算(?:数|安排)?{_GAP}{_AMOUNT}")
_EXECUTED = re.compile(
    r"(?:全年执行数|执行数|实际总支出|实际支出|累计支出|已支付|已完成拨付|已拨付|总支出|"
    rf"已支出|实际使用资金|执行金额|实际执行|完成支出|支出金额|累计支付){_GAP}{_AMOUNT}"
)
_LABELLED = {
    "project_name": re.compile(r"项目名称[:：]\s*(?P<value>[^\s，。,；;]{2,60})"),
    "unit": re.compile(
        r"(?:填报单位|单位名称|实施单位|项目单位|预算单位|编报单位)[:：]\s*(?P<value>[^\s，。,；;]{2,40})"
    ),
    "department": re.compile(r"主管部门[:：]\s*(?P<value>[^\s，。,；;]{2,40})"),
}
_COUNT_TOTAL = re.compile(
    r"(?:共|设置|设定|编制)了?\s*(?P<count>\d+|[一二三四五六七八九十百两]+)\s*个(?:绩效|三级)?(?:目标)?指标"
)
_RATE = re.compile(
    rf"执\s*行\s*率[\s:：为是达到]{{0,4}}(?P<about>约|大约|近)?\s*(?P<number>{_NUM})\s*%"
)
_SCORE = re.compile(
    r"(?:综合评价得分|自评得分|评价得分|综合得分|总得分|自评总分|总分|自评分数|评价分数)"
    rf"[\s:：为是]{{0,4}}(?P<number>{_NUM})\s*分"
)
_GRADE = re.compile(
    r"(?:评价等级|自评等级|自评等次|评价等次|等级|等次|评价结果|自评结果|评定为|综合评价为)"
    r"[\s:：均为是“\"]{0,5}"
    r"(?P<grade>优秀|优等|良好|中等|合格|较差|不合格|优|良|中|差)"
)
_COUNT = re.compile(
    r"(?P<level>[一二三123])\s*级\s*指\s*标\s*(?P<count>\d+|[一二三四五六七八九十百两]+)\s*个"
)
_TITLE = re.compile(
    r"^\s*(?:[^\n。，,\d]{0,30}?(?P<year>\d{4})\s*年\s*度?)?(?P<name>[^\n。，,]{2,60}?)"
    r"(?:项目)?(?:支出)?(?:绩效)?自评(?:结果|报告|总结报告)"
)
_SIGNATURE = re.compile(
    r"(?:^|[\n\s：:])(?P<name>[\u4e00-\u9fff（）()]{2,30}?"
    r"(?:局|委员会|委|中心|医院|卫生院|学院|学校|大学|中学|小学|办公室|厅|政府|站|所|队|协会|公司))\s*$"
)
_LONE_YEAR = re.compile(r"^\s*(?P<year>20\d{2})\s*$", re.MULTILINE)


def _amount(match: re.Match[str]) -> Decimal:
    return Decimal(match.group("number").replace(",", "")) * AMOUNT_UNITS[match.group("unit")]


def read_narrative(doc: TextDoc, extraction: Extraction) -> None:
    """Add to ``extraction`` the figures the running text states (existing fields win)."""
    text = normalise(doc.text)
    if not text.strip():
        return
    where = doc.locate

    def put(name: str, value: object, confidence: Confidence, span: tuple[int, int]) -> None:
        if name not in extraction.fields:
            extraction.fields[name] = Field(value, confidence, where(*span), doc.text[slice(*span)])

    for name, pattern in _LABELLED.items():
        match = pattern.search(text)
        if match:
            put(name, match.group("value"), CERTAIN, match.span("value"))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    title = _TITLE.match(first_line)
    offset = text.find(first_line)
    if title:
        if title.group("year"):
            put(
                "year",
                int(title.group("year")),
                CERTAIN,
                (offset + title.start("year"), offset + title.end("year")),
            )
        name = title.group("name").strip()
        put(
            "project_name", name, UNSURE, (offset + title.start("name"), offset + title.end("name"))
        )
    lone = _LONE_YEAR.search(text[:200])
    if lone:
        put("year", int(lone.group("year")), UNSURE, lone.span("year"))
    year = re.search(r"(20\d{2})\s*年", text)
    if year:
        put("year", int(year.group(1)), UNSURE, year.span(1))
    match = _INITIAL.search(text)
    if match:
        put("budget_initial", _amount(match), CERTAIN, match.span())
    for pattern, confidence in _BUDGET:
        match = pattern.search(text)
        if match:
            put("budget_full_year", _amount(match), confidence, match.span())
            break
    match = _EXECUTED.search(text)
    if match:
        put("executed", _amount(match), CERTAIN, match.span())
    match = _RATE.search(text)
    if match:
        rate = Decimal(match.group("number").replace(",", ""))
        put("execution_rate", rate, UNSURE if match.group("about") else CERTAIN, match.span())
    match = _SCORE.search(text)
    if match:
        put("total", Decimal(match.group("number").replace(",", "")), CERTAIN, match.span())
    match = _GRADE.search(text)
    if match:
        put("grade", match.group("grade"), CERTAIN, match.span("grade"))
    for match in _COUNT.finditer(text):
        level = {"一": 1, "二": 2, "三": 3}.get(match.group("level")) or int(match.group("level"))
        count = chinese_count(match.group("count").replace("两", "二"))
        if count is not None:
            put(f"indicator_count_{level}", count, CERTAIN, match.span())
    if "indicator_count_3" not in extraction.fields:
        match = _COUNT_TOTAL.search(text)
        count = chinese_count(match.group("count").replace("两", "二")) if match else None
        if match and count is not None:
            put("indicator_count_3", count, UNSURE, match.span())
    dates = find_dates(text)
    if dates:
        date, span = dates[-1]
        put("report_date", date, UNSURE, (span.start, span.end))
        # The signature: an organisation's name on the line of, or just above, the last date.
        before = text[max(0, span.start - 60) : span.start].rstrip()
        signature = _SIGNATURE.search(before)
        if signature:
            start = max(0, span.start - 60) + signature.start("name")
            put(
                "unit",
                signature.group("name"),
                UNSURE,
                (start, start + len(signature.group("name"))),
            )
    if not extraction.fund_uses:
        _fund_uses(text, doc, extraction)


def _fund_uses(text: str, doc: TextDoc, extraction: Extraction) -> None:
    """A fund-use list "序号 资金用途 金额（元） / 1 … 10600 / … / 合计 99975" in running text."""
    header = re.search(r"资金用途\s*金额\s*[(（]\s*(万元|元)\s*[)）]", text)
    if header is None:
        return
    unit = AMOUNT_UNITS[header.group(1)]
    total = re.search(rf"合\s*计\s*(?P<number>{_NUM})", text[header.end() :])
    end = header.end() + total.start() if total else min(len(text), header.end() + 5000)
    block = text[header.end() : end]
    tokens = [(m.group(), m.start() + header.end()) for m in re.finditer(r"\S+", block)]
    items: list[list[tuple[str, int]]] = []
    expected = 1
    for token, position in tokens:
        if token == str(expected):
            items.append([])
            expected += 1
            continue
        if items:
            items[-1].append((token, position))
    for parts in items:
        if len(parts) < 2 or not re.fullmatch(_NUM, parts[-1][0]):
            continue
        amount_text, amount_at = parts[-1]
        purpose = "".join(token for token, _ in parts[:-1])
        start = parts[0][1]
        extraction.fund_uses.append(
            {
                "purpose": Field(purpose, CERTAIN, doc.locate(start, amount_at), purpose),
                "amount": Field(
                    Decimal(amount_text.replace(",", "")) * unit,
                    CERTAIN,
                    doc.locate(amount_at, amount_at + len(amount_text)),
                    amount_text,
                ),
            }
        )
    if total:
        start = header.end() + total.start()
        extraction.fields.setdefault(
            "fund_use_total",
            Field(
                Decimal(total.group("number").replace(",", "")) * unit,
                CERTAIN,
                doc.locate(start, header.end() + total.end()),
                total.group(),
            ),
        )
