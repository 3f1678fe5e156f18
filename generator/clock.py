"""Beijing time and reproducible build time.

Every date in the content is Beijing time unless it says otherwise: the staff write local
times, and readers, newsrooms and the quota all count in Asia/Shanghai, whatever zone the
build machine is in. Output never depends on the clock: a build time, where one is needed,
comes from SOURCE_DATE_EPOCH or from the content itself.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?")
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})")
_WHEN = re.compile(
    rf"(?P<date>{_DATE.pattern}|{_CN_DATE.pattern})"
    rf"(?:(?:[Tt]|\s+)(?P<time>{_TIME.pattern})\s*(?P<offset>{_OFFSET.pattern})?)?"
)


def parse_when(text: str, tz: tzinfo = BEIJING) -> datetime:
    """Parse `2026-05-12`, `2026-05-12 09:30`, `2026/5/12`, `2026年5月12日`, ISO 8601 with offset.

    A bare date is midnight, and a naive time is local time in `tz`; an explicit offset is kept.
    Raises ValueError with a message for people, in Chinese and English.
    """
    match = _WHEN.fullmatch(text.strip())
    if not match:
        raise ValueError(
            f'not a date or time: "{text}" (expected e.g. 2026-05-12 or 2026-05-12 09:30)'
        )
    parts = _DATE.fullmatch(match["date"]) or _CN_DATE.fullmatch(match["date"])
    assert parts is not None
    year, month, day = (int(g) for g in parts.groups())
    try:
        day_value = date(year, month, day)
    except ValueError:
        raise ValueError(f'no such date: "{match["date"]}"') from None
    clock = time()
    if match["time"]:
        t = _TIME.fullmatch(match["time"])
        assert t is not None
        hour, minute, second = int(t[1]), int(t[2]), int(t[3] or 0)
        micro = int((t[4] or "0").ljust(6, "0"))
        try:
            clock = time(hour, minute, second, micro)
        except ValueError:
            raise ValueError(f'no such time of day: "{match["time"]}"') from None
    zone: tzinfo = tz
    if match["offset"]:
        zone = _parse_offset(match["offset"])
    return datetime.combine(day_value, clock, tzinfo=zone)


def _parse_offset(text: str) -> tzinfo:
    from datetime import timezone

    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def to_beijing(moment: datetime, tz: tzinfo = BEIJING) -> datetime:
    """The same instant, on the site's wall clock."""
    return moment.astimezone(tz)


def source_date_epoch() -> datetime | None:
    """The reproducible build time from SOURCE_DATE_EPOCH, or None when it is not set."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return None
    return datetime.fromtimestamp(int(raw), tz=UTC)


def today(tz: tzinfo = BEIJING) -> date:
    """Today's date on the site's wall clock; used only to scaffold new files, never in output."""
    return datetime.now(tz).date()
