"""`portal inspect`: each item's report line, the as-of rule, exit codes, proofreading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main as portal_main
from generator.proofread import Entry, Proofreader, shipped_entries

from .conftest import ARTICLE, ROOT, WritePortal


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, str]]:
    capsys.readouterr()
    code = portal_main(
        [
            "inspect",
            "-f",
            str(root / "mkdocs.yml"),
            "--format",
            "json",
            "-d",
            str(root / "site"),
            *args,
        ]
    )
    data = json.loads(capsys.readouterr().out)
    return code, {item["key"]: item["line"] for item in data["items"]}


def test_home_page_updates_and_the_as_of_rule(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()  # one article, 2026-05-12
    code, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert (
        lines["home"]
        == "合格 [单项否决] 首页不更新：2026-05-06 至 2026-05-20 首页有 1 条新信息，最近一条发布于 2026-05-12"
    )
    # The same content inspected as of a later day: nothing new for over two weeks.
    code, lines = run(root, capsys, "--as-of", "2026-06-01")
    assert (
        lines["home"]
        == "不合格 [单项否决] 首页不更新：2026-05-18 至 2026-06-01 首页没有新信息，最近一条发布于 2026-05-12（20 天前）"
    )
    assert code == 1
    # As of a day before the piece was published, it did not exist yet.
    _, lines = run(root, capsys, "--as-of", "2026-05-01")
    assert lines["home"] == "不合格 [单项否决] 首页不更新：截至 2026-05-01 首页没有任何信息"


def test_no_channel_fails_interaction(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    _, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert lines["interaction"] == (
        "不合格 [单项否决] 互动回应差：没有提供咨询建言渠道：mkdocs.yml 没有 qa_channels，也没有写明渠道的正在进行的征集"
    )
    mkdocs = (root / "mkdocs.yml").read_text(
        encoding="utf-8"
    ) + "      qa_channels: [{phone: '12345'}]\n"
    (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    _, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert lines["interaction"] == (
        "合格 [单项否决] 互动回应差：有 1 个咨询建言渠道；2025-05-20 至 2026-05-20 受理的留言没有超过 3 个月未答复的"
    )


def test_serious_error_fails_and_is_a_check_warning(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    article = ARTICLE.replace(
        "清理占道摊位 23 处。", "清理占道摊位 23 处，宣传《中华人名共和国行政处罚法》。"
    )
    root = write_portal({"content/articles/2026-05-12-night-market.md": article})
    code, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert code == 1
    assert lines["serious"] == "不合格 [单项否决] 严重错误：发现 1 处严重错误"
    capsys.readouterr()
    assert portal_main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    assert (
        "提醒：content/articles/2026-05-12-night-market.md:8: text: 严重错误“中华人名共和国”，应为“中华人民共和国”"
        "（依据：《中华人民共和国宪法》（国号、国家机构名称））"
    ) in capsys.readouterr().err
    assert portal_main(["check", "-f", str(root / "mkdocs.yml"), "--strict"]) == 1


def test_bureau_list_and_typos(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    article = ARTICLE.replace(
        "清理占道摊位 23 处。", "清理占道摊位 23 处，武义县城管局按装了新的宣传栏。"
    )
    root = write_portal(
        {
            "content/articles/2026-05-12-night-market.md": article,
            "content/proofread.yml": "entries:\n  - {wrong: 武义县城管局, right: 武义县综合行政执法局, kind: 错别字, source: 2019年机构改革}\n",
        }
    )
    _, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert lines["typos"] == "不合格 [扣分] 错别字：发现 2 处错别字"
    assert lines["serious"].startswith("合格")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("中华人名共和国", ["中华人名共和国"]),
        ("请按装订线对折", []),  # 按 + 装订线, not 按装
        ("师傅按装了空调", ["按装"]),
        ("参观山脉博物馆", []),
        ("他的脉博很快", ["脉博"]),
        ("全面依法冶国", ["全面依法冶国"]),
        ("依法治国", []),
        ("环境保护部门联合检查", []),
        ("原环境保护部发布", ["环境保护部"]),
        ("拉圾分类", ["拉圾"]),
        ("垃圾分类", []),
    ],
)
def test_proofreading_true_and_false_hits(text: str, found: list[str]) -> None:
    reader = Proofreader(shipped_entries())
    assert [e.wrong for e in reader.hits(text)] == found


def test_every_shipped_entry_names_its_source() -> None:
    entries = shipped_entries()
    assert len(entries) > 40
    assert all(e.source and not e.source.isascii() for e in entries)
    assert all(isinstance(e, Entry) and e.wrong != e.right for e in entries)


def test_sample_passes_every_veto_item(
    sample_site: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capsys.readouterr()
    report = tmp_path / "report.html"
    code = portal_main(
        [
            "inspect",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "--as-of",
            "2026-11-30",
            "-d",
            str(sample_site),
            "-o",
            str(report),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    for name in ("首页不更新", "栏目不更新", "互动回应差", "服务不实用", "严重错误"):
        line = next(x for x in out.splitlines() if f"[单项否决] {name}：" in x)
        assert not line.startswith("不合格"), line
    assert "结论：单项否决指标全部合格" in out
    assert "提示 [提示] 内部数据公开：信息报送（tracking: public）公开了工作人员姓名" in out
    html = report.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "<caption>单项否决指标</caption>" in html


QUESTION = """\
---
question: 门口能摆摊吗？
date: 2026-05-10
domain: 市容环境卫生
received: {received}
---

不能占道经营。
"""
GUIDE = """\
---
title: 店招店牌设置
basis: [《浙江省城市市容和环境卫生管理条例》]
conditions: [沿街依法经营的商铺]
materials: [营业执照, 效果图]
place: 执法中队
hours: 工作日 8:30—17:30
phone: "12345"
steps: [提交告知书, 审查, 出具意见]
---
"""
ONE_COLUMN = """\
      categories: {zhifa: 执法动态}
      domains: {shirong: 市容环境卫生}
      columns: {执法动态: 动态要闻, 法律咨询台·市容环境卫生: none, 办事指南: 1y, 美丽家园: none, 法规摘要: none, 问计于民: none}
      qa_channels: [{phone: '12345'}]
"""


def small(write_portal: WritePortal, files: dict[str, str] | None = None) -> Path:
    root = write_portal(files)
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8") + ONE_COLUMN
    (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    return root


def test_columns_pass_stale_and_blank(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = small(write_portal, {"content/guides/shop-signs.md": GUIDE})
    _, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert lines["columns"] == (
        "提示 [单项否决] 栏目不更新：6 个栏目中超过更新周期 0 个，长期（1 年以上）未更新 0 个，空白 4 个（不合格线：5 个、10 个、5 个）"
    )
    _, lines = run(root, capsys, "--as-of", "2026-06-20")
    assert lines["columns"].startswith("提示 [单项否决] 栏目不更新：6 个栏目中超过更新周期 1 个")
    # The default seven categories and nine domains (same folder: the guide stays): blank
    # columns fail.
    plain = write_portal()
    code, lines = run(plain, capsys, "--as-of", "2026-05-20")
    assert lines["columns"] == (
        "不合格 [单项否决] 栏目不更新：20 个栏目中超过更新周期 0 个，长期（1 年以上）未更新 0 个，空白 18 个（不合格线：5 个、10 个、5 个）"
    )
    assert code == 1


def test_staleness_warning_in_check(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small(write_portal)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1779465600")  # 2026-05-23 Beijing
    capsys.readouterr()
    assert portal_main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    assert (
        "提醒：mkdocs.yml:14: columns.执法动态: 栏目“执法动态”（动态要闻，2 周内要有更新）最近更新于 2026-05-12，"
        "2026-05-26 之后就算不更新（还有 3 天）：请及时发布新信息"
    ) in capsys.readouterr().err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1779206400")  # 2026-05-20: 6 days left, no warning
    assert portal_main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    assert "columns.执法动态" not in capsys.readouterr().err


def test_unanswered_question_fails_interaction(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = small(write_portal, {"content/qa/stall.md": QUESTION.format(received="2026-05-10")})
    _, lines = run(root, capsys, "--as-of", "2026-08-09")
    assert lines["interaction"].startswith("合格 [单项否决] 互动回应差：有 1 个咨询建言渠道")
    code, lines = run(root, capsys, "--as-of", "2026-08-11")
    assert lines["interaction"] == (
        "不合格 [单项否决] 互动回应差：2025-08-11 至 2026-08-11 受理的留言中有 1 条超过 3 个月未答复"
    )
    assert code == 1


def test_guides_are_structured_and_complete(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = small(write_portal)
    _, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert (
        lines["services"]
        == "不合格 [单项否决] 服务不实用：网站没有结构化的办事指南（content/guides/ 下没有事项）"
    )
    (root / "content/guides").mkdir()
    (root / "content/guides/shop-signs.md").write_text(GUIDE, encoding="utf-8")
    _, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert lines["services"] == (
        "合格 [单项否决] 服务不实用：办事指南 1 个事项都有事项名称和设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程"
    )
    (root / "content/guides/shop-signs.md").write_text(
        GUIDE.replace("hours: 工作日 8:30—17:30\n", "").replace('phone: "12345"\n', ""),
        encoding="utf-8",
    )
    code, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert lines["services"] == "不合格 [单项否决] 服务不实用：办事指南 1 个事项中有 1 个缺少要素"
    assert code == 1
    capsys.readouterr()
    assert portal_main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    err = capsys.readouterr().err
    assert (
        "提醒：content/guides/shop-signs.md:1: hours: 办事指南缺少办理时间（hours:）：政府网站检查中办事指南要素缺失属单项否决"
        in err
    )


def test_annual_report_after_31_january(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = ARTICLE.replace("date: 2026-05-12 09:30", "date: 2025-05-12 09:30")
    root = small(write_portal, {"content/articles/2025-05-12-night-market.md": old})
    _, lines = run(root, capsys, "--as-of", "2026-01-20")
    assert lines["annual"] == (
        "合格 [扣分] 年度报表：2025 年度报表已在 /annual/2025/ 公开（网站未生成，按内容判断）"
    )
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    _, lines = run(root, capsys, "--as-of", "2026-02-01")
    assert lines["annual"] == (
        "不合格 [扣分] 年度报表：2026-01-31 已过，网站中没有 2025 年度报表页 /annual/2025/（请重新生成网站）"
    )
    _, lines = run(root, capsys, "--as-of", "2026-01-20")
    assert (
        lines["annual"]
        == "提示 [扣分] 年度报表：2025 年度报表应在 2026-01-31 前公开，现在还没有（11 天后到期）"
    )


def test_dates_signals(write_portal: WritePortal, capsys: pytest.CaptureFixture[str]) -> None:
    root = small(write_portal)
    _, lines = run(root, capsys, "--as-of", "2026-06-30")
    assert (
        lines["dates"]
        == "合格 [提示] 伪造发稿日期：1 篇稿件的发稿日期与文件名一致；0 篇注明了更正、更新"
    )
    moved = ARTICLE.replace("date: 2026-05-12 09:30", "date: 2026-06-20 09:30")
    (root / "content/articles/2026-05-12-night-market.md").write_text(moved, encoding="utf-8")
    _, lines = run(root, capsys, "--as-of", "2026-06-30")
    assert (
        lines["dates"]
        == "提示 [提示] 伪造发稿日期：1 篇稿件的发稿日期需要核实；0 篇注明了更正、更新"
    )
    capsys.readouterr()
    portal_main(["inspect", "-f", str(root / "mkdocs.yml"), "--as-of", "2026-06-30"])
    assert (
        "证据：content/articles/2026-05-12-night-market.md:3: 发稿日期 2026-06-20 与文件名中的日期 2026-05-12 相差 39 天"
        in capsys.readouterr().out
    )


def test_identity_and_tracking_items(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = small(write_portal)
    _, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert lines["identity"].startswith("合格 [扣分] 网站标识：")
    assert lines["tracking"] == (
        "合格 [提示] 内部数据公开：信息报送仅内部使用（tracking: internal，不进菜单、站点地图和搜索引擎）"
    )
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        mkdocs.replace('site_code: "3307230000", ', "") + "      tracking: public\n",
        encoding="utf-8",
    )
    _, lines = run(root, capsys, "--as-of", "2026-05-20")
    assert lines["identity"] == "不合格 [扣分] 网站标识：网站标识有 1 处问题"
    assert lines["tracking"] == (
        "提示 [提示] 内部数据公开：信息报送（tracking: public）公开了工作人员姓名、报送缺额和积分等内部工作数据"
    )


def test_backfilled_piece_is_a_date_signal(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = small(write_portal)
    site = root / "site"
    (site / "feeds").mkdir(parents=True)
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    online = [{"id": "x", "url": "news/2026/05/night-market/", "source": "", "title": "夜市"}]
    (site / "feeds/ids.json").write_text(json.dumps(online), encoding="utf-8")
    backfilled = ARTICLE.replace("2026-05-12 09:30", "2026-04-20 09:30")
    (root / "content/articles/2026-04-20-old-news.md").write_text(backfilled, encoding="utf-8")
    capsys.readouterr()
    portal_main(
        ["inspect", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--as-of", "2026-05-20"]
    )
    out = capsys.readouterr().out
    assert "提示 [提示] 伪造发稿日期：1 篇稿件的发稿日期需要核实；0 篇注明了更正、更新" in out
    assert (
        "证据：content/articles/2026-04-20-old-news.md:3: 新增稿件的发稿日期 2026-04-20 早于网站上已有的最新稿件（2026-05-12）22 天"
        in out
    )
