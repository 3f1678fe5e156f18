"""Chinese site search, sharded so that a phone downloads a few small files per query.

Material's search ships one index file for the whole site (tens of MB at a few thousand
pages) and segments the pages with jieba but not the reader's query. Here the pages are
segmented with jieba at build time, and the reader's query is segmented in the browser against
the index's own vocabulary (longest match first), so both sides agree on the words.

Layout under `search/<version>/` (the version is a hash of the content: files can be cached
forever):

- `t/<n>.json`: shard n holds the terms whose key (their first two characters, or the one
  character of a one-character term) hashes to n: `{term: [postings...]}`. A posting is one
  integer, `gap * 16 + title * 8 + tf`, where `gap` is the difference to the previous
  document number, `title` says the term is in the title, and `tf` is the term's count in the
  text, capped at 7. Beside each character that begins longer terms, `字*` holds the union of
  their postings, for a query of one character (犬 finds 犬只, 犬类, 养犬 does not). Every
  word the query segmenter can find at a position of the query starts with the same two
  characters, so each position costs one shard (two when nothing longer matches), and the
  shards carry the postings too. Keys of two characters spread the common first characters
  of Chinese words (城, 市, 执) over many shards. Beside the first word of each group of the
  synonym table, `词~` holds the union of the postings of every word of the group, so that a
  query word with synonyms costs one more shard, however large its group.
- `d/<n>.json`: document n for the result list: url, title, kind, date and the plain text the
  snippet is cut from.

`search/manifest.json` names the version, the shard and document counts and the payload sizes.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from generator.cache import Cache, fingerprint
from generator.model import Portal
from generator.parallel import fork_map
from generator.urls import article_url, question_url, regulation_url

MAX_TF = 7
SNIPPET_TEXT = 3000  # characters of text per document kept for result snippets
TARGET_SHARD_BYTES = 24_000

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


def search_docs(portal: Portal, bodies: Mapping[str, str], tz: tzinfo) -> list[SearchDoc]:
    """What the search finds: published articles, answers, regulations and free pages.

    `bodies` holds each page's body HTML as rendered (article key, or `qa/<key>`,
    `regulations/<id>`, `pages/<key>`). Newest first, so equal scores favour recent pages.
    """
    docs: list[tuple[str, SearchDoc]] = []
    for a in portal.published:
        day = a.published.astimezone(tz).date().isoformat()
        text = plain_text(bodies.get(a.key, ""))
        docs.append((day, SearchDoc(article_url(a), a.title, "新闻", day, text)))
    for q in portal.questions:
        day = q.published.astimezone(tz).date().isoformat()
        text = plain_text(bodies.get(f"qa/{q.key}", ""))
        docs.append((day, SearchDoc(question_url(q), q.question, "法律咨询台", day, text)))
    for g in portal.regulations:
        text = plain_text(bodies.get(f"regulations/{g.id}", ""))
        title = f"{g.title}（{g.status.value}）"
        day = g.last_change.isoformat()
        docs.append((day, SearchDoc(regulation_url(g), title, "法规摘要", day, text)))
    for page in portal.pages:
        text = plain_text(bodies.get(f"pages/{page.key}", ""))
        docs.append(("", SearchDoc(f"{page.key}/", page.title, "政务服务", "", text)))
    docs.sort(key=lambda item: (item[0], item[1].url), reverse=True)
    return [doc for _, doc in docs]


def normalize(text: str) -> str:
    """Full-width letters and digits to half-width, lower case: one word however typed."""
    return unicodedata.normalize("NFKC", text).lower()


def domain_words() -> list[str]:
    """The enforcement vocabulary shipped with portal (`generator/data/words.txt`)."""
    from importlib.resources import files

    text = files("generator").joinpath("data/words.txt").read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def portal_words(portal: Portal) -> list[str]:
    """The site's own names, as words: units, categories, domains, tags, regulation titles."""
    words = {u.name for u in portal.units}
    words |= {c.name for c in portal.categories} | {d.name for d in portal.domains}
    words |= {t for a in portal.published for t in a.tags}
    words |= {g.short_title for g in portal.regulations}
    words |= {e.theme for e in portal.editions if e.theme}
    # Every word of the synonym table is a word of the index, so a page that writes 流动摊贩
    # is found by 摆摊 even where jieba would cut 流动摊贩 apart.
    words |= {w for group in portal.synonyms for w in group}
    return sorted(w for w in words if 2 <= len(w) <= 12)


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
            import rjieba

            tokenizer = rjieba.Jieba()
            for word in self.words:
                tokenizer.add_word(word, None, None)
            self._tokenizer = tokenizer
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


# A letter per kind of document, in the manifest's `kinds` (one letter per document number):
# the browser weighs answers and regulations against news before it has fetched a document.
KIND_CODES = {"新闻": "n", "法律咨询台": "q", "法规摘要": "r", "政务服务": "p"}


@dataclass(frozen=True)
class SearchIndex:
    """The files of the search index, ready to write: site path → bytes."""

    version: str
    files: dict[str, bytes]
    shards: int
    docs: int
    terms: int
    kinds: str = ""  # KIND_CODES letter of each document, by number
    synonyms: tuple[tuple[str, ...], ...] = ()

    @property
    def base(self) -> str:
        return f"search/{self.version}/"

    def manifest(self) -> bytes:
        sizes = [len(b) for p, b in self.files.items() if p.startswith(f"{self.base}t/")]
        docs = [len(b) for p, b in self.files.items() if p.startswith(f"{self.base}d/")]
        data = {
            "version": self.version,
            "base": self.base,
            "shards": self.shards,
            "docs": self.docs,
            "terms": self.terms,
            "kinds": self.kinds,
            "synonyms": [list(group) for group in self.synonyms],
            "bytes": {
                "total": sum(sizes) + sum(docs),
                "largest_shard": max(sizes, default=0),
                "mean_shard": round(sum(sizes) / len(sizes)) if sizes else 0,
                "largest_doc": max(docs, default=0),
            },
        }
        return _json(data)


def shard_key(term: str) -> str:
    """What places a term in a shard: its first two characters (a `字*` entry: its one; a
    `词~` entry: its word's two, beside the word)."""
    return term[:1] if term.endswith("*") else term[:2]


def shard_of(term: str, shards: int) -> int:
    """The shard a term lives in: a hash of its key. The browser computes the same."""
    h = 0
    for char in shard_key(term):
        h = (h * 31 + ord(char)) % 4_294_967_296
    return h % shards


def build_index(
    docs: Sequence[SearchDoc],
    segmenter: Segmenter,
    cache: Cache | None = None,
    synonyms: Sequence[tuple[str, ...]] = (),
) -> SearchIndex:
    """Segment every document and cut the postings into shards of about TARGET_SHARD_BYTES.

    A document's terms are cached by its title, text and the segmenter's dictionary.
    `synonyms` (groups of words a query treats as one) go to the manifest for the browser.
    """
    cache = cache or Cache(None)
    keys = [fingerprint("terms", segmenter.signature, d.title, d.text) for d in docs]
    cached = cache.get_many("terms", keys)
    todo = {key: doc for doc, key in zip(docs, keys, strict=True) if key not in cached}
    if todo:
        segmenter.load()  # before the workers fork, so that they share the dictionary
        done = fork_map(segmenter.doc_terms, list(todo.values()))
        for key, terms in zip(todo, done, strict=True):
            cached[key] = terms
            cache.put("terms", key, terms)
    encoded = _postings([_load_terms(cached[key]) for key in keys], synonyms)
    # Each list as JSON once: for the shard files, and for their weight (as json.dumps would
    # write the list with ", ", which the shard count has always been reckoned with).
    lists = {term: ",".join(map(str, p)) for term, p in encoded.items()}
    total = sum(len(t) * 3 + 4 + len(lists[t]) + max(len(p) - 1, 0) + 2 for t, p in encoded.items())
    shards = _shard_count(total)
    tables: list[list[str]] = [[] for _ in range(shards)]
    for term in sorted(lists):
        tables[shard_of(term, shards)].append(f"{_json_text(term)}:[{lists[term]}]")
    # The same bytes as _json({term: postings, ...}) (sorted keys, no spaces), faster.
    body = {f"t/{n}.json": ("{" + ",".join(t) + "}").encode() for n, t in enumerate(tables)}
    for number, doc in enumerate(docs):
        body[f"d/{number}.json"] = _json(
            {
                "url": doc.url,
                "title": doc.title,
                "kind": doc.kind,
                "date": doc.date,
                "text": doc.text[:SNIPPET_TEXT],
            }
        )
    kinds = "".join(KIND_CODES.get(doc.kind, "p") for doc in docs)
    digest = hashlib.sha256()
    for path in sorted(body):
        digest.update(path.encode())
        digest.update(body[path])
    version = digest.hexdigest()[:10]
    files = {f"search/{version}/{path}": data for path, data in sorted(body.items())}
    groups = tuple(tuple(g) for g in synonyms)
    return SearchIndex(version, files, shards, len(docs), len(encoded), kinds, groups)


def _postings(
    docs: Sequence[tuple[list[str], dict[str, int]]], synonyms: Sequence[tuple[str, ...]] = ()
) -> dict[str, list[int]]:
    """Each term's postings, encoded, from each document's (title terms, term counts).

    A posting is (document number - the previous one's) * 16 + flags: 8 when the term is in
    the title, plus its count capped at MAX_TF. Besides the terms, `字*` for each character
    that begins a longer term: every document with a term beginning with it (the term itself
    included), its flags the strongest of those terms' (title beats text, counts summed and
    capped), so that a query's last, unfinished character matches as a prefix. In the same
    way `词~` for each group of synonyms (词 its first word): every document with a word of
    the group.
    """
    group_of = {word: f"{group[0]}~" for group in synonyms for word in group}
    # Each list starts with the number of the last document in it, dropped at the end: one
    # lookup a posting, in the loop that runs millions of times at archive scale.
    postings: dict[str, list[int]] = {}
    starts: set[str] = set()  # characters that begin a term of two or more
    for number, (title_terms, counts) in enumerate(docs):
        titled = set(title_terms)
        for term in title_terms:
            counts.setdefault(term, 0)
        unions: dict[str, int] = {}
        grouped: dict[str, int] = {}  # `词~` entries, then the `字*` ones
        for term, tf in counts.items():
            flags = (8 if term in titled else 0) + (tf if tf < MAX_TF else MAX_TF)
            items = postings.get(term)
            if items is None:
                postings[term] = [number, number * 16 + flags]
            else:
                items.append((number - items[0]) * 16 + flags)
                items[0] = number
            first = term[0]
            if len(term) > 1:
                starts.add(first)
            old = unions.get(first, 0)
            summed = (old & 7) + (flags & 7)
            unions[first] = ((old | flags) & 8) + (summed if summed < MAX_TF else MAX_TF)
            if group_of:
                group = group_of.get(term)
                if group is not None:
                    old = grouped.get(group, 0)
                    summed = (old & 7) + (flags & 7)
                    grouped[group] = ((old | flags) & 8) + min(summed, MAX_TF)
        for first, flags in unions.items():
            grouped[f"{first}*"] = flags
        for union, flags in grouped.items():
            items = postings.get(union)
            if items is None:
                postings[union] = [number, number * 16 + flags]
            else:
                items.append((number - items[0]) * 16 + flags)
                items[0] = number
    # A `字*` for a character that begins no longer term would only repeat the term `字`.
    return {t: p[1:] for t, p in postings.items() if not t.endswith("*") or t[0] in starts}


def _load_terms(data: bytes) -> tuple[list[str], dict[str, int]]:
    title_terms, counts = json.loads(data)
    return title_terms, counts


def _shard_count(total_bytes: int) -> int:
    """Enough shards that an average shard stays near TARGET_SHARD_BYTES; at least 16."""
    return max(16, math.ceil(total_bytes / TARGET_SHARD_BYTES))


def _json_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


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
