"""Finding one's way, in chromium at phone and desktop width (issue 20): the menu shows where a
page belongs, breadcrumbs lead back up, and the things a resident taps or reads on a phone
(numbers, dates, feed addresses, the annual table, charts) come out whole.

Screenshots of what is checked go to test-artifacts/screenshots/wayfinding-*.png.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import launch_chromium, serve
from .test_browser import DESKTOP, PHONE, SCREENSHOTS, VIEWPORTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def open_page(chromium: Any) -> Iterator[Callable[..., Any]]:
    """Pages in fresh contexts (Playwright's new_context options), a desktop window unless told."""
    contexts: list[Any] = []

    def open_(**options: Any) -> Any:
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "zh-CN")
        contexts.append(chromium.new_context(**options))
        return contexts[-1].new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: Callable[..., Any]) -> Any:
    return open_page()


# An inner page of every kind, and the menu entry it belongs to.
SECTIONS = {
    "news/2026/05/holiday-illegal-building-patrol/": "新闻动态",
    "news/category/zhifa/": "新闻动态",
    "news/page/3/": "新闻动态",
    "news/tag/": "新闻动态",
    "meilijiayuan/1/": "美丽家园",
    "qa/old-camphor-tree-moving/": "法律咨询台",
    "qa/domain/lvhua/": "法律咨询台",
    "interaction/": "法律咨询台",
    "regulations/chengshi-lvhua-tiaoli/": "法规摘要",
    "suggestions/xianyiji-2026/": "问计于民",
    "suggestions/xianyiji-2026/shi-rong-shi-mao/": "问计于民",
    "annual/2026/": "关于我们",
}

CURRENT = """() => ({
  tabs: [...document.querySelectorAll('.md-tabs__item--active')].map(e => e.textContent.trim()),
  drawer: [...document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item--active')]
    .map(e => e.querySelector('.md-nav__link').textContent.trim()),
})"""


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"wayfinding-{name}.png"), full_page=True)


@pytest.mark.parametrize("url", list(SECTIONS))
def test_the_menu_shows_the_section_of_every_inner_page(page: Any, base: str, url: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(base + url)
    current = page.evaluate(CURRENT)
    assert current["tabs"] == [SECTIONS[url]], current
    tab = page.locator(".md-tabs__item--active .md-tabs__link")
    assert tab.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    # On a phone the menu is the drawer: the same section is marked there.
    page.set_viewport_size(PHONE)
    assert page.evaluate(CURRENT)["drawer"] == [SECTIONS[url]]


BREADCRUMB = """() => {
  const crumbs = [...document.querySelectorAll('nav.pt-crumbs li a')].map(a => a.textContent.trim());
  const lists = [...document.querySelectorAll('script[type="application/ld+json"]')]
    .map(s => JSON.parse(s.textContent)).filter(d => d['@type'] === 'BreadcrumbList');
  return {crumbs, lists, canonical: document.querySelector('link[rel=canonical]').href,
          title: document.querySelector('h1').textContent.trim()};
}"""


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        ("news/2026/05/holiday-illegal-building-patrol/", ["首页", "新闻动态", "执法动态"]),
        ("qa/old-camphor-tree-moving/", ["首页", "法律咨询台", "城市绿化"]),
        ("regulations/chengshi-lvhua-tiaoli/", ["首页", "法规摘要"]),
    ],
)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_breadcrumbs_with_structured_data(
    page: Any, base: str, url: str, trail: list[str], viewport: str
) -> None:
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base + url)
    found = page.evaluate(BREADCRUMB)
    assert found["crumbs"] == trail
    assert page.locator("nav.pt-crumbs").is_visible()
    (data,) = found["lists"]
    items = data["itemListElement"]
    assert [i["position"] for i in items] == list(range(1, len(trail) + 2))
    assert [i["name"] for i in items[:-1]] == trail
    assert items[0]["item"] == "https://cgj.wuyi.example.gov.cn/"
    assert items[-1]["item"] == found["canonical"]
    assert found["title"].endswith(items[-1]["name"])
    # Each crumb leads where its structured data says.
    page.locator("nav.pt-crumbs a").nth(1).click()
    assert page.url.removeprefix(base) == items[1]["item"].split(".cn/")[1]


def test_home_title_once_and_reader_button_in_words(page: Any, base: str) -> None:
    page.goto(base)
    assert page.title() == "武义县综合行政执法局"
    page.set_viewport_size(PHONE)
    toggle = page.locator(".pt-reader__toggle")
    assert toggle.inner_text().strip() == "适老化"
    # The site's name still fits the phone's header whole.
    title = page.locator(".md-header__topic").first
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


LINE_BREAKS = """els => els.map(el => {
  // The characters after which the browser broke the line.
  const text = el.textContent, breaks = [];
  const range = document.createRange();
  let top = null, node = null, offset = 0;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (node = walker.nextNode(); node; node = walker.nextNode()) {
    for (offset = 0; offset < node.length; offset++, seen++) {
      range.setStart(node, offset); range.setEnd(node, offset + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (top !== null && rect.top > top + 2) breaks.push(text[seen - 1]);
      top = rect.top;
    }
  }
  return {text, breaks, lines: el.getClientRects().length};
})"""


def test_subscribe_page_on_a_phone(open_page: Callable[..., Any], base: str) -> None:
    page = open_page(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.goto(base + "subscribe/")
    urls = page.eval_on_selector_all(".pt-feed__formats .pt-feed__url", LINE_BREAKS)
    assert len(urls) == 33
    for url in urls:
        assert url["text"].startswith("https://cgj.wuyi.example.gov.cn/feeds/"), url
        assert set(url["breaks"]) <= {"/"}, url  # never inside a word
    headings = page.locator(".pt-feed h3").all_inner_texts()
    assert headings[0] == "全部新闻" and not any("武义县" in h for h in headings)
    first = page.locator(".pt-feed").first
    assert first.bounding_box()["height"] < 260
    first.locator(".pt-copy").first.click()
    page.wait_for_function("() => document.querySelector('[data-pt-copy-live]').textContent")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "https://cgj.wuyi.example.gov.cn/feeds/news.xml"
    _shot(page, "subscribe-phone")


def test_subscribe_page_without_javascript(open_page: Callable[..., Any], base: str) -> None:
    page = open_page(java_script_enabled=False)
    page.goto(base + "subscribe/")
    assert page.locator(".pt-copy").first.is_hidden()
    assert page.locator(".pt-feed__url").first.get_attribute("href") == "../feeds/news.xml"


def test_pager_numbers_and_prev_next_order(page: Any, base: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(base + "news/")
    pages = page.locator(".pt-pager__pages li").all_inner_texts()
    assert pages[:3] == ["1", "2", "3"] and pages[-2] == "…" and pages[-1].isdigit()
    page.goto(base + "news/page/12/")
    pages = page.locator(".pt-pager__pages li").all_inner_texts()
    assert pages[1] == "…" and pages[-2] == "…" and "12" in pages
    page.goto(base + "news/2026/06/shopfront-vs-street-stall/")
    links = page.locator(".pt-prevnext a span").all_inner_texts()
    assert links == ["上一篇", "下一篇"]
    older, newer = (page.locator(f".pt-prevnext__{k}").bounding_box() for k in ("older", "newer"))
    assert older["x"] < newer["x"]
    page.set_viewport_size(PHONE)
    older, newer = (page.locator(f".pt-prevnext__{k}").bounding_box() for k in ("older", "newer"))
    assert older["y"] < newer["y"]


@pytest.mark.parametrize(
    "url",
    [
        "",
        "contact/",
        "news/2026/05/holiday-illegal-building-patrol/",
        "qa/old-camphor-tree-moving/",
    ],
)
def test_phone_numbers_are_whole_tel_links(page: Any, base: str, url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base + url)
    links = page.eval_on_selector_all(
        "a[href^='tel:']",
        "els => els.filter(e => e.getClientRects().length).map(e => ({"
        "href: e.getAttribute('href'), text: e.textContent, lines: e.getClientRects().length}))",
    )
    assert links, url
    for link in links:
        assert link["lines"] == 1, link
        digits = "".join(c for c in link["text"] if c.isdigit())
        href = "".join(c for c in link["href"] if c.isdigit())
        assert href == digits, link
    # No telephone number is left as plain text.
    plain = page.evaluate(
        r"""() => [...document.querySelectorAll('.md-content, .md-footer')].flatMap(root => {
          const out = [], walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode())
            if (!n.parentElement.closest('a, script, code')
                && /0\d{2,3}-\d{7,8}/.test(n.textContent)) out.push(n.textContent.trim());
          return out; })"""
    )
    assert plain == []


@pytest.mark.parametrize(
    "url", ["regulations/", "meilijiayuan/", "news/", "qa/", "suggestions/xianyiji-2026/"]
)
def test_dates_and_units_do_not_wrap_on_a_phone(page: Any, base: str, url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base + url)
    split = page.eval_on_selector_all(
        ".md-content time, .md-content .pt-unit",
        "els => els.filter(e => e.getClientRects().length > 1).map(e => e.textContent)",
    )
    assert split == []


def test_tags_lead_to_their_pages(page: Any, base: str) -> None:
    page.goto(base + "news/2026/05/holiday-illegal-building-patrol/")
    title = page.locator("h1").inner_text()
    tag = page.locator(".pt-tags a.pt-tag").last  # 五一假期: one page of pieces
    name = tag.inner_text()
    tag.click()
    assert page.locator("h1").inner_text() == f"标签：{name}"
    assert title in page.locator(".pt-card__title").all_inner_texts()
    page.goto(base + "news/tag/")
    assert page.locator(".pt-tagcloud a").count() > 100


def test_question_page_says_legal_basis_once(page: Any, base: str) -> None:
    page.goto(base + "qa/old-camphor-tree-moving/")
    headings = page.locator(".md-content h2").all_inner_texts()
    assert headings.count("法律依据") == 1, headings
    assert page.locator(".pt-basis a").count() == 2


def test_questions_start_on_the_first_screen_of_a_phone(page: Any, base: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base + "qa/")
    assert page.locator(".pt-domains a").count() == 9
    first = page.locator(".pt-qlist a").first.bounding_box()
    assert first["y"] < 812, first
    _shot(page, "qa-phone")


def test_annual_table_on_a_phone(page: Any, base: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base + "annual/2026/")
    row = page.locator(".pt-annual tr", has=page.locator("[data-figure='messages.mean_days']"))
    value = row.locator("td.pt-num").inner_text()
    assert value.endswith(" 天") and value[0].isdigit()
    rule = row.locator(".pt-annual__rule")
    box = rule.bounding_box()
    assert rule.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    _shot(page, "annual-phone")


SVG_TEXT = """() => [...document.querySelectorAll('svg text')].filter(t => {
    const r = t.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
  .map(t => { const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); })"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(
    "url", ["tracking/", "annual/2026/", "interaction/", "suggestions/xianyiji-2026/"]
)
def test_chart_labels_read_at_12px(page: Any, base: str, url: str, viewport: str) -> None:
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base + url)
    sizes = page.evaluate(SVG_TEXT)
    assert all(size >= 11.95 for size in sizes), min(sizes)
    if viewport == "desktop":
        assert sizes  # the charts are there where they fit
    # Wherever a chart steps aside, the table beside it is there.
    assert page.locator(".pt-chart-pair table").first.is_visible()


@pytest.mark.parametrize("url", ["tracking/", "annual/2026/", "annual/"])
def test_rules_in_words_a_citizen_reads(page: Any, base: str, url: str) -> None:
    page.goto(base + url)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = page.locator(".md-content").inner_text()
    for code in ("status:", "published", "received", "replied", "since", "opened", "campaign.yml"):
        assert code not in text, code
    assert json.loads(json.dumps(text))  # the page has text at all
