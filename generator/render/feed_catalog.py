"""Which feeds the site has (news, categories, 美丽家园, 法律咨询台, regulation updates) and
their items, from the model."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urljoin

from generator.model import Article, Portal, Question, Regulation
from generator.numerals import article_label
from generator.render.feeds import Feed, FeedItem, absolutize, opml
from generator.render.pages import summary_of
from generator.settings import Settings
from generator.urls import (
    article_id,
    article_url,
    category_url,
    question_id,
    question_url,
    regulation_id,
    regulation_url,
)

_IMG = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"', re.I)
_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


# The two subscription lists (OPML) the 订阅 page offers. feeds.opml keeps the address the
# single list had.
OPML_EVERYTHING = "feeds/feeds.opml"
OPML_CATEGORIES = "feeds/categories.opml"
# Feeds whose items appear in no other feed, in both lists.
_DISTINCT = ("feeds/qa", "feeds/regulations")


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page's head and the 订阅 page show it."""

    path: str  # site path without extension
    title: str


def article_item(article: Article, body_html: str, settings: Settings) -> FeedItem:
    url = urljoin(settings.site_url, article_url(article))
    content = absolutize(body_html, url)
    image = ""
    size = (0, 0, 0)
    lead = article.lead
    if lead is not None:
        # The lead photo as published (the desktop size): its bytes and pixels are known.
        image = urljoin(settings.site_url, lead.main.path)
        size = (lead.main.size, lead.main.width, lead.main.height)
    elif match := _IMG.search(content):
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
        image_type=lead.media_type
        if lead
        else _IMAGE_TYPES.get(posixpath.splitext(image)[1].lower(), ""),
        image_length=size[0],
        image_width=size[1],
        image_height=size[2],
    )


def feed_links(portal: Portal, settings: Settings) -> list[FeedLink]:
    site = settings.site_name
    links = [FeedLink("feeds/news", f"{site} · 全部新闻")]
    links += [FeedLink(f"feeds/category/{c.slug}", f"{site} · {c.name}") for c in portal.categories]
    if portal.editions:
        links.append(FeedLink("feeds/meilijiayuan", f"{site} · 美丽家园专版"))
    if portal.questions:
        links.append(FeedLink("feeds/qa", f"{site} · 法律咨询台"))
    if portal.regulations:
        links.append(FeedLink("feeds/regulations", f"{site} · 法规摘要更新"))
    return links


def site_feeds(
    portal: Portal,
    settings: Settings,
    bodies: Mapping[str, str],
    fallback_updated: datetime,
    limit: int | None,
) -> list[Feed]:
    """All news, each category, and the 美丽家园 pieces; `bodies` maps article key → HTML."""
    published = portal.published
    # Only the items a feed shows are made (the newest `limit`), each once for every feed.
    items: dict[str, FeedItem] = {}

    def item(a: Article) -> FeedItem:
        found = items.get(a.key)
        if found is None:
            found = items[a.key] = article_item(a, bodies.get(a.key, ""), settings)
        return found

    def feed(path: str, title: str, description: str, home: str, articles: list[Article]) -> Feed:
        chosen = articles[:limit] if limit else articles
        return Feed(
            path=path,
            title=title,
            description=description,
            home_url=urljoin(settings.site_url, home),
            site_url=settings.site_url,
            items=tuple(item(a) for a in chosen),
            fallback_updated=fallback_updated,
            tz=settings.timezone,
        )

    links = {link.path: link.title for link in feed_links(portal, settings)}
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
    if portal.questions:
        chosen_q = portal.questions[:limit] if limit else portal.questions
        feeds.append(
            Feed(
                path="feeds/qa",
                title=links["feeds/qa"],
                description=f"{settings.site_name}法律咨询台：市民问题与法律解答",
                home_url=urljoin(settings.site_url, "qa/"),
                site_url=settings.site_url,
                items=tuple(
                    question_item(q, bodies.get(f"qa/{q.key}", ""), settings) for q in chosen_q
                ),
                fallback_updated=fallback_updated,
                tz=settings.timezone,
            )
        )
    if portal.regulations:
        newest = sorted(portal.regulations, key=lambda g: (g.last_change, g.id), reverse=True)
        chosen_r = newest[:limit] if limit else newest
        feeds.append(
            Feed(
                path="feeds/regulations",
                title=links["feeds/regulations"],
                description="本局执法依据的法律法规：新增、修改、废止和施行",
                home_url=urljoin(settings.site_url, "regulations/"),
                site_url=settings.site_url,
                items=tuple(
                    regulation_item(g, bodies.get(f"regulations/{g.id}", ""), settings)
                    for g in chosen_r
                ),
                fallback_updated=fallback_updated,
                tz=settings.timezone,
            )
        )
    return feeds


def question_item(q: Question, body_html: str, settings: Settings) -> FeedItem:
    url = urljoin(settings.site_url, question_url(q))
    basis = "；".join(f"《{c.regulation.short_title}》{article_label(c.article)}" for c in q.basis)
    return FeedItem(
        id=question_id(q, settings),
        title=q.question,
        url=url,
        published=q.published,
        content_html=absolutize(body_html, url),
        summary=f"法律依据：{basis}" if basis else "",
        authors=(settings.site_name,),
        categories=(q.domain.name,),
    )


def regulation_item(g: Regulation, body_html: str, settings: Settings) -> FeedItem:
    """A regulation's item: its id is fixed by adoption; each change updates it."""
    url = urljoin(settings.site_url, regulation_url(g))
    adopted = datetime.combine(g.adopted, time(), tzinfo=settings.timezone)
    changed = datetime.combine(g.last_change, time(), tzinfo=settings.timezone)
    return FeedItem(
        id=regulation_id(g, settings),
        title=f"{g.title}（{g.status.value}）",
        url=url,
        published=adopted,
        updated=changed,
        content_html=absolutize(body_html, url),
        summary=f"{g.issuer} · {g.level} · {g.status.value}",
        authors=(g.issuer,),
        categories=(g.level, g.status.value, *(d.name for d in g.domains)),
    )


def opml_lists(feeds: list[Feed], site_name: str) -> dict[str, bytes]:
    """The site's two OPML subscription lists, each without a piece in two of its feeds.

    A reader that keys items by guid across feeds (newsboat) shows an item in one feed only,
    so a list holding 全部新闻 and the categories leaves one of them looking empty. So: one
    list for everything (全部新闻, 法律咨询台, 法规摘要更新) and one by category (each news
    category and the same two). 美丽家园专版 repeats pieces of the categories and is in
    neither; the 订阅 page lists it for those who want it alone.
    """
    by_path = {f.path: f for f in feeds}
    distinct = [by_path[p] for p in _DISTINCT if p in by_path]
    categories = [f for f in feeds if f.path.startswith("feeds/category/")]
    return {
        OPML_EVERYTHING: opml([by_path["feeds/news"], *distinct], f"{site_name} 全部内容"),
        OPML_CATEGORIES: opml([*categories, *distinct], f"{site_name} 分栏目"),
    }
