"""Reading spreadsheet exports (问计于民 submissions.csv) as rows that remember their line.

Staff export from whatever Excel or WPS is at hand: UTF-8 with or without a BOM, GB18030 from
Chinese Excel, tab-separated UTF-16 from "Unicode text", Chinese headers, dates as
`2026/7/3 14:20` or as serial numbers, and trailing empty rows. This module turns all of that
into `Row`s keyed by canonical column names, and every oddity into a `Problem` with a line.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path, PurePosixPath

from generator.clock import NotADate, parse_when
from generator.errors import Problem, Severity
from generator.load.files import outside_portal
from generator.messages import msg

MAX_BYTES = 20 * 1024 * 1024
REQUIRED = ("id", "received", "theme", "text", "status")

# Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
# Serial numbers are wall-clock days, so they are counted in UTC (no DST) and then relabelled.
_EXCEL_EPOCH = datetime(1899, 12, 30, tzinfo=UTC)
# Five digits: 1927-05-18 to 2173-10-14. A bare year (2026) is not taken for day 2026 of 1905.
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CN_TIME = re.compile(r"(\d{1,2})\s*[时点:：]\s*(\d{1,2})\s*分?(?:\s*[:：]?\s*(\d{1,2})\s*秒?)?")
# Characters Excel and WeChat leave around a header or a cell: BOM, zero-width space.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
_FILE = "(file)"


@dataclass(frozen=True)
class Row:
    """One non-empty data row: `cells["theme"] == "市容市貌"`, starting on physical `line`."""

    line: int
    cells: dict[str, str]


def decode_csv_bytes(raw: bytes) -> tuple[str, str]:
    """Decode an export as UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030; else ValueError."""
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in raw and not utf16:
        # NUL is valid UTF-8 and GB18030, but no export has one: UTF-16 without its BOM.
        raise ValueError(msg("csv.nul_bytes"))
    try:
        encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
        return raw.decode("utf-8-sig"), encoding
    except UnicodeDecodeError:
        pass
    if utf16:
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValueError(msg("csv.broken_utf16")) from None
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    raise ValueError(msg("csv.unknown_encoding"))


def read_table(
    path: Path,
    rel: PurePosixPath,
    columns: Mapping[str, Sequence[str]],
    required: Collection[str] = REQUIRED,
    ignored: Collection[str] = (),
) -> tuple[list[Row], list[Problem]]:
    """Read a CSV export into rows keyed by canonical column name, with every problem found.

    Args:
        columns: canonical name -> accepted headers (`"theme": ("theme", "主题")`); matched
            ignoring case, full-width forms and surrounding spaces.
        required: canonical names whose column must be present.
    """
    if outside_portal(path, rel):
        return [], []  # validate.portal.check_paths reports the link
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return [], [
                Problem(
                    rel,
                    0,
                    _FILE,
                    msg("csv.too_big", size=size / 1024 / 1024, limit=MAX_BYTES // 1024 // 1024),
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return [], [Problem(rel, 0, _FILE, msg("file.unreadable", reason=exc.strerror))]
    try:
        text, _ = decode_csv_bytes(raw)
    except ValueError as exc:
        return [], [Problem(rel, 0, _FILE, str(exc))]
    return parse_table(text, rel, columns, required, ignored)


def parse_table(
    text: str,
    rel: PurePosixPath,
    columns: Mapping[str, Sequence[str]],
    required: Collection[str] = REQUIRED,
    ignored: Collection[str] = (),
) -> tuple[list[Row], list[Problem]]:
    """Parse decoded CSV text; see `read_table`."""
    problems: list[Problem] = []
    first = io.StringIO(text, newline="").readline()
    delimiter, skipped = _dialect(first)
    body = io.StringIO(text[len(first) :] if skipped else text, newline="")
    records = _records(body, delimiter, 1 + skipped, rel, problems)
    rows, found = rows_from_records(records, rel, columns, required, ignored)
    return rows, problems + found


def rows_from_records(
    records: Iterable[tuple[int, list[str]]],
    rel: PurePosixPath,
    columns: Mapping[str, Sequence[str]],
    required: Collection[str] = REQUIRED,
    ignored: Collection[str] = (),
) -> tuple[list[Row], list[Problem]]:
    """Rows from (line, cells) records whose first non-empty one is the header (a CSV file's
    lines, a worksheet's rows); `ignored` headers are dropped without a warning."""
    problems: list[Problem] = []
    records = iter(records)
    header_line, header = next(
        ((line, cells) for line, cells in records if any(_clean(c) for c in cells)), (0, [])
    )
    if not header:
        names = ", ".join(columns)
        problems.append(Problem(rel, 0, _FILE, msg("csv.empty", names=names)))
        return [], problems
    positions = _map_header(header, header_line, rel, columns, required, problems, ignored)
    named = max((i for i, h in enumerate(header) if _clean(h)), default=-1) + 1
    rows: list[Row] = []
    for line, cells in records:
        if not any(_clean(c) for c in cells):
            continue  # blank lines and Excel's trailing ",,,,,," rows
        if len(cells) < named or any(_clean(c) for c in cells[len(header) :]):
            problems.append(
                Problem(
                    rel,
                    line,
                    "(row)",
                    msg("csv.cell_count", cells=len(cells), columns=len(header)),
                )
            )
            continue
        values = {name: _clean(cells[i]) if i < len(cells) else "" for name, i in positions.items()}
        rows.append(Row(line, values))
    return rows, problems


def _dialect(first_line: str) -> tuple[str, int]:
    """The delimiter, and 1 when the first line is Excel's `sep=;` hint rather than data."""
    hint = re.fullmatch(r"sep=(.)\r?\n?", first_line)
    if hint:
        return hint[1], 1
    # Excel's "Unicode text" is tab-separated; everything else here uses commas.
    return ("\t" if first_line.count("\t") > first_line.count(",") else ","), 0


def _records(
    lines: Iterable[str],
    delimiter: str,
    first_line: int,
    rel: PurePosixPath,
    problems: list[Problem],
) -> Iterator[tuple[int, list[str]]]:
    """(starting line, cells) for each CSV record; a quoted cell may span several lines."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        line = reader.line_num + first_line
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(rel, line, "(row)", _csv_message(str(exc))))
            continue
        yield line, cells


def _csv_message(error: str) -> str:
    if "unexpected end of data" in error:
        return msg("csv.unclosed_quote")
    if "expected after" in error:
        return msg("csv.quote_in_cell")
    if "field larger than field limit" in error:
        return msg("csv.cell_too_long", limit=csv.field_size_limit())
    return msg("csv.error", detail=error)


def normalise_header(header: str) -> str:
    """A header as compared (see `_normalise`)."""
    return _normalise(header)


def _normalise(header: str) -> str:
    """A header as compared: NFKC (full-width forms folded), no spaces (姓　名), case-folded."""
    folded = unicodedata.normalize("NFKC", header).casefold()
    return "".join(c for c in folded if not c.isspace() and c not in _INVISIBLE)


def _map_header(
    header: list[str],
    line: int,
    rel: PurePosixPath,
    columns: Mapping[str, Sequence[str]],
    required: Collection[str],
    problems: list[Problem],
    ignored: Collection[str] = (),
) -> dict[str, int]:
    """Canonical column name -> position; unknown, duplicate and missing columns reported."""
    skip = {_normalise(h) for h in ignored}
    aliases: dict[str, str] = {}
    for name, accepted in columns.items():
        for alias in (name, *accepted):
            aliases.setdefault(_normalise(alias), name)
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _normalise(cell)
        if not key or key in skip:
            continue
        canonical = aliases.get(key)
        if canonical is None:
            problems.append(
                Problem(
                    rel,
                    line,
                    cell.strip(),
                    msg("csv.unknown_column", name=cell.strip(), hint=_suggest(key, aliases)),
                    Severity.WARNING,
                )
            )
        elif canonical in positions:
            first = header[positions[canonical]].strip()
            problems.append(
                Problem(
                    rel,
                    line,
                    canonical,
                    msg("csv.same_column", first=first, second=cell.strip(), canonical=canonical),
                )
            )
        else:
            positions[canonical] = index
    for name in columns:
        if name in required and name not in positions:
            accepted = "、".join(dict.fromkeys((name, *columns[name])))
            problems.append(Problem(rel, line, name, msg("csv.missing_column", accepted=accepted)))
    return positions


def _suggest(key: str, aliases: Mapping[str, str]) -> str:
    match = difflib.get_close_matches(key, list(aliases), n=1, cutoff=0.6)
    if not match:
        return msg("csv.known_columns", names="、".join(dict.fromkeys(aliases.values())))
    canonical = aliases[match[0]]
    if match[0] == canonical:
        return msg("field.did_you_mean", match=canonical)
    return msg("csv.did_you_mean_column", match=match[0], canonical=canonical)


def _clean(cell: str) -> str:
    """A cell's value: invisible characters and surrounding spaces (also U+3000) removed."""
    value = cell.replace("\r\n", "\n").replace("\r", "\n")
    for char in _INVISIBLE:
        value = value.replace(char, "")
    return value.strip()


def parse_excel_datetime(value: str, tz: tzinfo) -> datetime:
    """An aware datetime from what Excel writes: 2026/7/3 14:20, 2026年7月3日, 46206.5, ISO.

    A naive value is wall-clock time in `tz`. Raises ValueError with a message for people.
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        raise ValueError(msg("csv.date_empty"))
    compact = _COMPACT_DATE.fullmatch(text)
    if compact:
        text = "-".join(compact.groups())
    elif _SERIAL.fullmatch(text):
        return _from_serial(text, tz)
    # 2026年7月3日14时20分 and 2026年7月3日14:20: parse_when wants a space and a colon.
    date_part, sep, time_part = text.partition("日")
    if sep and time_part.strip():
        clock = _CN_TIME.fullmatch(time_part.strip())
        if clock:
            seconds = f":{int(clock[3]):02d}" if clock[3] else ""
            time_part = f"{int(clock[1]):02d}:{int(clock[2]):02d}{seconds}"
        text = f"{date_part}日 {time_part.strip()}"
    try:
        return parse_when(text, tz)
    except NotADate:
        raise ValueError(msg("csv.date_bad", text=value.strip())) from None
    except ValueError:
        if compact:
            raise ValueError(msg("date.no_such_day", text=value.strip())) from None
        raise


def _from_serial(text: str, tz: tzinfo) -> datetime:
    """An Excel serial date: days since 1899-12-30, the fraction being the time of day."""
    days = float(text)
    # Round to the second: 14:20 is stored as 0.597222..., never exactly.
    moment = _EXCEL_EPOCH + timedelta(seconds=round(days * 86400))
    return moment.replace(tzinfo=tz)
