"""Beijing time and reproducible build time.

Every date in the content is Beijing time unless it says otherwise: the staff write local
times, and readers, newsrooms and the quota all count in Asia/Shanghai, whatever zone the
build machine is in. Output never depends on the clock: a build time, where one is needed,
comes from SOURCE_DATE_EPOCH or from the content itself.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from generator.messages import msg

# The zone the content is written in unless mkdocs.yml's `timezone` says otherwise (config.py
# holds that default); every function here takes the zone it is given, with no default.
BEIJING = ZoneInfo("Asia/Shanghai")

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?")
# 9时30分, 9点30分, 9点半, 9时: how a Chinese date goes on.
_CN_TIME = re.compile(r"(\d{1,2})[时点](?:(\d{1,2})分(?:(\d{1,2})秒)?|(半))?")
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})")
_WHEN = re.compile(
    rf"(?P<date>{_DATE.pattern}|{_CN_DATE.pattern})"
    rf"(?:(?:[Tt]|\s+|(?<=[日号]))(?P<time>{_TIME.pattern}|{_CN_TIME.pattern})"
    rf"\s*(?P<offset>{_OFFSET.pattern})?)?"
)


class NotADate(ValueError):
    """Text that is no date at all (as against a date that does not exist, 2026-02-30)."""


def parse_when(text: str, tz: tzinfo) -> datetime:
    """Parse `2026-05-12`, `2026-05-12 09:30`, `2026/5/12`, `2026年5月12日`, `2026年5月12日9时30分`,
    ISO 8601 with an offset; full-width digits and colons as a Chinese input method types them.

    A bare date is midnight, and a naive time is local time in `tz`; an explicit offset is kept.
    Raises ValueError with a message for staff (messages.py).
    """
    shown = text.strip()
    match = _WHEN.fullmatch(unicodedata.normalize("NFKC", shown))
    if not match:
        raise NotADate(msg("date.bad", text=shown))
    parts = _DATE.fullmatch(match["date"]) or _CN_DATE.fullmatch(match["date"])
    assert parts is not None
    year, month, day = (int(g) for g in parts.groups())
    try:
        day_value = date(year, month, day)
    except ValueError:
        raise ValueError(msg("date.no_such_day", text=match["date"])) from None
    clock = time()
    if match["time"]:
        t = _TIME.fullmatch(match["time"])
        if t:
            hour, minute, second = int(t[1]), int(t[2]), int(t[3] or 0)
            micro = int((t[4] or "0").ljust(6, "0"))
        else:
            cn = _CN_TIME.fullmatch(match["time"])
            assert cn is not None
            hour, second, micro = int(cn[1]), int(cn[3] or 0), 0
            minute = 30 if cn[4] else int(cn[2] or 0)
        try:
            clock = time(hour, minute, second, micro)
        except ValueError:
            raise ValueError(msg("date.no_such_time", text=match["time"])) from None
    zone: tzinfo = tz
    if match["offset"]:
        zone = _parse_offset(match["offset"])
    return datetime.combine(day_value, clock, tzinfo=zone)


def names_time(text: str) -> bool:
    """True when a date as written gives a time of day (`2026-05-12 09:30`), not just a day."""
    match = _WHEN.fullmatch(unicodedata.normalize("NFKC", text.strip()))
    return bool(match and match["time"])


def _parse_offset(text: str) -> tzinfo:
    from datetime import timezone

    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def source_date_epoch() -> datetime | None:
    """The reproducible build time from SOURCE_DATE_EPOCH, or None when it is not set."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return None
    return datetime.fromtimestamp(int(raw), tz=UTC)


def today(tz: tzinfo) -> date:
    """Today's date on the site's wall clock; used only to scaffold new files, never in output."""
    return datetime.now(tz).date()
