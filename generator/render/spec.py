"""A page of the site as the renderers describe it, before MkDocs turns it into a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.render.feed_catalog import FeedLink


@dataclass(frozen=True)
class PageSpec:
    """One page of the site.

    `src_uri` is the virtual source path inside content/ (relative links in `markdown` resolve
    from it); `url` is the site path the page is published at.
    """

    src_uri: str
    url: str
    title: str
    compose: Callable[[str], str]  # body HTML (from `markdown`) → the page's content HTML
    markdown: str = ""
    description: str = ""
    hide: tuple[str, ...] = ("navigation",)
    searchable: bool = False
    feeds: tuple[FeedLink, ...] = ()  # besides the site-wide feed, linked from the head
    jsonld: tuple[dict[str, Any], ...] = ()  # schema.org structured data for the head
    meta: dict[str, object] = field(default_factory=dict)
    updated: date | None = None  # the content's date, for the sitemap (never the build's)
    indexed: bool = True  # listed in the sitemap
    # The menu entry (its URL) the page belongs to when no menu URL is the start of its own
    # (render/wayfinding.py: section_of; "" is the home page).
    section: str | None = None

    @property
    def dest_uri(self) -> str:
        return f"{self.url}index.html"


def fixed(html: str) -> Callable[[str], str]:
    """A composer for pages made entirely by us (their Markdown body is empty)."""

    def compose(_body: str) -> str:
        return html

    return compose


def fixed_page(url: str, title: str, html: str, **fields: Any) -> PageSpec:
    """A page made entirely by us: `html` is its content, without navigation or a table of
    contents; its virtual source is `<url>index.md`."""
    return PageSpec(f"{url}index.md", url, title, fixed(html), hide=("navigation", "toc"), **fields)
