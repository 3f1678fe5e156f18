"""In chromium: the printable inspection report and the new pages pass axe; the footer's site
identity fits a 375 px phone and is printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main as portal_main

from .browser import launch_chromium, serve
from .conftest import ROOT
from .test_browser import _axe, _serious

pytestmark = pytest.mark.browser


def test_report_passes_axe_and_prints(sample_site: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    args = ["inspect", "-f", str(ROOT / "mkdocs.yml"), "-d", str(sample_site), "-o", str(report)]
    assert portal_main([*args, "--as-of", "2026-11-30"]) == 0
    with launch_chromium() as browser:
        for width in (375, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(report.as_uri())
            assert _serious(_axe(page)) == []
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"report scrolls sideways at {width} px"
            page.close()
        page = browser.new_page()
        page.goto(report.as_uri())
        page.emulate_media(media="print")
        assert page.get_by_role("table").count() == 3
        assert page.pdf(format="A4")[:4] == b"%PDF"


@pytest.mark.parametrize("path", ["sitemap/", "guides/", "guides/dog-registration/", "qa/"])
def test_new_pages_pass_axe(sample_site: Path, path: str) -> None:
    with launch_chromium() as browser, serve(sample_site) as base:
        page = browser.new_page(viewport={"width": 375, "height": 812}, bypass_csp=True)
        page.goto(base + path)
        assert _serious(_axe(page)) == []


def test_footer_identity_on_a_phone_and_in_print(sample_site: Path) -> None:
    with launch_chromium() as browser, serve(sample_site) as base:
        page = browser.new_page(viewport={"width": 375, "height": 812})
        page.goto(base + "suggestions/tingche-2026/")
        identity = page.locator(".pt-identity")
        assert identity.is_visible()
        box = identity.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        size = identity.locator("a").first.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
        assert size >= 16
        page.emulate_media(media="print")
        assert page.locator(".pt-identity").is_visible()
        assert "网站标识码：3307230000" in page.locator(".pt-identity").inner_text()
        assert not page.locator(".md-footer__inner").is_visible()
