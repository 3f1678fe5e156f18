"""What a citizen sees, in Debian's chromium driven by Playwright.

Every page type at phone and desktop size (fits, reads at 16px or more, screenshot saved under
test-artifacts/), the journeys readers take, axe-core on every page type, the 适老化 reading
controls, pages without JavaScript, print, and what an article page costs to load.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml

from .conftest import ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}
PHONE, DESKTOP = VIEWPORTS["phone"], VIEWPORTS["desktop"]

# One page of every type the site has, in the sample portal.
PAGE_TYPES = {
    "home": "",
    "article": "news/2026/05/holiday-illegal-building-patrol/",
    "listing": "news/",
    "category": "news/category/zhifa/",
    "archive": "news/archive/",
    "month": "news/2026/05/",
    "editions": "meilijiayuan/",
    "edition": "meilijiayuan/1/",
    "qa-home": "qa/",
    "qa-domain": "qa/domain/lvhua/",
    "question": "qa/old-camphor-tree-moving/",
    "regulations": "regulations/",
    "regulation": "regulations/chengshi-lvhua-tiaoli/",
    "campaigns": "suggestions/",
    "campaign": "suggestions/xianyiji-2026/",
    "campaign-theme": "suggestions/xianyiji-2026/shi-rong-shi-mao/",
    "tracking": "tracking/",
    "subscribe": "subscribe/",
    "page": "about/",
    "404": "no/such/page/",
}


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
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


class _Site(http.server.SimpleHTTPRequestHandler):
    """A static host as the bureau's web server is set up: 404.html for any missing path."""

    def log_message(self, format: str, *args: object) -> None:
        pass

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
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    handler = functools.partial(_Site, directory=str(sample_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


NewPage = Callable[..., Any]


@pytest.fixture
def new_page(browser: Any, server: str) -> Iterator[NewPage]:
    """Open pages in fresh contexts (options as Playwright's new_context); none may leave the host."""
    contexts: list[Any] = []
    external: list[str] = []

    def open_page(**options: Any) -> Any:
        options.setdefault("viewport", PHONE)
        options.setdefault("locale", "zh-CN")
        context = browser.new_context(**options)
        context.on(
            "request",
            lambda r: None if r.url.startswith((server, "data:")) else external.append(r.url),
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    assert external == [], f"external requests: {external}"


@pytest.fixture
def page(new_page: NewPage) -> Any:
    return new_page()


def visit(page: Any, server: str, name: str) -> Any:
    response = page.goto(server + PAGE_TYPES[name])
    assert response.status == (404 if name == "404" else 200), name
    return response


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# Every visible run of text on the page, with its computed size. Charts are SVG drawings with a
# data table beside them, so their labels are not counted; nor is decoration hidden from
# assistive technology.
MEASURE = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || el.closest('svg, [aria-hidden="true"], .pt-visually-hidden, [hidden]')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.push(`${size}px ${el.tagName.toLowerCase()}.${el.className}: ${text.slice(0, 20)}`);
  }
  const body = [...document.querySelectorAll('.md-content .md-typeset p')]
    .map(p => parseFloat(getComputedStyle(p).fontSize));
  return {
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
    body: Math.min(...body),
    small: small,
    lang: document.documentElement.lang,
  };
}"""


def assert_readable(page: Any) -> dict[str, Any]:
    metrics: dict[str, Any] = page.evaluate(MEASURE)
    assert metrics["scroll"] <= metrics["width"], f"scrolls sideways: {metrics}"
    assert metrics["body"] >= 16, metrics
    assert metrics["small"] == [], metrics["small"]
    return metrics


LANDMARKS = """() => ({
  banner: document.querySelectorAll('body > header, body > div > header').length,
  main: document.querySelectorAll('main').length,
  contentinfo: document.querySelectorAll('body footer:not(article footer)').length,
  navs: [...document.querySelectorAll('nav')].map(n => n.getAttribute('aria-label')
    || document.getElementById(n.getAttribute('aria-labelledby'))?.textContent.trim()),
})"""


def assert_landmarks(page: Any) -> None:
    """One banner, one main, one contentinfo; every navigation region has a name."""
    roles = page.evaluate(LANDMARKS)
    assert roles["banner"] == 1 and roles["main"] == 1 and roles["contentinfo"] == 1, roles
    assert all(roles["navs"]), f"unlabelled navigation: {roles['navs']}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_types_fit_and_read(page: Any, server: str, name: str, viewport: str) -> None:
    page.set_viewport_size(VIEWPORTS[viewport])
    visit(page, server, name)
    metrics = assert_readable(page)
    assert metrics["lang"] == "zh-CN"
    assert page.locator("h1").first.is_visible()
    assert_landmarks(page)
    shot(page, f"{name}-{viewport}")


# --- Journeys ---------------------------------------------------------------------------------


def test_home_to_article_to_category_to_next_page(page: Any, server: str) -> None:
    page.goto(server)
    first = page.locator(".pt-home__news .pt-card__title a").first
    title = first.inner_text()
    first.click()
    assert page.locator("article.pt-article h1").inner_text() == title
    category = page.locator(".pt-article__header .pt-meta a").first
    name = category.inner_text()
    category.click()
    assert page.locator("article h1").first.inner_text() == name
    first_page = page.locator(".pt-card__title a").all_inner_texts()
    assert title in first_page
    page.locator(".pt-pager a[rel=next]").click()
    assert re.search(r"/news/category/[a-z]+/page/2/$", page.url), page.url
    assert "第 2 页" in page.locator(".pt-pager__status").inner_text()
    second_page = page.locator(".pt-card__title a").all_inner_texts()
    assert len(second_page) == 10 and not set(second_page) & set(first_page)


def _article_number(value: object) -> int:
    """24, "第24条" or "第二十四条" -> 24: how content cites an article."""
    text = str(value).removeprefix("第").removesuffix("条")
    if text.isdigit():
        return int(text)
    digits = dict(zip("一二三四五六七八九", range(1, 10), strict=True))
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char in "十百":
            total += (current or 1) * (10 if char == "十" else 100)
            current = 0
    return total + current


def _citing(law: str, article: int) -> set[str]:
    """Questions and articles in the sample content whose basis cites this article."""
    found = set()
    for folder, key in (("qa", "question"), ("articles", "title")):
        for path in (ROOT / "content" / folder).glob("*.md"):
            meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
            if meta.get("draft") or meta.get("status", "published") != "published":
                continue
            for cite in meta.get("basis") or []:
                if cite["law"] == law and _article_number(cite["article"]) == article:
                    found.add(meta[key])
    return found


def test_legal_desk_to_regulation_and_back(page: Any, server: str) -> None:
    page.goto(server + "qa/")
    page.locator(".pt-domains").get_by_role("link", name=re.compile("^城市绿化")).click()
    assert page.locator("h1").inner_text() == "城市绿化"
    question = page.locator(".pt-qlist a", has_text="老樟树")
    asked = question.inner_text()
    question.click()
    assert asked in page.locator("h1").inner_text()
    page.locator(".pt-basis a", has_text="第二十六条").click()
    assert page.url.endswith("/regulations/chengshi-lvhua-tiaoli/#art-26"), page.url
    heading = page.locator("#art-26")
    assert heading.inner_text().startswith("第二十六条")
    # The anchor lands in view, clear of the sticky header.
    box = heading.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["height"] <= box["y"] < PHONE["height"], (box, header)
    page.locator("#art-26 + .pt-cited a").click()
    page.wait_for_url(re.compile(r"#cited-art-26$"), timeout=10_000)
    cited = page.locator("#cited-art-26 + ul a").all_inner_texts()
    assert set(cited) == _citing("chengshi-lvhua-tiaoli", 26)
    assert len(cited) == 3
    page.locator("#cited-art-26 + ul a", has_text="老樟树").click()
    assert page.url.endswith("/qa/old-camphor-tree-moving/")


def test_feeds_linked_from_the_head_are_fetchable(page: Any, server: str) -> None:
    for name in ("home", "article", "qa-home", "regulations"):
        visit(page, server, name)
        links = page.eval_on_selector_all(
            "head link[rel=alternate]",
            "links => links.map(l => ({href: l.href, type: l.type, title: l.title}))",
        )
        types = {link["type"] for link in links}
        assert {"application/rss+xml", "application/atom+xml", "application/feed+json"} <= types
        for link in links:
            assert link["title"], link
            response = page.request.get(link["href"])
            assert response.status == 200, link
            if link["type"] == "application/feed+json":
                feed = json.loads(response.body())
                assert feed["version"].startswith("https://jsonfeed.org/version/1")
                assert feed["items"], link
            else:
                parsed = feedparser.parse(response.body())
                assert parsed.bozo == 0, (link, parsed.get("bozo_exception"))
                assert parsed.entries, link


def test_missing_page_is_404_in_chinese_with_ways_back(page: Any, server: str) -> None:
    visit(page, server, "404")
    assert page.title().startswith("页面不存在")
    assert page.locator("h1").inner_text() == "页面不存在"
    # Served deep in the tree, its styles and links still resolve from the site root.
    header = page.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert header == "rgb(11, 79, 156)"
    page.get_by_role("link", name="法律咨询台", exact=True).last.click()
    assert page.url == server + "qa/"
    page.go_back()
    page.get_by_role("link", name="返回首页").click()
    assert page.url == server


# --- Accessibility ----------------------------------------------------------------------------


def _axe(page: Any, rules: list[str] | None = None) -> list[dict[str, Any]]:
    if not AXE.is_file():
        message = "axe-core is not installed: npm ci --prefix tests/js"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    page.add_script_tag(path=str(AXE))
    options: dict[str, Any] = (
        {"runOnly": {"type": "rule", "values": rules}}
        if rules
        else {
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            }
        }
    )
    result: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def _serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


# Every page type on a phone, and the desktop layout (tabs, side navigation) on a few.
AXE_RUNS = [(name, "phone") for name in PAGE_TYPES] + [
    (name, "desktop") for name in ("home", "article", "qa-home", "regulation", "page")
]


@pytest.mark.parametrize(("name", "viewport"), AXE_RUNS)
def test_axe_finds_nothing_serious(
    new_page: NewPage, server: str, name: str, viewport: str
) -> None:
    # bypass_csp: the site's Content-Security-Policy rightly refuses the injected axe script.
    page = new_page(viewport=VIEWPORTS[viewport], bypass_csp=True)
    visit(page, server, name)
    violations = _axe(page)
    report = ARTIFACTS / "axe" / f"{name}-{viewport}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    summary = [
        {k: v[k] for k in ("id", "impact", "help")} | {"nodes": len(v["nodes"])} for v in violations
    ]
    report.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    assert _serious(violations) == []


def test_skip_link_is_first_and_lands_on_the_content(page: Any, server: str) -> None:
    for name in ("home", "article", "regulation"):
        visit(page, server, name)
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => ({skip: document.activeElement.classList.contains('pt-skip'),"
            " text: document.activeElement.textContent,"
            " top: document.activeElement.getBoundingClientRect().top})"
        )
        assert focused["skip"] and focused["text"] == "跳到正文", focused
        assert focused["top"] >= 0, "the skip link must show when focused"
        page.keyboard.press("Enter")
        # Following a same-page link is an asynchronous navigation in Chromium: on a loaded
        # machine the URL may not have changed yet when the key press returns.
        page.wait_for_url(re.compile(r"#pt-main$"), timeout=10_000)
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.md-content')")
        assert inside, f"{name}: Tab after the skip link left the content"


def test_focus_is_visible_on_everything_the_keyboard_reaches(page: Any, server: str) -> None:
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        visit(page, server, "article")
        seen = 0
        for _ in range(40):
            page.keyboard.press("Tab")
            ring = page.evaluate(
                """() => { const el = document.activeElement, s = getComputedStyle(el);
                  return {el: el.tagName + '.' + el.className + ' ' + el.textContent.trim().slice(0, 12),
                          outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0,
                          shadow: s.boxShadow}; }"""
            )
            if ring["el"].startswith("BODY"):
                continue
            seen += 1
            assert ring["outline"] >= 2 or ring["shadow"] != "none", ring
        assert seen >= 20


def test_colour_is_never_the_only_signal(page: Any, server: str) -> None:
    visit(page, server, "article")
    undecorated = page.eval_on_selector_all(
        ".pt-article__body a, .pt-meta a, .pt-card a",
        "links => links.filter(a => !getComputedStyle(a).textDecorationLine.includes('underline'))"
        ".map(a => a.textContent)",
    )
    assert undecorated == []
    visit(page, server, "regulations")
    badges = page.locator(".pt-badge").all_inner_texts()
    assert badges and all(re.match(r"^[✓✎✕◷]\s*\S", b) for b in badges), badges
    visit(page, server, "tracking")
    cells = page.locator(".pt-track--weeks tbody td.pt-num:not(:last-child)").all_inner_texts()
    assert cells and all(re.search(r"[✓✗—]", c) for c in cells)


def test_reduced_motion_is_respected(new_page: NewPage, server: str) -> None:
    probe = "() => [...document.querySelectorAll('.md-typeset a, .md-header, .md-tabs')].map(e => getComputedStyle(e).transitionDuration)"
    moving = new_page()
    moving.goto(server + PAGE_TYPES["article"])
    assert any(d != "0s" and not d.startswith("1e-05s") for d in moving.evaluate(probe))
    still = new_page(reduced_motion="reduce")
    still.goto(server + PAGE_TYPES["article"])
    durations = still.evaluate(probe)
    assert all(float(d.split(",")[0].removesuffix("s")) <= 0.0001 for d in durations), set(
        durations
    )
    assert still.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


# --- 适老化 reading controls --------------------------------------------------------------------


def _body_size(page: Any) -> float:
    size: float = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset p')).fontSize)"
    )
    return size


def test_reader_controls_by_keyboard_and_kept_across_pages(page: Any, server: str) -> None:
    visit(page, server, "article")
    base = _body_size(page)
    toggle = page.get_by_role("button", name="适老化")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    standard = page.get_by_role("radio", name="标准")
    assert standard.is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "0"
    page.keyboard.press("ArrowRight")  # radio buttons move and select with the arrow keys
    assert page.get_by_role("radio", name="大", exact=True).is_checked()
    assert page.evaluate("document.documentElement.dataset.ptSize") == "1"
    assert _body_size(page) == pytest.approx(base * 1.2, abs=0.5)
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("radio", name="特大").is_checked()
    assert _body_size(page) == pytest.approx(base * 1.45, abs=0.5)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.get_by_role("checkbox", name="高对比度").is_checked()
    assert page.evaluate("document.documentElement.dataset.ptContrast") == "high"
    assert page.get_by_role("status").inner_text() == "字号：特大，高对比度：开"
    page.keyboard.press("Escape")
    assert page.locator(".pt-reader__panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('pt-reader__toggle')")

    # Another page, and the same choice is there from the first paint.
    page.goto(server + PAGE_TYPES["question"])
    assert page.evaluate("document.documentElement.dataset.ptSize") == "2"
    assert (
        page.evaluate(
            "getComputedStyle(document.body).getPropertyValue('--md-default-fg-color').trim()"
        )
        == "#000"
    )
    page.get_by_role("button", name="适老化").click()
    assert page.get_by_role("radio", name="特大").is_checked()
    page.get_by_role("button", name="恢复默认").click()
    assert page.evaluate("document.documentElement.hasAttribute('data-pt-size')") is False
    assert page.get_by_role("radio", name="标准").is_checked()
    assert not page.get_by_role("checkbox", name="高对比度").is_checked()
    page.reload()
    assert _body_size(page) == pytest.approx(base, abs=0.01)


def test_system_contrast_preference_is_the_default(new_page: NewPage, server: str) -> None:
    page = new_page(contrast="more")
    visit(page, server, "home")
    assert page.evaluate("document.documentElement.dataset.ptContrast") == "high"
    page.get_by_role("button", name="适老化").click()
    assert page.get_by_role("checkbox", name="高对比度").is_checked()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_largest_text_and_high_contrast_still_fit(
    new_page: NewPage, server: str, name: str
) -> None:
    page = new_page(bypass_csp=True)
    page.add_init_script(
        "localStorage.setItem('portal.reader', JSON.stringify({size: '2', contrast: true}))"
    )
    visit(page, server, name)
    assert page.evaluate("document.documentElement.dataset.ptSize") == "2"
    metrics = assert_readable(page)
    # Body text 1.45 times its usual 18px; the smallest (meta lines at 0.9em) still above 23px.
    assert metrics["body"] >= 23
    if name in ("home", "article", "question", "regulation", "tracking"):
        assert _serious(_axe(page, ["color-contrast", "link-in-text-block"])) == []
        shot(page, f"{name}-phone-large-contrast")


# --- Without JavaScript, and on paper -----------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_works_without_javascript(new_page: NewPage, server: str, name: str) -> None:
    page = new_page(java_script_enabled=False, viewport=DESKTOP)
    visit(page, server, name)
    assert page.locator("h1").first.is_visible()
    text = page.locator(".md-content").inner_text()
    assert len(text) > 60, text
    tabs = page.locator(".md-tabs__link")
    assert tabs.count() >= 8 and tabs.first.is_visible()
    assert page.locator(".pt-search-form").is_visible()
    # Nothing to set without the script, so the reading controls stay out of the way.
    assert page.locator("[data-pt-reader]").is_hidden()
    page.set_viewport_size(PHONE)
    assert_readable(page)
    # On a phone Material's menu is a checkbox and a label: it opens without JavaScript.
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer = page.locator(".md-nav--primary").get_by_role("link", name="法律咨询台", exact=True)
    assert drawer.is_visible()


def test_listing_pages_without_javascript(new_page: NewPage, server: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(server + "news/")
    assert page.locator(".pt-card").count() == 10
    page.locator("a[rel=next]").first.click()
    assert page.url.endswith("/news/page/2/")
    assert page.locator(".pt-card").count() == 10


@pytest.mark.parametrize(
    "name", ["home", "article", "question", "regulation", "campaign", "tracking"]
)
def test_print_shows_content_not_chrome(new_page: NewPage, server: str, name: str) -> None:
    page = new_page(viewport=DESKTOP)
    visit(page, server, name)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer__inner', '.pt-skip',
                  '.pt-reader', '.pt-search-form', '.pt-pager', '.pt-prevnext']
          .flatMap(s => [...document.querySelectorAll(s)])
          .filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)"""
    )
    assert hidden == []
    # The site identity (网站标识) is printed with the page: an inspector files the paper.
    assert page.locator(".pt-identity").is_visible()
    assert page.locator("h1").first.is_visible()
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    )
    assert size >= 16
    external = page.eval_on_selector_all(
        ".md-typeset a[href^='http']:not(.pt-url):not(.pt-identity a)",
        "links => links.map(a => [a.href, getComputedStyle(a, '::after').content])",
    )
    for href, after in external:
        assert href.rstrip("/") in after, (href, after)
    if name in ("article", "regulation"):
        (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(ARTIFACTS / "print" / f"{name}.pdf"), format="A4")


def test_print_shows_where_external_links_go(new_page: NewPage, server: str) -> None:
    page = new_page()
    page.goto(server + PAGE_TYPES["regulation"])
    page.emulate_media(media="print")
    links = page.eval_on_selector_all(
        ".md-typeset a[href^='http']",
        "links => links.map(a => [a.className, getComputedStyle(a, '::after').content])",
    )
    assert links, "the regulation links its official text"
    # The official-text link shows its address as its text already; others get it added.
    assert all(after == "none" for cls, after in links if cls == "pt-url")


# --- Speed ------------------------------------------------------------------------------------

# What an article page may cost on a first visit, everything included (HTML, CSS, JS, icons).
ARTICLE_BUDGET = 400_000


def test_article_page_weight_and_no_external_requests(
    new_page: NewPage, server: str, sample_site: Path
) -> None:
    page = new_page()
    requests: list[Any] = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(server + PAGE_TYPES["article"], wait_until="networkidle")
    rows = []
    for request in requests:
        if request.url.startswith("data:"):
            continue
        response = request.response()
        sizes = request.sizes()
        path = request.url.removeprefix(server).split("#")[0].split("?")[0]
        file = sample_site / (path + "index.html" if path.endswith("/") or not path else path)
        raw = file.read_bytes() if file.is_file() else b""
        rows.append(
            {
                "url": path or "/",
                "status": response.status,
                "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                "gzip": len(gzip.compress(raw, 9, mtime=0)),
            }
        )
    total = sum(r["bytes"] for r in rows)
    report = {
        "page": PAGE_TYPES["article"],
        "requests": len(rows),
        "bytes": total,
        "gzip": sum(r["gzip"] for r in rows),
        "files": rows,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "article-weight.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    assert [r for r in rows if r["status"] >= 400] == []
    assert total < ARTICLE_BUDGET, report
    timing = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }"
    )
    assert timing["load"] < 3000, timing
