"""Tag pages (标签): every published piece with a tag, linked from the tags under each article.

A tag's URL is `news/tag/<pinyin>/` (占道经营 → zhan-dao-jing-ying), made from the tag's own
text; two tags that read the same in pinyin (市容, 示容) get -2, -3 in the order of their
first use, so a tag keeps its address as long as the older tags are there.
"""

from __future__ import annotations

from generator.model import Article, Portal
from generator.urls import slugify

TAGS_URL = "news/tag/"


def tag_urls(portal: Portal) -> dict[str, str]:
    """Each tag of a published piece → its page's URL."""
    first_use: dict[str, int] = {}
    for index, a in enumerate(reversed(portal.published)):  # oldest first
        for tag in a.tags:
            first_use.setdefault(tag, index)
    urls: dict[str, str] = {}
    taken: set[str] = set()
    for tag in sorted(first_use, key=lambda t: (first_use[t], t)):
        base = slugify(tag, max_words=10)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        urls[tag] = f"{TAGS_URL}{slug}/"
    return urls


def tagged(portal: Portal) -> dict[str, list[Article]]:
    """Each tag → its published pieces, newest first."""
    found: dict[str, list[Article]] = {}
    for a in portal.published:
        for tag in dict.fromkeys(a.tags):
            found.setdefault(tag, []).append(a)
    return found
