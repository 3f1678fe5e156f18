"""Load and validate a whole portal folder into one `Portal`, or raise ContentError."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.errors import ContentError, Problem, Severity
from generator.model import Article, FreePage, Portal, Question, Regulation
from generator.privacy import mask_asker
from generator.settings import Settings
from generator.urls import article_url, question_url, regulation_url
from generator.validate.articles import Registry, load_articles, load_pages
from generator.validate.legal import load_questions, load_regulations
from generator.validate.registry import (
    load_editions,
    load_outlets,
    load_redirects,
    load_units,
)
from generator.validate.suggestions import load_campaigns

# Static files under content/ that are published as they are (images and documents).
ASSET_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".pdf", ".docx", ".xlsx"}
)
# Folders whose files are data, never published raw (问计于民 exports hold personal data).
PRIVATE_DIRS = frozenset({"suggestions"})


def load_portal(settings: Settings) -> Portal:
    """Everything under `settings.content`, validated; every problem reported at once."""
    content = settings.content
    root = settings.root
    problems: list[Problem] = []
    if not content.is_dir():
        rel = PurePosixPath(settings.content_dir.as_posix())
        raise ContentError([Problem(rel, 0, "(folder)", "content folder does not exist")])
    tz = settings.timezone
    units = load_units(content, root, tz, problems)
    outlets, points, edition_bonus = load_outlets(content, root, problems)
    editions = load_editions(content, root, tz, problems)
    regulations = load_regulations(content, root, settings.domains, tz, problems)
    registry = Registry(units, outlets, settings.categories, editions, regulations)
    articles = load_articles(content, root, registry, tz, problems)
    questions = load_questions(
        content, root, settings.domains, regulations, tz, mask_asker, problems
    )
    pages = load_pages(content, root, problems)
    campaigns = load_campaigns(content, root, tz, problems, settings.public_contacts)
    assets = find_assets(content, root, problems)
    redirects = load_redirects(content, root, problems)
    published_questions = tuple(q for q in questions if not q.draft)
    published_regulations = tuple(r for r in regulations if not r.draft)
    pages_here = content_urls(articles, published_questions, published_regulations, pages)
    for r in redirects:
        if r.old in pages_here:
            message = f"/{r.old} is a page of the site, not an old address"
            problems.append(Problem(r.source, r.line, f"{r.key}.from", message))
        if r.new not in pages_here and r.new not in SECTION_URLS:
            message = f"/{r.new} is not a page of the site"
            problems.append(Problem(r.source, r.line, f"{r.key}.to", message))
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
    )


# Section pages a redirect may lead to, besides the pages made from content files.
SECTION_URLS = frozenset(
    {"", "news/", "news/archive/", "meilijiayuan/", "qa/", "regulations/", "suggestions/"}
    | {"tracking/", "subscribe/", "search/"}
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


def find_assets(content: Path, root: Path, problems: list[Problem]) -> tuple[PurePosixPath, ...]:
    """Images and documents to publish, relative to content/; links out of content/ are refused."""
    found: list[PurePosixPath] = []
    resolved_content = content.resolve()
    for path in sorted(content.rglob("*")):
        rel_content = path.relative_to(content)
        if rel_content.parts[0] in PRIVATE_DIRS or any(
            p.startswith(".") for p in rel_content.parts
        ):
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(resolved_content):
            rel = PurePosixPath(path.relative_to(root).as_posix())
            problems.append(
                Problem(
                    rel, 0, "(file)", "symbolic link points outside the content folder; refused"
                )
            )
            continue
        if path.is_file() and path.suffix.lower() in ASSET_SUFFIXES:
            found.append(PurePosixPath(rel_content.as_posix()))
    return tuple(found)


__all__ = ["Severity", "load_portal"]
