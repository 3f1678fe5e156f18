"""MkDocs' own `mkdocs serve` (and properdocs' `properdocs serve`): content with errors is
shown at every address as the problem page `portal serve` shows, and MkDocs' own rebuild
brings the site back once the file is fixed. `mkdocs build` still stops, with the list.

The servers run as staff run them (a process of their own on a free port); the tests ask them
over HTTP, polling until a deadline (a build of the sample takes seconds to minutes on a busy
machine), and assert what is served, not how fast.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE_EPOCH, WritePortal

STARTUP_S = 600  # a cold build of the sample on a busy shared machine
BUILD_S = 300
SAMPLE_ARTICLE = "content/articles/2026-05-06-shuxi-bridge-holiday-order.md"
SAMPLE_PAGE = "news/2026/05/shuxi-bridge-holiday-order/"
BROKEN_TITLE = 'title: "县城管局开展"净化"行动"'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(root: Path, tool: str, lines: list[str]) -> Iterator[str]:
    """`<tool> serve` for the portal at `root`; yields its base URL. What it logs is
    appended to `lines` as it comes."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=SAMPLE_EPOCH, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    address = f"127.0.0.1:{_free_port()}"
    executable = Path(sys.executable).parent / tool
    proc = subprocess.Popen(
        [str(executable), "serve", "-f", str(root / "mkdocs.yml"), "-a", address],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    assert proc.stderr is not None
    stream = proc.stderr
    came: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.append(line)
            came.put(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                line = came.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"{tool} serve did not start: {''.join(lines)}")
            if f"Serving on http://{address}/" in line:
                yield f"http://{address}/"
                break
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(timeout=20)
        stream.close()


def fetch(url: str) -> tuple[int, str]:
    """The status and page at `url`; MkDocs' server answers a missing file with 404.html."""
    try:
        with urllib.request.urlopen(url, timeout=BUILD_S) as response:
            return int(response.status), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def until(what: Callable[[], tuple[int, str]], ok: Callable[[str], bool], why: str) -> str:
    """Ask again (each answer waits for a running build) until `ok`, or fail at the deadline."""
    deadline = time.monotonic() + BUILD_S
    while True:
        _, page = what()
        if ok(page):
            return page
        if time.monotonic() > deadline:
            pytest.fail(f"{why}: {page[:500]}")
        time.sleep(0.2)


def is_problem_page(page: str) -> bool:
    return "<title>内容有错误 · " in page


def assert_problem_page(page: str, path: str, server: str) -> None:
    assert f"<title>内容有错误 · {server}</title>" in page
    assert "<h1>内容有 1 处错误，改正后保存，这个页面会自己刷新：</h1>" in page
    assert f"<p>{path}:2: (yaml): “title”的值用英文双引号括起来" in page
    # The line itself, quoted and escaped as text.
    assert "<pre>2 | title: &#34;县城管局开展&#34;净化&#34;行动&#34;</pre>" in page
    assert 'data-epoch="' in page  # the page's own reload script (404.html gets no other)


def test_mkdocs_serve_shows_the_problems_at_every_address_until_fixed(tmp_path: Path) -> None:
    """The sample, served by `mkdocs serve`: a file broken while it runs turns every address
    into the problem page (Chinese, path:line, the line quoted); the page's reload question
    is answered when the fix is built, and the real page is served again."""
    root = tmp_path / "sample"
    for name in ("content", "themes"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    path = root / SAMPLE_ARTICLE
    good = path.read_text(encoding="utf-8")
    title = next(line for line in good.splitlines() if line.startswith("title:"))
    log: list[str] = []
    with served(root, "mkdocs", log) as base:
        status, page = fetch(f"{base}{SAMPLE_PAGE}")
        assert status == 200 and "熟溪中队错时巡查保秩序" in page

        path.write_text(good.replace(title, BROKEN_TITLE), encoding="utf-8")
        page = until(lambda: fetch(base), is_problem_page, "no problem page after the break")
        assert_problem_page(page, SAMPLE_ARTICLE, "mkdocs serve")
        # MkDocs' own reload script, on the page it has a file for, with the epoch of the
        # build it serves; the page's own script waits for a later one than its build's.
        shown = re.search(r"livereload\((\d+), \d+\)", page)
        epoch = re.search(r'data-epoch="(\d+)"', page)
        assert shown is not None and epoch is not None
        assert int(epoch[1]) >= int(shown[1])  # so it does not reload the same build
        for address in (SAMPLE_PAGE, "no/such/page/", "news/2026/05/"):
            status, page = fetch(f"{base}{address}")
            assert status in (200, 404), address
            assert_problem_page(page, SAMPLE_ARTICLE, "mkdocs serve")
            assert f'data-epoch="{epoch[1]}"' in page

        path.write_text(good, encoding="utf-8")
        page = until(
            lambda: fetch(f"{base}{SAMPLE_PAGE}"),
            lambda page: not is_problem_page(page),
            "the site did not come back after the fix",
        )
        assert "熟溪中队错时巡查保秩序" in page
        # The problem page's question (as its script asks it) is now answered with a later
        # build: the open page reloads into the site.
        assert int(fetch(f"{base}livereload/{epoch[1]}/1")[1]) > int(epoch[1])
    text = "".join(log)
    # The terminal: the list once, in Chinese, with the line quoted; MkDocs' progress lines
    # quieted, its address kept.
    assert text.count("内容有 1 处错误，预览的每个页面都显示这份清单") == 1
    assert f"{SAMPLE_ARTICLE}:2: (yaml): “title”的值用英文双引号括起来" in text
    assert "    2 | " + BROKEN_TITLE in text
    assert "预览已更新，内容没有错误" in text
    for noise in ("Building documentation", "Documentation built in", "Detected file changes"):
        assert noise not in text


def test_properdocs_serve_starts_on_broken_content_and_recovers(
    write_portal: WritePortal,
) -> None:
    """Started on content with errors, `properdocs serve` still serves (MkDocs would stop at
    a failed first build): the problem page at every address, then the site once fixed."""
    root = write_portal()
    article = "content/articles/2026-05-12-night-market.md"
    path = root / article
    good = path.read_text(encoding="utf-8")
    title = next(line for line in good.splitlines() if line.startswith("title:"))
    path.write_text(good.replace(title, BROKEN_TITLE), encoding="utf-8")
    log: list[str] = []
    with served(root, "properdocs", log) as base:
        for address in ("", "news/2026/05/night-market/", "no/such/page/"):
            assert_problem_page(fetch(f"{base}{address}")[1], article, "properdocs serve")
        path.write_text(good, encoding="utf-8")
        page = until(
            lambda: fetch(f"{base}news/2026/05/night-market/"),
            lambda page: not is_problem_page(page),
            "the site did not come back after the fix",
        )
        assert "清理占道摊位 23 处" in page


def test_a_broken_photo_is_shown_as_content_errors_are(write_portal: WritePortal) -> None:
    """A photo that is no image (a half-copied file) stops the image step: under serve, the
    problem page names it; replaced by a real photo, the site is served."""
    from PIL import Image

    root = write_portal()
    photo = root / "content/articles/2026-05-12-night-market/1.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"GIF89a....")
    log: list[str] = []
    with served(root, "mkdocs", log) as base:
        for address in ("", "news/2026/05/night-market/"):
            page = fetch(f"{base}{address}")[1]
            assert is_problem_page(page)
            assert (
                "<p>content/articles/2026-05-12-night-market/1.jpg:0: (image): "
                "不是可识别的图片（文件已损坏，或不是图片）</p>"
            ) in page
        Image.new("RGB", (800, 600), "teal").save(photo, "JPEG")
        page = until(
            lambda: fetch(f"{base}news/2026/05/night-market/"),
            lambda page: not is_problem_page(page),
            "the site did not come back after the photo was replaced",
        )
        assert "清理占道摊位 23 处" in page


def test_mkdocs_build_still_stops_with_the_list(write_portal: WritePortal) -> None:
    """Not serving: `mkdocs build` lists the problems in Chinese, exits 1, writes nothing."""
    root = write_portal()
    article = "content/articles/2026-05-12-night-market.md"
    path = root / article
    good = path.read_text(encoding="utf-8")
    title = next(line for line in good.splitlines() if line.startswith("title:"))
    path.write_text(good.replace(title, BROKEN_TITLE), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=STARTUP_S,
        check=False,
    )
    assert done.returncode == 1
    assert "portal: 内容有 1 处错误，未生成网站（原网站保持不变）。" in done.stderr
    assert f"{article}:2: (yaml): “title”的值用英文双引号括起来" in done.stderr
    assert "    2 | " + BROKEN_TITLE in done.stderr
    assert not (root / "site").exists()


@pytest.mark.browser
def test_the_open_problem_page_reloads_into_the_fixed_page(write_portal: WritePortal) -> None:
    """In chromium, at an address the problem site has no file for (MkDocs answers it with
    404.html, without its own reload script): the page reloads by itself once the file is
    fixed, into the article, and at 375 px the list is readable without sideways scrolling."""
    from .browser import launch_chromium

    root = write_portal()
    article = "content/articles/2026-05-12-night-market.md"
    path = root / article
    good = path.read_text(encoding="utf-8")
    title = next(line for line in good.splitlines() if line.startswith("title:"))
    path.write_text(good.replace(title, BROKEN_TITLE), encoding="utf-8")
    log: list[str] = []
    with launch_chromium() as browser, served(root, "mkdocs", log) as base:
        page = browser.new_page(viewport={"width": 375, "height": 740})
        page.goto(f"{base}news/2026/05/night-market/")
        assert page.title() == "内容有错误 · mkdocs serve"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        with page.expect_event("load", timeout=BUILD_S * 1000):
            path.write_text(good, encoding="utf-8")
        page.wait_for_load_state()
        assert "清理占道摊位 23 处" in page.content()
        assert page.title() != "内容有错误 · mkdocs serve"
