"""Web images: the photos under content/ as the site publishes them (Pillow).

A phone photo is 4032 x 3024 pixels, several megabytes, turned sideways by an EXIF tag, and
carries the place it was taken (GPS) and often the owner's name. What the site publishes
instead: the orientation applied, every metadata block dropped (EXIF, GPS, XMP, IPTC, ICC
after conversion to sRGB, comments), the longest side at most 1,600 px, and an 800 px copy
for phones. The build's image step (image_step.py) processes each source once.

Documented results for awkward files: a CMYK JPEG becomes RGB; a 16-bit PNG becomes 8-bit; an
animated GIF or WebP keeps its frames (metadata dropped) at its own size, or only its first
frame when it is wider than 1,600 px; a file whose extension lies is published in the format
its extension says (with a warning); a file that is not an image, is truncated, or has more
than `MAX_PIXELS` pixels (a decompression bomb) is an error naming the file; an SVG is
published as it is only when it holds no script, event handler, foreign object or external
reference. HEIC photos are converted by `portal import` (pillow-heif); in content/ they are
not published.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageSequence, UnidentifiedImageError
from PIL.Image import Image as PILImage

from generator.messages import msg
from generator.model import WebImage

MAX_SIDE = 1600  # the desktop image's longest side
PHONE_SIDE = 800  # the phone variant's longest side
THUMB_SIDE = 400  # listings' thumbnails
MAX_PIXELS = 50_000_000  # more than any phone camera (48 MP is 8064 x 6048), less than a bomb
JPEG_QUALITY = 82
# What this module writes; bump it when the output of the same source would change.
PIPELINE = "images 2"
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
FIELD = "(image)"


class ImageError(ValueError):
    """A file that cannot be published as an image; the message is for staff (Chinese)."""


@dataclass(frozen=True)
class Rendered:
    """The bytes of each variant (largest first) and its size; a note for staff, if any."""

    media_type: str
    sizes: tuple[tuple[int, int], ...]
    data: tuple[bytes, ...]
    note: str = ""


def variant_path(source: str, width: int, index: int) -> str:
    """`articles/x/1.jpg` for the largest, `articles/x/1.800w.jpg` for the phone copy."""
    if index == 0:
        return source
    stem, _, suffix = source.rpartition(".")
    return f"{stem}.{width}w.{suffix}"


def render_image(raw: bytes, suffix: str) -> Rendered:
    """The web variants of one image file's bytes; ImageError for what cannot be published."""
    wanted = FORMATS[suffix.lower()]
    with pillow_errors():
        im = _open(raw)
        width, height = im.size
        found = im.format or "?"
        note = ""
        if found != wanted:
            note = msg("image.lying_suffix", found=found, suffix=suffix, wanted=wanted)
        animated = getattr(im, "is_animated", False) and wanted in ("GIF", "WEBP")
        if animated and max(width, height) <= MAX_SIDE:
            return _animation(im, wanted, note)
        if im.format == "JPEG":
            # Decode at a reduced scale (DCT scaling): a 4032 px photo is read at 2016.
            im.draft(None, (MAX_SIDE, MAX_SIDE))
        im.load()
    # Resized first and turned after: turning 12 million pixels costs more than 2 million.
    turn = _TURNS.get(im.getexif().get(0x0112, 1))
    web = _to_web_mode(im, wanted)
    data: list[bytes] = []
    sizes: list[tuple[int, int]] = []
    for side in (MAX_SIDE, PHONE_SIDE, THUMB_SIDE):
        if data and max(web.size) <= side * 1.125:
            break  # no phone copy of a picture barely larger than it
        # Each size from the one before: the phone copy from the 1,600 px image.
        web.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
        shown = web.transpose(turn) if turn is not None else web
        data.append(_encode(shown, wanted))
        sizes.append(shown.size)
    return Rendered(MEDIA_TYPES[wanted], tuple(sizes), tuple(data), note)


def _open(raw: bytes) -> PILImage:
    """The image in `raw`, not yet decoded; ImageError for more pixels than any camera makes."""
    im = Image.open(io.BytesIO(raw))
    width, height = im.size
    if width * height > MAX_PIXELS:
        raise ImageError(
            msg("image.too_many_pixels", width=width, height=height, limit=MAX_PIXELS // 10_000)
        )
    return im


_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@contextmanager
def pillow_errors() -> Iterator[None]:
    """Pillow's refusals while an image is opened and decoded, as ImageError for staff: not
    an image, a decompression bomb (its warning counts as one), a truncated or corrupt file."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except ImageError:
            raise
        except UnidentifiedImageError:
            raise ImageError(msg("image.unreadable")) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageError(msg("image.bomb", detail=exc)) from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ImageError(msg("image.truncated", detail=exc)) from None


def _animation(im: PILImage, wanted: str, note: str) -> Rendered:
    """An animated GIF or WebP keeps its frames; only the frames and their timing are written."""
    frames = []
    durations = []
    for frame in ImageSequence.Iterator(im):
        durations.append(int(frame.info.get("duration", 100)))
        pixels = frame.convert("RGBA")
        pixels.info = {}  # the writer would copy a frame's comment and extensions
        frames.append(pixels)
    first = frames[0]
    out = io.BytesIO()
    options: dict[str, object] = {"save_all": True, "append_images": frames[1:]}
    options |= {"duration": durations, "loop": int(im.info.get("loop", 0))}
    if wanted == "GIF":
        options["disposal"] = 2
    first.save(out, format=wanted, **options)
    return Rendered(MEDIA_TYPES[wanted], (first.size,), (out.getvalue(),), note)


def _to_web_mode(im: PILImage, wanted: str) -> PILImage:
    """8-bit RGB (or RGBA, L) in sRGB, whatever the camera or scanner wrote."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits (a plain conversion would clip to white).
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    profile = im.info.get("icc_profile")
    if profile and im.mode in ("RGB", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            srgb = ImageCms.createProfile("sRGB")
            im = ImageCms.profileToProfile(im, source, srgb, outputMode="RGB") or im
        except (ImageCms.PyCMSError, OSError):
            pass
    keeps_alpha = wanted in ("PNG", "WEBP", "GIF")
    if im.mode in ("P", "PA", "LA") or (im.mode == "RGBA" and not keeps_alpha):
        im = im.convert("RGBA")
    if im.mode == "RGBA" and not keeps_alpha:
        flat = Image.new("RGB", im.size, "white")
        flat.paste(im, mask=im.getchannel("A"))
        im = flat
    if im.mode not in ("RGB", "RGBA", "L"):
        im = im.convert("RGB")
    return im


def _encode(im: PILImage, wanted: str) -> bytes:
    """The image's pixels only: `info` is cleared so no EXIF, XMP, ICC or comment is copied."""
    im.info = {}
    out = io.BytesIO()
    if wanted == "JPEG":
        im.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif wanted == "PNG":
        im.save(out, "PNG", optimize=False, compress_level=9)
    elif wanted == "WEBP":
        im.save(out, "WEBP", quality=JPEG_QUALITY, method=4)
    else:
        im.save(out, "GIF", optimize=True)
    return out.getvalue()


# -- SVG ------------------------------------------------------------------------------------

_SVG_FORBIDDEN = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler"})


def check_svg(raw: bytes) -> None:
    """ImageError unless the SVG is plain drawing: no script, handler, foreign or outside link."""
    from lxml import etree

    if b"<!ENTITY" in raw:
        raise ImageError(msg("image.svg_entity"))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise ImageError(msg("image.svg_not_xml", detail=exc)) from None
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname.lower()
        if name in _SVG_FORBIDDEN:
            raise ImageError(msg("image.svg_element", name=name))
        for key, value in element.attrib.items():
            attr = etree.QName(key).localname.lower()
            if attr.startswith("on"):
                raise ImageError(msg("image.svg_handler", attr=attr))
            if attr == "href" and not value.strip().startswith("#"):
                raise ImageError(msg("image.svg_outside", target=value[:60]))
        if name == "style" and (
            "url(" in (element.text or "") or "@import" in (element.text or "")
        ):
            raise ImageError(msg("image.svg_style"))


# -- import ---------------------------------------------------------------------------------

ORIGINAL_SIDE = 2400  # what `portal import` keeps of a phone photo: room for the 1,600 px copy
IMPORT_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif"})
IMPORT_SUFFIXES |= {".bmp", ".tif", ".tiff"}


def clean_original(raw: bytes) -> tuple[bytes, str]:
    """A photo as `portal import` stores it under content/: upright, at most 2,400 px, without
    any metadata (the GPS position never reaches the content folder either); HEIC from an
    iPhone becomes JPEG (pillow-heif), BMP and TIFF become PNG or JPEG. Returns the bytes and
    their suffix; ImageError for what cannot be read."""
    if raw[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftypheis"):
        try:
            from pillow_heif import register_heif_opener
        except ImportError:  # pragma: no cover - a dependency; a clear message if removed
            raise ImageError(msg("image.needs_heif")) from None
        register_heif_opener()
    with pillow_errors():
        im = _open(raw)
        kind = im.format or ""
        if kind == "GIF" and getattr(im, "is_animated", False):
            return render_image(raw, ".gif").data[0], ".gif"
        im.load()
    turn = _TURNS.get(im.getexif().get(0x0112, 1))
    lossless = kind in ("PNG", "GIF", "BMP", "TIFF") and im.mode not in ("CMYK",)
    wanted = "PNG" if lossless else "JPEG"
    web = _to_web_mode(im, wanted)
    web.thumbnail((ORIGINAL_SIDE, ORIGINAL_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    if turn is not None:
        web = web.transpose(turn)
    web.info = {}
    out = io.BytesIO()
    if wanted == "JPEG":
        web.save(out, "JPEG", quality=90)
    else:
        web.save(out, "PNG")
    return out.getvalue(), ".png" if wanted == "PNG" else ".jpg"


__all__ = ["WebImage", "clean_original", "render_image"]
