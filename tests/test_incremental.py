"""Rebuilds reuse earlier work (cache.py, reuse.py) and never keep a stale page."""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import MKDOCS, ROOT, WritePortal, build


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _article(day: int, title: str, squad: str = "baiyang") -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-05-{day:02d} 09:30\nsquad: {squad}\n"
        f"category: 执法动态\n---\n\n第{day}篇的正文，清理占道经营摊位 {day} 处。\n"
    )


@pytest.fixture
def portal(write_portal: WritePortal) -> Path:
    files = {
        f"content/articles/2026-05-{d:02d}-piece-{d}.md": _article(d, f"第{d}篇") for d in (3, 4)
    }
    files["content/articles/2026-05-05-fazhi.md"] = _article(5, "法制科的稿件", "fazhi")
    return write_portal(files)


def _fresh(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The same portal built from nothing: a copy of its sources, no cache, no old site."""
    copy = tmp_path / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".portal-cache", "site"))
    assert build(copy, copy / "site") == 0
    return _files(copy / "site")


@pytest.mark.parametrize(
    ("edit", "changed"),
    [
        (
            lambda root: (root / "content/articles/2026-05-04-piece-4.md").write_text(
                _article(4, "第4篇改了标题"), encoding="utf-8"
            ),
            "news/2026/05/piece-4/index.html",
        ),
        (
            lambda root: (root / "content/squads.yml").write_text(
                (root / "content/squads.yml").read_text().replace("白洋中队", "白洋街道中队"),
                encoding="utf-8",
            ),
            "news/2026/05/piece-3/index.html",
        ),
        (
            lambda root: (root / "themes/portal/main.html").write_text(
                (root / "themes/portal/main.html").read_text().replace("跳到正文", "跳到本页正文"),
                encoding="utf-8",
            ),
            "news/index.html",
        ),
    ],
    ids=["article", "squad", "template"],
)
def test_a_rebuild_after_an_edit_equals_a_fresh_build(
    portal: Path, tmp_path: Path, edit: object, changed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site = portal / "site"
    assert build(portal, site) == 0
    before = _files(site)
    edit(portal)  # type: ignore[operator]
    assert build(portal, site) == 0
    assert "网站已是最新" not in capsys.readouterr().out
    after = _files(site)
    assert after[changed] != before[changed]
    # Every page that depends on the edit changed, and nothing is left over from before.
    assert after == _fresh(portal, tmp_path)


def test_nothing_changed_keeps_the_site(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = portal / "site"
    assert build(portal, site) == 0
    before = _files(site)
    capsys.readouterr()
    assert build(portal, site) == 0
    assert "网站已是最新：" in capsys.readouterr().out
    assert _files(site) == before
    # A site changed by hand is not what the inputs give: it is built again.
    (site / "index.html").write_text("被改过", encoding="utf-8")
    assert build(portal, site) == 0
    assert "网站已是最新" not in capsys.readouterr().out
    assert _files(site) == before


def test_cache_off_builds_the_same(portal: Path, tmp_path: Path) -> None:
    site = portal / "site"
    assert build(portal, site) == 0
    (portal / "mkdocs.yml").write_text(
        MKDOCS.replace("  - portal:\n", "  - portal:\n      cache: false\n"), encoding="utf-8"
    )
    off = tmp_path / "off"
    assert build(portal, off) == 0
    assert _files(off) == _files(site)


OLD = 1_000_000_000  # 2001: a time no build writes


def test_an_edit_rewrites_only_the_files_whose_bytes_change(portal: Path) -> None:
    """rsync and CDNs move only what changed: every other file keeps its mtime (and inode)."""
    site = portal / "site"
    assert build(portal, site) == 0
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))
    before = _files(site)
    inodes = {rel: (site / rel).stat().st_ino for rel in before}
    article = portal / "content/articles/2026-05-04-piece-4.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\n次日回头看，未发现反弹。\n", encoding="utf-8"
    )
    assert build(portal, site) == 0
    after = _files(site)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    # The article's page, its JSON and WeChat copy, the feeds and search with its text.
    assert {
        "news/2026/05/piece-4/index.html",
        "news/2026/05/piece-4/wechat/index.html",
        "api/news/2026/05/piece-4.json",
        "feeds/news.xml",
    } <= changed
    assert "news/2026/05/piece-3/index.html" not in changed
    kept = [rel for rel in after if rel not in changed]
    assert kept
    moved = [rel for rel in kept if (site / rel).stat().st_mtime != OLD]
    assert not moved, f"rewritten with the same bytes: {moved[:10]}"
    assert all((site / rel).stat().st_ino == inodes[rel] for rel in kept)


# --- photos ---------------------------------------------------------------------------------

PHOTO = "content/articles/2026-05-03-piece-3/1.jpg"
LEAD = "content/articles/2026-05-04-piece-4/lead.jpg"


def _jpeg(size: tuple[int, int], colour: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def photo_portal(portal: Path) -> Path:
    """piece-3 shows a captioned photo in its text; piece-4 has a lead photo (`image:`) that
    its text does not show: only its card, og:image, the API and the feeds do."""
    piece_3 = portal / "content/articles/2026-05-03-piece-3.md"
    piece_3.write_text(
        piece_3.read_text(encoding="utf-8")
        + '\n![队员劝导摊主](2026-05-03-piece-3/1.jpg "图为队员劝导摊主。")\n',
        encoding="utf-8",
    )
    piece_4 = portal / "content/articles/2026-05-04-piece-4.md"
    piece_4.write_text(
        piece_4.read_text(encoding="utf-8").replace(
            "category: 执法动态\n", "category: 执法动态\nimage: 2026-05-04-piece-4/lead.jpg\n"
        ),
        encoding="utf-8",
    )
    for rel, size in ((PHOTO, (1200, 900)), (LEAD, (1000, 750))):
        (portal / rel).parent.mkdir(parents=True, exist_ok=True)
        (portal / rel).write_bytes(_jpeg(size, "teal"))
    return portal


def _replace_photo(root: Path) -> None:
    (root / PHOTO).write_bytes(_jpeg((900, 1200), "olive"))  # turned: other width and height


def _replace_lead(root: Path) -> None:
    (root / LEAD).write_bytes(_jpeg((640, 960), "maroon"))


def _recolour_photo(root: Path) -> None:
    (root / PHOTO).write_bytes(_jpeg((1200, 900), "navy"))  # same size, other bytes


def _add_photo(root: Path) -> None:
    """A photo saved beside piece-5, which its text already names (a warning until then)."""
    article = root / "content/articles/2026-05-05-fazhi.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\n![法制科现场](2026-05-05-fazhi/1.jpg)\n",
        encoding="utf-8",
    )
    build(root, root / "site")  # the link that finds no file yet
    (root / "content/articles/2026-05-05-fazhi").mkdir()
    (root / "content/articles/2026-05-05-fazhi/1.jpg").write_bytes(_jpeg((800, 600), "teal"))


def _remove_lead(root: Path) -> None:
    """The lead photo deleted, and `image:` with it: piece-4 has no photo any more."""
    (root / LEAD).unlink()
    article = root / "content/articles/2026-05-04-piece-4.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("image: 2026-05-04-piece-4/lead.jpg\n", ""),
        encoding="utf-8",
    )


def _remove_photo(root: Path) -> None:
    """The photo in piece-3's text deleted, and the line that showed it."""
    (root / PHOTO).unlink()
    article = root / "content/articles/2026-05-03-piece-3.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text[: text.index("\n![")] + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "changed"),
    [
        (_replace_photo, "news/2026/05/piece-3/index.html"),
        (_remove_photo, "news/2026/05/piece-3/index.html"),
        (_replace_lead, "news/index.html"),
        (_recolour_photo, "articles/2026-05-03-piece-3/1.jpg"),
        (_add_photo, "news/2026/05/fazhi/index.html"),
        (_remove_lead, "api/news/2026/05/piece-4.json"),
    ],
    ids=[
        "photo-turned",
        "photo-removed",
        "lead-turned",
        "photo-recoloured",
        "photo-added",
        "lead-removed",
    ],
)
def test_a_rebuild_after_a_photo_changes_equals_a_fresh_build(
    photo_portal: Path, tmp_path: Path, edit: Callable[[Path], None], changed: str
) -> None:
    """The pages, cards, previews, API and feeds that show a photo are made again when its
    bytes change, when it is added or when it is removed; its old copies leave the site."""
    site = photo_portal / "site"
    assert build(photo_portal, site) == 0
    before = _files(site)
    edit(photo_portal)
    assert build(photo_portal, site) == 0
    after = _files(site)
    assert after.get(changed) != before.get(changed)
    assert after == _fresh(photo_portal, tmp_path)


def _edit_text(root: Path) -> None:
    article = root / "content/articles/2026-05-05-fazhi.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n次日回头看。\n", encoding="utf-8")


def test_unchanged_photos_are_kept_by_the_record_not_made_again(
    photo_portal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rebuild whose photos are unchanged reads, links and writes none of them: the record
    keeps their copies in the site (same inode, same mtime) and knows their sizes."""
    from generator import image_step

    site = photo_portal / "site"
    assert build(photo_portal, site) == 0
    copies = sorted(p for p in site.joinpath("articles").rglob("*.jpg"))
    assert len(copies) == 6  # 1,200 and 1,000 px photos, each with 800 and 400 px copies
    for path in copies:
        os.utime(path, (OLD, OLD))
    inodes = {p: p.stat().st_ino for p in copies}
    touched: list[object] = []
    monkeypatch.setattr(image_step, "_process", lambda *a: touched.append(a))
    # Asked of the cache: no source (the fourth argument).
    monkeypatch.setattr(image_step, "_from_cache", lambda *a: touched.extend(a[3]) or {})
    capsys.readouterr()
    _edit_text(photo_portal)
    assert build(photo_portal, site) == 0
    assert touched == []
    assert "图片：2 张照片，0 个文件" in capsys.readouterr().err
    assert all(p.stat().st_ino == inodes[p] and p.stat().st_mtime == OLD for p in copies)
    page = (site / "news/2026/05/piece-3/index.html").read_text(encoding="utf-8")
    assert 'src="../../../../articles/2026-05-03-piece-3/1.jpg" width="1200" height="900"' in page


def test_a_published_copy_deleted_by_hand_is_published_again(
    photo_portal: Path, tmp_path: Path
) -> None:
    site = photo_portal / "site"
    assert build(photo_portal, site) == 0
    (site / "articles/2026-05-04-piece-4/lead.800w.jpg").unlink()
    (site / "articles/2026-05-03-piece-3/1.jpg").unlink()
    assert build(photo_portal, site) == 0
    assert _files(site) == _fresh(photo_portal, tmp_path)


def test_a_published_copy_overwritten_by_hand_is_published_again_without_its_gps(
    photo_portal: Path, tmp_path: Path
) -> None:
    """The phone's original copied onto a published copy, in place: the site's copies are
    hard links to the cache's, so the cached one changed too. The rebuild notices, makes the
    copy again from the source and the audit passes."""
    from generator.audit import image_leaks

    spec = importlib.util.spec_from_file_location("photos", ROOT / "benchmarks" / "photos.py")
    assert spec is not None and spec.loader is not None
    photos = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(photos)
    site = photo_portal / "site"
    assert build(photo_portal, site) == 0
    published = site / "articles/2026-05-03-piece-3/1.jpg"
    with published.open("r+b") as f:  # as `cp` does: the same inode, new bytes
        f.truncate(0)
        f.write(photos.phone_jpeg(3, (1200, 900), gps=True, owner="张晓燕"))
    assert image_leaks(site)
    _edit_text(photo_portal)
    assert build(photo_portal, site) == 0
    assert image_leaks(site) == []
    assert _files(site) == _fresh(photo_portal, tmp_path)
