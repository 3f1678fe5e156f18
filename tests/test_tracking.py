"""信息报送 counting on small hand-made ledgers with known answers, the sample's pages and
downloads against `portal report`, and the public / internal / off option."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import date, datetime
from pathlib import Path, PurePosixPath

import lxml.html
import pytest

from generator.clock import BEIJING, parse_when
from generator.compute.tracking import (
    Week,
    adoption,
    as_of,
    parse_bound,
    ranks,
    submissions,
    week_of,
    writers_of,
)
from generator.compute.tracking_report import build_report, report_tables
from generator.model import (
    Article,
    Category,
    Edition,
    Level,
    Outlet,
    Placement,
    Portal,
    QuotaPeriod,
    Status,
    Unit,
    UnitType,
)
from generator.render.tracking_pages import without_tracking

from .conftest import ROOT, SQUADS, WritePortal, build

CAT = Category("zhifa", "执法动态")
A = Unit("a", "甲中队", UnitType.SQUAD, "甲", (QuotaPeriod(None, 2),))
B = Unit(
    "b",
    "乙科室",
    UnitType.SECTION,
    "乙",
    (QuotaPeriod(date(2026, 1, 1), 1), QuotaPeriod(date(2026, 3, 4), 3)),
    since=date(2026, 2, 18),  # a Wednesday
)
OUTLETS = (
    Outlet("n", "人民网", Level.NATIONAL),
    Outlet("p", "浙江日报", Level.PROVINCIAL),
    Outlet("m", "金华日报", Level.MUNICIPAL),
    Outlet("c", "今日武义", Level.COUNTY),
    Outlet("tv", "武义电视台", Level.COUNTY, points=2),
)
POINTS = {Level.NATIONAL: 10, Level.PROVINCIAL: 6, Level.MUNICIPAL: 4, Level.COUNTY: 1}


def piece(
    key: str,
    unit: Unit,
    submitted: str,
    status: Status = Status.PUBLISHED,
    placements: tuple[Placement, ...] = (),
    author: str = "",
    edition: Edition | None = None,
) -> Article:
    when = parse_when(submitted, BEIJING)
    return Article(
        key=key,
        slug=key,
        source=PurePosixPath(f"content/articles/{key}.md"),
        title=key,
        published=when,
        unit=unit,
        category=CAT,
        status=status,
        submitted=when,
        body="x",
        body_line=1,
        author=author,
        placements=placements,
        edition=edition,
    )


def portal(*articles: Article, units: tuple[Unit, ...] = (A, B), edition_bonus: int = 0) -> Portal:
    return Portal(
        units=units,
        outlets=OUTLETS,
        points=POINTS,
        categories=(CAT,),
        editions=(),
        articles=articles,
        pages=(),
        edition_bonus=edition_bonus,
    )


def placed(outlet: int, day: str) -> Placement:
    return Placement(OUTLETS[outlet], date.fromisoformat(day))


def test_iso_weeks_and_bounds() -> None:
    assert Week.of(date(2024, 12, 30)).label == "2025-W01"
    assert Week.of(date(2026, 12, 31)).label == "2026-W53"
    assert Week.of(date(2027, 1, 3)).label == "2026-W53"
    assert Week.parse("2026-W53").sunday == date(2027, 1, 3)
    assert Week.parse("2026w18").monday == date(2026, 4, 27)
    assert Week.parse("2025-W01").previous().label == "2024-W52"
    with pytest.raises(ValueError, match="没有这一周：“2025-W53”"):
        Week.parse("2025-W53")
    assert parse_bound("2026-W18", end=True) == date(2026, 5, 3)
    assert parse_bound("2026-W18", end=False) == date(2026, 4, 27)
    assert parse_bound("2026-05-01", end=False) == date(2026, 5, 1)
    with pytest.raises(ValueError, match="“May 1”不是日期或 ISO 周"):
        parse_bound("May 1", end=False)


def test_sunday_night_beijing_time_whatever_the_offset() -> None:
    sunday = parse_when("2026-05-03 23:30", BEIJING)
    monday = parse_when("2026-05-04 00:30", BEIJING)
    written_in_utc = parse_when("2026-05-03T15:30:00Z", BEIJING)  # 23:30 in Beijing
    assert week_of(sunday, BEIJING).label == "2026-W18"
    assert week_of(monday, BEIJING).label == "2026-W19"
    assert week_of(written_in_utc, BEIJING).label == "2026-W18"
    p = portal(
        piece("x1", A, "2026-05-03 23:30"),
        piece("x2", A, "2026-05-03T15:30:00Z"),
        piece("x3", A, "2026-05-04 00:30"),
    )
    ledger = submissions(p, date(2026, 4, 27), date(2026, 5, 10), BEIJING, (A,))
    assert [(c.week.label, c.submitted) for c in ledger.cells.values()] == [
        ("2026-W18", 2),
        ("2026-W19", 1),
    ]


def test_every_status_counts_and_empty_weeks_are_zero() -> None:
    p = portal(
        piece("x1", A, "2026-05-03 23:30"),
        piece("x2", A, "2026-05-01 10:00", Status.DRAFT),
        piece("x3", A, "2026-05-04 00:30", Status.REJECTED),
    )
    ledger = submissions(p, date(2026, 4, 27), date(2026, 5, 17), BEIJING, (A,))
    cells = [ledger.cell(A, w) for w in ledger.weeks]
    assert [(c.week.label, c.submitted, c.quota, c.met, c.short) for c in cells if c] == [
        ("2026-W18", 2, 2, True, 0),
        ("2026-W19", 1, 2, False, 1),
        ("2026-W20", 0, 2, False, 2),
    ]
    (total,) = ledger.totals()
    assert (total.weeks, total.submitted, total.quota, total.weeks_met, total.weeks_short) == (
        3,
        3,
        6,
        1,
        2,
    )
    assert total.rate == 33


def test_quota_changes_on_mondays_and_units_joining_midweek() -> None:
    p = portal(
        piece("y0", B, "2026-02-16 09:00"),  # before B existed: not counted
        piece("y1", B, "2026-02-20 09:00"),
        piece("y2", B, "2026-03-04 09:00"),
        piece("y3", B, "2026-03-10 09:00"),
    )
    ledger = submissions(p, date(2026, 2, 2), date(2026, 3, 15), BEIJING, (B,))
    cells = [(w.label, c.submitted, c.quota) for w in ledger.weeks if (c := ledger.cell(B, w))]
    # B starts on Wednesday 2026-02-18 (W08, counted from that week); the quota of 3 from
    # Wednesday 2026-03-04 applies from the Monday after (W11); W10 keeps 1.
    assert cells == [
        ("2026-W08", 2, 1),
        ("2026-W09", 0, 1),
        ("2026-W10", 1, 1),
        ("2026-W11", 1, 3),
    ]
    assert [w.label for w in ledger.weeks][:2] == ["2026-W06", "2026-W07"]
    assert ledger.counted_weeks()[0].label == "2026-W08"


def test_a_period_counts_whole_weeks_from_its_first_day() -> None:
    p = portal(piece("w1", A, "2026-04-27 09:00"), piece("w2", A, "2026-04-30 09:00"))
    # From Thursday 2026-04-30: the week is counted from its Monday, both pieces are in it.
    ledger = submissions(p, date(2026, 4, 30), date(2026, 5, 3), BEIJING, (A,))
    assert [(c.week.label, c.submitted) for c in ledger.cells.values()] == [("2026-W18", 2)]
    # To Wednesday 2026-04-29: a week in progress counts what was submitted by then.
    ledger = submissions(p, date(2026, 4, 27), date(2026, 4, 29), BEIJING, (A,))
    assert [(c.week.label, c.submitted) for c in ledger.cells.values()] == [("2026-W18", 1)]


def test_year_boundary_and_week_53() -> None:
    p = portal(
        piece("z0", A, "2024-12-29 23:59"),
        piece("z1", A, "2024-12-30 08:00"),
        piece("z2", A, "2026-12-31 08:00"),
        piece("z3", A, "2027-01-03 22:00"),
        piece("z4", A, "2027-01-04 07:00"),
    )
    ledger = submissions(p, date(2024, 12, 23), date(2025, 1, 5), BEIJING, (A,))
    assert [(c.week.label, c.submitted) for c in ledger.cells.values()] == [
        ("2024-W52", 1),
        ("2025-W01", 1),
    ]
    ledger = submissions(p, date(2026, 12, 28), date(2027, 1, 10), BEIJING, (A,))
    assert [(c.week.label, c.submitted, c.met) for c in ledger.cells.values()] == [
        ("2026-W53", 2, True),
        ("2027-W01", 1, False),
    ]
    # The site's year view of 2027 starts on 1 January, in 2026-W53.
    report = build_report(p, date(2027, 1, 1), date(2027, 1, 4), date(2027, 1, 4), BEIJING)
    assert [w.label for w in report.ledger.weeks] == ["2026-W53", "2027-W01"]
    assert report.ledger.cell(A, Week(2026, 53)).submitted == 2  # type: ignore[union-attr]


def test_adoption_counts_each_placement_with_points() -> None:
    p = portal(
        piece(
            "p1",
            A,
            "2026-05-01 09:00",
            placements=(placed(0, "2026-05-02"), placed(3, "2026-05-02"), placed(4, "2026-05-03")),
        ),
        piece("p2", B, "2026-05-01 09:00", placements=(placed(2, "2026-05-05"),)),
        piece("p3", B, "2026-05-01 09:00", placements=(placed(3, "2026-06-05"),)),
    )
    used = adoption(p, date(2026, 5, 1), date(2026, 5, 31))
    assert len(used.placements) == 4
    assert [(lv.value, n, pts) for lv, n, pts in used.by_level()] == [
        ("national", 1, 10),
        ("provincial", 0, 0),
        ("municipal", 1, 4),
        ("county", 2, 3),
    ]
    assert [(o.id, n, pts) for o, n, pts in used.by_outlet(p.outlets)] == [
        ("n", 1, 10),
        ("p", 0, 0),
        ("m", 1, 4),
        ("c", 1, 1),
        ("tv", 1, 2),
    ]
    assert [(r.unit.id, r.earned.placements, r.earned.total) for r in used.by_unit(p.units)] == [
        ("a", 3, 13),
        ("b", 1, 4),
    ]
    assert used.total_points == 17


def test_edition_bonus_once_per_piece_on_the_edition_date() -> None:
    first = Edition(1, date(2026, 5, 8), "联合执法")
    undated = Edition(2, None, "环卫")
    p = portal(
        piece(
            "e1",
            A,
            "2026-05-04 09:00",
            placements=(placed(3, "2026-05-08"), placed(4, "2026-05-09")),
            edition=first,
        ),
        piece("e2", B, "2026-05-04 09:00", placements=(placed(3, "2026-06-02"),), edition=undated),
        piece("e3", B, "2026-05-04 09:00", placements=(placed(3, "2026-05-08"),)),
        edition_bonus=5,
    )
    may = adoption(p, date(2026, 5, 1), date(2026, 5, 31))
    assert [(a.key, b) for a, b in may.bonuses] == [("e1", 5)]
    assert [(r.unit.id, r.earned.points, r.earned.bonus) for r in may.by_unit(p.units)] == [
        ("a", 3, 5),
        ("b", 1, 0),
    ]
    june = adoption(p, date(2026, 6, 1), date(2026, 6, 30))  # e2: its first placement's date
    assert [(a.key, b) for a, b in june.bonuses] == [("e2", 5)]
    assert adoption(p, date(2026, 5, 1), date(2026, 6, 30)).total_points == 3 + 1 + 1 + 10


def test_co_authors_each_earn_the_piece_and_ranks_share_places() -> None:
    p = portal(
        piece(
            "c1", A, "2026-05-01 09:00", placements=(placed(0, "2026-05-02"),), author="张三 李四"
        ),
        piece("c2", A, "2026-05-01 09:00", placements=(placed(1, "2026-05-02"),), author="李四"),
        piece("c3", B, "2026-05-01 09:00", placements=(placed(3, "2026-05-02"),)),
    )
    assert writers_of(p.articles[0]) == ("张三", "李四")
    assert writers_of(p.articles[2]) == ("乙",)  # no author: the unit's 信息员
    used = adoption(p, date(2026, 5, 1), date(2026, 5, 31))
    rows = [(w.name, w.unit.id, w.earned.placements, w.earned.total) for w in used.by_writer()]
    assert rows == [("李四", "a", 2, 16), ("张三", "a", 1, 10), ("乙", "b", 1, 1)]
    assert ranks([16, 10, 10, 1]) == [1, 2, 2, 4]


def test_year_long_ledger_totals_by_level() -> None:
    """365 pieces, one a day in 2026, each placed on its day (national, provincial, municipal,
    今日武义 or TV by day number mod 5, but 今日武义 every seventh day), and every third day
    also on TV: 487 placements. The expected totals were counted by hand."""
    articles = []
    for n in range(365):
        day = date.fromordinal(date(2026, 1, 1).toordinal() + n)
        outlet = OUTLETS[n % 5] if n % 7 else OUTLETS[3]
        extra = (Placement(OUTLETS[4], day),) if n % 3 == 0 else ()
        articles.append(
            piece(
                f"y{n:03d}",
                A if n % 2 else B,
                f"{day.isoformat()} 08:00",
                placements=(Placement(outlet, day), *extra),
            )
        )
    used = adoption(portal(*articles), date(2026, 1, 1), date(2026, 12, 31))
    assert [(lv.value, n, pts) for lv, n, pts in used.by_level()] == [
        ("national", 62, 620),
        ("provincial", 63, 378),
        ("municipal", 62, 248),
        ("county", 300, 116 + 2 * 184),
    ]
    assert len(used.placements) == 487 and used.total_points == 1730
    q4 = adoption(portal(*articles), date(2026, 10, 1), date(2026, 12, 31))
    assert len(q4.placements) == 92 + 31  # 92 days, every third of them (273..363) on TV


def test_as_of_never_uses_the_clock() -> None:
    p = portal(piece("q", A, "2026-05-01 09:00", placements=(placed(3, "2026-05-06"),)))
    assert as_of(p, BEIJING, None) == date(2026, 5, 6)
    assert as_of(p, BEIJING, datetime(2026, 6, 1, 20, tzinfo=BEIJING)) == date(2026, 6, 1)


def test_tables_carry_the_same_numbers_to_csv_and_json() -> None:
    p = portal(
        piece("t1", A, "2026-05-04 09:00", placements=(placed(0, "2026-05-06"),)),
        piece("t2", A, "2026-05-12 09:00", Status.DRAFT),
        units=(A,),
    )
    report = build_report(p, date(2026, 5, 4), date(2026, 5, 13), date(2026, 5, 13), BEIJING)
    tables = report_tables(report)
    this_week = tables["this_week"]
    assert this_week.title == "本周（2026-W20，进行中）各单位报送与定额"
    assert this_week.records() == [
        {
            "unit": "a",
            "name": "甲中队",
            "officer": "甲",
            "quota": 2,
            "submitted": 1,
            "short": 1,
            "met": False,
        }
    ]
    text = this_week.csv(bom=True).decode("utf-8")
    assert (
        text
        == "\ufeff单位编号,单位,信息员,定额,已报送,差额,达标\r\na,甲中队,甲,2,1,1,否\r\n,合计,,2,1,,\r\n"
    )
    recent = tables["recent"]
    assert [c.key for c in recent.columns] == ["unit", "name", "2026-W19", "2026-W20", "weeks_met"]
    assert recent.csv_header() == [
        *("单位编号", "单位", "19周报送", "19周定额", "20周报送", "20周定额", "达标周数"),
    ]
    assert recent.csv_rows() == [["a", "甲中队", "1", "2", "1", "2", "0"]]
    assert recent.records()[0]["2026-W19"] == {"submitted": 1, "quota": 2, "met": False}
    assert tables["levels"].csv_rows()[-1] == ["", "合计", "", "1", "10"]


# -- the sample: the pages, downloads and `portal report` agree ------------------------------


def report_args(site_json: dict[str, object], *more: str) -> list[str]:
    period = site_json["period"]
    assert isinstance(period, dict)
    return [
        "report",
        "-f",
        str(ROOT / "mkdocs.yml"),
        "--from",
        period["from"],
        "--to",
        period["to"],
        *more,
    ]


def test_report_equals_the_pages_json(
    sample_site: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from generator.cli import main

    site_json = json.loads((sample_site / "tracking/tracking.json").read_bytes())
    assert main(report_args(site_json, "--format", "json")) == 0
    assert json.loads(capsysbinary.readouterr().out) == site_json
    for name in site_json["tables"]:
        assert main(report_args(site_json, "--format", "json", "--table", name)) == 0
        out = capsysbinary.readouterr().out
        assert out == (sample_site / f"tracking/{name}.json").read_bytes(), name
        assert main(report_args(site_json, "--format", "csv", "--table", name, "--bom")) == 0
        out = capsysbinary.readouterr().out
        assert out == (sample_site / f"tracking/{name}.csv").read_bytes(), name
    assert main(report_args(site_json, "--format", "csv")) == 0
    assert capsysbinary.readouterr().out.startswith("单位编号,单位,类型,信息员".encode())


def test_report_in_the_terminal(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from generator.cli import main

    args = ["report", "-f", str(ROOT / "mkdocs.yml"), "--from", "2026-W47", "--to", "2026-W48"]
    assert main(args) == 0
    text = capsysbinary.readouterr().out.decode()
    assert text.splitlines()[0] == "信息报送 2026-11-16 — 2026-11-29（本周 2026-W48）"
    assert "本周 2026-W48 未达标 5 个：熟溪中队（差 1 篇）、壶山中队（差 1 篇）" in text
    assert "白洋中队" in text and "合计" in text
    assert main([*args, "--unit", "熟溪中队", "--format", "json"]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    assert data["period"]["units"] == ["shuxi"]
    assert [r["week"] for r in data["tables"]["weeks"]["rows"]] == ["2026-W47", "2026-W48"]


def test_names_in_the_terminal_tables_are_text(
    write_portal: WritePortal, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A unit's name as typed in squads.yml (brackets and colons are ordinary there) is shown
    as it is: rich reads no markup (`[/]` would crash it) and no emoji codes in the tables."""
    from generator.cli import main

    name = "[/][bold]白洋中队:fire:"
    root = write_portal({"content/squads.yml": SQUADS.replace("白洋中队", f'"{name}"')})
    args = ["report", "-f", str(root / "mkdocs.yml"), "--from", "2026-W19", "--to", "2026-W20"]
    assert main(args) == 0
    assert name in capsysbinary.readouterr().out.decode()


def test_report_defaults_to_today_in_beijing(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from generator import clock
    from generator.cli import main

    monkeypatch.setattr(clock, "today", lambda tz=BEIJING: date(2026, 11, 25))
    assert main(["report", "-f", str(ROOT / "mkdocs.yml"), "--format", "json"]) == 0
    period = json.loads(capsysbinary.readouterr().out)["period"]
    assert (period["from"], period["to"], period["current_week"]) == (
        "2026-01-01",
        "2026-11-25",
        "2026-W48",
    )
    assert period["current_week_complete"] is False
    # A period that ends after today is counted as of today.
    assert (
        main(["report", "-f", str(ROOT / "mkdocs.yml"), "--to", "2026-W52", "--format", "json"])
        == 0
    )
    period = json.loads(capsysbinary.readouterr().out)["period"]
    assert (period["to"], period["as_of"]) == ("2026-12-27", "2026-11-25")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "nosuch"], "portal: 没有这个单位“nosuch”。"),
        (["--from", "2026-W60"], "portal: 没有这一周：“2026-W60”"),
        (["--from", "2026-13-01"], "portal: “2026-13-01”不是日期或 ISO 周"),
        (
            ["--from", "2026-06-01", "--to", "2026-05-01"],
            "portal: --from 2026-06-01 晚于 --to 2026-05-01",
        ),
    ],
)
def test_report_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    assert main(["report", "-f", str(ROOT / "mkdocs.yml"), *args]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_tracking_page_shows_what_the_downloads_hold(sample_site: Path) -> None:
    data = json.loads((sample_site / "tracking/tracking.json").read_bytes())
    tree = lxml.html.fromstring((sample_site / "tracking/index.html").read_bytes())
    text = " ".join(tree.text_content().split())
    summary = data["summary"]
    assert f"被新闻媒体采用 {summary['placements']} 次" in text
    # Every figure of the at-a-glance block is in the JSON (and so in `portal report`).
    glance = " ".join(tree.cssselect(".pt-glance")[0].text_content().split())
    top = summary["top_unit"]
    assert glance == (
        f"本周未达标 {summary['short_this_week_count']} 个单位（本周进行中） "
        f"上周未达标 {summary['short_last_week_count']} 个单位 "
        f"2026年用稿 {summary['placements']} 次，市级以上 {summary['placements_above_county']} 次 "
        f"2026年积分 {summary['points']} 分，{top['name']}居首（{top['points']} 分）"
    )
    assert summary["short_this_week_count"] == len(summary["short_this_week"])
    assert (
        summary["placements_above_county"] + summary["placements_county"] == (summary["placements"])
    )
    assert summary["placements_above_county"] == sum(
        n for level, n in summary["placements_by_level"].items() if level != "county"
    )
    short = "、".join(f"{s['name']}（差 {s['short']} 篇）" for s in summary["short_last_week"])
    assert f"未达到定额的单位 {len(summary['short_last_week'])} 个：{short}。" in text
    for svg in tree.cssselect("svg[role=img]"):
        ident = svg.get("aria-labelledby").split()
        assert [svg.cssselect(f"#{i}")[0].text for i in ident] and all(ident)
    assert len(tree.cssselect("svg[role=img]")) == 5
    # Each table on the page is the download of the same name, row for row.
    for name in ("this_week", "recent", "units", "levels", "outlets", "ranking", "writers"):
        links = tree.cssselect(f'a[href$="{name}.csv"]')
        assert links, name
        rows = list(
            csv.reader(io.StringIO((sample_site / f"tracking/{name}.csv").read_text("utf-8-sig")))
        )
        table = links[0].getparent().getprevious().cssselect("table")[0]
        assert len(table.cssselect("tbody tr, tfoot tr")) == len(rows) - 1, name
    ranking = tree.cssselect('a[href$="ranking.csv"]')[0].getparent().getprevious()
    first = [c.text_content() for c in ranking.cssselect("tbody tr")[0]]
    top = data["tables"]["ranking"]["rows"][0]
    assert first == ["1", top["name"], str(top["placements"]), str(top["points"])]
    # Met and short read without colour: a symbol and a word in every cell.
    cells = [td.text_content() for td in tree.cssselect(".pt-track--weeks tbody td.pt-num")]
    assert all(c.endswith(("✓达标", "✗未达标", "—")) or c.isdigit() for c in cells)


def test_tracking_downloads_open_in_excel(sample_site: Path) -> None:
    raw = (sample_site / "tracking/units.csv").read_bytes()
    assert raw.startswith("\ufeff单位编号,单位,类型,信息员,统计周数".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[-1][1] == "合计"
    assert sum(int(r[5]) for r in rows[1:-1]) == int(rows[-1][5])


TRACKING_NAV = "nav:\n  - 首页: index.md\n  - 信息报送: tracking/index.md\n"


@pytest.mark.parametrize("access", ["public", "internal", "off"])
def test_public_internal_or_off(
    access: str, write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    from .conftest import MKDOCS

    mkdocs = MKDOCS.replace("  - portal:\n", f"  - portal:\n      tracking: {access}\n")
    root = write_portal({"mkdocs.yml": mkdocs + TRACKING_NAV})
    site = root / "site"
    assert build(root, site, "--strict") == 0
    assert "tracking" not in capsys.readouterr().err
    page = site / "tracking/index.html"
    home = (site / "index.html").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    packed = site / "sitemap.xml.gz"  # MkDocs writes it; a portal may leave it out
    if packed.exists():
        assert gzip.decompress(packed.read_bytes()).decode() == sitemap
    if access == "off":
        assert not (site / "tracking").exists()
        assert 'href="tracking/"' not in home
        return
    html = page.read_text(encoding="utf-8")
    assert (site / "tracking/units.csv").is_file()
    if access == "public":
        assert 'href="tracking/"' in home and "https://example.org/tracking/" in sitemap
        assert 'name="robots"' not in html
    else:
        assert 'href="tracking/"' not in home and "/tracking/" not in sitemap
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert "<loc>https://example.org/</loc>" in sitemap


def test_bad_tracking_option(write_portal: WritePortal, capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import MKDOCS

    root = write_portal(
        {"mkdocs.yml": MKDOCS.replace("  - portal:\n", "  - portal:\n      tracking: secret\n")}
    )
    assert build(root, root / "site") == 2
    assert (
        "expected public, internal or off (or true/false), got 'secret'" in capsys.readouterr().err
    )


def test_nav_without_tracking() -> None:
    nav = [{"首页": "index.md"}, {"内部": [{"信息报送": "tracking/index.md"}]}, "tracking/x.md"]
    assert without_tracking(nav) == [{"首页": "index.md"}]


# -- what a staff member sees, in chromium at 375 px and 1280 px -----------------------------


@pytest.mark.browser
@pytest.mark.parametrize(("name", "width"), [("phone", 375), ("desktop", 1280)])
def test_tracking_page_reads_well(sample_site: Path, name: str, width: int) -> None:
    import functools
    import http.server
    import os
    import shutil
    import threading

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI: apt-get install -y chromium")
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(sample_site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium, args=[*args, "--disable-component-update"]
            )
            page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/tracking/")
            shots = ROOT / "test-artifacts" / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"tracking-{name}.png"), full_page=True)
            # The page itself never scrolls sideways; wide tables and the heat map do.
            assert page.evaluate("document.documentElement.scrollWidth") == width
            heat = page.locator(".pt-scroll")
            box = heat.bounding_box()
            assert box is not None and box["width"] <= width
            svg_width = page.evaluate("document.querySelector('.pt-scroll svg').clientWidth")
            assert svg_width >= 600  # drawn at its own size, labels readable
            # The at-a-glance numbers are big enough to read on a phone.
            size = page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('.pt-glance__value')).fontSize)"
            )
            assert size >= 24
            chart = page.locator("#week ~ .pt-chart-pair figure").first.bounding_box()
            table = page.locator("#week ~ .pt-chart-pair table").first.bounding_box()
            assert table is not None
            if name == "desktop":  # chart beside its table
                assert chart is not None
                assert (
                    chart["x"] + chart["width"] <= table["x"] and abs(chart["y"] - table["y"]) < 80
                )
            else:  # on a phone the chart's labels would shrink below 12 px: the table carries it
                assert chart is None
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
