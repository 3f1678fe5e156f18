"""Key words and body text as evidence: rjieba segmentation (as the site search cuts), each
word weighted by how rare it is among our own pieces."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from generator.evidence.numbers import normalise
from generator.vocabulary import load_jieba

# Words of news boilerplate and of every piece the bureau writes: they tell pieces nothing apart.
_BOILERPLATE = """
    城管 中队 执法 行政 综合 综合执法 综合行政执法 执法局 我局 我县 全县 武义 武义县 县城
    开展 集中 专项 工作 活动 部门 联合 推进 全面 持续 有效 加强 进一步 近日 日前 记者 通讯员 本报
    本台 本网 讯 市民 群众 问题 情况 行动 相关 进行 实现 确保 提升 累计 其中 目前 今年 以来
    期间 同时 一线 队员 执法队员 如何 怎么 什么 我们 他们 没有 已经 还是 一起 不少 这些 共计
    成功 顺利 正在 开始 通过 对于 以及 并且 为了 由于 之后 之前 此外 另外 新闻 视频 图片
    报道"""
BOILERPLATE = frozenset(_BOILERPLATE.split())
_WORD = re.compile(r"[\u3400-\u9fff]+")


SHORTENED, SHORT_TITLE = 0.8, 8


class Nouns:
    """Key words of texts (rjieba, as the site search cuts them), weighted by rarity in ours.

    The weight is the inverse document frequency over our own pieces, log((N+1)/(df+1)) + 1:
    阳光房 in two pieces of 270 weighs 5.5, 整治 in ninety weighs 2.1, and a word we never
    wrote (永康) weighs most, so that it counts against a match when only they use it.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words = sorted({normalise(w) for w in words})
        self._tokenizer: Any = None
        self._df: Counter[str] = Counter()
        self._n = 0
        self._weights: dict[str, float] = {}

    @property
    def _jieba(self) -> Any:
        if self._tokenizer is None:
            self._tokenizer = load_jieba(self.words)
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        """Words in reading order, one cut (for names)."""
        return [w for run in _WORD.findall(normalise(text)) for w in self._jieba.cut(run, True)]

    def terms(self, text: str) -> frozenset[str]:
        """Key words: jieba's search cut, two characters or more, boilerplate removed."""
        return frozenset(
            w
            for run in _WORD.findall(normalise(text))
            for w in self._jieba.cut_for_search(run, True)
            if len(w) >= 2 and w not in BOILERPLATE
        )

    def learn(self, documents: Iterable[frozenset[str]]) -> None:
        """Count in how many of our pieces each word occurs (each piece's title and lead)."""
        for terms in documents:
            self._n += 1
            self._df.update(terms)
        self._weights.clear()

    def weight(self, term: str) -> float:
        known = self._weights.get(term)
        if known is None:
            known = self._weights[term] = math.log((self._n + 1) / (self._df[term] + 1)) + 1
        return known

    def coverage(self, terms: Iterable[str], text: str) -> float:
        """The weighted share of `terms` that occur in `text` (0 when there are none)."""
        total = found = 0.0
        for term in terms:
            w = self.weight(term)
            total += w
            if term in text:
                found += w
        return found / total if total else 0.0

    def agreement(
        self, theirs: frozenset[str], their_text: str, ours: frozenset[str], our_text: str
    ) -> float:
        """How far each side's key words occur in the other's text: the harmonic mean of both.

        A shortened headline keeps its own words within ours but drops some of ours; a headline
        with a place added covers ours but adds a word. Both stay high; a headline on another
        subject shares a word or two.
        """
        a, b = self.coverage(theirs, our_text), self.coverage(ours, their_text)
        return 2 * a * b / (a + b) if a + b else 0.0

    def shortening(self, theirs: frozenset[str], their_title: str, our_title: str) -> float:
        """How far their headline is ours cut down: the share of its key words in our headline.

        Discounted to SHORTENED at most: a headline made only of our headline's words (58只缺损井盖
        修复 from 直属中队排查城区窨井盖 督促修复缺损井盖58只) is ours shortened, or a headline
        on the same subject; the numbers and names decide which. A headline of fewer than eight
        characters or three key words (违建拆除, 环卫工人节) says too little to count.
        """
        if len(their_title) < SHORT_TITLE or len(theirs) < 3:
            return 0.0
        return SHORTENED * self.coverage(theirs, our_title)


@dataclass(frozen=True)
class Passage:
    """A summary or a lead in the forms it is compared in, made once per text."""

    text: str  # letters, digits and CJK only
    first: str  # its first sentence, the same way
    terms: frozenset[str]

    @classmethod
    def of(cls, nouns: Nouns, text: str, limit: int = 0) -> Passage:
        words = _words(text)[: limit or None]
        first = _words(re.split(r"[。！？]", normalise(text))[0])
        return cls(words, first, nouns.terms(words))


def body_agreement(nouns: Nouns, summary: Passage, lead: Passage) -> float:
    """Their summary or text against our first paragraphs.

    The better of: how closely their first sentence is copied from our lead (the media often
    keep it, edited), and the agreement of key words between their summary and our lead.
    """
    if len(summary.text) < 12 or not lead.text:
        return 0.0
    copied = 0.0
    if len(summary.first) >= 12:
        copied = fuzz.partial_ratio(summary.first[:80], lead.text) / 100
    words = nouns.agreement(summary.terms, summary.text, lead.terms, lead.text)
    return max(copied, words)


def _words(text: str) -> str:
    """Letters, digits and CJK only."""
    return "".join(c for c in normalise(text) if unicodedata.category(c)[0] in "LN")
