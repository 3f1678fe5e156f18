"""MkDocsEngine: the pipeline's engine (generator.build.Engine) for MkDocs and properdocs.

Markdown as MkDocs renders a page body (its extensions, its link rewriting), the theme's frame
around a page (frame.py), the menu, and what the portal's pages need of MkDocs' configuration
and of the theme's Jinja environment. Part of the MkDocs adapter, with plugin.py and frame.py.
Under MkDocs' own `serve`, content with errors is built as a problem site (error_site), and
MkDocs' progress lines are quieted (quiet_serve_logs).
"""

from __future__ import annotations

import logging
import posixpath
import re
import time
from collections.abc import Collection, MutableMapping, Sequence
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import problem_page
from generator.build import SiteBuild, image_failure
from generator.engine import FramedPage
from generator.errors import Problem
from generator.frame import FrameRenderer
from generator.identity import footer_view
from generator.image_step import Published, link_or_copy
from generator.messages import msg
from generator.render.csp import meta_policy
from generator.render.phones import link_phones
from generator.render.spec import PageSpec
from generator.render.tracking_pages import without_tracking
from generator.render.wayfinding import section_of
from generator.theme_patches import BYTECODE_PATTERN, ThemePatches

log = logging.getLogger("mkdocs.plugins.portal")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|(?:src|href)\s*=\s*[\"']([^\"']+)")


class MkDocsEngine:
    """The engine of one MkDocs build: its configuration, files and (from on_nav) menu, and
    (from on_env) the theme's environment."""

    def __init__(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation | None = None,
        in_nav: frozenset[str] = frozenset(),
        plugin: object = None,
    ) -> None:
        self.config = config
        self.files = files
        self.nav = nav
        self.in_nav = in_nav  # sources the menu lists
        self.plugin = plugin  # the portal's own plugin, among those that see every page
        self.env: Any = None
        self.pages: dict[str, str] = {}  # bodies MkDocs rendered as pages of its own
        self._frames: FrameRenderer | None = None
        self._setup: str | None = None

    @classmethod
    def for_config(cls, config: MkDocsConfig) -> MkDocsEngine:
        """Markdown as a build renders it, without building: the plugins configured, the
        site's files listed (relative links resolve against them)."""
        from mkdocs.structure.files import get_files

        config = config.plugins.on_config(config)
        return cls(config, config.plugins.on_files(get_files(config), config=config))

    def markdown_setup(self) -> str:
        if self._setup is None:
            import importlib.metadata as md

            names = ("markdown", "pymdown-extensions", "mkdocs")
            versions = [md.version(name) for name in names]
            extensions = (self.config.markdown_extensions, sorted(self.config.mdx_configs.items()))
            self._setup = repr((extensions, versions))
        return self._setup

    def link_targets(self, spec: PageSpec) -> str:
        """The relative links of the Markdown and the files they resolve to: a cache key part,
        so that adding or removing a linked file renders the page again."""
        targets = sorted({a or b for a, b in _LINK.findall(spec.markdown)})
        local = [
            t for t in targets if "://" not in t and not t.startswith(("#", "mailto:", "tel:"))
        ]
        folder = posixpath.dirname(spec.src_uri)
        found = [
            (t, self.files.get_file_from_path(posixpath.normpath(posixpath.join(folder, p))))
            for t in local
            for p in [t.split("#")[0]]
        ]
        return repr([(t, f.url if f else None) for t, f in found])

    def markdown(self, spec: PageSpec) -> str:
        file = File.generated(self.config, spec.src_uri, content=spec.markdown)
        file.dest_uri = spec.dest_uri
        file.url = spec.url or "./"
        page = Page(spec.title, file, self.config)
        page.markdown, page.meta = spec.markdown, {}
        page.render(self.config, self.files)
        return page.content or ""

    def rendered(self, spec: PageSpec) -> str | None:
        return self.pages.get(spec.src_uri)

    def section(self, spec: PageSpec) -> str | None:
        if self.nav is None or spec.src_uri in self.in_nav:
            return None
        urls = [p.url for p in self.nav.pages]
        found = section_of(spec.url, urls)
        if found is None and spec.section in urls:
            return spec.section
        return found

    def frame_inputs(self) -> tuple[object, ...] | None:
        if self.nav is None:
            return None
        others = [
            handler
            for event in ("page_context", "post_page", "page_content", "page_markdown")
            for handler in self.config.plugins.events[event]
            if getattr(handler, "__self__", None) is not self.plugin
        ]
        if others:
            return None
        return (nav_digest(self.nav.items), self.config.site_url or "")

    def frame(self, page: FramedPage) -> str:
        if self._frames is None:
            assert self.nav is not None and self.env is not None, "frames need nav and theme"
            self._frames = FrameRenderer(self.config, self.nav, self.files, self.env)
        return self._frames.render(page)

    def theme_dirs(self) -> list[Path]:
        import material  # the theme mkdocs.yml names; its files are copied as they are

        return [Path(material.__file__).parent / "templates"]


def configure(config: MkDocsConfig, site: SiteBuild, serving: bool, content_dir: str) -> None:
    """What the portal's pages need of MkDocs' configuration: Markdown extensions, the
    content policy, the menu, and the values our theme partials show. The content's
    warnings are logged; docs_dir must be the content folder (`content_dir`)."""
    settings = site.settings
    if Path(config.docs_dir).resolve() != settings.content.resolve():
        raise PluginError(
            "portal: "
            + msg(
                "plugin.docs_dir", docs=config.docs_dir, content=settings.content, name=content_dir
            )
        )
    configure_markdown(config)
    # Every page carries the policy, except under serve: live reload is an inline script.
    config.extra["portal_csp"] = "" if serving else meta_policy()
    # Generated pages are reached through archives, not the sidebar; listing them all as
    # "not in nav" would bury real messages.
    config.validation.nav.omitted_files = logging.DEBUG
    config.validation.nav.absolute_links = logging.DEBUG
    if not config.nav:
        config.nav = site.default_nav()
    if config.nav and (settings.tracking_internal or not settings.tracking):
        # 信息报送 for internal use (or not built): off the menu, and no warning about a
        # nav entry whose page is missing.
        config.nav = without_tracking(config.nav)
    identity = footer_view(settings.identity, settings.site_url, settings.site_name)
    config.extra["portal_identity"] = identity
    site_feed = site.feed_links[0]
    config.extra["portal_feeds"] = [{"path": site_feed.path, "title": site_feed.title}]


def page_meta(meta: MutableMapping[str, Any], spec: PageSpec, head: Markup) -> None:
    """A generated page's meta for the theme: title, description, what is hidden, our head."""
    # Material's templates do not autoescape: the title reaches <title>, the header and
    # every page's navigation as it is, the description a <meta> attribute. Both are
    # text, so they go in escaped (Markup: `| e` in a template does not escape twice).
    meta.update(title=escape(spec.title), hide=list(spec.hide))
    if spec.description:
        meta["description"] = escape(spec.description)
    meta["portal_head"] = head
    if not spec.searchable:
        # Listings repeat the articles' summaries; search should lead to the articles.
        meta["search"] = {"exclude": True}


def image_files(config: MkDocsConfig, published: Published) -> list[File]:
    """The image step's web copies as files for MkDocs (cached ones hard-linked), and the
    images the site has already as files MkDocs links to but does not copy; the step's
    warnings logged, its errors stop the build."""
    for problem in published.problems:
        if not problem.is_error:
            log.warning(str(problem))
    failure = image_failure(published)
    if failure is not None:
        raise PluginError(failure)
    made: list[File] = []
    for path, cached, data in published.files:
        if cached is not None:
            made.append(_LinkedFile.generated(config, path, abs_src_path=str(cached)))
        elif data is not None:
            made.append(File.generated(config, path, content=data))
    # Pages link only the main copy (srcset is ours, added after MkDocs): one file each.
    use_urls = config.use_directory_urls
    made += [_KeptFile(i.main.path, None, config.site_dir, use_urls) for i in published.kept]
    return made


class _KeptFile(File):
    """A web image the site has already, kept by the dependency record: MkDocs resolves the
    pages' links to it and copies nothing."""

    generated_by = "portal"

    def copy_file(self, dirty: bool = False) -> None:
        pass


class _LinkedFile(File):
    """A web image from the cache: hard-linked into the site rather than copied."""

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))


def configure_markdown(config: MkDocsConfig) -> None:
    """What the portal's pages need of MkDocs' Markdown."""
    # Regulation articles get stable anchors ({#art-30}) through attr_list.
    if "attr_list" not in config.markdown_extensions:
        config.markdown_extensions.append("attr_list")
    # Table alignment as `align`, which the sanitiser keeps, not as a `style` attribute,
    # which it drops and the Content-Security-Policy (style-src 'self') would refuse.
    if "tables" in config.markdown_extensions:
        config.mdx_configs.setdefault("tables", {}).setdefault("use_align_attribute", True)


def configure_theme(env: Any) -> None:
    """What the portal needs of the theme's Jinja environment."""
    env.add_extension(ThemePatches)  # valid HTML from Material's templates
    # The theme's compiled templates kept between builds, as our own (render/pages.py);
    # the file names carry the patches' hash, so none compiled without them is reused.
    if env.bytecode_cache is None:
        env.bytecode_cache = FileSystemBytecodeCache(pattern=BYTECODE_PATTERN)
    # The footer's telephone numbers as links (themes/portal/partials/copyright.html).
    # The copyright is HTML as Material writes it; only its text is touched.
    env.filters["pt_tel"] = link_phones


def keep_file(file: File, docs: Path, assets: Collection[str], photos: Collection[str]) -> bool:
    """Whether a file MkDocs found is published as it is: everything outside docs_dir (the
    theme's); of the content folder, only the model's assets, but photos (their web copies
    are published instead). Raw data files never reach the site."""
    mine = file.src_dir is not None and Path(file.src_dir).resolve() == docs
    return not mine or (file.src_uri in assets and file.src_uri not in photos)


def nav_sources(nav: Any) -> frozenset[str]:
    """Every file the `nav` setting names: those pages stay with MkDocs, which links them."""
    if isinstance(nav, str):
        return frozenset({nav.lstrip("/")})
    if isinstance(nav, dict):
        nav = list(nav.values())
    if isinstance(nav, list):
        return frozenset().union(*(nav_sources(v) for v in nav))
    return frozenset()


def nav_digest(items: Any) -> list[object]:
    """What the theme shows of the menu on every page: titles, addresses, sections."""
    shown: list[object] = []
    for item in items:
        children = getattr(item, "children", None)
        shown.append(
            (
                type(item).__name__,
                str(item.title),
                getattr(item, "url", None),
                nav_digest(children) if children else None,
            )
        )
    return shown


# -- content errors: `mkdocs build` stops, `mkdocs serve` shows them -----------------------


def content_failure(problems: Sequence[Problem], root: Path) -> str:
    """Why `mkdocs build` stops: every problem, as `portal build` prints it, in Chinese."""
    errors = sum(1 for p in problems if p.is_error)
    listed = "\n".join(problem_page.entries(problems, root))
    return "portal: " + msg("cli.errors_site_kept", count=errors) + "\n" + listed


def error_site(config: MkDocsConfig, problems: Sequence[Problem], root: Path) -> Files:
    """Under `mkdocs serve`: the site is the problem page (problem_page.py), as index.html
    and as 404.html, which MkDocs' server sends for every address it has no file for. The
    list is logged once per build. The build goes on without the content, so that MkDocs'
    own rebuild and reload bring the site back once the files are fixed."""
    entries = problem_page.entries(problems, root)
    heading = msg("plugin.serve_errors", count=problem_page.error_count(entries))
    log.error("\n".join(["portal: " + heading, *entries]))
    # No menu, no theme pages (the theme's 404.html would replace ours; its templates need
    # what configure() sets up from the content).
    config.nav = None
    config.theme.static_templates.clear()
    config.extra_templates = []
    # The page's own reload script (MkDocs adds its script to index.html, not to the 404
    # answers): the epoch is now, within this build; a later build's is greater.
    epoch = round(time.monotonic() * 1000)
    code = package_files("generator").joinpath("templates/preview-livereload.js").read_text()
    script = Markup('<script data-epoch="{epoch}">{code}</script>').format(
        epoch=epoch, code=Markup(code)
    )
    page = problem_page.render(entries, script, f"{engine_name()} serve")
    return Files(
        [File.generated(config, name, content=page) for name in ("index.html", "404.html")]
    )


def engine_name() -> str:
    """`mkdocs`, or `properdocs` (which serves `mkdocs.*` imports from its own modules)."""
    import mkdocs

    return mkdocs.__name__.partition(".")[0]


class QuietServe(logging.Filter):
    """Drops MkDocs' English progress lines under serve; the portal says in Chinese what
    staff need (the problems, the build done). What is left: "Serving on <address>", MkDocs'
    warnings and errors. `-v` shows everything."""

    NOISE = (
        "Building documentation",
        "Cleaning site directory",
        "Documentation built in",
        "Watching paths for changes",
        "Detected file changes",
        "Reloading browsers",
        "Browser connected",
    )

    def __init__(self, loggers: Sequence[logging.Logger]) -> None:
        super().__init__()
        self.loggers = loggers
        self.error_site = False  # every address but / is a 404 then: expected, not news
        for logger in loggers:
            logger.addFilter(self)

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if record.levelno == logging.INFO:
            return not any(noise in text for noise in self.NOISE)
        return not (self.error_site and record.levelno == logging.WARNING and "code 404" in text)

    def close(self) -> None:
        for logger in self.loggers:
            logger.removeFilter(self)


def quiet_serve_logs() -> QuietServe | None:
    """Quiet the loggers of MkDocs' serve, build and live-reload modules (not with `-v`).
    Only those modules' own lines pass the filter; a line MkDocs rewords is shown again,
    never lost."""
    from mkdocs import livereload
    from mkdocs.commands import build, serve

    found = [getattr(module, "log", None) for module in (build, serve, livereload)]
    # livereload's is an adapter (it adds the time) over its logger.
    loggers = [x for x in (getattr(y, "logger", y) for y in found) if isinstance(x, logging.Logger)]
    if not loggers or loggers[0].getEffectiveLevel() <= logging.DEBUG:
        return None
    return QuietServe(loggers)
