"""Terminal tables, for `portal report` (信息报送 and --annual), `portal adoption` and
`portal import`.

rich lays them out: it measures CJK characters as two columns. The 信息报送 tables are the
site's (`compute/tracking_report.py`), shown without the columns only machines read.

Every cell, title and line is text: media feed titles and links, manuscripts' file names,
units' and articles' names. The console reads no markup (`[bold]`, `[/]`, `[link=…]`) and
no emoji codes (`:fire:`) in any of them, and shows control characters as `\x1b` (an escape
sequence in a feed title would otherwise reach the terminal), so a feed title can neither
restyle the table, nor crash it, nor drive the terminal; the tables use no markup of their own.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from generator.compute.data_table import DataTable, cell_text
from generator.compute.tracking_report import Report
from generator.errors import visible
from generator.messages import msg

if TYPE_CHECKING:
    from generator.adoption import Proposal
    from generator.manuscripts.importer import Row

_TERMINAL_HIDDEN = frozenset({"unit", "outlet", "level", "url", "article", "unit_name"})


class _TextConsole(Console):
    """Every string it is given is shown as text: control characters as `\\x1b`."""

    def render_str(self, text: str, **options: Any) -> Any:
        return super().render_str(visible(text), **options)


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


def tracking_tables(report: Report, tables: dict[str, DataTable], only: str | None) -> bytes:
    """`portal report`: the weeks' shortfalls, the units' table and the placements."""
    buffer, console = _console()
    if only:
        console.print(_rich_table(tables[only]))
        return buffer.getvalue().encode("utf-8")
    week = report.current_week
    state = "" if report.week_complete else msg("report.in_progress", day=report.as_of)
    console.print(
        msg("report.heading", start=report.start, end=report.end, week=week.label, state=state)
    )
    for label, target in (
        (msg("report.this_week"), week),
        (msg("report.last_week"), week.previous()),
    ):
        cells = report.ledger.in_week(target)
        if not cells:
            continue
        short = [c for c in cells if not c.met]
        if short:
            names = "、".join(
                msg("report.unit_short", unit=c.unit.name, short=c.short) for c in short
            )
            console.print(
                msg("report.short", when=label, week=target.label, count=len(short), units=names)
            )
        else:
            console.print(msg("report.all_met", when=label, week=target.label))
    title = msg("report.units_title", start=report.start, end=report.end)
    console.print(_rich_table(tables["units"], title))
    levels = "，".join(
        msg("report.level", level=lv.label, count=n, points=p)
        for lv, n, p in report.adoption.by_level()
    )
    used = report.adoption
    console.print(
        msg(
            "report.placements",
            count=len(used.placements),
            levels=levels,
            points=used.total_points,
        )
    )
    return buffer.getvalue().encode("utf-8")


def annual_table(data: dict[str, Any]) -> bytes:
    """`portal report --annual YEAR`: the form's figures and the campaigns."""
    buffer, console = _console()
    when = "全年" if data["complete"] else f"截至 {data['as_of']}"
    table = Table(title=f"{data['year']}年 {data['form']}（{when}）")
    table.add_column("部分")
    table.add_column("指标")
    table.add_column("数值", justify="right")
    table.add_column("单位")
    part = ""
    for f in data["figures"]:
        shown = f["part"] if f["part"] != part else ""
        part = f["part"]
        label = ("　" * f["level"]) + f["label"]
        table.add_row(shown, label, "—" if f["value"] is None else str(f["value"]), f["unit"])
    console.print(table)
    if data["campaigns"]:
        campaigns = Table(title="问计于民征集活动")
        for name, justify in [
            ("征集", "left"),
            ("时间", "left"),
            ("收到", "right"),
            ("已答复", "right"),
            ("采纳", "right"),
            ("结果公布", "left"),
        ]:
            campaigns.add_column(name, justify=justify)  # type: ignore[arg-type]
        for c in data["campaigns"]:
            campaigns.add_row(
                c["title"],
                f"{c['opened']} — {c['closed'] or ''}",
                str(c["received"]),
                str(c["answered"]),
                str(c["adopted"]),
                "已公布" if c["results_published"] else "未公布",
            )
        console.print(campaigns)
    console.print(msg("report.not_counted", items="；".join(data["not_counted"])))
    console.print(msg("report.rules"))
    return buffer.getvalue().encode("utf-8")


def proposals_table(proposals: Sequence[Proposal], width: int = 160) -> str:
    """`portal adoption`: the proposed placements, each with its confidence."""
    table = Table(title="用稿建议 proposed placements", title_justify="left", show_lines=True)
    table.add_column("置信度", justify="right", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    table.add_column("媒体 · 日期", no_wrap=True)
    table.add_column("媒体标题 · 链接", overflow="fold", ratio=3)
    table.add_column("我方稿件", overflow="fold", ratio=2)
    table.add_column("依据", overflow="fold", ratio=2)
    for p in proposals:
        day = p.item.day.isoformat() if p.item.day else "日期不明"
        table.add_row(
            f"{p.score:.2f}",
            p.status.label,
            f"{p.outlet.name}\n{day}",
            f"{p.item.title}\n{p.item.link}",
            f"{p.article.title}\n{p.article.key}",
            p.evidence.summary(),
        )
    buffer, console = _console(width)
    console.print(table)
    return buffer.getvalue()


def import_table(rows: Sequence[Row], width: int = 160) -> str:
    """`portal import`: what was made, skipped as already imported, could not be read, and why."""
    table = Table(show_lines=True)
    for name in ("稿件", "结果", "生成的草稿", "说明"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(row.source, row.outcome.value, row.target, "\n".join(row.notes))
    buffer, console = _console(width)
    console.print(table)
    return buffer.getvalue()


def _console(width: int = 120) -> tuple[io.StringIO, Console]:
    """A plain-text console writing into a buffer: no colours, a fixed width, and what it is
    given shown as text (no markup, emoji codes, highlighting or control characters)."""
    buffer = io.StringIO()
    console = _TextConsole(
        file=buffer,
        width=width,
        force_terminal=False,
        color_system=None,
        markup=False,
        emoji=False,
        highlight=False,
    )
    return buffer, console
