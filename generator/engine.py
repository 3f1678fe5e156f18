"""What the build pipeline (build.py) needs from the engine that renders the site's pages:
the `Engine` protocol, and a page of ours as the engine's frame receives it. MkDocs' is
mkdocs_engine.py; another engine implements the same protocol (docs/design.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from markupsafe import Markup

if TYPE_CHECKING:
    from generator.render.spec import PageSpec


class Engine(Protocol):
    """What the pipeline needs from the engine that renders the site's pages."""

    def markdown_setup(self) -> str:
        """What Markdown → HTML depends on besides the text (extensions, versions)."""
        ...

    def link_targets(self, spec: PageSpec) -> str:
        """Where the relative links of the spec's Markdown lead (a change renders it again)."""
        ...

    def markdown(self, spec: PageSpec) -> str:
        """The spec's Markdown as HTML, as the engine renders a page body (in a worker)."""
        ...

    def rendered(self, spec: PageSpec) -> str | None:
        """The body the engine made for this page, when it rendered the page itself."""
        ...

    def section(self, spec: PageSpec) -> str | None:
        """The URL of the menu entry a page outside the menu belongs to (wayfinding.py)."""
        ...

    def frame_inputs(self) -> tuple[object, ...] | None:
        """What every frame depends on besides its page (the menu, the site's address), for
        the dependency record; None when framed pages cannot be kept (another plugin sees
        every page, and its own state would miss the kept ones)."""
        ...

    def frame(self, page: FramedPage) -> str:
        """The whole HTML page around `page.content`, as the theme makes it."""
        ...

    def theme_dirs(self) -> list[Path]:
        """Folders of the theme, whose files the site holds as they are (not audited)."""
        ...


@dataclass(frozen=True)
class FramedPage:
    """A page of ours, finished but for the theme around it.

    Material's templates do not autoescape, so title and description come escaped (as the
    plugin puts them in a page's meta), and head and content are HTML.
    """

    src_uri: str
    dest_uri: str
    url: str
    title: Markup
    description: Markup
    hide: tuple[str, ...]
    head: Markup  # our additions to <head>: feed links, JSON-LD
    content: Markup  # the page's content HTML
    section: str | None = None  # URL of the menu entry the page belongs to (wayfinding.py)
