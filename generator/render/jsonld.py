"""schema.org structured data (JSON-LD) for search engines: NewsArticle, FAQPage, a
CollectionPage for each 法律咨询台 domain, Legislation. Built as dicts and serialised with
json.dumps, escaped for a <script> block.

法律咨询台 answers are FAQPage, not QAPage: QAPage is for pages where readers post answers of
their own (a forum), and here only the bureau answers. Each question and answer is marked up
once, on its own page (search engines ask that an FAQ repeated on several pages be marked on
one); a domain page lists its questions as an ItemList. A question still 待答复 has no answer
to mark up, so its page has none.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any
from urllib.parse import urljoin, urlsplit

from generator.model import Article, Question, Regulation
from generator.plaintext import derive_summary
from generator.urls import article_url, question_url, regulation_url


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside <script type="application/ld+json">: no `</script>` can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _org(site_name: str, site_url: str) -> dict[str, Any]:
    return {"@type": "GovernmentOrganization", "name": site_name, "url": site_url}


def news_article(a: Article, site_name: str, site_url: str, tz: tzinfo) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": a.published.astimezone(tz).isoformat(),
        "inLanguage": "zh-CN",
        "articleSection": a.category.name,
        "publisher": _org(site_name, site_url),
        "sourceOrganization": {"@type": "Organization", "name": a.unit.name},
        "mainEntityOfPage": urljoin(site_url, article_url(a)),
    }
    if a.author:
        data["author"] = {"@type": "Person", "name": a.author}
    else:
        data["author"] = _org(site_name, site_url)
    if a.tags:
        data["keywords"] = ",".join(a.tags)
    return data


def _answer(q: Question, site_url: str, tz: tzinfo) -> dict[str, Any]:
    return {
        "@type": "Answer",
        "text": derive_summary(q.body, limit=500),
        "dateCreated": q.published.astimezone(tz).isoformat(),
        "url": urljoin(site_url, question_url(q)),
    }


def faq_page(q: Question, site_name: str, site_url: str, tz: tzinfo) -> dict[str, Any] | None:
    """A question page: an FAQPage with its one question and the bureau's answer (None while
    the question is unanswered)."""
    if not q.answered:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": q.question,
        "inLanguage": "zh-CN",
        "publisher": _org(site_name, site_url),
        "url": urljoin(site_url, question_url(q)),
        "mainEntity": [
            {
                "@type": "Question",
                "name": q.question,
                "text": q.question,
                "dateCreated": q.published.astimezone(tz).isoformat(),
                "acceptedAnswer": _answer(q, site_url, tz),
            }
        ],
    }


def domain_page(
    questions: Sequence[Question], name: str, url: str, site_url: str
) -> dict[str, Any]:
    """A domain's list of questions: a CollectionPage whose ItemList links each question page
    (where the question and answer are marked up)."""
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "inLanguage": "zh-CN",
        "url": urljoin(site_url, url),
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": n,
                    "name": q.question,
                    "url": urljoin(site_url, question_url(q)),
                }
                for n, q in enumerate(questions, start=1)
            ],
        },
    }


def own_page(url: str) -> bool:
    """A URL that names a page of its own, not a site's home page: `https://flk.npc.gov.cn/`
    is the law database, not the law, so it cannot be the law's `sameAs`."""
    parts = urlsplit(url)
    return bool(parts.path.strip("/") or parts.query)


def legislation(r: Regulation, site_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": r.title,
        "alternateName": r.short_title,
        "legislationType": r.level,
        "legislationDate": r.adopted.isoformat(),
        "legislationLegalForce": r.status.schema,
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": r.issuer},
        "inLanguage": "zh-CN",
        "url": urljoin(site_url, regulation_url(r)),
    }
    if r.effective:
        data["legislationDateVersion"] = (r.amended[-1] if r.amended else r.effective).isoformat()
    if r.source_url and own_page(r.source_url):
        data["sameAs"] = r.source_url  # the law's own page in a database: the same law
    return data
