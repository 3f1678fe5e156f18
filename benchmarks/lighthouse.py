"""Lighthouse on the built sample: performance and accessibility as a citizen's phone sees them.

Builds the sample portal (SOURCE_DATE_EPOCH fixed), serves it on 127.0.0.1 with gzip as the
bureau's nginx does (deploy/), and runs the Lighthouse pinned in tests/js (npm ci --prefix
tests/js) against Debian's chromium with Lighthouse's default mobile emulation (Moto G power,
slow 4G, 4x CPU slowdown). Prints a table of scores, page weight and requests, fails when any
request leaves the host, and writes benchmarks/out/lighthouse.json. Too slow for the test
suite (about 15 s a page); tests/test_browser.py keeps a lighter weight-and-requests test.

    .venv/bin/python benchmarks/lighthouse.py            # the page types below
    .venv/bin/python benchmarks/lighthouse.py --pages article question
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "tests" / "js" / "node_modules" / ".bin" / "lighthouse"
OUT = REPO / "benchmarks" / "out"
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PAGES = {
    "home": "",
    "article": "news/2026/05/holiday-illegal-building-patrol/",
    "listing": "news/",
    "question": "qa/old-camphor-tree-moving/",
    "regulation": "regulations/chengshi-lvhua-tiaoli/",
    "campaign": "suggestions/xianyiji-2026/",
    "tracking": "tracking/",
}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".atom")


class _GzipSite(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip for text when the client asks, 404.html for missing paths."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Body:
    """The file-like object send_head returns, over bytes already compressed."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def build_sample(site: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1796011200", NO_MKDOCS_2_WARNING="1")
    portal = REPO / ".venv" / "bin" / "portal"
    command = [str(portal), "build", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--output=json",
        f"--output-path={report}",
    ]
    subprocess.run(command, check=True, env=env, timeout=180)
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def summarise(name: str, base: str, data: dict[str, Any]) -> dict[str, Any]:
    audits = data["audits"]
    requests = audits["network-requests"]["details"]["items"]
    external = [r["url"] for r in requests if not r["url"].startswith((base, "data:"))]
    failed = [r["url"] for r in requests if r.get("statusCode", 200) >= 400]
    below = sorted(
        key
        for key, audit in audits.items()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return {
        "page": name,
        "scores": {k: round(v["score"] * 100) for k, v in data["categories"].items()},
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "transfer_bytes": round(audits["total-byte-weight"]["numericValue"]),
        "requests": len([r for r in requests if not r["url"].startswith("data:")]),
        "external": external,
        "failed": failed,
        "below_90": below,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is not installed: npm ci --prefix tests/js")
    if not shutil.which(os.environ.get("CHROME_PATH", "/usr/bin/chromium")):
        sys.exit("chromium is not installed: apt-get install -y chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_sample(site)
        handler = functools.partial(_GzipSite, directory=str(site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        results = []
        try:
            for name in args.pages:
                data = run_lighthouse(base + PAGES[name], Path(tmp) / f"{name}.json")
                results.append(summarise(name, base, data))
        finally:
            httpd.shutdown()
            httpd.server_close()
    (OUT / "lighthouse.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    header = f"{'page':<11}{'perf':>5}{'a11y':>5}{'bp':>5}{'seo':>5}{'FCP ms':>8}{'LCP ms':>8}"
    print(header + f"{'TBT':>6}{'CLS':>7}{'KB':>7}{'req':>5}  below 90")
    for r in results:
        s = r["scores"]
        print(
            f"{r['page']:<11}{s['performance']:>5}{s['accessibility']:>5}{s['best-practices']:>5}"
            f"{s['seo']:>5}{r['fcp_ms']:>8}{r['lcp_ms']:>8}{r['tbt_ms']:>6}{r['cls']:>7}"
            f"{r['transfer_bytes'] / 1024:>7.1f}{r['requests']:>5}  {', '.join(r['below_90'])}"
        )
    bad = [
        (r["page"], r["external"] + r["failed"]) for r in results if r["external"] or r["failed"]
    ]
    if bad:
        print(f"external or failed requests: {bad}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
