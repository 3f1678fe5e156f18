"""What subscription software and crawlers read besides the feeds: the two OPML lists, the
sitemap indexes in the feed folders, robots.txt."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import lxml.html
import pytest
import yaml

from generator.render.sitemap import robots_txt

from .conftest import ROOT, WritePortal, build

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LISTS = ("feeds/feeds.opml", "feeds/categories.opml")


def opml_problems(data: bytes) -> list[str]:
    """What OPML 2.0 (opml.org/spec2) requires of a subscription list, as W3C's feed validator
    checks it: `<opml version="2.0">` with a `head` and a `body`; every `outline` has a `text`
    attribute and no text of its own; an `rss` outline has an `xmlUrl`."""
    root = ET.fromstring(data)
    problems = []
    if root.tag != "opml" or root.get("version") != "2.0":
        problems.append(f"root {root.tag} version {root.get('version')}")
    if [child.tag for child in root] != ["head", "body"]:
        problems.append(f"children {[child.tag for child in root]}")
    body = root.find("body")
    if body is None or len(body) == 0:
        problems.append("no outline")
    for outline in root.iter("outline"):
        if not (outline.get("text") or "").strip():
            problems.append(f"outline without text: {outline.attrib}")
        if (outline.text or "").strip() or any(child.tag != "outline" for child in outline):
            problems.append(f"content in outline: {outline.attrib}")
        if outline.get("type") == "rss" and not (outline.get("xmlUrl") or "").startswith("http"):
            problems.append(f"rss outline without xmlUrl: {outline.attrib}")
    return problems


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def feeds_of(site: Path, name: str) -> dict[str, Path]:
    root = ET.fromstring((site / name).read_bytes())
    return {o.get("text", ""): local(site, o.get("xmlUrl", "")) for o in root.iter("outline")}


def test_both_lists_are_valid_opml(sample_site: Path) -> None:
    for name in LISTS:
        assert opml_problems((sample_site / name).read_bytes()) == [], name
    assert opml_problems(
        b'<opml version="2.0"><head/><body><outline type="rss">x</outline></body></opml>'
    ) == [
        "outline without text: {'type': 'rss'}",
        "content in outline: {'type': 'rss'}",
        "rss outline without xmlUrl: {'type': 'rss'}",
    ]


def test_the_lists_hold_everything_once_and_the_categories(sample_site: Path) -> None:
    everything = feeds_of(sample_site, "feeds/feeds.opml")
    categories = feeds_of(sample_site, "feeds/categories.opml")
    site = "武义县综合行政执法局 · "
    assert list(everything) == [f"{site}全部新闻", f"{site}法律咨询台", f"{site}法规摘要更新"]
    assert list(categories)[-2:] == [f"{site}法律咨询台", f"{site}法规摘要更新"]
    assert all(p.parent.name == "category" for p in list(categories.values())[:-2])
    assert len(categories) - 2 == len(list((sample_site / "feeds/category").glob("*.xml"))) - 1
    for name, feeds in (("everything", everything), ("categories", categories)):
        ids = [e.id for path in feeds.values() for e in feedparser.parse(path.read_bytes()).entries]
        assert len(ids) == len(set(ids)), f"{name}: a piece in two feeds of one list"


def test_subscribe_page_says_which_list_to_import(sample_site: Path) -> None:
    page = lxml.html.fromstring((sample_site / "subscribe/index.html").read_bytes())
    links = {a.get("href"): a.text_content() for a in page.cssselect(".md-content a")}
    assert "../feeds/feeds.opml" in links and "../feeds/categories.opml" in links
    text = page.cssselect(".md-content")[0].text_content()
    assert "不要同时导入" in text


@pytest.mark.skipif(
    not shutil.which("newsboat") and not os.environ.get("CI"), reason="newsboat not installed"
)
@pytest.mark.parametrize("name", LISTS)
def test_newsboat_imports_a_list_and_shows_every_feed_whole(
    sample_site: Path, tmp_path: Path, name: str
) -> None:
    """A reader that keys items by guid across feeds shows every item of every listed feed."""
    home = tmp_path / "home"
    home.mkdir()
    urls, config, cache = home / "urls", home / "config", home / "cache.db"
    config.write_text("")
    env = dict(os.environ, HOME=str(home))
    imported = subprocess.run(
        ["newsboat", "-u", str(urls), "-C", str(config), "-i", str(sample_site / name)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert imported.returncode == 0, imported.stderr
    listed = [line.split()[0] for line in urls.read_text().splitlines() if line.strip()]
    feeds = feeds_of(sample_site, name)
    assert listed == [f"{SITE_URL}{p.relative_to(sample_site)}" for p in feeds.values()]
    urls.write_text("".join(f"file://{local(sample_site, url)}\n" for url in listed))
    reloaded = subprocess.run(
        ["newsboat", "-u", str(urls), "-c", str(cache), "-C", str(config), "-x", "reload"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert reloaded.returncode == 0, reloaded.stderr
    with sqlite3.connect(cache) as db:
        shown = dict(db.execute("SELECT feedurl, count(*) FROM rss_item GROUP BY feedurl"))
    expected = {
        f"file://{path}": len(feedparser.parse(path.read_bytes()).entries)
        for path in feeds.values()
    }
    assert shown == expected


def test_feed_folders_hold_an_index_of_the_sitemap(sample_site: Path) -> None:
    """Material fetches sitemap.xml beside each feed a page links: a valid index answers."""
    for folder in ("feeds", "feeds/category"):
        root = ET.parse(sample_site / folder / "sitemap.xml").getroot()
        assert root.tag == f"{SITEMAP}sitemapindex"
        assert [e.tag for e in root] == [f"{SITEMAP}sitemap"]
        assert [e.text for e in root.iter(f"{SITEMAP}loc")] == [f"{SITE_URL}sitemap.xml"]


def test_the_sitemap_follows_the_protocol(sample_site: Path) -> None:
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    urls = list(root)
    assert len(urls) > 400
    for url in urls:
        assert [e.tag for e in url] == [f"{SITEMAP}loc", f"{SITEMAP}lastmod"]
        loc, lastmod = url[0].text or "", url[1].text or ""
        assert loc.startswith(SITE_URL) and len(loc) < 2048, loc
        assert len(lastmod) == 10 and lastmod[4] == lastmod[7] == "-", lastmod


def test_robots_txt_names_the_sitemap(sample_site: Path) -> None:
    assert (sample_site / "robots.txt").read_text() == (
        f"User-agent: *\nDisallow:\n\nSitemap: {SITE_URL}sitemap.xml\n"
    )
    assert robots_txt("", ["/tracking/"]) == b"User-agent: *\nDisallow: /tracking/\n"


def test_internal_tracking_is_kept_from_crawlers(write_portal: WritePortal) -> None:
    root = write_portal()
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - portal:\n", "  - portal:\n      tracking: internal\n")
    )
    assert build(root, root / "site") == 0
    robots = (root / "site/robots.txt").read_text()
    assert robots.startswith("User-agent: *\nDisallow: /tracking/\n")
