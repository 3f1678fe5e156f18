"""Read one manuscript file into blocks and photos, or say in Chinese why it cannot be read.

`.docx` goes through mammoth (a well-kept converter that keeps structure and drops Word's
styling); `.doc`, `.wps`, `.odt` and `.rtf` are first converted to `.docx` by LibreOffice
(`soffice --headless --convert-to docx`), when it is installed; `.txt` and `.md` are decoded
with charset-normalizer (GB18030, GBK, Big5, UTF-16 and UTF-8 all occur in a county office).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.manuscripts.blocks import IMAGE_SRC, Block, blocks_from_html, blocks_from_text
from generator.messages import msg

WORD = frozenset({".docx"})
CONVERTED = frozenset({".doc", ".wps", ".odt", ".rtf", ".docm", ".dot", ".dotx", ".wpt"})
TEXT = frozenset({".txt", ".md", ".markdown"})
SUFFIXES = WORD | CONVERTED | TEXT
MAX_BYTES = 50 * 1024 * 1024  # a manuscript with its photos; beyond this it is not read
CONVERT_TIMEOUT = 120  # seconds for LibreOffice to convert one file
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office container (.doc, .wps, encrypted)

# Word and WPS name their heading styles in English inside the file, but a template made in
# Chinese may name its own; both become headings.
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='标题'] => h1:fresh
p[style-name='标题 1'] => h1:fresh
p[style-name='标题 2'] => h2:fresh
p[style-name='标题 3'] => h3:fresh
p[style-name='Subtitle'] => h2:fresh
p[style-name='副标题'] => h2:fresh
"""


class UnreadableError(ValueError):
    """A manuscript that cannot be read; the message says why and what to do (Chinese)."""


@dataclass(frozen=True)
class Photo:
    """A picture found in a manuscript: its bytes and what Word says it is."""

    data: bytes
    content_type: str
    alt: str = ""


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    photos: tuple[Photo, ...]
    notes: tuple[str, ...] = ()  # what the converter could not keep, for the report


def read_document(path: Path, soffice: str | None = None) -> Document:
    """The blocks and photos of the manuscript at `path`; UnreadableError otherwise."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableError(msg("import.unsupported", suffix=suffix or msg("import.no_suffix")))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableError(msg("import.too_big", size=size // 1024 // 1024))
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableError(msg("file.unreadable", reason=exc.strerror)) from None
    if not raw.strip():
        raise UnreadableError(msg("import.empty"))
    if suffix in TEXT:
        return Document(tuple(blocks_from_text(decode_text(raw), markdown=suffix != ".txt")), ())
    if suffix in CONVERTED or raw.startswith(_OLE):
        if raw.startswith(_OLE) and b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d" in raw:
            raise UnreadableError(msg("import.password"))
        raw = convert_to_docx(path, raw, soffice)
    return read_docx(raw)


def read_docx(raw: bytes) -> Document:
    """A .docx through mammoth: its HTML as blocks, its pictures in order."""
    import mammoth

    if raw.startswith(_OLE):
        raise UnreadableError(msg("import.password"))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise UnreadableError(msg("import.not_docx"))
            total = sum(i.file_size for i in archive.infolist())
            if total > 4 * MAX_BYTES:
                raise UnreadableError(msg("import.unzipped_too_big"))
    except zipfile.BadZipFile:
        raise UnreadableError(msg("import.corrupt")) from None
    photos: list[Photo] = []

    def keep_image(image: object) -> dict[str, str]:
        with image.open() as stream:  # type: ignore[attr-defined]
            data = stream.read()
        alt = (getattr(image, "alt_text", "") or "").strip()
        photos.append(Photo(data, getattr(image, "content_type", "") or "", alt))
        return {"src": f"{IMAGE_SRC}{len(photos) - 1}", "alt": alt}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(raw),
            convert_image=mammoth.images.img_element(keep_image),
            style_map=STYLE_MAP,
        )
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise UnreadableError(msg("import.unparsable", kind=type(exc).__name__)) from None
    notes = tuple(
        msg("import.converter_note", detail=m.message)
        for m in result.messages
        if m.type == "warning" and "style" not in m.message
    )
    return Document(tuple(blocks_from_html(result.value)), tuple(photos), notes)


def find_soffice() -> str | None:
    """LibreOffice's command (`PORTAL_SOFFICE` to choose another)."""
    chosen = os.environ.get("PORTAL_SOFFICE")
    if chosen is not None:
        return shutil.which(chosen) if chosen else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, raw: bytes, soffice: str | None) -> bytes:
    """`soffice --headless --convert-to docx` in a private folder and profile."""
    if soffice is None:
        raise UnreadableError(msg("import.needs_libreoffice", suffix=path.suffix))
    with tempfile.TemporaryDirectory(prefix="portal-import-") as work:
        folder = Path(work)
        source = folder / f"manuscript{path.suffix.lower()}"
        source.write_bytes(raw)
        profile = (folder / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",  # no clash with a LibreOffice already open
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=CONVERT_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            raise UnreadableError(msg("import.convert_timeout", seconds=CONVERT_TIMEOUT)) from None
        except OSError as exc:
            raise UnreadableError(msg("import.soffice_failed", reason=exc.strerror)) from None
        result = folder / "out" / "manuscript.docx"
        if done.returncode != 0 or not result.is_file():
            raise UnreadableError(msg("import.convert_failed", suffix=path.suffix))
        return result.read_bytes()


def decode_text(raw: bytes) -> str:
    """Text in whatever encoding a Chinese editor saved it (charset-normalizer decides)."""
    from charset_normalizer import from_bytes

    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    for bom, encoding in boms:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None:
        raise UnreadableError(msg("import.encoding"))
    return str(best)
