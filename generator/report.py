"""`portal report` output: the tracking report as a terminal table, CSV or JSON.

JSON is exactly the site's tracking.json structure; CSV is the per-unit summary.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from generator.render.exports import csv_bytes, json_bytes
from generator.render.tracking_report import Report, report_data


def print_report(report: Report, fmt: str, bom: bool = False) -> bytes:
    data = report_data(report)
    if fmt == "json":
        return json_bytes(data)
    points = {p["unit"]: p for p in data["points"]["by_unit"]}
    rows = [
        [
            u["unit"],
            u["name"],
            u["officer"],
            u["weeks"],
            u["submitted"],
            u["quota"],
            u["weeks_met"],
            u["weeks_short"],
            points[u["unit"]]["placements"],
            points[u["unit"]]["points"],
        ]
        for u in data["units"]
    ]
    header = [
        "unit",
        "单位",
        "信息员",
        "weeks",
        "submitted",
        "quota",
        "weeks_met",
        "weeks_short",
        "placements",
        "points",
    ]
    if fmt == "csv":
        return csv_bytes(header, rows, bom=bom)
    return _table(report, data, rows)


def _table(report: Report, data: dict[str, object], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, force_terminal=False, color_system=None)
    week = report.current_week
    short = report.ledger.short_in(week)
    title = f"信息报送 {report.start} — {report.end}（统计周 {week.label}）"
    table = Table(title=title, show_lines=False)
    for name, justify in [
        ("单位", "left"),
        ("信息员", "left"),
        ("周数", "right"),
        ("报送", "right"),
        ("定额", "right"),
        ("达标周", "right"),
        ("未达标周", "right"),
        ("用稿", "right"),
        ("积分", "right"),
    ]:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*(str(v) for v in row[1:]))
    console.print(table)
    if short:
        names = "、".join(f"{c.unit.name}（差 {c.short} 篇）" for c in short)
        console.print(f"{week.label} 未达标：{names}")
    else:
        console.print(f"{week.label} 各单位均已达标")
    levels = "，".join(
        f"{lv['label']} {lv['placements']} 次"
        for lv in data["adoption"]["by_level"]  # type: ignore[index]
    )
    console.print(f"用稿：{levels}；积分合计 {data['points']['total']}")  # type: ignore[index]
    return buffer.getvalue().encode("utf-8")
