"""A portal whose `timezone` is not Beijing's: every date the site shows or serialises is on
that zone's wall clock, so a forgotten zone (a Beijing default) cannot hide."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html

from .conftest import MKDOCS, WritePortal, build

# 23:30 in New York is 11:30 the next day in Beijing: a date taken on the wrong clock shows
# 13 May instead of 12 May.
LATE_ARTICLE = """\
---
title: 夜间巡查纪实
date: 2026-05-12 23:30
squad: baiyang
category: 执法动态
---

5月12日深夜，白洋中队巡查解放街。
"""


def test_build_in_another_timezone(write_portal: WritePortal, tmp_path: Path) -> None:
    mkdocs = MKDOCS.replace("  - portal:\n", "  - portal:\n      timezone: America/New_York\n")
    root = write_portal(
        {"mkdocs.yml": mkdocs, "content/articles/night-patrol.md": LATE_ARTICLE}, articles=False
    )
    site = tmp_path / "site"
    assert build(root, site) == 0

    page = site / "news/2026/05/night-patrol/index.html"
    text = lxml.html.fromstring(page.read_text(encoding="utf-8")).text_content()
    assert "2026年5月12日" in text and "5月13日" not in text

    rss = (site / "feeds/news.xml").read_text(encoding="utf-8")
    assert "<pubDate>Tue, 12 May 2026 23:30:00 -0400</pubDate>" in rss
    (entry,) = feedparser.parse(rss).entries
    assert entry.id == "tag:example.org,2026-05-12:news/night-patrol"
    atom = (site / "feeds/news.atom").read_text(encoding="utf-8")
    assert "2026-05-12T23:30:00-04:00" in atom
    (item,) = json.loads((site / "feeds/news.json").read_text(encoding="utf-8"))["items"]
    assert item["date_published"] == "2026-05-12T23:30:00-04:00"
    assert item["id"] == entry.id

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = lxml.etree.parse(str(site / "sitemap.xml"))
    dates = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
        for u in sitemap.getroot()
    }
    assert dates["https://example.org/news/2026/05/night-patrol/"] == "2026-05-12"
