"""What the site has published, and whether an address changed since the site that is online.

Every build writes `feeds/ids.json`: each published article's and answer's feed id, address,
file and title. Before the next build replaces the site, `portal check` and `portal build`
read that file from the site folder and warn when a piece now lives at another address: the
old links (in newsrooms' reprints, WeChat posts, search engines) would break, and readers
would see the feed item as new. The fix is in the content, so that the output never depends
on the previous site: keep the file's name and date, or add the old address to
content/redirects.yml and the old feed id as `id:`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import Problem, Severity
from generator.messages import msg
from generator.model import Portal
from generator.settings import Settings
from generator.urls import article_id, article_url, question_id, question_url

IDS_FILE = "feeds/ids.json"


@dataclass(frozen=True)
class PublishedItem:
    id: str  # the feed id
    url: str  # site path
    source: str  # content file, relative to the portal root
    title: str


def published_items(portal: Portal, settings: Settings) -> list[PublishedItem]:
    items = [
        PublishedItem(
            article_id(a, settings.site_url, settings), article_url(a), str(a.source), a.title
        )
        for a in portal.published
    ]
    items += [
        PublishedItem(question_id(q, settings), question_url(q), str(q.source), q.question)
        for q in portal.questions
    ]
    return sorted(items, key=lambda i: i.url)


def ids_json(items: list[PublishedItem]) -> bytes:
    data = [{"id": i.id, "url": i.url, "source": i.source, "title": i.title} for i in items]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def read_published(site_dir: Path) -> list[PublishedItem]:
    """The record in the site that is online; nothing when there is none or it is unreadable."""
    try:
        data = json.loads((site_dir / IDS_FILE).read_text(encoding="utf-8"))
        return [PublishedItem(d["id"], d["url"], d["source"], d["title"]) for d in data]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def moved_items(
    before: list[PublishedItem], now: list[PublishedItem], portal: Portal
) -> list[Problem]:
    """A warning for each piece that was online at an address it no longer has.

    A piece is the same piece when its feed id, its file or its title is the same.
    """
    urls_now = {i.url for i in now}
    redirected = {r.old for r in portal.redirects}
    by_id = {i.id: i for i in now}
    by_source = {i.source: i for i in now}
    by_title = {i.title: i for i in now}
    problems = []
    for old in before:
        if old.url in urls_now or old.url in redirected:
            continue
        new = by_id.get(old.id) or by_source.get(old.source) or by_title.get(old.title)
        if new is None:
            # Deleted, or renamed and retitled at once: the page would become a 404 and leave
            # the feeds without a word, so say so and give the line that keeps the address.
            problems.append(
                Problem(
                    PurePosixPath(old.source),
                    0,
                    "(address)",
                    msg(
                        "published.gone",
                        title=old.title,
                        old=old.url,
                        source=old.source,
                        to=_section_of(old.url),
                    ),
                    Severity.WARNING,
                )
            )
            continue
        keep_id = msg("published.keep_id", id=old.id) if new.id != old.id else ""
        problems.append(
            Problem(
                PurePosixPath(new.source),
                0,
                "(address)",
                msg("published.moved", old=old.url, new=new.url, id_hint=keep_id),
                Severity.WARNING,
            )
        )
    return problems


def _section_of(url: str) -> str:
    """Where a withdrawn page's readers go: its section's index (`news/`, `qa/`)."""
    return url.split("/", 1)[0] + "/" if "/" in url.rstrip("/") else ""
