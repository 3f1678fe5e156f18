"""What an article page with photos costs a phone: under 600 KB at 375 px, measured in chromium.

The candidates are the sample's article pages whose photos weigh most (the page and its 800 px
copies); each is loaded in a fresh context at 1x and at 3x, scrolled to the end so every lazy
photo loads, and every response is counted.
The figures go to test-artifacts/photo-page-weight.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .browser import launch_chromium, serve
from .conftest import ROOT

pytestmark = pytest.mark.browser

BUDGET = 600_000  # bytes transferred, everything included
# A 375 px screen at 1x picks the 400 px copy; at 3x (most phones) the 1,600 px one.
SCALES = (1, 3)
PHONE = {"width": 375, "height": 812}
_SRCSET = re.compile(r'srcset="([^"]+)"')


def _heaviest(site: Path, count: int = 3) -> list[str]:
    """Article pages by the bytes of the photos a phone would fetch, heaviest first."""
    weights = []
    for page in (site / "news").glob("20*/*/*/index.html"):
        html = page.read_text(encoding="utf-8")
        total = len(html.encode())
        for srcset in _SRCSET.findall(html):
            # "a.400w.jpg 400w, a.800w.jpg 800w, a.jpg 1600w": the 800 px copy at 375 px.
            candidates = [c.strip().split(" ")[0] for c in srcset.split(",")]
            chosen = next((c for c in candidates if ".800w." in c), candidates[-1])
            total += (page.parent / chosen).resolve().stat().st_size
        if "<figure>" in html or "srcset=" in html:
            weights.append((total, page.parent.relative_to(site).as_posix() + "/"))
    return [path for _, path in sorted(weights, reverse=True)[:count]]


def test_heaviest_photo_pages_stay_under_600_kb_on_a_phone(sample_site: Path) -> None:
    pages = _heaviest(sample_site)
    assert pages, "the sample has article pages with photos"
    report = []
    with launch_chromium() as browser, serve(sample_site) as base:
        for path, scale in ((p, s) for p in pages for s in SCALES):
            context = browser.new_context(viewport=PHONE, device_scale_factor=scale)
            page = context.new_page()
            sizes: dict[str, int] = {}

            def finished(request: object, sizes: dict[str, int] = sizes) -> None:
                got = request.sizes()  # type: ignore[attr-defined]
                sizes[request.url] = got["responseBodySize"] + got["responseHeadersSize"]  # type: ignore[attr-defined]

            page.on("requestfinished", finished)
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            photos = {u: n for u, n in sizes.items() if re.search(r"\.(jpe?g|png|webp|gif)$", u)}
            report.append(
                {
                    "page": path,
                    "device_scale_factor": scale,
                    "requests": len(sizes),
                    "bytes": sum(sizes.values()),
                    "photos": len(photos),
                    "photo_bytes": sum(photos.values()),
                    "files": sizes,
                }
            )
            context.close()
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "photo-page-weight.json").write_text(json.dumps(report, indent=1))
    for scale in SCALES:
        measured = [r for r in report if r["device_scale_factor"] == scale]
        heaviest = max(measured, key=lambda r: r["bytes"])
        assert heaviest["photos"] >= 2, heaviest
        assert heaviest["bytes"] < BUDGET, heaviest
    # On a plain 375 px screen the phone copies are chosen, never the 1,600 px originals.
    plain = [u for r in report if r["device_scale_factor"] == 1 for u in r["files"]]
    assert not [u for u in plain if re.search(r"/\d+\.jpg$", u)]
