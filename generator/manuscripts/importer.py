"""`portal import PATH…`: every manuscript under the paths becomes a draft article, once.

Files are taken in name order, folders recursively (Word's lock files `~$…` and hidden files
are left alone). Photos saved beside a manuscript belong to it when their name starts with the
manuscript's name (`夜市整治.docx`, `夜市整治-1.jpg`), or when it is the only manuscript in its
folder. A draft is `content/articles/<date>-<slug>.md` (the slug from the title's pinyin, as
`portal new` makes it), its photos in the folder of the same name beside it
(`content/articles/<date>-<slug>/1.jpg`). Nothing existing is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from generator.images import IMPORT_SUFFIXES, ImageError, clean_original
from generator.manuscripts.documents import (
    SUFFIXES,
    Photo,
    UnreadableError,
    find_soffice,
    read_document,
)
from generator.manuscripts.drafts import Draft, Figure, compose, markdown_label, render_draft
from generator.manuscripts.duplicates import Known, duplicate_of, known_articles, normalise
from generator.messages import msg
from generator.model import Unit
from generator.settings import Settings
from generator.urls import slugify


class Outcome(StrEnum):
    IMPORTED = "已导入"
    DUPLICATE = "已导入过，跳过"
    UNREADABLE = "无法读取"
    IGNORED = "未处理"


@dataclass
class Row:
    """One line of the import report."""

    source: str
    outcome: Outcome
    target: str = ""  # the draft written (or that would be, with --dry-run)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Options:
    squad: str | None = None
    category: str | None = None
    submitted: datetime | None = None
    status: str = "draft"
    dry_run: bool = False


def collect(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Manuscripts and loose photos under `paths`, in name order."""
    files: list[Path] = []
    for path in paths:
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        files += [p for p in found if not p.name.startswith(("~$", ".", "~"))]
    manuscripts = [p for p in files if p.suffix.lower() in SUFFIXES]
    photos = [p for p in files if p.suffix.lower() in IMPORT_SUFFIXES]
    return manuscripts, photos


def photos_of(manuscript: Path, manuscripts: Sequence[Path], photos: Sequence[Path]) -> list[Path]:
    """The loose photos that belong to `manuscript` (see the module's docstring)."""
    alone = sum(1 for m in manuscripts if m.parent == manuscript.parent) == 1
    return [
        p
        for p in photos
        if p.parent == manuscript.parent and (alone or p.stem.startswith(manuscript.stem))
    ]


def run_import(
    settings: Settings, units: Sequence[Unit], paths: Sequence[Path], options: Options
) -> list[Row]:
    """Import every manuscript under `paths`; the rows of the report, in order."""
    manuscripts, photos = collect(paths)
    articles = settings.content / "articles"
    known: list[Known] = known_articles(articles, settings.root)
    soffice = find_soffice()
    categories = [c.name for c in settings.categories]
    category = options.category or categories[0]
    rows: list[Row] = []
    claimed: set[Path] = set()
    for manuscript in manuscripts:
        shown = str(manuscript)
        attached = photos_of(manuscript, manuscripts, photos)
        claimed.update(attached)
        try:
            document = read_document(manuscript, soffice)
        except UnreadableError as exc:
            rows.append(Row(shown, Outcome.UNREADABLE, notes=[str(exc)]))
            continue
        if not document.blocks:
            rows.append(Row(shown, Outcome.UNREADABLE, notes=[msg("import.no_text")]))
            continue
        if options.submitted is not None:
            submitted, submitted_from = options.submitted, msg("import.submitted_given")
        else:
            mtime = manuscript.stat().st_mtime
            submitted = datetime.fromtimestamp(mtime, settings.timezone).replace(second=0)
            submitted_from = msg("import.submitted_mtime")
        draft = compose(
            document,
            units,
            submitted=submitted,
            submitted_from=submitted_from,
            squad=options.squad,
            category=category,
            category_given=options.category is not None,
            status=options.status,
            origin=shown,
        )
        body_text = "\n".join(b for b in draft.body if isinstance(b, str))
        duplicate = duplicate_of(draft.title, draft.day, body_text, known)
        if duplicate is not None:
            rows.append(Row(shown, Outcome.DUPLICATE, notes=[duplicate]))
            continue
        image_rows: list[Row] = []
        figures = _add_loose_photos(draft, attached, image_rows)
        day = f"{draft.published:%Y-%m-%d}"
        stem = _free_stem(articles, f"{day}-{slugify(draft.title)}")
        links, files, notes, failed = _photo_files(stem, figures)
        draft.body = [b for b in draft.body if not (isinstance(b, Figure) and id(b) in failed)]
        text = render_draft(draft, links)
        target = articles / f"{stem}.md"
        if not options.dry_run:
            articles.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8") as out:  # never overwrite
                out.write(text)
            for name, data in files:
                folder = articles / stem
                folder.mkdir(exist_ok=True)
                with (folder / name).open("xb") as out:
                    out.write(data)
        known.append(Known(stem, draft.title, draft.day, normalise(body_text)))
        row_notes = [msg("import.submitted_note", how=submitted_from)]
        row_notes += [msg("import.todo", what=t) for t in draft.todos]
        row_notes += (
            notes + [msg("import.removed", text=r) for r in draft.removed] + list(document.notes)
        )
        if figures:
            row_notes.insert(0, msg("import.photo_count", count=len(files)))
        rows.append(Row(shown, Outcome.IMPORTED, _shown(target, settings.root), row_notes))
        rows += image_rows
    for photo in photos:
        if photo not in claimed:
            rows.append(Row(str(photo), Outcome.IGNORED, notes=[msg("import.photo_orphan")]))
    return rows


def _add_loose_photos(draft: Draft, attached: Sequence[Path], rows: list[Row]) -> list[Figure]:
    """The photos saved beside the manuscript go after those inside it, in name order."""
    for path in attached:
        try:
            data = path.read_bytes()
        except OSError as exc:
            rows.append(
                Row(
                    str(path),
                    Outcome.UNREADABLE,
                    notes=[msg("file.unreadable", reason=exc.strerror)],
                )
            )
            continue
        try:
            clean_original(data)
        except ImageError as exc:
            rows.append(Row(str(path), Outcome.UNREADABLE, notes=[str(exc)]))
            continue
        draft.body.append(Figure(Photo(data, "", "")))
    return [b for b in draft.body if isinstance(b, Figure)]


def _photo_files(
    stem: str, figures: Sequence[Figure]
) -> tuple[list[tuple[str, str, str]], list[tuple[str, bytes]], list[str], set[int]]:
    """Each kept figure's link, alt and caption; the files to write; notes on photos left
    out, and those figures (by id)."""
    links: list[tuple[str, str, str]] = []
    files: list[tuple[str, bytes]] = []
    notes: list[str] = []
    failed: set[int] = set()
    for number, figure in enumerate(figures, 1):
        try:
            data, suffix = clean_original(figure.photo.data)
        except ImageError as exc:
            notes.append(msg("import.photo_failed", number=number, reason=exc))
            failed.add(id(figure))
            continue
        name = f"{len(files) + 1}{suffix}"
        files.append((name, data))
        caption = markdown_label(figure.caption)
        alt = markdown_label(figure.photo.alt) or caption
        if not caption:
            notes.append(msg("import.no_caption", name=name))
        links.append((f"{stem}/{name}", alt, caption))
    return links, files, notes, failed


def _free_stem(folder: Path, stem: str) -> str:
    """`stem`, or `stem-2`, `stem-3`… when a file or folder of that name exists."""
    candidate, n = stem, 1
    while (folder / f"{candidate}.md").exists() or (folder / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


__all__ = ["Options", "Outcome", "Row", "run_import"]
