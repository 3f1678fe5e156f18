"""Small pure helpers shared by renderers: relative URLs, dates."""

from __future__ import annotations

import posixpath
from datetime import date, datetime, tzinfo

WEEKDAYS = "一二三四五六日"


def relative_url(target: str, page: str) -> str:
    """Link from the page at site path `page` (e.g. `news/2026/05/x/`) to `target`.

    Both are site-relative: directory URLs end with `/`, the root is "". Relative links keep
    the site working under any path prefix and when opened from disk.
    """
    if target.startswith(("http://", "https://", "mailto:", "#")):
        return target
    base = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    path, _, fragment = target.partition("#")
    rel = posixpath.relpath("/" + path, "/" + base)  # "" is the site root
    if (path.endswith("/") or not path) and not rel.endswith("/"):
        rel += "/"
    if rel == "./" and not path.endswith("/") and path:
        rel = posixpath.basename(path)
    return rel + (f"#{fragment}" if fragment else "")


def cn_day(day: date) -> str:
    """2026年5月12日."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_date(value: date | datetime, tz: tzinfo) -> str:
    """2026年5月12日 (a datetime is first put on the site's wall clock)."""
    if isinstance(value, datetime):
        value = value.astimezone(tz).date()
    return cn_day(value)


def cn_datetime(value: datetime, tz: tzinfo) -> str:
    """2026年5月12日 09:30 on the site's wall clock."""
    local = value.astimezone(tz)
    return f"{cn_day(local.date())} {local:%H:%M}"


def iso_date(value: date | datetime, tz: tzinfo) -> str:
    if isinstance(value, datetime):
        value = value.astimezone(tz).date()
    return value.isoformat()
