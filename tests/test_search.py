"""Sharded Chinese search: the index the build writes, and the query a citizen types."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest

from generator.cli import main
from generator.errors import Problem
from generator.render.search import SearchIndex, build_index, shard_of
from generator.render.search_text import SearchDoc, Segmenter, normalize
from generator.validate.synonyms import load_synonyms, parse_synonyms

from .conftest import WritePortal, build


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter(["熟溪中队"])


def _shard(index: SearchIndex, term: str) -> dict[str, list[int]]:
    """The table of the shard that holds `term`."""
    shard: dict[str, list[int]] = json.loads(
        index.files[index.shard_path(shard_of(term, index.shards))]
    )
    return shard


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
    shard = _shard(index, "占道经营")
    # Doc 0 has it in the title (flag 8) once in the text; doc 1 twice in the text.
    assert _decode(shard["占道经营"]) == {0: 8 + 1, 1: 2}
    first = json.loads(index.files[index.doc_path(0)])
    assert first == {
        "url": "news/a/",
        "title": "占道经营整治",
        "kind": "新闻",
        "date": "2026-05-01",
        "text": "清理占道经营摊位 23 处。",
    }
    # Every file's address carries a hash of its bytes; the manifest lists them by number.
    manifest = json.loads(index.manifest())
    assert manifest["base"] == "search/" and manifest["docs"] == 2
    width = manifest["width"]
    assert width == 8 and len(manifest["doc_ids"]) == 2 * width
    for number, data in enumerate(docs_bytes := [index.files[index.doc_path(n)] for n in (0, 1)]):
        content_id = hashlib.sha256(data).hexdigest()[:width]
        assert manifest["doc_ids"][number * width : (number + 1) * width] == content_id
        assert index.doc_path(number) == f"search/d/{content_id}.json"
    assert len(docs_bytes) == 2
    shard_ids = manifest["shard_ids"]
    assert len(shard_ids) == 16 * width
    for number in range(16):
        data = index.files[
            f"search/t/{number}.{shard_ids[number * width : (number + 1) * width]}.json"
        ]
        assert hashlib.sha256(data).hexdigest().startswith(index.shard_ids[number])
    assert set(index.files) == {index.doc_path(0), index.doc_path(1)} | {
        index.shard_path(n) for n in range(16)
    }


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
    shard = _shard(index, "犬*")
    # 犬* is every document with a word beginning with 犬: doc 0 has 犬只 and 犬只登记, in
    # its title (8) and once each in its text; doc 1 has 犬类 and 犬类管理 in its text.
    assert _decode(shard["犬*"]) == {0: 8 + 2, 1: 2}


def test_same_input_same_index(segmenter: Segmenter) -> None:
    docs = [SearchDoc("x/", "标题", "新闻", "", "正文内容")]
    assert build_index(docs, segmenter).files == build_index(docs, segmenter).files
    changed = [SearchDoc("x/", "标题", "新闻", "", "正文内容改了")]
    assert build_index(changed, segmenter).version != build_index(docs, segmenter).version


def test_synonym_table_is_read_line_by_line() -> None:
    problems: list[Problem] = []
    path = PurePosixPath("synonyms.txt")
    text = "# 说明\n养狗 养犬、犬只  # 注释\n违章搭建，违建\uff0f违法建设\n噪音\n占道 经营 养犬\n摆摊 摊\n"
    groups = parse_synonyms(text, path, problems)
    assert groups == (("养狗", "养犬", "犬只"), ("违章搭建", "违建", "违法建设"), ("占道", "经营"))
    assert [str(p) for p in problems] == [
        "synonyms.txt:4: 同义词: 这一组只有“噪音”一个词",
        "synonyms.txt:5: 同义词: “养犬”已在第 2 行的一组中，每个词只能属于一组",
        "synonyms.txt:6: 同义词: “摊”只有一个字，同义词至少两个字",
        "synonyms.txt:6: 同义词: 这一组只有“摆摊”一个词",
    ]


def test_shipped_synonym_table_is_clean() -> None:
    problems: list[Problem] = []
    groups = load_synonyms(Path(), None, problems)
    assert problems == []
    words = {w for g in groups for w in g}
    # What residents type beside what the bureau writes (issue 20).
    for group in (("养狗", "养犬", "犬只"), ("违章搭建", "违建", "违法建设"), ("噪音", "噪声")):
        assert any(set(group) <= set(g) for g in groups), group
    assert any({"摆摊", "占道经营", "流动摊贩"} <= set(g) for g in groups)
    assert len(groups) >= 40 and len(words) >= 150


def test_synonym_groups_share_one_union_entry(segmenter: Segmenter) -> None:
    docs = [
        SearchDoc("a/", "文明养犬", "新闻", "", "养犬登记。"),
        SearchDoc("b/", "通知", "新闻", "", "小区里养狗的居民请牵绳，犬只免疫。"),
        SearchDoc("c/", "垃圾分类", "新闻", "", "分类投放。"),
    ]
    index = build_index(
        docs, Segmenter(["养狗", "养犬", "犬只"]), synonyms=[("养犬", "养狗", "犬只")]
    )
    # `养犬~` lives beside 养犬 (the same shard) and holds every page with a word of the group.
    shard = _shard(index, "养犬")
    # Doc 0: 养犬 in the title and once in the text; doc 1: 养狗 once and 犬只 once.
    assert _decode(shard["养犬~"]) == {0: 8 + 1, 1: 2}
    manifest = json.loads(index.manifest())
    assert manifest["synonyms"] == [["养犬", "养狗", "犬只"]]
    assert manifest["kinds"] == "nnn"


def _with_synonyms(root: Path, file: str) -> None:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - portal:\n", f"  - portal:\n      synonyms: {file}\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")


def test_a_portal_brings_its_own_synonyms(write_portal: WritePortal, tmp_path: Path) -> None:
    root = write_portal({"words/同义词.txt": "夜排档 夜市 占道经营\n"})
    _with_synonyms(root, "words/同义词.txt")
    site = tmp_path / "site"
    assert build(root, site) == 0
    manifest = json.loads((site / "search/manifest.json").read_text(encoding="utf-8"))
    assert manifest["synonyms"] == [["夜排档", "夜市", "占道经营"]]
    shards = [json.loads(p.read_text(encoding="utf-8")) for p in site.glob("search/t/*.json")]
    union = next(s["夜排档~"] for s in shards if "夜排档~" in s)
    assert len(_decode(union)) == 1  # the one article, which says 夜市 and 占道经营


def test_a_portal_reports_its_synonym_file(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal({"synonyms.txt": "夜排档\n养犬 养狗\n"})
    _with_synonyms(root, "synonyms.txt")
    capsys.readouterr()
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    assert "synonyms.txt:1: 同义词: 这一组只有“夜排档”一个词" in capsys.readouterr().err
    (root / "synonyms.txt").unlink()
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    assert "synonyms.txt:0: synonyms: 同义词表文件不存在" in capsys.readouterr().err


def test_sample_index(sample_site: Path) -> None:
    manifest = json.loads((sample_site / "search/manifest.json").read_text())
    base = sample_site / manifest["base"]
    docs = [json.loads(p.read_text()) for p in (base / "d").glob("*.json")]
    assert len(manifest["doc_ids"]) == manifest["width"] * len(docs)
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

        def search(query: str, everything: bool = False) -> tuple[list[dict[str, str]], int]:
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
            while everything and page.is_visible("[data-pt-more]"):
                shown = page.locator(".pt-result").count()
                page.click("[data-pt-more]")
                page.wait_for_function(
                    f"() => document.querySelectorAll('.pt-result').length > {shown}"
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
    # The word, both its parts, or a word the synonym table gives for it (摆摊, 流动摊贩) is
    # in every one of the first results.
    said = ("占道经营", "占道设摊", "摆摊", "流动摊贩", "马路市场", "路边摊", "摆地摊", "流动摊点")
    for r in results[:5]:
        assert ("占道" in r["marked"] and "经营" in r["marked"]) or any(
            w in r["marked"] for w in said
        ), r


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


@pytest.mark.browser
def test_what_residents_type_finds_what_the_bureau_writes(
    search_page: Callable[..., tuple[list[dict[str, str]], int]],
) -> None:
    # Before the synonym table: 养狗 3 results against 42 for 养犬, 违章搭建 2 against 19.
    for typed, written in (
        ("养狗", "养犬"),
        ("违章搭建", "违建"),
        ("噪音", "噪声"),
        ("摆地摊", "摆摊"),
    ):
        found, _ = search_page(typed, everything=True)
        official, _ = search_page(written, everything=True)
        assert len(found) >= 15, typed
        assert {r["href"] for r in official} <= {r["href"] for r in found}, typed
    results, _ = search_page("养狗")
    # The pages that say 养狗 as typed are not buried under those that say 养犬 or 犬只.
    typed = [i for i, r in enumerate(results) if "养狗" in r["marked"]]
    assert typed and typed[0] < 5
    assert any("养犬" in r["marked"] for r in results)


@pytest.mark.browser
def test_answers_and_regulations_stand_beside_the_news(
    search_page: Callable[..., tuple[list[dict[str, str]], int]],
) -> None:
    results, fetched = search_page("占道经营")
    kinds = [r["kind"] for r in results[:10]]
    # 法律咨询台 has an answer about exactly this (菜贩在马路边上摆摊卖菜…), and 法规摘要 the rule.
    assert "法律咨询台" in kinds and "法规摘要" in kinds, kinds
    assert any("摆摊卖菜" in r["title"] for r in results[:10])
    assert fetched < 300_000, fetched
    # A question: the answer about it comes first.
    results, _ = search_page("养狗要登记吗")
    assert results[0]["kind"] == "法律咨询台" and "登记" in results[0]["title"]
    results, _ = search_page("违章搭建怎么举报")
    assert [r["kind"] for r in results[:2]] == ["法律咨询台", "法律咨询台"]
