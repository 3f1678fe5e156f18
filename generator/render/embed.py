"""Embeddable lists (site/embed/): the latest news, answers and open campaigns for another site.

A county department's output must also live inside the county portal, and those portals take
neither scripts nor styles that leak. Each list is written twice: `<name>.html`, a small whole
document for an `<iframe>`, and `<name>.inc.html`, the bare fragment for a server-side include
(`<!--#include virtual=... -->`), whose host puts `style.inc.html` (or `embed.css`) in its head.
No JavaScript, no requests (no images, no fonts, the CSS inline), absolute links, and every
CSS selector under `.portal-embed`. Text is escaped by Jinja's autoescape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from urllib.parse import urljoin

from markupsafe import Markup

from generator.model import Article, Portal
from generator.render.feed_catalog import feed_links
from generator.render.pages import PageRenderer
from generator.render.text import iso_date
from generator.settings import Settings
from generator.urls import article_url, campaign_url, category_url, question_url

ANSWERS = 5  # answers in the 法律咨询台 list, as on the home page


@dataclass(frozen=True)
class EmbedItem:
    title: str
    url: str  # absolute
    meta: str = ""  # shown after the title: a date, a domain
    when: str = ""  # machine-readable date of `meta`, if it is one


@dataclass(frozen=True)
class Embed:
    """One embeddable list; `name` is its file name under embed/ without extension."""

    name: str
    heading: str
    heading_url: str
    items: tuple[EmbedItem, ...]
    empty: str
    more: str
    more_url: str
    feed: str = "feeds/news"  # the feed the iframe document links (site path, no extension)


def embed_css() -> str:
    return files("generator").joinpath("templates/embed.css").read_text(encoding="utf-8")


def build_embeds(portal: Portal, settings: Settings, as_of: date) -> list[Embed]:
    """The lists: all news, each category, 法律咨询台 answers, open 问计于民 campaigns."""
    tz = settings.timezone

    def absolute(url: str) -> str:
        return urljoin(settings.site_url, url)

    def news(articles: list[Article] | tuple[Article, ...]) -> tuple[EmbedItem, ...]:
        return tuple(
            EmbedItem(a.title, absolute(article_url(a)), day, day)
            for a in articles[: settings.home_items]
            for day in [iso_date(a.published, tz)]
        )

    published = portal.published
    embeds = [
        Embed(
            "news",
            "最新动态",
            absolute("news/"),
            news(published),
            "暂无稿件。",
            "更多新闻",
            absolute("news/"),
        )
    ]
    for c in portal.categories:
        url = absolute(category_url(c))
        items = news([a for a in published if a.category == c])
        embeds.append(
            Embed(
                f"category/{c.slug}",
                c.name,
                url,
                items,
                "暂无稿件。",
                "更多",
                url,
                feed=f"feeds/category/{c.slug}",
            )
        )
    answered = [q for q in portal.questions if q.answered][:ANSWERS]
    embeds.append(
        Embed(
            "answers",
            "法律咨询台",
            absolute("qa/"),
            tuple(
                EmbedItem(q.question, absolute(question_url(q)), day, day)
                for q in answered
                for day in [iso_date(q.published, tz)]
            ),
            "暂无解答。",
            "更多解答",
            absolute("qa/"),
            feed="feeds/qa" if portal.questions else "feeds/news",
        )
    )
    open_now = [c for c in portal.campaigns if c.is_open(as_of)]
    embeds.append(
        Embed(
            "campaigns",
            "问计于民",
            absolute("suggestions/"),
            tuple(
                EmbedItem(
                    c.title,
                    absolute(campaign_url(c)),
                    f"征集至{c.closed.month}月{c.closed.day}日" if c.closed else "征集中",
                    c.closed.isoformat() if c.closed else "",
                )
                for c in open_now
            ),
            "目前没有正在进行的征集活动。",
            "往期征集与答复",
            absolute("suggestions/"),
        )
    )
    return embeds


def embed_outputs(portal: Portal, settings: Settings, as_of: date) -> dict[str, bytes]:
    """embed/<name>.html (iframe), embed/<name>.inc.html (include), the CSS two ways."""
    r = PageRenderer(settings.timezone, settings.site_name, settings.hotline)
    css = embed_css()
    context = {"site_name": settings.site_name, "site_url": settings.site_url}
    outputs: dict[str, bytes] = {
        "embed/embed.css": css.encode("utf-8"),
        "embed/style.inc.html": r.render("embed_style.html", "embed/", css=Markup(css)).encode(),
    }
    feeds = {link.path: link.title for link in feed_links(portal, settings)}
    for e in build_embeds(portal, settings, as_of):
        fragment = r.render("embed_fragment.html", "embed/", e=e, page=False, **context)
        outputs[f"embed/{e.name}.inc.html"] = (fragment + "\n").encode("utf-8")
        framed = r.render("embed_fragment.html", "embed/", e=e, page=True, **context)
        document = r.render(
            "embed_page.html",
            f"embed/{e.name}.html",
            e=e,
            feed_title=feeds[e.feed],
            css=Markup(css),
            fragment=Markup(framed),
            **context,
        )
        outputs[f"embed/{e.name}.html"] = (document + "\n").encode("utf-8")
    return outputs
