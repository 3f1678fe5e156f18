"""宣传栏 sheets: one A4 notice-board poster per ISO week, for the communities' boards.

Which pieces a week's sheet shows is decided in compute/sheets.py, once for the site and
`portal poster`:

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial
from importlib.resources import files
from itertools import groupby
from urllib.parse import urljoin, urlsplit

import segno
from markupsafe import Markup

from generator.compute.lead import Photo, photo_of
from generator.compute.sheet_layout import SheetFit, fit_sheet
from generator.compute.sheets import (
    SITE_WEEKS,
    Sheet,
    clip,
    piece,
    plain_text,
)
from generator.compute.tracking import Week
from generator.model import Portal, Question
from generator.numerals import article_label
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed_page
from generator.render.text import cn_day, relative_url
from generator.settings import Settings
from generator.urls import article_url, question_url

DEFAULT_TITLE = "城管宣传栏"


def poster_url(week: Week) -> str:
    return f"poster/{week.label}/"


INDEX_URL = "poster/"
STYLESHEET = "poster/poster.css"


def poster_css() -> str:
    """The sheet's stylesheet: A4 page, print units, and a screen view."""
    return files("generator").joinpath("templates/poster.css").read_text(encoding="utf-8")


# -- rendering -----------------------------------------------------------------------------


def qr_svg(url: str) -> Markup:
    """A QR code as inline SVG.

    segno writes only module geometry here (no title, no text), so nothing from content can
    reach the markup; the accessible name is set, escaped, by the template around it.
    """
    code = segno.make_qr(url, error="m")
    return Markup(code.svg_inline(border=2, omitsize=True, svgclass="qr-code", lineclass=None))


def date_range(week: Week) -> str:
    """11月16日—22日, 11月30日—12月6日, 2026年12月28日—2027年1月3日 (a week's year is shown
    beside it, unless the week spans two)."""
    first, last = week.monday, week.sunday
    if first.year != last.year:
        return f"{cn_day(first)}—{cn_day(last)}"
    if first.month != last.month:
        return f"{first.month}月{first.day}日—{last.month}月{last.day}日"
    return f"{first.month}月{first.day}日—{last.day}日"


@dataclass(frozen=True)
class _Item:
    title: str
    kicker: tuple[str, ...]
    summary: str
    title_lines: int
    summary_lines: int
    href: str
    url: str
    qr: Markup
    photo_src: str
    photo_alt: str


def _items(
    sheet: Sheet,
    fit: SheetFit,
    texts: Sequence[str],
    photos: Sequence[Photo | None],
    site_url: str,
    tz: tzinfo,
    link: Callable[[str], str],
    image_src: Callable[[str], str],
) -> list[_Item]:
    items = []
    for a, text, photo, lines in zip(sheet.articles, texts, photos, fit.pieces, strict=True):
        url = urljoin(site_url, article_url(a))
        local = a.published.astimezone(tz)
        items.append(
            _Item(
                title=a.title,
                kicker=(a.category.name, a.unit.name, f"{local.month}月{local.day}日"),
                summary=clip(text, lines.summary_chars) if lines.summary_lines else "",
                title_lines=lines.title_lines,
                summary_lines=lines.summary_lines,
                href=link(article_url(a)),
                url=url,
                qr=qr_svg(url),
                photo_src=image_src(photo.asset) if photo else "",
                photo_alt=photo.alt if photo else "",
            )
        )
    return items


def _basis(question: Question) -> str:
    """《违法建筑处置规定》第三条、第十一条；《城乡规划法》第六十四条."""
    parts = []
    for _, citations in groupby(question.basis, key=lambda c: c.regulation.id):
        cited = list(citations)
        name = cited[0].regulation.short_title or cited[0].regulation.title
        numbers = "、".join(dict.fromkeys(article_label(c.article) for c in cited))
        parts.append(f"《{name}》{numbers}")
    return "；".join(parts)


def render_sheets(
    sheets: Sequence[Sheet],
    portal: Portal,
    settings: Settings,
    r: PageRenderer,
    *,
    page_url: str | None,
    image_src: Callable[[str], str],
    newer: Week | None = None,
    older: Week | None = None,
) -> str:
    """The sheets as one printable HTML document (one A4 page each).

    Args:
        page_url: the sheet's site path, for a page of the site (relative links, a toolbar on
            screen); None for a file on its own (absolute links, as `portal poster` writes).
        image_src: an asset path under content/ → the `src` of its <img>.
    """
    site_url = settings.site_url
    tz = settings.timezone

    def link(target: str) -> str:
        if page_url is None:
            return urljoin(site_url, target)
        return relative_url(target, page_url)

    views = []
    for sheet in sheets:
        q = sheet.question
        photos = [photo_of(a, portal.asset_paths) for a in sheet.articles]
        bodies = [plain_text(a.body) for a in sheet.articles]
        answer = plain_text(q.body) if q else ""
        fit = fit_sheet(
            [piece(portal, a) for a in sheet.articles], q.question if q else None, answer
        )
        # The staff's summary where it fills the lines the sheet has for it; the article's
        # own paragraphs where the sheet has room for more.
        texts = [
            a.summary if a.summary and len(a.summary) >= lines.summary_chars - 8 else body
            for a, body, lines in zip(sheet.articles, bodies, fit.pieces, strict=True)
        ]
        q_url = urljoin(site_url, question_url(q)) if q else ""
        views.append(
            {
                "sheet": sheet,
                "id": sheet.week.label,
                "number": sheet.week.number,
                "year": sheet.week.year,
                "range": date_range(sheet.week),
                "pieces": _items(sheet, fit, texts, photos, site_url, tz, link, image_src),
                "q": q,
                "q_lines": fit.question_lines,
                "q_answer": clip(answer, fit.answer_chars),
                "a_lines": fit.answer_lines,
                "q_basis": _basis(q) if q else "",
                "q_href": link(question_url(q)) if q else "",
                "q_url": q_url,
                "q_qr": qr_svg(q_url) if q else "",
                "q_replied": (
                    f"{q.replied.month}月{q.replied.day}日" if q and q.replied is not None else ""
                ),
            }
        )
    host = urlsplit(site_url)
    title = str(settings.extra.get("poster_title") or DEFAULT_TITLE)
    weeks = "、".join(f"{s.week.year}年第{s.week.number}周" for s in sheets)
    return r.render(
        "poster.html",
        page_url or "",
        sheets=views,
        poster_title=title,
        document_title=f"{title} {weeks} · {settings.site_name}",
        site_host=(host.netloc + host.path).rstrip("/"),
        site_url=site_url,
        on_site=page_url is not None,
        index_href=link(INDEX_URL),
        feed_href=link("feeds/news.xml"),
        favicon_href=link(settings.favicon),
        # On the site the stylesheet is a file (the site's policy allows no inline style); a
        # sheet written by `portal poster` stands alone.
        css_href=link(STYLESHEET) if page_url is not None else "",
        css=Markup(poster_css()) if page_url is None else "",
        newer_href=link(poster_url(newer)) if newer else "",
        older_href=link(poster_url(older)) if older else "",
        newer=newer,
        older=older,
    )


# -- the site's pages ----------------------------------------------------------------------


def poster_specs(sheets: Sequence[Sheet], settings: Settings, r: PageRenderer) -> list[PageSpec]:
    """The 宣传栏 index: each week's sheet (compute/sheets.py: none without site_url, which
    the QR codes need), with what it shows and how to print it."""
    if not sheets:
        return []
    html = r.render(
        "posters.html",
        INDEX_URL,
        sheets=[(s, poster_url(s.week), date_range(s.week)) for s in sheets],
        weeks=SITE_WEEKS,
        poster_title=str(settings.extra.get("poster_title") or DEFAULT_TITLE),
    )
    return [
        fixed_page(
            INDEX_URL,
            "宣传栏海报",
            html,
            description=(
                "每周一张 A4 宣传栏海报：本周要闻、法律咨询台问答和阅读全文的二维码，"
                "供社区宣传栏打印张贴。"
            ),
        )
    ]


def poster_outputs(portal: Portal, settings: Settings, sheets: Sequence[Sheet]) -> dict[str, bytes]:
    """Each week's sheet as a page of its own, outside the theme: the page is the A4 sheet."""
    if not sheets:
        return {}
    r = PageRenderer(settings.timezone, settings.site_name, settings.hotline)
    outputs: dict[str, bytes] = {STYLESHEET: poster_css().encode("utf-8")} if sheets else {}
    for index, sheet in enumerate(sheets):
        url = poster_url(sheet.week)
        html = render_sheets(
            [sheet],
            portal,
            settings,
            r,
            page_url=url,
            image_src=partial(relative_url, page=url),
            newer=sheets[index - 1].week if index > 0 else None,
            older=sheets[index + 1].week if index + 1 < len(sheets) else None,
        )
        outputs[f"{url}index.html"] = html.encode("utf-8")
    return outputs
