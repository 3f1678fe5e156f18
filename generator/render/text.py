"""Small pure helpers shared by renderers: relative URLs, dates, summaries."""

from __future__ import annotations

import html
import posixpath
import re
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


_MD_NOISE = [
    (re.compile(r"```.*?```", re.S), " "),
    # Raw HTML in staff Markdown: what the sanitiser removes from the page (a script and its
    # text) must not come back in a summary.
    (
        re.compile(r"<(script|style|iframe|noscript|template|textarea)\b.*?</\1\s*>", re.S | re.I),
        " ",
    ),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>|\|)\s?", re.M), ""),
    (re.compile(r"[*_`~]+"), ""),
    (re.compile(r"\{[:#.][^}]*\}"), ""),
]


def derive_summary(markdown: str, limit: int = 120) -> str:
    """The first real paragraph of a Markdown body as plain text, cut at `limit` characters."""
    for block in re.split(r"\n\s*\n", markdown):
        stripped = block.strip()
        if not stripped or stripped.startswith(("#", "|", "!", "<", "```", ":::", "---")):
            continue
        text = stripped
        for pattern, repl in _MD_NOISE:
            text = pattern.sub(repl, text)
        text = _CJK_GAP.sub("", html.unescape(" ".join(text.split())))
        if text:
            return text if len(text) <= limit else text[: limit - 1].rstrip("，、；：") + "…"
    return ""


# A line break inside a Chinese paragraph is not a space: drop white space between two CJK
# characters or punctuation, keep it around Latin words and numbers (23 处).
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
