"""Build the sample portal and read the HTML that came out."""

from __future__ import annotations

import math
import os
import posixpath
import subprocess
import sys
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from generator.model import Portal, Status
from generator.settings import Settings
from generator.urls import article_url
from generator.validate.portal import load_portal

from .conftest import ROOT


@pytest.fixture(scope="module")
def model() -> Portal:
    from mkdocs.config import load_config

    from generator.cli.common import portal_plugin
    from generator.config import settings_from

    config = load_config(str(ROOT / "mkdocs.yml"))
    settings: Settings = settings_from(config, portal_plugin(config).config)
    return load_portal(settings)


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"missing page /{url}"
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    (inner,) = tree.cssselect("article.md-content__inner")
    return inner


def card_links(tree: lxml.html.HtmlElement) -> list[str]:
    return [a.get("href") for a in content(tree).cssselect(".pt-card__title a")]


def test_sample_is_realistic(model: Portal) -> None:
    months = {a.published.strftime("%Y-%m") for a in model.articles}
    statuses = Counter(a.status for a in model.articles)
    assert len(model.units) >= 8 and len(model.articles) >= 40 and len(months) >= 6
    assert statuses[Status.DRAFT] and statuses[Status.REJECTED]
    assert {a.category for a in model.articles} == set(model.categories)
    assert any(a.placements for a in model.articles) and any(a.edition for a in model.articles)


def test_every_published_article_has_its_page(sample_site: Path, model: Portal) -> None:
    for a in model.published:
        tree = page(sample_site, article_url(a))
        body = content(tree)
        assert body.cssselect("h1")[0].text_content() == a.title
        meta = body.cssselect(".pt-meta")[0].text_content()
        local = a.published.astimezone(model.articles[0].published.tzinfo)
        assert f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}" in meta
        assert a.unit.name in meta and a.category.name in meta
        assert tree.cssselect("html")[0].get("lang") == "zh-CN"
        assert f"<title>{a.title}" in (sample_site / article_url(a) / "index.html").read_text()
        if a.placements:
            text = body.cssselect(".pt-placements")[0].text_content()
            assert all(p.outlet.name in text for p in a.placements)


def test_drafts_and_rejected_are_not_published(sample_site: Path, model: Portal) -> None:
    hidden = [a for a in model.articles if not a.is_published]
    everything = "\n".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    for a in hidden:
        assert not (sample_site / article_url(a)).exists()
        assert a.title not in everything


def test_raw_content_files_are_not_copied(sample_site: Path) -> None:
    data = {".md", ".yml", ".yaml", ".csv"}
    sources = {p.read_bytes() for p in (ROOT / "content").rglob("*") if p.suffix in data}
    published = [p for p in sample_site.rglob("*") if p.suffix in data]
    # Only our own exports (masked digests, tracking tables) are CSV; no source file is copied.
    assert all(p.suffix == ".csv" for p in published)
    assert [p for p in published if p.read_bytes() in sources] == []
    assert not list((sample_site / "suggestions").rglob("submissions.csv"))


def test_news_pagination(sample_site: Path, model: Portal) -> None:
    published = model.published
    pages = math.ceil(len(published) / 10)
    seen: list[str] = []
    for number in range(1, pages + 1):
        url = "news/" if number == 1 else f"news/page/{number}/"
        tree = page(sample_site, url)
        links = card_links(tree)
        assert len(links) == (10 if number < pages else len(published) - 10 * (pages - 1))
        seen += [os_path_norm(url, href) for href in links]
        status = content(tree).cssselect(".pt-pager__status")[0].text_content()
        assert status == f"第 {number} 页，共 {pages} 页（{len(published)} 篇）"
        nxt = content(tree).cssselect("a[rel=next]")
        assert bool(nxt) == (number < pages)
    assert seen == [article_url(a) for a in published]
    assert not (sample_site / f"news/page/{pages + 1}").exists()


def os_path_norm(base: str, href: str) -> str:
    """Resolve a relative link found on the page at `base` to a site path."""
    return posixpath.normpath(posixpath.join(base, href)) + "/"


def test_category_and_month_archives(sample_site: Path, model: Portal) -> None:
    for category in model.categories:
        items = [a for a in model.published if a.category == category]
        found: list[str] = []
        number = 1
        while True:
            base = f"news/category/{category.slug}/"
            url = base if number == 1 else f"{base}page/{number}/"
            if not (sample_site / url).exists():
                break
            found += [os_path_norm(url, h) for h in card_links(page(sample_site, url))]
            number += 1
        assert found == [article_url(a) for a in items], category.name
    months = Counter(a.published.strftime("%Y/%m") for a in model.published)
    archive = content(page(sample_site, "news/archive/")).text_content()
    for month, count in months.items():
        assert (sample_site / "news" / month / "index.html").is_file()
        assert f"{int(month[5:])}月 {count} 篇" in " ".join(archive.split())


def test_meilijiayuan_lists_every_edition(sample_site: Path, model: Portal) -> None:
    tree = content(page(sample_site, "meilijiayuan/"))
    sections = tree.cssselect(".pt-edition")
    assert len(sections) == len(model.editions)
    for e in model.editions:
        pieces = [a for a in model.published if a.edition == e]
        edition_page = content(page(sample_site, f"meilijiayuan/{e.number}/"))
        titles = [a.text_content() for a in edition_page.cssselect(".pt-card__title a")]
        assert sorted(titles) == sorted(a.title for a in pieces)


def test_home_page(sample_site: Path, model: Portal) -> None:
    tree = page(sample_site, "")
    links = card_links(tree)
    assert [os_path_norm("", h) for h in links] == [article_url(a) for a in model.published[:8]]
    text = content(tree).text_content()
    assert "更多新闻" in text and "美丽家园" in text
    assert "fonts.googleapis.com" not in (sample_site / "index.html").read_text()


def test_free_pages(sample_site: Path, model: Portal) -> None:
    for p in model.pages:
        tree = page(sample_site, f"{p.key}/")
        assert content(tree).cssselect("h1")[0].text_content() == p.title


def test_mkdocs_build_works_too(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/index.html").is_file()
    assert (tmp_path / "site/news/index.html").is_file()
