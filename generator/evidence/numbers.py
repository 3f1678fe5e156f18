"""Numbers as facts: every quantity with its measure word, however it is written.

12块 and １２块 and 十二块, 30余个, 1.3万平方米, 9月1日, 晚上十点 and 晚10点: the media rewrite
numbers freely (一/1, full and half width, 余/多), a reader reads them as the same fact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from generator.numerals import chinese_number

_CN = "零〇一二两三四五六七八九十百千万"
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN}]+)"
# Longest first, so that 个月 is not read as 个 and 平方米 not as 米.
_MEASURE_WORDS = """
    平方米 立方米 公里 千米 米 吨 公斤 斤 人次 个月 小时 分钟 周年 天 年 日 个 处 块 家 辆 台 起
    只 人 名 位 件 间 座 户 份 段 条 次 卷 支 所 张 棵 株 盏 根 组 批 场 项 类 期 元 袋 桶 箱 栋 幢
    层 篇 成 % 倍 岁 宗 路 条次 车次 平米 亩 部门"""
_MEASURES = sorted(_MEASURE_WORDS.split(), key=len, reverse=True)
_QUANTITY = re.compile(
    rf"(?P<pre>近|逾|超过|超|约)?(?P<num>{_NUM})(?P<mult>万)?(?P<approx>余|多)?"
    rf"(?P<unit>{'|'.join(map(re.escape, _MEASURES))})"
)
_DATE = re.compile(rf"(?P<month>{_NUM})月(?P<day>{_NUM})[日号]")
_TIME = re.compile(
    rf"(?P<part>凌晨|早上|上午|中午|下午|傍晚|晚上|夜间|夜里|深夜|晚)?(?P<num>{_NUM})(?:点|时)(?![间候段期])"
)
# Measure words that name the same thing, counted as one.
_SAME_UNIT = {"名": "人", "位": "人", "平米": "平方米", "千米": "公里", "号": "日"}
DATE, TIME = "月日", "时刻"


@dataclass(frozen=True)
class Quantity:
    """A number with its measure word, as a fact: 12块, 30余个, 近9成, 9月1日, 22点."""

    value: float
    unit: str
    approx: str = ""  # 余, 多, 近, 约, 逾, 超: the figure is rounded

    @property
    def label(self) -> str:
        if self.unit == DATE:
            return f"{int(self.value) // 100}月{int(self.value) % 100}日"
        if self.unit == TIME:
            return f"{self.value:g}点"
        if self.approx in ("余", "多"):
            return f"{self.value:g}{self.approx}{self.unit}"
        return f"{self.approx}{self.value:g}{self.unit}"

    @property
    def specific(self) -> bool:
        """A figure two reports on one subject rarely share by chance: 10 or more, or a date."""
        return self.unit == DATE or (self.unit != TIME and self.value >= 10)

    def comparable(self, other: Quantity) -> bool:
        """Counts of the same kind of thing (both 处, both dates), which can then disagree."""
        kinds = {self.unit, other.unit}
        return len(kinds) == 1 or kinds == {DATE, "日"}

    def agrees(self, other: Quantity) -> bool:
        """The same fact: equal, the same day of the month, or within a rounded 余/多/近."""
        if not self.comparable(other):
            return False
        if {self.unit, other.unit} == {DATE, "日"}:
            return int(self.value) % 100 == int(other.value) % 100
        if self.unit == TIME:
            return self.value % 12 == other.value % 12
        if self.value == other.value:
            return True
        if self.approx or other.approx:
            low, high = sorted((self.value, other.value))
            return high <= low * 1.25
        return False


def _number(text: str) -> float | None:
    """12, 3.2, 十, 二十三, 两万, 一千四百 → the value; None for what only looks like one."""
    if text[0].isdigit():
        return float(text)
    try:
        if "万" in text:
            high, _, low = text.partition("万")
            return float(chinese_number(high) * 10_000 + (chinese_number(low) if low else 0))
        return float(chinese_number(text))
    except ValueError:
        return None


def normalise(text: str) -> str:
    """Full width folded to half width, thousands separators dropped, lower case."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def quantities(text: str) -> tuple[Quantity, ...]:
    """The facts a text counts: dates, times of day and numbers with a measure word.

    Years (2026年) and counts of one (一次, 一起 for "together", 一处) are left out;
    so are numbers without a measure word (12345热线, 双十一).
    """
    text = normalise(text)
    found: list[Quantity] = []

    def blank(match: re.Match[str]) -> str:
        return "　" * len(match[0])  # keeps positions, matches nothing

    def date(match: re.Match[str]) -> str:
        month, day = _number(match["month"]), _number(match["day"])
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            found.append(Quantity(month * 100 + day, DATE))
        return blank(match)

    def clock(match: re.Match[str]) -> str:
        hour = _number(match["num"])
        if hour is not None and 0 <= hour <= 24 and hour == int(hour):
            later = match["part"] in ("下午", "傍晚", "晚上", "夜间", "夜里", "深夜", "晚")
            found.append(Quantity((hour + 12 if later and hour < 12 else hour) % 24, TIME))
        return blank(match)

    text = _DATE.sub(date, text)
    text = _TIME.sub(clock, text)
    for match in _QUANTITY.finditer(text):
        value = _number(match["num"])
        if value is None:
            continue
        if match["mult"]:
            value *= 10_000
        unit = _SAME_UNIT.get(match["unit"], match["unit"])
        if (unit in ("年", "日") and value >= 1900) or value < 2:
            continue
        found.append(Quantity(value, unit, match["approx"] or match["pre"] or ""))
    return tuple(dict.fromkeys(found))


def shared_numbers(theirs: Sequence[Quantity], ours: Sequence[Quantity]) -> tuple[Quantity, ...]:
    """Their facts that one of ours states too (each once)."""
    return tuple(q for q in dict.fromkeys(theirs) if any(q.agrees(o) for o in ours))


def conflicting_numbers(
    theirs: Sequence[Quantity], ours_title: Sequence[Quantity], ours_all: Sequence[Quantity]
) -> tuple[tuple[Quantity, Quantity], ...]:
    """Their headline's facts that contradict our headline: 8处 where we counted 5处.

    A number our text states anywhere is no conflict (the media may headline another of our
    figures), nor is one of another kind (8家 beside our 5处).
    """
    pairs = []
    for q in dict.fromkeys(theirs):
        if any(q.agrees(o) for o in ours_all):
            continue
        against = next((o for o in ours_title if q.comparable(o)), None)
        if against is not None:
            pairs.append((q, against))
    return tuple(pairs)
