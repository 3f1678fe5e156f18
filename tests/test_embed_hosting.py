"""The embeds where they are used: a server-side include in a real nginx, and both forms in
chromium with JavaScript off; and the 公众号排版 page's copy button."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import html5lib
import lxml.html
import pytest

from .test_browser import CHROMIUM_ARGS, chromium_path

SITE_URL = "https://cgj.wuyi.example.gov.cn/"
# A county portal page with its own global styles, the embed's style in its head by include.
HOST = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>武义县人民政府门户网站</title>
<!--#include virtual="/cgj/embed/style.inc.html" -->
<style>
body { font-family: serif; color: rgb(10, 20, 30); }
h2 { color: rgb(200, 0, 0); font-size: 30px; }
a { color: rgb(0, 128, 0); }
ul li { list-style: square; padding-left: 40px; }
</style>
</head>
<body>
<h2>部门动态</h2>
<ul><li><a href="/zwgk/">政务公开</a></li></ul>
<div style="width: 360px"><!--#include virtual="/cgj/embed/news.inc.html" --></div>
<iframe src="/cgj/embed/news.html" title="最新动态" width="360" height="420" style="border:0"></iframe>
</body>
</html>
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def county_portal(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx with `ssi on`, serving the host page at / and the bureau's site under /cgj/."""
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is required in CI: apt-get install -y nginx")
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    work = tmp_path_factory.mktemp("nginx")
    (work / "host").mkdir()
    (work / "host" / "index.html").write_text(HOST, encoding="utf-8")
    port = _free_port()
    temp = " ".join(
        f"{kind}_temp_path {work}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (work / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  {temp}
  types {{ text/html html; text/css css; application/json json; }}
  server {{
    listen 127.0.0.1:{port};
    root {work}/host;
    ssi on;
    location /cgj/ {{ alias {sample_site}/; ssi off; }}
  }}
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [nginx, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"nginx exited: {(work / 'error.log').read_text()}")
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_server_side_include_in_nginx(county_portal: str, sample_site: Path) -> None:
    with urllib.request.urlopen(county_portal, timeout=5) as response:
        page = response.read().decode("utf-8")
    assert "<!--#include" not in page  # nginx replaced both includes
    html5lib.HTMLParser(strict=True).parse(page)  # the assembled page is still valid HTML
    tree = lxml.html.fromstring(page)
    (style,) = tree.xpath("//head/style[contains(., '.portal-embed')]")
    assert style.text.strip() == (sample_site / "embed" / "embed.css").read_text("utf-8").strip()
    (embed,) = tree.xpath("//body//section[@class='portal-embed']")
    assert len(embed.cssselect(".portal-embed__item")) == 8
    assert all(h.startswith(SITE_URL) for h in embed.xpath(".//a/@href"))


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


STYLE_OF = """(selector) => { const s = getComputedStyle(document.querySelector(selector));
  return {color: s.color, size: s.fontSize, list: s.listStyleType, pad: s.paddingLeft}; }"""


@pytest.mark.browser
def test_embeds_without_javascript_leave_the_host_alone(
    browser: object, county_portal: str
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.route(
        SITE_URL + "**", lambda route: route.fulfill(body="<p>原文</p>", content_type="text/html")
    )
    page.goto(county_portal)
    # The host's own elements look as the host styled them.
    host_heading = page.evaluate(STYLE_OF, "body > h2")
    assert (host_heading["color"], host_heading["size"]) == ("rgb(200, 0, 0)", "30px")
    assert page.evaluate(STYLE_OF, "body > ul a")["color"] == "rgb(0, 128, 0)"
    assert page.evaluate(STYLE_OF, "body > ul li")["list"] == "square"
    # The included list looks as the embed's CSS says, whatever the host's element rules.
    heading = page.evaluate(STYLE_OF, ".portal-embed__heading")
    assert heading["color"] == "rgb(13, 71, 161)" and heading["size"] == "18px"
    item = page.evaluate(STYLE_OF, ".portal-embed__item")
    assert item["list"] == "none" and item["pad"] == "0px"
    assert page.evaluate(STYLE_OF, ".portal-embed__link")["color"] == "rgb(31, 41, 51)"
    assert page.locator(".portal-embed__item").count() == 8
    # The framed list: 8 items in the 420 px the README gives it, at 360 px wide.
    frame = page.frame_locator("iframe")
    assert frame.locator(".portal-embed__item").count() == 8
    inner = page.frames[1]
    assert inner.evaluate("document.documentElement.scrollHeight") <= 420
    # Nothing was requested but the host page, its include targets and the frame.
    assert all(r.startswith(county_portal) for r in requests), requests
    # A link in the frame opens in the page around it (base target _top), without script.
    first = frame.locator(".portal-embed__link").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url(href)
    assert page.url == href
    context.close()


@pytest.mark.browser
def test_copy_button_puts_the_copy_on_the_clipboard(
    browser: object, county_portal: str, sample_site: Path
) -> None:
    wechat = next((sample_site / "news").rglob("wechat/index.html"))
    url = county_portal + "cgj/" + wechat.relative_to(sample_site).parent.as_posix() + "/"
    context = browser.new_context(locale="zh-CN")  # type: ignore[attr-defined]
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=county_portal.rstrip("/")
    )
    page = context.new_page()
    page.goto(url)
    button = page.get_by_role("button", name="复制正文")
    button.click()
    assert page.get_by_role("status").text_content() == "已复制，请到公众号编辑器正文中粘贴。"
    html = page.evaluate(
        """async () => {
            const items = await navigator.clipboard.read();
            const blob = await items[0].getType("text/html");
            return await blob.text();
        }"""
    )
    copied = lxml.html.fromstring(html)
    (section,) = copied.xpath("//section[not(ancestor::section)]")
    assert section.get("style").startswith("font-size:16px")
    assert not copied.xpath("//@class | //@id | //script | //style")
    assert "阅读原文：" + SITE_URL in section.text_content()
    context.close()
