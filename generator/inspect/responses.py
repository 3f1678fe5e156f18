"""互动回应差: a working consultation channel, and no message left unanswered for over three
months within the year before the as-of day (the interaction records of interaction.py)."""

from __future__ import annotations

import calendar
from datetime import date, tzinfo

from generator.compute import interaction
from generator.inspect import sources
from generator.inspect.model import Group, Item, Verdict
from generator.model import Portal
from generator.settings import Settings


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 - months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def responses(portal: Portal, settings: Settings, as_of: date) -> Item:
    tz: tzinfo = settings.timezone
    channels = [
        f"mkdocs.yml: qa_channels: 法律咨询台 {c.kind.label} {c.value}"
        for c in settings.qa_channels
    ]
    channels += [
        f"{c.source}/campaign.yml:{c.channels_line}: {c.title} {ch.kind.label} {ch.value}"
        for c in portal.campaigns
        if c.is_open(as_of)
        for ch in c.channels
    ]
    year_ago = months_before(as_of, 12)
    limit = months_before(as_of, 3)  # received before this day and still unanswered: too long
    late: list[str] = []
    slow: list[str] = []
    for record in interaction.records(portal, tz):
        if not year_ago <= record.received <= as_of:
            continue
        answered = record.replied is not None and record.replied <= as_of
        if record.answered and record.replied is None:
            answered = True  # a suggestion with a reply status but no reply date
        if not answered and record.received < limit:
            waited = (as_of - record.received).days
            late.append(
                f"{record.source}:{record.line}: {record.title}"
                f"（{record.received} 受理，已 {waited} 天未答复）"
            )
        elif answered and record.replied and record.received < months_before(record.replied, 3):
            slow.append(
                f"{record.source}:{record.line}: {record.title}"
                f"（{record.received} 受理，{record.replied} 才答复）"
            )
    evidence = (*late, *slow, *channels[:6])
    if not channels:
        finding = (
            "没有提供咨询建言渠道：mkdocs.yml 没有 qa_channels，也没有写明渠道的正在进行的征集"
        )
        return Item(
            "interaction",
            "互动回应差",
            Group.VETO,
            Verdict.FAIL,
            finding,
            evidence,
            sources.INTERACTION,
        )
    if late:
        finding = f"{year_ago} 至 {as_of} 受理的留言中有 {len(late)} 条超过 3 个月未答复"
        return Item(
            "interaction",
            "互动回应差",
            Group.VETO,
            Verdict.FAIL,
            finding,
            evidence,
            sources.INTERACTION,
        )
    finding = (
        f"有 {len(channels)} 个咨询建言渠道；"
        f"{year_ago} 至 {as_of} 受理的留言没有超过 3 个月未答复的"
    )
    if slow:
        finding += f"（{len(slow)} 条答复用时超过 3 个月）"
    verdict = Verdict.NOTE if slow else Verdict.PASS
    return Item(
        "interaction", "互动回应差", Group.VETO, verdict, finding, evidence, sources.INTERACTION
    )
