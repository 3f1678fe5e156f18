"""How long a saved edit takes to show in the open preview, measured in chromium.

`portal serve` is started on the benchmark's portal and left to build its preview; an
article's page is opened in Debian's chromium (Playwright); then, several times, one sentence
is appended to that article's file and the time from the write to the page's next `load`
event is taken (the preview's script reloads the page when its file changed). The first
reload after the preview's start is not counted: it may still be warming up. Returns None
without chromium or Playwright.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STARTUP_S = 3600.0  # a cold build of 5,000 articles on a shared machine
EDIT_S = 300.0  # an edit build of 5,000 articles takes a minute at most, even on a busy machine


def _article(portal: Path, site: Path) -> tuple[Path, str] | None:
    """A published article of the middle of the archive and its address in the preview."""
    files = sorted((portal / "content" / "articles").glob("*.md"))
    for path in [*files[len(files) // 2 :], *files[: len(files) // 2]]:
        found = list(site.glob(f"news/*/*/{path.stem[11:]}/index.html"))
        if found:
            return path, found[0].parent.relative_to(site).as_posix() + "/"
    return None


def reload_times(
    portal: Path, env: dict[str, str], portal_cmd: list[str], edits: int = 4
) -> dict[str, Any] | None:
    """Seconds from each saved edit to the reloaded page, and the median of the counted ones."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    proc = subprocess.Popen(
        [*portal_cmd, "serve", "-a", "127.0.0.1:0"],
        cwd=portal,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stderr is not None
    stream = proc.stderr
    reader = threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True)
    reader.start()
    try:
        base = _wait_for_url(lines, proc)
        site = portal / ".portal-cache" / "preview" / "site"
        found = _article(portal, site)
        if base is None or found is None:
            return None
        source, address = found
        times: list[float] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(base + address)
                page.wait_for_function("() => !!document.querySelector('script[data-version]')")
                for number in range(edits + 1):
                    sentence = f"预览计时第{number + 1}句：中队持续开展巡查。"
                    with page.expect_event("load", timeout=EDIT_S * 1000):
                        written = time.perf_counter()
                        with source.open("a", encoding="utf-8") as f:
                            f.write(f"\n{sentence}\n")
                    times.append(time.perf_counter() - written)
                    if sentence not in page.content():
                        return None
                    time.sleep(1.0)  # let the preview settle, as between two saves
            finally:
                browser.close()
        counted = sorted(times[1:])
        return {
            "page": address,
            "write_to_load_s": [round(t, 3) for t in times],
            "median_s": round(counted[len(counted) // 2], 3) if counted else None,
            "builds": [line.strip() for line in list(lines.queue) if "已更新" in line][-edits:],
        }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(timeout=10)
        stream.close()


def _wait_for_url(lines: queue.Queue[str], proc: subprocess.Popen[str]) -> str | None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1.0)
        except queue.Empty:
            if proc.poll() is not None:
                return None
            continue
        # "预览地址：http://127.0.0.1:8000/（按 Ctrl+C 停止）" (messages.py `serve.ready`).
        match = re.search(r"预览.*?(https?://[\w.:\[\]-]+/)", line)
        if match:
            return match[1]
    return None


if __name__ == "__main__":
    here = Path(sys.argv[1])
    portal_cmd = [sys.executable, "-m", "generator.cli"]
    print(reload_times(here, dict(os.environ), portal_cmd))
