"""What output depends on what input: one edit per rule, the files it must rewrite and the
files it must leave alone (same bytes, same mtime), and the result equal to a fresh build."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import WritePortal, build

OLD = 1_000_000_000  # 2001: a time no build writes


def _article(day: int, title: str, body: str, summary: str = "") -> str:
    extra = f"summary: {summary}\n" if summary else ""
    return (
        f"---\ntitle: {title}\ndate: 2026-05-{day:02d} 09:30\nsquad: baiyang\n"
        f"category: 执法动态\n{extra}---\n\n{body}\n"
    )


ARTICLES = {
    3: ("第3篇", "第3篇的正文，清理占道经营摊位。", "白洋中队清理摊位。"),
    4: ("第4篇", "第4篇的正文，整治夜市油烟。", ""),
    5: ("第5篇", "第5篇的正文，犬只登记。", ""),
}


def _path(root: Path, day: int) -> Path:
    return root / f"content/articles/2026-05-{day:02d}-piece-{day}.md"


@pytest.fixture
def portal(write_portal: WritePortal) -> Path:
    return write_portal(
        {
            f"content/articles/2026-05-{d:02d}-piece-{d}.md": _article(d, *parts)
            for d, parts in ARTICLES.items()
        }
    )


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _rebuild(portal: Path, edit: Callable[[Path], None]) -> tuple[set[str], set[str]]:
    """Build, edit, build again: (files rewritten, files left with their old mtime)."""
    site = portal / "site"
    assert build(portal, site) == 0
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))
    before = _files(site)
    edit(portal)
    assert build(portal, site) == 0
    after = _files(site)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    untouched = {rel for rel in after if (site / rel).stat().st_mtime == OLD}
    # Nothing with the same bytes was written again; the result is what a fresh build makes.
    assert untouched == set(after) - changed
    copy = portal.parent / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(portal, copy, ignore=shutil.ignore_patterns(".portal-cache", "site"))
    assert build(copy, copy / "site") == 0
    assert after == _files(copy / "site")
    return changed, untouched


def _search_docs(portal: Path) -> set[str]:
    return {p.name for p in (portal / "site/search/d").iterdir()}


def test_a_body_edit_with_a_summary_leaves_the_lists(portal: Path) -> None:
    """An article's body: its page, JSON, WeChat copy, the feeds (full text) and its search
    document; the listings and the JSON lists show its summary, which is given."""
    before = set()

    def edit(root: Path) -> None:
        before.update(_search_docs(root))
        _path(root, 3).write_text(
            _article(3, "第3篇", "改过的正文。", "白洋中队清理摊位。"), encoding="utf-8"
        )

    changed, untouched = _rebuild(portal, edit)
    assert {
        "news/2026/05/piece-3/index.html",
        "api/news/2026/05/piece-3.json",
        "news/2026/05/piece-3/wechat/index.html",
        "feeds/news.xml",
        "search/manifest.json",
    } <= changed
    assert {"api/articles.json", "news/2026/05/piece-4/index.html"} <= untouched
    # One search document replaced by one: the others keep their address and file.
    assert len(_search_docs(portal) - before) == 1 == len(before - _search_docs(portal))


def test_a_body_edit_without_a_summary_changes_the_lists(portal: Path) -> None:
    """Without `summary` the lists show one derived from the body."""
    changed, untouched = _rebuild(
        portal,
        lambda root: _path(root, 4).write_text(
            _article(4, "第4篇", "新的开头。"), encoding="utf-8"
        ),
    )
    assert {"api/articles.json", "news/2026/05/piece-4/index.html", "news/index.html"} <= changed
    assert "news/2026/05/piece-3/index.html" in untouched


def test_a_title_edit_changes_its_neighbours_and_lists(portal: Path) -> None:
    """A title is shown by the newer and older article's links, the lists and the feeds."""
    changed, untouched = _rebuild(
        portal,
        lambda root: _path(root, 4).write_text(
            _article(4, "第4篇新标题", ARTICLES[4][1]), encoding="utf-8"
        ),
    )
    assert {
        "news/2026/05/piece-4/index.html",
        "news/2026/05/piece-3/index.html",
        "news/2026/05/piece-5/index.html",
        "api/articles.json",
        "feeds/news.xml",
        "search/manifest.json",
    } <= changed
    assert "api/news/2026/05/piece-3.json" in untouched


def test_a_new_article_keeps_the_others_search_documents(portal: Path) -> None:
    """Documents are numbered oldest first: a new article adds one document file."""
    before = set()

    def edit(root: Path) -> None:
        before.update(_search_docs(root))
        (root / "content/articles/2026-05-06-piece-6.md").write_text(
            _article(6, "第6篇", "新稿件的正文。")
        )

    changed, _ = _rebuild(portal, edit)
    assert before < _search_docs(portal) and len(_search_docs(portal) - before) == 1
    manifest = json.loads((portal / "site/search/manifest.json").read_text(encoding="utf-8"))
    (new,) = _search_docs(portal) - before
    ids, width = manifest["doc_ids"], manifest["width"]
    assert new.removesuffix(".json") in {ids[i : i + width] for i in range(0, len(ids), width)}
    assert "news/2026/05/piece-6/index.html" in changed
