"""deploy/nginx.conf in Debian's real nginx, serving the built sample; and the CSP it sends,
which every page of the sample satisfies (checked in every file, and in chromium per kind of
page).

nginx runs as the current user on 127.0.0.1 with a throwaway main config (pid, logs and temp
folders in tmp) that includes deploy/nginx.conf with only `root` and `listen` replaced.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import lxml.html
import material
import pytest

from generator.render.csp import header_policy, meta_policy

from .browser import launch_chromium
from .conftest import ROOT

CONF = ROOT / "deploy" / "nginx.conf"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
HOUR = "public, max-age=300"
YEAR = "public, max-age=31536000, immutable"
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is required in CI: apt-get install -y nginx")
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    return found


def portal_conf(site: Path, port: int) -> str:
    """deploy/nginx.conf with the test's root and port: the only two lines that change."""
    text = CONF.read_text(encoding="utf-8")
    text, roots = re.subn(r"(?m)^    root /var/www/portal/site;$", f"    root {site};", text)
    text, listens = re.subn(
        r"(?m)^    listen 80;\n    listen \[::\]:80;$", f"    listen 127.0.0.1:{port};", text
    )
    assert (roots, listens) == (1, 1), "deploy/nginx.conf: root or listen lines changed"
    return text


def main_conf(tmp: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives the file, with everything writable in tmp."""
    user = ""
    if os.geteuid() == 0:  # workers would run as nobody and could not read the tmp folder
        import grp
        import pwd

        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    temp = "\n".join(
        f"    {kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    temp += f"\n    uwsgi_temp_path {tmp / 'uwsgi'};\n    scgi_temp_path {tmp / 'scgi'};"
    return f"""\
daemon off;
worker_processes 1;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
{user}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp / "access.log"};
{temp}
    include {tmp / "portal.conf"};
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


@dataclass(frozen=True)
class Nginx:
    port: int
    site: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, **headers: str) -> Response:
        """GET without following redirects or decoding the body."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(
                "GET", "/" + path, headers={k.replace("_", "-"): v for k, v in headers.items()}
            )
            r = conn.getresponse()
            return Response(r.status, r.headers, r.read())
        finally:
            conn.close()


@pytest.fixture(scope="module")
def nginx(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    binary = nginx_binary()
    tmp = tmp_path_factory.mktemp("nginx")
    # The site through symlinks, beside dot-files a careless copy might bring along.
    root = tmp / "www"
    root.mkdir()
    for entry in sample_site.iterdir():
        (root / entry.name).symlink_to(entry)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (root / ".well-known").mkdir()
    (root / ".well-known" / "security.txt").write_text("Contact: mailto:x@example.org\n")
    port = free_port()
    (tmp / "portal.conf").write_text(portal_conf(root, port), encoding="utf-8")
    (tmp / "nginx.conf").write_text(main_conf(tmp), encoding="utf-8")
    args = [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
    checked = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (tmp / "error.log").read_text(errors="replace")
                    pytest.fail(f"nginx did not start: {log}")
                time.sleep(0.05)
        yield Nginx(port, sample_site)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    errors = (tmp / "error.log").read_text(errors="replace")
    assert "[emerg]" not in errors and "[crit]" not in errors, errors


def first(site: Path, pattern: str) -> str:
    """The site path of the first file matching `pattern`, in sorted order."""
    found = sorted(site.glob(pattern))
    assert found, f"no {pattern} in the built site"
    return found[0].relative_to(site).as_posix()


# -- pages and headers ----------------------------------------------------------------------
PAGES = ["", "news/", "news/page/2/", "qa/", "regulations/", "suggestions/", "subscribe/"]
PAGES += ["tracking/", "search/", "about/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_come_with_the_security_headers(nginx: Nginx, path: str) -> None:
    r = nginx.get(path)
    assert r.status == 200
    assert r.body == (nginx.site / path / "index.html").read_bytes()
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    assert r.header("Content-Security-Policy") == header_policy()
    assert r.header("X-Frame-Options") == "SAMEORIGIN"
    assert r.header("X-Content-Type-Options") == "nosniff"
    assert r.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert r.header("Permissions-Policy") == PERMISSIONS
    assert r.header("Cross-Origin-Opener-Policy") == "same-origin"
    assert r.header("Cache-Control") == HOUR
    assert r.header("Access-Control-Allow-Origin") is None
    assert r.header("Server") == "nginx"  # no version


def test_an_article_page(nginx: Nginx) -> None:
    path = first(nginx.site, "news/2026/*/*/index.html").removesuffix("index.html")
    r = nginx.get(path)
    assert (r.status, r.header("Content-Security-Policy")) == (200, header_policy())


def test_missing_pages_get_the_404_page_with_the_same_headers(nginx: Nginx) -> None:
    page = (nginx.site / "404.html").read_bytes()
    for path in ("no/such/page/", "news/2026/13/x/", "feeds/nope.xml", "x.csv"):
        r = nginx.get(path)
        assert r.status == 404, path
        assert r.body == page, path
        assert r.header("Content-Type") == "text/html; charset=utf-8"
        assert r.header("Content-Security-Policy") == header_policy()
        assert r.header("X-Content-Type-Options") == "nosniff"
    assert "<h1>页面不存在</h1>".encode() in page


def test_a_folder_without_its_slash_redirects_relative(nginx: Nginx) -> None:
    r = nginx.get("news")
    assert (r.status, r.header("Location")) == (301, "/news/")


def test_dot_files_are_not_served(nginx: Nginx) -> None:
    assert nginx.get(".git/config").status == 404
    assert nginx.get(".well-known/security.txt").status == 200


# -- types, compression, caching -------------------------------------------------------------
def test_content_types(nginx: Nginx) -> None:
    site = nginx.site
    expected = {
        "feeds/news.xml": "application/rss+xml; charset=utf-8",
        "feeds/news.atom": "application/atom+xml; charset=utf-8",
        "feeds/news.json": "application/feed+json; charset=utf-8",
        "feeds/feeds.opml": "text/x-opml; charset=utf-8",
        "sitemap.xml": "text/xml; charset=utf-8",
        first(site, "assets/stylesheets/main.*.min.css"): "text/css; charset=utf-8",
        first(site, "assets/javascripts/bundle.*.min.js"): "application/javascript; charset=utf-8",
        first(site, "tracking/*.csv"): "text/csv; charset=utf-8",
        first(site, "search/d/*.json"): "application/json; charset=utf-8",
        "assets/images/favicon.png": "image/png",
    }
    for path, content_type in expected.items():
        r = nginx.get(path)
        assert (r.status, r.header("Content-Type")) == (200, content_type), path
        assert r.body == (site / path).read_bytes(), path


def test_text_is_compressed_for_clients_that_accept_gzip(nginx: Nginx) -> None:
    site = nginx.site
    paths = [
        "news/",
        "feeds/news.xml",
        "feeds/news.atom",
        "feeds/news.json",
        "sitemap.xml",
        first(site, "assets/stylesheets/main.*.min.css"),
        first(site, "assets/javascripts/bundle.*.min.js"),
        first(site, "tracking/*.csv"),
    ]
    for path in paths:
        file = site / path / "index.html" if path.endswith("/") else site / path
        zipped = nginx.get(path, Accept_Encoding="gzip")
        assert zipped.header("Content-Encoding") == "gzip", path
        assert zipped.header("Vary") == "Accept-Encoding", path
        assert gzip.decompress(zipped.body) == file.read_bytes(), path
        if file.stat().st_size > 4096:
            assert len(zipped.body) < file.stat().st_size / 2, path
        plain = nginx.get(path)
        assert plain.header("Content-Encoding") is None, path
        assert plain.body == file.read_bytes(), path
    png = nginx.get("assets/images/favicon.png", Accept_Encoding="gzip")
    assert png.header("Content-Encoding") is None


def test_hashed_files_are_cached_for_a_year_everything_else_briefly(nginx: Nginx) -> None:
    site = nginx.site
    expected = {
        first(site, "assets/stylesheets/main.*.min.css"): YEAR,
        first(site, "assets/javascripts/bundle.*.min.js"): YEAR,
        first(site, "assets/javascripts/workers/search.*.min.js"): YEAR,
        first(site, "search/t/*.json"): YEAR,
        "search/manifest.json": HOUR,
        "assets/stylesheets/portal.css": HOUR,
        "assets/javascripts/material/base.js": HOUR,
        "assets/images/favicon.png": HOUR,
        "feeds/news.xml": HOUR,
        "sitemap.xml": HOUR,
        "": HOUR,
    }
    for path, cache in expected.items():
        r = nginx.get(path)
        assert (r.status, r.header("Cache-Control")) == (200, cache), path


def test_feeds_may_be_read_by_other_sites_scripts(nginx: Nginx) -> None:
    assert nginx.get("feeds/news.json").header("Access-Control-Allow-Origin") == "*"
    assert nginx.get("feeds/news.xml").header("Access-Control-Allow-Origin") == "*"
    assert nginx.get("news/").header("Access-Control-Allow-Origin") is None


# -- documents with a policy of their own ---------------------------------------------------
def _own_meta_policy(html: bytes) -> str:
    doc = lxml.html.fromstring(html)
    found = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert len(found) == 1
    return str(found[0])


def test_embeds_may_be_framed_under_their_own_policy(nginx: Nginx) -> None:
    path = first(nginx.site, "embed/[a-z]*[!c].html")  # a whole document, not an .inc fragment
    r = nginx.get(path)
    assert r.status == 200
    assert r.header("Content-Security-Policy") == (
        f"{_own_meta_policy(r.body)}; frame-ancestors 'self'"
    )
    assert r.header("X-Frame-Options") is None
    assert r.header("X-Content-Type-Options") == "nosniff"


def test_wechat_copies_may_carry_inline_styles_but_no_inline_script(nginx: Nginx) -> None:
    path = first(nginx.site, "news/*/*/*/wechat/index.html").removesuffix("index.html")
    policy = nginx.get(path).header("Content-Security-Policy")
    assert policy == header_policy().replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


# -- the policy every page satisfies ----------------------------------------------------------
DATA_SCRIPTS = {"application/json", "application/ld+json"}


def kind_of(path: str) -> str:
    """Pages of one kind share a template: news/2026/05/x/ and news/2026/06/y/ are alike."""
    path = re.sub(r"^news/\d+/\d+/[^/]+/", "news/N/N/ARTICLE/", path)
    path = re.sub(r"(?<=suggestions/)[^/]+/", "CAMPAIGN/", path)
    path = re.sub(r"(?<=CAMPAIGN/)[^/]+/", "THEME/", path)
    path = re.sub(r"(?<=regulations/)[^/]+/", "REGULATION/", path)
    path = re.sub(r"(?<=qa/domain/)[^/]+/", "DOMAIN/", path)
    path = re.sub(r"(?<=qa/)(?!domain/)[^/]+/", "QUESTION/", path)
    path = re.sub(r"(?<=category/)[^/]+(?=/|\.html)", "CATEGORY", path)
    return re.sub(r"\d+", "N", path)


def policy_kind(path: str) -> str:
    if re.search(r"(^|/)embed/.+\.html$", path):
        return "embed"
    if re.search(r"/wechat/index\.html$", path):
        return "wechat"
    return "page"


def csp_problems(path: str, html: bytes) -> list[str]:
    """What a browser would refuse in this page under the policy nginx sends for it."""
    doc = lxml.html.fromstring(html)
    kind = policy_kind(path)
    problems = []
    for script in doc.iter("script"):
        if script.get("src") is None and script.get("type") not in DATA_SCRIPTS:
            problems.append(f"inline script: {(script.text or '')[:60]!r}")
        src = script.get("src") or ""
        if re.match(r"(?i)\s*(https?:)?//", src):
            problems.append(f"script from another site: {src}")
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"<{element.tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and re.match(
                r"(?i)\s*javascript:", value
            ):
                problems.append(f"<{element.tag} {name}={value[:40]!r}>")
            if name == "style" and kind == "page":
                problems.append(f"<{element.tag} style=…>")
        if element.tag == "style" and kind == "page":
            problems.append("<style> element")
        if (
            element.tag == "link"
            and "stylesheet" in (element.get("rel") or "")
            and re.match(r"(?i)\s*(https?:)?//", element.get("href") or "")
        ):
            problems.append(f"stylesheet from another site: {element.get('href')}")
    if doc.xpath('//meta[@name="generator"][starts-with(@content, "mkdocs-")]'):
        metas = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
        if metas != [meta_policy()]:
            problems.append(f"<meta> policy {metas} is not {meta_policy()!r}")
    return problems


def site_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.name.endswith(".inc.html")  # fragments for another server's includes
    )


def test_every_page_satisfies_the_policy(sample_site: Path) -> None:
    problems = {}
    pages = site_pages(sample_site)
    for path in pages:
        found = csp_problems(path, (sample_site / path).read_bytes())
        if found:
            problems[path] = found
    assert len(pages) > 400
    assert problems == {}


def test_material_inline_scripts_are_moved_verbatim() -> None:
    """Our static copies of Material's inline scripts follow the installed Material."""
    ours = ROOT / "themes/portal/assets/javascripts/material"
    for name in ("base", "announce", "consent", "outdated", "palette"):
        theirs = (MATERIAL / f"{name}.html").read_text(encoding="utf-8")
        code = re.search(r"<script>(.*)</script>", theirs, re.S)
        assert code, name
        mine = (ours / f"{name}.js").read_text(encoding="utf-8").splitlines()[-1]
        expected = (
            code[1]
            .replace(
                'new URL("{{ config.extra.scope | d(base_url) }}",location)',
                "new URL(document.currentScript.dataset.mdScope,location)",
            )
            .replace(
                'new URL("{{ base_url }}")',
                "new URL(document.currentScript.dataset.mdBase,location)",
            )
        )
        assert "{{" not in expected, name
        assert mine == expected, name
    content = re.findall(r"<script>(.*?)</script>", (MATERIAL / "content.html").read_text())
    assert [
        (ours / f"{name}.js").read_text(encoding="utf-8").splitlines()[-1]
        for name in ("tabs-link", "content")
    ] == content


@pytest.mark.browser
def test_each_kind_of_page_loads_in_chromium_without_a_violation(nginx: Nginx) -> None:
    pages: dict[str, str] = {}
    for path in site_pages(nginx.site):
        pages.setdefault(kind_of(path), path)
    pages["404"] = "no/such/page/"
    report: dict[str, list[str]] = {}
    with launch_chromium() as browser:
        context: Any = browser.new_context(locale="zh-CN")
        context.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            "`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"
        )
        # Absolute links to the site's public address (the WeChat copies) stay off the network.
        context.route(
            re.compile(r"^(?!http://127\.0\.0\.1:\d+/|data:)"), lambda route: route.abort()
        )
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda m: messages.append(m.text))
        page.on("pageerror", lambda e: messages.append(f"uncaught: {e}"))
        page.on("dialog", lambda d: (messages.append(f"dialog: {d.message}"), d.dismiss()))
        for kind, path in sorted(pages.items()):
            messages.clear()
            page.goto(nginx.url + path.removesuffix("index.html"))
            page.wait_for_timeout(100)
            found = page.evaluate("window.__violations") + [
                m
                for m in messages
                if "Content Security Policy" in m
                or "Permissions-Policy" in m
                or m.startswith(("uncaught", "dialog"))
            ]
            if found:
                report[f"{kind} ({path})"] = found
        context.close()
    assert len(pages) > 25
    assert report == {}
