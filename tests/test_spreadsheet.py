"""Every CSV download, cell by cell, as a spreadsheet in the zh-CN locale reads it on opening.

Excel and LibreOffice Calc give each cell of a CSV file the "General" format and guess its
type as if it had been typed: `1/1` becomes 1 January, `007` the number 7, a 16-digit number
loses its last digits, and a cell starting with `=`, `+`, `-` or `@` is a formula. `reads_as`
models those guesses (zh-CN: year-month-day and month/day dates, 年月日 dates, times); the
test allows a date only in a column whose header says it is one, a number only when it keeps
every digit, and never a formula. Headers are Chinese (JSON keeps the English keys).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?%?")
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_TIME = r"\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?(?:\s*[ap]m)?"
_DATES = [
    re.compile(p, re.I)
    for p in (
        rf"\d{{1,4}}[-/]\d{{1,2}}(?:[-/]\d{{1,4}})?(?:\s+{_TIME})?",  # 2026-05-12, 1/1, 2026-05
        _TIME,  # 12:30
        rf"(?:\d{{1,4}}年)?\d{{1,2}}月(?:\d{{1,2}}日)?(?:\s*{_TIME})?",  # 2026年5月12日, 5月1日
        rf"\d{{1,2}}[-/ ](?:{_MONTHS})[a-z]*(?:[-/ ]\d{{1,4}})?",  # 1-Jan, 1 May 2026
        rf"(?:{_MONTHS})[a-z]*[-/ ]\d{{1,4}}",  # Jan-26
    )
]
_CJK = re.compile(r"[\u4e00-\u9fff]")


def reads_as(cell: str) -> str:
    """What a spreadsheet makes of a CSV cell: text, number, number-changed, date or formula."""
    text = cell.strip()
    if not text or text.startswith("'"):
        return "text"  # an apostrophe marks text
    if _NUMBER.fullmatch(text) and re.search(r"\d", text):
        digits = re.sub(r"\D", "", text.split("e")[0].split("E")[0])
        if re.match(r"[+-]?0\d", text) or len(digits.lstrip("0")) > 15:
            return "number-changed"  # leading zeros dropped, or digits past the 15th
        if "," in text or re.search(r"[eE]", text):
            return "number-changed"
        return "number"
    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "formula"
    if any(p.fullmatch(text) for p in _DATES):
        return "date"
    return "text"


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("1/1", "date"),
        ("2/1", "date"),
        ("3-5", "date"),
        ("2026-05", "date"),
        ("2026-05-12", "date"),
        ("2026-11-02 09:30", "date"),
        ("5月1日", "date"),
        ("2026年5月", "date"),
        ("12:30", "date"),
        ("1-Jan", "date"),
        ("42", "number"),
        ("-3", "number"),
        ("12.5", "number"),
        ("74%", "number"),
        ("007", "number-changed"),
        ("330702199001011234", "number-changed"),
        ("1,234", "number-changed"),
        ("1e5", "number-changed"),
        ('=HYPERLINK("x")', "formula"),
        ("+1 建议", "formula"),
        ("-停车", "formula"),
        ("@SUM(A1)", "formula"),
        ('\'=HYPERLINK("x")', "text"),
        ("2026-W19", "text"),
        ("0579-87612345", "text"),
        ("138****1234", "text"),
        ("S001", "text"),
        ("2026-05-05-holiday-patrol", "text"),
        ("白洋中队", "text"),
        ("", "text"),
    ],
)
def test_reads_as_a_spreadsheet_does(cell: str, kind: str) -> None:
    assert reads_as(cell) == kind


def is_date_column(header: str) -> bool:
    return header.endswith(("日期", "时间")) or header in {"周一", "月份"}


def csv_downloads(site: Path) -> list[Path]:
    return sorted(site.rglob("*.csv"))


def test_every_csv_cell_stays_what_it_is(sample_site: Path) -> None:
    files = csv_downloads(sample_site)
    names = {str(p.relative_to(sample_site)) for p in files}
    assert {"tracking/recent.csv", "interaction/records.csv", "annual/2026/annual.csv"} <= names
    assert "suggestions/xianyiji-2026/digest.csv" in names
    found = []
    cells = 0
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith("\ufeff".encode()), f"{path}: no BOM, Excel reads it as ANSI"
        header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        where = path.relative_to(sample_site)
        found += [f"{where}: header {h!r} is not Chinese" for h in header if not _CJK.search(h)]
        for n, row in enumerate(rows, start=2):
            assert len(row) == len(header), f"{where}:{n}"
            for column, cell in zip(header, row, strict=True):
                cells += 1
                kind = reads_as(cell)
                if kind == "date" and is_date_column(column):
                    continue
                if kind in ("date", "number-changed", "formula"):
                    found.append(f"{where}:{n}: {column}: {cell!r} becomes a {kind}")
    assert cells > 10_000
    assert found == []


def test_dates_are_read_as_dates(sample_site: Path) -> None:
    """The date columns hold dates a spreadsheet recognises (filters and sorts by them)."""
    for path in csv_downloads(sample_site):
        header, *rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        for i, column in enumerate(header):
            if is_date_column(column):
                values = [row[i] for row in rows if row[i]]
                assert all(reads_as(v) == "date" for v in values), (path, column, values[:3])
