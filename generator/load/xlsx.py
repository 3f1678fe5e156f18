"""问计于民 exports saved as Excel workbooks (submissions.xlsx), read like submissions.csv.

python-calamine (Rust's calamine) reads the cells: dates and times come as values, numbers as
numbers, whatever the sheet's formatting. The header is the first row, within the first 20 of
a sheet, that names every required column (a merged title row above it, `2026年停车问题征集
结果`, is skipped); the first sheet that has such a row is read (an instructions sheet before
it is passed over). Cells become the text a CSV export would hold, so the same validation
runs; problems then name the cell, `Sheet1!C7`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePosixPath

from generator.errors import Problem
from generator.load.csvfile import MAX_BYTES, REQUIRED, Row, normalise_header, rows_from_records
from generator.load.files import outside_portal
from generator.messages import msg

HEADER_SEARCH = 20  # rows of a sheet looked through for the header
_FILE = "(file)"

Locate = Callable[[int, str], str]  # (row, canonical column) → "Sheet1!C7"


def read_workbook(
    path: Path,
    rel: PurePosixPath,
    columns: Mapping[str, Sequence[str]],
    required: Collection[str] = REQUIRED,
    ignored: Collection[str] = (),
) -> tuple[list[Row], list[Problem], Locate]:
    """The rows of the first sheet with the expected header; `Locate` names a cell."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

    nowhere: Locate = lambda row, column: column  # noqa: E731
    if outside_portal(path, rel):
        return [], [], nowhere
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // 1024 // 1024
            message = msg("csv.too_big", size=size / 1024 / 1024, limit=limit)
            return [], [Problem(rel, 0, _FILE, message)], nowhere
        book = CalamineWorkbook.from_path(str(path))
        sheets = [
            (name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in book.sheet_names
        ]
    except (CalamineError, PasswordError, XmlError, ZipError, OSError, ValueError) as exc:
        message = msg("xlsx.unreadable", kind=type(exc).__name__)
        return [], [Problem(rel, 0, _FILE, message)], nowhere
    aliases = _aliases(columns)
    for name, cells in sheets:
        start = _header_row(cells, aliases, required)
        if start is None:
            continue
        records = [
            (start + 1 + i, [cell_text(c) for c in row]) for i, row in enumerate(cells[start:])
        ]
        rows, problems = rows_from_records(iter(records), rel, columns, required, ignored)
        positions = {
            aliases[key]: index
            for index, cell in enumerate(records[0][1])
            if (key := normalise_header(cell)) in aliases
        }

        def locate(
            row: int, column: str, name: str = name, positions: dict[str, int] = positions
        ) -> str:
            index = positions.get(column)
            if index is None:
                return f"{name}!{row} {column}"
            return f"{name}!{column_letter(index)}{row} {column}"

        return rows, [_located(p, locate) for p in problems], locate
    names = "、".join(name for name, _ in sheets) or msg("xlsx.no_sheets")
    wanted = "、".join(c for c in columns if c in required)
    message = msg("xlsx.no_header", columns=wanted, rows=HEADER_SEARCH, sheets=names)
    return [], [Problem(rel, 0, _FILE, message)], nowhere


def _aliases(columns: Mapping[str, Sequence[str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, accepted in columns.items():
        for alias in (name, *accepted):
            found.setdefault(normalise_header(alias), name)
    return found


def _header_row(
    cells: Sequence[Sequence[object]], aliases: Mapping[str, str], required: Collection[str]
) -> int | None:
    for index, row in enumerate(cells[:HEADER_SEARCH]):
        named = {aliases.get(normalise_header(cell_text(c))) for c in row}
        if set(required) <= named:
            return index
    return None


def _located(problem: Problem, locate: Locate) -> Problem:
    if problem.line <= 0:
        return problem
    field = problem.field
    where = locate(problem.line, field)
    if where == field or " " not in where:
        return problem
    return Problem(problem.path, problem.line, where, problem.message, problem.severity)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell as a CSV export writes it: dates ISO, whole numbers without `.0`, 是 for TRUE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)
