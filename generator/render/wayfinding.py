"""Where a page is in the site: its section of the menu and its breadcrumb trail (当前位置).

A resident who lands on an article from a search engine should see which part of the site it
belongs to (the menu's section highlighted) and the way up (首页, 新闻动态, 执法动态).
Search engines get the same trail as schema.org BreadcrumbList.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from generator.model import Article, Question, Regulation
from generator.urls import article_url, category_url, domain_url, question_url, regulation_url


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail: a name and its site-relative URL ("" is the home page)."""

    name: str
    url: str


HOME = Crumb("首页", "")


def article_trail(a: Article) -> tuple[Crumb, ...]:
    return (HOME, Crumb("新闻动态", "news/"), Crumb(a.category.name, category_url(a.category)))


def question_trail(q: Question) -> tuple[Crumb, ...]:
    return (HOME, Crumb("法律咨询台", "qa/"), Crumb(q.domain.name, domain_url(q.domain)))


def regulation_trail(g: Regulation) -> tuple[Crumb, ...]:
    return (HOME, Crumb("法规摘要", "regulations/"))


def breadcrumb_list(trail: Sequence[Crumb], current: Crumb, site_url: str) -> dict[str, Any]:
    """schema.org BreadcrumbList: the trail, then the page itself, with absolute URLs."""
    steps = [*trail, current]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "name": step.name,
                "item": urljoin(site_url, step.url) if site_url else step.url or "/",
            }
            for n, step in enumerate(steps, 1)
        ],
    }


def article_breadcrumbs(a: Article, site_url: str) -> dict[str, Any]:
    return breadcrumb_list(article_trail(a), Crumb(a.title, article_url(a)), site_url)


def question_breadcrumbs(q: Question, site_url: str) -> dict[str, Any]:
    return breadcrumb_list(question_trail(q), Crumb(q.question, question_url(q)), site_url)


def regulation_breadcrumbs(g: Regulation, site_url: str) -> dict[str, Any]:
    return breadcrumb_list(regulation_trail(g), Crumb(g.title, regulation_url(g)), site_url)


def section_of(url: str, sections: Iterable[str]) -> str | None:
    """The menu entry a page belongs to: the longest menu URL its own URL starts with
    (news/2026/05/x/ belongs to news/); None when only the home page would match."""
    found = [s for s in sections if s and url.startswith(s)]
    return max(found, key=len) if found else None
