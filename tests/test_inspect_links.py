"""链接可用性: internal links and anchors in the built site; external links with --online,
against a local HTTP server (loopback only) that answers 200, 404, 500, a redirect loop and
too late."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.inspect.links import check_external, links, site_links


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/missing":
            self.send_response(404)
        elif self.path == "/broken":
            self.send_response(500)
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop-again" if self.path == "/loop" else "/loop")
        elif self.path == "/slow":
            time.sleep(4)
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def page(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def make_site(site: Path, base: str) -> None:
    page(site, "index.html", '<a href="news/">新闻</a><a href="news/#top-story">头条</a>')
    page(
        site,
        "news/index.html",
        '<h2 id="top-story">头条</h2><a href="../">首页</a><a href="../missing/">坏</a>'
        '<a href="#nowhere">锚点</a><a href="https://example.gov.cn/news/">本站</a>'
        f'<a href="{base}/ok">好</a><a href="{base}/missing">404</a><a href="{base}/broken">500</a>'
        f'<a href="{base}/loop">循环</a><a href="{base}/slow">慢</a>'
        '<a href="mailto:a@b.cn">信</a><a href="tel:12345">电话</a>'
        '<code>&lt;a href="nothing/"&gt;</code>',
    )


def test_internal_links_and_anchors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_site(site, "http://127.0.0.1:9")
    broken, external = site_links(site, "https://example.gov.cn/")
    assert [str(b) for b in broken] == [
        "news/index.html: ../missing/（页面不存在）",
        "news/index.html: #nowhere（页面中没有锚点 #nowhere）",
    ]
    assert len(external) == 5  # the site's own absolute address is internal


def test_offline_lists_external_links_as_unchecked(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_site(site, "http://127.0.0.1:9")
    item = links(site, "https://example.gov.cn/", online=False, cache_dir=None)
    assert item.line == (
        "不合格 [扣分] 链接可用性：站内链接和锚点不可用 2 处；外部链接 5 个未检查（加 --online 检查）"
    )
    assert "未检查: http://127.0.0.1:9/missing" in item.evidence


def test_online_checks_each_answer(tmp_path: Path, server: str) -> None:
    urls = [f"{server}/{p}" for p in ("ok", "missing", "broken", "loop", "slow")]
    cache = tmp_path / "cache"
    states = check_external(urls, cache, timeout=1.5)
    assert states == {
        f"{server}/ok": "ok",
        f"{server}/missing": "HTTP 404",
        f"{server}/broken": "HTTP 500",
        f"{server}/loop": "重定向循环",
        f"{server}/slow": "1.5 秒内没有响应",
    }
    # Answers are kept for a day: a second run asks nothing (the server is gone).
    assert check_external(urls, cache, timeout=1.5, now=time.time() + 3600) == states
    later = check_external([f"{server}/ok"], cache, timeout=1.5, now=time.time() + 90000)
    assert later == {f"{server}/ok": "ok"}  # older than a day: asked again


def test_online_item(tmp_path: Path, server: str) -> None:
    site = tmp_path / "site"
    make_site(site, server)
    item = links(site, "https://example.gov.cn/", online=True, cache_dir=None, timeout=1.5)
    assert item.line == (
        "不合格 [扣分] 链接可用性：站内链接和锚点不可用 2 处；外部链接 5 个，不可用 4 个"
    )
    assert f"news/index.html: {server}/loop（重定向循环）" in item.evidence, item.evidence


def test_clean_site_passes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    page(site, "index.html", '<a href="news/#top">新闻</a><a href="./">首页</a>')
    page(site, "news/index.html", '<h1 id="top">新闻</h1><a href="../">首页</a>')
    item = links(site, "https://example.gov.cn/", online=False, cache_dir=None)
    assert item.line == ("合格 [扣分] 链接可用性：站内链接和锚点不可用 0 处；没有外部链接")
