"""Photos in a page's HTML as a phone needs them: sizes, a phone copy, lazy loading, captions.

Works on the sanitised body HTML (nh3 writes every attribute double-quoted and escaped), after
Markdown: each `<img>` whose file the image step published gets `width`/`height` (no layout
shift), `srcset`/`sizes` offering the 800 px copy, `decoding="async"` and `loading="lazy"`
except the page's first image (the one a reader sees at once). An image alone in its paragraph
with a title, `![图为…](x/1.jpg "图为…")`, becomes a `<figure>` whose `<figcaption>` is that
title. Pages without images are returned unchanged.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from markupsafe import Markup, escape

from generator.images import WebImage

# The content column: the whole screen on a phone, about 44rem beside Material's sidebars.
SIZES = "(min-width: 76.25em) 44rem, 100vw"
_IMG = re.compile(r"<img\s[^>]*>")
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_ALONE = re.compile(r"<p>\s*(<img\s[^>]*>)\s*</p>")


def site_path(src: str, page_url: str) -> str | None:
    """The site path an `src` of the page at `page_url` points to (None: not ours)."""
    parts = urlsplit(html.unescape(src))
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(page_url, path)
    return posixpath.normpath(joined)


def images_in(body: str, page_url: str, images: Mapping[str, WebImage]) -> tuple[WebImage, ...]:
    """The published images `responsive` sizes in `body`: what the page is made from besides
    its text (an incremental build renders the page again when one of them changes)."""
    found = []
    for tag in _IMG.findall(body):
        src = next((v for k, v in _ATTR.findall(tag) if k == "src"), "")
        path = site_path(src, page_url)
        image = images.get(path) if path else None
        if image is not None:
            found.append(image)
    return tuple(found)


def responsive(body: str, page_url: str, images: Mapping[str, WebImage]) -> str:
    """The body with its published images sized, offered in two sizes and captioned."""
    if "<img" not in body or not images:
        return body
    first = [True]

    def one_image(tag: str) -> tuple[str, str]:
        attrs = {name: html.unescape(value) for name, value in _ATTR.findall(tag)}
        src = attrs.get("src", "")
        path = site_path(src, page_url)
        image = images.get(path) if path else None
        if image is None:
            return tag, ""
        folder = posixpath.dirname(src)
        main = image.main
        attrs["width"], attrs["height"] = str(main.width), str(main.height)
        if len(image.variants) > 1:
            attrs["srcset"] = ", ".join(
                f"{posixpath.join(folder, posixpath.basename(v.path))} {v.width}w"
                for v in reversed(image.variants)
            )
            attrs["sizes"] = SIZES
        attrs["decoding"] = "async"
        if first[0]:
            first[0] = False
            attrs.pop("loading", None)
        else:
            attrs["loading"] = "lazy"
        caption = attrs.pop("title", "").strip()
        if caption and not attrs.get("alt"):
            attrs["alt"] = caption
        built = "<img " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items()) + ">"
        return built, caption

    def alone(img: str) -> str:
        tag, caption = one_image(img)
        if not caption:
            return f"<p>{tag}</p>"
        return str(
            Markup("<figure>{}<figcaption>{}</figcaption></figure>").format(Markup(tag), caption)
        )

    # Images alone in a paragraph first (figures), then the rest, in page order overall.
    parts = _ALONE.split(body)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(alone(part))
        else:
            out.append(_IMG.sub(lambda m: one_image(m[0])[0], part))
    return "".join(out)
