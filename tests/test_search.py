"""Sharded Chinese search: the index the build writes, and the query a citizen types."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.render.search import (
    SearchDoc,
    Segmenter,
    build_index,
    normalize,
    shard_of,
)


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter(["熟溪中队"])


def _decode(postings: list[int]) -> dict[int, int]:
    out, number = {}, 0
    for value in postings:
        number += value // 16
        out[number] = value % 16
    return out


def test_domain_words_are_whole(segmenter: Segmenter) -> None:
    # jieba alone cuts 占道经营 into 占 / 道 / 经营, which no reader types.
    terms = segmenter.terms("熟溪中队清理占道经营摊位，查处违法建设")
    assert {"熟溪中队", "占道经营", "违法建设"} <= set(terms)
    assert "占" not in terms and "道" not in terms


def test_terms_are_normalised(segmenter: Segmenter) -> None:
    full_width = "\uff21\uff22\uff23热线\uff11\uff12\uff13\uff14\uff15，的"  # ABC热线12345，的
    assert segmenter.terms(full_width) == ["abc", "热线", "12345"]
    assert normalize("\uff37\uff55\uff59\uff49") == "wuyi"


def test_index_layout(segmenter: Segmenter) -> None:
    docs = [
        SearchDoc("news/a/", "占道经营整治", "新闻", "2026-05-01", "清理占道经营摊位 23 处。"),
        SearchDoc("news/b/", "垃圾分类", "新闻", "2026-05-02", "占道经营 占道经营 的 回头看。"),
    ]
    index = build_index(docs, segmenter)
    assert index.docs == 2 and index.shards == 16
    base = f"search/{index.version}/"
    shard = json.loads(index.files[f"{base}t/{shard_of('占道经营', index.shards)}.json"])
    # Doc 0 has it in the title (flag 8) once in the text; doc 1 twice in the text.
    assert _decode(shard["占道经营"]) == {0: 8 + 1, 1: 2}
    first = json.loads(index.files[f"{base}d/0.json"])
    assert first == {
        "url": "news/a/",
        "title": "占道经营整治",
        "kind": "新闻",
        "date": "2026-05-01",
        "text": "清理占道经营摊位 23 处。",
    }
    manifest = json.loads(index.manifest())
    assert manifest["base"] == base and manifest["docs"] == 2


def test_shards_by_two_characters(segmenter: Segmenter) -> None:
    # Words found at one place of a query share their first two characters: one shard.
    assert shard_of("占道经营", 97) == shard_of("占道", 97)
    assert shard_of("犬*", 97) == shard_of("犬", 97)
    docs = [
        SearchDoc("a/", "犬只登记", "新闻", "", "犬只登记。"),
        SearchDoc("b/", "文明养犬", "新闻", "", "犬类管理。"),
        SearchDoc("c/", "垃圾分类", "新闻", "", "分类投放。"),
    ]
    index = build_index(docs, segmenter)
    shard = json.loads(
        index.files[f"search/{index.version}/t/{shard_of('犬*', index.shards)}.json"]
    )
    # 犬* is every document with a word beginning with 犬: doc 0 has 犬只 and 犬只登记, in
    # its title (8) and once each in its text; doc 1 has 犬类 and 犬类管理 in its text.
    assert _decode(shard["犬*"]) == {0: 8 + 2, 1: 2}


def test_same_input_same_index(segmenter: Segmenter) -> None:
    docs = [SearchDoc("x/", "标题", "新闻", "", "正文内容")]
    assert build_index(docs, segmenter).files == build_index(docs, segmenter).files
    changed = [SearchDoc("x/", "标题", "新闻", "", "正文内容改了")]
    assert build_index(changed, segmenter).version != build_index(docs, segmenter).version


def test_sample_index(sample_site: Path) -> None:
    manifest = json.loads((sample_site / "search/manifest.json").read_text())
    base = sample_site / manifest["base"]
    docs = [json.loads(p.read_text()) for p in (base / "d").glob("*.json")]
    urls = {d["url"] for d in docs}
    assert manifest["docs"] == len(docs) > 300
    # Articles, answers, regulations and free pages; never listings, never the digests' raw rows.
    assert {d["kind"] for d in docs} == {"新闻", "法律咨询台", "法规摘要", "政务服务"}
    assert not any("/page/" in u or u.startswith("suggestions/") for u in urls)
    assert all((sample_site / u / "index.html").is_file() for u in urls)
    # Shards stay small: a phone downloads one or two per query word.
    assert manifest["bytes"]["largest_shard"] < 60_000
    assert not (sample_site / "search/search_index.json").exists()


# -- in the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_page(sample_site: Path) -> Iterator[Callable[[str], tuple[list[dict[str, str]], int]]]:
    """Type a query into the search page on a phone; returns the results and bytes fetched."""
    from .browser import launch_chromium, serve

    with serve(sample_site) as base, launch_chromium() as browser:
        context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")

        def search(query: str) -> tuple[list[dict[str, str]], int]:
            page = context.new_page()
            fetched: list[tuple[str, int]] = []
            external: list[str] = []
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on(
                "requestfinished",
                lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])),
            )
            page.on(
                "request", lambda r: external.append(r.url) if not r.url.startswith(base) else None
            )
            page.goto(f"{base}search/")
            page.wait_for_load_state("networkidle")
            start = len(fetched)
            page.fill("#pt-search-page-q", query)
            page.press("#pt-search-page-q", "Enter")
            page.wait_for_function(
                "() => { const s = document.querySelector('[data-pt-status]').textContent;"
                " return s && !s.includes('正在'); }"
            )
            page.wait_for_function(
                "() => document.querySelector('[data-pt-status]').textContent.startsWith('没有')"
                " || document.querySelectorAll('.pt-result').length > 0"
            )
            results = page.eval_on_selector_all(
                ".pt-result",
                """els => els.map(e => ({
                    title: e.querySelector('.pt-result__title').textContent,
                    href: e.querySelector('a').getAttribute('href'),
                    kind: e.querySelector('.pt-result__kind').textContent,
                    snippet: e.querySelector('.pt-result__snippet').textContent,
                    marked: [...e.querySelectorAll('mark')].map(m => m.textContent).join('|'),
                }))""",
            )
            # The script itself counts too: it is fetched for the search, not for the page.
            script = sum(size for url, size in fetched[:start] if "portal-search" in url)
            query_bytes = sum(size for _, size in fetched[start:]) + script
            page.close()
            assert external == [] and errors == []
            return results, query_bytes

        yield search
        context.close()


@pytest.mark.browser
def test_search_finds_chinese_words(
    search_page: Callable[..., tuple[list[dict[str, str]], int]],
) -> None:
    results, _ = search_page("犬")
    assert len(results) >= 10
    assert all("犬" in r["title"] for r in results[:5])
    results, _ = search_page("市容")
    assert "市容" in results[0]["title"]
    results, _ = search_page("占道经营")
    titles = [r["title"] for r in results]
    assert "多部门联合整治商贸中心周边秩序 清理占道摊点63处" in titles[:3]
    # The word, or both its parts, are in every one of the first results.
    assert all("占道" in r["marked"] and "经营" in r["marked"] for r in results[:5])


@pytest.mark.browser
def test_query_is_segmented_like_the_pages(
    search_page: Callable[..., tuple[list[dict[str, str]], int]], sample_site: Path
) -> None:
    # 违法行为 is segmented as the pages were: every result says 违法 and 行为.
    results, _ = search_page("违法行为")
    assert results
    for r in results:
        path = urlsplit(r["href"]).path.strip("/")
        text = (sample_site / path / "index.html").read_text(encoding="utf-8")
        assert "违法" in text and "行为" in text, r
        assert "违法" in r["marked"], r
    nothing, _ = search_page("量子计算机")
    assert nothing == []


@pytest.mark.browser
def test_search_downloads_little(
    search_page: Callable[..., tuple[list[dict[str, str]], int]],
) -> None:
    _, fetched = search_page("养犬登记")
    assert fetched < 300_000, fetched
