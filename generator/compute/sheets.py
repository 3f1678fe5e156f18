"""Which pieces each week's 宣传栏 sheet (one A4 notice-board poster per ISO week) shows,
decided here once for the site and `portal poster`:

- the candidates are the articles published in that ISO week (Monday to Sunday, Beijing time);
- pieces the media used come first, by the 用稿 points 信息报送 awards them (each placement's
  points plus the 美丽家园 bonus), then 美丽家园 pieces, then the newest;
- at most `limit` pieces (4 fit an A4 sheet at a size read from a few steps away); the first
  is the lead, in the biggest type and with a photo when the article has one;
- the 法律咨询台 box shows the newest answered question published by the week's Sunday.

Staff who want another choice for a printed sheet name the pieces (`portal poster --article`,
`--question`); the site's sheets always follow the rule, so they can be rebuilt from the content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from generator.compute.lead import photo_of
from generator.compute.sheet_layout import Piece, pieces_that_fit
from generator.compute.tracking import Week, week_of
from generator.messages import msg
from generator.model import Article, Portal, Question
from generator.plaintext import derive_summary

MAX_ITEMS = 4
SITE_WEEKS = 12  # sheets on the site: the latest weeks with news


@dataclass(frozen=True)
class Sheet:
    """One week's notice-board sheet: the chosen pieces and one 法律咨询台 answer."""

    week: Week
    articles: tuple[Article, ...]
    question: Question | None
    candidates: int  # articles published that week, chosen or not


# -- choosing ------------------------------------------------------------------------------


def weeks_with_news(portal: Portal, tz: tzinfo, until: date | None = None) -> list[Week]:
    """Every ISO week in which an article was published, newest first."""
    weeks = {
        week_of(a.published, tz)
        for a in portal.published
        if until is None or a.published.astimezone(tz).date() <= until
    }
    return sorted(weeks, reverse=True)


def default_week(portal: Portal, tz: tzinfo, as_of: date) -> Week | None:
    """The newest week that has ended by `as_of` and has news (a board shows last week's)."""
    weeks = weeks_with_news(portal, tz)
    ended = [w for w in weeks if w.sunday <= as_of]
    found = ended or weeks
    return found[0] if found else None


def rank(portal: Portal, article: Article) -> tuple[int, bool, float, str]:
    """Sort key: most 用稿 points, 美丽家园 pieces, newest, then the file name for ties."""
    points = sum(portal.placement_points(p) for p in article.placements)
    if article.edition is not None:
        points += portal.edition_bonus
    return (-points, article.edition is None, -article.published.timestamp(), article.key)


def choose_articles(
    portal: Portal, week: Week, tz: tzinfo, limit: int = MAX_ITEMS
) -> tuple[tuple[Article, ...], int]:
    """The week's pieces by the rule above, and how many were published that week."""
    candidates = [a for a in portal.published if week_of(a.published, tz) == week]
    chosen = sorted(candidates, key=lambda a: rank(portal, a))[:limit]
    return tuple(chosen), len(candidates)


def choose_question(portal: Portal, week: Week, tz: tzinfo) -> Question | None:
    """The newest answered 法律咨询台 question published by the week's Sunday."""
    answered = [
        q
        for q in portal.questions
        if q.answered and q.published.astimezone(tz).date() <= week.sunday
    ]
    return max(answered, key=lambda q: (q.published, q.key), default=None)


def build_sheet(portal: Portal, week: Week, tz: tzinfo, limit: int = MAX_ITEMS) -> Sheet:
    articles, candidates = choose_articles(portal, week, tz, limit)
    return fitted(portal, Sheet(week, articles, choose_question(portal, week, tz), candidates))


def fitted(portal: Portal, sheet: Sheet) -> Sheet:
    """The sheet without the pieces that do not fit the page (photos take room)."""
    q = sheet.question
    count = pieces_that_fit(
        [piece(portal, a) for a in sheet.articles],
        q.question if q else None,
        plain_text(q.body) if q else "",
    )
    return replace(sheet, articles=sheet.articles[:count])


def piece(portal: Portal, article: Article) -> Piece:
    return Piece(
        article.title, plain_text(article.body), photo_of(article, portal.asset_paths) is not None
    )


def plain_text(markdown: str, limit: int = 600) -> str:
    """The body's paragraphs as plain text (headings, tables and images left out)."""
    parts: list[str] = []
    for block in re.split(r"\n\s*\n", markdown):
        text = derive_summary(block, limit=limit)
        if text:
            parts.append(text)
        if sum(map(len, parts)) >= limit:
            break
    return clip("".join(parts), limit)


def clip(text: str, limit: int) -> str:
    """Cut plain text at `limit` characters on the sheet, with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip("，、；：。 ") + "…"


def site_sheets(portal: Portal, tz: tzinfo, as_of: date) -> list[Sheet]:
    """A sheet for each of the latest weeks with news up to `as_of`, newest first.

    A board shows this week's sheet and perhaps last month's; older ones are printed with
    `portal poster --week`. Bounding them keeps the build linear in the news, not the years
    (segno takes some 20 ms a code, five codes a sheet).
    """
    weeks = weeks_with_news(portal, tz, until=as_of)[:SITE_WEEKS]
    return [build_sheet(portal, w, tz) for w in weeks]


def newest_time(sheets: Sequence[Sheet]) -> datetime | None:
    """The newest publication among the sheets' pieces: a date for the PDF that is no clock's."""
    times = [a.published for s in sheets for a in s.articles]
    times += [s.question.published for s in sheets if s.question]
    return max(times, default=None)


def chosen_sheet(
    portal: Portal, sheet: Sheet, articles: Sequence[Article], question: Question | None
) -> tuple[Sheet, tuple[Article, ...]]:
    """`sheet` with the pieces staff chose instead of the rule's, fitted to the page; and the
    chosen pieces that do not fit."""
    if len(articles) > MAX_ITEMS:
        raise ValueError(msg("cli.sheet_full", most=MAX_ITEMS))
    if articles:
        sheet = replace(sheet, articles=tuple(articles))
    if question is not None:
        sheet = replace(sheet, question=question)
    chosen, sheet = sheet.articles, fitted(portal, sheet)
    return sheet, chosen[len(sheet.articles) :]
