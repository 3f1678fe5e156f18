"""政府网站工作年度报表 figures: hand counts on a small portal, and one set of numbers on the
page, in annual.json / annual.csv and from `portal report --annual`."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest

from generator.cli import main
from generator.clock import BEIJING
from generator.compute.annual import annual, latest_year, report_years
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import ROOT, SAMPLE_EPOCH, WritePortal, build


def article(when: str, category: str, status: str = "published") -> str:
    return (
        f"---\ntitle: 稿件\ndate: {when}\nsquad: baiyang\ncategory: {category}\n"
        f"status: {status}\n---\n\n正文。\n"
    )


def question(when: str, *extra: str) -> str:
    lines = ["question: 问题？", f"date: {when}", "domain: 城市绿化", *extra]
    return "---\n" + "\n".join(lines) + "\n---\n\n解答。\n"


def campaign(opened: str, closed: str, theme: str) -> str:
    return (
        f"title: 征集\nopened: {opened}\nclosed: {closed}\nthemes: [{theme}]\n"
        "channels: [{phone: '12345'}]\n"
    )


HEADER = "id,received,name,theme,text,status,reply,replied,department\n"
FILES = {
    # 2026 (Beijing time): the fixture's 2026-05-12 执法动态 piece, plus these.
    "content/articles/2026-05-20-a1.md": article("2026-05-20 10:00", "市容整治"),
    "content/articles/2026-06-01-a2.md": article("2026-06-01", "执法动态", "draft"),
    "content/articles/2026-06-02-a3.md": article("2026-06-02", "执法动态", "rejected"),
    "content/articles/2026-12-31-a4.md": article("2026-12-31 23:30", "便民服务"),
    # 20:00 UTC on 31 December is 04:00 on 1 January in Beijing: a 2027 piece.
    "content/articles/2027-01-01-a5.md": article("2026-12-31T20:00:00Z", "便民服务"),
    "content/articles/2025-12-31-a6.md": article("2025-12-31 10:00", "执法动态"),
    "content/qa/q1.md": question(
        "2026-03-10", "received: 2026-03-01", "replied: 2026-03-05", "department: 法制科"
    ),
    "content/qa/q2.md": question(
        "2027-01-06", "received: 2026-12-28", "replied: 2027-01-05", "department: 法制科"
    ),
    "content/qa/q3.md": question("2026-11-02", "received: 2026-11-01"),
    "content/qa/q4.md": question("2026-07-05", "replied: 2026-07-03", "department: 法制科"),
    "content/qa/q5.md": question("2026-05-02", "received: 2026-05-01", "draft: true"),
    "content/qa/q6.md": question(
        "2026-01-05", "received: 2025-12-30", "replied: 2026-01-04", "department: 法制科"
    ),
    "content/suggestions/spring/campaign.yml": campaign("2026-03-01", "2026-03-31", "市容市貌"),
    "content/suggestions/spring/submissions.csv": HEADER
    + "S1,2026-03-05,张三,市容市貌,建议,采纳,好,2026-03-10,法制科\n"
    + "S2,2026-03-20,李四,市容市貌,建议,未采纳,不行,2026-04-09,法制科\n",
    "content/suggestions/winter/campaign.yml": campaign("2026-12-01", "2027-01-31", "交通秩序"),
    "content/suggestions/winter/submissions.csv": HEADER
    + "W1,2026-12-05,王五,交通秩序,建议,部分采纳,部分,,\n"
    + "W2,2027-01-03,赵六,交通秩序,建议,待处理,,,\n",
    "content/suggestions/autumn/campaign.yml": campaign("2025-11-01", "2025-11-30", "市容市貌"),
    "content/suggestions/autumn/submissions.csv": HEADER
    + "O1,2025-11-05,钱七,市容市貌,建议,已答复,好,,\n",
}
# Counted on 2027-01-20: 2026 is over.
AS_OF = date(2027, 1, 20)
EPOCH = str(int(datetime(2027, 1, 20, 4, 0, tzinfo=UTC).timestamp()))  # 12:00 in Beijing

HAND_COUNTS = {
    "articles.total": 3,  # 05-12 执法动态, 05-20 市容整治, 12-31 23:30 便民服务
    "articles.category.zhifa": 1,
    "articles.category.shirong": 1,
    "articles.category.huanwei": 0,
    "articles.category.bianmin": 1,
    "articles.month.05": 2,
    "articles.month.06": 0,
    "articles.month.12": 1,
    "articles.month.01": 0,
    "interpretation.answers": 3,  # q1, q4, q6 published in 2026 and answered
    "messages.received": 4,  # q1, q2, q3 received in 2026; q4 dated by publication
    "messages.answered": 3,  # q1, q2, q4
    "messages.pending": 1,  # q3
    "messages.mean_days": 6,  # q1 4 days, q2 8 days (q4 has no 受理日期)
    "messages.median_days": 6,
    "messages.published": 3,
    "surveys.campaigns": 2,  # spring, winter (autumn opened in 2025)
    "surveys.received": 3,  # S1, S2, W1 (W2 arrived in 2027)
    "surveys.answered": 3,
    "surveys.adopted": 2,  # S1 采纳, W1 部分采纳
    "surveys.median_days": 12.5,  # S1 5 days, S2 20 days
    "surveys.results": 1,  # spring: closed, every entry answered; winter still open
}


@pytest.fixture
def small(write_portal: WritePortal) -> Path:
    return write_portal(FILES)


def test_figures_match_hand_counts(small: Path) -> None:
    portal = load_portal(Settings(root=small, timezone=BEIJING))
    a = annual(portal, 2026, BEIJING, AS_OF)
    assert a.complete
    assert {key: a.figure(key).value for key in HAND_COUNTS} == HAND_COUNTS
    assert [
        (c.campaign.key, c.received, c.answered, c.adopted, c.results_published)
        for c in a.campaigns
    ] == [
        ("spring", 2, 2, 1, True),
        ("winter", 2, 1, 1, False),
    ]
    assert report_years(portal, BEIJING) == (2025, 2026, 2027)
    later = annual(portal, 2027, BEIJING, AS_OF)
    assert later.figure("articles.total").value == 1 and not later.complete
    assert later.figure("interpretation.answers").value == 1  # q2, published 2027-01-06
    assert (
        later.figure("surveys.received").value == 1 and later.figure("surveys.campaigns").value == 0
    )
    assert later.figure("messages.mean_days").value is None  # nothing received in 2027


def test_every_figure_has_a_rule(small: Path) -> None:
    a = annual(load_portal(Settings(root=small, timezone=BEIJING)), 2026, BEIJING, AS_OF)
    assert len({f.key for f in a.figures}) == len(a.figures)
    assert all(f.rule and f.label and f.unit and f.part for f in a.figures)


def test_latest_year() -> None:
    assert latest_year((2026,), date(2026, 11, 30)) == 2026  # the year under way
    assert latest_year((2025, 2026, 2027), date(2027, 1, 20)) == 2026  # due by 31 January
    assert latest_year((), date(2026, 1, 1)) is None


def _page_figures(html: str) -> dict[str, str]:
    tree = lxml.html.fromstring(html)
    found: dict[str, str] = {}
    for cell in tree.cssselect("[data-figure]"):
        key, text = cell.get("data-figure"), cell.text_content().strip()
        assert found.setdefault(key, text) == text, key  # shown twice, the same both times
    return found


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def test_page_downloads_and_cli_agree(
    small: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = small / "site"
    assert build(small, site) == 0
    capsys.readouterr()
    config = str(small / "mkdocs.yml")
    assert main(["report", "-f", config, "--annual", "2026", "--format", "json"]) == 0
    cli_json = capsys.readouterr().out.encode()
    assert cli_json == (site / "annual/2026/annual.json").read_bytes()
    data = json.loads(cli_json)
    assert (data["year"], data["as_of"], data["complete"]) == (2026, "2027-01-20", True)
    values = {f["key"]: f["value"] for f in data["figures"]}
    assert {k: values[k] for k in HAND_COUNTS} == HAND_COUNTS
    page = _page_figures((site / "annual/2026/index.html").read_text())
    assert page == {k: _shown(v) for k, v in values.items()}
    assert main(["report", "-f", config, "--annual", "2026", "--format", "csv", "--bom"]) == 0
    cli_csv = capsys.readouterr().out
    assert cli_csv.encode() == (site / "annual/2026/annual.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(cli_csv.removeprefix("\ufeff"))))
    assert [r["指标编号"] for r in rows] == [f["key"] for f in data["figures"]]
    assert {r["指标编号"]: r["数值"] for r in rows}["surveys.median_days"] == "12.5"
    assert all(r["统计口径"] for r in rows)
    assert main(["report", "-f", config, "--annual", "2026"]) == 0
    table = capsys.readouterr().out
    assert "政府网站工作年度报表" in table and "公布调查结果期数" in table and "全年" in table
    assert re.search(r"征集调查：收到意见数量\s*│\s*3 │", table)
    # Every year with content has a page; the home page links the one due by 31 January.
    assert sorted(p.name for p in (site / "annual").iterdir() if p.is_dir()) == [
        "2025",
        "2026",
        "2027",
    ]
    home = lxml.html.fromstring((site / "index.html").read_text())
    assert next(a.get("href") for a in home.cssselect("#pt-home-open ~ ul a")) == "annual/2026/"
    index = (site / "annual/index.html").read_text()
    assert "2025年" in index and "截至2027-01-20" in index


def test_annual_usage_errors(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(small / "mkdocs.yml")
    assert main(["report", "-f", config, "--annual", "2026", "--from", "2026-01-01"]) == 2
    assert "--annual 统计整个自然年；请去掉 --from" in capsys.readouterr().err
    assert main(["report", "-f", config, "--annual", "26"]) == 2
    assert "--annual 26：请写年份，例如 2026" in capsys.readouterr().err


def test_sample_page_equals_cli_json(
    sample_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    capsys.readouterr()
    assert (
        main(["report", "-f", str(ROOT / "mkdocs.yml"), "--annual", "2026", "--format", "json"])
        == 0
    )
    cli_json = capsys.readouterr().out.encode()
    assert cli_json == (sample_site / "annual/2026/annual.json").read_bytes()
    data = json.loads(cli_json)
    values = {f["key"]: f["value"] for f in data["figures"]}
    assert _page_figures((sample_site / "annual/2026/index.html").read_text()) == {
        k: _shown(v) for k, v in values.items()
    }
    # The same numbers as the site's other views.
    for month in range(1, 13):
        listing = sample_site / f"news/2026/{month:02d}/index.html"
        shown = 0
        if listing.exists():
            found = re.search(r"发布稿件 (\d+) 篇", listing.read_text())
            assert found
            shown = int(found[1])
        assert values[f"articles.month.{month:02d}"] == shown
    interaction = json.loads((sample_site / "interaction/interaction.json").read_bytes())
    kinds = {k["kind"]: k for k in interaction["kinds"]}
    in_2026 = [m for m in kinds["question"]["by_month"] if m["month"].startswith("2026-")]
    assert values["messages.received"] == sum(m["received"] for m in in_2026)
    assert values["messages.answered"] == sum(m["answered"] for m in in_2026)
    assert values["surveys.received"] == sum(
        m["received"] for m in kinds["suggestion"]["by_month"] if m["month"].startswith("2026-")
    )
    digests = [
        json.loads(p.read_bytes())
        for p in sorted((sample_site / "suggestions").glob("*/digest.json"))
    ]
    assert values["surveys.campaigns"] == len(digests)
    assert values["surveys.answered"] == sum(d["answered"] for d in digests)
    home = (sample_site / "index.html").read_text()
    assert 'href="annual/2026/"' in home


def test_readme_gives_every_rule(small: Path) -> None:
    readme = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    a = annual(load_portal(Settings(root=small, timezone=BEIJING)), 2026, BEIJING, AS_OF)
    keys = {re.sub(r"\.(category|month)\..*", r".\1.*", f.key) for f in a.figures}
    missing = [k for k in sorted(keys) if f"`{k}`" not in readme]
    assert not missing
