"""A draft `portal import` left unfinished (squad: TODO) never blocks the site; published, it does.

The whole output of `portal check` and `portal build` for both cases is compared line by line
(golden), and what the 信息报送 downloads count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.validate.unfinished import is_placeholder

from .conftest import SAMPLE_EPOCH, WritePortal, build

DRAFT = "content/articles/2026-11-28-tou-dao-jin-ri.md"
# What `portal import` writes for a manuscript without a title or a byline (tests/test_import.py
# test_undetermined_fields_are_todo_not_guesses shows it does).
IMPORTED = """\
---
title: "（待定标题）"  # TODO: 稿件没有标题（第一行不是标题），请填写
date: 2026-11-28 17:00  # TODO: 稿件中没有找到日期，暂用收稿时间，请核对
squad: TODO  # TODO: 稿件没有署名，请填写单位 id（或导入时用 --squad）
# author: 作者姓名  # TODO: 稿件没有署名作者
category: 执法动态  # TODO: 导入时未指定栏目（--category），暂用第一个栏目，请核对
tags: []
status: draft
submitted: 2026-11-28 17:00  # 导入时指定（--submitted）
# 导入自 收稿/x.txt（portal import）
---

近日，中队开展了一次专项整治行动，清理了大量占道摊位，群众反映良好。
"""

DRAFT_WARNINGS = [
    f"提醒：{DRAFT}:2: title: 还没有填写：仍是 portal import 留下的“（待定标题）”；"
    "草稿可以先放着，发布前必须填好",
    f"提醒：{DRAFT}:4: squad: 还没有填写：仍是 portal import 留下的“TODO”；"
    "草稿可以先放着，发布前必须填好",
    f"提醒：{DRAFT}:8: status: 这篇是草稿（status: draft），不上网站：上面的问题不影响生成网站，"
    "但改好之前这篇不计入信息报送；改成 status: published 之前必须改好",
]
PUBLISHED_ERRORS = [
    f"{DRAFT}:2: title: 还没有填写：仍是 portal import 留下的“（待定标题）”。"
    "稿件已设为发布（status: published），发布前必须填好这一项（或先改回 status: draft）",
    f"{DRAFT}:4: squad: 还没有填写：仍是 portal import 留下的“TODO”。"
    "稿件已设为发布（status: published），发布前必须填好这一项（或先改回 status: draft）",
]


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if DRAFT in line]


def _week_48(site: Path) -> dict[str, str]:
    """Submissions per unit in 2026-W48 (the draft's week), from the tracking download."""
    rows = (site / "tracking/weeks.csv").read_text(encoding="utf-8-sig").splitlines()
    return {row.split(",")[0]: row.split(",")[4] for row in rows if ",2026-W48," in row}


@pytest.fixture(autouse=True)
def _counted_to_the_sample_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The figures are counted to 2026-11-30 (W49), whichever pieces are counted."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)


@pytest.fixture
def imported(write_portal: WritePortal) -> Path:
    return write_portal({DRAFT: IMPORTED})


def test_a_draft_with_todo_is_warned_about_and_the_site_builds(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "-f", str(imported / "mkdocs.yml")]) == 0
    out = capsys.readouterr()
    assert _lines(out.err) == DRAFT_WARNINGS
    site = tmp_path / "site"
    assert build(imported, site) == 0
    out = capsys.readouterr()
    assert _lines(out.err) == DRAFT_WARNINGS
    assert (site / "news/2026/05/night-market/index.html").is_file()
    # Not on the site, and not counted until its unit is known.
    assert not list(site.rglob("*tou-dao-jin-ri*"))
    assert _week_48(site) == {"baiyang": "0", "fazhi": "0"}
    # --strict makes every warning an error, a draft's too.
    assert build(imported, tmp_path / "strict", "--strict") == 1


def test_a_published_piece_with_todo_stops_the_build_saying_so(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert build(imported, site) == 0
    home = (site / "index.html").read_bytes()
    draft = imported / DRAFT
    draft.write_text(draft.read_text().replace("status: draft", "status: published"))
    capsys.readouterr()
    assert main(["check", "-f", str(imported / "mkdocs.yml")]) == 1
    assert _lines(capsys.readouterr().err) == PUBLISHED_ERRORS
    assert build(imported, site) == 1
    assert _lines(capsys.readouterr().err) == PUBLISHED_ERRORS
    assert (site / "index.html").read_bytes() == home  # the site online stays as it was
    # Filled in, it is published and counted.
    text = draft.read_text().replace('"（待定标题）"', "白洋中队整治夜市")
    draft.write_text(text.replace("squad: TODO", "squad: baiyang"))
    assert build(imported, site) == 0
    assert _lines(capsys.readouterr().err) == []
    assert (site / "news/2026/11/tou-dao-jin-ri/index.html").is_file()
    assert _week_48(site) == {"baiyang": "1", "fazhi": "0"}


def test_a_drafts_other_problems_are_warnings_and_it_is_counted_only_when_whole(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown unit in a draft, a broken link in a rejected piece's text: neither stops the
    build; the piece whose front matter is whole is counted, the other is not."""
    broken = IMPORTED.replace('"（待定标题）"', "白洋中队整治夜市").replace(
        "squad: TODO", "squad: baiyng"
    )
    linked = broken.replace("squad: baiyng", "squad: baiyang") + "\n[附件](fujian.pdf)\n"
    other = "content/articles/2026-11-27-fu-jian.md"
    root = write_portal({DRAFT: broken, other: linked.replace("status: draft", "status: rejected")})
    site = tmp_path / "site"
    assert build(root, site) == 0
    err = capsys.readouterr().err
    assert _lines(err) == [
        f"提醒：{DRAFT}:4: squad: 没有这个单位“baiyng”。最接近的：baiyang 白洋中队；"
        "全部：baiyang 白洋中队、fazhi 法制科",
        DRAFT_WARNINGS[-1],
    ]
    assert (
        f"提醒：{other}:15: (body): 链接“fujian.pdf”不存在（没有 content/articles/fujian.pdf）"
        in err
    )
    # The rejected piece (whole front matter) counts; the draft with an unknown unit does not.
    assert _week_48(site) == {"baiyang": "1", "fazhi": "0"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("TODO", True),
        ("todo", True),
        ("  TODO：白洋中队？", True),
        ("（待定标题）", True),
        ("TODOS", False),
        ("白洋中队 TODO", False),
        ("baiyang", False),
        (None, False),
    ],
)
def test_placeholders(value: object, expected: bool) -> None:
    assert is_placeholder(value) is expected


def test_the_preview_shows_a_drafts_warnings_and_a_published_pieces_errors(
    imported: Path, tmp_path: Path
) -> None:
    from generator.cli.site import build_once

    site = tmp_path / "preview"
    good = build_once(imported / "mkdocs.yml", site)
    assert good.ok
    assert [m for m in good.messages if DRAFT in m] == DRAFT_WARNINGS
    draft = imported / DRAFT
    draft.write_text(draft.read_text().replace("status: draft", "status: published"))
    bad = build_once(imported / "mkdocs.yml", site)
    assert not bad.ok
    assert [m.partition("\n")[0] for m in bad.messages if DRAFT in m] == PUBLISHED_ERRORS
