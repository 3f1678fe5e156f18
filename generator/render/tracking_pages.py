"""The 信息报送 section: this week, the last 12 weeks, the year, adoption and points, each
chart beside its table; plus a CSV and a JSON download of every table, from the same tables."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.compute.data_table import DataTable
from generator.compute.tracking_report import (
    RULES,
    Report,
    headline,
    recent_weeks,
    report_data,
    table_json,
)
from generator.exports import json_bytes
from generator.model import Level
from generator.render.charts import Bar, HeatCell, TargetBar, bar_chart, heat_map, target_chart
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed_page

TRACKING_URL = "tracking/"

# Columns that only machines need: the downloads keep them, the page leaves them out.
_PAGE_HIDDEN = frozenset({"unit", "outlet", "level", "article", "url"})


def tracking_specs(report: Report, tables: dict[str, DataTable], r: PageRenderer) -> list[PageSpec]:
    """The section's page: `tables` are the report's (report_tables), as the downloads give."""
    ledger, used, portal = report.ledger, report.adoption, report.portal
    week = report.current_week
    this_week = ledger.in_week(week)
    week_chart = target_chart(
        [TargetBar(c.unit.name, c.submitted, c.quota) for c in this_week],
        f"{week.label} 各单位报送篇数与定额",
        "chart-week",
        width=360,
    )
    counted = ledger.counted_weeks()
    heat = heat_map(
        [u.name for u in ledger.units],
        [f"{w.number}周" for w in counted],
        [
            [
                HeatCell(
                    c.submitted,
                    c.quota,
                    f"{u.name} {w.label}：{c.submitted}/{c.quota} {'达标' if c.met else '未达标'}",
                )
                if (c := ledger.cell(u, w))
                else HeatCell(None, 0, f"{u.name} {w.label}：未设立")
                for w in counted
            ]
            for u in ledger.units
        ],
        f"{report.as_of.year}年各单位每周报送达标情况",
        "chart-heat",
        label_every=2,
        natural_size=True,
    )
    by_level = used.by_level()
    level_chart = bar_chart(
        [Bar(level.label, n, f"{p} 分") for level, n, p in by_level],
        "按媒体级别的用稿次数与积分",
        "chart-level",
        unit=" 次",
        width=360,
    )
    outlet_chart = bar_chart(
        [Bar(o.name, n) for o, n, _ in used.by_outlet(portal.outlets)],
        "各媒体用稿次数",
        "chart-outlet",
        unit=" 次",
        width=360,
    )
    ranking = used.by_unit(ledger.units)
    points_chart = bar_chart(
        [Bar(u.unit.name, u.earned.total) for u in ranking],
        "各单位用稿积分",
        "chart-points",
        unit=" 分",
        width=360,
    )
    hidden = set(_PAGE_HIDDEN)
    if not portal.edition_bonus:
        hidden |= {"bonus", "placement_points"}
    higher = [x for x in used.placements if x[1].outlet.level is not Level.COUNTY]
    glance = headline(report)  # the same figures as tracking.json's summary
    html = r.render(
        "tracking.html",
        TRACKING_URL,
        report=report,
        as_of=report.as_of,
        week=week,
        last_week=week.previous(),
        week_complete=report.week_complete,
        year=report.as_of.year,
        short=ledger.short_in(week),
        short_last=ledger.short_in(week.previous()),
        recent=recent_weeks(report),
        first_counted=counted[0] if counted else None,
        t=tables,
        hidden=frozenset(hidden),
        week_chart=Markup(week_chart),
        heat=Markup(heat),
        level_chart=Markup(level_chart),
        outlet_chart=Markup(outlet_chart),
        points_chart=Markup(points_chart),
        placements_total=glance["placements"],
        above_county=glance["placements_above_county"],
        higher=higher,
        total_points=glance["points"],
        bonus_total=glance["bonus_points"],
        top=glance["top_unit"],
        report_rules=RULES,
    )
    return [
        fixed_page(
            TRACKING_URL,
            "信息报送",
            html,
            description="各中队、科室每周报送稿件与定额、媒体用稿和积分排名",
        )
    ]


def tracking_outputs(report: Report, tables: dict[str, DataTable]) -> dict[str, bytes]:
    """The downloads: every table as CSV (UTF-8 with BOM, for Excel) and JSON, and the whole
    report as tracking.json; the same tables the page shows."""
    outputs = {"tracking/tracking.json": json_bytes(report_data(report, tables))}
    for name, table in tables.items():
        outputs[f"tracking/{name}.csv"] = table.csv(bom=True)
        outputs[f"tracking/{name}.json"] = table_json(report, table)
    return outputs


def without_tracking(nav: Any) -> Any:
    """MkDocs' `nav` setting without its entries for the 信息报送 pages (for `tracking:
    internal` or `off`); sections left empty are dropped too."""
    if isinstance(nav, list):
        kept = [without_tracking(item) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept_items = {title: without_tracking(value) for title, value in nav.items()}
        return {t: v for t, v in kept_items.items() if v not in (None, [], {})} or None
    if isinstance(nav, str) and nav.lstrip("/").startswith(TRACKING_URL):
        return None
    return nav
