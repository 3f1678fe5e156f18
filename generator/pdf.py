"""HTML → PDF with headless Chromium (`portal poster`'s 宣传栏 sheets), reproducibly dated.

Why Chromium's print-to-PDF and not WeasyPrint: the same engine lays out the sheet for the
PDF, for the site's sheet page and for the browsers staff print from (Chrome, Edge and 360 are
all Chromium), so what fits one A4 page on screen fits it in the PDF; Debian's `chromium` is
already what the portal's browser tests need, and printing adds no Python dependency. Fonts
come from fontconfig in both (fonts-noto-cjk). The PDF's Chinese text is searchable:
Chromium writes /ActualText for the glyphs Noto CJK shares with the Kangxi radicals.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import re
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from generator.images import FORMATS, render_image
from generator.messages import msg
from generator.write import atomic_file

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Where Windows and macOS install Chrome and Edge, off PATH: an office PC always has Edge.
INSTALLED = (
    ("PROGRAMFILES", "Google/Chrome/Application/chrome.exe"),
    ("PROGRAMFILES(X86)", "Google/Chrome/Application/chrome.exe"),
    ("LOCALAPPDATA", "Google/Chrome/Application/chrome.exe"),
    ("PROGRAMFILES(X86)", "Microsoft/Edge/Application/msedge.exe"),
    ("PROGRAMFILES", "Microsoft/Edge/Application/msedge.exe"),
)
MAC_APPS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
)
PRINT_TIMEOUT = 120  # seconds; a sheet takes about one


class PrintError(Exception):
    """Chromium is missing or could not print."""


def find_browser(explicit: str | None = None) -> str:
    """The Chromium to print with: `explicit`, $PORTAL_CHROMIUM, the first on PATH, else
    Chrome or Edge where Windows or macOS installs them."""
    for name in (explicit, os.environ.get("PORTAL_CHROMIUM"), *BROWSERS):
        if name:
            found = shutil.which(name)
            if found:
                return found
    if explicit:
        raise PrintError(msg("pdf.no_such_browser", browser=explicit))
    for variable, rest in INSTALLED:
        folder = os.environ.get(variable)
        if folder and (Path(folder) / rest).is_file():
            return str(Path(folder) / rest)
    for app in MAC_APPS:
        if Path(app).is_file():
            return app
    raise PrintError(msg("pdf.no_browser"))


def data_uri(path: Path) -> str:
    """An image inlined, so the HTML file stands alone (mailed, copied, printed offline)."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    data = path.read_bytes()
    if path.suffix.lower() in FORMATS:
        # The web copy, as the site publishes it: no phone's GPS position goes to print.
        rendered = render_image(data, path.suffix)
        kind, data = rendered.media_type, rendered.data[0]
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def print_pdf(html: str, target: Path, browser: str, moment: datetime | None = None) -> None:
    """Print `html` to `target` with headless Chromium; the CSS sets A4 and the margins.

    Chromium stamps the PDF with the clock; the dates are rewritten to `moment` (the content's
    newest date or SOURCE_DATE_EPOCH), so the same content prints the same bytes.
    """
    with tempfile.TemporaryDirectory(prefix="portal-poster-") as work:
        page = Path(work) / "poster.html"
        page.write_text(html, encoding="utf-8")
        out = Path(work) / "poster.pdf"
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",  # the same, for Chromium before 111
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # there is no geteuid on Windows
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=PRINT_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            raise PrintError(msg("pdf.timeout", seconds=PRINT_TIMEOUT)) from None
        except OSError as exc:
            raise PrintError(msg("pdf.cannot_run", browser=browser, reason=exc)) from None
        if result.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-5:])
            raise PrintError(msg("pdf.failed", code=result.returncode, detail=tail))
        data = out.read_bytes()
    atomic_file(target, fix_dates(data, moment))


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def fix_dates(pdf: bytes, moment: datetime | None) -> bytes:
    """Replace the PDF's creation and modification dates, keeping every byte offset."""
    if moment is None:
        return pdf
    stamp = f"D:{moment.astimezone(UTC):%Y%m%d%H%M%S}+00'00'".encode("ascii")

    def replace(match: re.Match[bytes]) -> bytes:
        new = b"/" + match[1] + b" (" + stamp + b")"
        # Same length or not at all: the cross-reference table counts bytes.
        return new if len(new) == len(match[0]) else match[0]

    return _PDF_DATE.sub(replace, pdf)
