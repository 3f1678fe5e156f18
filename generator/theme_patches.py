"""Small edits to mkdocs-material's templates, so every page it renders is valid HTML.

The Nu Html Checker (vnu) and HTML_CodeSniffer found four things in Material's output:
`autocomplete="off"` on the drawer and search checkboxes (the attribute is not allowed on a
checkbox), those checkboxes without an accessible name, `tabindex=""` on the labels of
navigation sections (an empty string is not an integer), and `<label for="__toc">` on pages
outside the navigation, where the `__toc` checkbox it names is never written. Three of them
sit in `base.html` outside any block, so no override in `themes/portal` can reach them
without copying the whole file; instead each edit is applied to the template's source as
Jinja loads it (`jinja2.ext.Extension.preprocess`), for whatever file provides that template
(Material's own or an override). `tests/test_validators.py` checks that every edit still
finds its text in the installed Material and that vnu reports no error on any page type.

Material wrote `autocomplete="off"` so that Firefox would not restore the checkboxes' state
on reload or back navigation (an open menu left open); `portal-reader.js` unchecks them on
`pageshow` instead.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from jinja2.ext import Extension

from generator.messages import msg

log = logging.getLogger("mkdocs.plugins.portal")


@dataclass(frozen=True)
class Patch:
    template: str
    old: str
    new: str
    why: str


PATCHES = (
    Patch(
        "base.html",
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
        ' autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
        ' aria-label="菜单">',
        "autocomplete is not allowed on a checkbox; the hidden toggle gets a name",
    ),
    Patch(
        "base.html",
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
        ' autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
        ' aria-label="搜索">',
        "autocomplete is not allowed on a checkbox; the hidden toggle gets a name",
    ),
    Patch(
        "partials/nav-item.html",
        'id="{{ path }}_label" tabindex="{{ tabindex }}">',
        'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
        'a section label (tabindex unset) was written with tabindex=""',
    ),
    Patch(
        "partials/nav-item.html",
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">',
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc"'
        ' aria-label="{{ lang.t("toc") }}">',
        "the table of contents toggle has no label when the page has no headings",
    ),
    Patch(
        "partials/toc.html",
        """<label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>""",
        """{% if page in nav.pages %}<label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>{% else %}<div class="md-nav__title">{{ title }}</div>{% endif %}""",
        "a page outside the navigation has no __toc checkbox for the label to name",
    ),
)


# Jinja's bytecode cache keys a template by its file and its source before the edits: its
# cache files for the patched theme are named by the edits, apart from any compiled without.
BYTECODE_PATTERN = (
    "__jinja2_portal_" + hashlib.sha256(repr(PATCHES).encode()).hexdigest()[:16] + "_%s.cache"
)


class ThemePatches(Extension):
    """Applies `PATCHES` to the theme's templates as Jinja loads them."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        for patch in PATCHES:
            if patch.template != name:
                continue
            if patch.old in source:
                source = source.replace(patch.old, patch.new)
            elif patch.new not in source:
                # A Material release that changed the text: the build goes on, the tests say so.
                log.warning(msg("theme.patch_not_applied", template=name, why=patch.why))
        return source
