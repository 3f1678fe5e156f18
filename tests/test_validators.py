"""Tools nobody on this project wrote, on one page of every type of the sample site.

The Nu Html Checker (vnu, from npm `vnu-jar`, on Debian's Java) must report no error, and
HTML_CodeSniffer (`@pa11y/html_codesniffer`, the engine of pa11y's default runner, WCAG 2 AA)
no error either, beside axe-core in test_browser.py. Every page a browser shows names its
favicon, so no page asks the server for a missing /favicon.ico. Reports are kept in
test-artifacts/validators/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import material
import pytest

from generator.theme_patches import PATCHES

from .browser import launch_chromium, serve
from .conftest import ROOT

NODE_MODULES = ROOT / "tests" / "js" / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMLCS = NODE_MODULES / "@pa11y" / "html_codesniffer" / "build" / "HTMLCS.js"
ARTIFACTS = ROOT / "test-artifacts" / "validators"

# One whole page of every type the sample site has (SSI fragments, embed/*.inc.html, are
# pieces of other sites' pages and are left out).
PAGES = {
    "home": "index.html",
    "article": "news/2026/05/holiday-illegal-building-patrol/index.html",
    "wechat": "news/2026/05/holiday-illegal-building-patrol/wechat/index.html",
    "listing": "news/index.html",
    "listing-page": "news/page/2/index.html",
    "category": "news/category/zhifa/index.html",
    "archive": "news/archive/index.html",
    "month": "news/2026/05/index.html",
    "editions": "meilijiayuan/index.html",
    "edition": "meilijiayuan/1/index.html",
    "qa-home": "qa/index.html",
    "qa-domain": "qa/domain/lvhua/index.html",
    "question": "qa/old-camphor-tree-moving/index.html",
    "regulations": "regulations/index.html",
    "regulation": "regulations/chengshi-lvhua-tiaoli/index.html",
    "campaigns": "suggestions/index.html",
    "campaign": "suggestions/xianyiji-2026/index.html",
    "campaign-theme": "suggestions/xianyiji-2026/shi-rong-shi-mao/index.html",
    "interaction": "interaction/index.html",
    "annual-home": "annual/index.html",
    "annual": "annual/2026/index.html",
    "tracking": "tracking/index.html",
    "posters": "poster/index.html",
    "poster": "poster/2026-W47/index.html",
    "subscribe": "subscribe/index.html",
    "search": "search/index.html",
    "page": "about/index.html",
    "embed": "embed/news.html",
    "404": "404.html",
}


def _tool(path: Path, what: str) -> None:
    """Skip on a developer's machine without the tool; fail in CI, which installs it."""
    if path.is_file():
        return
    message = f"{what} is not installed: npm ci --prefix tests/js"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_every_page_type_is_in_the_sample(sample_site: Path) -> None:
    assert [name for name, path in PAGES.items() if not (sample_site / path).is_file()] == []


def test_theme_patches_find_their_text_in_the_installed_material() -> None:
    """A Material release that moves the text makes a patch a no-op: this says which."""
    templates = Path(material.__file__).parent / "templates"
    for patch in PATCHES:
        source = (templates / patch.template).read_text(encoding="utf-8")
        assert patch.old in source, (patch.template, patch.why)


def test_nu_html_checker_finds_no_error(sample_site: Path) -> None:
    _tool(VNU, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        if os.environ.get("CI"):
            pytest.fail("java is required in CI: apt-get install -y default-jre-headless")
        pytest.skip("java not installed (apt-get install -y default-jre-headless)")
    files = [str(sample_site / path) for path in PAGES.values()]
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(run.stdout)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "vnu.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    errors = [
        f"{m['url'].rsplit(str(sample_site), 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        f" ({m.get('extract', '').strip()[:80]})"
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
    assert run.returncode == 0, run.stderr


# HTML_CodeSniffer as pa11y runs it: the WCAG2AA standard, messages of type 1 are errors.
SNIFF = """() => new Promise((resolve, reject) => {
  HTMLCS.process('WCAG2AA', document, error => {
    if (error) { reject(error); return; }
    resolve(HTMLCS.getMessages().filter(m => m.type === 1).map(m => ({
      code: m.code,
      message: m.msg,
      element: m.element.outerHTML.slice(0, 160),
    })));
  });
})"""


@pytest.mark.browser
def test_html_codesniffer_finds_no_error_and_no_request_fails(sample_site: Path) -> None:
    _tool(HTMLCS, "@pa11y/html_codesniffer")
    found: dict[str, Any] = {}
    failed: dict[str, list[str]] = {}
    with launch_chromium() as browser, serve(sample_site) as server:
        for name, path in PAGES.items():
            # bypass_csp: the site's policy rightly refuses the injected checker.
            context = browser.new_context(
                viewport={"width": 375, "height": 812}, locale="zh-CN", bypass_csp=True
            )
            page = context.new_page()
            missing: list[str] = []
            page.on(
                "response",
                lambda r, missing=missing: missing.append(r.url) if r.status >= 400 else None,
            )
            url = server + path.removesuffix("index.html")
            page.goto(url, wait_until="networkidle")
            page.add_script_tag(path=str(HTMLCS))
            errors = page.evaluate(SNIFF)
            if errors:
                found[name] = errors
            if missing:
                failed[name] = missing
            if name != "embed":  # an embed is an iframe: browsers ask no icon for it
                assert page.locator('link[rel="icon"]').count() == 1, name
            context.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "html_codesniffer.json").write_text(
        json.dumps(found, ensure_ascii=False, indent=1)
    )
    assert found == {}
    assert failed == {}
