"""互动交流: interaction records counted once, the statistics page and its downloads, the
CSV reply columns, and `portal check`'s rule on unanswered records."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest

from generator.cli import main
from generator.clock import BEIJING
from generator.compute import interaction
from generator.compute.interaction import Kind, Tally, tally
from generator.errors import ContentError
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import ROOT, SAMPLE_EPOCH, WritePortal, build

CAMPAIGN = """\
title: 我为武义城管献一计
opened: 2026-07-01
closed: 2026-09-30
themes: [市容市貌, 交通秩序]
"""
# Chinese headers as staff type them: 受理日期, 答复日期, 答复部门.
HEADER = "编号,受理日期,姓名,主题,内容,状态,答复,答复日期,答复部门\n"
ROWS = [
    "S1,2026-07-03 14:20,张三,市容市貌,建议一,已答复,已办理,2026/7/10,市容环卫科",
    "S2,2026/7/20,李四,交通秩序,建议二,采纳,采纳,2026年8月9日,直属中队",
    "S3,2026-08-01,王五,交通秩序,建议三,未采纳,不采纳,,",
    "S4,2026-08-02,赵六,市容市貌,建议四,待处理,,,",
]


def question(asked: str, *, received: str = "", replied: str = "", domain: str = "城市绿化") -> str:
    lines = [f"question: {asked}", "date: 2026-09-01", f"domain: {domain}"]
    if received:
        lines.append(f"received: {received}")
    if replied:
        lines += [f"replied: {replied}", "department: 法制科"]
    return "---\n" + "\n".join(lines) + "\n---\n\n解答正文。\n"


QUESTIONS = {
    "content/qa/a.md": question("一问", received="2026-07-01", replied="2026-07-04"),
    "content/qa/b.md": question("二问", received="2026-07-10", replied="2026-07-20"),
    "content/qa/c.md": question("三问", received="2026-08-05", replied="2026-08-06", domain="河道"),
    "content/qa/d.md": question("四问", received="2026-08-20"),  # 待答复
    "content/qa/e.md": question("五问"),  # no 受理日期: counted from its date, 2026-09-01
}


def interaction_portal(write_portal: WritePortal, rows: list[str] = ROWS) -> Path:
    return write_portal(
        {
            **QUESTIONS,
            "content/suggestions/xianyiji/campaign.yml": CAMPAIGN,
            "content/suggestions/xianyiji/submissions.csv": HEADER + "\n".join(rows) + "\n",
        }
    )


def test_tally_median_percentile_and_mean() -> None:
    t = Tally(received=12, answered=10, days=tuple(range(1, 11)))  # 1..10
    assert (t.pending, t.rate, t.median, t.p90, t.mean) == (2, 83.3, 5.5, 9, 5.5)
    odd = Tally(3, 3, (2, 3, 30))
    assert (odd.median, odd.p90, odd.mean) == (3, 30, 11.7)
    assert Tally(1, 1, (4,)).p90 == 4 and Tally(1, 1, (4,)).median == 4
    empty = Tally(0, 0, ())
    assert (empty.rate, empty.median, empty.p90, empty.mean) == (None, None, None, None)
    # Nearest rank: 19 of 20 replies within 5 days, one within 40: 90% took 5 days or fewer.
    assert Tally(20, 20, (*[5] * 18, 6, 40)).p90 == 5


def test_records_count_by_hand(write_portal: WritePortal) -> None:
    portal = load_portal(Settings(root=interaction_portal(write_portal), timezone=BEIJING))
    records = interaction.records(portal, BEIJING)
    questions = interaction.of_kind(records, Kind.QUESTION)
    suggestions = interaction.of_kind(records, Kind.SUGGESTION)
    assert [(r.key, r.received, r.answered, r.days) for r in questions] == [
        ("a", date(2026, 7, 1), True, 3),
        ("b", date(2026, 7, 10), True, 10),
        ("c", date(2026, 8, 5), True, 1),
        ("d", date(2026, 8, 20), False, None),
        ("e", date(2026, 9, 1), False, None),
    ]
    assert not questions[-1].received_known and questions[0].line == 5
    assert [(r.key, r.line, r.answered, r.days, r.department) for r in suggestions] == [
        ("xianyiji/S1", 2, True, 7, "市容环卫科"),
        ("xianyiji/S2", 3, True, 20, "直属中队"),
        ("xianyiji/S3", 4, True, None, ""),
        ("xianyiji/S4", 5, False, None, ""),
    ]
    q = tally(questions)
    assert (q.received, q.answered, q.days, q.median, q.p90) == (5, 3, (1, 3, 10), 3, 10)
    s = tally(suggestions)
    assert (s.received, s.answered, s.median, s.p90, s.mean) == (4, 3, 13.5, 20, 13.5)
    months = [(m, t.received, t.answered, t.median) for m, t in interaction.by_month(questions)]
    assert months == [("2026-07", 2, 2, 6.5), ("2026-08", 2, 1, 1), ("2026-09", 1, 0, None)]
    groups = dict(interaction.by_group(suggestions, interaction.groups(portal, Kind.SUGGESTION)))
    assert list(groups) == ["市容市貌", "交通秩序"]
    assert (groups["交通秩序"].received, groups["交通秩序"].answered) == (2, 2)
    by_domain = dict(interaction.by_group(questions, interaction.groups(portal, Kind.QUESTION)))
    assert by_domain["城市绿化"].received == 4 and by_domain["河道"].received == 1
    assert by_domain["犬类管理"].received == 0  # every domain is listed
    waiting = [(r.key, d) for r, d in interaction.pending(records, date(2026, 10, 1))]
    assert waiting == [("xianyiji/S4", 60), ("d", 42), ("e", 30)]


def test_months_without_records_are_listed() -> None:
    assert interaction.months_between(date(2026, 11, 20), date(2027, 2, 1)) == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "S9,2026-07-10,张三,市容市貌,建议,已答复,好,2026-07-09,法制科",
            "content/suggestions/xianyiji/submissions.csv:2: replied: 答复日期 2026-07-09 "
            "早于收到日期 2026-07-10",
        ),
        (
            "S9,2026-07-10,张三,市容市貌,建议,已答复,好,2026-07-32,法制科",
            "content/suggestions/xianyiji/submissions.csv:2: replied: 没有这一天：“2026-07-32”",
        ),
    ],
)
def test_bad_reply_dates(write_portal: WritePortal, row: str, expected: str) -> None:
    root = interaction_portal(write_portal, [row])
    with pytest.raises(ContentError) as exc:
        load_portal(Settings(root=root, timezone=BEIJING))
    assert [str(p) for p in exc.value.errors] == [expected]


def test_reply_date_warnings(write_portal: WritePortal) -> None:
    rows = [
        "S1,2026-07-03,张三,市容市貌,建议,待处理,,2026-07-09,法制科",
        "S2,2026-07-03,李四,市容市貌,建议,已答复,好,2026-07-09,",
    ]
    portal = load_portal(Settings(root=interaction_portal(write_portal, rows), timezone=BEIJING))
    path = "content/suggestions/xianyiji/submissions.csv"
    assert [str(p) for p in portal.warnings if str(p).startswith(path)] == [
        f"{path}:2: status: 状态是“待处理”，却有答复日期 2026-07-09；"
        "请把状态改成答复的结果（采纳、部分采纳、已答复、未采纳）",
        f"{path}:3: department: 请写明答复部门，例如 法制科",
    ]


def _epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for noon, Beijing time, on `day`."""
    moment = datetime.fromisoformat(f"{day}T12:00:00+08:00")
    return str(int(moment.astimezone(UTC).timestamp()))


def test_check_warns_past_60_days_and_fails_strict_past_90(
    write_portal: WritePortal, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = interaction_portal(write_portal)
    config = str(root / "mkdocs.yml")
    # 2026-10-19: d waited 60 days (not yet), S4 (2026-08-02) 78, e (published 2026-09-01) 48.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2026-10-19"))
    assert main(["check", "-f", config]) == 0
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if "待答复" in line] == [
        "提醒：content/suggestions/xianyiji/submissions.csv:5: replied: 待答复：自受理 "
        "2026-08-02 起已 78 天未答复（超过 60 天；超过 90 天网站检查按未办理计）；"
        "请答复后填写状态和答复日期"
    ]
    assert "截至 2026-10-19，超过 60 天未答复的留言 1 条" in captured.out
    assert main(["check", "--strict", "-f", config]) == 0  # over 60 days is a reminder only
    capsys.readouterr()
    # 2026-11-01: S4 has waited 91 days, d 73, e 61: an error with --strict, else warnings.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2026-11-01"))
    assert main(["check", "-f", config]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "待答复" in line]
    assert warned == [
        "提醒：content/qa/d.md:5: replied: 待答复：自受理 2026-08-20 起已 73 天未答复"
        "（超过 60 天；超过 90 天网站检查按未办理计）；请答复后加上 replied: 和 department:",
        "提醒：content/qa/e.md:3: replied: 待答复：自发布 2026-09-01 起已 61 天未答复"
        "（超过 60 天；超过 90 天网站检查按未办理计）；请答复后加上 replied: 和 department:",
        "提醒：content/suggestions/xianyiji/submissions.csv:5: replied: 待答复：自受理 "
        "2026-08-02 起已 91 天未答复（超过三个月未答复：网站检查按未办理计）；"
        "请答复后填写状态和答复日期",
    ]
    assert main(["check", "--strict", "-f", config]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("提醒：content/qa/d.md:5: replied: 待答复")
    assert err[1].startswith("提醒：content/qa/e.md:3: replied: 待答复")
    assert err[2].startswith("content/suggestions/xianyiji/submissions.csv:5: replied: 待答复")
    # A question without 受理日期 counts from its publication date, at its `date:` line.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2026-12-31"))
    assert main(["check", "-f", config]) == 0
    assert (
        "提醒：content/qa/e.md:3: replied: 待答复：自发布 2026-09-01 起已 121 天未答复"
        in capsys.readouterr().err
    )


def test_check_reads_today_without_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert interaction.inspection_day(BEIJING) == datetime.now(BEIJING).date()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2026-03-04"))
    assert interaction.inspection_day(BEIJING) == date(2026, 3, 4)


def test_builds_do_not_inspect(
    write_portal: WritePortal, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rule is about the present, so builds leave it out: a --strict build passes."""
    root = interaction_portal(write_portal)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2026-12-01"))
    assert main(["check", "--strict", "-f", str(root / "mkdocs.yml")]) == 1
    capsys.readouterr()
    assert build(root, root / "site", "--strict") == 0
    assert "待答复:" not in capsys.readouterr().err


def test_statistics_page_and_downloads(
    write_portal: WritePortal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2026-10-01"))
    root = interaction_portal(write_portal)
    site = root / "site"
    assert build(root, site) == 0
    html = (site / "interaction/index.html").read_text()
    tree = lxml.html.fromstring(html)
    assert tree.cssselect("h1")[0].text_content() == "互动交流统计"
    summary = [
        [c.text_content() for c in row.cssselect("th, td")]
        for row in tree.cssselect("#ix-summary tbody tr, #ix-summary tfoot tr")
    ]
    assert summary == [
        ["法律咨询台", "5", "3", "2", "60.0%", "3", "10"],
        ["问计于民", "4", "3", "1", "75.0%", "13.5", "20"],
        ["合计", "9", "6", "3", "66.7%", "7", "20"],
    ]
    svgs = tree.cssselect("figure svg")
    assert len(svgs) == 4 and all(s.get("role") == "img" for s in svgs)
    assert all(s.cssselect("title") and s.cssselect("desc") for s in svgs)
    pending = [row.text_content().split() for row in tree.cssselect("#pending ~ div tbody tr")]
    assert [p[-1] for p in pending] == ["办理中", "办理中", "办理中"]
    data = json.loads((site / "interaction/interaction.json").read_bytes())
    assert data["as_of"] == "2026-10-01"
    assert [(k["kind"], k["received"], k["median_days"]) for k in data["kinds"]] == [
        ("question", 5, 3),
        ("suggestion", 4, 13.5),
    ]
    months = list(
        csv.DictReader(io.StringIO((site / "interaction/by-month.csv").read_text("utf-8-sig")))
    )
    assert [(m["渠道"], m["月份"], m["收到"], m["答复天数中位数"]) for m in months] == [
        ("法律咨询台", "2026-07", "2", "6.5"),
        ("法律咨询台", "2026-08", "2", "1"),
        ("法律咨询台", "2026-09", "1", ""),
        ("问计于民", "2026-07", "2", "13.5"),
        ("问计于民", "2026-08", "2", ""),
    ]
    records = (site / "interaction/records.csv").read_text("utf-8-sig")
    assert "张三" not in records and "张" not in records  # no names: dates and groups only
    # The records show their dates where citizens read them.
    qa = (site / "qa/d/index.html").read_text()
    assert "待答复" in qa and "2026年8月20日" in qa
    theme = (site / "suggestions/xianyiji/shi-rong-shi-mao/index.html").read_text()
    assert "2026年7月10日</time> · 市容环卫科）" in theme
    for page in ("qa/index.html", "suggestions/index.html", "index.html"):
        links = lxml.html.fromstring((site / page).read_text()).cssselect("a")
        assert any(a.get("href", "").endswith("interaction/") for a in links), page


def test_sample_page_matches_its_json(sample_site: Path) -> None:
    data = json.loads((sample_site / "interaction/interaction.json").read_bytes())
    tree = lxml.html.fromstring((sample_site / "interaction/index.html").read_text())
    rows = {
        row.cssselect("th")[0].text_content(): [c.text_content() for c in row.cssselect("td")]
        for row in tree.cssselect("#ix-summary tbody tr")
    }

    def shown(value: object, suffix: str = "") -> str:
        return "—" if value is None else f"{value}{suffix}"

    for k in data["kinds"]:
        assert rows[k["label"]] == [
            str(k["received"]),
            str(k["answered"]),
            str(k["pending"]),
            shown(k["answered_percent"], "%"),
            shown(k["median_days"]),
            shown(k["p90_days"]),
        ]
    qa_files = list((ROOT / "content/qa").glob("*.md"))
    question = data["kinds"][0]
    assert question["received"] == len(qa_files)
    replied = [p for p in qa_files if "\nreplied:" in p.read_text(encoding="utf-8")]
    assert question["answered"] == len(replied)
    assert sum(m["received"] for m in question["by_month"]) == question["received"]
    assert sum(g["received"] for g in question["by_group"]) == question["received"]
    assert data["as_of"] == datetime.fromtimestamp(int(SAMPLE_EPOCH), BEIJING).date().isoformat()
