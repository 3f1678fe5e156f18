"""`portal report` output: the 信息报送 tables as a terminal table, CSV or JSON.

The tables are the site's (`render/tracking_report.py`): `--format json` is tracking.json,
`--table NAME --format json` is tracking/NAME.json and `--format csv` tracking/NAME.csv, for
the same period.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from generator.compute.tracking_report import (
    DataTable,
    Report,
    cell_text,
    report_data,
    report_tables,
    table_json,
)
from generator.exports import json_bytes

DEFAULT_CSV_TABLE = "units"
_TERMINAL_HIDDEN = frozenset({"unit", "outlet", "level", "url", "article", "unit_name"})


def print_report(report: Report, fmt: str, bom: bool = False, table: str | None = None) -> bytes:
    """The report as bytes for stdout, in `fmt` (table, csv, json)."""
    tables = report_tables(report)
    if fmt == "json":
        if table:
            return table_json(report, tables[table])
        return json_bytes(report_data(report, tables))
    if fmt == "csv":
        return tables[table or DEFAULT_CSV_TABLE].csv(bom=bom)
    return _terminal(report, tables, table)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return cell_text(value)


def _rich_table(tbl: DataTable, title: str | None = None) -> Table:
    keep = [i for i, c in enumerate(tbl.columns) if c.key not in _TERMINAL_HIDDEN]
    out = Table(title=title or tbl.title, title_justify="left")
    for i in keep:
        column = tbl.columns[i]
        justify = "right" if column.kind in ("num", "rate", "tally") else "left"
        out.add_column(column.label, justify=justify)  # type: ignore[arg-type]
    rows = list(tbl.rows) + ([tbl.total] if tbl.total else [])
    for n, row in enumerate(rows):
        cells = []
        for i in keep:
            column, value = tbl.columns[i], row[i]
            text = _cell(value)
            if column.kind == "tally" and value is not None:
                text += " ✓" if value.met else " ✗"
            elif column.kind == "rate" and value is not None:
                text += "%"
            cells.append(text)
        out.add_row(*cells, end_section=n == len(tbl.rows) - 1 and tbl.total is not None)
    return out


def _terminal(report: Report, tables: dict[str, DataTable], only: str | None) -> bytes:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, force_terminal=False, color_system=None)
    if only:
        console.print(_rich_table(tables[only]))
        return buffer.getvalue().encode("utf-8")
    week = report.current_week
    state = "" if report.week_complete else f"，进行中，截至 {report.as_of}"
    console.print(f"信息报送 {report.start} — {report.end}（本周 {week.label}{state}）")
    for label, target in (("本周", week), ("上周", week.previous())):
        cells = report.ledger.in_week(target)
        if not cells:
            continue
        short = [c for c in cells if not c.met]
        if short:
            names = "、".join(f"{c.unit.name}（差 {c.short} 篇）" for c in short)
            console.print(f"{label} {target.label} 未达标 {len(short)} 个：{names}")
        else:
            console.print(f"{label} {target.label} 各单位均已达标")
    console.print(
        _rich_table(tables["units"], f"各单位报送与积分（{report.start} — {report.end}）")
    )
    levels = "，".join(f"{lv.label} {n} 次 {p} 分" for lv, n, p in report.adoption.by_level())
    used = report.adoption
    console.print(f"用稿 {len(used.placements)} 次：{levels}；积分合计 {used.total_points}")
    return buffer.getvalue().encode("utf-8")
