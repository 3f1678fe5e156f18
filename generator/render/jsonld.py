"""schema.org structured data (JSON-LD) for search engines: NewsArticle, QAPage, FAQPage,
Legislation. Built as dicts and serialised with json.dumps, escaped for a <script> block."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any
from urllib.parse import urljoin

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


def qa_page(q: Question, site_name: str, site_url: str, tz: tzinfo) -> dict[str, Any]:
    question: dict[str, Any] = {
        "@type": "Question",
        "name": q.question,
        "text": q.question,
        "dateCreated": q.published.astimezone(tz).isoformat(),
        "answerCount": 1 if q.answered else 0,
    }
    if q.answered:  # a 待答复 question has a progress note, not an answer yet
        question["acceptedAnswer"] = _answer(q, site_url, tz)
    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "inLanguage": "zh-CN",
        "publisher": _org(site_name, site_url),
        "mainEntity": question,
    }


def faq_page(questions: Sequence[Question], name: str, site_url: str, tz: tzinfo) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": name,
        "inLanguage": "zh-CN",
        "mainEntity": [
            {"@type": "Question", "name": q.question, "acceptedAnswer": _answer(q, site_url, tz)}
            for q in questions
            if q.answered
        ],
    }


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
    if r.source_url:
        data["sameAs"] = r.source_url
    return data
