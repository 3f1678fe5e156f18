"""content/articles/*.md → Article, and content/pages/*.md → FreePage."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import TypeVar

from generator.clock import names_time
from generator.errors import Problem, Severity
from generator.load.files import Loaded, MarkdownDoc, markdown_documents
from generator.messages import msg
from generator.model import (
    Article,
    Category,
    Edition,
    FreePage,
    Outlet,
    Placement,
    Regulation,
    Status,
    Unit,
)
from generator.urls import SLUG, article_url
from generator.validate.fields import Fields, suggest
from generator.validate.legal import load_basis
from generator.validate.unfinished import as_warnings, placeholders

ARTICLE_KEYS = (
    "title",
    "date",
    "squad",
    "author",
    "category",
    "tags",
    "summary",
    "status",
    "submitted",
    "placements",
    "edition",
    "id",
    "basis",
    "updated",
    "image",
)
PLACEMENT_KEYS = ("outlet", "date", "section", "url")
T = TypeVar("T")
_DATED_STEM = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(.+)")
# An `id` carried over from an old site: an absolute URI, never a path.
_FEED_ID = re.compile(r"(?:tag:|urn:|https?://)[^\s<>\"\\]+")


def _lead_photo_exists(content: Path, path: Path, image: str) -> bool:
    """`image:` names a photo file inside content/articles/ (no URL, no way out)."""
    if "://" in image or image.startswith(("/", "data:")):
        return False
    target = (path.parent / image).resolve()
    inside = target.is_relative_to((content / "articles").resolve())
    photo = target.suffix.lower() in {".jpg", ".jpeg", ".png", ".gif", ".webp"}
    return inside and photo and target.is_file()


def slug_of(stem: str) -> str:
    """`2026-05-12-night-market` → `night-market`; a stem without a date prefix is the slug."""
    match = _DATED_STEM.fullmatch(stem)
    return match[4] if match else stem


class Registry:
    """The ids an article may refer to."""

    def __init__(
        self,
        units: tuple[Unit, ...],
        outlets: tuple[Outlet, ...],
        categories: tuple[Category, ...],
        editions: tuple[Edition, ...],
        regulations: tuple[Regulation, ...] = (),
    ) -> None:
        self.units = {u.id: u for u in units}
        self.outlets = {o.id: o for o in outlets}
        self.categories = {c.name: c for c in categories} | {c.slug: c for c in categories}
        self.category_names = [c.name for c in categories]
        self.editions = {e.number: e for e in editions}
        self.regulations = {r.id: r for r in regulations}


def load_articles(
    content: Path,
    root: Path,
    registry: Registry,
    tz: tzinfo,
    problems: list[Problem],
    now: datetime | None = None,
    loaded: Sequence[Loaded] | None = None,
) -> tuple[Article, ...]:
    """Every article, newest first; problems for each bad field.

    Args:
        now: the build's time; a date more than a year after it is refused as a typo.
        loaded: the files of content/articles, already read.
    """
    articles: list[Article] = []
    urls: dict[str, PurePosixPath] = {}
    for path, rel, doc in markdown_documents(content / "articles", root, problems, loaded):
        article = _article(doc, path.stem, rel, registry, tz, problems, now)
        if article is None:
            continue
        if article.image and not _lead_photo_exists(content, path, article.image):
            bad = msg("article.bad_image", value=article.image)
            found = [Problem(rel, doc.meta.line("image"), "image", bad)]
            if not article.is_published:
                found = _unpublished(found, doc, article.status.value)
            problems += found
            continue
        # Only published pieces have an address on the site.
        url = article_url(article)
        if article.is_published and url in urls:
            problems.append(
                Problem(rel, 0, "(file)", msg("article.same_url", url=url, other=urls[url]))
            )
            continue
        if article.is_published:
            urls[url] = rel
        articles.append(article)
    articles.sort(key=lambda a: (a.published, a.key), reverse=True)
    return tuple(articles)


def _article(
    doc: MarkdownDoc,
    stem: str,
    rel: PurePosixPath,
    registry: Registry,
    tz: tzinfo,
    problems: list[Problem],
    now: datetime | None = None,
) -> Article | None:
    # A value `portal import` left as a placeholder (squad: TODO) is reported as such, once,
    # not also as missing or unknown.
    unfilled = placeholders(doc.meta.data, ARTICLE_KEYS)
    data = {k: v for k, v in doc.meta.data.items() if k not in unfilled}
    f = Fields(doc.meta, data, problems)
    before = len(problems)
    f.check_keys(ARTICLE_KEYS)
    status_name = f.choice("status", [s.value for s in Status]) or Status.PUBLISHED.value
    published_piece = status_name == Status.PUBLISHED.value
    slug = slug_of(stem)
    if not SLUG.fullmatch(slug):
        problems.append(
            Problem(
                rel,
                0,
                "(file name)",
                msg("article.bad_file_name", name=f"{stem}.md"),
            )
        )
    title = f.text("title", required=True, max_len=120)
    published = f.when("date", tz, required=True)
    f.not_far_future("date", published, now)
    # 更正/更新: when a published piece was changed afterwards (shown; inspect looks for it).
    updated = f.when("updated", tz)
    if updated and published and updated < published:
        f.error(
            "updated",
            msg(
                "article.updated_before_date",
                updated=f"{updated:%Y-%m-%d %H:%M}",
                published=f"{published:%Y-%m-%d %H:%M}",
            ),
        )
    unit = _ref(f, "squad", registry.units, "what.squad", "content/squads.yml", required=True)
    category = _category(f, registry)
    submitted = f.when("submitted", tz) or published
    # `date: 2026年12月7日` means that day, not its midnight: a piece submitted at 10:00 the
    # same day was submitted before it was published.
    same_day_ok = not names_time(str(f.data.get("date", "")))
    if (
        published
        and submitted
        and (submitted.date() > published.date() if same_day_ok else submitted > published)
    ):
        shown = "%Y-%m-%d" if same_day_ok else "%Y-%m-%d %H:%M"
        f.error(
            "submitted",
            msg(
                "article.submitted_after_date",
                submitted=f"{submitted:%Y-%m-%d %H:%M}",
                published=f"{published:{shown}}",
                date_line=f.line("date"),
            ),
        )
    placements = _placements(f, registry, tz, submitted)
    edition = None
    number = f.integer("edition", minimum=1)
    if number is not None:
        edition = registry.editions.get(number)
        if edition is None and registry.editions:
            f.error(
                "edition",
                msg("article.unknown_edition", number=number, last=max(registry.editions)),
            )
        elif edition is None:
            edition = Edition(number, None, "")
    feed_id = f.text("id", max_len=200) or ""
    if feed_id and not _FEED_ID.fullmatch(feed_id):
        f.error("id", msg("article.bad_feed_id", value=feed_id))
        feed_id = ""
    basis = load_basis(f, registry.regulations, published, draft=not published_piece)
    if not doc.body.strip():
        problems.append(Problem(rel, doc.body_line, "(body)", msg("article.no_body")))
    found = [p for p in problems[before:] if p.field not in unfilled]
    which = "article.placeholder" if published_piece else "article.placeholder_draft"
    found += [Problem(rel, f.line(k), k, msg(which, value=v)) for k, v in unfilled.items()]
    if not published_piece and any(p.is_error for p in found):
        problems[before:] = _unpublished(found, doc, status_name)
        return None
    problems[before:] = found
    if any(p.is_error for p in found):
        return None
    assert title and published and unit and category and submitted
    return Article(
        key=stem,
        slug=slug,
        source=rel,
        title=title,
        published=published,
        unit=unit,
        category=category,
        status=Status(status_name),
        submitted=submitted,
        body=doc.body,
        body_line=doc.body_line,
        author=f.text("author", max_len=60) or "",
        tags=f.text_list("tags"),
        summary=f.text("summary", max_len=400) or "",
        placements=placements,
        edition=edition,
        feed_id=feed_id,
        basis=basis,
        updated=updated,
        image=f.text("image", max_len=300) or "",
    )


def _unpublished(found: list[Problem], doc: MarkdownDoc, status: str) -> list[Problem]:
    """The problems of a piece that is not published, as warnings, and a last one saying
    that it is left out of the counts (信息报送) until they are fixed."""
    kind = msg("article.kind_rejected" if status == Status.REJECTED.value else "article.kind_draft")
    note = msg("article.unpublished_left_out", kind=kind, status=status)
    line = doc.meta.line("status")
    return [*as_warnings(found), Problem(doc.meta.path, line, "status", note, Severity.WARNING)]


def _ref(
    f: Fields, name: str, known: dict[str, T], what: str, file: str, required: bool = False
) -> T | None:
    """The unit or outlet an id names; an unknown id gets the closest ids with their names."""
    value = f.text(name, required)
    if value is None:
        return None
    if value not in known:
        f.error(
            name,
            unknown_ref(value, {k: getattr(v, "name", "") for k, v in known.items()}, what, file),
        )
        return None
    return known[value]


def unknown_ref(value: str, known: dict[str, str], what: str, file: str) -> str:
    """`没有这个单位 "baiyan"。最接近的：baiyang 白洋中队` (`what` is a `what.*` message id)."""
    noun = msg(what)
    ident = next((i for i, n in known.items() if n and n == value), None)
    if ident is not None:
        return msg("ref.is_name", what=noun, name=value, ident=ident)
    hint = suggest(value, known) if known else msg("ref.none", file=file, what=noun)
    return msg("ref.unknown", what=noun, value=value, hint=hint)


def _category(f: Fields, registry: Registry) -> Category | None:
    value = f.text("category", required=True)
    if value is None:
        return None
    if value not in registry.categories:
        known = {c.slug: c.name for c in registry.categories.values()}
        f.error("category", unknown_ref(value, known, "what.category", "mkdocs.yml"))
        return None
    return registry.categories[value]


def _placements(
    f: Fields, registry: Registry, tz: tzinfo, submitted: datetime | None
) -> tuple[Placement, ...]:
    placements: list[Placement] = []
    seen: set[tuple[str, str]] = set()
    for item in f.mappings("placements"):
        item.check_keys(PLACEMENT_KEYS)
        outlet = _ref(
            item, "outlet", registry.outlets, "what.outlet", "content/outlets.yml", required=True
        )
        day = item.day("date", tz, required=True)
        section = item.text("section", max_len=100) or ""
        url = item.text("url", max_len=500) or ""
        if url and not url.startswith(("http://", "https://")):
            item.error("url", msg("placement.bad_url", value=url))
            continue
        if outlet is None or day is None:
            continue
        if submitted and day < submitted.date():
            item.error(
                "date", msg("placement.before_submitted", day=day, submitted=submitted.date())
            )
            continue
        if (outlet.id, day.isoformat()) in seen:
            item.error("outlet", msg("placement.twice", outlet=outlet.id, day=day))
            continue
        seen.add((outlet.id, day.isoformat()))
        placements.append(Placement(outlet, day, section, url))
    return tuple(sorted(placements, key=lambda p: (p.date, p.outlet.id)))


def load_pages(
    content: Path, root: Path, problems: list[Problem], loaded: Sequence[Loaded] | None = None
) -> tuple[FreePage, ...]:
    """Free pages (关于我们, 联系方式, 办事指南), ordered by `order` then title."""
    pages: list[FreePage] = []
    for path, rel, doc in markdown_documents(content / "pages", root, problems, loaded):
        f = Fields(doc.meta, doc.meta.data, problems)
        f.check_keys(["title", "order", "description"])
        title = f.text("title", required=True)
        order = f.integer("order") or 0
        if not SLUG.fullmatch(path.stem):
            problems.append(
                Problem(rel, 0, "(file name)", msg("page.bad_file_name", name=path.name))
            )
            continue
        if title:
            pages.append(FreePage(path.stem, rel, title, doc.body, order, doc.body_line))
    return tuple(sorted(pages, key=lambda p: (p.order, p.key)))
