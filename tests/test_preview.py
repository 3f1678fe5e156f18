"""`portal serve`: a saved edit reaches the open page; errors keep the last good site.

The preview runs as staff run it (`portal serve` in its own process); the test edits files
under content/ and asks the preview what changed, as the page's script does. The browser test
opens an article of the sample in chromium, saves a sentence into its file and waits for the
page to reload by itself; the time from the write to the load event is written to
test-artifacts/preview-reload.json (a figure for the benchmark, not a bar for the test: the
CI machine is shared).
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator import preview as preview_module

from .browser import launch_chromium
from .conftest import ROOT, SAMPLE_EPOCH, WritePortal

STARTUP_S = 600  # a cold build of the sample on a busy shared machine
BUILD_S = 300


@contextmanager
def preview(root: Path, **environ: str) -> Iterator[str]:
    """`portal serve` on a free port for the portal at `root`; yields its base URL."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=SAMPLE_EPOCH, NO_MKDOCS_2_WARNING="1", **environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "serve",
            "-f",
            str(root / "mkdocs.yml"),
            "-a",
            "127.0.0.1:0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stderr is not None
    stream = proc.stderr
    reader = threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + STARTUP_S
        seen = []
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"portal serve did not start: {''.join(seen)}")
            seen.append(line)
            if line.startswith("预览地址："):
                found = re.search(r"http://[^/]+/", line)
                assert found, line
                yield found[0]
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


def get(url: str, timeout: float = 60) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def wait(base: str, since: int, page: str) -> dict[str, object]:
    """The preview's answer to a page's script: after the next build, reload or not."""
    deadline = time.monotonic() + BUILD_S
    while True:
        answer = json.loads(get(f"{base}.portal/wait?v={since}&page={page}"))
        if answer["version"] > since or time.monotonic() > deadline:
            return dict(answer)


ARTICLE = "content/articles/2026-05-12-night-market.md"
OTHER = """\
---
title: 城区环卫保洁
date: 2026-05-10 09:00
squad: baiyang
category: 环卫保洁
---

环卫工人清扫街道。
"""


def test_an_edit_reloads_its_page_and_an_error_keeps_the_site(write_portal: WritePortal) -> None:
    root = write_portal({"content/articles/2026-05-10-street-cleaning.md": OTHER})
    article, other = "news/2026/05/night-market/index.html", "news/2026/05/street-cleaning/"
    with preview(root) as base:
        page = get(f"{base}news/2026/05/night-market/")
        assert 'src="/.portal/reload.js"' in page and "清理占道摊位 23 处" in page
        version = json.loads(get(f"{base}.portal/wait?v=0&page={article}&now=1"))["version"]
        assert isinstance(version, int)

        path = root / ARTICLE
        good = path.read_text(encoding="utf-8")
        path.write_text(good + "\n当晚共劝导流动摊贩 41 人次。\n", encoding="utf-8")
        answer = wait(base, version, article)
        assert answer["reload"] is True and answer["errors"] == []
        assert "当晚共劝导流动摊贩 41 人次" in get(f"{base}news/2026/05/night-market/")
        # The other article's page did not change: it is not reloaded.
        unrelated = json.loads(get(f"{base}.portal/wait?v={version}&page={other}index.html&now=1"))
        assert unrelated["reload"] is False
        version = int(str(answer["version"]))

        path.write_text(good.replace("squad: baiyang", "squad: baiyng"), encoding="utf-8")
        answer = wait(base, version, article)
        assert answer["reload"] is False
        errors = answer["errors"]
        assert isinstance(errors, list) and errors
        assert errors[0].startswith(f"{ARTICLE}:4: squad: ")
        # The last good site is still served.
        assert "当晚共劝导流动摊贩 41 人次" in get(f"{base}news/2026/05/night-market/")
        version = int(str(answer["version"]))

        path.write_text(good, encoding="utf-8")
        answer = wait(base, version, article)
        assert answer["errors"] == [] and answer["reload"] is True
        assert "当晚共劝导流动摊贩 41 人次" not in get(f"{base}news/2026/05/night-market/")


def test_a_port_in_use_is_said_at_once(write_portal: WritePortal) -> None:
    """Another preview still open on the port: a usage error in Chinese, before any build."""
    root = write_portal()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        config = str(root / "mkdocs.yml")
        done = subprocess.run(
            [sys.executable, "-m", "generator.cli", "serve", "-f", config, "-a", address],
            capture_output=True,
            text=True,
            env=env,
            timeout=STARTUP_S,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"portal: {address} 已被占用（多半是另一个 portal serve 还开着）：关掉它，"
        "或者换一个端口，例如 portal serve -a 127.0.0.1:8001"
    )
    assert not (root / ".portal-cache/preview/site").exists()  # nothing was built


BROKEN = 'title: "县城管局开展"净化"行动"'


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_broken_first_build_shows_the_errors_then_the_site(
    write_portal: WritePortal, method: str
) -> None:
    """Started on content with errors (no site yet): every address answers at once with the
    list, in Chinese, with `path:line` and the line quoted; fixed, the site is served. With
    `spawn` the builder is started the way Windows starts it (there is no fork there)."""
    root = write_portal()
    path = root / ARTICLE
    good = path.read_text(encoding="utf-8")
    title = next(line for line in good.splitlines() if line.startswith("title:"))
    path.write_text(good.replace(title, BROKEN), encoding="utf-8")
    with preview(root, PORTAL_START_METHOD=method) as base:
        for address in ("", "news/2026/05/night-market/", "no/such/page/"):
            with urllib.request.urlopen(f"{base}{address}", timeout=2) as response:
                assert response.status == 200
                page = response.read().decode("utf-8")
            assert "<title>内容有错误 · portal serve</title>" in page
            assert f"<p>{ARTICLE}:2: (yaml): “title”的值用英文双引号括起来" in page
            # The line itself, quoted and escaped as text.
            assert "<pre>2 | title: &#34;县城管局开展&#34;净化&#34;行动&#34;</pre>" in page
            assert 'src="/.portal/reload.js"' in page and "data-error-page" in page
        answer = json.loads(get(f"{base}.portal/wait?v=0&page=index.html&now=1"))
        version = int(answer["version"])
        assert answer["errors"][0].startswith(f"{ARTICLE}:2: (yaml): ")

        path.write_text(good, encoding="utf-8")
        answer = wait(base, version, "index.html")
        assert answer["errors"] == [] and answer["reload"] is True
        page = get(f"{base}news/2026/05/night-market/", timeout=2)
        assert "清理占道摊位 23 处" in page and "data-error-page" not in page


@pytest.mark.browser
def test_a_saved_sentence_shows_in_the_open_page(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    for name in ("content", "themes"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    sentence = "预览测试：这一句在保存后出现在打开的页面上。"
    with launch_chromium() as browser, preview(root) as base:
        site = root / ".portal-cache/preview/site"
        source, address = next(
            (path, found[0].parent.relative_to(site).as_posix())
            for path in sorted((root / "content/articles").glob("2026-06-*.md"))
            if (found := list(site.glob(f"news/*/*/{path.stem[11:]}/index.html")))
        )
        page = browser.new_page()
        url = f"{base}{address}/"
        page.goto(url)
        assert sentence not in page.content()
        page.wait_for_function("() => !!document.querySelector('script[data-version]')")
        with page.expect_event("load", timeout=BUILD_S * 1000):
            written = time.monotonic()
            source.write_text(source.read_text(encoding="utf-8") + f"\n{sentence}\n", "utf-8")
        shown = time.monotonic() - written
        assert sentence in page.content()
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "preview-reload.json").write_text(
        json.dumps({"page": url, "write_to_load_s": round(shown, 3)}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


class _CountingBuilder:
    """A stand-in for the builder process: counts the builds it is asked for."""

    def __init__(self) -> None:
        self.builds = 0

    def build(self) -> preview_module.BuildResult:
        self.builds += 1
        return preview_module.BuildResult(True, (), (), 0.0)


def _settle(until: Callable[[], bool], seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if until():
            return True
        time.sleep(0.05)
    return until()


def test_a_file_saved_during_the_first_build_is_built_next(tmp_path: Path) -> None:
    """The watcher watches before the first build starts: a save while it runs (minutes at
    5,000 articles) is built as soon as it ends; other files beside mkdocs.yml are not news."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    article = content / "articles" / "a.md"
    article.write_text("---\ntitle: 甲\n---\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 测试\n", encoding="utf-8")
    builder = _CountingBuilder()
    watcher = preview_module.Watcher(
        builder,  # type: ignore[arg-type]
        preview_module.State(),
        [content, config],
        lambda result: None,
    )
    watcher.observe()
    try:
        time.sleep(0.5)  # the first build runs
        article.write_text("---\ntitle: 乙\n---\n", encoding="utf-8")
        time.sleep(0.3)
        assert builder.builds == 0  # nothing builds while the first build runs
        watcher.run()  # the first build is done
        assert _settle(lambda: builder.builds == 1)
        (tmp_path / "README.txt").write_text("说明\n", encoding="utf-8")
        (tmp_path / ".cache").mkdir()
        time.sleep(0.5)
        assert builder.builds == 1  # neither is mkdocs.yml
        config.write_text("site_name: 测试二\n", encoding="utf-8")
        assert _settle(lambda: builder.builds == 2)
    finally:
        watcher.stop()
