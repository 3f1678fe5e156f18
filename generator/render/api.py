"""A small static JSON API (site/api/): paginated lists of articles, per category, 法律咨询台
questions and 法规摘要 regulations, and one document per item with its full text.

For the county portal and other sites that want the bureau's output in their own pages. Ids
equal the feeds' (`article_id`, the feed items' `tag:` URIs), so a consumer can switch between
feed and API; times carry the site's offset (+08:00); every URL is absolute. The schema is
`api.schema.json` (published as api/schema.json); `kind` names each document's type. Serialised
with `json_bytes`, so markup in text is data, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib.resources import files
from typing import Any, TypeVar
from urllib.parse import urljoin

from generator.exports import json_bytes
from generator.model import Article, Citation, Portal, Question, Regulation
from generator.render.feed_catalog import regulation_item
from generator.render.feeds import absolutize
from generator.render.keep import Keep, never
from generator.render.pages import summary_of
from generator.settings import Settings
from generator.urls import (
    article_id,
    article_url,
    category_url,
    edition_url,
    provision_url,
    question_id,
    question_url,
    regulation_url,
)

PER_PAGE = 20  # items per list page: a few kilobytes each, full text is in the item documents

T = TypeVar("T")
Json = dict[str, Any]


def api_schema() -> bytes:
    return files("generator").joinpath("templates/api.schema.json").read_bytes()


def article_api_path(a: Article) -> str:
    """api/news/2026/05/night-market.json beside the page news/2026/05/night-market/."""
    return f"api/{article_url(a).rstrip('/')}.json"


def question_api_path(q: Question) -> str:
    return f"api/{question_url(q).rstrip('/')}.json"


def regulation_api_path(g: Regulation) -> str:
    return f"api/{regulation_url(g).rstrip('/')}.json"


def list_page_path(base: str, number: int) -> str:
    """api/articles.json, then api/articles/page/2.json, …"""
    return f"{base}.json" if number == 1 else f"{base}/page/{number}.json"


@dataclass(frozen=True)
class _Api:
    """Turns the model into API objects for one site."""

    settings: Settings

    def url(self, path: str) -> str:
        return urljoin(self.settings.site_url, path)

    def time(self, value: datetime) -> str:
        return value.astimezone(self.settings.timezone).isoformat()

    @staticmethod
    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    def article(self, a: Article) -> Json:
        return {
            "id": article_id(a, self.settings.site_url, self.settings),
            "url": self.url(article_url(a)),
            "api_url": self.url(article_api_path(a)),
            "title": a.title,
            "published": self.time(a.published),
            "category": {"slug": a.category.slug, "name": a.category.name},
            "unit": {"id": a.unit.id, "name": a.unit.name, "type": a.unit.type.value},
            "author": a.author or None,
            "tags": list(a.tags),
            "summary": summary_of(a),
            "edition": (
                {
                    "number": a.edition.number,
                    "theme": a.edition.theme,
                    "url": self.url(edition_url(a.edition)),
                }
                if a.edition
                else None
            ),
            "image": self.image(a),
        }

    def image(self, a: Article) -> Json | None:
        """The lead photo as published: the desktop size and the smaller ones."""
        lead = a.lead
        if lead is None:
            return None
        return {
            "url": self.url(lead.main.path),
            "type": lead.media_type,
            "width": lead.main.width,
            "height": lead.main.height,
            "variants": [
                {"url": self.url(v.path), "width": v.width, "height": v.height}
                for v in lead.variants
            ],
        }

    def article_document(self, a: Article, body_html: str) -> Json:
        return {
            "kind": "article",
            **self.article(a),
            "content_html": absolutize(body_html, self.url(article_url(a))),
            "placements": [
                {
                    "outlet": p.outlet.name,
                    "level": p.outlet.level.value,
                    "date": p.date.isoformat(),
                    "section": p.section or None,
                    "url": p.url or None,
                }
                for p in a.placements
            ],
            "basis": [self.citation(c) for c in a.basis],
        }

    def citation(self, c: Citation) -> Json:
        return {
            "regulation": c.regulation.id,
            "title": c.regulation.title,
            "article": c.article,
            "heading": c.provision.heading,
            "url": self.url(provision_url(c)),
        }

    def question(self, q: Question) -> Json:
        return {
            "id": question_id(q, self.settings),
            "url": self.url(question_url(q)),
            "api_url": self.url(question_api_path(q)),
            "question": q.question,
            "published": self.time(q.published),
            "domain": {"slug": q.domain.slug, "name": q.domain.name},
            "asker": q.asker or None,
            "status": "已答复" if q.answered else "待答复",
            "received": self.day(q.received),
            "replied": self.day(q.replied),
            "department": q.department or None,
            "days_to_reply": q.days_to_reply,
            "basis": [self.citation(c) for c in q.basis],
        }

    def question_document(self, q: Question, body_html: str) -> Json:
        return {
            "kind": "question",
            **self.question(q),
            "content_html": absolutize(body_html, self.url(question_url(q))),
        }

    def regulation(self, g: Regulation) -> Json:
        return {
            "id": regulation_item(g, "", self.settings).id,
            "slug": g.id,
            "url": self.url(regulation_url(g)),
            "api_url": self.url(regulation_api_path(g)),
            "title": g.title,
            "short_title": g.short_title,
            "level": g.level,
            "issuer": g.issuer,
            "status": g.status.value,
            "adopted": g.adopted.isoformat(),
            "effective": self.day(g.effective),
            "amended": [d.isoformat() for d in g.amended],
            "updated": g.last_change.isoformat(),
            "repealed_by": g.repealed_by or None,
            "domains": [{"slug": d.slug, "name": d.name} for d in g.domains],
            "source_url": g.source_url or None,
            "provisions": [
                {
                    "article": p.number,
                    "heading": p.heading,
                    "url": self.url(f"{regulation_url(g)}#{p.anchor}"),
                }
                for p in g.provisions
            ],
        }

    def regulation_document(self, g: Regulation, body_html: str) -> Json:
        return {
            "kind": "regulation",
            **self.regulation(g),
            "content_html": absolutize(body_html, self.url(regulation_url(g))),
        }

    def pages(
        self,
        kind: str,
        base: str,
        title: str,
        home: str,
        items: Sequence[T],
        render: Callable[[T], Json],
        extra: Mapping[str, Any] | None = None,
        keep: Keep = never,
    ) -> Iterable[tuple[str, Json]]:
        """A list split into pages of PER_PAGE, each linking first, last, prev and next. A
        page `keep` says the site has (the same items, place and links) is left out; `kind`
        names the renderer of the items."""
        total = max(1, -(-len(items) // PER_PAGE))

        def link(number: int) -> str | None:
            return self.url(list_page_path(base, number)) if 1 <= number <= total else None

        for number in range(1, total + 1):
            chunk = items[(number - 1) * PER_PAGE : number * PER_PAGE]
            inputs = (kind, base, title, home, dict(extra or {}), tuple(chunk), number, total)
            if keep(list_page_path(base, number), *inputs, len(items)):
                continue
            yield (
                list_page_path(base, number),
                {
                    "kind": kind,
                    "title": title,
                    **(extra or {}),
                    "home_page_url": self.url(home),
                    "url": link(number),
                    "first": link(1),
                    "last": link(total),
                    "prev": link(number - 1),
                    "next": link(number + 1),
                    "page": number,
                    "pages": total,
                    "per_page": PER_PAGE,
                    "total": len(items),
                    "items": [render(item) for item in chunk],
                },
            )


def api_outputs(
    portal: Portal, settings: Settings, bodies: Mapping[str, str], keep: Keep = never
) -> dict[str, bytes]:
    """Every file under api/; `bodies` maps article keys, `qa/<key>` and `regulations/<id>`
    to the sanitised body HTML the pages were built from. A document `keep` says the site
    already has (record.py: same inputs) is left out."""
    api = _Api(settings)
    published = portal.published
    documents: dict[str, Json] = {}
    site = settings.site_name
    documents.update(
        api.pages(
            "article-list",
            "api/articles",
            f"{site} · 全部新闻",
            "news/",
            published,
            api.article,
            keep=keep,
        )
    )
    categories = []
    for c in portal.categories:
        items = [a for a in published if a.category == c]
        base = f"api/category/{c.slug}"
        documents.update(
            api.pages(
                "article-list",
                base,
                f"{site} · {c.name}",
                category_url(c),
                items,
                api.article,
                {"category": {"slug": c.slug, "name": c.name}},
                keep,
            )
        )
        categories.append(
            {
                "slug": c.slug,
                "name": c.name,
                "url": api.url(category_url(c)),
                "api_url": api.url(list_page_path(base, 1)),
                "total": len(items),
            }
        )
    documents.update(
        api.pages(
            "question-list",
            "api/qa",
            f"{site} · 法律咨询台",
            "qa/",
            portal.questions,
            api.question,
            keep=keep,
        )
    )
    documents.update(
        api.pages(
            "regulation-list",
            "api/regulations",
            f"{site} · 法规摘要",
            "regulations/",
            portal.regulations,
            api.regulation,
            keep=keep,
        )
    )
    for a in published:
        body = bodies.get(a.key, "")
        if not keep(article_api_path(a), a, body):
            documents[article_api_path(a)] = api.article_document(a, body)
    for q in portal.questions:
        body = bodies.get(f"qa/{q.key}", "")
        if not keep(question_api_path(q), q, body):
            documents[question_api_path(q)] = api.question_document(q, body)
    for g in portal.regulations:
        body = bodies.get(f"regulations/{g.id}", "")
        if not keep(regulation_api_path(g), g, body):
            documents[regulation_api_path(g)] = api.regulation_document(g, body)

    def listing(base: str, html: str, total: int) -> Json:
        return {"url": api.url(html), "api_url": api.url(list_page_path(base, 1)), "total": total}

    documents["api/index.json"] = {
        "kind": "index",
        "site": {
            "name": site,
            "url": settings.site_url,
            "language": "zh-CN",
            "timezone": str(settings.timezone),
        },
        "schema": api.url("api/schema.json"),
        "articles": listing("api/articles", "news/", len(published)),
        "categories": categories,
        "questions": listing("api/qa", "qa/", len(portal.questions)),
        "regulations": listing("api/regulations", "regulations/", len(portal.regulations)),
    }
    outputs = {path: json_bytes(doc) for path, doc in documents.items()}
    outputs["api/schema.json"] = api_schema()
    return outputs
