"""The last gate of every build: no raw personal data in any output file, and no GPS position
or camera owner in any output image.

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
from generator.messages import msg
from generator.parallel import fork_map, workers
from generator.privacy import CANDIDATE, find_personal_data, mask_text

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


@dataclass(frozen=True)
class Leak:
    output: str  # path inside the site
    value: str  # shown masked, never raw
    sources: tuple[str, ...]  # content files that hold the raw value

    def __str__(self) -> str:
        where = msg("audit.from", sources="、".join(self.sources)) if self.sources else ""
        return f"{self.output}: " + msg("audit.leak", value=self.value, where=where)


def scan_site(
    site: Path,
    content: Path,
    root: Path,
    allow: frozenset[str],
    theme_dirs: Sequence[Path],
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
        theme_dirs: folders whose files are copied as they are: the portal's `themes/` and
            the engine's theme (build.py asks the engine).
    """
    cache = cache or Cache(None)
    theme_folders = list(theme_dirs)
    allowed = "\n".join(sorted(allow))
    rels = [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*"))
        if path.suffix.lower() not in BINARY_SUFFIXES and path.is_file()
    ]
    known = cache.keys("audit")  # files found clean before, by content hash

    def scan_part(part: int) -> list[tuple[str, str, list[str] | None]]:
        # Each worker reads, hashes and scans a contiguous part of the site (similar files,
        # shared lines) with its own memory of the lines it has scanned.
        memo = _Memo()
        results: list[tuple[str, str, list[str] | None]] = []
        for rel in parts[part]:
            path = site / rel
            raw = path.read_bytes()
            if _from_theme(rel, raw, theme_folders):
                continue
            key = fingerprint("audit", allowed, hashlib.sha256(raw).digest())
            if key in known:
                results.append((rel, key, None))
                continue
            found: set[str] = set()
            for text in _texts(path.suffix.lower(), raw):
                found.update(_scan(text, memo, allow))
            results.append((rel, key, sorted(found)))
        return results

    count = workers() if len(rels) >= 200 else 1
    size = -(-len(rels) // count) if rels else 0
    parts = [rels[i * size : (i + 1) * size] for i in range(count)]
    leaks: list[Leak] = []
    sources: list[tuple[str, str]] | None = None
    scanned = [item for result in fork_map(scan_part, range(count), min_items=2) for item in result]
    cache.touch("audit", [key for _, key, found in scanned if found is None])
    for rel, key, found in scanned:
        if found is None:
            continue
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


def _cut(text: str) -> str:
    """`text` with a line end at every cut: its pieces are its lines."""
    for old, new in _CUTS:
        text = text.replace(old, new)
    return text


@dataclass
class _Memo:
    """What the lines and pieces scanned so far in this build held."""

    seen: set[int] = field(default_factory=set)  # pieces
    held: dict[int, frozenset[str]] = field(default_factory=dict)  # only pieces that held some
    lines: dict[int, frozenset[str]] = field(default_factory=dict)  # raw lines, scanned


_NOTHING: frozenset[str] = frozenset()


def _scan(text: str, memo: _Memo, allow: frozenset[str]) -> set[str]:
    """The personal data in `text` (as it is in the file), read as a reader would.

    Two memories make a build's scan cheap. A raw line seen before (the theme's header, menu
    and footer on every page) counts with what it held the first time, without being read
    again. A new line is made readable, cut into pieces, and only the pieces with a candidate
    (a run of digits a number could be made of, an @) are looked at, found in one pass; a
    piece seen before (an article's sentence in its page, the feeds, the API and the search
    index) counts with what it held; a new one is scanned with the piece before it (a label
    such as 电话： may end the line above its number).
    """
    fresh: list[tuple[str, int]] = []
    new_lines: list[tuple[int, list[int]]] = []
    found: set[str] = set()
    lines = text.split("\n")
    # Millions of lines a build, nearly all seen before: looked up without a Python loop.
    line_marks = list(map(hash, lines))
    known = list(map(memo.lines.get, line_marks))
    for held in filter(None, known):
        found |= held
    for index in [i for i, held in enumerate(known) if held is None]:
        line_mark = line_marks[index]
        cut = _cut(readable(lines[index]))
        marks: list[int] = []
        end = -1  # where the last piece looked at ends
        for candidate in CANDIDATE.finditer(cut):
            if candidate.start() < end:
                continue  # in the piece just looked at
            start = cut.rfind("\n", 0, candidate.start()) + 1
            end = cut.find("\n", candidate.end())
            if end < 0:
                end = len(cut)
            piece = cut[start:end]
            mark = hash(piece)
            marks.append(mark)
            if mark in memo.seen:
                continue
            memo.seen.add(mark)
            if start:
                previous = cut[cut.rfind("\n", 0, start - 1) + 1 : start - 1]
            else:  # the last piece of the line above
                previous = _cut(readable(lines[index - 1])).rpartition("\n")[2] if index else ""
            fresh.append((f"{previous}\n{piece}", mark))
        new_lines.append((line_mark, marks))
    if fresh:
        # NUL between windows: no pattern matches across it (joined windows are not adjacent).
        values = find_personal_data("\0".join(w for w, _ in fresh), allow)
        for window, mark in fresh if values else ():
            held = frozenset(v for v in values if v in window)
            if held:
                memo.held[mark] = held
    for line_mark, marks in new_lines:
        held = _NOTHING
        for mark in marks:
            held |= memo.held.get(mark, _NOTHING)
        memo.lines[line_mark] = held
        found |= held
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


def _from_theme(rel: str, raw: bytes, folders: Sequence[Path]) -> bool:
    """An output copied unchanged from a theme folder: the file at the same place there, or,
    for a test's flat theme folder, a file of the same name, with the same bytes."""
    for folder in folders:
        for candidate in (folder / rel, folder / Path(rel).name):
            same_size = candidate.is_file() and candidate.stat().st_size == len(raw)
            if same_size and candidate.read_bytes() == raw:
                return True
    return False


# -- images ------------------------------------------------------------------------------

_OWNER_TAGS = {0x013B: "Artist", 0x8298: "Copyright", 0xA430: "CameraOwnerName"}
_OWNER_TAGS |= {0xA431: "BodySerialNumber", 0x9C9D: "XPAuthor"}
_MARKERS = (b"Exif", b"eXIf", b"http://ns.adobe.com/xap", b"XML:com.adobe.xmp", b"GPS")
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff"})


def image_leaks(site: Path) -> list[str]:
    """`path: message` for each output image that still carries a GPS position or its owner."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
            continue
        with path.open("rb") as f:
            head = f.read(256 * 1024)
        if not any(marker in head for marker in _MARKERS):
            continue
        what = image_metadata(path)
        if what:
            rel = path.relative_to(site).as_posix()
            found.append(f"{rel}: " + msg("image.metadata_left", what="、".join(what)))
    return found


def image_metadata(path: Path) -> list[str]:
    """Which personal metadata an image file carries: GPS position, owner fields, XMP GPS."""
    from PIL import Image  # only when an image has a metadata block at all

    try:
        with Image.open(path) as im:
            exif = im.getexif()
            xmp = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp") or b""
    except (OSError, ValueError, SyntaxError):
        return []
    found = []
    gps = exif.get_ifd(0x8825)
    if gps or 0x8825 in exif:
        found.append(msg("image.meta_gps"))
    names = [_OWNER_TAGS[t] for t in _OWNER_TAGS if exif.get(t)]
    names += [_OWNER_TAGS[t] for t in _OWNER_TAGS if exif.get_ifd(0x8769).get(t)]
    if names:
        found.append(msg("image.meta_owner", fields="、".join(sorted(set(names)))))
    text = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else str(xmp)
    if "GPS" in text:
        found.append(msg("image.meta_xmp_gps"))
    return found
