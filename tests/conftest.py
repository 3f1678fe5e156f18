"""Shared fixtures: small hand-made portals, and the sample portal built once per run."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main as portal_main

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SQUADS = """\
units:
  - id: baiyang
    name: 白洋中队
    type: squad
    officer: 朱晓燕
    quota: 2
  - id: fazhi
    name: 法制科
    type: section
    officer: 钟立群
    quota: 1
"""

OUTLETS = """\
points: {national: 10, provincial: 6, municipal: 4, county: 1}
outlets:
  - {id: jrwy, name: 今日武义, level: county}
  - {id: zjrb, name: 浙江日报, level: provincial}
"""

ARTICLE = """\
---
title: 白洋中队开展夜市占道经营专项整治
date: 2026-05-12 09:30
squad: baiyang
category: 执法动态
---

5月11日晚，白洋中队对解放街夜市开展专项整治，清理占道摊位 23 处。
"""

MKDOCS = """\
site_name: 测试执法局
site_url: https://example.org/
docs_dir: content
theme:
  name: material
  custom_dir: themes/portal
  language: zh
  font: false
plugins:
  - portal:
      identity: {sponsor: 测试执法局, site_code: "3307230000", icp: 浙ICP备00000000号-1, police: 浙公网安备 33072300000000号, conac_url: "https://bszs.conac.cn/sitename?method=show&id=0", contact: "https://example.org/lianxi/"}
"""

WritePortal = Callable[..., Path]
# 2026-11-30 12:00 Beijing time: "today" for the sample (a Monday, ISO 2026-W49).
SAMPLE_EPOCH = "1796011200"


@pytest.fixture
def write_portal(tmp_path: Path) -> WritePortal:
    """Write a small portal: `files` maps paths under the portal root to their text."""

    def write(files: dict[str, str] | None = None, *, articles: bool = True) -> Path:
        root = tmp_path / "portal"
        base = {
            "mkdocs.yml": MKDOCS,
            "content/squads.yml": SQUADS,
            "content/outlets.yml": OUTLETS,
        }
        if articles:
            base["content/articles/2026-05-12-night-market.md"] = ARTICLE
        base.update(files or {})
        for rel, text in base.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                textwrap.dedent(text) if rel.endswith(".md") else text, encoding="utf-8"
            )
        theme = root / "themes" / "portal"
        if not theme.exists():
            shutil.copytree(ROOT / "themes" / "portal", theme)
        return root

    return write


def build(root: Path, site: Path | None = None, *extra: str) -> int:
    """Run `portal build` in-process on the portal at `root`."""
    args = ["build", "-f", str(root / "mkdocs.yml")]
    if site is not None:
        args += ["-d", str(site)]
    return portal_main([*args, *extra])


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample portal, built once into a temp dir."""
    site = tmp_path_factory.mktemp("sample") / "site"
    os.environ["SOURCE_DATE_EPOCH"] = SAMPLE_EPOCH
    try:
        assert build(ROOT, site) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return site
