"""A table of figures as the site shows it and as it is downloaded: the page's table, CSV
for a spreadsheet and JSON, from one set of rows (信息报送's tables and `portal report`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.compute.tracking import UnitWeek
from generator.exports import csv_bytes


@dataclass(frozen=True)
class Column:
    """A table column: `key` in JSON, `label` as the CSV header and on the page.

    `kind` says how the page shows a value: text, num, met (✓/✗), tally (n/quota ✓), rate (%),
    flag (是 or nothing).
    """

    key: str
    label: str
    kind: str = "text"
    header: bool = False  # the row's header cell (th scope=row) on the page


@dataclass(frozen=True)
class DataTable:
    name: str  # tracking/<name>.csv and .json
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    total: tuple[Any, ...] | None = None  # 合计 row, same columns

    def records(self) -> list[dict[str, Any]]:
        return [self._record(row) for row in self.rows]

    def _record(self, row: tuple[Any, ...]) -> dict[str, Any]:
        return {c.key: _json_value(v) for c, v in zip(self.columns, row, strict=True)}

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
            "rows": self.records(),
            "total": self._record(self.total) if self.total else None,
        }

    def csv_header(self) -> list[str]:
        """The labels; a tally column is two, its count and its quota (see `csv_rows`)."""
        return [
            label
            for c in self.columns
            for label in ((f"{c.label}报送", f"{c.label}定额") if c.kind == "tally" else (c.label,))
        ]

    def csv_rows(self) -> list[list[str]]:
        """The rows as spreadsheet cells. A tally (1 of a quota of 1) is two numbers in two
        columns: written `1/1`, a spreadsheet would read it as 1 January."""
        rows = [self._csv_row(row) for row in self.rows]
        if self.total:
            rows.append(self._csv_row(self.total))
        return rows

    def _csv_row(self, row: tuple[Any, ...]) -> list[str]:
        cells: list[str] = []
        for c, value in zip(self.columns, row, strict=True):
            if c.kind != "tally":
                cells.append(cell_text(value))
            elif isinstance(value, UnitWeek):
                cells += [str(value.submitted), str(value.quota)]
            else:
                cells += ["", ""]  # a week before the unit was counted
        return cells

    def csv(self, bom: bool = True) -> bytes:
        return csv_bytes(self.csv_header(), self.csv_rows(), bom=bom)


def _json_value(value: Any) -> Any:
    if isinstance(value, UnitWeek):
        return {"submitted": value.submitted, "quota": value.quota, "met": value.met}
    if isinstance(value, date):
        return value.isoformat()
    return value


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, UnitWeek):
        return f"{value.submitted}/{value.quota}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
