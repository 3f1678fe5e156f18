"""Headline similarity: titles without the outlets' dressing, compared by edit distance.

Why rapidfuzz rather than difflib: its scores are true normalised edit distances (difflib's
ratio is a longest-block heuristic that can differ with argument order), it has the two other
views a newsroom's rewrite needs (`partial_ratio` for a title the paper shortened or padded,
`token_sort_ratio` for a headline whose two halves were swapped), and it is C++.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

_PREFIXES = (
    re.compile(r"^[【\[\u3014\uff3b]([^】\]\u3015\uff3d]{1,15})[】\]\u3015\uff3d]\s*"),  # 【武义】
    re.compile(r"^(?:本报|本台|本网|本刊)讯\s*[:：]?\s*"),
    re.compile(r"^[\u4e00-\u9fff]{2,4}讯\s*[:：]?\s*"),  # 武义讯
    re.compile(r"^[\u4e00-\u9fff]{1,6}\s*[|\uff5c丨]\s*"),  # 视频丨 武义丨
    re.compile(r"^(?:图片新闻|图文|视频|短视频|快讯|现场)\s*[:：]\s*"),
    re.compile(r"^(?:武义|金华|浙江)\s*[:：]\s*"),  # 武义：…
)
_TRAILERS = (
    re.compile(r"\s*[(（]\s*(?:图|组图|多图|视频|图文|附视频)\s*[)）]$"),
    re.compile(r"\s*(?:[-—\u2013_|\uff5c丨]+)\s*([^-—\u2013_|\uff5c丨]{2,15})$"),  # —今日武义
)
_SITE_WORDS = ("网", "报", "台", "新闻", "在线", "客户端", "频道", "武义", "金华", "浙江", "首页")


def strip_title(title: str, outlet_names: Iterable[str] = ()) -> str:
    """A headline without the outlet's dressing: 【武义】, 武义讯, 本报讯, 视频丨, —今日武义."""
    names = tuple(outlet_names)
    text = unicodedata.normalize("NFKC", title).strip()
    changed = True
    while changed:
        changed = False
        for pattern in _PREFIXES:
            stripped = pattern.sub("", text, count=1)
            if stripped != text and len(stripped) >= 4:
                text, changed = stripped, True
        for pattern in _TRAILERS:
            match = pattern.search(text)
            if not match or len(text) - len(match[0]) < 4:
                continue
            tail = match.groups()[0] if match.groups() else None
            if tail is None or any(n in tail for n in names) or any(w in tail for w in _SITE_WORDS):
                text, changed = text[: match.start()], True
    return text


def _words(title: str) -> str:
    """Letters, digits and CJK only, full width folded to half width, spaces between runs."""
    kept = []
    for ch in unicodedata.normalize("NFKC", title).lower():
        kind = unicodedata.category(ch)[0]
        kept.append(ch if kind in "LN" else " ")
    return " ".join("".join(kept).split())


def normalise_title(title: str, outlet_names: Iterable[str] = ()) -> str:
    """The form titles are compared in: dressing stripped, punctuation and spaces removed."""
    return _words(strip_title(title, outlet_names)).replace(" ", "")


@dataclass(frozen=True)
class Headline:
    """A title in the two forms it is compared in, made once per title."""

    compact: str  # dressing stripped, punctuation and spaces removed
    words: str  # the same with spaces between runs (its halves, for reordering)

    @classmethod
    def of(cls, title: str, outlet_names: Iterable[str] = ()) -> Headline:
        words = _words(strip_title(title, tuple(outlet_names)))
        return cls(words.replace(" ", ""), words)


def similarity(ours: str, theirs: str, outlet_names: Iterable[str] = ()) -> float:
    """Confidence (0 to 1) that two headlines are the same piece (see `compare`)."""
    names = tuple(outlet_names)
    return compare(Headline.of(ours, names), Headline.of(theirs, names))


def compare(ours: Headline, theirs: Headline) -> float:
    """Confidence (0 to 1) that two headlines are the same piece.

    The best of: the edit-distance ratio of the normalised titles; the same with the title's
    space-separated parts sorted (halves swapped); and the best partial alignment when one
    title contains most of the other (shortened or padded), discounted by how much is missing.
    """
    a, b = ours.compact, theirs.compact
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    scores = [fuzz.ratio(a, b) / 100]
    if " " in ours.words or " " in theirs.words:
        scores.append(fuzz.token_sort_ratio(ours.words, theirs.words) / 100 * 0.98)
    short, long_ = sorted((len(a), len(b)))
    if short >= 8 and short / long_ >= 0.6:
        coverage = short / long_
        scores.append(fuzz.partial_ratio(a, b) / 100 * (0.75 + 0.2 * coverage))
    return round(max(scores), 3)
