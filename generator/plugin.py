"""PortalPlugin: a thin MkDocs adapter over load → validate → model → render.

MkDocs events used: on_config (load and validate once), on_files (publish only what the
model says: generated pages and assets; raw data files never reach the site), on_page_markdown
and on_page_content (title, meta, and our HTML around the Markdown body).
"""

from __future__ import annotations

import gzip
import logging
import posixpath
import re
import time
from contextlib import ExitStack
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.audit import image_leaks, scan_site
from generator.cache import CACHE_DIR, Cache, fingerprint
from generator.clock import source_date_epoch
from generator.compute import tracking
from generator.compute.lead import with_images
from generator.compute.published import moved_items, published_items, read_published
from generator.config import PortalConfig, settings_from
from generator.digest import Digester, Undigestable
from generator.errors import ContentError
from generator.frame import BulkPage, FrameRenderer, active_section
from generator.identity import footer_view
from generator.images import WebImage, link_or_copy, publish_images
from generator.messages import msg
from generator.model import Article, Portal
from generator.parallel import fork_map
from generator.progress import Progress, Tick
from generator.readiness import published_contacts
from generator.record import Keeper, OutputRecord
from generator.render.csp import meta_policy
from generator.render.feed_catalog import FeedLink, feed_links
from generator.render.figures import images_in, responsive
from generator.render.jsonld import script_json
from generator.render.keep import never
from generator.render.pages import PageRenderer
from generator.render.phones import link_phones
from generator.render.sanitize import sanitize_html
from generator.render.sitemap import robots_txt, sitemap_xml
from generator.render.spec import PageSpec
from generator.render.tracking_pages import TRACKING_URL, without_tracking
from generator.render.wayfinding import section_of
from generator.settings import Settings
from generator.theme_patches import BYTECODE_PATTERN, ThemePatches
from generator.validate.portal import load_portal
from generator.write import write_outputs

log = logging.getLogger("mkdocs.plugins.portal")


class PortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.portal: Portal | None = None
        self.specs: dict[str, PageSpec] = {}
        self.bodies: dict[str, str] = {}  # article key → body HTML, for full-text feeds
        self.strict = False
        self.serving = False
        self.bulk: list[PageSpec] = []  # rendered through frames, not MkDocs' page pipeline
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.env: Any = None
        self.cache = Cache(None)
        self._renderer: PageRenderer | None = None
        self._md_setup: str | None = None
        self._site_feed: list[FeedLink] = []
        self.progress = Progress.off()  # `portal build` turns it on for its terminal or log
        self._page_tick: Tick = Progress.off().counter("", 0)
        self._pages_done = 0
        self.feed_count = 0  # feeds written by the last build, each as RSS, Atom and JSON Feed
        # The previous build's dependency record (record.py), set by `portal build`: outputs
        # whose inputs are unchanged are kept instead of rendered. None renders everything.
        self.record: OutputRecord | None = None
        self.digester = Digester()
        self._md_keys: dict[str, str] = {}
        self._in_nav: set[str] = set()  # sources the menu lists
        self._bulk_sources: set[str] = set()
        self._current = ExitStack()  # the menu entry marked current while a page renders
        self.images: dict[str, WebImage] = {}  # published photos by their path in the site

    # -- loading ------------------------------------------------------------------------
    def load(
        self, config: MkDocsConfig, site_dir: Path | None = None, *, writes: bool = True
    ) -> Portal:
        """Validate the content; raises ContentError listing every problem.

        `site_dir` is the site that is online (default: site_dir of mkdocs.yml): pieces whose
        address changed since it was built are warned about. Without `writes` (`portal
        check`) nothing is written, not even to the cache of parsed files.
        """
        self.settings = settings_from(config, self.config, self.strict)
        # Parsed front matter kept by each file's bytes (its own cache: a build's cache
        # drops what the build did not use, and `portal check` builds nothing).
        folder = self.settings.root / CACHE_DIR / "content" if self.config.cache else None
        with Cache(folder, read_only=not writes) as cache:
            portal = load_portal(self.settings, cache)
        online = read_published(site_dir or Path(config.site_dir))
        if online:
            moved = moved_items(online, published_items(portal, self.settings), portal)
            portal = replace(portal, warnings=tuple(sorted([*portal.warnings, *moved])))
        if self.settings.strict and portal.warnings:
            raise ContentError(portal.warnings)
        self.portal = portal
        return portal

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having on_startup keeps this object across the rebuilds of one `mkdocs serve`, so
        # on_config reloads the content on each of them.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Regulation articles get stable anchors ({#art-30}) through attr_list.
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        # Table alignment as `align`, which the sanitiser keeps, not as a `style` attribute,
        # which it drops and the Content-Security-Policy (style-src 'self') would refuse.
        if "tables" in config.markdown_extensions:
            config.mdx_configs.setdefault("tables", {}).setdefault("use_align_attribute", True)
        # Every page carries the policy, except under serve: live reload is an inline script.
        config.extra["portal_csp"] = "" if self.serving else meta_policy()
        # Generated pages are reached through archives, not the sidebar; listing them all as
        # "not in nav" would bury real messages.
        config.validation.nav.omitted_files = logging.DEBUG
        config.validation.nav.absolute_links = logging.DEBUG
        if self.portal is None or self.serving:
            self.bodies = {}
            try:
                self.load(config)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
        assert self.settings is not None and self.portal is not None
        docs = Path(config.docs_dir).resolve()
        if docs != self.settings.content.resolve():
            raise PluginError(
                "portal: "
                + msg(
                    "plugin.docs_dir",
                    docs=config.docs_dir,
                    content=self.settings.content,
                    name=self.config.content_dir,
                )
            )
        for problem in self.portal.warnings:
            log.warning(str(problem))
        if not config.nav:
            from generator.render.site import default_nav

            config.nav = default_nav(self.portal, self.settings)
        if config.nav and (self.settings.tracking_internal or not self.settings.tracking):
            # 信息报送 for internal use (or not built): off the menu, and no warning about a
            # nav entry whose page is missing.
            config.nav = without_tracking(config.nav)
        config.extra["portal_identity"] = footer_view(
            self.settings.identity, self.settings.site_url, self.settings.site_name
        )
        site_feed = feed_links(self.portal, self.settings)[0]
        config.extra["portal_feeds"] = [{"path": site_feed.path, "title": site_feed.title}]
        return config

    # -- files --------------------------------------------------------------------------
    @event_priority(50)  # before other plugins look at the files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.portal is not None and self.settings is not None
        docs = Path(config.docs_dir).resolve()
        assets = {a.as_posix() for a in self.portal.assets}
        kept = Files([])
        web_images = self.publish_images(config)
        for file in files:
            from_docs = file.src_dir is not None and Path(file.src_dir).resolve() == docs
            if from_docs and file.src_uri in self.images:
                continue  # the web copies below are published instead of the original
            if not from_docs or file.src_uri in assets:
                kept.append(file)
        for image_file in web_images:
            kept.append(image_file)
        self.specs = {}
        self.bulk = []
        self._bulk_sources = set()
        in_nav = self._in_nav = _nav_sources(config.nav)
        # The renderers load with the first build, not with `portal check`.
        from generator.render.pages import Memo
        from generator.render.site import build_specs

        memo = Memo(self.cache, self.record.setup) if self.record is not None else None
        for spec in build_specs(self.portal, self.settings, self.as_of(), memo):
            self.specs[spec.src_uri] = spec
            if self.config.fast_pages and "toc" in spec.hide and spec.src_uri not in in_nav:
                self.bulk.append(spec)  # rendered in on_post_build, through a frame
                self._bulk_sources.add(spec.src_uri)
                continue
            generated = File.generated(config, spec.src_uri, content=spec.markdown)
            generated.dest_uri = spec.dest_uri
            generated.url = spec.url or "./"
            kept.append(generated)
        return kept

    def publish_images(self, config: MkDocsConfig) -> list[File]:
        """The image step (images.py): the web copies of every photo, as files for MkDocs."""
        assert self.portal is not None and self.settings is not None
        started = time.perf_counter()
        published = publish_images(
            self.settings.content,
            self.settings.root,
            self.portal.assets,
            self.cache,
            lambda work, items: fork_map(work, items, min_items=4),
        )
        errors = [p for p in published.problems if p.is_error]
        for problem in published.problems:
            if not problem.is_error:
                log.warning(str(problem))
        if errors:
            raise PluginError(
                "portal: " + msg("image.build_failed") + "\n" + "\n".join(map(str, errors))
            )
        self.images = published.images
        self.portal = with_images(self.portal, published.images)
        made = []
        for path, cached, data in published.files:
            if cached is not None:
                made.append(_LinkedFile.generated(config, path, abs_src_path=str(cached)))
            elif data is not None:
                made.append(File.generated(config, path, content=data))
        if published.images:
            seconds = time.perf_counter() - started
            self.progress.note(
                msg("stage.images", photos=len(published.images), files=len(made), seconds=seconds)
            )
        return made

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav, self.files = nav, files
        self._pages_done = 0
        self._page_tick = self.progress.counter(
            msg("stage.pages"), len(files.documentation_pages())
        )
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        env.add_extension(ThemePatches)  # valid HTML from Material's templates
        # The theme's compiled templates kept between builds, as our own (render/pages.py);
        # the file names carry the patches' hash, so none compiled without them is reused.
        if env.bytecode_cache is None:
            env.bytecode_cache = FileSystemBytecodeCache(pattern=BYTECODE_PATTERN)
        # The footer's telephone numbers as links (themes/portal/partials/copyright.html).
        # The copyright is HTML as Material writes it; only its text is touched.
        env.filters["pt_tel"] = link_phones
        self.env = env
        return env

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.settings is not None
        self._current.close()  # a build that failed mid-page left its section marked
        self._renderer = None
        self._md_setup = None
        self.digester = Digester()  # model objects are new each build: digest them anew
        self._md_keys = {}
        folder = self.settings.root / CACHE_DIR if self.config.cache else None
        self.cache = Cache(folder).__enter__()

    def on_build_error(self, *, error: Exception) -> None:
        self.cache.__exit__(type(error), error, None)

    # -- pages --------------------------------------------------------------------------
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            meta = page.meta
            # Material's templates do not autoescape: the title reaches <title>, the header and
            # every page's navigation as it is, the description a <meta> attribute. Both are
            # text, so they go in escaped (Markup: `| e` in a template does not escape twice).
            meta["title"] = escape(spec.title)
            meta["hide"] = list(spec.hide)
            if spec.description:
                meta["description"] = escape(spec.description)
            meta["portal_head"] = self.head(spec)
            if not spec.searchable:
                # Listings repeat the articles' summaries; search should lead to the articles.
                meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        if "toc" in spec.hide:
            # No table of contents where it is hidden: the same page as a frame renders.
            page.toc = TableOfContents([])
        return self.content(spec, html)

    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        spec = self.specs.get(page.file.src_uri)
        # Frames (render_bulk) mark their pages' sections themselves.
        if spec is not None and spec.src_uri not in self._bulk_sources:
            self._current.close()
            self._current.enter_context(active_section(nav, self.section(spec)))
        return context

    def section(self, spec: PageSpec) -> str | None:
        """The menu entry a page outside the menu belongs to (render/wayfinding.py)."""
        assert self.nav is not None
        if spec.src_uri in self._in_nav:
            return None
        urls = [p.url for p in self.nav.pages]
        found = section_of(spec.url, urls)
        if found is None and spec.section in urls:
            return spec.section
        return found

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self._current.close()
        self._pages_done += 1
        self._page_tick(self._pages_done)
        return output

    def content(self, spec: PageSpec, html: str, compose: bool = True) -> str:
        """The page's content from its rendered Markdown: sanitised, kept for the feeds and
        the search, composed with our template (unless `compose` is false: a kept page)."""
        assert self.settings is not None
        if spec.markdown and not self.settings.allow_raw_html:
            html = sanitize_html(html)
        article = spec.meta.get("article")
        if isinstance(article, Article):
            self.bodies[article.key] = html
        elif spec.searchable:
            self.bodies[spec.src_uri.removesuffix(".md")] = html
        return link_phones(spec.compose(responsive(html, spec.url, self.images))) if compose else ""

    def head(self, spec: PageSpec) -> Markup:
        """Feed links (the site's, then the page's own) and JSON-LD for <head>."""
        assert self.portal is not None and self.settings is not None
        if self._renderer is None:  # one Jinja environment a build: templates compile once
            self._renderer = PageRenderer(self.settings.timezone, self.settings.site_name)
            self._site_feed = feed_links(self.portal, self.settings)[:1]
        feeds = [*self._site_feed, *spec.feeds]
        jsonld = [script_json(d) for d in spec.jsonld]
        head = self._renderer.head(spec.url, feeds, jsonld, self._preview(spec))
        if self.settings.tracking_internal and spec.url.startswith(TRACKING_URL):
            # `tracking: internal`: search engines are asked to stay away.
            head = Markup('<meta name="robots" content="noindex, nofollow">\n') + head
        return head

    def _preview(self, spec: PageSpec) -> dict[str, str | int] | None:
        """An article's lead photo for social previews (og:image needs an absolute URL)."""
        assert self.portal is not None and self.settings is not None
        article = spec.meta.get("article")
        lead = article.lead if isinstance(article, Article) else None
        if lead is None or not self.settings.site_url:
            return None
        main = lead.main
        url = urljoin(self.settings.site_url, main.path)
        return {"url": url, "type": lead.media_type, "width": main.width, "height": main.height}

    def markdown_html(self, spec: PageSpec, config: MkDocsConfig, files: Files) -> str:
        """Markdown → HTML as MkDocs renders a page's body (its extensions, its link rewriting),
        from the cache when the same Markdown was rendered the same way before."""
        return self.markdown_many([spec], config, files)[0]

    def markdown_many(self, specs: list[PageSpec], config: MkDocsConfig, files: Files) -> list[str]:
        """`markdown_html` for many pages: the cache in one query, the rest on every core."""
        keys = [self._markdown_key(spec, config, files) for spec in specs]
        self._md_keys.update((spec.src_uri, key) for spec, key in zip(specs, keys, strict=True))
        found = {k: v.decode() for k, v in self.cache.get_many("markdown", keys).items()}
        missing = {key: spec for key, spec in zip(keys, specs, strict=True) if key not in found}

        def render(spec: PageSpec) -> str:
            file = File.generated(config, spec.src_uri, content=spec.markdown)
            file.dest_uri = spec.dest_uri
            file.url = spec.url or "./"
            page = Page(spec.title, file, config)
            page.markdown, page.meta = spec.markdown, {}
            page.render(config, files)
            return page.content or ""

        todo = list(missing.values())  # by index: a spec holds renderers, which do not pickle
        tick = self.progress.counter(msg("stage.markdown"), len(todo)) if len(todo) > 1 else None
        done = fork_map(lambda i: render(todo[i]), range(len(todo)), tick=tick)
        for key, html in zip(missing, done, strict=True):
            found[key] = html
            self.cache.put("markdown", key, html.encode())
        return [found[key] if spec.markdown else "" for key, spec in zip(keys, specs, strict=True)]

    def _markdown_key(self, spec: PageSpec, config: MkDocsConfig, files: Files) -> str:
        return fingerprint(
            "markdown",
            self._markdown_setup(config),
            spec.src_uri,
            spec.dest_uri,
            spec.markdown,
            # Relative links and images resolve against the other files of the site.
            _link_targets(spec.markdown, spec.src_uri, files),
        )

    def _markdown_setup(self, config: MkDocsConfig) -> str:
        """What Markdown → HTML depends on besides the text: extensions, settings, versions."""
        if self._md_setup is None:
            import importlib.metadata as md

            names = ("markdown", "pymdown-extensions", "mkdocs")
            versions = [md.version(name) for name in names]
            extensions = (config.markdown_extensions, sorted(config.mdx_configs.items()))
            self._md_setup = repr((extensions, versions))
        return self._md_setup

    def render_bulk(self, config: MkDocsConfig) -> dict[str, bytes]:
        """The bulk pages, each its frame filled in (generator/frame.py)."""
        assert self.nav is not None and self.files is not None and self.env is not None
        frames = FrameRenderer(config, self.nav, self.files, self.env)
        pages: dict[str, bytes] = {}
        bodies = self.markdown_many(self.bulk, config, self.files)
        keys = self._page_keys(config)
        tick = self.progress.counter(msg("stage.generated"), len(self.bulk))
        for done, (spec, body) in enumerate(zip(self.bulk, bodies, strict=True), 1):
            key = keys.get(spec.dest_uri)
            if key is not None:
                # The sizes of its photos are in the page (width, height, srcset).
                key = self.digester.digest(key, images_in(body, spec.url, self.images))
            group = f"page:{spec.dest_uri}"
            if key is not None and self.record is not None and self.record.fresh(group, key):
                self.content(spec, body, compose=False)  # its body still feeds the feeds
                tick(done)
                continue
            content = self.content(spec, body)
            bulk = BulkPage(
                src_uri=spec.src_uri,
                dest_uri=spec.dest_uri,
                url=spec.url,
                title=escape(spec.title),
                description=escape(spec.description),
                hide=spec.hide,
                head=self.head(spec),
                content=Markup(content),
                section=self.section(spec),
            )
            pages[spec.dest_uri] = frames.render(bulk).encode("utf-8", "xmlcharrefreplace")
            if key is not None and self.record is not None:
                self.record.made_group(group, key, (spec.dest_uri,))
            tick(done)
        return pages

    def _keeper(self) -> Keeper | None:
        """The keeper of this build's outputs beside the pages (record.py), if it has a record."""
        if self.record is None or self.settings is None:
            return None
        try:
            context = self.digester.digest(self.settings)
        except Undigestable:
            return None
        return Keeper(self.record, self.digester, context)

    def _changed(self, outputs: dict[str, bytes]) -> dict[str, bytes]:
        """The outputs whose bytes the site does not have yet (the others are kept as they
        are, record.py); all of them without a record."""
        if self.record is None or not self.record.usable:
            return outputs
        record = self.record
        return {rel: data for rel, data in outputs.items() if not record.unchanged(rel, data)}

    def _page_keys(self, config: MkDocsConfig) -> dict[str, str]:
        """The inputs key of each bulk page (record.py): what its frame, head and content are
        made from besides the setup. Empty when pages cannot be kept: no record, or another
        plugin that sees every page (its own state would miss the kept ones)."""
        if self.record is None or self.nav is None or self.settings is None:
            return {}
        others = [
            handler
            for event in ("page_context", "post_page", "page_content", "page_markdown")
            for handler in config.plugins.events[event]
            if getattr(handler, "__self__", None) is not self
        ]
        if others:
            return {}
        d = self.digester
        try:
            context = d.digest(
                self.settings,
                feed_links(self.portal, self.settings)[:1] if self.portal else (),
                _nav_digest(self.nav.items),
                config.site_url or "",
            )
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
                    self._md_keys.get(spec.src_uri, ""),
                )
                for spec in self.bulk
            }
        except Undigestable:
            return {}

    def as_of(self) -> date:
        """The day the tracking numbers are counted to: never the clock (see tracking.as_of)."""
        assert self.portal is not None and self.settings is not None
        return tracking.as_of(self.portal, self.settings.timezone, source_date_epoch())

    def article_body(self, config: MkDocsConfig, article: Article) -> str:
        """One article's sanitised body HTML as a build makes it, without building the site
        (`portal wechat`)."""
        from mkdocs.structure.files import get_files

        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        spec = self.specs.get(f"articles/{article.key}.md")
        if spec is None:
            raise ValueError(f"{article.source} is not published on the site")
        self.content(spec, self.markdown_html(spec, config, files))
        return self.bodies[article.key]

    # -- outputs beside the pages -------------------------------------------------------
    def audit(self, config: MkDocsConfig) -> None:
        """Fail the build when any output file holds raw personal data (see audit.py)."""
        assert self.settings is not None and self.portal is not None
        started = time.perf_counter()
        leaks = scan_site(
            Path(config.site_dir),
            self.settings.content,
            self.settings.root,
            self.settings.public_contacts | published_contacts(self.portal, self.settings),
            cache=self.cache,
        )
        images = image_leaks(Path(config.site_dir))
        if images:
            raise PluginError("portal: " + msg("image.audit_failed") + "\n" + "\n".join(images))
        if leaks:
            shown = 100
            more = "\n" + msg("audit.more", count=len(leaks) - shown) if len(leaks) > shown else ""
            raise PluginError(
                "portal: " + msg("audit.refused") + "\n" + "\n".join(map(str, leaks[:shown])) + more
            )
        self.progress.note(msg("audit.passed", seconds=time.perf_counter() - started))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.portal is not None and self.settings is not None
        try:
            write_outputs(Path(config.site_dir), self._changed(self.render_bulk(config)))
        except ValueError as exc:
            raise PluginError(f"portal: {exc}") from None
        if not self.settings.site_url:
            log.warning("portal: " + msg("plugin.no_site_url"))
            self.audit(config)  # the personal-data gate runs whatever else is skipped
            self.cache.__exit__(None, None, None)
            return
        newest = max((a.published for a in self.portal.published), default=None)
        fallback = source_date_epoch() or newest or datetime(2000, 1, 1, tzinfo=UTC)
        from generator.render.site import build_outputs

        started = time.perf_counter()
        self.feed_count = len(feed_links(self.portal, self.settings))
        keeper = self._keeper()
        outputs = build_outputs(
            self.portal,
            self.settings,
            self.bodies,
            self.as_of(),
            fallback,
            self.cache,
            keeper or never,
        )
        if keeper is not None:
            keeper.made(outputs)
        indexed = [
            spec
            for spec in self.specs.values()
            if not (self.settings.tracking_internal and spec.url.startswith(TRACKING_URL))
        ]
        # Our sitemap lists every page with the date of its content (render/sitemap.py);
        # MkDocs' knows only the pages it rendered, dated with the build day.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (Path(config.site_dir) / name).unlink(missing_ok=True)
        outputs["sitemap.xml"] = sitemap_xml(indexed, self.settings.site_url, self.as_of())
        outputs["sitemap.xml.gz"] = gzip.compress(outputs["sitemap.xml"], mtime=0)
        hidden = [f"/{TRACKING_URL}"] if self.settings.tracking_internal else []
        outputs["robots.txt"] = robots_txt(self.settings.site_url, hidden)
        try:
            write_outputs(Path(config.site_dir), self._changed(outputs))
        except ValueError as exc:
            raise PluginError(f"portal: {exc}") from None
        seconds = time.perf_counter() - started
        self.progress.note(msg("stage.outputs", count=len(outputs), seconds=seconds))
        self.audit(config)
        self.cache.__exit__(None, None, None)


def _nav_digest(items: Any) -> list[object]:
    """What the theme shows of the menu on every page: titles, addresses, sections."""
    shown: list[object] = []
    for item in items:
        children = getattr(item, "children", None)
        shown.append(
            (
                type(item).__name__,
                str(item.title),
                getattr(item, "url", None),
                _nav_digest(children) if children else None,
            )
        )
    return shown


class _LinkedFile(File):
    """A web image from the cache: hard-linked into the site rather than copied."""

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))


def _nav_sources(nav: Any) -> set[str]:
    """Every file the `nav` setting names: those pages stay with MkDocs, which links them."""
    if isinstance(nav, str):
        return {nav.lstrip("/")}
    if isinstance(nav, dict):
        return set().union(*(_nav_sources(v) for v in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(_nav_sources(v) for v in nav)) if nav else set()
    return set()


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|(?:src|href)\s*=\s*[\"']([^\"']+)")


def _link_targets(markdown: str, src_uri: str, files: Files) -> str:
    """The relative links of `markdown` and the files they resolve to: a cache key part, so
    that adding or removing a linked file renders the page again."""
    targets = sorted({a or b for a, b in _LINK.findall(markdown)})
    local = [t for t in targets if "://" not in t and not t.startswith(("#", "mailto:", "tel:"))]
    folder = posixpath.dirname(src_uri)
    found = [
        (t, files.get_file_from_path(posixpath.normpath(posixpath.join(folder, t.split("#")[0]))))
        for t in local
    ]
    return repr([(t, f.url if f else None) for t, f in found])
