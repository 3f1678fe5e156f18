"""One build of the site, whatever engine frames its pages.

load (settings) → model → compute → page specs → bodies (Markdown → HTML, cached, on every
core) → outputs (pages through the engine's frame, feeds, search, API, sitemap) → audit →
write (only what changed, when the last build left a record: record.py).

An engine adapter (plugin.py and frame.py for MkDocs and properdocs) supplies what only the
engine can do — a page's Markdown as the engine renders it, the theme's frame around a page,
the menu — and calls these stages from its events. Nothing here imports an engine; the cache,
the dependency record and the worker processes live here, so the renderers stay functions of
the model and the figures.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar
from urllib.parse import urljoin

from markupsafe import Markup, escape

from generator.cache import CACHE_DIR, Cache, fingerprint
from generator.clock import source_date_epoch
from generator.compute import tracking
from generator.compute.published import (
    PublishedItem,
    moved_items,
    published_items,
    read_published,
)
from generator.digest import Digester, Undigestable
from generator.engine import Engine, FramedPage
from generator.errors import ContentError
from generator.messages import msg
from generator.model import Article, Portal
from generator.parallel import fork_map
from generator.progress import Progress, Tick
from generator.record import Keeper, OutputRecord
from generator.settings import Settings
from generator.validate.portal import load_portal
from generator.write import write_outputs

if TYPE_CHECKING:
    from generator.compute.figures import Figures
    from generator.image_step import Published
    from generator.model import WebImage
    from generator.render.feed_catalog import FeedLink
    from generator.render.pages import PageRenderer
    from generator.render.spec import PageSpec

T = TypeVar("T")


class PublishError(Exception):
    """The site cannot be written as built (an output outside the site, or personal data)."""


class Loaded(NamedTuple):
    portal: Portal
    # What the content publishes (feeds/ids.json's items), when they were computed to compare
    # with the site that is online: SiteBuild's figures reuse them. None: not computed.
    published: list[PublishedItem] | None


def load(settings: Settings, online: Path, *, writes: bool = True) -> Loaded:
    """Validate the content; raises ContentError listing every problem.

    `online` is the site that is online: pieces whose address changed since it was built are
    warned about. Without `writes` (`portal check`) nothing is written, not even to the cache
    of parsed files.
    """
    # Parsed front matter kept by each file's bytes (its own cache: a build's cache drops
    # what the build did not use, and `portal check` builds nothing).
    folder = settings.root / CACHE_DIR / "content" if settings.cache else None
    with Cache(folder, read_only=not writes) as cache:
        portal = load_portal(settings, cache)
    online_items, items = read_published(online), None
    if online_items:
        items = published_items(portal, settings)
        moved = moved_items(online_items, items, portal)
        portal = replace(portal, warnings=tuple(sorted([*portal.warnings, *moved])))
    if settings.strict and portal.warnings:
        raise ContentError(portal.warnings)
    return Loaded(portal, items)


def as_of(portal: Portal, settings: Settings) -> date:
    """The day the site's figures are counted to: never the clock (see tracking.as_of)."""
    return tracking.as_of(portal, settings.timezone, source_date_epoch())


def body_key(spec: PageSpec) -> str | None:
    """Under which key feeds, search, the API and WeChat copies find a page's body: an
    article's key, else the page's source path without .md; None for pages none of them use."""
    article = spec.meta.get("article")
    if isinstance(article, Article):
        return article.key
    return spec.src_uri.removesuffix(".md") if spec.searchable else None


class SiteBuild:
    """One build: the validated content, its figures and pages, then the files of the site.

    `record` is the previous build's dependency record (record.py), given by `portal build`:
    outputs whose inputs are unchanged are kept instead of rendered; None renders everything.
    `published`: the published items `load()` computed, if it did.
    The renderers load with the first build, not with `portal check`.
    """

    def __init__(
        self,
        settings: Settings,
        portal: Portal,
        progress: Progress | None = None,
        record: OutputRecord | None = None,
        published: list[PublishedItem] | None = None,
    ) -> None:
        self.settings = settings
        self.portal = portal
        self._published = published
        self.progress = progress or Progress.off()
        self.record = record
        self.cache = Cache(None)  # the build's own, between open() and close()
        self.digester = Digester()
        self._markdown_keys: dict[str, str] = {}  # source path → cache key of its body
        self.images: dict[str, WebImage] = {}  # published photos by their path in the site

    def open(self) -> None:
        """Start the build: its cache of Markdown, segmentation, rendered HTML and audits."""
        folder = self.settings.root / CACHE_DIR if self.settings.cache else None
        self.cache = Cache(folder).__enter__()

    def close(self, error: BaseException | None = None) -> None:
        """End the build; a complete one (no `error`) drops what it did not use from the cache."""
        self.cache.__exit__(type(error) if error is not None else None, error, None)
        self.cache = Cache(None)

    # -- photos, compute and page specs -------------------------------------------------
    def publish_images(self) -> Published:
        """The image step (images.py): the web copies of every photo; each article learns its
        published lead photo (before the page specs are made). The caller reports the
        problems and stops on an error (`image_failure`)."""
        from generator.compute.lead import with_images
        from generator.image_step import publish_images

        started = time.perf_counter()
        published = publish_images(
            self.settings.content,
            self.settings.root,
            self.portal.assets,
            self.cache,
            lambda work, items: fork_map(work, items, min_items=4),
            self.record,
        )
        if any(p.is_error for p in published.problems):
            return published
        self.images = published.images
        self.portal = with_images(self.portal, published.images)
        if published.images:
            made = sum(1 for _, cached, data in published.files if cached or data is not None)
            seconds = time.perf_counter() - started
            self.progress.note(
                msg("stage.images", photos=len(published.images), files=made, seconds=seconds)
            )
        return published

    @cached_property
    def as_of(self) -> date:
        return as_of(self.portal, self.settings)

    @cached_property
    def figures(self) -> Figures:
        """The site's figures, computed once (after the image step: the sheets show leads)
        and handed to the pages and to the files beside them."""
        from generator.compute.figures import compute_figures

        return compute_figures(self.portal, self.settings, self.as_of, self._published)

    @cached_property
    def specs(self) -> list[PageSpec]:
        """Every generated page; with a record, their HTML is kept between builds (Memo)."""
        from generator.render.pages import Memo
        from generator.render.site import build_specs

        memo = Memo(self.cache, self.record.setup) if self.record is not None else None
        return build_specs(self.portal, self.settings, self.figures, memo)

    @cached_property
    def feed_links(self) -> list[FeedLink]:
        from generator.render.feed_catalog import feed_links

        return feed_links(self.portal, self.settings)

    @property
    def feed_count(self) -> int:
        """Feeds the site has, each as RSS, Atom and JSON Feed (none without site_url)."""
        return len(self.feed_links) if self.settings.site_url else 0

    def default_nav(self) -> list[dict[str, object] | str]:
        from generator.render.site import default_nav

        return default_nav(self.portal, self.settings)

    # -- one page -----------------------------------------------------------------------
    @cached_property
    def _renderer(self) -> PageRenderer:  # one Jinja environment a build: templates compile once
        from generator.render.pages import PageRenderer

        return PageRenderer(self.settings.timezone, self.settings.site_name)

    def head(self, spec: PageSpec) -> Markup:
        """Feed links (the site's, then the page's own) and JSON-LD for <head>."""
        from generator.render.jsonld import script_json
        from generator.render.tracking_pages import TRACKING_URL

        feeds = [*self.feed_links[:1], *spec.feeds]
        jsonld = [script_json(d) for d in spec.jsonld]
        head = self._renderer.head(spec.url, feeds, jsonld, self.preview(spec))
        if self.settings.tracking_internal and spec.url.startswith(TRACKING_URL):
            # `tracking: internal`: search engines are asked to stay away.
            head = Markup('<meta name="robots" content="noindex, nofollow">\n') + head
        return head

    def preview(self, spec: PageSpec) -> dict[str, str | int] | None:
        """An article's lead photo for social previews (og:image needs an absolute URL)."""
        article = spec.meta.get("article")
        lead = article.lead if isinstance(article, Article) else None
        if lead is None or not self.settings.site_url:
            return None
        main = lead.main
        url = urljoin(self.settings.site_url, main.path)
        return {"url": url, "type": lead.media_type, "width": main.width, "height": main.height}

    def body(self, spec: PageSpec, html: str) -> str:
        """A body as the engine rendered it, sanitised (unless `allow_raw_html`)."""
        if spec.markdown and not self.settings.allow_raw_html:
            from generator.render.sanitize import sanitize_html

            return sanitize_html(html)
        return html

    def content(self, spec: PageSpec, html: str) -> str:
        """The page's content from the body the engine rendered: sanitised and composed."""
        return self.compose(spec, self.body(spec, html))

    def compose(self, spec: PageSpec, body: str) -> str:
        """A sanitised body in our template: photos responsive, telephone numbers as links."""
        from generator.render.figures import responsive
        from generator.render.phones import link_phones

        return link_phones(spec.compose(responsive(body, spec.url, self.images)))

    def article_body(self, article: Article, engine: Engine) -> str:
        """One article's sanitised body as a build makes it (`portal wechat`)."""
        spec = next((s for s in self.specs if s.src_uri == f"articles/{article.key}.md"), None)
        if spec is None:
            raise ValueError(f"{article.source} is not published on the site")
        return self.body(spec, engine.markdown(spec))

    # -- the whole site -----------------------------------------------------------------
    def finish(self, site: Path, engine: Engine, framed: Sequence[PageSpec]) -> None:
        """Everything after the engine's own pages: the `framed` pages, the files beside the
        pages, the sitemap; then the personal-data audit. Raises PublishError."""
        bodies = self.bodies(engine, framed)
        self.write(site, self.frames(engine, framed, bodies))
        themes = [self.settings.root / "themes", *engine.theme_dirs()]
        if not self.settings.site_url:
            self.audit(site, themes)  # the personal-data gate runs whatever else is skipped
            return
        started = time.perf_counter()
        keyed = {key: bodies[s.src_uri] for s in self.specs if (key := body_key(s))}
        outputs = self.outputs(keyed)
        # Ours lists every page with the date of its content; an engine's sitemap knows only
        # the pages it rendered, dated with the build day.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
        self.write(site, outputs)
        seconds = time.perf_counter() - started
        self.progress.note(msg("stage.outputs", count=len(outputs), seconds=seconds))
        self.audit(site, themes)

    def bodies(self, engine: Engine, framed: Sequence[PageSpec]) -> dict[str, str]:
        """Every body a framed page or an output needs, sanitised, by source path: what the
        engine rendered itself, else from the cache, else rendered on every core."""
        framed_uris = {s.src_uri for s in framed}
        wanted = [s for s in self.specs if s.src_uri in framed_uris or body_key(s)]
        bodies: dict[str, str] = {}
        todo: list[PageSpec] = []
        for spec in wanted:
            html = engine.rendered(spec)
            if html is None:
                todo.append(spec)
            else:
                bodies[spec.src_uri] = self.body(spec, html)
        setup = engine.markdown_setup() if todo else ""
        keys = [
            fingerprint(
                "markdown", setup, s.src_uri, s.dest_uri, s.markdown, engine.link_targets(s)
            )
            for s in todo
        ]
        self._markdown_keys.update((s.src_uri, k) for s, k in zip(todo, keys, strict=True))
        tick = self.progress.counter(msg("stage.markdown"), len(todo)) if len(todo) > 1 else None
        done = cached_map(self.cache, "markdown", keys, engine.markdown, todo, tick=tick)
        for spec, text in zip(todo, done, strict=True):
            bodies[spec.src_uri] = self.body(spec, text.decode() if spec.markdown else "")
        return bodies

    def frames(
        self, engine: Engine, framed: Sequence[PageSpec], bodies: Mapping[str, str]
    ) -> dict[str, bytes]:
        """The framed pages, each its content in the theme's frame; with a record, the pages
        whose inputs are unchanged are kept as the site has them (left out)."""
        from generator.render.figures import images_in

        keys = self.page_keys(engine, framed)
        record = self.record
        pages: dict[str, bytes] = {}
        tick = self.progress.counter(msg("stage.generated"), len(framed))
        for done, spec in enumerate(framed, 1):
            key, group = keys.get(spec.dest_uri), f"page:{spec.dest_uri}"
            if key is not None:
                # The sizes of its photos are in the page (width, height, srcset).
                key = self.digester.digest(
                    key, images_in(bodies[spec.src_uri], spec.url, self.images)
                )
            if key is not None and record is not None and record.fresh(group, key):
                tick(done)
                continue
            page = FramedPage(
                src_uri=spec.src_uri,
                dest_uri=spec.dest_uri,
                url=spec.url,
                title=escape(spec.title),
                description=escape(spec.description),
                hide=spec.hide,
                head=self.head(spec),
                content=Markup(self.compose(spec, bodies[spec.src_uri])),
                section=engine.section(spec),
            )
            pages[spec.dest_uri] = engine.frame(page).encode("utf-8", "xmlcharrefreplace")
            if key is not None and record is not None:
                record.made_group(group, key, (spec.dest_uri,))
            tick(done)
        return pages

    def page_keys(self, engine: Engine, framed: Sequence[PageSpec]) -> dict[str, str]:
        """The inputs key of each framed page (record.py): what its frame, head and content
        are made from besides the setup. Empty when pages cannot be kept."""
        inputs = engine.frame_inputs() if self.record is not None else None
        if inputs is None:
            return {}
        d = self.digester
        try:
            context = d.digest(self.settings, self.feed_links[:1], *inputs)
            return {
                spec.dest_uri: d.digest(
                    context,
                    spec.src_uri,
                    spec.url,
                    spec.title,
                    spec.description,
                    spec.hide,
                    spec.feeds,
                    spec.jsonld,
                    spec.compose,
                    self._markdown_keys.get(spec.src_uri, ""),
                )
                for spec in framed
            }
        except Undigestable:
            return {}

    def keeper(self) -> Keeper | None:
        """The keeper of the outputs beside the pages (record.py), if the build has a record."""
        if self.record is None:
            return None
        try:
            context = self.digester.digest(self.settings)
        except Undigestable:
            return None
        return Keeper(self.record, self.digester, context)

    def outputs(self, bodies: Mapping[str, str]) -> dict[str, bytes]:
        """Feeds, the search index, exports, the API, … the sitemap and robots.txt; what the
        record says the site has already is left out."""
        from generator.render.keep import never
        from generator.render.site import build_outputs
        from generator.render.sitemap import robots_txt, sitemap_xml
        from generator.render.tracking_pages import TRACKING_URL

        portal, settings = self.portal, self.settings
        newest = max((a.published for a in portal.published), default=None)
        fallback = source_date_epoch() or newest or datetime(2000, 1, 1, tzinfo=UTC)
        keeper = self.keeper()
        outputs = build_outputs(
            portal, settings, self.figures, dict(bodies), fallback, self.cache, keeper or never
        )
        if keeper is not None:
            keeper.made(outputs)
        indexed = [
            s
            for s in self.specs
            if not (settings.tracking_internal and s.url.startswith(TRACKING_URL))
        ]
        outputs["sitemap.xml"] = sitemap_xml(indexed, settings.site_url, self.as_of)
        outputs["sitemap.xml.gz"] = gzip.compress(outputs["sitemap.xml"], mtime=0)
        hidden = [f"/{TRACKING_URL}"] if settings.tracking_internal else []
        outputs["robots.txt"] = robots_txt(settings.site_url, hidden)
        return outputs

    def write(self, site: Path, files: dict[str, bytes]) -> None:
        """Write `files` into the site (the staging folder), but those whose bytes the site
        has already (record.py: they are kept as they are)."""
        record = self.record
        if record is not None and record.usable:
            files = {rel: data for rel, data in files.items() if not record.unchanged(rel, data)}
        try:
            write_outputs(site, files)
        except ValueError as exc:
            raise PublishError(f"portal: {exc}") from None

    def audit(self, site: Path, themes: Sequence[Path]) -> None:
        """Fail the build when any output file holds raw personal data (see audit.py); files
        copied unchanged from `themes` are the theme's, not ours."""
        from generator.audit import image_leaks, scan_site
        from generator.readiness import published_contacts

        started = time.perf_counter()
        settings = self.settings
        allowed = settings.public_contacts | published_contacts(self.portal, settings)
        leaks = scan_site(site, settings.content, settings.root, allowed, themes, self.cache)
        images = image_leaks(site)
        if images:
            raise PublishError("portal: " + msg("image.audit_failed") + "\n" + "\n".join(images))
        if leaks:
            raise PublishError(leak_message(leaks))
        self.progress.note(msg("audit.passed", seconds=time.perf_counter() - started))


def image_failure(published: Published) -> str | None:
    """Why the image step stops the build, if one of its problems is an error."""
    errors = [p for p in published.problems if p.is_error]
    if not errors:
        return None
    return "portal: " + msg("image.build_failed") + "\n" + "\n".join(map(str, errors))


def leak_message(leaks: Sequence[object], shown: int = 100) -> str:
    more = "\n" + msg("audit.more", count=len(leaks) - shown) if len(leaks) > shown else ""
    return "portal: " + msg("audit.refused") + "\n" + "\n".join(map(str, leaks[:shown])) + more


def cached_map(
    cache: Cache,
    kind: str,
    keys: Sequence[str],
    work: Callable[[T], str | bytes],
    items: Sequence[T],
    *,
    tick: Tick | None = None,
) -> list[bytes]:
    """`work(item)` for each item, from the cache under its key where it was done before,
    the rest on every core (forked workers, results in order) and put in the cache."""
    found = cache.get_many(kind, keys)
    todo = {key: item for key, item in zip(keys, items, strict=True) if key not in found}
    if todo:
        pending = list(todo.values())  # by index: an item may hold what does not pickle
        done = fork_map(lambda i: work(pending[i]), range(len(pending)), tick=tick)
        for key, result in zip(todo, done, strict=True):
            data = result.encode() if isinstance(result, str) else result
            found[key] = data
            cache.put(kind, key, data)
    return [found[key] for key in keys]
