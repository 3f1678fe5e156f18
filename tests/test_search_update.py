"""The search index patched after an edit: the same bytes as made whole, fewer files written.

Dependency rules of the index (render/search.py, render/search_shards.py): a shard depends on
the postings of its terms only; a document file on its own url, title, kind, date and text;
the manifest on every file's id and on the documents' kinds.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cache import Cache
from generator.render import search
from generator.render.search import SearchIndex, build_index
from generator.render.search_shards import shard_count
from generator.render.search_text import SearchDoc, Segmenter

_made_whole = search._whole
SEGMENTER = Segmenter(["熟溪中队", "占道经营"])
SYNONYMS = [("养犬", "养狗", "犬只")]
WORDS = ["占道经营", "熟溪中队", "养犬", "养狗", "犬只", "犬类", "违法建设", "垃圾分类", "夜市",
         "回头看", "整治", "摊位", "犬", "城", "城管", "abc", "12345", "的", "清理", "登记"]  # fmt: skip

text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map("，".join)


def _doc(number: int, title: str, body: str) -> SearchDoc:
    return SearchDoc(
        f"news/{number}/", title or "通知", "新闻", f"2026-05-{number % 28 + 1:02d}", body
    )


class Site:
    """What the site holds after each build: the index files the builds wrote."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, bytes] = {}
        self.written: set[str] = set()

    def keep(self, path: str, *inputs: object) -> bool:
        # The site has a file at this content address already (as the dependency record says).
        return path in self.files

    def build(self, docs: list[SearchDoc]) -> SearchIndex:
        with Cache(self.folder) as cache:
            index = build_index(docs, SEGMENTER, cache, SYNONYMS, self.keep)
        self.written = set(index.files)
        wanted = {index.shard_path(n) for n in range(index.shards)}
        wanted |= {index.doc_path(n) for n in range(index.docs)}
        self.files = {p: index.files.get(p) or self.files[p] for p in wanted}
        return index


def _whole(docs: list[SearchDoc]) -> tuple[dict[str, bytes], bytes]:
    index = build_index(docs, SEGMENTER, None, SYNONYMS)
    return index.files, index.manifest()


edits = st.lists(
    st.tuples(
        st.sampled_from(["body", "title", "append", "insert", "delete", "drop-last", "none"]),
        st.integers(0, 1000),
        text,
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(start=st.lists(st.tuples(text, text), min_size=1, max_size=8), steps=edits)
def test_patched_index_equals_whole_index(
    start: list[tuple[str, str]], steps: list[tuple[str, int, str]]
) -> None:
    from tempfile import mkdtemp

    site = Site(Path(mkdtemp(prefix="search-update-")))
    docs = [_doc(n, title, body) for n, (title, body) in enumerate(start)]
    site.build(docs)
    serial = len(docs)
    for kind, at, words in steps:
        n = at % len(docs) if docs else 0
        if kind == "body" and docs:
            docs[n] = SearchDoc(docs[n].url, docs[n].title, "新闻", docs[n].date, words)
        elif kind == "title" and docs:
            docs[n] = SearchDoc(docs[n].url, words or "公告", "新闻", docs[n].date, docs[n].text)
        elif kind == "append":
            docs.append(_doc(serial, words, words))
        elif kind == "insert":
            docs.insert(n, _doc(serial, words, "插入" + words))
        elif kind == "delete" and docs:
            del docs[n]
        elif kind == "drop-last" and docs:
            docs.pop()
        serial += 1
        index = site.build(docs)
        files, manifest = _whole(docs)
        assert site.files == files
        assert index.manifest() == manifest


def test_a_body_edit_writes_its_shards_and_document_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = []
    monkeypatch.setattr(search, "_whole", lambda *a: whole.append(1) or _made_whole(*a))
    site = Site(tmp_path)
    bodies = [
        "占道经营，整治，摊位",
        "养犬，登记，犬只",
        "违法建设，清理",
        "垃圾分类，回头看",
        "夜市，城管",
    ]
    docs = [_doc(n, f"第{n}篇", body * 3) for n, body in enumerate(bodies * 8)]
    first = site.build(docs)
    assert site.written == set(site.files)  # a first build writes everything
    docs[7] = SearchDoc(docs[7].url, docs[7].title, "新闻", docs[7].date, docs[7].text + "，夜市")
    second = site.build(docs)
    # The document, and the shards of 夜市 (its count in doc 7) and 夜* (the union's flags).
    assert site.written == {
        second.doc_path(7),
        *{second.shard_path(n) for n in (_of("夜市", second), _of("夜*", second))},
    }
    assert [second.doc_ids[n] == first.doc_ids[n] for n in range(len(docs))].count(False) == 1
    assert json.loads(second.manifest())["docs"] == len(docs)
    assert len(whole) == 1  # the edit patched the last build's shards


def test_a_new_article_keeps_the_others_numbers_and_documents(tmp_path: Path) -> None:
    site = Site(tmp_path)
    docs = [_doc(n, f"第{n}篇", "占道经营，整治") for n in range(10)]
    first = site.build(docs)
    docs.append(_doc(10, "最新", "养犬，登记"))
    second = site.build(docs)
    assert second.doc_ids[:10] == first.doc_ids
    assert [p for p in site.written if p.startswith("search/d/")] == [second.doc_path(10)]
    # Only the shards of the new document's terms change.
    unchanged = sum(a == b for a, b in zip(first.shard_ids, second.shard_ids, strict=True))
    assert unchanged >= second.shards - 8


def _of(term: str, index: SearchIndex) -> int:
    from generator.render.search import shard_of

    return shard_of(term, index.shards)


def test_the_shard_count_moves_in_steps() -> None:
    counts = [shard_count(w) for w in range(0, 5_000_000, 7_000)]
    steps = sorted(set(counts))
    assert steps[0] == 16
    # Each step at most a quarter more than the one before: an edit rarely crosses one.
    assert all(b <= a * 1.25 for a, b in itertools.pairwise(steps))
    assert len(steps) < 40
