"""`portal adoption`: find our published pieces in outlets' feeds and propose placements (用稿).

read   a feed URL or a saved file → bytes (timeouts and network errors become `SourceError`)
parse  RSS/Atom through feedparser, or an HTML list page through lxml → `FeedItem`s
match  each item against our pieces inside a date window, by the evidence a reader uses
       (headline, numbers, names, key words, summary, date: `generator.evidence`) → `Proposal`s
apply  adoption_apply.py: the accepted placements into the articles' front matter
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any

from generator.clock import parse_when
from generator.clock import today as clock_today
from generator.evidence.match import Matcher
from generator.evidence.rule import Evidence
from generator.evidence.titles import normalise_title as normalise_title
from generator.evidence.titles import similarity as similarity
from generator.evidence.titles import strip_title as strip_title
from generator.messages import msg
from generator.model import Article, Outlet, Portal
from generator.vocabulary import site_vocabulary

MAX_BYTES = 10 * 1024 * 1024
DEFAULT_THRESHOLD = 0.85  # apply at or above this confidence
SHOW_FLOOR = 0.6  # propose nothing below this
WINDOW = timedelta(days=60)  # the media use a piece within this long after it was submitted
NEAR = timedelta(days=2)  # a recorded placement this close in the same outlet may be the same


class SourceError(Exception):
    """A feed could not be read: the message says which and why, for people."""


# -- read ------------------------------------------------------------------------------------


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def read_source(location: str, timeout: float) -> bytes:
    """The bytes of a feed URL (with a timeout) or of a saved file."""
    if not is_url(location):
        path = Path(location)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise SourceError(
                    msg("adoption.too_big", location=location, limit=MAX_BYTES // 1024 // 1024)
                )
            return path.read_bytes()
        except OSError as exc:
            raise SourceError(
                msg("adoption.unreadable", location=location, reason=exc.strerror)
            ) from None
    request = urllib.request.Request(
        location, headers={"User-Agent": "portal-adoption/1.0 (+feed reader)"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise SourceError(
            msg("adoption.http", location=location, code=exc.code, reason=exc.reason)
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise SourceError(
                msg("adoption.timeout", location=location, seconds=f"{timeout:g}")
            ) from None
        raise SourceError(msg("adoption.connect", location=location, reason=reason)) from None
    except TimeoutError:
        raise SourceError(
            msg("adoption.timeout", location=location, seconds=f"{timeout:g}")
        ) from None
    except (OSError, ValueError) as exc:
        raise SourceError(msg("adoption.unreadable", location=location, reason=exc)) from None
    if len(data) > MAX_BYTES:
        raise SourceError(
            msg("adoption.too_big", location=location, limit=MAX_BYTES // 1024 // 1024)
        )
    return data


# -- parse -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    """One piece an outlet published, as its feed or list page shows it."""

    title: str
    link: str
    day: date | None  # on the site's wall clock; None when the source gives no date
    section: str = ""
    summary: str = ""  # the item's description or text, when the source gives one


@dataclass(frozen=True)
class Feed:
    title: str  # the channel's or page's title, to tell which outlet a bare file is from
    items: tuple[FeedItem, ...]


_DAY = re.compile(r"(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_URL_DAY = re.compile(r"(20\d{2})[-/]?(\d{2})[-/]?(\d{2})(?!\d)")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _day_in(text: str) -> date | None:
    for match in _DAY.finditer(text):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def _url_day(url: str) -> date | None:
    """Chinese news sites put the day in the address: /202606/t20260607_7094733.shtml."""
    for match in _URL_DAY.finditer(urllib.parse.urlsplit(url).path):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def parse_feed(data: bytes, base_url: str, tz: tzinfo, today: date | None = None) -> Feed:
    """RSS or Atom (feedparser), else an HTML list page of links with dates (lxml).

    `today` (default: the day it runs) dates a list page that gives only month and day
    (`[11-27]`) and no full date to take the year from: see `_year_for`.
    """
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.get("version"):
        return Feed(
            str(parsed.feed.get("title", "")),
            tuple(i for e in parsed.entries if (i := _entry_item(e, base_url, tz))),
        )
    return _html_feed(data, base_url, today or clock_today(tz))


def _entry_item(entry: dict[str, object], base_url: str, tz: tzinfo) -> FeedItem | None:
    title = _clean(str(entry.get("title", "")))
    link = urllib.parse.urljoin(base_url, str(entry.get("link", "")))
    if not title:
        return None
    day = None
    for key in ("published", "updated", "created"):
        raw = str(entry.get(key) or "").strip()
        if not raw:
            continue
        try:
            # A naive "2026-06-07 08:00" is Beijing time, as staff and local sites write it.
            day = parse_when(raw, tz).astimezone(tz).date()
            break
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            stamp = datetime(*parsed[:6], tzinfo=UTC)  # type: ignore[index,misc]
            day = stamp.astimezone(tz).date()
            break
    if day is None:
        day = _url_day(link)
    tags = entry.get("tags") or []
    section = ""
    if isinstance(tags, list) and tags and isinstance(tags[0], dict):
        section = _clean(str(tags[0].get("term") or ""))
    return FeedItem(title, link, day, section, _entry_text(entry))


SUMMARY_CHARS = 600  # the opening is what is compared; a full text is cut here


def _entry_text(entry: dict[str, object]) -> str:
    """The item's full text (content:encoded, Atom content) or else its description, as text."""
    texts = []
    content = entry.get("content")
    if isinstance(content, list):
        texts += [str(c.get("value") or "") for c in content if isinstance(c, dict)]
    texts.append(str(entry.get("summary") or ""))
    for raw in texts:
        text = _clean(_html_text(raw))
        if len(_CJK.findall(text)) >= 12:
            return text[:SUMMARY_CHARS]
    return ""


def _html_text(markup: str) -> str:
    """The text of an HTML fragment (feedparser has already removed scripts and styles)."""
    if "<" not in markup:
        return markup
    import lxml.html

    try:
        return str(lxml.html.fromstring(f"<div>{markup}</div>").text_content())
    except Exception:  # lxml raises many kinds for broken markup: keep the text
        return re.sub(r"<[^>]*>", " ", markup)


def _decode_html(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    head = data[:4096].decode("ascii", errors="ignore")
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", head, re.I)
    name = (match[1] if match else "utf-8").lower()
    if name in ("gb2312", "gbk", "gb18030"):
        name = "gb18030"  # GB2312 pages routinely hold GBK characters
    try:
        return data.decode(name, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


_MONTH_DAY = re.compile(r"(?<![\d./-])(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?(?![\d./-])")


_DATE_TOKEN = re.compile(r"[\[【(（]?(?<!\d)\d{1,2}[-/.]\d{1,2}(?!\d)[\]】)）]?")


def _html_feed(data: bytes, base_url: str, today: date | None) -> Feed:
    import lxml.html

    text = _decode_html(data)
    if not text.strip():
        return Feed("", ())
    tree = lxml.html.fromstring(text)
    base = tree.find(".//base")
    if base is not None and base.get("href"):
        base_url = urllib.parse.urljoin(base_url, base.get("href") or "")
    page_title = _clean(tree.findtext(".//title") or "")
    newest = max(_days_in(tree.text_content()), default=None) or today
    items: dict[str, FeedItem] = {}
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        title = _clean(a.get("title") or a.text_content())
        if not _is_headline(a):  # menus, 更多, 下一页
            continue
        link = urllib.parse.urljoin(base_url, href)
        row = _row_of(a)
        row_text = _clean(row.text_content())
        day = _day_in(row_text)
        if day is None and newest is not None:
            day = _month_day(row_text.replace(_clean(a.text_content()), " "), newest)
        summary = _row_summary(row_text, (_clean(a.text_content()), title))
        items.setdefault(link, FeedItem(title, link, day or _url_day(link), summary=summary))
    return Feed(page_title, tuple(items.values()))


def _days_in(text: str) -> list[date]:
    days = []
    for match in _DAY.finditer(text):
        try:
            days.append(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            continue
    return days


def _month_day(text: str, newest: date) -> date | None:
    """A `[11-27]` or `11月27日` in a list row, in the year `_year_for` gives it."""
    for match in _MONTH_DAY.finditer(text):
        month, day = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            try:
                return _year_for(month, day, newest)
            except ValueError:
                continue
    return None


def _year_for(month: int, day: int, newest: date) -> date:
    """List pages give month and day only when the year is plain to readers: the current one.

    The year is the one that puts the date on or before `newest` (the newest full date the page
    shows, such as its 更新时间, else the day the command runs) and less than a year before it:
    a list page shows what was published, never what will be, so `[12-28]` on a page of
    2027-01-05 is 2026-12-28, and `[01-03]` is 2027-01-03.
    """
    year = newest.year if (month, day) <= (newest.month, newest.day) else newest.year - 1
    return date(year, month, day)


def _row_of(link: Any) -> Any:
    """The list row a headline link stands in: its largest ancestor holding no other headline."""
    row, node = link, link.getparent()
    while node is not None and node.tag not in ("body", "html"):
        if sum(1 for a in node.iter("a") if _is_headline(a)) > 1:
            break
        row, node = node, node.getparent()
    return row


def _is_headline(a: Any) -> bool:
    href = (a.get("href") or "").strip()
    title = a.get("title") or a.text_content()
    return (
        bool(href)
        and not href.startswith(("#", "javascript:", "mailto:"))
        and (len(_CJK.findall(title)) >= 6)
    )


def _row_summary(row_text: str, headline: Sequence[str]) -> str:
    """A list row's text besides its headline and date: the summary some list pages show."""
    text = row_text
    for part in headline:
        if part:
            text = text.replace(part, " ")
    text = _clean(_DATE_TOKEN.sub(" ", _DAY.sub(" ", text)).strip(" []【】()（）-|"))
    return text[:SUMMARY_CHARS] if len(_CJK.findall(text)) >= 12 else ""


def _clean(text: str) -> str:
    return " ".join(text.split())


# -- match -----------------------------------------------------------------------------------


class Status(StrEnum):
    NEW = "new"  # at or above the threshold: --apply writes it
    LOW = "low"  # a candidate below the threshold: shown, never written
    RECORDED = "recorded"  # the article already has this placement (same outlet and date/URL)
    NEAR = "near"  # the same outlet is recorded a day or two apart: check by hand
    NO_DATE = "no-date"  # the source gives no date; a placement needs one

    @property
    def label(self) -> str:
        return {
            "new": "新增",
            "low": "低于阈值",
            "recorded": "已登记",
            "near": "日期相近已有登记",
            "no-date": "无日期",
        }[self.value]


@dataclass(frozen=True)
class Proposal:
    """A feed item that is (probably) one of our pieces, used by `outlet` on `item.day`."""

    article: Article
    outlet: Outlet
    item: FeedItem
    evidence: Evidence
    status: Status

    @property
    def score(self) -> float:
        return self.evidence.confidence

    @property
    def applicable(self) -> bool:
        return self.status is Status.NEW


def _status(article: Article, outlet: Outlet, item: FeedItem, score: float, cut: float) -> Status:
    same = [p for p in article.placements if p.outlet.id == outlet.id]
    if any(p.url and p.url == item.link for p in same):
        return Status.RECORDED
    if item.day is None:
        return Status.NO_DATE
    if any(p.date == item.day for p in same):
        return Status.RECORDED
    if any(abs(p.date - item.day) <= NEAR for p in same):
        return Status.NEAR
    return Status.NEW if score >= cut else Status.LOW


def matcher_for(portal: Portal, tz: tzinfo) -> Matcher:
    """Our published pieces prepared for matching, with the words the site search knows."""
    names = tuple(o.name for o in portal.outlets)
    return Matcher(portal.published, portal.units, tz, names, site_vocabulary(portal))


def propose(
    portal: Portal,
    found: Sequence[tuple[Outlet, Sequence[FeedItem]]],
    tz: tzinfo,
    threshold: float = DEFAULT_THRESHOLD,
    matcher: Matcher | None = None,
) -> list[Proposal]:
    """For each feed item, the published piece it most likely is, if any scores ≥ SHOW_FLOOR.

    A piece qualifies only if the item is dated within WINDOW on or after its submission (a
    placement before submission is impossible, and validation would refuse it). The piece with
    the highest confidence wins (the nearer date breaks ties). One proposal per piece, outlet
    and day: the best-scoring item wins.
    """
    matcher = matcher or matcher_for(portal, tz)
    best: dict[tuple[str, str, str], Proposal] = {}
    for outlet, items in found:
        for item in items:
            seen = matcher.sighting(item.title, item.summary, item.day)
            candidates = []
            for piece in matcher.pieces:
                if item.day is not None and not (
                    piece.submitted <= item.day <= piece.submitted + WINDOW
                ):
                    continue
                evidence = matcher.evidence(seen, piece)
                if evidence.confidence >= SHOW_FLOOR:
                    rank = (-evidence.confidence, evidence.gap or 0, piece.article.key)
                    candidates.append((*rank, piece, evidence))
            if not candidates:
                continue
            *_, piece, evidence = min(candidates, key=lambda c: c[:3])
            article = piece.article
            status = _status(article, outlet, item, evidence.confidence, threshold)
            proposal = Proposal(article, outlet, item, evidence, status)
            key = (article.key, outlet.id, item.day.isoformat() if item.day else item.link)
            if key not in best or best[key].score < proposal.score:
                best[key] = proposal
    return sorted(
        best.values(), key=lambda p: (-p.score, p.item.day or date.min, p.article.key, p.outlet.id)
    )


def outlet_for(location: str, feed_title: str, outlets: Sequence[Outlet]) -> Outlet | None:
    """The outlet a bare source belongs to: its `feed:` URL, else the outlet its title names."""
    for outlet in outlets:
        if outlet.feed and outlet.feed == location:
            return outlet
    named = [o for o in outlets if o.name and o.name in feed_title]
    return max(named, key=lambda o: len(o.name)) if named else None


def resolve_sources(
    given: Sequence[str], outlet_id: str | None, outlets: Sequence[Outlet]
) -> list[tuple[str | None, str]]:
    """(outlet id or None, location) for each `[OUTLET=]SOURCE` given, else every outlet's
    `feed:`; ValueError names an unknown outlet or says that there is nothing to read."""
    from generator.validate.articles import unknown_ref

    names = {o.id: o.name for o in outlets}
    if outlet_id and outlet_id not in names:
        raise ValueError(unknown_ref(outlet_id, names, "what.outlet", "content/outlets.yml"))
    wanted: list[tuple[str | None, str]] = []
    for source in given:
        name, sep, location = source.partition("=")
        if sep and name in names and not is_url(source):
            wanted.append((name, location))
        elif sep and not is_url(source) and not Path(source).exists():
            raise ValueError(
                msg("cli.in_source", source=source)
                + unknown_ref(name, names, "what.outlet", "content/outlets.yml")
            )
        else:
            wanted.append((outlet_id, source))
    if not wanted:
        wanted = [(o.id, o.feed) for o in outlets if o.feed]
        if not wanted:
            raise ValueError(msg("cli.no_sources"))
    return wanted
