"""What a citizen sees, in Debian's chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI: apt-get install -y chromium")
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(sample_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(viewport=PHONE, locale="zh-CN")  # type: ignore[attr-defined]
    page = context.new_page()
    external: list[str] = []
    page.on(
        "request",
        lambda r: external.append(r.url) if not r.url.startswith((server, "data:")) else None,
    )
    yield page
    context.close()
    assert external == [], f"external requests: {external}"


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def assert_readable(page: object) -> None:
    metrics = page.evaluate(  # type: ignore[attr-defined]
        """() => ({
            scroll: document.documentElement.scrollWidth,
            width: window.innerWidth,
            font: Math.min(...[...document.querySelectorAll('.md-typeset p')]
                .map(p => parseFloat(getComputedStyle(p).fontSize))),
        })"""
    )
    assert metrics["scroll"] <= metrics["width"], metrics
    assert metrics["font"] >= 16, metrics


PAGE_TYPES = {
    "home": "",
    "news": "news/",
    "archive": "news/archive/",
    "meilijiayuan": "meilijiayuan/",
    "about": "about/",
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_types_fit_and_read(page: object, server: str, name: str, viewport: str) -> None:
    page.set_viewport_size(PHONE if viewport == "phone" else DESKTOP)  # type: ignore[attr-defined]
    page.goto(server + PAGE_TYPES[name])  # type: ignore[attr-defined]
    assert_readable(page)
    shot(page, f"{name}-{viewport}")


def test_home_to_article_to_category_to_next_page(page: object, server: str) -> None:
    p = page
    p.goto(server)  # type: ignore[attr-defined]
    first = p.locator(".pt-card__title a").first  # type: ignore[attr-defined]
    title = first.inner_text()
    first.click()
    assert p.locator("article.pt-article h1").inner_text() == title  # type: ignore[attr-defined]
    assert_readable(p)
    shot(p, "article-phone")
    p.set_viewport_size(DESKTOP)  # type: ignore[attr-defined]
    shot(p, "article-desktop")
    category = p.locator(".pt-meta a").first  # type: ignore[attr-defined]
    name = category.inner_text()
    category.click()
    assert p.locator("article h1").first.inner_text() == name  # type: ignore[attr-defined]
    p.goto(server + "news/")  # type: ignore[attr-defined]
    p.locator("a[rel=next]").first.click()  # type: ignore[attr-defined]
    assert p.url.endswith("/news/page/2/")  # type: ignore[attr-defined]
    assert "第 2 页" in p.locator(".pt-pager__status").inner_text()  # type: ignore[attr-defined]


def test_works_without_javascript(browser: object, server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)  # type: ignore[attr-defined]
    p = context.new_page()
    p.goto(server + "news/")
    assert p.locator(".pt-card").count() == 10
    p.locator("a[rel=next]").first.click()
    assert p.url.endswith("/news/page/2/")
    context.close()
