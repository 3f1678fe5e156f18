"""The 信息报送 section: this week, the last 12 weeks, the year, adoption and points, each
chart beside its table; plus the CSV and JSON downloads of the same numbers."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from generator.model import Level, Portal
from generator.render.charts import Bar, HeatCell, bar_chart, heat_map
from generator.render.exports import csv_bytes, json_bytes
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed
from generator.render.tracking_report import Report, build_report, report_data
from generator.settings import Settings


def year_report(portal: Portal, settings: Settings, as_of: date) -> Report:
    """The site's view: the calendar year of `as_of`, up to `as_of`."""
    return build_report(portal, date(as_of.year, 1, 1), as_of, as_of, settings.timezone)


def tracking_specs(report: Report, r: PageRenderer) -> list[PageSpec]:
    ledger, used, portal = report.ledger, report.adoption, report.portal
    week = report.current_week
    recent = [w for w in ledger.weeks if w <= week][-12:]
    this_week = [c for u in ledger.units if (c := ledger.cell(u, week))]
    recent_rows = [
        (u, cells, sum(1 for c in cells if c and c.met))
        for u in ledger.units
        for cells in [[ledger.cell(u, w) for w in recent]]
    ]
    year_weeks = list(ledger.weeks)
    heat = heat_map(
        [u.name for u in ledger.units],
        [f"{w.number}周" for w in year_weeks],
        [
            [
                HeatCell(c.submitted, c.quota) if (c := ledger.cell(u, w)) else HeatCell(None, 0)
                for w in year_weeks
            ]
            for u in ledger.units
        ],
        f"{report.as_of.year}年各单位每周报送达标情况",
        "chart-heat",
    )
    by_level = used.by_level()
    level_chart = bar_chart(
        [Bar(level.label, n, f"{p} 分") for level, n, p in by_level],
        "按媒体级别的用稿次数",
        "chart-level",
        unit=" 次",
    )
    by_unit = used.by_unit(ledger.units)
    points_chart = bar_chart(
        [Bar(u.name, p) for u, _, p in by_unit], "各单位用稿积分", "chart-points", unit=" 分"
    )
    html = r.render(
        "tracking.html",
        "tracking/",
        as_of=report.as_of,
        week=week,
        year=report.as_of.year,
        this_week=this_week,
        short=[c for c in this_week if not c.met],
        recent=recent,
        recent_rows=recent_rows,
        heat=Markup(heat),
        totals=ledger.totals(),
        by_level=by_level,
        level_points=portal.points,
        level_chart=Markup(level_chart),
        by_outlet=used.by_outlet(portal.outlets),
        placements_total=len(used.placements),
        placement_points=sum(p for _, _, p in used.placements),
        above_county=sum(n for lv, n, _ in by_level if lv is not Level.COUNTY),
        county=sum(n for lv, n, _ in by_level if lv is Level.COUNTY),
        by_unit=by_unit,
        points_chart=Markup(points_chart),
        bonus_total=sum(b for _, b in used.bonuses),
        by_officer=used.by_officer(),
    )
    return [
        PageSpec(
            "tracking/index.md", "tracking/", "信息报送", fixed(html), hide=("navigation", "toc")
        )
    ]


def tracking_outputs(report: Report) -> dict[str, bytes]:
    """The downloads: the same numbers as the page, from the same report."""
    data = report_data(report)
    names = {u.id: u.name for u in report.portal.units}
    return {
        "tracking/tracking.json": json_bytes(data),
        "tracking/submissions.csv": csv_bytes(
            ["unit", "单位", "week", "submitted", "quota", "met"],
            [
                [
                    s["unit"],
                    names[s["unit"]],
                    s["week"],
                    s["submitted"],
                    s["quota"],
                    "yes" if s["met"] else "no",
                ]
                for s in data["submissions"]
            ],
        ),
        "tracking/adoption.csv": csv_bytes(
            ["date", "outlet", "level", "section", "article", "title", "unit", "points"],
            [
                [
                    p["date"],
                    p["outlet"],
                    p["level"],
                    p["section"],
                    p["article"],
                    p["title"],
                    p["unit"],
                    p["points"],
                ]
                for p in data["adoption"]["placements"]
            ],
        ),
        "tracking/points.csv": csv_bytes(
            ["rank", "unit", "单位", "placements", "points"],
            [
                [p["rank"], p["unit"], p["name"], p["placements"], p["points"]]
                for p in data["points"]["by_unit"]
            ],
        ),
    }
