"""What a reader's first Chinese search downloads, measured in chromium.

The built site is served on 127.0.0.1 by Python's http.server (no compression), the search
page opened on a phone-sized viewport, and each query typed into it in a fresh page, as a
reader who has just arrived would. Every response after the page loaded counts, and the
search script too (it is fetched for the search, not for the page). Sizes are the bytes on
the wire without compression, and what gzip at level 6 makes of the same files (what
deploy/nginx.conf sends).

Needs Playwright (the test extra) and Debian's chromium; returns None without them.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

QUERIES = ("违法行为", "占道经营", "养犬登记")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _gzip_size(site: Path, url: str) -> int:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    try:
        return len(gzip.compress(path.read_bytes(), 6, mtime=0))
    except OSError:
        return 0


def first_queries(site: Path, queries: Sequence[str] = QUERIES) -> dict[str, Any] | None:
    """{query: {"bytes", "gzip_bytes", "requests", "results"}} and the largest of each."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None or not (site / "search" / "index.html").is_file():
        return None
    measured: dict[str, Any] = {}
    with _serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                # A fresh context each time: nothing cached, as for a reader who just arrived.
                context = browser.new_context(
                    viewport={"width": 375, "height": 812}, locale="zh-CN"
                )
                try:
                    measured[query] = _query(context, base, site, query)
                finally:
                    context.close()
        finally:
            browser.close()
    return {
        "queries": measured,
        "max_bytes": max(m["bytes"] for m in measured.values()),
        "max_gzip_bytes": max(m["gzip_bytes"] for m in measured.values()),
        "external_requests": sum(m["external"] for m in measured.values()),
    }


def _query(context: Any, base: str, site: Path, query: str) -> dict[str, Any]:
    page = context.new_page()
    finished: list[Any] = []  # sizes are asked for after the page settled, before it closes
    external: list[str] = []
    page.on("requestfinished", lambda r: finished.append(r))
    page.on("request", lambda r: None if r.url.startswith(base) else external.append(r.url))
    page.goto(f"{base}search/")
    page.wait_for_load_state("networkidle")
    start = len(finished)
    page.fill("#pt-search-page-q", query)
    page.press("#pt-search-page-q", "Enter")
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-pt-status]').textContent;"
        " return s && !s.includes('正在'); }"
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => document.querySelector('[data-pt-status]').textContent.startsWith('没有')"
        " || document.querySelectorAll('.pt-result').length > 0"
    )
    page.wait_for_load_state("networkidle")
    results = page.eval_on_selector_all(".pt-result", "els => els.length")
    fetched = [(r.url, r.sizes()["responseBodySize"]) for r in finished]
    page.close()
    counted = [(u, s) for u, s in fetched[:start] if "portal-search" in u] + fetched[start:]
    return {
        "bytes": sum(size for _, size in counted),
        "gzip_bytes": sum(_gzip_size(site, url) for url, _ in counted),
        "requests": len(counted),
        "results": results,
        "external": len(external),
    }
