"""Chinese site search, sharded so that a phone downloads a few small files per query.

Material's search ships one index file for the whole site (tens of MB at a few thousand
pages) and segments the pages with jieba but not the reader's query. Here the pages are
segmented with jieba at build time, and the reader's query is segmented in the browser against
the index's own vocabulary (longest match first), so both sides agree on the words. The documents
and the segmenter are in search_text.py; this module builds the index from them.

Layout under `search/` (each file's address holds a hash of its bytes, so a file can be
cached for ever, and an edit writes only the files whose bytes change):

- `t/<n>.<id>.json`: shard n holds the terms whose key (their first two characters, or the one
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
- `d/<id>.json`: a document for the result list: url, title, kind, date and the plain text
  the snippet is cut from.

Documents are numbered oldest first (free pages before them), so a new article takes the next
number and the others keep theirs. `search/manifest.json` (not cached for long) names every
file's id by number, and gives the shard and document counts and the payload sizes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.cache import Cache, fingerprint
from generator.parallel import fork_map
from generator.render.keep import Keep, never
from generator.render.search_shards import (
    contributions,
    patch_shard,
    postings,
    shard_bytes,
    shard_count,
    weight,
)
from generator.render.search_text import SearchDoc, Segmenter

SNIPPET_TEXT = 3000  # characters of text per document kept for result snippets

# A letter per kind of document, in the manifest's `kinds` (one letter per document number):
# the browser weighs answers and regulations against news before it has fetched a document.
KIND_CODES = {"新闻": "n", "法律咨询台": "q", "法规摘要": "r", "政务服务": "p"}

# How many documents an edit may change (or add, or drop, or move) before the index is made
# whole again rather than patched: beyond it, patching costs about as much.
PATCH_LIMIT = 64
_FORMAT = "2"  # of the layout and of the state kept in the cache
ID_WIDTH = 8  # hex characters of a file's content hash in its address (more if two clash)


@dataclass(frozen=True)
class SearchIndex:
    """The search index: its files' addresses and what the manifest says of them.

    `files` holds the bytes of the files to write: every file, unless the build's `keep`
    (render/keep.py) said the site has it already.
    """

    files: dict[str, bytes]
    shard_ids: tuple[str, ...]  # content hash of each shard, by number
    doc_ids: tuple[str, ...]  # content hash of each document, by number
    shard_sizes: tuple[int, ...]
    doc_sizes: tuple[int, ...]
    terms: int
    kinds: str = ""  # KIND_CODES letter of each document, by number
    synonyms: tuple[tuple[str, ...], ...] = ()

    @property
    def shards(self) -> int:
        return len(self.shard_ids)

    @property
    def docs(self) -> int:
        return len(self.doc_ids)

    @property
    def version(self) -> str:
        """A hash of every file of the index."""
        digest = hashlib.sha256("".join([*self.shard_ids, "/", *self.doc_ids]).encode())
        return digest.hexdigest()[:10]

    def shard_path(self, number: int) -> str:
        return shard_path(number, self.shard_ids[number])

    def doc_path(self, number: int) -> str:
        return doc_path(self.doc_ids[number])

    def manifest(self) -> bytes:
        sizes, docs = self.shard_sizes, self.doc_sizes
        data = {
            "version": self.version,
            "base": SEARCH,
            "shards": self.shards,
            "docs": self.docs,
            "terms": self.terms,
            "kinds": self.kinds,
            "synonyms": [list(group) for group in self.synonyms],
            # Each file's address: `t/<number>.<id>.json`, `d/<id>.json`, the ids of equal
            # width one after the other (a few bytes a document, where a list of strings
            # would take twice that).
            "width": len(self.doc_ids[0]) if self.doc_ids else ID_WIDTH,
            "shard_ids": "".join(self.shard_ids),
            "doc_ids": "".join(self.doc_ids),
            "bytes": {
                "total": sum(sizes) + sum(docs),
                "largest_shard": max(sizes, default=0),
                "mean_shard": round(sum(sizes) / len(sizes)) if sizes else 0,
                "largest_doc": max(docs, default=0),
            },
        }
        return _json(data)


SEARCH = "search/"


def shard_path(number: int, content_id: str) -> str:
    """Where shard `number` with that content is: a new address whenever its bytes change, so
    that it can be cached for ever."""
    return f"{SEARCH}t/{number}.{content_id}.json"


def doc_path(content_id: str) -> str:
    """Where a document with that content is, whatever its number."""
    return f"{SEARCH}d/{content_id}.json"


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


@dataclass(frozen=True)
class _Shards:
    """The shards of an index: by number, their sha256 and size; the bytes of those made."""

    total: int  # weight of every term (search_shards.weight), which sets the count
    terms: int
    shas: tuple[str, ...]
    sizes: tuple[int, ...]
    made: dict[int, bytes]


def build_index(
    docs: Sequence[SearchDoc],
    segmenter: Segmenter,
    cache: Cache | None = None,
    synonyms: Sequence[tuple[str, ...]] = (),
    keep: Keep = never,
) -> SearchIndex:
    """Segment every document and cut the postings into shards of about TARGET_SHARD_BYTES.

    A document's terms are cached by its title, text and the segmenter's dictionary. The
    cache also keeps the shards and what they were made from: after an edit of a few
    documents only the shards of their changed terms are made again (search_shards.py).
    The files `keep` says the site has are left out of `files`. `synonyms` (groups of words a
    query treats as one) go to the manifest for the browser.
    """
    cache = cache or Cache(None)
    group_of = {word: f"{group[0]}~" for group in synonyms for word in group}
    state_key = fingerprint("search-index", _FORMAT, segmenter.signature, _json(list(synonyms)))
    keys = [fingerprint("terms", segmenter.signature, d.title, d.text) for d in docs]
    patched = _patched(_last_state(cache, state_key), keys, docs, segmenter, cache, group_of)
    shards = patched or _whole(keys, docs, segmenter, cache, group_of)
    body = [
        _json(
            {
                "url": d.url,
                "title": d.title,
                "kind": d.kind,
                "date": d.date,
                "text": d.text[:SNIPPET_TEXT],
            }
        )
        for d in docs
    ]
    doc_shas = [hashlib.sha256(data).hexdigest() for data in body]
    width = ID_WIDTH
    while len({sha[:width] for sha in doc_shas}) < len(set(doc_shas)):
        width += 1
    files: dict[str, bytes] = {}
    for number, sha in enumerate(doc_shas):
        path = doc_path(sha[:width])
        if path not in files and not keep(path, sha):
            files[path] = body[number]
    wanted: dict[str, int] = {}
    for number, sha in enumerate(shards.shas):
        path = shard_path(number, sha[:width])
        if not keep(path, sha):
            wanted[path] = number
    missing = {shards.shas[n] for n in wanted.values() if n not in shards.made}
    stored = cache.get_many("search-shard", missing) if missing else {}
    if any(hashlib.sha256(stored.get(sha, b"")).hexdigest() != sha for sha in missing):
        shards = _whole(keys, docs, segmenter, cache, group_of)  # the cache lost a shard
        stored = {}
    for path, number in wanted.items():
        files[path] = shards.made.get(number) or stored[shards.shas[number]]
    for number, data in shards.made.items():
        cache.put("search-shard", shards.shas[number], data)
    cache.touch("search-shard", (s for n, s in enumerate(shards.shas) if n not in shards.made))
    state = {
        "keys": keys,
        "total": shards.total,
        "terms": shards.terms,
        "shas": shards.shas,
        "sizes": shards.sizes,
    }
    cache.put("search-state", state_key, _json(state))
    return SearchIndex(
        files,
        tuple(sha[:width] for sha in shards.shas),
        tuple(sha[:width] for sha in doc_shas),
        shards.sizes,
        tuple(len(data) for data in body),
        shards.terms,
        "".join(KIND_CODES.get(doc.kind, "p") for doc in docs),
        tuple(tuple(g) for g in synonyms),
    )


def _terms(cache: Cache, segmenter: Segmenter, todo: Mapping[str, SearchDoc]) -> dict[str, bytes]:
    """The cached terms of these documents (by key), segmenting those not cached."""
    found = cache.get_many("terms", todo)
    missing = {key: doc for key, doc in todo.items() if key not in found}
    if missing:
        segmenter.load()  # before the workers fork, so that they share the dictionary
        done = fork_map(segmenter.doc_terms, list(missing.values()))
        for key, terms in zip(missing, done, strict=True):
            found[key] = terms
            cache.put("terms", key, terms)
    return found


def _whole(
    keys: Sequence[str],
    docs: Sequence[SearchDoc],
    segmenter: Segmenter,
    cache: Cache,
    group_of: Mapping[str, str],
) -> _Shards:
    """Every shard, from every document's terms."""
    terms = _terms(cache, segmenter, dict(zip(keys, docs, strict=True)))
    table = postings(contributions(*_load_terms(terms[key]), group_of) for key in keys)
    total = sum(weight(term, items) for term, items in table.items())
    count = shard_count(total)
    tables: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for term, items in table.items():
        tables[shard_of(term, count)][term] = items
    made = {number: shard_bytes(t) for number, t in enumerate(tables)}
    shas = tuple(hashlib.sha256(made[n]).hexdigest() for n in range(count))
    return _Shards(total, len(table), shas, tuple(len(made[n]) for n in range(count)), made)


def _last_state(cache: Cache, key: str) -> dict[str, Any] | None:
    data = cache.get("search-state", key)
    if data is None:
        return None
    try:
        state = json.loads(data)
        if (
            not isinstance(state, dict)
            or not {"keys", "total", "terms", "shas", "sizes"} <= state.keys()
        ):
            return None
    except ValueError:
        return None
    return state


def _patched(
    state: dict[str, Any] | None,
    keys: Sequence[str],
    docs: Sequence[SearchDoc],
    segmenter: Segmenter,
    cache: Cache,
    group_of: Mapping[str, str],
) -> _Shards | None:
    """The last build's shards with the changed documents' postings put in place, or None
    when there is no last build, too much changed, or the cache lacks what it needs."""
    if state is None:
        return None
    old: list[str] = state["keys"]
    shas: list[str] = state["shas"]
    count = len(shas)
    changed = [
        n
        for n in range(max(len(old), len(keys)))
        if n >= len(old) or n >= len(keys) or old[n] != keys[n]
    ]
    if len(changed) > max(PATCH_LIMIT, len(keys) // 50):
        return None
    before_keys = {n: old[n] for n in changed if n < len(old)}
    before = cache.get_many("terms", before_keys.values())
    if len(before) < len(set(before_keys.values())):
        return None
    now = _terms(cache, segmenter, {keys[n]: docs[n] for n in changed if n < len(keys)})
    cache.touch("terms", (key for n, key in enumerate(keys) if n >= len(old) or old[n] == key))
    then = {n: contributions(*_load_terms(before[k]), group_of) for n, k in before_keys.items()}
    changes = {
        n: contributions(*_load_terms(now[keys[n]]), group_of) if n < len(keys) else {}
        for n in changed
    }
    by_shard: dict[int, set[str]] = {}
    for n, new in changes.items():
        was = then.get(n, {})
        for term in was.keys() | new.keys():
            if was.get(term) != new.get(term):
                by_shard.setdefault(shard_of(term, count), set()).add(term)
    stored = cache.get_many("search-shard", (shas[s] for s in by_shard))
    total, terms = int(state["total"]), int(state["terms"])
    made: dict[int, bytes] = {}
    sizes: list[int] = state["sizes"]
    if len(sizes) != count:
        return None
    for number, affected in by_shard.items():
        data = stored.get(shas[number])
        if data is None or hashlib.sha256(data).hexdigest() != shas[number]:
            return None
        table = json.loads(data)
        size = len(table)
        total += patch_shard(table, affected, changes)
        terms += len(table) - size
        made[number] = shard_bytes(table)
    if shard_count(total) != count:
        return None
    new_shas, new_sizes = list(shas), list(sizes)
    for number, data in made.items():
        new_shas[number] = hashlib.sha256(data).hexdigest()
        new_sizes[number] = len(data)
    return _Shards(total, terms, tuple(new_shas), tuple(new_sizes), made)


def _load_terms(data: bytes) -> tuple[list[str], dict[str, int]]:
    title_terms, counts = json.loads(data)
    return title_terms, counts


def _json_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
