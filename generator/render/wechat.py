"""WeChat-ready copies (公众号排版): an article as HTML that survives the official-account editor.

Most readers meet the bureau's news in its WeChat official account, and publicity staff repost
every piece there by pasting. The editor keeps only inline `style` attributes: it drops
`<style>` and `<script>`, external CSS, `class` and `id`, and any tag it does not know; images
must be absolute URLs it can fetch and re-host; links to other sites lose their `href`, so the
original's address is also printed as text. This module rebuilds the sanitised article HTML as a
new lxml tree, element by element: each tag is mapped to one the editor keeps with its inline
style, every attribute not on a short allow-list is dropped, and nothing is joined as strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib.resources import files
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from markupsafe import Markup

from generator.model import Article, Portal
from generator.render.feed_catalog import feed_links
from generator.render.keep import Keep, never
from generator.render.pages import PageRenderer, summary_of
from generator.render.text import cn_datetime
from generator.settings import Settings
from generator.urls import article_url

SCRIPT = "assets/javascripts/portal-wechat.js"  # the 复制正文 button, site pages only
# The site's policy (render/csp.py) plus inline style attributes, which the copy is made of;
# deploy/nginx.conf sends the same for */wechat/.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
ACCENT = "#1565c0"
TEXT = "#333333"
MUTED = "#666666"  # 5.7:1 on white (#888888 was 3.5:1, under WCAG's 4.5:1)

# What the copy may contain: the tags the editor keeps, and per tag the attributes.
ALLOWED_TAGS = frozenset(
    {
        "section", "p", "span", "strong", "em", "br", "hr", "a", "img", "h2", "h3", "h4",
        "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "pre",
        "code", "sub", "sup",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href", "style"}),
    "img": frozenset({"src", "alt", "style"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "th": frozenset({"colspan", "rowspan", "style"}),
    "ol": frozenset({"start", "style"}),
}
# CSS properties the copy uses; nothing positioned, floated or sized in rem/vw.
ALLOWED_STYLES = frozenset(
    {
        "background-color", "border", "border-bottom", "border-collapse", "border-left",
        "border-top", "color", "display", "font-family", "font-size", "font-style",
        "font-weight", "height", "letter-spacing", "line-height", "margin", "max-width",
        "overflow-wrap", "overflow-x", "padding", "text-align", "text-decoration", "white-space",
        "width", "word-break",
    }
)  # fmt: skip

_P = f"margin:0 0 16px;line-height:1.75;color:{TEXT};text-align:justify"
_CELL = "border:1px solid #cccccc;padding:6px 8px;line-height:1.6;word-break:break-all"
_MONO = "font-family:Menlo,Consolas,monospace;font-size:14px"
# Input tag → output tag and its inline style. Everything else is unwrapped or dropped.
_MAP: Mapping[str, tuple[str, str]] = {
    "p": ("p", _P),
    "h1": ("h2", f"margin:24px 0 12px;padding-left:8px;border-left:4px solid {ACCENT};"
                 f"font-size:18px;font-weight:bold;line-height:1.5;color:{ACCENT}"),
    "h2": ("h2", f"margin:24px 0 12px;padding-left:8px;border-left:4px solid {ACCENT};"
                 f"font-size:18px;font-weight:bold;line-height:1.5;color:{ACCENT}"),
    "h3": ("h3", f"margin:20px 0 10px;font-size:17px;font-weight:bold;line-height:1.5;"
                 f"color:{TEXT}"),
    "h4": ("h4", f"margin:16px 0 8px;font-size:16px;font-weight:bold;color:{TEXT}"),
    "h5": ("h4", f"margin:16px 0 8px;font-size:16px;font-weight:bold;color:{TEXT}"),
    "h6": ("h4", f"margin:16px 0 8px;font-size:16px;font-weight:bold;color:{TEXT}"),
    "strong": ("strong", "font-weight:bold"),
    "b": ("strong", "font-weight:bold"),
    "em": ("em", "font-style:italic"),
    "i": ("em", "font-style:italic"),
    "u": ("span", "text-decoration:underline"),
    "ins": ("span", "text-decoration:underline"),
    "s": ("span", "text-decoration:line-through"),
    "del": ("span", "text-decoration:line-through"),
    "mark": ("span", "background-color:#fff3b0"),
    "small": ("span", "font-size:14px"),
    "sub": ("sub", ""),
    "sup": ("sup", ""),
    "code": ("code", f"{_MONO};background-color:#f3f4f6;padding:0 4px"),
    "kbd": ("code", f"{_MONO};background-color:#f3f4f6;padding:0 4px"),
    "pre": ("pre", f"{_MONO};margin:0 0 16px;padding:12px;background-color:#f6f8fa;"
                   "white-space:pre-wrap;word-break:break-all;overflow-x:auto;line-height:1.6"),
    "blockquote": ("blockquote", "margin:0 0 16px;padding:8px 16px;border-left:4px solid "
                                 "#d0d7de;background-color:#f7f7f7;color:#555555"),
    "ul": ("ul", f"margin:0 0 16px;padding:0 0 0 24px;color:{TEXT}"),
    "ol": ("ol", f"margin:0 0 16px;padding:0 0 0 24px;color:{TEXT}"),
    "li": ("li", "margin:0 0 6px;line-height:1.75"),
    "dl": ("section", "margin:0 0 16px"),
    "dt": ("p", f"margin:0 0 4px;font-weight:bold;color:{TEXT}"),
    "dd": ("p", f"margin:0 0 12px;padding:0 0 0 24px;color:{TEXT}"),
    "div": ("section", ""),
    "details": ("section", "margin:0 0 16px"),
    "summary": ("p", f"margin:0 0 8px;font-weight:bold;color:{TEXT}"),
    "figure": ("section", "margin:0 0 16px;text-align:center"),
    "figcaption": ("p", f"margin:4px 0 0;font-size:14px;color:{MUTED};text-align:center"),
    "table": ("table", "width:100%;margin:0 0 16px;border-collapse:collapse;font-size:14px"),
    "thead": ("thead", ""),
    "tbody": ("tbody", ""),
    "tfoot": ("tbody", ""),
    "tr": ("tr", ""),
    "th": ("th", f"{_CELL};background-color:#f0f4f8;font-weight:bold"),
    "td": ("td", _CELL),
    "hr": ("hr", "margin:24px 0;border:0;border-top:1px solid #dddddd"),
    "br": ("br", ""),
}  # fmt: skip
_IMG = "display:block;max-width:100%;height:auto;margin:0 auto 16px"
_LINK = f"color:{ACCENT};text-decoration:underline;word-break:break-all"
_ADMONITION = (
    f"margin:0 0 16px;padding:12px 16px;border-left:4px solid {ACCENT};background-color:#f3f7fb"
)
# Gone with everything inside: code, embedded objects and forms the editor would refuse.
_DROP = frozenset(
    {
        "script", "style", "link", "meta", "iframe", "frame", "object", "embed", "applet",
        "noscript", "template", "form", "input", "button", "select", "textarea", "svg", "math",
        "canvas", "video", "audio", "source", "track", "map", "col", "colgroup",
    }
)  # fmt: skip
# Containers whose white-space-only text is layout noise (it would become empty lines).
_BLOCKS = frozenset({"section", "ul", "ol", "table", "thead", "tbody", "tr", "blockquote"})
_NUMBER = re.compile(r"[1-9][0-9]{0,2}")
_ALIGN = {"left", "center", "right"}
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*(left|center|right)\b", re.I)


def _append_text(parent: etree._Element, text: str | None) -> None:
    if not text:
        return
    if parent.tag in _BLOCKS and not text.strip():
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _sub(parent: etree._Element, tag: str, style: str = "", **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for name, value in attrib.items():
        element.set(name, value)
    if style:
        element.set("style", style)
    return element


def _classes(element: lxml.html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


# Source tags whose WeChat form is phrasing content, allowed inside a paragraph.
_INLINE = frozenset(
    {
        "a", "img", "q", "strong", "b", "em", "i", "u", "ins", "s", "del", "mark", "small",
        "sub", "sup", "code", "kbd", "br", "span", "abbr", "time", "cite", "dfn", "var", "samp",
        "font", "label", "bdi", "bdo", "wbr",
    }
)  # fmt: skip


def _in_paragraph(target: etree._Element) -> bool:
    return target.tag == "p" or any(a.tag == "p" for a in target.iterancestors())


def _convert_children(source: lxml.html.HtmlElement, target: etree._Element, table: bool) -> None:
    _append_text(target, source.text)
    for child in source:
        if isinstance(child.tag, str):  # comments and processing instructions are dropped
            _convert(child, target, table)
        _append_text(target, child.tail)


def _convert(source: lxml.html.HtmlElement, target: etree._Element, table: bool) -> None:
    """Append the WeChat form of `source` (without its tail) to `target`."""
    tag = source.tag.lower()
    if tag in _DROP:
        return
    if tag not in _INLINE and _in_paragraph(target):
        # A block inside a paragraph (a figcaption holding a div, a p in a p) would be split
        # apart when the editor parses the copy: keep its words in the paragraph instead.
        _convert_children(source, target, table)
        return
    if tag == "a":
        href = (source.get("href") or "").strip()
        if "headerlink" in _classes(source):
            return  # the ¶ permalink of a heading
        if href.startswith(("http://", "https://")):
            _convert_children(source, _sub(target, "a", _LINK, href=href), table)
        else:  # in-page anchors (ids are gone), mailto:, tel:: keep the words
            _convert_children(source, _sub(target, "span"), table)
        return
    if tag == "img":
        src = (source.get("src") or "").strip()
        if src.startswith(("http://", "https://")):
            _sub(target, "img", _IMG, src=src, alt=source.get("alt") or "")
        return
    if tag == "q":
        span = _sub(target, "span")
        span.text = "“"
        _convert_children(source, span, table)
        _append_text(span, "”")
        return
    if tag == "table":
        if table:  # a table inside a table: the editor mangles it, keep its words row by row
            rows = [
                " ".join(" ".join(cell.text_content().split()) for cell in row.xpath("td|th"))
                for row in source.xpath(".//tr")
            ]
            _append_text(target, "；".join(r for r in rows if r))
            return
        for caption in source.findall("caption"):
            p = _sub(target, "p", f"margin:0 0 8px;font-weight:bold;text-align:center;color:{TEXT}")
            _convert_children(caption, p, table=True)
        new = _sub(target, "table", _MAP["table"][1])
        for child in source:
            if isinstance(child.tag, str) and child.tag != "caption":
                _convert(child, new, table=True)
        return
    if tag == "caption":
        return  # written before its table
    if tag in {"div", "p"} and _classes(source) & {"admonition", "admonition-title"}:
        admonition = "admonition" in _classes(source)
        new = (
            _sub(target, "section", _ADMONITION)
            if admonition
            else _sub(target, "p", f"margin:0 0 8px;font-weight:bold;color:{ACCENT}")
        )
        _convert_children(source, new, table)
        return
    mapped = _MAP.get(tag)
    if mapped is None:  # span, time, abbr, and tags the editor does not know: keep the content
        _convert_children(source, target, table)
        return
    out_tag, style = mapped
    attrib: dict[str, str] = {}
    if tag in {"td", "th"}:
        for name in ("colspan", "rowspan"):
            value = (source.get(name) or "").strip()
            if _NUMBER.fullmatch(value) and value != "1":
                attrib[name] = value
        align = (source.get("align") or "").strip().lower()
        styled = _TEXT_ALIGN.search(source.get("style") or "")  # Markdown tables, raw HTML
        align = align if align in _ALIGN else (styled[1].lower() if styled else "")
        if align:
            style += f";text-align:{align}"
    if tag == "ol":
        start = (source.get("start") or "").strip()
        if _NUMBER.fullmatch(start) and start != "1":
            attrib["start"] = start
    _convert_children(source, _sub(target, out_tag, style, **attrib), table)


def wechat_fragment(article: Article, body_html: str, settings: Settings) -> str:
    """The article body as the editor keeps it, with a footer linking the original.

    `body_html` is the sanitised body the site page was built from (relative links allowed).
    """
    url = urljoin(settings.site_url, article_url(article))
    source = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for link in source.iter("a"):
        if (link.get("href") or "").startswith("#"):
            del link.attrib["href"]  # an in-page anchor: the editor drops every id
    source.make_links_absolute(url, resolve_base_href=False)
    root = etree.Element("section")
    root.set(
        "style",
        f"font-size:16px;line-height:1.75;color:{TEXT};letter-spacing:0.5px;overflow-wrap:break-word",
    )
    _convert_children(source, root, table=False)
    _footer(root, article, url, settings)
    return str(lxml.html.tostring(root, encoding="unicode"))


def _footer(root: etree._Element, a: Article, url: str, settings: Settings) -> None:
    footer = _sub(
        root,
        "section",
        f"margin:32px 0 0;padding:12px 0 0;border-top:1px solid #e5e5e5;font-size:14px;"
        f"line-height:1.75;color:{MUTED}",
    )
    p_style = "margin:0 0 4px;text-align:left"
    source = _sub(footer, "p", p_style)
    source.text = f"来源：{a.unit.name}" + (f"　作者：{a.author}" if a.author else "")
    original = _sub(footer, "p", p_style)
    original.text = "阅读原文："
    link = _sub(original, "a", _LINK, href=url)
    link.text = url
    bureau = _sub(footer, "p", p_style)
    home = _sub(bureau, "a", _LINK, href=settings.site_url)
    home.text = settings.site_name or settings.site_url
    if settings.hotline:
        home.tail = f"　投诉举报电话 {settings.hotline}"


def wechat_page(
    article: Article,
    body_html: str,
    settings: Settings,
    *,
    staff_tools: bool,
    renderer: PageRenderer | None = None,
    portal: Portal | None = None,
) -> str:
    """A whole HTML document around the copy. `staff_tools`: the site's hidden page, with the
    title, summary and original link to fill in and a 复制正文 button; without them the page
    is nothing but the copy (what `portal wechat` writes)."""
    r = renderer or PageRenderer(settings.timezone, settings.site_name, settings.hotline)
    # Like the article page: the site's feed and the category's (`portal`: the site's page).
    wanted = {"feeds/news", f"feeds/category/{article.category.slug}"}
    html = r.render(
        "wechat_page.html",
        wechat_path(article),
        a=article,
        original=urljoin(settings.site_url, article_url(article)),
        summary=summary_of(article),
        published=cn_datetime(article.published, settings.timezone),
        copy=Markup(wechat_fragment(article, body_html, settings)),
        staff_tools=staff_tools,
        script=SCRIPT,
        favicon=settings.favicon,
        policy=POLICY,
        feeds=[f for f in feed_links(portal, settings) if f.path in wanted] if portal else [],
    )
    return html + "\n"


def wechat_path(article: Article) -> str:
    """The hidden page beside the article: news/2026/05/night-market/wechat/."""
    return f"{article_url(article)}wechat/"


def wechat_outputs(
    portal: Portal, settings: Settings, bodies: Mapping[str, str], keep: Keep = never
) -> dict[str, bytes]:
    """One hidden 公众号排版 page per published article (noindex, in no listing or sitemap);
    a page `keep` says the site already has (record.py: same inputs) is left out."""
    r = PageRenderer(settings.timezone, settings.site_name, settings.hotline)
    links = feed_links(portal, settings)
    outputs = {
        f"{wechat_path(a)}index.html": wechat_page(
            a, bodies.get(a.key, ""), settings, staff_tools=True, renderer=r, portal=portal
        ).encode("utf-8")
        for a in portal.published
        if not keep(f"{wechat_path(a)}index.html", a, bodies.get(a.key, ""), links)
    }
    if portal.published:
        outputs[SCRIPT] = files("generator").joinpath("templates/wechat-copy.js").read_bytes()
    return outputs
