"""Reading content files as text and splitting Markdown front matter from the body."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import Problem, Severity
from generator.load.yamldoc import YamlDoc, explain_line, parse_yaml
from generator.messages import msg
from generator.parallel import fork_map

MAX_BYTES = 2 * 1024 * 1024
_FENCE = "---"


@dataclass(frozen=True)
class MarkdownDoc:
    """A Markdown file: its front matter (with key lines) and its body."""

    meta: YamlDoc
    body: str
    body_line: int  # 1-based line where the body starts


def read_text(path: Path, rel: PurePosixPath) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file (a BOM is accepted); other encodings are a clear problem.

    The size is checked before anything is read, so a huge file costs no memory.
    """
    if outside_portal(path, rel):
        return None, []  # validate.portal.check_paths reports the link
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [_too_big(rel, size)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(rel, 0, "(file)", msg("file.unreadable", reason=exc.strerror))]
    return decode_text(raw, rel)


def outside_portal(path: Path, rel: PurePosixPath) -> bool:
    """True when `path` (shown as `rel`, relative to the portal root) leads out of the portal.

    A symbolic link to /etc/passwd must not be read, not even to report that it is no article.
    """
    if not rel.parts or len(path.parts) <= len(rel.parts):
        return False
    root = path.parents[len(rel.parts) - 1]
    # Most content has no link at all: an lstat of each part of the path says so, and only a
    # path with a link in it is resolved (resolving costs far more, for thousands of files).
    current = root
    for part in rel.parts:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                break
        except OSError:
            return False  # missing: reported by whoever reads it
    else:
        return False
    try:
        return not path.resolve(strict=True).is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return path.is_symlink()  # a broken or looping link; a missing file is reported


def decode_text(raw: bytes, rel: PurePosixPath) -> tuple[str | None, list[Problem]]:
    """Text from a content file's bytes: UTF-8 with or without BOM; newlines made `\\n`."""
    if len(raw) > MAX_BYTES:
        return None, [_too_big(rel, len(raw))]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw):
        return None, [Problem(rel, 0, "(file)", msg("file.utf16"))]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = msg("file.gbk_hint")
        except UnicodeDecodeError:
            pass
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "(file)", msg("file.not_utf8", line=line, hint=hint))]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    if _CONTROL.search(text):
        # Pasted from Word or WeChat: a manual line break (U+000B) becomes a new line, other
        # control characters are dropped, and the staff are told where.
        for number, line_text in enumerate(text.split("\n"), start=1):
            bad = sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(line_text)})
            if bad:
                problems.append(
                    Problem(
                        rel,
                        number,
                        "(file)",
                        msg("file.control_chars", chars="、".join(bad)),
                        Severity.WARNING,
                    )
                )
        text = _CONTROL.sub("", text.replace("\x0b", "\n"))
    return text, problems


def _too_big(rel: PurePosixPath, size: int) -> Problem:
    return Problem(
        rel,
        0,
        "(file)",
        msg("file.too_big", size=size / 1024 / 1024, limit=MAX_BYTES // 1024 // 1024),
    )


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 saved without its byte-order mark: every other byte of ASCII text is NUL."""
    sample = raw[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= len(sample) // 8 and min(even, odd) <= max(even, odd) // 8


# C0 controls but tab and newlines, DEL, and the C1 controls Word's code pages leave behind
# (U+0085, a line break to YAML, included); and the rest of what XML 1.0 forbids and YAML
# refuses, the noncharacters U+FFFE and U+FFFF that broken encoders leave (a page, feed or
# WeChat copy built with lxml would stop on them). Surrogates never survive UTF-8 decoding.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def split_markdown(text: str, rel: PurePosixPath) -> tuple[MarkdownDoc | None, list[Problem]]:
    """Split `---` front matter from the body and parse it with line numbers."""
    if not text.strip():
        return None, [Problem(rel, 0, "(file)", msg("file.empty"))]
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return None, [Problem(rel, 1, "(front matter)", _opening_problem(lines))]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            break
    else:
        lookalike = next((n for n in range(1, len(lines)) if _DASHES.fullmatch(lines[n])), None)
        if lookalike is not None:
            return None, [
                Problem(
                    rel,
                    lookalike + 1,
                    "(front matter)",
                    msg("front.fake_fence", line=lines[lookalike].strip()),
                )
            ]
        return None, [Problem(rel, 1, "(front matter)", msg("front.not_closed"))]
    meta_text = "\n".join(lines[1:index])
    doc, problems = parse_yaml(meta_text, rel, line_offset=1)
    if doc is None:
        return None, problems
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        for number, line in enumerate(lines[1:index], start=2):
            hint = explain_line(line)
            if hint:
                return None, [Problem(rel, number, "(front matter)", hint)]
        return None, [Problem(rel, 2, "(front matter)", msg("front.not_mapping"))]
    body = "\n".join(lines[index + 1 :])
    # An empty body is reported on the closing --- when nothing follows it.
    last_line = len(lines) - 1 if text.endswith("\n") else len(lines)
    return MarkdownDoc(doc, body, min(index + 2, max(last_line, index + 1))), problems


# A fence typed with a Chinese input method: em dashes (U+2014), full-width hyphens (U+FF0D).
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212\u2500\u30fc\uff0d]{3,}\s*")


def _opening_problem(lines: list[str]) -> str:
    first = next((n for n, line in enumerate(lines) if line.strip()), 0)
    if first and lines[first].rstrip() == _FENCE:
        return msg("front.not_first_line", count=first)
    if _DASHES.fullmatch(lines[first]):
        return msg("front.fake_fence", line=lines[first].strip())
    return msg("front.no_start")


def load_markdown(path: Path, rel: PurePosixPath) -> tuple[MarkdownDoc | None, list[Problem]]:
    """Read and split one Markdown file; all problems found are returned."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    doc, more = split_markdown(text, rel)
    return doc, problems + more


def parse_markdown(raw: bytes, rel: PurePosixPath) -> tuple[MarkdownDoc | None, list[Problem]]:
    """`load_markdown` for bytes already read (checked as `read_text` checks a file)."""
    text, problems = decode_text(raw, rel)
    if text is None:
        return None, problems
    doc, more = split_markdown(text, rel)
    return doc, problems + more


def _load_markdown_at(
    where: tuple[Path, PurePosixPath],
) -> tuple[MarkdownDoc | None, list[Problem]]:
    return load_markdown(*where)


def load_yaml_file(path: Path, rel: PurePosixPath) -> tuple[YamlDoc | None, list[Problem]]:
    """Read one YAML registry file (squads.yml, outlets.yml, ...)."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    doc, more = parse_yaml(text, rel)
    return doc, problems + more


# One Markdown file read: its path, its path from the portal root, its document (or None)
# and the problems found reading it.
Loaded = tuple[Path, PurePosixPath, tuple[MarkdownDoc | None, list[Problem]]]


def markdown_files(folder: Path, root: Path) -> list[tuple[Path, PurePosixPath]]:
    """The Markdown files of `folder`, in name order, with their paths from the portal root."""
    if not folder.is_dir():
        return []
    paths = sorted(p for p in folder.glob("*.md") if p.is_file())
    return [(path, PurePosixPath(path.relative_to(root).as_posix())) for path in paths]


def markdown_documents(
    folder: Path, root: Path, problems: list[Problem], loaded: Sequence[Loaded] | None = None
) -> Iterator[tuple[Path, PurePosixPath, MarkdownDoc]]:
    """Each Markdown file of `folder` that can be read, in name order: its path, its path from
    the portal root, and its document; what keeps a file from being read goes to `problems`.

    `loaded`: the folder's files already read (validate/portal.py reads every folder at once).
    """
    if loaded is None:
        files = markdown_files(folder, root)
        # Thousands of articles parse on every core (parallel.py); the result is the same.
        results = fork_map(_load_markdown_at, files)
        loaded = [(path, rel, result) for (path, rel), result in zip(files, results, strict=True)]
    for path, rel, (doc, found) in loaded:
        problems.extend(found)
        if doc is not None:
            yield path, rel, doc
