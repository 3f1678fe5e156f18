"""Staff Markdown may contain HTML; scripts, event handlers and javascript: URLs may not.

nh3 (Rust's ammonia) is a well-kept allow-list sanitizer: what is not listed here is removed,
so a pasted `<img onerror=…>` or `<a href="javascript:…">` cannot reach a page or a feed.
The lists cover what the site's Markdown extensions write: headings with toc and attr_list
ids (`art-30`), tables (alignment as `align`, see plugin.on_config), admonitions
(`div.admonition` > `p.admonition-title`), details/summary, code blocks with highlighting spans,
footnotes, images and links. Left out on purpose: `style` (pages have no inline style under
the Content-Security-Policy), forms and inputs, frames, `<object>`/`<embed>`, media, SVG and
MathML, and `data:` URLs (an image is a file under content/, where it is checked and cached).
`allow_raw_html: true` in mkdocs.yml skips this step; the CSP still blocks inline script.
"""

from __future__ import annotations

import nh3

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "wbr",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "time": {"datetime"},
    "details": {"open"},
    "col": {"span"},
}
# Removed with everything inside, not just unwrapped: their text is code or a fallback, never
# part of the article (render/text.py drops the same from summaries).
_DROP_WITH_CONTENT = {"script", "style", "iframe", "noscript", "template", "textarea"}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    # Material's script finds its own elements by id (`__config`, `__drawer`, `__search`) and
    # keeps state in `__md_*` globals; an element of the body with such an id would shadow them.
    if name == "id" and value.startswith("__") and not value.startswith("__codelineno-"):
        return None
    return value


def sanitize_html(html: str) -> str:
    """Keep document markup; drop scripts, styles, event handlers and unsafe URL schemes."""
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
