"""The 信息报送 numbers as tables: one set of `DataTable`s renders the page's tables, every
CSV and JSON download and `portal report`, so every view shows the same counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from generator.compute.data_table import Column, DataTable
from generator.compute.tracking import (
    Adoption,
    Ledger,
    Week,
    adoption,
    period_start,
    ranks,
    submissions,
    writers_of,
)
from generator.exports import json_bytes
from generator.model import Level, Portal, Unit

RULES = (
    "报送：每篇稿件不论状态（已发布、草稿、退稿）都计为一次报送，计入报送时间（没有记录报送时间的"
    "按稿件日期）所在的周（周一至周日，北京时间，按国际标准 ISO 周编号）；"
    "周日 23:30 报送的计入当周。",
    "报送按整周统计：从起始日所在周的周一起，到截止日为止；截止日所在的周如未结束，为进行中的一周。",
    "定额：以该周周一有效的每周定额为准（单位在周中设立的，以设立之日为准）；单位开始参加报送"
    "之前的周不统计；没有报送的周计为 0 篇。",
    "用稿：稿件每被一家媒体采用一次计一次（一稿三家媒体采用计三次），按刊播日期在起止日之间统计。",
    "积分：每次用稿按该媒体单独设定的分值计，未设定的按媒体级别的分值计；设有“美丽家园”专版奖励的，"
    "专版稿件按专版日期另计一次奖励。",
    "作者积分：合写稿件的每位作者都计该稿件的用稿和积分；单位积分每次用稿只计一次。",
)


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    as_of: date
    ledger: Ledger
    adoption: Adoption
    portal: Portal

    @property
    def current_week(self) -> Week:
        return Week.of(self.as_of)

    @property
    def week_complete(self) -> bool:
        """Whether the current week is over (as of its Sunday)."""
        return self.as_of >= self.current_week.sunday


def build_report(
    portal: Portal, start: date, end: date, as_of: date, tz: tzinfo, unit: Unit | None = None
) -> Report:
    units = (unit,) if unit else portal.units
    ledger = submissions(portal, start, end, tz, units)
    used = adoption(portal, start, end)
    if unit:
        used = used.for_unit(unit)
    return Report(start, end, as_of, ledger, used, portal)


# -- tables --------------------------------------------------------------------------------


def _unit_columns() -> tuple[Column, ...]:
    return (Column("unit", "单位编号"), Column("name", "单位", header=True))


def _week_table(report: Report, week: Week, name: str, title: str) -> DataTable:
    cells = report.ledger.in_week(week)
    return DataTable(
        name,
        title,
        (
            *_unit_columns(),
            Column("officer", "信息员"),
            Column("quota", "定额", "num"),
            Column("submitted", "已报送", "num"),
            Column("short", "差额", "num"),
            Column("met", "达标", "met"),
        ),
        tuple(
            (c.unit.id, c.unit.name, c.unit.officer, c.quota, c.submitted, c.short, c.met)
            for c in cells
        ),
        ("", "合计", "", sum(c.quota for c in cells), sum(c.submitted for c in cells), None, None)
        if cells
        else None,
    )


def recent_weeks(report: Report, count: int = 12) -> list[Week]:
    """The last `count` weeks up to the current one in which any unit was counted."""
    return [w for w in report.ledger.counted_weeks() if w <= report.current_week][-count:]


def _recent_table(report: Report) -> DataTable:
    ledger, weeks = report.ledger, recent_weeks(report)
    rows = []
    for unit in ledger.units:
        cells = [ledger.cell(unit, w) for w in weeks]
        rows.append(
            (unit.id, unit.name, *cells, sum(1 for c in cells if c and c.met)),
        )
    return DataTable(
        "recent",
        f"近 {len(weeks)} 周各单位报送篇数与定额",
        (
            *_unit_columns(),
            *(Column(w.label, f"{w.number}周", "tally") for w in weeks),
            Column("weeks_met", "达标周数", "num"),
        ),
        tuple(rows),
    )


def _weeks_table(report: Report) -> DataTable:
    ledger = report.ledger
    return DataTable(
        "weeks",
        "各单位每周报送与定额（全部周次）",
        (
            *_unit_columns(),
            Column("week", "周次"),
            Column("monday", "周一"),
            Column("submitted", "报送", "num"),
            Column("quota", "定额", "num"),
            Column("met", "达标", "met"),
        ),
        tuple(
            (c.unit.id, c.unit.name, c.week.label, c.week.monday, c.submitted, c.quota, c.met)
            for u in ledger.units
            for w in ledger.weeks
            if (c := ledger.cell(u, w))
        ),
    )


def _units_table(report: Report) -> DataTable:
    earned = {r.unit.id: r.earned for r in report.adoption.by_unit(report.ledger.units)}
    totals = report.ledger.totals()
    rows = tuple(
        (
            t.unit.id,
            t.unit.name,
            t.unit.type.label,
            t.unit.officer,
            t.weeks,
            t.submitted,
            t.quota,
            t.weeks_met,
            t.weeks_short,
            t.rate,
            earned[t.unit.id].placements,
            earned[t.unit.id].total,
        )
        for t in totals
    )
    weeks = sum(t.weeks for t in totals)
    met = sum(t.weeks_met for t in totals)
    total = (
        "",
        "合计",
        "",
        "",
        weeks,
        sum(t.submitted for t in totals),
        sum(t.quota for t in totals),
        met,
        weeks - met,
        round(100 * met / weeks) if weeks else None,
        sum(e.placements for e in earned.values()),
        sum(e.total for e in earned.values()),
    )
    return DataTable(
        "units",
        "各单位报送汇总",
        (
            *_unit_columns(),
            Column("type", "类型"),
            Column("officer", "信息员"),
            Column("weeks", "统计周数", "num"),
            Column("submitted", "报送", "num"),
            Column("quota", "定额合计", "num"),
            Column("weeks_met", "达标周数", "num"),
            Column("weeks_short", "未达标周数", "num"),
            Column("rate", "达标率", "rate"),
            Column("placements", "用稿", "num"),
            Column("points", "积分", "num"),
        ),
        rows,
        total,
    )


def _levels_table(report: Report) -> DataTable:
    rows = report.adoption.by_level()
    return DataTable(
        "levels",
        "按媒体级别的用稿与积分",
        (
            Column("level", "级别编号"),
            Column("label", "级别", header=True),
            Column("points_each", "每次积分", "num"),
            Column("placements", "用稿", "num"),
            Column("points", "积分", "num"),
        ),
        tuple((lv.value, lv.label, report.portal.points.get(lv, 0), n, p) for lv, n, p in rows),
        ("", "合计", None, sum(n for _, n, _ in rows), sum(p for _, _, p in rows)),
    )


def _outlets_table(report: Report) -> DataTable:
    rows = report.adoption.by_outlet(report.portal.outlets)
    return DataTable(
        "outlets",
        "按媒体的用稿与积分",
        (
            Column("outlet", "媒体编号"),
            Column("name", "媒体", header=True),
            Column("level", "级别编号"),
            Column("level_label", "级别"),
            Column("points_each", "每次积分", "num"),
            Column("placements", "用稿", "num"),
            Column("points", "积分", "num"),
        ),
        tuple(
            (
                o.id,
                o.name,
                o.level.value,
                o.level.label,
                o.points if o.points is not None else report.portal.points.get(o.level, 0),
                n,
                p,
            )
            for o, n, p in rows
        ),
        ("", "合计", "", "", None, sum(n for _, n, _ in rows), sum(p for _, _, p in rows)),
    )


def _placements_table(report: Report) -> DataTable:
    return DataTable(
        "placements",
        "媒体用稿明细",
        (
            Column("date", "刊播日期"),
            Column("outlet", "媒体编号"),
            Column("outlet_name", "媒体"),
            Column("level", "级别编号"),
            Column("level_label", "级别"),
            Column("section", "版面栏目"),
            Column("url", "链接"),
            Column("article", "稿件"),
            Column("title", "标题", header=True),
            Column("unit", "单位编号"),
            Column("unit_name", "单位"),
            Column("writer", "作者"),
            Column("points", "积分", "num"),
        ),
        tuple(
            (
                pl.date,
                pl.outlet.id,
                pl.outlet.name,
                pl.outlet.level.value,
                pl.outlet.level.label,
                pl.section,
                pl.url,
                a.key,
                a.title,
                a.unit.id,
                a.unit.name,
                "、".join(writers_of(a)),
                pts,
            )
            for a, pl, pts in report.adoption.placements
        ),
    )


def _ranking_table(report: Report) -> DataTable:
    rows = report.adoption.by_unit(report.ledger.units)
    places = ranks([r.earned.total for r in rows])
    return DataTable(
        "ranking",
        "各单位积分排名",
        (
            Column("rank", "名次", "num"),
            *_unit_columns(),
            Column("placements", "用稿", "num"),
            Column("placement_points", "用稿积分", "num"),
            Column("bonus", "专版奖励", "num"),
            Column("points", "积分", "num"),
        ),
        tuple(
            (
                rank,
                r.unit.id,
                r.unit.name,
                r.earned.placements,
                r.earned.points,
                r.earned.bonus,
                r.earned.total,
            )
            for rank, r in zip(places, rows, strict=True)
        ),
        (
            None,
            "",
            "合计",
            sum(r.earned.placements for r in rows),
            sum(r.earned.points for r in rows),
            sum(r.earned.bonus for r in rows),
            sum(r.earned.total for r in rows),
        ),
    )


def _writers_table(report: Report) -> DataTable:
    rows = report.adoption.by_writer()
    places = ranks([r.earned.total for r in rows])
    return DataTable(
        "writers",
        "作者（信息员）积分",
        (
            Column("rank", "名次", "num"),
            Column("name", "作者", header=True),
            Column("unit", "单位编号"),
            Column("unit_name", "单位"),
            Column("is_officer", "信息员", "flag"),
            Column("placements", "用稿", "num"),
            Column("points", "积分", "num"),
        ),
        tuple(
            (
                rank,
                r.name,
                r.unit.id,
                r.unit.name,
                r.name == r.unit.officer,
                r.earned.placements,
                r.earned.total,
            )
            for rank, r in zip(places, rows, strict=True)
        ),
    )


TABLE_NAMES = (
    "this_week",
    "last_week",
    "recent",
    "units",
    "weeks",
    "levels",
    "outlets",
    "placements",
    "ranking",
    "writers",
)


def report_tables(report: Report) -> dict[str, DataTable]:
    """Every table of the report, by name (the page shows them in this order)."""
    week = report.current_week
    last = week.previous()
    state = "" if report.week_complete else "，进行中"
    tables = [
        _week_table(report, week, "this_week", f"本周（{week.label}{state}）各单位报送与定额"),
        _week_table(report, last, "last_week", f"上周（{last.label}）各单位报送与定额"),
        _recent_table(report),
        _units_table(report),
        _weeks_table(report),
        _levels_table(report),
        _outlets_table(report),
        _placements_table(report),
        _ranking_table(report),
        _writers_table(report),
    ]
    assert tuple(t.name for t in tables) == TABLE_NAMES
    return {t.name: t for t in tables}


def period_data(report: Report) -> dict[str, Any]:
    weeks = report.ledger.weeks
    return {
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "as_of": report.as_of.isoformat(),
        "submissions_from": period_start(report.start).isoformat(),
        "first_week": weeks[0].label if weeks else None,
        "last_week": weeks[-1].label if weeks else None,
        "current_week": report.current_week.label,
        "current_week_complete": report.week_complete,
        "units": [u.id for u in report.ledger.units],
    }


def report_data(report: Report, tables: dict[str, DataTable] | None = None) -> dict[str, Any]:
    """Everything, as JSON-ready data (the tracking.json download and `--format json`)."""
    tables = tables or report_tables(report)
    week = report.current_week
    return {
        "period": period_data(report),
        "rules": list(RULES),
        "summary": {
            "short_this_week": [
                {"unit": c.unit.id, "name": c.unit.name, "short": c.short}
                for c in report.ledger.short_in(week)
            ],
            "short_last_week": [
                {"unit": c.unit.id, "name": c.unit.name, "short": c.short}
                for c in report.ledger.short_in(week.previous())
            ],
            **headline(report),
            "placements_by_level": {lv.value: n for lv, n, _ in report.adoption.by_level()},
        },
        "tables": {name: t.as_json() for name, t in tables.items()},
    }


def table_json(report: Report, table: DataTable) -> bytes:
    """One table as its own JSON download, with the period it covers."""
    return json_bytes({"period": period_data(report), **table.as_json()})


def above_county(report: Report) -> int:
    return sum(n for lv, n, _ in report.adoption.by_level() if lv is not Level.COUNTY)


def headline(report: Report) -> dict[str, Any]:
    """The figures the 信息报送 page shows at a glance, for the page and for the JSON alike:
    units short this week and last, placements (市级以上 and 县级), points, the 美丽家园
    bonus in them, and the unit with the most points."""
    used, week = report.adoption, report.current_week
    ranking = used.by_unit(report.ledger.units)
    top = ranking[0] if ranking and ranking[0].earned.total else None
    above = above_county(report)
    return {
        "short_this_week_count": len(report.ledger.short_in(week)),
        "short_last_week_count": len(report.ledger.short_in(week.previous())),
        "placements": len(used.placements),
        "placements_above_county": above,
        "placements_county": len(used.placements) - above,
        "points": used.total_points,
        "bonus_points": used.bonus_points,
        "top_unit": (
            {"unit": top.unit.id, "name": top.unit.name, "points": top.earned.total}
            if top
            else None
        ),
    }
