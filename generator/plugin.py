"""PortalPlugin: the MkDocs (and properdocs) adapter: event wiring over generator/build.py.

The pipeline (build.py) does the work; mkdocs_engine.py and frame.py are what it needs of
MkDocs. Events: on_config loads and validates once; on_files publishes only what the model
says (generated pages and assets; raw data files never reach the site); the page events put
our meta and HTML around the pages MkDocs renders; on_post_build runs the rest of the build.
Under `mkdocs serve`, content with errors is built as a site of one page listing them
(mkdocs_engine.error_site), which MkDocs' own rebuild replaces once the files are fixed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator import build
from generator.config import PortalConfig, settings_from
from generator.errors import ContentError, Problem
from generator.frame import active_section
from generator.messages import msg
from generator.mkdocs_engine import (
    MkDocsEngine,
    QuietServe,
    configure,
    configure_theme,
    content_failure,
    error_site,
    image_files,
    keep_file,
    nav_sources,
    page_meta,
    quiet_serve_logs,
)
from generator.render.spec import PageSpec

log = logging.getLogger("mkdocs.plugins.portal")


class PortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: build.SiteBuild | None = None  # handed over by `portal build`, else loaded
        self.serving = False
        self.specs: dict[str, PageSpec] = {}
        self.framed: dict[str, PageSpec] = {}  # rendered by the pipeline through frames
        self.engine: MkDocsEngine | None = None
        self.error_site: Files | None = None  # under serve, while the content has errors
        self._current = ExitStack()  # the menu entry marked current while a page renders
        self._quiet: QuietServe | None = None  # MkDocs' progress lines, under serve
        self._started = 0.0

    def use(self, site: build.SiteBuild) -> None:
        """Build `site` (validated by the caller before anything was written)."""
        self.site = site

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having on_startup keeps this object across the rebuilds of one `mkdocs serve`, so
        # on_config reloads the content on each of them.
        self.serving = command == "serve"
        if self.serving and self._quiet is None:
            self._quiet = quiet_serve_logs()

    def on_shutdown(self) -> None:
        if self._quiet is not None:
            self._quiet.close()
            self._quiet = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._started, self.error_site = time.perf_counter(), None
        if self.site is None or self.serving:
            settings = settings_from(config, self.config)
            try:
                portal, published = build.load(settings, Path(config.site_dir))
                self.site = build.SiteBuild(settings, portal, published=published)
            except ContentError as exc:
                self.site = None
                self._show(config, exc.problems, settings.root)
            else:
                # `portal build` prints the warnings of what it hands over itself (once).
                for problem in portal.warnings:
                    log.warning(str(problem))
        if self._quiet is not None:
            self._quiet.error_site = self.error_site is not None
        if self.site is not None:
            configure(config, self.site, self.serving, self.config.content_dir)
        return config

    def _show(self, config: MkDocsConfig, problems: Sequence[Problem], root: Path) -> None:
        """Content errors: under serve, the preview shows them in place of the site until
        they are fixed (error_site); elsewhere the build stops with the list."""
        if not self.serving or config.strict:
            # Strict, MkDocs stops at any logged error: the list says so, not a page.
            raise PluginError(content_failure(problems, root))
        self.error_site = error_site(config, problems, root)
        if self._quiet is not None:
            self._quiet.error_site = True

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.error_site is not None:
            return
        assert self.site is not None
        self._current.close()  # a build that failed mid-page left its section marked
        self.site.open()

    def on_build_error(self, *, error: Exception) -> None:
        if self.site is not None:
            self.site.close(error)

    @event_priority(50)  # before other plugins look at the files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.error_site is not None:
            return self.error_site
        assert self.site is not None
        docs = Path(config.docs_dir).resolve()
        assets = {a.as_posix() for a in self.site.portal.assets}
        published = self.site.publish_images()
        if self.serving and build.image_failure(published) is not None:
            self._show(config, published.problems, self.site.settings.root)  # a broken photo
            self.site.close(ContentError(published.problems))  # a failed build: cache kept
            assert self.error_site is not None
            return self.error_site
        web = image_files(config, published)  # published instead of originals
        kept = Files([f for f in files if keep_file(f, docs, assets, self.site.images)] + web)
        self.specs, self.framed = {}, {}
        in_nav = nav_sources(config.nav)
        for spec in self.site.specs:
            self.specs[spec.src_uri] = spec
            if self.config.fast_pages and "toc" in spec.hide and spec.src_uri not in in_nav:
                self.framed[spec.src_uri] = spec  # the pipeline renders it in on_post_build
                continue
            generated = File.generated(config, spec.src_uri, content=spec.markdown)
            generated.dest_uri, generated.url = spec.dest_uri, spec.url or "./"
            kept.append(generated)
        self.engine = MkDocsEngine(config, kept, None, in_nav, self)
        return kept

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.error_site is not None:
            return nav
        assert self.site is not None and self.engine is not None
        # MkDocs renders its pages' Markdown next (before on_env): the engine keeps them.
        self.engine.nav, self.engine.files, self._done = nav, files, 0
        pages = len(files.documentation_pages())
        self._tick = self.site.progress.counter(msg("stage.pages"), pages)
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.error_site is not None:
            return env
        assert self.engine is not None
        configure_theme(env)
        self.engine.env = env
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and self.site is not None:
            page_meta(page.meta, spec, self.site.head(spec))
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self.site is None or self.engine is None:
            return html
        if "toc" in spec.hide:
            # No table of contents where it is hidden: the same page as a frame renders.
            page.toc = TableOfContents([])
        self.engine.pages[spec.src_uri] = html  # the pipeline takes this page's body as it is
        return self.site.content(spec, html)

    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        spec = self.specs.get(page.file.src_uri)
        # Frames mark their pages' sections themselves (frame.py).
        if spec is not None and self.engine is not None and spec.src_uri not in self.framed:
            self._current.close()
            self._current.enter_context(active_section(nav, self.engine.section(spec)))
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self._current.close()
        self._done += 1
        self._tick(self._done)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.error_site is not None:
            return
        assert self.site is not None and self.engine is not None
        if not self.site.settings.site_url:
            log.warning("portal: " + msg("plugin.no_site_url"))
        try:
            self.site.finish(Path(config.site_dir), self.engine, list(self.framed.values()))
        except build.PublishError as exc:
            raise PluginError(str(exc)) from None
        self.site.close()
        if self.serving:
            log.info(
                "portal: " + msg("plugin.serve_built", seconds=time.perf_counter() - self._started)
            )
