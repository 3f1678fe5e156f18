"""sitemap.xml from the site's pages, dated by their content, never by the build.

MkDocs' own sitemap dates every page with the build day and knows only the pages it rendered;
this one lists every page portal makes (the bulk pages too), with `lastmod` from the content:
an article's publication, an answer's reply, a regulation's last change, a listing's newest
piece. Pages kept from search engines (an internal 信息报送 section) are left out.

`robots.txt` names it, and each feed folder gets a sitemap index pointing at it (see
`feed_folder_sitemaps`).
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import date
from urllib.parse import urljoin

from generator.render.spec import PageSpec

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(specs: Sequence[PageSpec], site_url: str, default: date) -> bytes:
    """Every indexed page, in address order; `default` dates pages with no date of their own."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for spec in sorted((s for s in specs if s.indexed), key=lambda s: s.url):
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = urljoin(site_url, spec.url)
        ET.SubElement(url, "lastmod").text = (spec.updated or default).isoformat()
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode()


def feed_folder_sitemaps(feed_paths: Iterable[str], site_url: str) -> dict[str, bytes]:
    """A sitemap index in each feed folder, naming the site's sitemap.

    Material's script fetches `sitemap.xml` beside every `<link rel="alternate">` of a page
    (meant for language versions), so with feeds linked that way each page view would ask for
    feeds/sitemap.xml and feeds/category/sitemap.xml and get a 404. An index that points at
    the real sitemap answers those requests, is valid against the sitemap schema (an empty
    `<urlset/>` is not: it needs one `url`), and tells a crawler where the pages are. Material
    reads no `url` from it, so nothing changes on the page. Without a site address there is
    no absolute `loc` to give, and nothing is written.
    """
    if not site_url:
        return {}
    root = ET.Element("sitemapindex", {"xmlns": SITEMAP_NS})
    ET.SubElement(ET.SubElement(root, "sitemap"), "loc").text = urljoin(site_url, "sitemap.xml")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    index = ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode()
    folders = sorted({posixpath.dirname(path) for path in feed_paths})
    return {f"{folder}/sitemap.xml": index for folder in folders}


def robots_txt(site_url: str, disallow: Sequence[str] = ()) -> bytes:
    """robots.txt: every crawler may read the site (but `disallow`), and where the sitemap is."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallow)]
    if not disallow:
        lines.append("Disallow:")
    if site_url:
        lines += ["", f"Sitemap: {urljoin(site_url, 'sitemap.xml')}"]
    return ("\n".join(lines) + "\n").encode()
