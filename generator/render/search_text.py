"""What the site search reads: its documents (published articles, answers, regulations and
free pages, as plain text) and how their text is cut into words (jieba with the enforcement
vocabulary and the site's own names). The index built from them: search.py."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from generator.cache import Cache, fingerprint
from generator.model import Portal
from generator.urls import article_url, question_url, regulation_url
from generator.vocabulary import domain_words, load_jieba

# Single characters too common to carry meaning on their own; longer words keep them.
_STOP = frozenset("的了和与及或是在有对等也就都而并将把被从向为以于其之这那个着给让")
_WORD = re.compile(r"[0-9a-z]+|[\u3400-\u9fff\uf900-\ufaff]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class SearchDoc:
    """One page the search can lead to."""

    url: str  # site-relative, e.g. news/2026/05/night-market/
    title: str
    kind: str  # 新闻, 法律咨询台, 法规摘要, 政务服务
    date: str  # ISO date or ""
    text: str  # plain text of the body


def search_docs(
    portal: Portal, bodies: Mapping[str, str], tz: tzinfo, cache: Cache | None = None
) -> list[SearchDoc]:
    """What the search finds: published articles, answers, regulations and free pages.

    `bodies` holds each page's body HTML as rendered (article key, or `qa/<key>`,
    `regulations/<id>`, `pages/<key>`). Oldest first (free pages first of all): a new
    article is numbered after the others, and the browser prefers the higher number when
    scores are equal, the newer page. The plain text of each body is cached by the body.
    """
    names = [a.key for a in portal.published] + [f"qa/{q.key}" for q in portal.questions]
    names += [f"regulations/{g.id}" for g in portal.regulations]
    names += [f"pages/{page.key}" for page in portal.pages]
    texts = _plain_texts({n: bodies[n] for n in names if n in bodies}, cache or Cache(None))
    docs: list[tuple[str, SearchDoc]] = []
    for a in portal.published:
        day = a.published.astimezone(tz).date().isoformat()
        text = texts.get(a.key, "")
        docs.append((day, SearchDoc(article_url(a), a.title, "新闻", day, text)))
    for q in portal.questions:
        day = q.published.astimezone(tz).date().isoformat()
        text = texts.get(f"qa/{q.key}", "")
        docs.append((day, SearchDoc(question_url(q), q.question, "法律咨询台", day, text)))
    for g in portal.regulations:
        text = texts.get(f"regulations/{g.id}", "")
        title = f"{g.title}（{g.status.value}）"
        day = g.last_change.isoformat()
        docs.append((day, SearchDoc(regulation_url(g), title, "法规摘要", day, text)))
    for page in portal.pages:
        text = texts.get(f"pages/{page.key}", "")
        docs.append(("", SearchDoc(f"{page.key}/", page.title, "政务服务", "", text)))
    docs.sort(key=lambda item: (item[0], item[1].url))
    return [doc for _, doc in docs]


def _plain_texts(bodies: Mapping[str, str], cache: Cache) -> dict[str, str]:
    """plain_text() of every body, from the cache where it has the same body's."""
    keys = {name: fingerprint("plain text", body) for name, body in bodies.items()}
    found = cache.get_many("plain", keys.values())
    texts: dict[str, str] = {}
    for name, body in bodies.items():
        data = found.get(keys[name])
        if data is None:
            data = plain_text(body).encode()
            found[keys[name]] = data
            cache.put("plain", keys[name], data)
        texts[name] = data.decode()
    return texts


def normalize(text: str) -> str:
    """Full-width letters and digits to half-width, lower case: one word however typed."""
    return unicodedata.normalize("NFKC", text).lower()


class Segmenter:
    """jieba's search-engine mode, with the enforcement vocabulary and the site's own names.

    jieba-rs (the Rust port of jieba, through **rjieba**: the same dictionary and algorithm,
    about eight times faster than the Python package on the sample's text). jieba's general
    dictionary splits words such as 占道经营 into single characters, which no reader would
    type, so our words are added to it.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        import importlib.metadata

        self.words = sorted({normalize(w) for w in [*domain_words(), *words]})
        # What the terms of a text depend on, besides the text: a cache key part.
        self.signature = json.dumps(
            [importlib.metadata.version("rjieba"), sorted(_STOP), self.words]
        )
        self._tokenizer: Any = None

    def __getstate__(self) -> dict[str, Any]:
        # Spawned workers (parallel.py) get the words, and load their own dictionary.
        return {**self.__dict__, "_tokenizer": None}

    def load(self) -> None:
        """Load the dictionary now (it is loaded on first use otherwise)."""
        assert self._jieba is not None

    def doc_terms(self, doc: SearchDoc) -> bytes:
        """A document's title terms and text term counts, as the cache keeps them."""
        title_terms = sorted(set(self.terms(doc.title)))
        return _json([title_terms, Counter(self.terms(doc.text))])

    @property
    def _jieba(self) -> Any:
        # Loaded on first use: a rebuild whose texts are all cached never loads the dictionary.
        if self._tokenizer is None:
            self._tokenizer = load_jieba(self.words)
        return self._tokenizer

    def terms(self, text: str) -> list[str]:
        """Index terms of `text`: jieba words, Latin words and numbers; no punctuation."""
        found: list[str] = []
        for run in _WORD.findall(normalize(text)):
            if not _CJK.match(run):
                found.append(run)
                continue
            for word in self._jieba.cut_for_search(run, True):
                if len(word) == 1 and word in _STOP:
                    continue
                found.append(word)
        return found


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def plain_text(html: str) -> str:
    """The readable text of a page body (for snippets and indexing), whitespace collapsed."""
    import lxml.html

    if not html.strip():
        return ""
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    for bad in tree.xpath("//script|//style|//template"):
        bad.drop_tree()
    text = " ".join(tree.text_content().split())
    # A line break inside Chinese text is not a space.
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", text)
