"""伪造发稿日期 signals (提示), from what the content itself can show.

A piece dated before it was submitted is already refused by validation. What is left:
- a piece whose `date` is far from the date in its file name (named when it was written):
  the date was changed afterwards;
- pieces new since the site online was built (its feeds/ids.json) but dated well before the
  newest piece already online: backfilled to make a column look updated.
Whether a piece was edited without saying so (`updated:`) cannot be told from the content:
git history was tried and rejected (one bulk commit, a reformat or a fresh clone marks every
file as edited), so the report counts the pieces that declare an 更正/更新 instead.
"""

from __future__ import annotations

import re
from datetime import date, tzinfo
from pathlib import Path

from generator.compute.published import read_published
from generator.inspect import sources
from generator.inspect.evidence import key_line
from generator.inspect.model import Group, Item, Verdict
from generator.model import Portal
from generator.urls import article_url

_STEM_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})-")
RENAMED_DAYS = 7  # a date this far from the file name's was changed after the piece was written
BACKFILL_DAYS = 7


def dates(portal: Portal, root: Path, tz: tzinfo, as_of: date, site: Path | None) -> Item:
    evidence: list[str] = []
    published = [a for a in portal.published if a.published.astimezone(tz).date() <= as_of]
    for a in published:
        match = _STEM_DATE.match(a.key)
        if not match:
            continue
        try:
            named = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        day = a.published.astimezone(tz).date()
        if abs((day - named).days) > RENAMED_DAYS:
            evidence.append(
                f"{key_line(root, a.source, 'date')}: 发稿日期 {day} 与文件名中的日期 {named} "
                f"相差 {abs((day - named).days)} 天（{a.title}）"
            )
    online = {item.url for item in read_published(site)} if site is not None else set()
    if online:
        known = [a for a in published if article_url(a) in online]
        newest = max((a.published.astimezone(tz).date() for a in known), default=None)
        for a in published:
            day = a.published.astimezone(tz).date()
            if article_url(a) in online or newest is None:
                continue
            if (newest - day).days > BACKFILL_DAYS:
                evidence.append(
                    f"{key_line(root, a.source, 'date')}: 新增稿件的发稿日期 {day} 早于网站上已有的"
                    f"最新稿件（{newest}）{(newest - day).days} 天（{a.title}）"
                )
    updated = sum(1 for a in published if a.updated)
    if evidence:
        finding = f"{len(evidence)} 篇稿件的发稿日期需要核实；{updated} 篇注明了更正、更新"
        return Item(
            "dates",
            "伪造发稿日期",
            Group.ADVICE,
            Verdict.NOTE,
            finding,
            tuple(evidence),
            sources.DATES,
        )
    compared = "，与网站上已发布的记录一致" if online else ""
    finding = (
        f"{len(published)} 篇稿件的发稿日期与文件名一致{compared}；{updated} 篇注明了更正、更新"
    )
    return Item("dates", "伪造发稿日期", Group.ADVICE, Verdict.PASS, finding, (), sources.DATES)
