"""Embeds (site/embed/): valid HTML without scripts or requests, absolute links, scoped CSS."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import lxml.html
import pytest
import tinycss2

from generator.render.embed import embed_css

from .conftest import ROOT, WritePortal, build

SITE_URL = "https://cgj.wuyi.example.gov.cn/"
LISTS = ["news", "answers", "campaigns", "category/zhifa", "category/fazhi"]
# Elements that make a browser fetch something, or run something.
FETCHING = {"script", "img", "iframe", "object", "embed", "video", "audio", "source"}


def read(site: Path, rel: str) -> str:
    return (site / "embed" / rel).read_text(encoding="utf-8")


def strict_parse(text: str, fragment: bool) -> None:
    """html5lib in strict mode raises on the first parse error the HTML standard defines."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    if fragment:
        parser.parseFragment(text, container="div")
    else:
        parser.parse(text)


@pytest.mark.parametrize("name", LISTS)
def test_iframe_document_and_fragment_are_valid_html(sample_site: Path, name: str) -> None:
    document = read(sample_site, f"{name}.html")
    fragment = read(sample_site, f"{name}.inc.html")
    strict_parse(document, fragment=False)
    strict_parse(fragment, fragment=True)
    assert document.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    tree = lxml.html.fromstring(document)
    assert tree.find("head/meta").get("charset") == "utf-8"
    assert tree.find("head/base").get("target") == "_top"  # links leave the frame
    (root,) = lxml.html.fragments_fromstring(fragment)
    assert root.tag == "section" and root.get("lang") == "zh-CN"
    assert root.get("class") == "portal-embed"
    # A fragment goes into someone else's page: no ids to collide, no <style> in their body.
    assert not root.xpath(".//@id") and not root.xpath(".//style")


@pytest.mark.parametrize("name", LISTS)
def test_no_script_no_requests_absolute_links(sample_site: Path, name: str) -> None:
    feed_of = {
        "news": "../feeds/news.xml",
        "answers": "../feeds/qa.xml",
        "campaigns": "../feeds/news.xml",
        "category/zhifa": "../../feeds/category/zhifa.xml",
        "category/fazhi": "../../feeds/category/fazhi.xml",
    }
    for rel in (f"{name}.html", f"{name}.inc.html"):
        tree = lxml.html.fromstring(read(sample_site, rel))
        assert {el.tag for el in tree.iter() if isinstance(el.tag, str)}.isdisjoint(FETCHING)
        # A <link> only names the list's feed for readers; nothing is loaded from it.
        assert all(link.get("rel") == "alternate" for link in tree.iter("link"))
        assert not [a for a in tree.iter() for k in a.attrib if k.startswith("on")]
        assert "@import" not in read(sample_site, rel) and "url(" not in read(sample_site, rel)
        hrefs = tree.xpath("//a/@href")
        assert tree.xpath("//head/link/@href") == (
            [] if rel.endswith(".inc.html") else [feed_of[name]]
        )
        assert hrefs and all(h.startswith(SITE_URL) for h in hrefs), hrefs
        assert not tree.xpath("//@src")
    policy = lxml.html.fromstring(read(sample_site, f"{name}.html")).xpath(
        "//meta[@http-equiv='Content-Security-Policy']/@content"
    )
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'; form-action 'none'"]


def _selectors(css: str) -> list[str]:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    assert all(r.type == "qualified-rule" for r in rules), "no @-rules (no @import, no @font-face)"
    selectors = []
    for rule in rules:
        prelude = tinycss2.serialize(rule.prelude)
        selectors += [s.strip() for s in prelude.split(",")]
    return selectors


def test_css_is_scoped_under_one_root_class() -> None:
    selectors = _selectors(embed_css())
    assert len(selectors) > 10
    for selector in selectors:
        assert selector.startswith(".portal-embed"), selector
        # `.portal-embed` itself, a modifier on it, or something inside it: never the host.
        head = selector.split()[0]
        assert head in {".portal-embed", ".portal-embed.portal-embed--page"}, selector
        assert "*" not in selector, selector
    for declaration in tinycss2.parse_stylesheet(
        embed_css(), skip_comments=True, skip_whitespace=True
    ):
        text = tinycss2.serialize(declaration.content)
        assert "url(" not in text and "!important" not in text


def test_the_css_is_published_three_ways(sample_site: Path) -> None:
    css = embed_css()
    assert read(sample_site, "embed.css") == css
    head = read(sample_site, "style.inc.html")
    (style,) = lxml.html.fragments_fromstring(head)
    assert style.tag == "style" and style.text.strip() == css.strip()
    document = lxml.html.fromstring(read(sample_site, "news.html"))
    assert document.find("head/style").text.strip() == css.strip()


def test_lists_hold_what_the_home_page_holds(sample_site: Path) -> None:
    news = lxml.html.fromstring(read(sample_site, "news.inc.html"))
    items = news.cssselect(".portal-embed__item")
    assert len(items) == 8  # home_items
    home = lxml.html.fromstring((sample_site / "index.html").read_text(encoding="utf-8"))
    home_titles = [a.text_content().strip() for a in home.cssselect(".pt-card__title a")]
    assert [i.cssselect(".portal-embed__link")[0].text for i in items] == home_titles[:8]
    first = items[0].cssselect("a")[0]
    assert first.get("href").startswith(SITE_URL + "news/2026/")
    assert items[0].cssselect("time")[0].get("datetime") == items[0].cssselect("time")[0].text

    answers = lxml.html.fromstring(read(sample_site, "answers.inc.html"))
    links = [a.get("href") for a in answers.cssselect(".portal-embed__link")]
    assert len(links) == 5 and all(urlsplit(h).path.startswith("/qa/") for h in links)

    campaigns = lxml.html.fromstring(read(sample_site, "campaigns.inc.html"))
    # As of 2026-11-30 (the sample's day) only the parking campaign is open.
    assert [a.text for a in campaigns.cssselect(".portal-embed__link")] == [
        "城区停车秩序金点子征集"
    ]
    assert campaigns.cssselect(".portal-embed__meta")[0].text_content() == "征集至12月31日"


def test_footer_names_and_links_the_bureau(sample_site: Path) -> None:
    tree = lxml.html.fromstring(read(sample_site, "category/fazhi.inc.html"))
    (footer,) = tree.cssselect(".portal-embed__footer")
    links = [(a.text, a.get("href")) for a in footer.iter("a")]
    assert links == [
        ("更多", SITE_URL + "news/category/fazhi/"),
        ("武义县综合行政执法局", SITE_URL),
    ]
    assert tree.cssselect(".portal-embed__heading a")[0].text == "法治宣传"


NASTY = """\
---
title: '<script>alert(1)</script> “整治” & <b>粗体</b>'
date: 2026-05-12 09:30
squad: baiyang
category: 执法动态
---

正文。
"""


def test_text_is_escaped_and_an_empty_list_says_so(write_portal: WritePortal) -> None:
    root = write_portal({"content/articles/2026-05-12-night-market.md": NASTY})
    site = root / "site"
    assert build(root, site) == 0
    text = read(site, "news.inc.html")
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; “整治” &amp; &lt;b&gt;粗体&lt;/b&gt;" in text
    strict_parse(text, fragment=True)
    empty = lxml.html.fromstring(read(site, "answers.inc.html"))
    assert empty.cssselect(".portal-embed__empty")[0].text == "暂无解答。"
    assert not empty.cssselect(".portal-embed__list")
    campaigns = lxml.html.fromstring(read(site, "campaigns.html"))
    assert campaigns.cssselect(".portal-embed__empty")[0].text == "目前没有正在进行的征集活动。"
    # A category with no pieces yet still has its embed.
    assert (site / "embed" / "category" / "quanlei.inc.html").is_file()


def test_readme_shows_how_to_embed() -> None:
    readme = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert '<iframe src="https://cgj.wuyi.example.gov.cn/embed/news.html"' in readme
    assert '<!--#include virtual="/cgj/embed/news.inc.html" -->' in readme
    assert '<!--#include virtual="/cgj/embed/style.inc.html" -->' in readme
