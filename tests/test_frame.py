"""Pages rendered through a frame are byte for byte the pages MkDocs renders itself."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import MKDOCS, WritePortal, build

NASTY = "a & b < c > d \" e ' f {{ 7*7 }} </title><script>x()</script>"


def _article(day: int, title: str, category: str = "执法动态") -> str:
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: 2026-05-{day:02d} 09:30\nsquad: baiyang\n"
        f"category: {category}\nsummary: 摘要 & <摘要>\n---\n\n正文第{day}篇。\n\n## 小标题\n\n"
        "[另一篇](../../../../news/) 和 <b>粗体</b>。\n"
    )


def test_frames_equal_the_theme(write_portal: WritePortal, tmp_path: Path) -> None:
    files = {
        f"content/articles/2026-05-{d:02d}-piece-{d}.md": _article(d, f"第{d}篇")
        for d in range(1, 13)
    }
    files["content/articles/2026-05-20-nasty.md"] = _article(20, NASTY, "市容整治")
    files["content/qa/shop-front.md"] = (
        "---\nquestion: 店门口能摆摊吗？\ndate: 2026-05-21\ndomain: 市容环境卫生\n---\n\n不能。\n"
    )
    root = write_portal(files)
    fast, slow = tmp_path / "fast", tmp_path / "slow"
    assert build(root, fast) == 0
    slow_config = MKDOCS.replace("  - portal:\n", "  - portal:\n      fast_pages: false\n")
    (root / "mkdocs.yml").write_text(slow_config, encoding="utf-8")
    assert build(root, slow) == 0
    fast_files = sorted(p.relative_to(fast) for p in fast.rglob("*") if p.is_file())
    slow_files = sorted(p.relative_to(slow) for p in slow.rglob("*") if p.is_file())
    assert fast_files == slow_files
    pages = [p for p in fast_files if p.suffix == ".html"]
    assert len(pages) > 20
    different = [p for p in fast_files if (fast / p).read_bytes() != (slow / p).read_bytes()]
    assert different == []


def test_bulk_pages_are_written_without_a_site_url(write_portal: WritePortal) -> None:
    root = write_portal({"mkdocs.yml": MKDOCS.replace("site_url: https://example.org/\n", "")})
    assert build(root, root / "site") == 0
    page = (root / "site/news/2026/05/night-market/index.html").read_text(encoding="utf-8")
    assert "白洋中队开展夜市占道经营专项整治" in page
