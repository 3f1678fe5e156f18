"""法律咨询台 and 法规摘要 pages: questions by domain, answers linked to the regulation
article they cite, regulations by level and status with "cited by" lists back."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import partial

from markupsafe import Markup

from generator.model import (
    REGULATION_LEVELS,
    Article,
    LegalForce,
    Portal,
    Provision,
    Question,
    Regulation,
)
from generator.numerals import anchor_headings
from generator.render import jsonld, wayfinding
from generator.render.feed_catalog import FeedLink
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed_page
from generator.settings import Settings
from generator.urls import domain_url, question_url, regulation_url


def cited_by(portal: Portal) -> dict[tuple[str, int], tuple[list[Question], list[Article]]]:
    """(regulation id, article number) → the answers and published pieces that cite it."""
    index: dict[tuple[str, int], tuple[list[Question], list[Article]]] = {}
    for q in portal.questions:
        for c in q.basis:
            index.setdefault((c.regulation.id, c.article), ([], []))[0].append(q)
    for a in portal.published:
        for c in a.basis:
            index.setdefault((c.regulation.id, c.article), ([], []))[1].append(a)
    return index


def legal_specs(
    portal: Portal, settings: Settings, r: PageRenderer, feeds: dict[str, FeedLink]
) -> list[PageSpec]:
    site, url, tz = settings.site_name, settings.site_url, settings.timezone
    qa_feed = tuple(f for p, f in feeds.items() if p == "feeds/qa")
    reg_feed = tuple(f for p, f in feeds.items() if p == "feeds/regulations")
    by_domain = [(d, [q for q in portal.questions if q.domain == d]) for d in portal.domains]
    specs = [
        fixed_page(
            "qa/",
            "法律咨询台",
            r.render("qa_home.html", "qa/", domains=by_domain, questions=portal.questions),
            feeds=qa_feed,
        )
    ]
    for d, items in by_domain:
        page = domain_url(d)
        regs = [g for g in portal.regulations if d in g.domains]
        specs.append(
            fixed_page(
                page,
                f"{d.name} · 法律咨询台",
                r.render("qa_domain.html", page, d=d, items=items, regulations=regs),
                feeds=qa_feed,
                jsonld=(jsonld.domain_page(items, f"{d.name} · 法律咨询台", page, url),)
                if items
                else (),
            )
        )
    for q in portal.questions:
        page = question_url(q)
        specs.append(
            PageSpec(
                f"qa/{q.key}.md",
                page,
                q.question,
                partial(_question, r, q),
                markdown=q.body,
                description=q.question,
                searchable=True,
                hide=("navigation", "toc"),
                feeds=qa_feed,
                updated=max(q.published.astimezone(tz).date(), q.replied or date.min),
                jsonld=tuple(
                    x
                    for x in (
                        jsonld.faq_page(q, site, url, tz),
                        wayfinding.question_breadcrumbs(q, url),
                    )
                    if x
                ),
            )
        )
    index = cited_by(portal)
    counts = Counter({rid: len(qs) + len(arts) for (rid, _), (qs, arts) in index.items()})
    levels = [
        (level, [g for g in portal.regulations if g.level == level]) for level in REGULATION_LEVELS
    ]
    specs.append(
        fixed_page(
            "regulations/",
            "法规摘要",
            r.render(
                "regulations.html",
                "regulations/",
                levels=[(lv, items) for lv, items in levels if items],
                statuses=list(LegalForce),
                cited=counts,
            ),
            feeds=reg_feed,
        )
    )
    for g in portal.regulations:
        page = regulation_url(g)
        successor = portal.regulation(g.repealed_by) if g.repealed_by else None
        rows = [(p, *index.get((g.id, p.number), ([], []))) for p in g.provisions]
        rows = [row for row in rows if row[1] or row[2]]
        specs.append(
            PageSpec(
                f"regulations/{g.id}.md",
                page,
                g.title,
                partial(_regulation, r, g, successor, rows),
                markdown=anchor_headings(g.body),
                description=f"{g.title}（{g.status.value}）",
                searchable=True,
                hide=("navigation",),
                feeds=reg_feed,
                updated=g.last_change,
                jsonld=(jsonld.legislation(g, url), wayfinding.regulation_breadcrumbs(g, url)),
            )
        )
    return specs


def _question(r: PageRenderer, q: Question, body_html: str) -> str:
    return r.render("question.html", question_url(q), q=q, body=Markup(body_html))


_ARTICLE_HEADING = re.compile(r'(<h[2-6] id="(art-\d+)"[^>]*>.*?</h[2-6]>)', re.S)


def _regulation(
    r: PageRenderer,
    g: Regulation,
    successor: Regulation | None,
    rows: list[tuple[Provision, list[Question], list[Article]]],
    body_html: str,
) -> str:
    cited = {p.anchor: len(qs) + len(arts) for p, qs, arts in rows}

    def mark(match: re.Match[str]) -> str:
        count = cited.get(match[2])
        if not count:
            return match[1]
        return (
            f'{match[1]}<p class="pt-cited"><a href="#cited-{match[2]}">被引用 {count} 次</a></p>'
        )

    body = _ARTICLE_HEADING.sub(mark, body_html)
    return r.render(
        "regulation.html",
        regulation_url(g),
        r=g,
        successor=successor,
        cited_by=rows,
        body=Markup(body),
    )
