"""The 信息报送 numbers as plain data: one structure for the pages, the JSON and CSV
downloads and `portal report`, so every view shows the same counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from generator.model import Portal, Unit
from generator.tracking import Adoption, Ledger, Week, adoption, submissions


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


def build_report(
    portal: Portal, start: date, end: date, as_of: date, tz: tzinfo, unit: Unit | None = None
) -> Report:
    units = (unit,) if unit else portal.units
    ledger = submissions(portal, start, end, tz, units)
    used = adoption(portal, start, end)
    if unit:
        used = Adoption(
            tuple(x for x in used.placements if x[0].unit.id == unit.id),
            tuple(x for x in used.bonuses if x[0].unit.id == unit.id),
        )
    return Report(start, end, as_of, ledger, used, portal)


def report_data(report: Report) -> dict[str, Any]:
    """Everything, as JSON-ready data (the tracking.json download and `--format json`)."""
    portal = report.portal
    units = report.ledger.units
    return {
        "period": {
            "from": report.start.isoformat(),
            "to": report.end.isoformat(),
            "as_of": report.as_of.isoformat(),
            "current_week": report.current_week.label,
        },
        "rules": "submissions: every article file (any status) in the ISO week of `submitted`, "
        "Asia/Shanghai; quota in force on the week's Monday; placements counted on their date; "
        "points per placement by outlet (override) or level",
        "units": [
            {
                "unit": t.unit.id,
                "name": t.unit.name,
                "type": t.unit.type.value,
                "officer": t.unit.officer,
                "weeks": t.weeks,
                "submitted": t.submitted,
                "quota": t.quota,
                "weeks_met": t.weeks_met,
                "weeks_short": t.weeks_short,
            }
            for t in report.ledger.totals()
        ],
        "submissions": [
            {
                "unit": c.unit.id,
                "week": c.week.label,
                "submitted": c.submitted,
                "quota": c.quota,
                "met": c.met,
            }
            for u in units
            for w in report.ledger.weeks
            if (c := report.ledger.cell(u, w))
        ],
        "adoption": {
            "total": len(report.adoption.placements),
            "by_level": [
                {"level": lv.value, "label": lv.label, "placements": n, "points": p}
                for lv, n, p in report.adoption.by_level()
            ],
            "by_outlet": [
                {
                    "outlet": o.id,
                    "name": o.name,
                    "level": o.level.value,
                    "placements": n,
                    "points": p,
                }
                for o, n, p in report.adoption.by_outlet(portal.outlets)
            ],
            "placements": [
                {
                    "date": pl.date.isoformat(),
                    "outlet": pl.outlet.id,
                    "level": pl.outlet.level.value,
                    "section": pl.section,
                    "article": a.key,
                    "title": a.title,
                    "unit": a.unit.id,
                    "points": pts,
                }
                for a, pl, pts in report.adoption.placements
            ],
        },
        "points": {
            "total": report.adoption.total_points,
            "edition_bonus": [
                {"article": a.key, "unit": a.unit.id, "points": b}
                for a, b in report.adoption.bonuses
            ],
            "by_unit": [
                {"rank": rank, "unit": u.id, "name": u.name, "placements": n, "points": p}
                for rank, (u, n, p) in enumerate(report.adoption.by_unit(units), start=1)
            ],
            "by_officer": [
                {"name": who, "placements": n, "points": p}
                for who, n, p in report.adoption.by_officer()
            ],
        },
    }
