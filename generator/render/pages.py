"""HTML for the news pages: article, listings with pagination, archive, 美丽家园, home.

Rendered with our own Jinja environment (autoescape on), separate from the theme's: whatever
text comes from content is escaped here by construction. The theme wraps the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from functools import cached_property
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup

from generator import urls
from generator.cache import Cache, fingerprint
from generator.digest import Digester, Undigestable
from generator.model import Article
from generator.plaintext import derive_summary
from generator.render import wayfinding
from generator.render.text import cn_date, cn_datetime, relative_url
from generator.urls import page_url


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing."""

    items: Sequence[Article]
    number: int
    total: int
    count: int
    base: str

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def prev_url(self) -> str | None:
        return page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.base, self.number + 1) if self.number < self.total else None

    @property
    def links(self) -> list[tuple[int, str]]:
        """Page numbers around the current one, always with the first and last."""
        near = {1, self.total, *range(self.number - 2, self.number + 3)}
        return [(n, page_url(self.base, n)) for n in sorted(near) if 1 <= n <= self.total]


def paginate(items: Sequence[Article], size: int, base: str) -> list[Pager]:
    """Split `items` into pages of `size`; an empty listing still has one page."""
    total = max(1, -(-len(items) // size))
    return [
        Pager(items[(n - 1) * size : n * size], n, total, len(items), base)
        for n in range(1, total + 1)
    ]


class PageRenderer:
    """Renders news pages for one site; `url` is the page being rendered, for relative links."""

    def __init__(
        self,
        tz: tzinfo,
        site_name: str,
        hotline: str = "",
        memo: Memo | None = None,
        tag_urls: Mapping[str, str] | None = None,
        qa_channels: tuple[Any, ...] = (),
    ) -> None:
        self.tz = tz
        self.site_name = site_name
        self.hotline = hotline
        self.memo = memo
        self.tag_urls = dict(tag_urls or {})  # tag → its page (render/tags.py)
        self._tags_key = json.dumps(sorted(self.tag_urls.items()), ensure_ascii=False)
        self.qa_channels = qa_channels  # how to ask 法律咨询台 (model.Channel)

    def __digest__(self) -> tuple[object, ...]:
        """What the pages rendered here depend on besides their arguments and the templates
        (generator/digest.py: the key of an incremental build)."""
        return (self.tz, self.site_name, self.hotline, self._tags_key, self.qa_channels)

    @cached_property
    def env(self) -> Environment:
        env = Environment(
            loader=PackageLoader("generator", "templates"),
            # Compiled templates kept between builds (keyed by file and checked against the
            # source): compiling them was a second of every build.
            bytecode_cache=FileSystemBytecodeCache(),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        env.filters.update(
            rel=_rel,
            cn_date=lambda v: cn_date(v, self.tz),
            cn_datetime=lambda v: cn_datetime(v, self.tz),
            isotime=lambda v: v.astimezone(self.tz).isoformat(),
        )
        env.globals.update(
            {name: getattr(urls, name) for name in dir(urls) if name.endswith("_url")}
        )
        env.globals.update(
            article_trail=wayfinding.article_trail,
            question_trail=wayfinding.question_trail,
            regulation_trail=wayfinding.regulation_trail,
            summary=summary_of,
            tag_url=self.tag_urls.get,
            site_name=self.site_name,
            hotline=self.hotline,
            qa_channels=self.qa_channels,
        )
        return env

    def render(self, template: str, url: str, **context: Any) -> str:
        if self.memo is not None:
            return self.memo.render(self, template, url, context)
        return self.env.get_template(template).render(page_url=url, **context)

    def article(
        self, a: Article, newer: Article | None, older: Article | None, body_html: str
    ) -> str:
        return self.render(
            "article.html",
            urls.article_url(a),
            a=a,
            body=Markup(body_html),
            newer=newer,
            older=older,
        )

    def head(
        self,
        url: str,
        feeds: Sequence[Any],
        jsonld: Sequence[str],
        image: Mapping[str, Any] | None = None,
    ) -> Markup:
        """Feed links, the social preview image (og:image, with absolute `url`, `width`,
        `height`, `type`) and JSON-LD for the page at `url`."""
        jsonld = [Markup(j) for j in jsonld]
        html = self.render("head.html", url, feeds=feeds, jsonld=jsonld, image=image)
        return Markup(html)

    def page(self, url: str, title: str, body_html: str) -> str:
        return self.render("page.html", url, title=title, body=Markup(body_html))


class Memo:
    """Rendered HTML kept between builds (the build's Cache), keyed by the template, the
    address and a digest of every value given to the template (generator/digest.py), with
    `setup`: the fingerprint of portal's code and templates. A context that cannot be
    digested is rendered."""

    def __init__(self, cache: Cache, setup: str) -> None:
        self.cache = cache
        self.setup = setup
        self.digester = Digester()

    def render(self, r: PageRenderer, template: str, url: str, context: dict[str, Any]) -> str:
        def plain() -> str:
            return r.env.get_template(template).render(page_url=url, **context)

        try:
            key = fingerprint("html", self.setup, self.digester.digest(r, template, url, context))
        except Undigestable:
            return plain()
        found = self.cache.get("html", key)
        if found is not None:
            return found.decode("utf-8")
        html = plain()
        self.cache.put("html", key, html.encode("utf-8"))
        return html


def summary_of(article: Article) -> str:
    return article.summary or derive_summary(article.body)


@pass_context
def _rel(context: Context, target: str) -> str:
    return relative_url(target, context["page_url"])


Compose = Callable[[str], str]
