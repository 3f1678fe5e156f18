"""Which feeds the news part of the site has, and their items, from the model."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from generator.model import Article, Portal
from generator.render.feeds import Feed, FeedItem, absolutize, tag_uri
from generator.render.pages import category_url, summary_of
from generator.settings import Settings
from generator.validate.articles import article_url

_IMG = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"', re.I)
_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page's head and the 订阅 page show it."""

    path: str  # site path without extension
    title: str


def article_id(article: Article, site_url: str, settings: Settings) -> str:
    """Fixed at first publication: the front matter's `id`, or date + slug."""
    if article.feed_id:
        return article.feed_id
    return tag_uri(site_url, article.published, f"news/{article.slug}", settings.timezone)


def article_item(article: Article, body_html: str, settings: Settings) -> FeedItem:
    url = urljoin(settings.site_url, article_url(article))
    content = absolutize(body_html, url)
    image = ""
    match = _IMG.search(content)
    if match:
        image = match[1]
    return FeedItem(
        id=article_id(article, settings.site_url, settings),
        title=article.title,
        url=url,
        published=article.published,
        content_html=content,
        summary=summary_of(article),
        authors=tuple(x for x in (article.author, article.unit.name) if x),
        categories=(article.category.name, *article.tags),
        image=image,
        image_type=_IMAGE_TYPES.get(posixpath.splitext(image)[1].lower(), ""),
    )


def news_feed_links(portal: Portal, settings: Settings) -> list[FeedLink]:
    site = settings.site_name
    links = [FeedLink("feeds/news", f"{site} · 全部新闻")]
    links += [FeedLink(f"feeds/category/{c.slug}", f"{site} · {c.name}") for c in portal.categories]
    if portal.editions:
        links.append(FeedLink("feeds/meilijiayuan", f"{site} · 美丽家园专版"))
    return links


def news_feeds(
    portal: Portal,
    settings: Settings,
    bodies: Mapping[str, str],
    fallback_updated: datetime,
    limit: int | None,
) -> list[Feed]:
    """All news, each category, and the 美丽家园 pieces; `bodies` maps article key → HTML."""
    published = portal.published
    items = {a.key: article_item(a, bodies.get(a.key, ""), settings) for a in published}

    def feed(path: str, title: str, description: str, home: str, articles: list[Article]) -> Feed:
        chosen = articles[:limit] if limit else articles
        return Feed(
            path=path,
            title=title,
            description=description,
            home_url=urljoin(settings.site_url, home),
            site_url=settings.site_url,
            items=tuple(items[a.key] for a in chosen),
            fallback_updated=fallback_updated,
            tz=settings.timezone,
        )

    links = {link.path: link.title for link in news_feed_links(portal, settings)}
    feeds = [
        feed(
            "feeds/news",
            links["feeds/news"],
            f"{settings.site_name}发布的全部新闻稿件",
            "news/",
            list(published),
        )
    ]
    for c in portal.categories:
        path = f"feeds/category/{c.slug}"
        feeds.append(
            feed(
                path,
                links[path],
                f"{settings.site_name}“{c.name}”栏目",
                category_url(c),
                [a for a in published if a.category == c],
            )
        )
    if portal.editions:
        feeds.append(
            feed(
                "feeds/meilijiayuan",
                links["feeds/meilijiayuan"],
                "《今日武义》“美丽家园”城市管理专版刊发的稿件",
                "meilijiayuan/",
                [a for a in published if a.edition],
            ),
        )
    return feeds
