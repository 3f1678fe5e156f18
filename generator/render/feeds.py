"""Feeds for local media: one `Feed` model, three serialisers (RSS 2.0, Atom 1.0, JSON Feed 1.1).

XML is built with ElementTree, so every text is escaped by construction (no templates, no
CDATA to break out of); characters XML 1.0 forbids are dropped first. Times are Beijing time
with +08:00. Item ids are fixed at first publication (`tag:` URIs from the date and slug, or
an explicit `id` in front matter) and survive edits to title, body and URL. A feed's own
"updated" time is its newest item's, never the clock, so the same input gives the same bytes.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from email.utils import format_datetime
from html import escape
from urllib.parse import urljoin

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"  # Media RSS: media:content for the lead photo
GENERATOR = "portal"


def xml_text(text: str) -> str:
    """Drop characters that XML 1.0 forbids (NUL, most C0 controls, lone surrogates)."""
    return _XML_FORBIDDEN.sub("", text)


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    url: str  # absolute
    published: datetime  # aware
    content_html: str  # links already absolute
    summary: str = ""
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    image: str = ""  # absolute URL of a lead image
    image_type: str = ""
    image_length: int = 0  # bytes, when known (the lead photo as published)
    image_width: int = 0
    image_height: int = 0


@dataclass(frozen=True)
class Feed:
    """One feed: `path` is its site path without extension, e.g. `feeds/news`."""

    path: str
    title: str
    description: str
    home_url: str  # absolute URL of the page the feed follows
    site_url: str
    items: tuple[FeedItem, ...]
    fallback_updated: datetime  # used only when there are no items
    tz: tzinfo  # the site's `timezone`: dates in feeds are its wall clock
    language: str = "zh-CN"
    formats: tuple[str, ...] = field(default=("xml", "atom", "json"))

    @property
    def updated(self) -> datetime:
        times = [i.updated or i.published for i in self.items]
        return max(times) if times else self.fallback_updated

    def url(self, fmt: str) -> str:
        return urljoin(self.site_url, f"{self.path}.{fmt}")


def absolutize(html: str, base_url: str) -> str:
    """Make every href/src in an HTML fragment absolute against `base_url`."""
    if not html.strip():
        return html
    import lxml.html

    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    wrapper.make_links_absolute(base_url, resolve_base_href=False)
    inner = (wrapper.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in wrapper
    )
    return inner


# -- serialisers ---------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrib.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def to_rss(feed: Feed) -> bytes:
    ET.register_namespace("content", CONTENT_NS)
    ET.register_namespace("atom", ATOM_NS)
    ET.register_namespace("dc", DC_NS)
    ET.register_namespace("media", MEDIA_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    _sub(channel, "title", feed.title)
    _sub(channel, "link", feed.home_url)
    _sub(channel, "description", escape(feed.description, quote=False))
    _sub(
        channel, f"{{{ATOM_NS}}}link", href=feed.url("xml"), rel="self", type="application/rss+xml"
    )
    _sub(channel, "language", feed.language)
    _sub(channel, "lastBuildDate", format_datetime(feed.updated.astimezone(feed.tz)))
    _sub(channel, "generator", GENERATOR)
    for item in feed.items:
        entry = _sub(channel, "item")
        _sub(entry, "title", item.title)
        _sub(entry, "link", item.url)
        _sub(entry, "guid", item.id, isPermaLink="false")
        _sub(entry, "pubDate", format_datetime(item.published.astimezone(feed.tz)))
        for author in item.authors:
            _sub(entry, f"{{{DC_NS}}}creator", author)
        for category in item.categories:
            _sub(entry, "category", category)
        # RSS readers render <description> as HTML: a plain-text summary goes in escaped.
        _sub(entry, "description", escape(item.summary or item.title, quote=False))
        _sub(entry, f"{{{CONTENT_NS}}}encoded", item.content_html)
        if item.image:
            kind = item.image_type or "image/jpeg"
            _sub(entry, "enclosure", url=item.image, type=kind, length=str(item.image_length))
            media = {"url": item.image, "type": kind, "medium": "image"}
            if item.image_width:
                media |= {"width": str(item.image_width), "height": str(item.image_height)}
                media["fileSize"] = str(item.image_length)
            _sub(entry, f"{{{MEDIA_NS}}}content", **media)
    return _xml_bytes(rss)


def to_atom(feed: Feed) -> bytes:
    ET.register_namespace("", ATOM_NS)

    def q(tag: str) -> str:
        return f"{{{ATOM_NS}}}{tag}"

    root = ET.Element(q("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": feed.language})
    _sub(root, q("id"), feed.url("atom"))
    _sub(root, q("title"), feed.title)
    _sub(root, q("subtitle"), feed.description)
    _sub(root, q("updated"), feed.updated.astimezone(feed.tz).isoformat())
    _sub(root, q("link"), href=feed.home_url, rel="alternate", type="text/html")
    _sub(root, q("link"), href=feed.url("atom"), rel="self", type="application/atom+xml")
    _sub(root, q("generator"), GENERATOR)
    for item in feed.items:
        entry = _sub(root, q("entry"))
        _sub(entry, q("id"), item.id)
        _sub(entry, q("title"), item.title)
        _sub(entry, q("link"), href=item.url, rel="alternate", type="text/html")
        _sub(entry, q("published"), item.published.astimezone(feed.tz).isoformat())
        updated = item.updated or item.published
        _sub(entry, q("updated"), updated.astimezone(feed.tz).isoformat())
        for author in item.authors or (feed.title,):
            _sub(_sub(entry, q("author")), q("name"), author)
        for category in item.categories:
            _sub(entry, q("category"), term=category)
        if item.summary:
            _sub(entry, q("summary"), item.summary)
        _sub(entry, q("content"), item.content_html, type="html")
        if item.image:
            link = {"rel": "enclosure", "href": item.image, "type": item.image_type or "image/jpeg"}
            if item.image_length:
                link["length"] = str(item.image_length)
            _sub(entry, q("link"), **link)
    return _xml_bytes(root)


def to_json(feed: Feed) -> bytes:
    items = []
    for item in feed.items:
        entry: dict[str, object] = {
            "id": item.id,
            "url": item.url,
            "title": xml_text(item.title),
            "content_html": xml_text(item.content_html),
            "date_published": item.published.astimezone(feed.tz).isoformat(),
            "date_modified": (item.updated or item.published).astimezone(feed.tz).isoformat(),
        }
        if item.summary:
            entry["summary"] = xml_text(item.summary)
        if item.authors:
            entry["authors"] = [{"name": a} for a in item.authors]
        if item.categories:
            entry["tags"] = list(item.categories)
        if item.image:
            entry["image"] = item.image
        items.append(entry)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.url("json"),
        "description": feed.description,
        "language": feed.language,
        "items": items,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


SERIALISERS = {"xml": to_rss, "atom": to_atom, "json": to_json}
MEDIA_TYPES = {
    "xml": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}


def render_feed(feed: Feed) -> dict[str, bytes]:
    """`{"feeds/news.xml": b"...", ...}` for every format of one feed."""
    return {f"{feed.path}.{fmt}": SERIALISERS[fmt](feed) for fmt in feed.formats}


def opml(feeds: Sequence[Feed], title: str) -> bytes:
    """An OPML 2.0 subscription list of the RSS version of `feeds`.

    Each feed is an empty `outline` element named by its `text` attribute, which OPML 2.0
    requires of every outline (readers show it as the subscription's name).
    """
    root = ET.Element("opml", {"version": "2.0"})
    head = _sub(root, "head")
    _sub(head, "title", title)
    body = _sub(root, "body")
    for feed in feeds:
        attributes = {
            "type": "rss",
            "text": feed.title,
            "title": feed.title,
            "xmlUrl": feed.url("xml"),
            "htmlUrl": feed.home_url,
        }
        ET.SubElement(body, "outline", {k: xml_text(v) for k, v in attributes.items()})
    return _xml_bytes(root)
