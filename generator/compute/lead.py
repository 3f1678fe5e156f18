"""An article's lead photo (题图): `image:` in its front matter, else the first photo of its own
in the body. Listings, the home page, the 宣传栏 sheet, `og:image`, the JSON API and the three
feeds all take it from here, as the image step published it."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from generator.model import Article, Portal, WebImage

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"})
# Markdown images `![alt](src "title")` and raw `<img src alt>`, the first of either.
_MD_IMAGE = re.compile(r'!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+"[^"]*")?\s*\)')
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'\b(src|alt)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', re.I)


@dataclass(frozen=True)
class Photo:
    """An image of the article's own, as a path under content/."""

    asset: str
    alt: str


def photo_of(article: Article, published: AbstractSet[str]) -> Photo | None:
    """`image:` in front matter, else the first image in the body that is a file of the
    portal's own (never a remote one). `published`: the portal's assets (Portal.asset_paths)."""
    if article.image:
        chosen = posixpath.normpath(posixpath.join("articles", article.image))
        if chosen in published:
            return Photo(chosen, "")
    found = [(m.start(), m["src"], m["alt"]) for m in _MD_IMAGE.finditer(article.body)]
    for tag in _HTML_IMAGE.finditer(article.body):
        attrs = {m[1].lower(): m[2] if m[2] is not None else m[3] for m in _ATTR.finditer(tag[0])}
        found.append((tag.start(), attrs.get("src", ""), attrs.get("alt", "")))
    for _, src, alt in sorted(found):
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # remote or data: images would make the sheet depend on the network
        path = unquote(parts.path)
        # Bodies link images relative to content/articles/, as MkDocs resolves them.
        asset = posixpath.normpath(path.lstrip("/") if path.startswith("/") else f"articles/{path}")
        if asset in published and posixpath.splitext(asset)[1].lower() in PHOTO_SUFFIXES:
            return Photo(asset, " ".join(alt.split()))
    return None


def lead_asset(article: Article, portal: Portal) -> str | None:
    """The lead photo's path inside content/, or None when the piece has none."""
    photo = photo_of(article, portal.asset_paths)
    return photo.asset if photo else None


def lead_image(article: Article, portal: Portal) -> WebImage | None:
    """The lead photo as published (sizes and variants), once the image step has run."""
    asset = lead_asset(article, portal)
    return portal.images.get(asset) if asset else None


# Whether a body may show an image at all: most of an archive's pieces have none, and are
# neither searched for a photo nor copied (5,000 articles are a build's every rebuild).
_ANY_IMAGE = re.compile(r"!\[|<img\b", re.I)


def with_images(portal: Portal, images: dict[str, WebImage]) -> Portal:
    """The portal once its photos are published: each article carries its lead photo, so an
    incremental build's keys (digest.py) see a photo's new size wherever the piece is shown."""
    published = replace(portal, images=images)
    articles = []
    for article in portal.articles:
        may_show = article.image or _ANY_IMAGE.search(article.body)
        lead = lead_image(article, published) if may_show else None
        articles.append(article if lead == article.lead else replace(article, lead=lead))
    return replace(published, articles=tuple(articles))
