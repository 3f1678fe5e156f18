"""How staff name an article or a question on the command line (`portal wechat`, `portal poster
--article/--question`): a path (`content/articles/x.md`, `content\\articles\\x.md`, from the
current folder or the portal's), a file name (`2026-05-12-night-market`, with or without .md)
or the URL name (`night-market`). Both commands take the same references.

A reference that names a file that is not there is a content problem (exit 1, "文件不存在"), as
is a draft where only a published piece will do; neither is a usage error.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

from generator.errors import ContentError, Problem
from generator.messages import msg
from generator.model import Article, Portal, Question

_LOOKS_LIKE_PATH = re.compile(r"[/\\]|\.md$", re.I)


def _parts(reference: str) -> tuple[str, bool]:
    """(file stem, whether it was written as a path)."""
    text = reference.strip().strip('"')
    as_path = bool(_LOOKS_LIKE_PATH.search(text))
    # A Windows path typed in PowerShell (content\articles\x.md) on any system.
    name = PureWindowsPath(text).name if "\\" in text else PurePosixPath(text).name
    return (name[:-3] if name.lower().endswith(".md") else name), as_path


def _missing(reference: str, root: Path, cwd: Path) -> bool:
    """True when a reference written as a path names no file, from here or from the portal."""
    candidates = [Path(reference), cwd / reference, root / reference]
    if "\\" in reference:
        posix = PureWindowsPath(reference).as_posix()
        candidates += [Path(posix), cwd / posix, root / posix]
    return not any(p.is_file() for p in candidates)


def _not_found(reference: str, what: str, folder: str, keys: dict[str, str]) -> ContentError:
    near = difflib.get_close_matches(_parts(reference)[0], list(keys), n=3, cutoff=0.5)
    hint = msg("ref.closest", items="、".join(f"{k} {keys[k]}" for k in near)) if near else ""
    return ContentError(
        [Problem(PurePosixPath(folder), 0, "(file)", msg(what, value=reference, hint=hint))]
    )


def _missing_file(reference: str) -> Problem:
    # The path as typed: content\articles\x.md (PowerShell) stays so in the message.
    return Problem(PurePosixPath(reference), 0, "(file)", msg("file.missing"))


def find_article(portal: Portal, reference: str, root: Path, cwd: Path | None = None) -> Article:
    """The article a reference names, which must be published (it is linked on the site)."""
    stem, as_path = _parts(reference)
    if as_path and _missing(reference, root, cwd or Path.cwd()):
        raise ContentError([_missing_file(reference)])
    found = next((a for a in portal.articles if stem in (a.key, a.slug)), None)
    if found is None:
        keys = {a.key: a.title for a in portal.articles}
        raise _not_found(reference, "cmd.no_article", "content/articles", keys)
    if not found.is_published:
        raise ContentError(
            [
                Problem(
                    found.source,
                    0,
                    "status",
                    msg("cmd.not_published", status=found.status.value),
                )
            ]
        )
    return found


def find_question(portal: Portal, reference: str, root: Path, cwd: Path | None = None) -> Question:
    """The published, answered 法律咨询台 question a reference names."""
    stem, as_path = _parts(reference)
    if as_path and _missing(reference, root, cwd or Path.cwd()):
        raise ContentError([_missing_file(reference)])
    found = next((q for q in portal.questions if q.key == stem), None)
    if found is None:
        keys = {q.key: q.question[:20] for q in portal.questions}
        raise _not_found(reference, "cmd.no_question", "content/qa", keys)
    if not found.answered:
        raise ContentError([Problem(found.source, 0, "replied", msg("cmd.not_answered"))])
    return found
