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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from generator.cache import Cache, fingerprint
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
    leaks: list[Leak] = []
    cache = cache or Cache(None)
    sources: list[tuple[str, str]] | None = None
    theme_folders = _default_theme_dirs(root) if theme_dirs is None else list(theme_dirs)
    allowed = "\n".join(sorted(allow))
    memo: dict[int, frozenset[str]] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix.lower() in BINARY_SUFFIXES:
            continue
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).digest()
        rel = path.relative_to(site).as_posix()
        if _from_theme(rel, raw, theme_folders):
            continue
        key = fingerprint("audit", allowed, digest)
        if cache.get("audit", key) is not None:
            continue
        found: set[str] = set()
        for text in _texts(path.suffix.lower(), raw):
            found.update(_scan(readable(text), memo, allow))
        if not found:
            cache.put("audit", key, b"clean")
        if found and sources is None:
            sources = _source_texts(content, root)
        for value in sorted(found):
            leaks.append(Leak(rel, mask_text(value, allow=allow), _holders(value, sources or [])))
    return leaks


def _scan(text: str, memo: dict[int, frozenset[str]], allow: frozenset[str]) -> set[str]:
    """The personal data in `text`, scanning only lines no file had before (`memo`: what each
    line held, with the line before it, since a label such as 电话： may end the line above)."""
    lines = text.split("\n")
    fresh = [(i, line) for i, line in enumerate(lines) if hash(line) not in memo]
    found: set[str] = set()
    if fresh:
        windows = [(lines[i - 1] + "\n" if i else "") + line for i, line in fresh]
        # NUL between windows: no pattern matches across it (joined windows are not adjacent).
        values = find_personal_data("\0".join(windows), allow)
        for (_, line), window in zip(fresh, windows, strict=True):
            memo[hash(line)] = frozenset(v for v in values if v in window)
        found.update(values)
    for line in lines:
        found.update(memo[hash(line)])
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
