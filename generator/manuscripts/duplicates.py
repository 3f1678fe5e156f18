"""Pieces imported before: the same text, or nearly the same title within 90 days.

A 信息员 sends a piece again with a comma changed, or sends the same file to two people; the
宣传科 saves the week's attachments twice. Text is compared after normalising (full width to
half width, every space, punctuation and Markdown mark dropped), titles with rapidfuzz's
normalised edit distance (≥ 0.9) against articles dated within 90 days.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from rapidfuzz import fuzz

from generator.load.files import load_markdown
from generator.messages import msg

TITLE_THRESHOLD = 0.9
WINDOW_DAYS = 90
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]+>|[#*_`>|\\\-]")
_DROP = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text for comparing: images and Markdown marks gone, full width folded, no punctuation."""
    text = unicodedata.normalize("NFKC", _MARKUP.sub("", text))
    return _DROP.sub("", text).casefold()


@dataclass(frozen=True)
class Known:
    """An article already in content/articles/ (or imported earlier in this run)."""

    key: str
    title: str
    day: date | None
    text: str  # normalised body


def known_articles(folder: Path, root: Path) -> list[Known]:
    """Every article file's title, date and normalised body (unreadable files are skipped:
    `portal check` reports them)."""
    found: list[Known] = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        doc, _ = load_markdown(path, PurePosixPath(path.relative_to(root).as_posix()))
        if doc is None or not isinstance(doc.meta.data, dict):
            continue
        meta = doc.meta.data
        found.append(
            Known(
                path.stem, str(meta.get("title", "")), _day(meta.get("date")), normalise(doc.body)
            )
        )
    return found


def _day(value: object) -> date | None:
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value or ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def duplicate_of(title: str, day: date | None, body: str, known: list[Known]) -> str | None:
    """Why the piece was imported before (naming the article), or None."""
    text = normalise(body)
    wanted = normalise(title)
    for other in known:
        if text and text == other.text:
            return msg("import.same_text", key=other.key)
    best: tuple[float, Known] | None = None
    for other in known:
        if day and other.day and abs((day - other.day).days) > WINDOW_DAYS:
            continue
        score = fuzz.ratio(wanted, normalise(other.title)) / 100
        if score >= TITLE_THRESHOLD and (best is None or score > best[0]):
            best = (score, other)
    if best is not None:
        return msg("import.similar_title", key=best[1].key, title=best[1].title, score=best[0])
    return None
