"""The personal-data gate at the end of every build (generator/audit.py)."""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from generator.audit import readable, scan_site

from .conftest import MKDOCS, WritePortal, build

PHONE = "13812345678"
ID = "330723199001011239"  # its check digit is right
MAIL = "zhang.wei@163.com"


def _docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    return buffer.getvalue()


def test_every_kind_of_output_is_scanned(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    content, site, theme = root / "content", tmp_path / "site", root / "themes" / "portal"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "x.md").write_text(f"---\n---\n电话 138 1234 5678，{MAIL}\n")
    (content / "squads.yml").write_text(f"units: []  # {ID}\n")
    files: dict[str, bytes] = {
        "news/x/index.html": f"<p>{MAIL.replace('@', '&#64;')}</p>".encode(),
        "feeds/news.xml": f"<item><description>电话：{PHONE}</description></item>".encode(),
        # Material's search index: jieba's zero-width spaces between words, JSON escapes.
        "search/search_index.json": (
            '{"text": "' + "\\u200b".join(["zhang", ".", "wei", "@", "163", ".", "com"]) + '"}'
        ).encode(),
        "suggestions/c/digest.csv": f"id,text\n1,{ID}\n".encode(),
        "sitemap.xml": f"<loc>https://example.org/{PHONE}/</loc>".encode(),
        "sitemap.xml.gz": gzip.compress(f"<loc>https://example.org/{PHONE}/</loc>".encode()),
        "images/logo.svg": f"<svg><text>{PHONE}</text></svg>".encode(),
        "files/notice.docx": _docx(f"身份证 {ID}"),
        "assets/javascripts/ours.js": f'const c = "{MAIL.replace("@", "%40")}";'.encode(),
        "assets/javascripts/theirs.js": b"/* by someone@example.com */",
        "articles/photo.png": PHONE.encode(),
        "contact/index.html": b"<p>office@example.gov.cn 0579-87612345</p>",
    }
    theme.mkdir(parents=True)
    (theme / "theirs.js").write_bytes(files["assets/javascripts/theirs.js"])
    for rel, data in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    allow = frozenset({"office@example.gov.cn", "0579-87612345"})
    leaks = scan_site(site, content, root, allow, theme_dirs=[theme])
    article, squads = "（来自 content/articles/x.md）", "（来自 content/squads.yml）"
    assert [str(leak) for leak in leaks] == [
        f"assets/javascripts/ours.js: 未遮盖的个人信息 z***@163.com{article}",
        f"feeds/news.xml: 未遮盖的个人信息 138****5678{article}",
        f"files/notice.docx: 未遮盖的个人信息 3307**********1239{squads}",
        f"images/logo.svg: 未遮盖的个人信息 138****5678{article}",
        f"news/x/index.html: 未遮盖的个人信息 z***@163.com{article}",
        f"search/search_index.json: 未遮盖的个人信息 z***@163.com{article}",
        f"sitemap.xml: 未遮盖的个人信息 138****5678{article}",
        f"sitemap.xml.gz: 未遮盖的个人信息 138****5678{article}",
        f"suggestions/c/digest.csv: 未遮盖的个人信息 3307**********1239{squads}",
    ]


def test_reading_undoes_escapes() -> None:
    assert readable("a&#64;b.cn a\\u0040b.cn a%40b.cn 138\u200b1234\u200b5678") == (
        "a@b.cn a@b.cn a@b.cn 13812345678"
    )


LEAKY = f"""\
---
title: 热心市民来电
date: 2026-06-01 10:00
squad: baiyang
category: 便民服务
---

市民张先生（电话 {PHONE}，邮箱 {MAIL}）反映夜市噪音问题。办公室邮箱 office@example.gov.cn。
"""


def test_a_planted_leak_fails_the_build_and_keeps_the_site(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    site = root / "site"
    assert build(root, site) == 0
    before = {p: hashlib.sha256(p.read_bytes()).digest() for p in site.rglob("*") if p.is_file()}
    (root / "content/articles/2026-06-01-leak.md").write_text(LEAKY, encoding="utf-8")
    capsys.readouterr()
    assert build(root, site) == 1
    lines = capsys.readouterr().err.splitlines()
    source = "（来自 content/articles/2026-06-01-leak.md）"
    for output in (
        "news/2026/06/leak/index.html",
        "feeds/news.xml",
        "feeds/news.atom",
        "feeds/news.json",
    ):
        for masked in ("138****5678", "z***@163.com"):
            assert f"{output}: 未遮盖的个人信息 {masked}{source}" in lines
    # The search index, whatever its layout: the e-mail is found although it is split there.
    in_search = {line.split(": ", 1)[1] for line in lines if line.startswith("search/")}
    assert f"未遮盖的个人信息 z***@163.com{source}" in in_search
    assert {p: hashlib.sha256(p.read_bytes()).digest() for p in site.rglob("*") if p.is_file()} == (
        before
    )
    assert not [p for p in root.iterdir() if p.name.startswith(".site")]


def test_published_contacts_are_allow_listed(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    text = LEAKY.replace(f"（电话 {PHONE}，邮箱 {MAIL}）", "")
    root = write_portal({"content/articles/2026-06-01-office.md": text})
    assert build(root, root / "site") == 1
    assert "未遮盖的个人信息 o***@example.gov.cn" in capsys.readouterr().err
    config = MKDOCS.replace(
        "  - portal:\n", "  - portal:\n      public_contacts: [office@example.gov.cn]\n"
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert build(root, root / "site") == 0
    assert "office@example.gov.cn" in (root / "site/news/2026/06/office/index.html").read_text()


def test_a_site_without_site_url_is_scanned_too(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal({"content/articles/2026-06-01-leak.md": LEAKY})
    (root / "mkdocs.yml").write_text(MKDOCS.replace("site_url: https://example.org/\n", ""))
    assert build(root, root / "site") == 1
    lines = capsys.readouterr().err.splitlines()
    source = "（来自 content/articles/2026-06-01-leak.md）"
    assert f"index.html: 未遮盖的个人信息 138****5678{source}" in lines
    assert not (root / "site").exists()
