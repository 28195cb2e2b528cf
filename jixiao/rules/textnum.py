"""Numbers, units, comparators and dates read from messy report text (pure, no Django).

Real 自评表 and 自评报告 arrive as flattened PDF text, spreadsheets and Word files: amounts in 元
or 万元 with thousands separators, full-width digits and symbols (１２３，．％＞≥＝), traditional
characters (預算/執行/指標), approximations ("约100%"). These functions never guess silently:
every value carries a ``Confidence`` and the ``Span`` of the text it was read from.

``normalise`` maps character for character, so a span found in the normalised text is also the
span in the original text.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from jixiao.rules.vocabulary import Comparator

__all__ = [
    "AMOUNT_UNITS",
    "UNIT_PATTERN",
    "Amount",
    "Confidence",
    "Quantity",
    "Span",
    "Target",
    "chinese_count",
    "find_dates",
    "find_quantities",
    "normalise",
    "parse_amount",
    "parse_comparator_prefix",
    "parse_percent",
    "parse_quantity",
    "parse_target",
]


class Confidence(StrEnum):
    """How sure a reading is: certain (read as written) or unsure (a guess to confirm)."""

    CERTAIN = "certain"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) in the text a value was read from."""

    start: int
    end: int

    def shifted(self, offset: int) -> Span:
        """Return the span moved by ``offset`` characters."""
        return Span(self.start + offset, self.end + offset)


# Full-width ASCII (U+FF01–U+FF5E) to ASCII, the ideographic space to a space, and the
# look-alike comparators to the canonical ones: one character for one, so spans survive.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20})
_SYMBOLS = {"≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤", "﹪": "%", "﹤": "<", "﹥": ">"}
# Traditional → simplified for the words of the performance tables (預算/執行/指標 …).
_TRADITIONAL = (
    "預预算算執执標标數数實实際际績绩評评價价總总額额項项資资門门單单決决結结轉转撥拨財财級级"
    "產产質质時时滿满經经濟济會会態态續续響响計计劃划達达據据過过與与為为萬万億亿體体務务"
    "費费設设確确職职專专區区縣县鎮镇衛卫發发農农貼贴獎奖學学補补號号織织況况認认證证優优"
    "長长興兴務务護护環环節节進进開开關关運运營营點点證证場场號号應应對对從从後后來来種种"
    "擬拟採采識识個个機机構构組组參参測测導导業业醫医療疗傳传報报險险養养戶户鄉乡復复權权"
    "單单責责於于論论議议車车輛辆歲岁齡龄講讲僅仅價价覆覆蓋盖員员"
)
_SIMPLIFY = {_TRADITIONAL[i]: _TRADITIONAL[i + 1] for i in range(0, len(_TRADITIONAL) - 1, 2)}
_TABLE = str.maketrans({**{chr(k): chr(v) for k, v in _WIDTH.items()}, **_SYMBOLS, **_SIMPLIFY})


def normalise(text: str) -> str:
    """Return ``text`` with full-width forms, look-alike symbols and traditional characters of
    the table vocabulary replaced, one character for one (offsets are preserved)."""
    return text.translate(_TABLE)


# Amount units and their factor to 元.
AMOUNT_UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}
# Units seen after indicator values, longest first so "人次" wins over "人".
_UNITS = sorted(
    [
        *AMOUNT_UNITS,
        "%",
        "‰",
        "人次",
        "万人",
        "人",
        "次",
        "个",
        "种",
        "公里",
        "千米",
        "平方米",
        "立方米",
        "厘米",
        "毫米",
        "米",
        "户",
        "例",
        "件",
        "天",
        "个月",
        "小时",
        "家",
        "所",
        "项",
        "份",
        "场",
        "分",
        "亩",
        "册",
        "台",
        "套",
        "辆",
        "座",
        "处",
        "篇",
        "期",
        "批",
        "名",
        "位",
        "吨",
        "株",
        "本",
        "条",
        "张",
        "间",
        "所",
        "校",
        "村",
        "年",
        "月",
        "日",
        "周",
        "课时",
        "学时",
        "元/人",
        "元/年",
    ],
    key=len,
    reverse=True,
)
_UNIT_PATTERN = "|".join(re.escape(unit) for unit in _UNITS)
UNIT_PATTERN = _UNIT_PATTERN  # for callers that build their own patterns (the importer)
# A number: grouped by "," in threes or plain digits, with a fraction; not glued to a digit.
_NUMBER = r"(?<![\d.])[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_QUANTITY = re.compile(rf"(?P<number>{_NUMBER})(?P<space>[ \t]*)(?P<unit>{_UNIT_PATTERN})?")
_APPROXIMATE_BEFORE = re.compile(r"(约|大约|近|接近|超过|达到约|逾)\s*$")
_APPROXIMATE_AFTER = re.compile(r"^\s*(左右|以上|余|多)")


@dataclass(frozen=True)
class Quantity:
    """A number read from text, with its unit ("" when none) and where it stands.

    ``decimals`` is the number of decimals as written (so "86.19%" can be compared at 0.01);
    ``is_approximate`` marks "约100%", "100%左右"; such readings are ``UNSURE``.
    """

    value: Decimal
    unit: str
    text: str
    span: Span
    confidence: Confidence
    decimals: int
    is_approximate: bool = False

    @property
    def is_percent(self) -> bool:
        """True for a value written with "%"."""
        return self.unit == "%"


def _decimal(number_text: str) -> Decimal | None:
    """Return the Decimal of a matched number text, or None if it is not a finite number."""
    try:
        value = Decimal(number_text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def find_quantities(text: str) -> list[Quantity]:
    """Return every number in ``text`` with its unit, in order of appearance.

    Full-width digits and traditional characters are accepted (``normalise``). A number
    preceded by 约/近/超过 or followed by 左右/以上 is approximate and unsure.
    """
    clean = normalise(text)
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(clean):
        value = _decimal(match.group("number"))
        if value is None:
            continue
        unit = match.group("unit") or ""
        end = match.end() if unit else match.end("number")
        approximate = bool(
            _APPROXIMATE_BEFORE.search(clean[max(0, match.start() - 4) : match.start()])
            or _APPROXIMATE_AFTER.match(clean[end : end + 3])
        )
        number_text = match.group("number")
        decimals = len(number_text.split(".")[1]) if "." in number_text else 0
        found.append(
            Quantity(
                value=value,
                unit=unit,
                text=text[match.start() : end],
                span=Span(match.start(), end),
                confidence=Confidence.UNSURE if approximate else Confidence.CERTAIN,
                decimals=decimals,
                is_approximate=approximate,
            )
        )
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Return the one number (with its unit) that ``text`` consists of, or None.

    Surrounding whitespace and approximation words are allowed ("约 100%"); any other text
    besides the number and its unit gives None, so a cell like "100人次以上培训" is not
    silently read as 100.
    """
    clean = normalise(text)
    quantities = find_quantities(text)
    if len(quantities) != 1:
        return None
    quantity = quantities[0]
    rest = (clean[: quantity.span.start] + clean[quantity.span.end :]).strip()
    rest = re.sub(r"^(约|大约|近|接近)|(左右)$", "", rest).strip()
    if rest:
        return None
    return quantity


def parse_percent(text: str) -> Quantity | None:
    """Return the percentage ``text`` states ("86.19%", "约100%", "１００．００％"), or None."""
    quantity = parse_quantity(text)
    if quantity is None or not quantity.is_percent:
        return None
    return quantity


@dataclass(frozen=True)
class Amount:
    """An amount of money: ``yuan`` in 元 and the figure as ``stated`` in its ``unit``."""

    yuan: Decimal
    stated: Decimal
    unit: str
    text: str
    span: Span
    confidence: Confidence
    decimals: int


def parse_amount(text: str, default_unit: str | None = None) -> Amount | None:
    """Return the amount ``text`` states, converted to 元, or None when it is not one number.

    "215,457.6" with ``default_unit="元"`` → 215457.6 元 (certain: the table says 元);
    "207.4538万元" → 2074538 元; a bare number with no unit and no default → unsure, read as 元.
    A dash ("—", "-") is not an amount (None).
    """
    quantity = parse_quantity(text)
    if quantity is None:
        return None
    unit = quantity.unit or default_unit
    if unit not in AMOUNT_UNITS:
        if quantity.unit:
            return None  # "12人" is no amount
        unit = "元"
        confidence = Confidence.UNSURE
    else:
        confidence = quantity.confidence
    return Amount(
        yuan=quantity.value * AMOUNT_UNITS[unit],
        stated=quantity.value,
        unit=unit,
        text=quantity.text,
        span=quantity.span,
        confidence=confidence,
        decimals=quantity.decimals,
    )


_COMPARATOR_PREFIX = re.compile(
    r"^\s*(?P<symbol>>=|<=|≥|≤|>|<|==|=|不少于|不低于|大于等于|大于或等于|至少|"
    r"不多于|不高于|不超过|小于等于|小于或等于|大于|高于|超过|小于|低于|等于)\s*"
)
_PREFIX_MEANING = {
    ">=": Comparator.GE,
    "≥": Comparator.GE,
    "不少于": Comparator.GE,
    "不低于": Comparator.GE,
    "大于等于": Comparator.GE,
    "大于或等于": Comparator.GE,
    "至少": Comparator.GE,
    "<=": Comparator.LE,
    "≤": Comparator.LE,
    "不多于": Comparator.LE,
    "不高于": Comparator.LE,
    "不超过": Comparator.LE,
    "小于等于": Comparator.LE,
    "小于或等于": Comparator.LE,
    ">": Comparator.GT,
    "大于": Comparator.GT,
    "高于": Comparator.GT,
    "超过": Comparator.GT,
    "<": Comparator.LT,
    "小于": Comparator.LT,
    "低于": Comparator.LT,
    "=": Comparator.EQ,
    "==": Comparator.EQ,
    "等于": Comparator.EQ,
}


def parse_comparator_prefix(text: str) -> tuple[Comparator | None, int]:
    """Return the comparator ``text`` starts with and the offset where the value begins.

    ">=90%", "≥90%", "＞＝90％", "不少于12种" are read; (None, 0) when there is none.
    """
    match = _COMPARATOR_PREFIX.match(normalise(text))
    if match is None:
        return None, 0
    return _PREFIX_MEANING[match.group("symbol")], match.end()


@dataclass(frozen=True)
class Target:
    """A 年度指标值 or 实际完成值 cell: comparator, value and unit, or a qualitative text.

    ``comparator`` is None when the cell states none (a bare "100%"): the reading is then
    unsure. Qualitative cells ("显著提升", "及时", "是") have ``is_qualitative`` and no value.
    """

    text: str
    comparator: Comparator | None
    value: Decimal | None
    unit: str
    is_qualitative: bool
    confidence: Confidence
    decimals: int = 0

    @property
    def has_comparator(self) -> bool:
        """True when the cell itself writes a comparator ("≥266米")."""
        return self.comparator is not None and not self.is_qualitative


def parse_target(text: str) -> Target:
    """Read a 年度指标值 / 实际完成值 cell.

    "≥266米" → (≥, 266, 米); "=100%" → (=, 100, %); "不少于12 种" → (≥, 12, 种);
    "38508人" → (None, 38508, 人) unsure; "显著提升" → qualitative; "" → qualitative, unsure.
    A cell with several numbers ("116次 6次") is unsure and keeps only the first.
    """
    stripped = text.strip()
    comparator, offset = parse_comparator_prefix(stripped)
    rest = stripped[offset:]
    quantity = parse_quantity(rest)
    if quantity is not None:
        return Target(
            text=stripped,
            comparator=comparator,
            value=quantity.value,
            unit=quantity.unit,
            is_qualitative=False,
            confidence=(
                quantity.confidence
                if comparator is not None and quantity.confidence is Confidence.CERTAIN
                else Confidence.UNSURE
            ),
            decimals=quantity.decimals,
        )
    quantities = find_quantities(rest)
    if quantities:
        first = quantities[0]
        return Target(
            text=stripped,
            comparator=comparator,
            value=first.value,
            unit=first.unit,
            is_qualitative=False,
            confidence=Confidence.UNSURE,
            decimals=first.decimals,
        )
    return Target(
        text=stripped,
        comparator=Comparator.QUALITATIVE,
        value=None,
        unit="",
        is_qualitative=True,
        confidence=Confidence.CERTAIN if stripped else Confidence.UNSURE,
    )


_CHINESE_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_count(text: str) -> int | None:
    """Return the integer written as ``text``: "12", "十二", "二十三", "九", "一百"; else None."""
    text = normalise(text.strip())
    if text.isdigit() and text.isascii():
        return int(text)
    if not text or any(c not in _CHINESE_DIGITS and c not in "十百" for c in text):
        return None
    total = 0
    current = 0
    for character in text:
        if character == "百":
            total += (current or 1) * 100
            current = 0
        elif character == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _CHINESE_DIGITS[character]
    return total + current


def _year_number(text: str) -> int | None:
    """A year written in digits or in Chinese digits (二〇二二)."""
    text = normalise(text)
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 4 and all(c in _CHINESE_DIGITS for c in text):
        return int("".join(str(_CHINESE_DIGITS[c]) for c in text))
    return None


_CN = "〇零○一二三四五六七八九十"
_DATE = re.compile(
    rf"(?P<year>\d{{4}}|[{_CN}]{{4}})\s*年\s*(?P<month>\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*"
    rf"(?P<day>\d{{1,2}}|[{_CN}]{{1,3}})\s*日"
    rf"(?:\s*(?:至|到|-|—|~)\s*(?:(?P<month2>\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*)?"
    rf"(?P<day2>\d{{1,2}}|[{_CN}]{{1,3}})\s*日)?"
)


def find_dates(text: str) -> list[tuple[datetime.date, Span]]:
    """Return every full date in ``text`` ("2022年12月30日", "二〇二二年十二月三十日").

    A range "2022年12月6日至8日" gives both ends. Impossible dates are skipped.
    """
    clean = normalise(text)
    found: list[tuple[datetime.date, Span]] = []
    for match in _DATE.finditer(clean):
        year = _year_number(match.group("year"))
        month = chinese_count(match.group("month"))
        day = chinese_count(match.group("day"))
        if year is None or month is None or day is None:
            continue
        try:
            first = datetime.date(year, month, day)
        except ValueError:
            continue
        found.append((first, Span(match.start(), match.end("day") + 1)))
        if match.group("day2"):
            month2 = chinese_count(match.group("month2")) if match.group("month2") else month
            day2 = chinese_count(match.group("day2"))
            if month2 is not None and day2 is not None:
                with contextlib.suppress(ValueError):
                    found.append(
                        (datetime.date(year, month2, day2), Span(match.start(), match.end()))
                    )
    return found
