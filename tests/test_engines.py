"""The engine is an adapter: the sample built by `properdocs build` (the maintained MkDocs
1.x fork, through the plugin's `properdocs.plugins` entry point) is the site `mkdocs build`
makes, file for file and byte for byte, but for the line that names the generator."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE_EPOCH

# Material names the engine and its version in every page's <meta name="generator">.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(tool: str, site: Path) -> None:
    executable = Path(sys.executable).parent / tool
    if not executable.exists():
        found = shutil.which(tool)
        if found is None:
            pytest.fail(f"{tool} is not installed (pip install -e '.[test]')")
        executable = Path(found)
    env = os.environ | {"SOURCE_DATE_EPOCH": SAMPLE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(executable), "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes())
        for p in site.rglob("*")
        if p.is_file()
    }


def test_properdocs_builds_the_site_mkdocs_builds(tmp_path: Path) -> None:
    _build("mkdocs", tmp_path / "mkdocs")
    _build("properdocs", tmp_path / "properdocs")
    ours, theirs = _files(tmp_path / "mkdocs"), _files(tmp_path / "properdocs")
    assert sorted(ours) == sorted(theirs)
    assert len(ours) > 1000  # the whole sample: pages, feeds, search, API
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert differ == []
    generators = set(GENERATOR.findall((tmp_path / "properdocs/index.html").read_bytes()))
    assert any(b"properdocs" in g.lower() for g in generators), generators
