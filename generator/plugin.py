"""PortalPlugin: a thin MkDocs adapter over load → validate → model → render.

MkDocs events used: on_config (load and validate once), on_files (publish only what the
model says: generated pages and assets; raw data files never reach the site), on_page_markdown
and on_page_content (title, meta, and our HTML around the Markdown body).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import tracking
from generator.audit import scan_site
from generator.clock import source_date_epoch
from generator.config import PortalConfig, settings_from
from generator.errors import ContentError
from generator.model import Article, Portal
from generator.published import moved_items, published_items, read_published
from generator.render.csp import meta_policy
from generator.render.feed_catalog import feed_links
from generator.render.jsonld import script_json
from generator.render.sanitize import sanitize_html
from generator.render.site import build_outputs, build_specs
from generator.render.spec import PageSpec
from generator.render.tracking_pages import TRACKING_URL, drop_from_sitemap, without_tracking
from generator.settings import Settings
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

    # -- loading ------------------------------------------------------------------------
    def load(self, config: MkDocsConfig, site_dir: Path | None = None) -> Portal:
        """Validate the content; raises ContentError listing every problem.

        `site_dir` is the site that is online (default: site_dir of mkdocs.yml): pieces whose
        address changed since it was built are warned about.
        """
        self.settings = settings_from(config, self.config, self.strict)
        portal = load_portal(self.settings)
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
                f"portal: docs_dir ({config.docs_dir}) must be the content folder "
                f"({self.settings.content}); set `docs_dir: {self.config.content_dir}`"
            )
        for problem in self.portal.warnings:
            log.warning(str(problem))
        if config.nav and (self.settings.tracking_internal or not self.settings.tracking):
            # 信息报送 for internal use (or not built): off the menu, and no warning about a
            # nav entry whose page is missing.
            config.nav = without_tracking(config.nav)
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
        for file in files:
            from_docs = file.src_dir is not None and Path(file.src_dir).resolve() == docs
            if not from_docs or file.src_uri in assets:
                kept.append(file)
        self.specs = {}
        for spec in build_specs(self.portal, self.settings, self.as_of()):
            generated = File.generated(config, spec.src_uri, content=spec.markdown)
            generated.dest_uri = spec.dest_uri
            generated.url = spec.url or "./"
            kept.append(generated)
            self.specs[spec.src_uri] = spec
        return kept

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
            meta["portal_feeds"] = [{"path": f.path, "title": f.title} for f in spec.feeds]
            meta["portal_jsonld"] = [script_json(data) for data in spec.jsonld]
            if not spec.searchable:
                # Listings repeat the articles' summaries; search should lead to the articles.
                meta["search"] = {"exclude": True}
            assert self.settings is not None
            if self.settings.tracking_internal and spec.url.startswith(TRACKING_URL):
                meta["robots"] = "noindex, nofollow"
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        assert self.settings is not None
        if spec.markdown and not self.settings.allow_raw_html:
            html = sanitize_html(html)
        article = spec.meta.get("article")
        if isinstance(article, Article):
            self.bodies[article.key] = html
        elif spec.searchable:
            self.bodies[spec.src_uri.removesuffix(".md")] = html
        return spec.compose(html)

    def as_of(self) -> date:
        """The day the tracking numbers are counted to: never the clock (see tracking.as_of)."""
        assert self.portal is not None and self.settings is not None
        return tracking.as_of(self.portal, self.settings.timezone, source_date_epoch())

    def article_body(self, config: MkDocsConfig, article: Article) -> str:
        """One article's sanitised body HTML as a build makes it, without building the site
        (`portal wechat`): the events MkDocs runs for that page, in its order."""
        from mkdocs.structure.files import get_files

        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        file = files.get_file_from_path(f"articles/{article.key}.md")
        if file is None:
            raise ValueError(f"{article.source} is not published on the site")
        page = Page(None, file, config)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        page.render(config, files)
        assert page.content is not None
        config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        return self.bodies[article.key]

    # -- outputs beside the pages -------------------------------------------------------
    @staticmethod
    def _hide_from_sitemap(site: Path, prefix: str) -> None:
        """Take internal pages out of the sitemap MkDocs wrote (and its .gz, same mtime)."""
        import gzip
        import struct

        xml = site / "sitemap.xml"
        if not xml.is_file():
            return
        text = drop_from_sitemap(xml.read_text(encoding="utf-8"), prefix)
        xml.write_text(text, encoding="utf-8")
        packed = site / "sitemap.xml.gz"
        if packed.is_file():
            (mtime,) = struct.unpack("<I", packed.read_bytes()[4:8])
            with (
                packed.open("wb") as raw,
                gzip.GzipFile(fileobj=raw, filename=str(packed), mode="wb", mtime=mtime) as gz,
            ):
                gz.write(text.encode("utf-8"))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.portal is not None and self.settings is not None
        if not self.settings.site_url:
            log.warning("portal: site_url is not set in mkdocs.yml; feeds need absolute URLs")
            return
        newest = max((a.published for a in self.portal.published), default=None)
        fallback = source_date_epoch() or newest or datetime(2000, 1, 1, tzinfo=UTC)
        outputs = build_outputs(self.portal, self.settings, self.bodies, self.as_of(), fallback)
        try:
            write_outputs(Path(config.site_dir), outputs)
        except ValueError as exc:
            raise PluginError(f"portal: {exc}") from None
        if self.settings.tracking_internal:
            self._hide_from_sitemap(Path(config.site_dir), self.settings.site_url + TRACKING_URL)
        leaks = scan_site(
            Path(config.site_dir),
            self.settings.content,
            self.settings.root,
            self.settings.public_contacts,
        )
        if leaks:
            raise PluginError(
                "portal: personal data would be published; the site was not replaced:\n"
                + "\n".join(map(str, leaks[:50]))
            )
