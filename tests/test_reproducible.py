"""The same input builds the same bytes: on another day, in another time zone, after a touch.

Two builds of one portal run as separate processes under libfaketime (Debian's `faketime`):
different clocks, months apart, different TZ and hash seeds, every source file's mtime
changed in between, and no SOURCE_DATE_EPOCH. Every output file must be byte-identical, and
the sitemap's dates must come from the content, not from either build day.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

FAKETIME = shutil.which("faketime")
ARTICLES = 24  # of the sample's, with every registry, question, regulation and campaign


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if FAKETIME is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is missing (apt-get install faketime)")
        pytest.skip("faketime is not installed")
    root = tmp_path_factory.mktemp("repro") / "portal"
    shutil.copytree(ROOT / "content", root / "content", ignore=shutil.ignore_patterns("articles"))
    (root / "content" / "articles").mkdir()
    for path in sorted((ROOT / "content" / "articles").glob("*.md"))[-ARTICLES:]:
        shutil.copy(path, root / "content" / "articles" / path.name)
        photos = path.with_suffix("")  # the article's photos, in a folder of its name
        if photos.is_dir():
            shutil.copytree(photos, root / "content" / "articles" / photos.name)
    shutil.copytree(ROOT / "themes", root / "themes")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _build(root: Path, site: Path, when: str, tz: str, seed: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env |= {"TZ": tz, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"}
    assert FAKETIME is not None
    command = [sys.executable, "-m", "generator.cli", "build", "-f", str(root / "mkdocs.yml")]
    result = subprocess.run(
        [FAKETIME, "-f", when, *command, "-d", str(site)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_months_apart_are_byte_identical(portal: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _build(portal, first, "@2026-12-01 10:00:00", "Asia/Shanghai", "1")
    later = 1_805_000_000  # 2027-03-14, long after the build above
    for path in [*portal.rglob("*")]:
        if path.is_file():
            os.utime(path, (later, later))
    _build(portal, second, "@2027-03-15 23:30:00", "America/New_York", "2")
    a, b = _files(first), _files(second)
    assert sorted(a) == sorted(b)
    differing = sorted(name for name in a if a[name] != b[name])
    assert differing == []
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", a["sitemap.xml"].decode()))
    assert dates, "the sitemap gives no dates"
    assert not {d for d in dates if d.startswith(("2026-12-01", "2027-03"))}
    assert max(dates) <= "2026-11-30T23:59:59+08:00"
