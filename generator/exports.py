"""CSV and JSON downloads: UTF-8 (CSV with a BOM so Excel opens Chinese correctly), cells
that a spreadsheet would run as formulas neutralised."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A spreadsheet cell that is text, never a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]], bom: bool = True) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def json_bytes(data: Any) -> bytes:
    """Pretty JSON; <, > and & are written as \\u escapes so no browser can sniff markup."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")
