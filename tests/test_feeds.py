"""Feeds: parse in feedparser, Beijing times, stable ids, safe text, discovery, stability."""

from __future__ import annotations

import calendar
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import lxml.html
import pytest

from generator.cli import main as portal_main
from generator.clock import BEIJING
from generator.errors import ContentError
from generator.render.feeds import Feed, FeedItem, absolutize, to_atom, to_json, to_rss, xml_text
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import WritePortal, build

PLUS8 = timezone(timedelta(hours=8))
NASTY = "正文\x00\x0b]]><script>alert(1)</script> 🎉 &amp; <b>粗体</b>"


def sample_feed(title: str = "标题 & <测试>", body: str = "<p>正文</p>") -> Feed:
    item = FeedItem(
        id="tag:example.org,2026-05-12:news/x",
        title=title,
        url="https://example.org/news/2026/05/x/",
        published=datetime(2026, 5, 12, 9, 30, tzinfo=PLUS8),
        content_html=body,
        summary="摘要",
        authors=("朱晓燕", "白洋中队"),
        categories=("执法动态", "A&B"),
    )
    return Feed(
        path="feeds/news",
        title="测试 · 全部新闻",
        description="描述",
        home_url="https://example.org/news/",
        site_url="https://example.org/",
        items=(item,),
        fallback_updated=datetime(2000, 1, 1, tzinfo=UTC),
        tz=PLUS8,
    )


@pytest.mark.parametrize("serialise", [to_rss, to_atom], ids=["rss", "atom"])
def test_feed_parses_with_beijing_time(serialise: object) -> None:
    data = serialise(sample_feed())  # type: ignore[operator]
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    assert entry.title == "标题 & <测试>"
    assert entry.id == "tag:example.org,2026-05-12:news/x"
    assert entry.link == "https://example.org/news/2026/05/x/"
    # 09:30 Beijing is 01:30 UTC.
    assert tuple(entry.published_parsed)[:5] == (2026, 5, 12, 1, 30)
    text = data.decode()
    assert ("+0800" in text) if serialise is to_rss else ("+08:00" in text)


def test_json_feed() -> None:
    document = json.loads(to_json(sample_feed()))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "https://example.org/feeds/news.json"
    (item,) = document["items"]
    assert item["id"] == "tag:example.org,2026-05-12:news/x"
    assert item["date_published"] == "2026-05-12T09:30:00+08:00"
    assert item["title"] == "标题 & <测试>" and item["content_html"] == "<p>正文</p>"
    assert item["authors"] == [{"name": "朱晓燕"}, {"name": "白洋中队"}]


def test_forbidden_characters_and_markup_in_text() -> None:
    feed = sample_feed(title=NASTY, body=f"<p>{NASTY}</p>")
    for serialise in (to_rss, to_atom):
        data = serialise(feed)
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert b"\x00" not in data and b"\x0b" not in data
        assert b"<script>" not in data  # escaped as text, never markup of the feed
        assert "🎉" in parsed.entries[0].title
    parsed_json = json.loads(to_json(feed))
    assert "\x00" not in parsed_json["items"][0]["title"]


def test_xml_text() -> None:
    assert xml_text("a\x00b\x08c\td\ne\ufffe") == "abc\td\ne"


def test_absolutize() -> None:
    html = '<p><a href="../other/">x</a> <img src="img/a.jpg" alt=""></p><p>b</p>'
    out = absolutize(html, "https://example.org/news/2026/05/x/")
    assert 'href="https://example.org/news/2026/05/other/"' in out
    assert 'src="https://example.org/news/2026/05/x/img/a.jpg"' in out
    assert out.endswith("<p>b</p>")


# -- the sample site's feeds ------------------------------------------------------------


def feed_files(site: Path) -> list[Path]:
    """The feeds, without the id record and the folders' sitemap indexes."""
    return sorted(
        p
        for p in (site / "feeds").rglob("*")
        if p.suffix in {".xml", ".atom", ".json"} and p.name not in {"ids.json", "sitemap.xml"}
    )


def test_sample_feeds_parse(sample_site: Path) -> None:
    files = feed_files(sample_site)
    assert len(files) >= 3 * 9
    for path in files:
        if path.suffix == ".json":
            document = json.loads(path.read_bytes())
            assert all(i["id"].startswith("tag:") for i in document["items"])
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            assert entry.id.startswith("tag:")
            assert entry.get("content") or entry.get("summary")
    news = feedparser.parse((sample_site / "feeds/news.xml").read_bytes())
    assert len(news.entries) == 20


def test_every_page_links_feeds_that_exist(sample_site: Path) -> None:
    for html_path in sample_site.rglob("*.html"):
        if html_path.name.endswith(".inc.html"):
            continue  # embed fragments for a server-side include: no head of their own
        tree = lxml.html.fromstring(html_path.read_bytes())
        links = tree.cssselect('head link[rel="alternate"]')
        hrefs = [link.get("href") for link in links if "feed" in link.get("href", "")]
        assert hrefs, f"{html_path} links no feed"
        for href in hrefs:
            # The 404 page is served at any depth, so MkDocs links it from the site root.
            base = sample_site if href.startswith("/") else html_path.parent
            target = (base / href.lstrip("/")).resolve()
            assert target.is_file(), (html_path, href)


def test_article_pages_link_their_category_feed(sample_site: Path) -> None:
    article = next((sample_site / "news").glob("20*/*/*/index.html"))
    tree = lxml.html.fromstring(article.read_bytes())
    hrefs = [link.get("href") for link in tree.cssselect('link[rel="alternate"]')]
    assert any("/feeds/category/" in h for h in hrefs)


ARTICLE = """\
---
title: {title}
date: 2026-05-12 09:30
squad: baiyang
category: 执法动态
---

{body}
"""


def test_ids_survive_edits_and_builds_are_byte_identical(write_portal: WritePortal) -> None:
    root = write_portal()
    path = root / "content/articles/2026-05-12-night-market.md"
    site = root / "site"
    assert build(root, site) == 0
    first = {p.name: p.read_bytes() for p in feed_files(site)}
    assert build(root, root / "site2") == 0
    second = {p.name: p.read_bytes() for p in feed_files(root / "site2")}
    assert first == second
    guid = feedparser.parse(first["news.xml"]).entries[0].id
    path.write_text(ARTICLE.format(title="标题改了", body="正文也改了。"), encoding="utf-8")
    assert build(root, site) == 0
    entry = feedparser.parse((site / "feeds/news.xml").read_bytes()).entries[0]
    assert entry.title == "标题改了" and entry.id == guid


def test_nasty_article_gives_valid_feeds(write_portal: WritePortal) -> None:
    body = "正文 ]]> <script>alert(1)</script> 🎉 \x0b结束"
    root = write_portal(
        {"content/articles/2026-05-12-night-market.md": ARTICLE.format(title="标题", body=body)}
    )
    # A control character pasted from Word is removed with a warning, not a failed build.
    assert build(root, root / "site") == 0
    for path in feed_files(root / "site"):
        if path.suffix != ".json":
            parsed = feedparser.parse(path.read_bytes())
            assert parsed.bozo == 0, path
    rss = (root / "site/feeds/news.xml").read_text()
    # The HTML text `]]&gt;` is escaped once more inside the XML element; the staff's <script>
    # is removed by the sanitiser before it reaches any output.
    assert "]]&amp;gt;" in rss and "🎉" in rss
    assert "<script" not in rss and "&lt;script" not in rss and "alert(1)" not in rss


@pytest.mark.skipif(
    not shutil.which("newsboat") and not os.environ.get("CI"), reason="newsboat not installed"
)
def test_newsboat_reads_the_feeds(sample_site: Path, tmp_path: Path) -> None:
    files = [sample_site / "feeds/news.xml", sample_site / "feeds/news.atom"]
    expected = {
        e.title: calendar.timegm(e.published_parsed)
        for e in feedparser.parse(files[0].read_bytes()).entries
    }
    assert len(expected) == 20
    for path in files:
        # One cache per feed: RSS and Atom carry the same item ids, and newsboat keys its
        # cache by id, so in one cache the second feed would take over the first's items.
        home = tmp_path / path.suffix.lstrip(".")
        home.mkdir()
        (home / "urls").write_text(f"file://{path}\n")
        (home / "config").write_text("")
        cache = home / "cache.db"
        result = subprocess.run(
            [
                *("newsboat", "-u", str(home / "urls"), "-c", str(cache)),
                *("-C", str(home / "config"), "-x", "reload"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=dict(os.environ, HOME=str(home)),
        )
        assert result.returncode == 0, result.stderr
        with sqlite3.connect(cache) as db:
            rows = db.execute("SELECT title, pubDate FROM rss_item").fetchall()
        seen = {title: int(when) for title, when in rows}
        assert seen == expected, path


def test_moved_article_is_warned_until_redirected(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    site = root / "site"
    assert build(root, site) == 0
    capsys.readouterr()
    old = root / "content/articles/2026-05-12-night-market.md"
    new = root / "content/articles/2026-05-12-night-market-stalls.md"
    old.rename(new)
    assert portal_main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    assert (
        "提醒：content/articles/2026-05-12-night-market-stalls.md:0: (address): 这篇稿件原来在 "
        "/news/2026/05/night-market/，现在在 /news/2026/05/night-market-stalls/：旧链接会打不开。"
        "在 content/redirects.yml 的 redirects: 下加一行 - {from: news/2026/05/night-market/, "
        "to: news/2026/05/night-market-stalls/}，并在稿件里加 id: "
        "tag:example.org,2026-05-12:news/night-market，订阅条目就不变"
    ) in capsys.readouterr().err
    (root / "content/redirects.yml").write_text(
        "redirects:\n  - {from: /news/2026/05/night-market/, to: news/2026/05/night-market-stalls/}\n"
    )
    new.write_text(
        new.read_text().replace(
            "category:", "id: tag:example.org,2026-05-12:news/night-market\ncategory:"
        )
    )
    assert build(root, site) == 0
    assert "(address)" not in capsys.readouterr().err
    moved = (site / "news/2026/05/night-market/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../night-market-stalls/">' in moved
    entry = feedparser.parse((site / "feeds/news.xml").read_bytes()).entries[0]
    assert entry.id == "tag:example.org,2026-05-12:news/night-market"
    assert entry.link == "https://example.org/news/2026/05/night-market-stalls/"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "{from: news/../../etc/, to: news/}",
            "content/redirects.yml:2: redirects[0].from: “news/../../etc/”不是本网站的路径"
            "（例如 news/2026/05/night-market/）",
        ),
        (
            "{from: news/2026/05/old/, to: news/2026/05/nowhere/}",
            "content/redirects.yml:2: redirects[0].to: /news/2026/05/nowhere/ 不是网站上的页面",
        ),
        (
            "{from: news/2026/05/night-market/, to: news/}",
            "content/redirects.yml:2: redirects[0].from: /news/2026/05/night-market/ "
            "是网站上现有的页面，不能再转走；删掉这一行",
        ),
    ],
)
def test_redirect_rules(write_portal: WritePortal, line: str, expected: str) -> None:
    root = write_portal({"content/redirects.yml": f"redirects:\n  - {line}\n"})
    with pytest.raises(ContentError) as exc:
        load_portal(Settings(root=root, timezone=BEIJING))
    assert expected in [str(p) for p in exc.value.problems]


def test_feed_ids_are_recorded(sample_site: Path) -> None:
    ids = json.loads((sample_site / "feeds/ids.json").read_text())
    assert len({i["id"] for i in ids}) == len(ids) > 250
