"""What a Windows office PC needs, tried here: workers started with `spawn` (there is no fork),
a console that is not UTF-8 (code page 936), CRLF files and Chinese file names."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from generator import parallel
from generator.clock import BEIJING
from generator.errors import ContentError
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import ROOT, SAMPLE_EPOCH, WritePortal


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


@pytest.mark.skipif(parallel.workers() < 2, reason="one core: no workers to start")
@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_worker_pool_start_methods(monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    monkeypatch.setenv("PORTAL_START_METHOD", method)
    items = list(range(200))
    result = parallel.fork_map(_pid_and_square, items)
    assert [square for _, square in result] == [n * n for n in items]
    assert os.getpid() not in {pid for pid, _ in result}  # the work ran in workers
    # A closure cannot be sent to a spawned worker: it runs here, in order.
    local = parallel.fork_map(lambda n: (os.getpid(), n), items)
    assert [n for _, n in local] == items
    if method == "spawn":
        assert {pid for pid, _ in local} == {os.getpid()}
    tasks = [partial(_pid_and_square, n) for n in items]
    assert [s for _, s in parallel.fork_map(parallel.call, tasks)] == [n * n for n in items]


def _build(root: Path, site: Path, method: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PORTAL_START_METHOD": method,
        "SOURCE_DATE_EPOCH": SAMPLE_EPOCH,
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "build",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=True,
        env=env,
        cwd=root,
        capture_output=True,
    )
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.skipif(parallel.workers() < 2, reason="one core: no workers to start")
def test_spawned_workers_build_the_same_bytes_as_forked(
    write_portal: WritePortal, tmp_path: Path
) -> None:
    """Enough articles for the pool (reading, search segmentation); built once with forked
    workers, once with spawned ones, as on Windows: every file the same."""
    body = "县综合行政执法局开展专项整治行动，清理占道摊位，规范犬只登记。" * 5
    articles = {
        f"content/articles/2026-05-{1 + n % 28:02d}-piece-{n}.md": (
            f"---\ntitle: 白洋中队稿件{n}\ndate: 2026-05-{1 + n % 28:02d} 09:{n % 60:02d}\n"
            f"squad: baiyang\ncategory: 执法动态\n---\n\n{body}第{n}篇。\n"
        )
        for n in range(90)
    }
    root = write_portal(articles)
    # No cache: the second build must do the work again, in its own workers.
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - portal\n", "  - portal:\n      cache: false\n"
        ),
        encoding="utf-8",
    )
    forked = _build(root, tmp_path / "fork", "fork")
    spawned = _build(root, tmp_path / "spawn", "spawn")
    assert len(forked) > 100
    assert spawned == forked


def test_console_code_page_936(write_portal: WritePortal) -> None:
    """`PYTHONIOENCODING=gbk` stands in for a Chinese Windows console: the output is UTF-8,
    with characters GBK has no code for (✓), and nothing raises."""
    root = write_portal()
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONPATH": str(ROOT)}
    args = ["report", "-f", str(root / "mkdocs.yml"), "--to", "2026-05-17", "--table", "recent"]
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], env=env, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8")
    assert "白洋中队" in out and "✗" in out  # ✗ (U+2717): GBK has no code for it
    (root / "content/articles/2026-05-12-night-market.md").write_text(
        "---\ntitle: 标题\ndate: 2026年2月30日\nsquad: baiyang\ncategory: 执法动态\n---\n正文\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "-f", str(root / "mkdocs.yml")],
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert "date: 没有这一天：“2026年2月30日”" in done.stderr.decode("utf-8")


def test_crlf_files_and_chinese_file_names(write_portal: WritePortal) -> None:
    """Notepad's CRLF line ends, a photo named in Chinese: read, and lines counted right."""
    article = (
        "---\r\ntitle: 夜市整治\r\ndate: 2026-06-01 09:30\r\nsquad: baiyang\r\n"
        "category: 执法动态\r\n---\r\n\r\n正文。\r\n\r\n![夜市现场](夜市现场.png)\r\n"
    )
    root = write_portal({"content/articles/2026-06-01-crlf.md": article})
    image = root / "content/articles/夜市现场.png"
    image.write_bytes(_tiny_png())
    portal = load_portal(Settings(root=root, timezone=BEIJING))
    (piece,) = [a for a in portal.articles if a.key == "2026-06-01-crlf"]
    assert piece.title == "夜市整治" and "\r" not in piece.body
    broken = article.replace("squad: baiyang", "squad: baiyan")
    (root / "content/articles/2026-06-01-crlf.md").write_text(broken, encoding="utf-8", newline="")
    with pytest.raises(ContentError) as exc:
        load_portal(Settings(root=root, timezone=BEIJING))
    assert [str(p).split(": ")[0] for p in exc.value.problems] == [
        "content/articles/2026-06-01-crlf.md:4"
    ]


def _tiny_png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )


def test_edge_is_found_where_windows_installs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An office PC has Edge, off PATH: `portal poster` prints with it without --browser."""
    from generator import pdf

    edge = tmp_path / "Program Files (x86)/Microsoft/Edge/Application/msedge.exe"
    edge.parent.mkdir(parents=True)
    edge.write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("PORTAL_CHROMIUM", raising=False)
    for variable in ("PROGRAMFILES", "LOCALAPPDATA"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PROGRAMFILES(X86)", str(tmp_path / "Program Files (x86)"))
    monkeypatch.setattr(pdf, "MAC_APPS", ())
    assert pdf.find_browser() == str(edge)
    monkeypatch.delenv("PROGRAMFILES(X86)")
    with pytest.raises(pdf.PrintError, match="Windows 上装了 Edge 或 Chrome 即可"):
        pdf.find_browser()
