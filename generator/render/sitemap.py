"""sitemap.xml from the site's pages, dated by their content, never by the build.

MkDocs' own sitemap dates every page with the build day and knows only the pages it rendered;
this one lists every page portal makes (the bulk pages too), with `lastmod` from the content:
an article's publication, an answer's reply, a regulation's last change, a listing's newest
piece. Pages kept from search engines (an internal 信息报送 section) are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
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
