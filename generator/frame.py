"""Many generated pages through the theme, at the cost of one render per page shape.

Rendering mkdocs-material's main.html takes a few milliseconds a page, and a county archive
has thousands of article and listing pages. For a page that is not in the navigation, the
theme's output depends on the page only through a few values: its title, description and
canonical address, its depth in the site (the relative links to assets and the nav), which
parts are hidden, our head additions and the content. So the theme renders each shape once,
with placeholders for those values (a `Frame`), and each page of that shape is the frame with
the values filled in, escaped exactly as the template escapes them. `tests/test_frame.py`
renders pages both ways and compares the bytes.

This module is part of the MkDocs adapter (it needs the theme's environment and navigation),
used by mkdocs_engine.py; the pipeline (build.py), the model and the renderers know nothing of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import get_relative_url

from generator.engine import FramedPage

# Private-use characters: nothing in a template escapes or produces them.
_MARK = "\ue000"
FIELDS = ("title", "description", "canonical", "head", "content")
_PLACEHOLDER = {name: f"{_MARK}{name}{_MARK}" for name in FIELDS}
_SPLIT = re.compile(f"{_MARK}({'|'.join(FIELDS)}){_MARK}")


class _ProbeContent(Markup):
    """The content placeholder, answering the theme's `"<h1" in page.content` as the pages of
    the shape would (Material adds a title when the content has none)."""

    titled = False

    def __contains__(self, item: object) -> bool:
        if item == "<h1":
            return self.titled
        return super().__contains__(item)  # type: ignore[operator]


@dataclass(frozen=True)
class Shape:
    """What the theme's output depends on, besides the filled values."""

    links: tuple[str, ...]  # relative links from the page to the site root and each nav page
    hide: tuple[str, ...]
    described: bool  # a page description (else the site's)
    titled: bool  # the content has its own <h1> (else the theme adds one)
    section: str | None = None  # the menu entry shown as current (its URL)


@dataclass(frozen=True)
class Frame:
    """The theme's page with holes: text and field names, alternately."""

    parts: tuple[str, ...]

    def fill(self, values: dict[str, str]) -> str:
        return "".join(values[p] if i % 2 else p for i, p in enumerate(self.parts))


@contextmanager
def active_section(nav: Navigation, section: str | None) -> Iterator[None]:
    """Mark the menu entry at `section` (and the section holding it) as current while a page
    that is not in the menu itself renders: Material then highlights it in the tabs and the
    drawer, as it does for the pages of the menu."""
    entry = next((p for p in nav.pages if section is not None and p.url == section), None)
    if entry is not None:
        entry.active = True
    try:
        yield
    finally:
        if entry is not None:
            entry.active = False


class FrameRenderer:
    """Frames for one build: the theme's environment, the navigation and the files."""

    def __init__(self, config: MkDocsConfig, nav: Navigation, files: Files, env: Any) -> None:
        self.config = config
        self.nav = nav
        self.files = files
        self.env = env
        self._frames: dict[Shape, Frame] = {}
        # Pages our theme partials link besides the nav (the header's search form).
        self._targets = [".", "search/", "sitemap/", *(p.url or "." for p in nav.pages)]

    def page(self, bulk: FramedPage, values: dict[str, str] | None = None) -> Page:
        """The MkDocs page object of `bulk`, with its meta as the plugin sets it."""
        file = File.generated(self.config, bulk.src_uri, content="")
        file.dest_uri = bulk.dest_uri
        file.url = bulk.url or "./"
        page = Page(str(bulk.title), file, self.config)
        v = {k: Markup(text) for k, text in (values or {}).items()}
        meta: dict[str, Any] = {"title": v.get("title", bulk.title), "hide": list(bulk.hide)}
        if bulk.description:
            meta["description"] = v.get("description", bulk.description)
        meta["portal_head"] = v.get("head", bulk.head)
        page.meta = meta
        page.content = v.get("content", bulk.content)
        page.toc = TableOfContents([])  # bulk pages hide the table of contents
        if "canonical" in v:
            page.canonical_url = v["canonical"]
        return page

    def render_with_theme(self, page: Page, section: str | None = None) -> str:
        """The theme's own rendering of one page, as MkDocs' build does it; the menu shows
        the entry at `section` (a URL) as the current one."""
        page.active = True
        try:
            with active_section(self.nav, section):
                context = get_context(self.nav, self.files, self.config, page)
                context = self.config.plugins.on_page_context(
                    context, page=page, config=self.config, nav=self.nav
                )
                template = self.env.get_template(page.meta.get("template", "main.html"))
                output: str = template.render(context)
        finally:
            page.active = False
        return output

    def shape(self, bulk: FramedPage) -> Shape:
        """The theme links pages relative to each other (MkDocs' `url` filter), so pages share a
        frame when their links to the root and to every nav page are written the same."""
        links = tuple(get_relative_url(target, bulk.url or ".") for target in self._targets)
        titled = "<h1" in bulk.content
        return Shape(links, bulk.hide, bool(bulk.description), titled, bulk.section)

    def frame(self, bulk: FramedPage) -> Frame:
        shape = self.shape(bulk)
        if shape not in self._frames:
            probe = self.page(bulk, _PLACEHOLDER)
            content = _ProbeContent(_PLACEHOLDER["content"])
            content.titled = shape.titled
            probe.content = content
            rendered = self.render_with_theme(probe, shape.section)
            parts = tuple(_SPLIT.split(rendered))
            if _MARK in "".join(parts[::2]):
                raise RuntimeError("portal: a theme template changed a frame placeholder")
            self._frames[shape] = Frame(parts)
        return self._frames[shape]

    def render(self, bulk: FramedPage) -> str:
        site_url = self.config.site_url or ""
        if site_url and not site_url.endswith("/"):
            site_url += "/"
        canonical = urljoin(site_url, bulk.url) if site_url else ""  # as Page does it
        values = {
            "title": str(bulk.title),
            "description": str(bulk.description),
            "canonical": canonical,
            "head": str(bulk.head),
            "content": str(bulk.content),
        }
        output = self.frame(bulk).fill(values)
        if self.config.plugins.events["post_page"]:
            # Other plugins' post_page handlers see every page, as in MkDocs' own build.
            post: Callable[..., str] = self.config.plugins.on_post_page
            output = post(output, page=self.page(bulk), config=self.config)
        return output

    @property
    def shapes(self) -> Sequence[Shape]:
        return list(self._frames)
