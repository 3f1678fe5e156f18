"""The `portal` command: exit codes, messages, and all-or-nothing output."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import write
from generator.cli import _terminate as cli_terminate
from generator.cli import main
from generator.clock import BEIJING
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import MKDOCS, OUTLETS, ROOT, SQUADS, WritePortal, build

BROKEN = """\
---
title: 测试
date: 2026-02-30
squad: wu-zhongdui
category: 执法动态
---
正文
"""


def snapshot(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_build_then_failed_build_keeps_previous_site(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    site = root / "site"
    assert build(root, site) == 0
    before = snapshot(site)
    assert "news/2026/05/night-market/index.html" in before
    (root / "content/articles/2026-06-01-broken.md").write_text(BROKEN, encoding="utf-8")
    capsys.readouterr()
    assert build(root, site) == 1
    err = capsys.readouterr().err
    assert "content/articles/2026-06-01-broken.md:3: date: 没有这一天：“2024-02-30”" not in err
    assert "content/articles/2026-06-01-broken.md:3: date: 没有这一天：“2026-02-30”" in err
    assert "content/articles/2026-06-01-broken.md:4: squad: 没有这个单位“wu-zhongdui”" in err
    assert snapshot(site) == before
    # Nothing beside the site either: no staging folder left over (the build cache is expected).
    assert sorted(p.name for p in root.iterdir()) == [
        ".portal-cache",
        "content",
        "mkdocs.yml",
        "site",
        "themes",
    ]


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("{{ nope() }}", "portal: 模板错误: 'nope' is undefined"),
        (
            '{{ 1 + "a" }}',
            "portal: themes/portal/main.html:{line}: 模板错误: TypeError: unsupported "
            "operand type(s) for +: 'int' and 'str'",
        ),
    ],
    ids=["undefined", "python-error"],
)
def test_template_error_keeps_previous_site(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str], broken: str, message: str
) -> None:
    root = write_portal()
    site = root / "site"
    assert build(root, site) == 0
    before = snapshot(site)
    main_html = root / "themes/portal/main.html"
    text = main_html.read_text()
    line = text[: text.index("{{ super() }}")].count("\n") + 1
    main_html.write_text(text.replace("{{ super() }}", "{{ super() }}" + broken, 1))
    capsys.readouterr()
    assert build(root, site, "--quiet") == 1
    assert capsys.readouterr().err.splitlines() == [
        message.format(line=line),
        "生成失败，原网站保持不变。",
    ]
    assert snapshot(site) == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site")]


def test_build_shows_progress_and_a_summary(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    assert build(root, root / "site") == 0
    out, err = capsys.readouterr()
    lines = err.splitlines()
    # Not a terminal: plain lines, one a stage, none rewritten in place.
    assert "\r" not in err and "\x1b" not in err
    assert lines[0].startswith("portal: 内容已检查：")
    assert any(line.startswith("portal: MkDocs 页面 ") for line in lines)
    assert any(re.fullmatch(r"portal: 生成页面 (\d+)/\1 100%，\d+\.\d 秒", line) for line in lines)
    assert any(line.startswith("portal: 订阅源、搜索索引、导出：") for line in lines)
    assert lines[-1].startswith("portal: 个人信息检查通过")
    summary = out.strip()
    assert summary.startswith(f"网站已生成：{root / 'site'}，")
    feeds = len(list((root / "site/feeds").rglob("*.atom")))
    assert f"订阅源 {feeds} 个（RSS、Atom、JSON Feed），提醒 0 条，" in summary
    path = root / "content/articles/2026-05-12-night-market.md"
    path.write_text(path.read_text().replace("专项整治", "专项整治行动"), encoding="utf-8")
    assert build(root, root / "site", "-q") == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("网站已生成：")


def test_site_folder_that_is_a_file(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    (root / "site").write_text("not a folder")
    assert build(root, root / "site") == 2
    assert "已经存在，但不是文件夹" in capsys.readouterr().err
    assert (root / "site").read_text() == "not a folder"


def test_edit_and_rebuild(write_portal: WritePortal) -> None:
    root = write_portal()
    site = root / "site"
    assert build(root, site) == 0
    path = root / "content/articles/2026-05-12-night-market.md"
    path.write_text(path.read_text().replace("专项整治", "专项整治行动"), encoding="utf-8")
    assert build(root, site) == 0
    html = (site / "news/2026/05/night-market/index.html").read_text()
    assert "夜市占道经营专项整治行动" in html


def test_check_lists_every_problem(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal(
        {
            "content/articles/2026-06-01-broken.md": BROKEN,
            "content/articles/2026-06-02-dup.md": "---\ntitle: a\ntitle: b\n---\nx\n",
        }
    )
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err.splitlines()
    problems = [line for line in err if line.startswith("content/")]
    assert problems == [
        "content/articles/2026-06-01-broken.md:3: date: 没有这一天：“2026-02-30”",
        "content/articles/2026-06-01-broken.md:4: squad: 没有这个单位“wu-zhongdui”。"
        "全部：baiyang 白洋中队、fazhi 法制科",
        "content/articles/2026-06-02-dup.md:3: title: 字段重复（第 2 行已经写过）",
    ]
    assert not (root / "site").exists()


def test_check_ok_and_strict(write_portal: WritePortal, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_portal(
        {
            "content/articles/2026-06-01-w.md": (
                "---\ntitle: t\ndate: 2026-06-01\nsquad: baiyang\ncategory: 执法动态\n"
                "sumary: x\n---\n正文\n"
            )
        }
    )
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    assert "提醒：content/articles/2026-06-01-w.md:6: sumary:" in capsys.readouterr().err
    assert main(["check", "--strict", "-f", str(root / "mkdocs.yml")]) == 1


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-f", str(tmp_path / "nope.yml")]) == 2
    assert "找不到网站设置文件" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_new_article_is_valid(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    config = str(root / "mkdocs.yml")
    args = ["new", "article", "-f", config, "--squad", "fazhi", "--title", "壶山街道整治共享单车"]
    assert main(args) == 0
    created = capsys.readouterr().out
    assert "content/articles/" in created and "-hu-shan-jie-dao-zheng-zhi.md" in created
    portal = load_portal(Settings(root=root, timezone=BEIJING))
    new = [a for a in portal.articles if a.key.endswith("hu-shan-jie-dao-zheng-zhi")]
    assert new and new[0].unit.id == "fazhi" and new[0].status.value == "draft"
    assert main([*args[:-2], "--squad", "nope", "--title", "x"]) == 2
    assert "没有这个单位“nope”。全部：baiyang 白洋中队、fazhi 法制科" in capsys.readouterr().err


def test_new_question_and_regulation_are_valid_drafts(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    config = str(root / "mkdocs.yml")
    question = [
        "new",
        "qa",
        "-f",
        config,
        "--question",
        "小区绿地能种菜吗？",
        "--domain",
        "城市绿化",
    ]
    regulation = [
        *["new", "regulation", "-f", config, "--id", "lvhua-tiaoli"],
        *["--title", "城市绿化条例", "--level", "行政法规"],
    ]
    assert main(question) == 0 and main(regulation) == 0
    out = capsys.readouterr().out
    assert "content/qa/xiao-qu-lv-di-neng-zhong.md" in out  # six words of pinyin
    assert "content/regulations/lvhua-tiaoli.md" in out
    # Both pass `portal check` with no warning, and stay off the site until the draft line goes.
    assert main(["check", "-f", config]) == 0
    assert "warning" not in capsys.readouterr().err
    portal = load_portal(Settings(root=root, timezone=BEIJING))
    assert portal.questions == () and portal.regulations == ()
    path = root / "content/regulations/lvhua-tiaoli.md"
    path.write_text(path.read_text().replace("draft: true", "draft: false"))
    (reg,) = load_portal(Settings(root=root, timezone=BEIJING)).regulations
    assert [p.anchor for p in reg.provisions] == ["art-1"]
    assert main([*question[:-2], "--domain", "城管"]) == 2
    assert "没有这个执法领域“城管”" in capsys.readouterr().err
    assert main([*regulation[:-1], "条例"]) == 2
    assert "没有这个效力级别“条例”" in capsys.readouterr().err


@pytest.fixture(scope="module")
def big_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 generated articles, built once: a build long enough to be interrupted midway."""
    body = "县综合行政执法局开展专项整治行动，清理占道摊位。" * 40
    root = tmp_path_factory.mktemp("big") / "portal"
    files = {
        "mkdocs.yml": MKDOCS,
        "content/squads.yml": SQUADS,
        "content/outlets.yml": OUTLETS,
        **{
            f"content/articles/2026-{month:02d}-{day:02d}-piece-{month}-{day}.md": (
                f"---\ntitle: 稿件{month}-{day}\ndate: 2026-{month:02d}-{day:02d} 09:30\n"
                f"squad: baiyang\ncategory: 执法动态\n---\n\n{body}\n"
            )
            for month in range(1, 11)
            for day in range(1, 31)
            if (month, day) not in ((2, 29), (2, 30))
        },
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "themes" / "portal", root / "themes" / "portal")
    assert build(root, root / "site") == 0
    return root


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_build(root: Path) -> subprocess.Popen[bytes]:
    """`portal build` in a subprocess, returned once its staging folder holds pages."""
    # An edit first: a build of unchanged content finds the site up to date and ends at once,
    # and one after an article's edit renders only that article's pages (record.py). A saved
    # template is part of every page: the whole site is built again.
    template = root / "themes/portal/main.html"
    template.write_text(
        template.read_text(encoding="utf-8") + f"\n{{# saved {time.monotonic_ns()} #}}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "-f", str(root / "mkdocs.yml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A suite run as a background job or from cron inherits SIGINT ignored, and Python
        # keeps it so: the child gets the default handling a terminal would give it.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        staging = [p for p in root.iterdir() if p.name.startswith(".site.building-")]
        if staging and sum(1 for _ in staging[0].rglob("index.html")) > 50:
            return proc
        if proc.poll() is not None:
            pytest.fail(f"build ended before it could be interrupted: {proc.communicate()}")
        time.sleep(0.02)
    proc.kill()
    pytest.fail("build never started writing")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=str)
def test_signal_midway_leaves_previous_site(big_portal: Path, signum: int) -> None:
    """Interrupt a build halfway: the old site stays whole, no staging folder remains."""
    site = big_portal / "site"
    before = snapshot(site)
    assert len([k for k in before if k.startswith("news/2026/")]) > 290
    proc = _start_build(big_portal)
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().splitlines()[-1] == "portal: 已中断，原网站保持不变。"
    assert snapshot(site) == before
    assert [p.name for p in big_portal.iterdir() if p.name.startswith(".site")] == []


def test_killed_build_leaves_a_folder_the_next_build_removes(big_portal: Path) -> None:
    """SIGKILL cannot be caught: its staging folder stays until the next build clears it."""
    site = big_portal / "site"
    before = snapshot(site)
    proc = _start_build(big_portal)
    proc.kill()
    proc.communicate(timeout=60)
    assert snapshot(site) == before
    (left,) = [p for p in big_portal.iterdir() if p.name.startswith(".site.building-")]
    assert left.name.startswith(f".site.building-{proc.pid}-")
    assert build(big_portal, site) == 0
    assert not left.exists()


def test_signal_during_the_swap_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SIGTERM that arrives while the site is being swapped acts only once it is in place."""
    target, staging = tmp_path / "site", tmp_path / ".site.building-1"
    target.mkdir()
    (target / "index.html").write_text("old")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    real_swap = write._swap

    def swap_while_signalled(a: Path, b: Path) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        real_swap(a, b)

    monkeypatch.setattr(write, "_swap", swap_while_signalled)
    previous = signal.signal(signal.SIGTERM, cli_terminate)
    try:
        with pytest.raises(write.InterruptedAfterSwap):
            write.swap_in(staging, target)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert (target / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_report_table_choices_are_the_reports_tables() -> None:
    # cli.py lists them without importing the renderer (a fast `portal --help`).
    from generator.cli.report import TRACKING_TABLES
    from generator.compute.tracking_report import TABLE_NAMES

    assert TRACKING_TABLES == TABLE_NAMES


def test_help_and_usage_errors_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` and argparse's own errors, as staff read them (the message table)."""
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：portal [-h] [-v] 命令 ...\n")
    assert "\n选项：\n  -h, --help     显示这段说明\n" in out
    assert "    serve        本机预览，改文件后自动刷新；内容有错误时页面上列出错误\n" in out
    with pytest.raises(SystemExit) as exc:
        main(["serve", "-h"])
    assert "  -v, --verbose         显示 MkDocs 的运行信息（英文）" in capsys.readouterr().out
    for argv, said in [
        (
            ["report", "--format", "x"],
            "portal report: --format：没有“x”这一项（可以写：table、csv、json）",
        ),
        (["new", "article"], "portal new article: 缺少必须写的参数：--squad, --title"),
        (["build", "--nosuch"], "portal: 不认识的参数：--nosuch"),
        (["poster", "--items", "many"], "portal poster: --items：“many”不是整数"),
    ]:
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("用法：portal") and err.endswith(said + "\n"), err
