"""Load and validate a whole portal folder into one `Portal`, or raise ContentError."""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from generator.cache import Cache, fingerprint
from generator.clock import source_date_epoch
from generator.errors import ContentError, Problem, Severity
from generator.load.files import (
    MAX_BYTES,
    Loaded,
    load_markdown,
    markdown_files,
    outside_portal,
    parse_markdown,
)
from generator.messages import msg
from generator.model import Article, Campaign, FreePage, Portal, Question, Regulation
from generator.parallel import call, fork_map
from generator.privacy import mask_asker
from generator.settings import Settings
from generator.urls import article_url, question_url, regulation_url
from generator.validate.articles import Registry, load_articles, load_pages, slug_of
from generator.validate.fields import reserved_name
from generator.validate.guides import load_guides
from generator.validate.legal import load_questions, load_regulations
from generator.validate.links import LinkTargets, check_links
from generator.validate.registry import (
    load_editions,
    load_outlets,
    load_redirects,
    load_units,
)
from generator.validate.suggestions import (
    campaign_folders,
    campaigns_without_channels,
    load_campaigns,
    read_campaign,
)
from generator.validate.synonyms import load_synonyms
from generator.validate.unfinished import as_warnings

# Static files under content/ that are published as they are (images and documents).
ASSET_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".pdf", ".docx", ".xlsx"}
)
# Folders whose files are data, never published raw (问计于民 exports hold personal data).
PRIVATE_DIRS = frozenset({"suggestions"})


def load_portal(settings: Settings, cache: Cache | None = None) -> Portal:
    """Everything under `settings.content`, validated; every problem reported at once.

    `cache` keeps each Markdown file's parsed front matter and body, keyed by its bytes."""
    content = settings.content
    root = settings.root
    problems: list[Problem] = []
    if not content.is_dir():
        rel = PurePosixPath(settings.content_dir.as_posix())
        raise ContentError([Problem(rel, 0, "(folder)", msg("content.no_folder"))])
    tz = settings.timezone
    # Only to catch a mistyped year; nothing the site shows depends on it.
    now = source_date_epoch() or datetime.now(UTC)
    listing = _content_files(content)  # once: three checks walk it
    check_paths(content, root, problems, listing)
    markdown, read = _read_ahead(content, root, tz, settings.public_contacts, cache)
    units = load_units(content, root, tz, problems)
    outlets, points, edition_bonus = load_outlets(content, root, problems)
    editions = load_editions(content, root, tz, problems)
    regulations = load_regulations(
        content, root, settings.domains, tz, problems, markdown["regulations"]
    )
    registry = Registry(units, outlets, settings.categories, editions, regulations)
    articles = load_articles(content, root, registry, tz, problems, now, markdown["articles"])
    questions = load_questions(
        content, root, settings.domains, regulations, tz, mask_asker, problems, now, markdown["qa"]
    )
    pages = load_pages(content, root, problems, markdown["pages"])
    guides = load_guides(content, root, tz, problems, markdown["guides"])
    campaigns = load_campaigns(content, root, tz, problems, settings.public_contacts, read)
    # "Open" as the site shows it: on the day the content is counted to (tracking.as_of), not
    # the clock, so the same content builds or fails the same way on any day.
    problems += campaigns_without_channels(campaigns, _content_day(articles, tz))
    assets = find_assets(content, root, problems, listing)
    redirects = load_redirects(content, root, problems)
    check_page_names(pages, problems)
    targets = _link_targets(content, listing, assets, articles, questions, regulations, pages)
    unpublished = {a.source for a in articles if not a.is_published}
    for source, body, body_line in _bodies(articles, questions, regulations, pages):
        src = PurePosixPath(source.relative_to(settings.content_dir.as_posix()))
        found: list[Problem] = []
        check_links(source, src, body, body_line, targets, found)
        # A draft's links are not on the site yet: they are fixed before it is published.
        problems += as_warnings(found) if source in unpublished else found
    published_questions = tuple(q for q in questions if not q.draft)
    published_regulations = tuple(r for r in regulations if not r.draft)
    pages_here = content_urls(articles, published_questions, published_regulations, pages)
    pages_here |= {f"guides/{g.key}/" for g in guides}
    for r in redirects:
        if r.old in pages_here:
            message = msg("redirect.from_is_page", path=r.old)
            problems.append(Problem(r.source, r.line, f"{r.key}.from", message))
        if r.new not in pages_here and r.new not in SECTION_URLS:
            message = msg("redirect.to_missing", path=r.new)
            problems.append(Problem(r.source, r.line, f"{r.key}.to", message))
    synonyms = load_synonyms(root, settings.synonyms_file, problems)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    return Portal(
        units=units,
        outlets=outlets,
        points=points,
        edition_bonus=edition_bonus,
        categories=settings.categories,
        editions=editions,
        articles=articles,
        pages=pages,
        warnings=tuple(sorted(problems)),
        assets=assets,
        domains=settings.domains,
        # Drafts were validated like the rest; they are not published.
        regulations=published_regulations,
        questions=published_questions,
        campaigns=campaigns,
        redirects=redirects,
        synonyms=synonyms,
        guides=guides,
    )


def _content_day(articles: tuple[Article, ...], tz: tzinfo) -> date:
    """SOURCE_DATE_EPOCH's day, else the newest date in the articles (as tracking.as_of)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch.astimezone(tz).date()
    days = [a.submitted.astimezone(tz).date() for a in articles]
    days += [a.published.astimezone(tz).date() for a in articles]
    days += [p.date for a in articles for p in a.placements]
    return max(days, default=date(2000, 1, 1))


def _read_ahead(
    content: Path, root: Path, tz: tzinfo, allow: frozenset[str], cache: Cache | None = None
) -> tuple[dict[str, list[Loaded]], list[tuple[Campaign | None, list[Problem]]]]:
    """Every Markdown folder's files and every campaign folder, read in one go on every core
    (parallel.py): the campaigns (the heaviest, masking their rows) first, then the files, so
    that no core waits for another stage to start. A file whose bytes were parsed before is
    taken from `cache` (an edit re-parses the files it changed, not the archive)."""
    folders = campaign_folders(content)
    files = {name: markdown_files(content / name, root) for name in PAGE_DIRS}
    tasks: list[Callable[[], Any]] = [partial(read_campaign, f, root, tz, allow) for f in folders]
    parsed: dict[PurePosixPath, Any] = {}
    new: dict[PurePosixPath, str] = {}
    if cache is not None:
        raw = {rel: data for found in files.values() for rel, data in _raw(found)}
        keys = {rel: fingerprint("markdown-doc", rel.as_posix(), data) for rel, data in raw.items()}
        found_docs = cache.get_many("doc", keys.values())
        for rel, key in keys.items():
            if key in found_docs:
                parsed[rel] = pickle.loads(found_docs[key])
            else:
                new[rel] = key
                tasks.append(partial(parse_markdown, raw[rel], rel))
    done = set(new) | set(parsed)
    for found in files.values():
        tasks += [partial(load_markdown, path, rel) for path, rel in found if rel not in done]
    results = fork_map(call, tasks)
    campaigns, rest = results[: len(folders)], iter(results[len(folders) :])
    for rel in new:
        parsed[rel] = next(rest)
        assert cache is not None
        cache.put("doc", new[rel], pickle.dumps(parsed[rel], pickle.HIGHEST_PROTOCOL))
    markdown = {
        name: [(path, rel, parsed[rel] if rel in parsed else next(rest)) for path, rel in found]
        for name, found in files.items()
    }
    return markdown, campaigns


def _raw(found: list[tuple[Path, PurePosixPath]]) -> list[tuple[PurePosixPath, bytes]]:
    """The bytes of the files that `load_markdown` would read as they are: inside the portal
    and not too big (the others are read the careful way, for their messages)."""
    raw = []
    for path, rel in found:
        if outside_portal(path, rel):
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if len(data) <= MAX_BYTES:
            raw.append((rel, data))
    return raw


# Section pages a redirect may lead to, besides the pages made from content files.
SECTION_URLS = frozenset(
    {"", "news/", "news/archive/", "meilijiayuan/", "qa/", "regulations/", "suggestions/"}
    | {"tracking/", "subscribe/", "search/", "sitemap/", "guides/"}
)


def content_urls(
    articles: tuple[Article, ...],
    questions: tuple[Question, ...],
    regulations: tuple[Regulation, ...],
    pages: tuple[FreePage, ...],
) -> frozenset[str]:
    """The addresses of the pages made from content files."""
    urls = {article_url(a) for a in articles if a.is_published}
    urls |= {question_url(q) for q in questions} | {regulation_url(g) for g in regulations}
    return frozenset(urls | {f"{p.key}/" for p in pages})


# First segments of the site's own addresses: a free page `pages/news.md` would be published
# at /news/ and silently replace the news section. tests/test_bad_input.py checks this list
# against the top-level folders of the built sample site.
SECTION_NAMES = frozenset(
    {url.split("/")[0] for url in SECTION_URLS if url}
    | {"annual", "api", "assets", "embed", "feeds", "interaction", "poster"}
    # Photos are published where they are under content/: articles/<key>/1.jpg.
    | {"articles", "pages"}
)
# The folders whose Markdown files become pages; Markdown anywhere else is not published.
PAGE_DIRS = ("articles", "qa", "regulations", "pages", "guides")
_MARKDOWN = frozenset({".md", ".markdown", ".mdown", ".mkd"})
# Characters Windows refuses in file names; a site with them cannot be copied there.
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*\\\x00-\x1f]')


def _content_files(content: Path) -> list[tuple[Path, str]]:
    """Every path under content/ with its path inside content/ (`articles/x.md`), hidden ones
    (.git, .DS_Store) left out, in a stable order.

    Like rglob, it does not descend into a linked folder (check_paths reports the link).
    """
    found: list[tuple[Path, str]] = []
    for folder, dirs, files in os.walk(content):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        here = Path(folder)
        inside = here.relative_to(content).as_posix()
        prefix = "" if inside == "." else f"{inside}/"
        found += [
            (here / name, f"{prefix}{name}") for name in [*dirs, *files] if not name.startswith(".")
        ]
    return sorted(found, key=lambda item: item[1])


def check_paths(
    content: Path,
    root: Path,
    problems: list[Problem],
    listing: list[tuple[Path, str]] | None = None,
) -> None:
    """Symbolic links out of content/, names Windows cannot hold, Markdown nobody reads.

    `listing`: _content_files(content), when the caller has it.
    """
    resolved_content = content.resolve()
    content_rel = PurePosixPath(content.relative_to(root).as_posix())
    for path, inside in _content_files(content) if listing is None else listing:
        rel = content_rel / inside
        rel_content = PurePosixPath(inside)
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                problems.append(Problem(rel, 0, "(file)", msg("path.broken_link")))
                continue
            if not target.is_relative_to(resolved_content):
                problems.append(Problem(rel, 0, "(file)", msg("path.link_outside")))
                continue
        name = path.name
        published_name = name
        if rel_content.parts[0] == "articles" and path.suffix == ".md":
            published_name = slug_of(path.stem)  # what the URL is made of
        bad = _WINDOWS_FORBIDDEN.findall(name)
        if bad:
            shown = " ".join(sorted({c if c.isprintable() else f"U+{ord(c):04X}" for c in bad}))
            problems.append(
                Problem(
                    rel,
                    0,
                    "(file name)",
                    msg("path.windows_forbidden", name=name, chars=shown),
                )
            )
        elif name != name.rstrip(". "):
            problems.append(
                Problem(
                    rel,
                    0,
                    "(file name)",
                    msg("path.windows_trailing", name=name),
                )
            )
        elif reserved_name(name) or reserved_name(published_name):
            problems.append(
                Problem(
                    rel,
                    0,
                    "(file name)",
                    msg("path.windows_reserved", name=published_name.split(".", 1)[0]),
                )
            )
        if path.suffix.lower() in _MARKDOWN and path.is_file():
            in_place = len(rel_content.parts) == 2 and rel_content.parts[0] in PAGE_DIRS
            if not in_place or path.suffix != ".md":
                folders = "、".join(f"content/{d}/" for d in PAGE_DIRS)
                problems.append(
                    Problem(
                        rel,
                        0,
                        "(file)",
                        msg("path.markdown_elsewhere", folders=folders),
                        Severity.WARNING,
                    )
                )


def check_page_names(pages: tuple[FreePage, ...], problems: list[Problem]) -> None:
    """A free page may not take the address of a section of the site."""
    for page in pages:
        if page.key in SECTION_NAMES:
            problems.append(
                Problem(
                    page.source,
                    0,
                    "(file name)",
                    msg("page.section_name", key=page.key),
                )
            )


def find_assets(
    content: Path,
    root: Path,
    problems: list[Problem],
    listing: list[tuple[Path, str]] | None = None,
) -> tuple[PurePosixPath, ...]:
    """Images and documents to publish, relative to content/ (symbolic links out are refused)."""
    found: list[PurePosixPath] = []
    resolved_content = content.resolve()
    for path, inside in _content_files(content) if listing is None else listing:
        if inside.split("/", 1)[0] in PRIVATE_DIRS or path.suffix.lower() not in ASSET_SUFFIXES:
            continue
        if path.is_symlink():
            try:
                within = path.resolve(strict=True).is_relative_to(resolved_content)
            except (OSError, RuntimeError):
                within = False
            if not within:
                continue  # reported by check_paths
        if path.is_file():
            found.append(PurePosixPath(inside))
    return tuple(found)


def _link_targets(
    content: Path,
    listing: list[tuple[Path, str]],
    assets: tuple[PurePosixPath, ...],
    articles: tuple[Article, ...],
    questions: tuple[Question, ...],
    regulations: tuple[Regulation, ...],
    pages: tuple[FreePage, ...],
) -> LinkTargets:
    files = frozenset(inside for _, inside in listing)
    sources = [f"articles/{a.key}.md" for a in articles if a.is_published]
    sources += [f"qa/{q.key}.md" for q in questions if not q.draft]
    sources += [f"regulations/{g.id}.md" for g in regulations if not g.draft]
    sources += [f"pages/{p.key}.md" for p in pages]
    return LinkTargets(
        files=files,
        assets=frozenset(a.as_posix() for a in assets),
        pages=frozenset(sources),
        asset_suffixes=ASSET_SUFFIXES,
    )


def _bodies(
    articles: tuple[Article, ...],
    questions: tuple[Question, ...],
    regulations: tuple[Regulation, ...],
    pages: tuple[FreePage, ...],
) -> list[tuple[PurePosixPath, str, int]]:
    found = [(a.source, a.body, a.body_line) for a in articles]
    found += [(q.source, q.body, q.body_line) for q in questions]
    found += [(g.source, g.body, g.body_line) for g in regulations]
    found += [(p.source, p.body, p.body_line) for p in pages]
    return found


__all__ = ["Severity", "load_portal"]
