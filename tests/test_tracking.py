"""信息报送 counting on small hand-made ledgers with known answers."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path, PurePosixPath

import pytest

from generator.clock import BEIJING
from generator.model import (
    Article,
    Category,
    Level,
    Outlet,
    Placement,
    Portal,
    QuotaPeriod,
    Status,
    Unit,
    UnitType,
)
from generator.tracking import Week, adoption, as_of, parse_bound, submissions, week_of

CAT = Category("zhifa", "执法动态")
A = Unit("a", "甲中队", UnitType.SQUAD, "甲", (QuotaPeriod(None, 2),))
B = Unit(
    "b",
    "乙科室",
    UnitType.SECTION,
    "乙",
    (QuotaPeriod(date(2026, 1, 1), 1), QuotaPeriod(date(2026, 3, 2), 3)),
    since=date(2026, 2, 16),
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
) -> Article:
    when = datetime.fromisoformat(submitted).replace(tzinfo=BEIJING)
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
        placements=placements,
    )


def portal(*articles: Article, units: tuple[Unit, ...] = (A, B)) -> Portal:
    return Portal(
        units=units,
        outlets=OUTLETS,
        points=POINTS,
        categories=(CAT,),
        editions=(),
        articles=articles,
        pages=(),
    )


def test_weeks() -> None:
    assert Week.of(date(2024, 12, 30)).label == "2025-W01"
    assert Week.of(date(2026, 12, 31)).label == "2026-W53"
    assert Week.parse("2026-W53").sunday == date(2027, 1, 3)
    assert Week.parse("2026W18").monday == date(2026, 4, 27)
    with pytest.raises(ValueError, match="no such week"):
        Week.parse("2025-W53")
    assert parse_bound("2026-W18", end=True) == date(2026, 5, 3)
    assert parse_bound("2026-05-01", end=False) == date(2026, 5, 1)


def test_sunday_night_and_monday_morning_beijing_time() -> None:
    sunday = datetime(2026, 5, 3, 23, 30, tzinfo=BEIJING)
    monday = datetime(2026, 5, 4, 0, 30, tzinfo=BEIJING)  # Sunday 16:30 in UTC
    assert week_of(sunday, BEIJING).label == "2026-W18"
    assert week_of(monday, BEIJING).label == "2026-W19"


def test_every_status_counts_and_empty_weeks_are_zero() -> None:
    p = portal(
        piece("x1", A, "2026-05-03 23:30"),
        piece("x2", A, "2026-05-01 10:00", Status.DRAFT),
        piece("x3", A, "2026-05-04 00:30", Status.REJECTED),
    )
    ledger = submissions(p, date(2026, 4, 27), date(2026, 5, 17), BEIJING, (A,))
    cells = [ledger.cell(A, w) for w in ledger.weeks]
    assert [(c.week.label, c.submitted, c.quota, c.met) for c in cells if c] == [
        ("2026-W18", 2, 2, True),
        ("2026-W19", 1, 2, False),
        ("2026-W20", 0, 2, False),
    ]
    (total,) = ledger.totals()
    assert (total.weeks, total.submitted, total.quota, total.weeks_met) == (3, 3, 6, 1)


def test_quota_history_and_units_joining_midway() -> None:
    p = portal(piece("y1", B, "2026-02-20 09:00"), piece("y2", B, "2026-03-03 09:00"))
    ledger = submissions(p, date(2026, 2, 2), date(2026, 3, 8), BEIJING, (B,))
    cells = [(w.label, c.submitted, c.quota) for w in ledger.weeks if (c := ledger.cell(B, w))]
    # Not counted before 2026-02-16 (W08); quota 1 until 2026-03-02 (W10), then 3.
    assert cells == [("2026-W08", 1, 1), ("2026-W09", 0, 1), ("2026-W10", 1, 3)]


def test_year_boundary_and_week_53() -> None:
    p = portal(piece("z1", A, "2024-12-30 08:00"), piece("z2", A, "2026-12-31 08:00"))
    ledger = submissions(p, date(2024, 12, 23), date(2025, 1, 5), BEIJING, (A,))
    assert [(w.label, ledger.cell(A, w).submitted) for w in ledger.weeks] == [  # type: ignore[union-attr]
        ("2024-W52", 0),
        ("2025-W01", 1),
    ]
    ledger = submissions(p, date(2026, 12, 28), date(2027, 1, 3), BEIJING, (A,))
    assert [(w.label, ledger.cell(A, w).submitted) for w in ledger.weeks] == [  # type: ignore[union-attr]
        ("2026-W53", 1),
    ]


def test_adoption_counts_each_placement_with_points() -> None:
    def placed(outlet: int, day: str) -> Placement:
        return Placement(OUTLETS[outlet], date.fromisoformat(day))

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
    assert [(u.id, n, pts) for u, n, pts in used.by_unit(p.units)] == [("a", 3, 13), ("b", 1, 4)]
    assert used.total_points == 17


def test_year_long_ledger_totals_by_level() -> None:
    """A year of placements with known counts: 365 days, a placement a day per rule."""
    articles = []
    expected = dict.fromkeys(Level, 0)
    day = date(2026, 1, 1)
    for n in range(365):
        current = date.fromordinal(day.toordinal() + n)
        outlet = OUTLETS[n % 5] if n % 7 else OUTLETS[3]
        expected[outlet.level] += 1
        extra = (Placement(OUTLETS[4], current),) if n % 3 == 0 else ()
        expected[Level.COUNTY] += len(extra)
        articles.append(
            piece(
                f"y{n}",
                A if n % 2 else B,
                f"{current.isoformat()} 08:00",
                placements=(Placement(outlet, current), *extra),
            )
        )
    used = adoption(portal(*articles), date(2026, 1, 1), date(2026, 12, 31))
    assert {lv: n for lv, n, _ in used.by_level()} == expected
    assert sum(expected.values()) == len(used.placements) == 365 + 122


def test_as_of_never_uses_the_clock() -> None:
    p = portal(piece("q", A, "2026-05-01 09:00"))
    assert as_of(p, BEIJING, None) == date(2026, 5, 1)
    assert as_of(p, BEIJING, datetime(2026, 6, 1, 20, tzinfo=BEIJING)) == date(2026, 6, 1)


# -- the sample: the pages, downloads and `portal report` agree ------------------------------


def test_report_equals_the_pages_json(
    sample_site: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from generator.cli import main

    from .conftest import ROOT

    site_json = json.loads((sample_site / "tracking/tracking.json").read_bytes())
    period = site_json["period"]
    args = [
        "report",
        "-f",
        str(ROOT / "mkdocs.yml"),
        "--from",
        period["from"],
        "--to",
        period["to"],
        "--format",
        "json",
    ]
    assert main(args) == 0
    assert json.loads(capsysbinary.readouterr().out) == site_json
    assert main([*args[:-2], "--format", "table"]) == 0
    table = capsysbinary.readouterr().out.decode()
    assert "信息报送" in table and "白洋中队" in table
    assert main([*args[:-2], "--format", "csv", "--bom"]) == 0
    assert capsysbinary.readouterr().out.startswith("\ufeffunit,".encode())


def test_tracking_page_matches_json(sample_site: Path) -> None:
    import lxml.html

    data = json.loads((sample_site / "tracking/tracking.json").read_bytes())
    tree = lxml.html.fromstring((sample_site / "tracking/index.html").read_bytes())
    text = " ".join(tree.text_content().split())
    assert f"被新闻媒体采用 {data['adoption']['total']} 次" in text
    assert tree.cssselect("svg[role=img] title")
    ranking = tree.cssselect("#points ~ div table tbody tr, section[aria-labelledby=points] table")
    assert ranking
    csv_text = (sample_site / "tracking/points.csv").read_bytes().decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "rank,unit,单位,placements,points"
