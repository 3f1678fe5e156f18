"""The last gate of every build: no raw personal data in any output file.

Masking happens when citizen text enters the model; this scan checks the result, so a
template, a feed or an export that forgot the rules fails the build instead of publishing a
phone number. It reads every file of the built site that is not an image or a font: HTML, XML
(feeds, the sitemap, SVG), JSON (the search index, downloads), CSV, JavaScript, the gzipped
sitemap and the XML inside Word and Excel documents. Before scanning, text is read the way a
reader would see it: entities (`&#64;`), JSON escapes (`\\u0040`), percent-encoding (`%40`) and
the zero-width spaces the search index puts between words are undone. Each leak names the
output file and the content files that hold the raw value. Files that come unchanged from the
theme (Material's bundles credit their authors by e-mail) are not content and are skipped.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from generator.cache import Cache, fingerprint
from generator.parallel import fork_map, workers
from generator.privacy import find_personal_data, mask_text

# Never text: pictures, fonts, PDF (its streams are compressed; publish PDFs with care).
BINARY_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff"}
    | {".woff", ".woff2", ".ttf", ".otf", ".eot", ".pdf", ".mp3", ".mp4", ".webm"}
)
OFFICE_SUFFIXES = frozenset({".docx", ".xlsx", ".pptx", ".odt", ".ods"})
SOURCE_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".csv"})
MAX_INFLATED = 64 * 1024 * 1024  # a gzip or Office file that inflates beyond this is not read
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_DIGIT_SEP = r"[\s\-\u00a0\u2010-\u2015\u2212\u3000\uff0d]?"
# A line can hold a phone number, an ID or a card only with a run of three digits (138 1234
# 5678, 0579-8761-2345, 330702…), an e-mail only with an @: other lines need no scan.
_CANDIDATE = re.compile("[@\uff20]|[0-9\uff10-\uff19]{3}")


@dataclass(frozen=True)
class Leak:
    output: str  # path inside the site
    value: str  # shown masked, never raw
    sources: tuple[str, ...]  # content files that hold the raw value

    def __str__(self) -> str:
        where = f" (from {', '.join(self.sources)})" if self.sources else ""
        return f"{self.output}: unmasked personal data {self.value}{where}"


def scan_site(
    site: Path,
    content: Path,
    root: Path,
    allow: frozenset[str],
    theme_dirs: Sequence[Path] | None = None,
    cache: Cache | None = None,
) -> list[Leak]:
    """Every raw phone number, ID number or e-mail address found in the site's files.

    The pages of a site share most of their lines (the theme's header, menu and footer; an
    article's text in the feeds and the search index), so each distinct line is scanned once,
    with the line before it, and what it held is remembered for every other file that has it.
    A file found clean before, byte for byte and with the same allow-list, is not scanned
    again (`cache`).

    Args:
        allow: phone numbers and e-mail addresses published on purpose (`public_contacts`).
        theme_dirs: folders whose files are copied as they are; by default mkdocs-material's
            and the portal's `themes/`.
    """
    cache = cache or Cache(None)
    theme_folders = _default_theme_dirs(root) if theme_dirs is None else list(theme_dirs)
    allowed = "\n".join(sorted(allow))
    todo: list[tuple[str, str]] = []  # (path in the site, cache key)
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix.lower() in BINARY_SUFFIXES:
            continue
        raw = path.read_bytes()
        rel = path.relative_to(site).as_posix()
        if _from_theme(rel, raw, theme_folders):
            continue
        key = fingerprint("audit", allowed, hashlib.sha256(raw).digest())
        if cache.get("audit", key) is None:
            todo.append((rel, key))

    def scan_part(part: int) -> list[tuple[str, list[str]]]:
        # Each worker scans a contiguous part of the site (similar files, shared lines) with
        # its own memory of the lines it has scanned.
        memo = _Memo()
        results = []
        for rel, _ in parts[part]:
            path = site / rel
            found: set[str] = set()
            for text in _texts(path.suffix.lower(), path.read_bytes()):
                found.update(_scan(readable(text), memo, allow))
            results.append((rel, sorted(found)))
        return results

    count = workers() if len(todo) >= 200 else 1
    size = -(-len(todo) // count) if todo else 0
    parts = [todo[i * size : (i + 1) * size] for i in range(count)]
    leaks: list[Leak] = []
    sources: list[tuple[str, str]] | None = None
    results = fork_map(scan_part, range(count), min_items=2)
    scanned = [item for result in results for item in result]
    for (rel, found), (_, key) in zip(scanned, todo, strict=True):
        if not found:
            cache.put("audit", key, b"clean")
            continue
        if sources is None:
            sources = _source_texts(content, root)
        for value in found:
            leaks.append(Leak(rel, mask_text(value, allow=allow), _holders(value, sources)))
    return leaks


# Where a text is cut into pieces for remembering: line ends (real, and JSON's \n), both sides
# of a tag, after a sentence's end. No phone number, ID or e-mail spans one of these, so the
# same sentence in a page, its feeds, the API and the search index is scanned once.
_CUTS = (("\\n", "\n"), (">", ">\n"), ("<", "\n<"), ("。", "。\n"), ("；", "；\n"))


def _pieces(text: str) -> list[str]:
    for old, new in _CUTS:
        text = text.replace(old, new)
    return text.split("\n")


@dataclass
class _Memo:
    """What the pieces scanned so far in this build held."""

    seen: set[int] = field(default_factory=set)
    held: dict[int, frozenset[str]] = field(default_factory=dict)  # only pieces that held some


def _scan(text: str, memo: _Memo, allow: frozenset[str]) -> set[str]:
    """The personal data in `text`, scanning only pieces no file had before, each with the
    piece before it (a label such as 电话： may end the line above its number). A piece seen
    before counts with what it held the first time."""
    found: set[str] = set()
    fresh: list[tuple[str, int]] = []
    previous = ""
    for piece in _pieces(text):
        mark = hash(piece)
        if mark in memo.seen:
            held = memo.held.get(mark)
            if held:
                found |= held
        else:
            memo.seen.add(mark)
            if _CANDIDATE.search(piece):  # else nothing a phone, an ID or an e-mail is made of
                fresh.append((f"{previous}\n{piece}", mark))
        previous = piece
    if fresh:
        # NUL between windows: no pattern matches across it (joined windows are not adjacent).
        values = find_personal_data("\0".join(w for w, _ in fresh), allow)
        for window, mark in fresh if values else ():
            held = frozenset(v for v in values if v in window)
            if held:
                memo.held[mark] = held
        found.update(values)
    return found


def readable(text: str) -> str:
    """Text as a reader sees it: entities, JSON escapes, %-escapes and zero-width spaces undone."""
    text = _INVISIBLE.sub("", text)
    if "\\u" in text:
        text = _JSON_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    if "&" in text:
        text = html.unescape(text)
    if "%" in text:
        text = unquote(text)
    return _INVISIBLE.sub("", text)


def _texts(suffix: str, raw: bytes) -> Iterator[str]:
    """The text inside one output file (several for an Office document)."""
    if suffix == ".gz":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
                raw = f.read(MAX_INFLATED)
        except (OSError, EOFError):
            return
    elif suffix in OFFICE_SUFFIXES:
        yield from _office_texts(raw)
        return
    yield raw.decode("utf-8", errors="replace")


def _office_texts(raw: bytes) -> Iterator[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = 0
            for info in archive.infolist():
                if not info.filename.endswith(".xml"):
                    continue
                total += info.file_size
                if total > MAX_INFLATED:
                    return
                # Words are split across XML runs; the text between tags is what is read.
                xml = archive.read(info).decode("utf-8", errors="replace")
                yield re.sub(r"<[^>]+>", "", xml)
    except (zipfile.BadZipFile, OSError):
        return


def _holders(value: str, sources: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The content files that contain `value`, however its digits are spaced there."""
    if "@" in value:
        needle = value.casefold()
        return tuple(name for name, text in sources if needle in text.casefold())
    digits = [c for c in value if c.isalnum()]
    pattern = re.compile(_DIGIT_SEP.join(re.escape(c) for c in digits), re.IGNORECASE)
    return tuple(name for name, text in sources if pattern.search(text))


def _source_texts(content: Path, root: Path) -> list[tuple[str, str]]:
    texts = []
    for path in sorted(content.rglob("*")):
        if path.is_file() and path.suffix.lower() in SOURCE_SUFFIXES:
            raw = path.read_bytes()
            for encoding in ("utf-8-sig", "utf-16", "gb18030"):
                if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                    continue
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError:
                    continue
                texts.append((path.relative_to(root).as_posix(), readable(text)))
                break
    return texts


def _default_theme_dirs(root: Path) -> list[Path]:
    dirs = [root / "themes"]
    try:
        import material

        dirs.append(Path(material.__file__).parent / "templates")
    except ImportError:  # pragma: no cover - the theme is a dependency
        pass
    return dirs


def _from_theme(rel: str, raw: bytes, folders: Sequence[Path]) -> bool:
    """An output copied unchanged from a theme folder: the file at the same place there, or,
    for a test's flat theme folder, a file of the same name, with the same bytes."""
    for folder in folders:
        for candidate in (folder / rel, folder / Path(rel).name):
            same_size = candidate.is_file() and candidate.stat().st_size == len(raw)
            if same_size and candidate.read_bytes() == raw:
                return True
    return False
