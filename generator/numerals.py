"""Chinese numerals as laws write them, and the labels and anchors of regulation articles (条).

`第三十条` ↔ 30 ↔ the anchor `#art-30`: validation reads citations with it, the regulation
pages anchor their headings with it, feeds and posters label citations with it.
"""

from __future__ import annotations

import re

from generator.messages import msg

_DIGITS = {
    "零": 0,
    "〇": 0,
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
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = r"([0-9]+|[零〇一二两三四五六七八九十百千]+)"
_ARTICLE = re.compile(rf"第?\s*{_NUMERAL}\s*条?")
ARTICLE_HEADING = re.compile(rf"^(#{{2,6}})\s*第\s*{_NUMERAL}\s*条(.*)$", re.M)


def chinese_number(text: str) -> int:
    """一百零一 → 101, 十 → 10, 三十 → 30, 九百九十九 → 999 (ValueError otherwise).

    Only numerals as laws write them are read: `一二`, `一百一` (101 or 110?) and `二十零一`
    are refused rather than guessed. 两 may stand for 二 and 〇 for 零.
    """
    wrong = ValueError(msg("law.bad_chinese_number", value=text))
    if text in ("零", "〇"):
        return 0
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        raise wrong
    total, digit, last_unit = 0, None, 10_000
    zero = after_zero = False  # a 零 is pending / the pending digit came after one
    for index, char in enumerate(text):
        if char in _UNITS:
            unit = _UNITS[char]
            if unit >= last_unit or zero or (digit is None and (unit != 10 or index)):
                raise wrong  # 十百, 零十, 百 alone or 一百十
            # 零 stands for skipped places: 一千零一十, not 一百零一十; none skipped without it.
            skipped = last_unit != 10_000 and unit * 10 < last_unit
            if skipped != after_zero:
                raise wrong
            total += (digit or 1) * unit
            digit, last_unit, after_zero = None, unit, False
        elif _DIGITS[char] == 0:
            if zero or digit is not None or not index:
                raise wrong
            zero = True
        else:
            if digit is not None:
                raise wrong
            digit, after_zero, zero = _DIGITS[char], zero, False
    if zero:
        raise wrong
    if digit is not None:
        skipped = last_unit not in (10, 10_000)
        if skipped != after_zero:
            raise wrong  # 一百一 or 二十零一
        total += digit
    return total


def parse_article_number(value: object) -> int:
    """`30`, `"30"`, `"第30条"`, `"第三十条"` → 30; ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(msg("law.bad_number", value=value))
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        match = _ARTICLE.fullmatch(value.strip())
        if not match:
            raise ValueError(msg("law.bad_number", value=value))
        raw = match[1]
        number = int(raw) if raw.isdigit() else chinese_number(raw)
    else:
        raise ValueError(msg("law.bad_number", value=value))
    if not 1 <= number <= 9999:
        raise ValueError(msg("law.number_range", number=number))
    return number


def article_label(number: int) -> str:
    """30 → 第三十条, the way the regulations themselves write it."""
    return f"第{_to_chinese(number)}条"


def _to_chinese(number: int) -> str:
    digits = "零一二三四五六七八九"
    if 10 <= number < 20:
        return "十" + (digits[number % 10] if number % 10 else "")
    text, zero_pending = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit == 0:
            zero_pending = bool(text)
            continue
        if zero_pending:
            text += "零"
            zero_pending = False
        text += digits[digit] + name
    return text or digits[0]


def anchor_headings(body: str) -> str:
    """Give every `### 第四十条 …` heading the stable anchor `{#art-40}` (attr_list)."""

    def anchor(match: re.Match[str]) -> str:
        raw = match[2]
        number = int(raw) if raw.isdigit() else chinese_number(raw)
        rest = re.sub(r"\s*\{[^}]*\}\s*$", "", match[3])
        return f"{match[1]} {article_label(number)}{rest} {{#art-{number}}}"

    return ARTICLE_HEADING.sub(anchor, body, count=0) if "第" in body else body
