"""互动交流 counting rules, implemented once: the statistics page, its downloads, the annual
report figures and `portal check`'s rule on unanswered records all read what this counts.

- A record is a published 法律咨询台 question or a 问计于民 suggestion (drafts are not records).
- It is received on its 受理日期: a question's `received` (when missing, its publication
  `date`), a suggestion's `received` cell, on the site's wall clock (Asia/Shanghai).
- A question is answered when it has a reply date (`replied`; without one it is 待答复); a
  suggestion when its status is not 待处理.
- Days to reply are calendar days (自然日) from received to replied, for records that carry
  both dates. The median is the middle value (the mean of the two middle ones for an even
  count); the 90th percentile is the nearest rank (the smallest value that at least 90% of
  replies took no longer than); the mean is rounded to one decimal.
- A record counts in the month (and year) it was received, whatever month it was answered in.
- Unanswered records are a matter of the present: `portal check` reports one waiting more
  than 60 days as a warning and, with `--strict`, one waiting more than 90 days (三个月, the
  inspection limit) as an error, counting to SOURCE_DATE_EPOCH when set, else to today's
  date in Beijing. Builds never run this rule: the site's bytes depend on content alone.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from generator.clock import source_date_epoch, today
from generator.errors import Problem, Severity
from generator.messages import msg
from generator.model import Portal, Suggestion, SuggestionStatus
from generator.urls import question_url, theme_url

WARN_DAYS = 60  # unanswered for longer than this: a warning from `portal check`
FAIL_DAYS = 90  # longer than three months fails an inspection: an error with --strict
ADOPTED = frozenset({SuggestionStatus.ADOPTED, SuggestionStatus.PARTLY})


class Kind(StrEnum):
    """Which channel a record came through."""

    QUESTION = "question"  # 法律咨询台 (留言/咨询)
    SUGGESTION = "suggestion"  # 问计于民 (征集)

    @property
    def label(self) -> str:
        return "法律咨询台" if self is Kind.QUESTION else "问计于民"

    @property
    def group_label(self) -> str:
        return "执法领域" if self is Kind.QUESTION else "主题"


@dataclass(frozen=True)
class Record:
    """One interaction record (互动交流记录), as every count sees it."""

    kind: Kind
    key: str  # question key; `campaign/id` for a suggestion
    source: PurePosixPath  # the file that holds it
    line: int  # line of its 受理日期 (a spreadsheet row for a suggestion)
    group: str  # the question's domain or the suggestion's theme
    title: str  # the question, or the suggestion's (masked) title
    received: date
    replied: date | None
    answered: bool
    department: str
    page: str  # site path of the page that shows it
    received_known: bool = True  # False: a question without `received`, dated by publication
    adopted: bool = False  # a suggestion 采纳 or 部分采纳

    @property
    def days(self) -> int | None:
        """Calendar days from receipt to reply, when both dates are known."""
        if self.replied is None or not self.received_known:
            return None
        return (self.replied - self.received).days

    def waiting(self, day: date) -> int:
        """Days an unanswered record has waited by `day` (0 for an answered one)."""
        return 0 if self.answered else max(0, (day - self.received).days)


def records(portal: Portal, tz: tzinfo) -> tuple[Record, ...]:
    """Every record: questions, then suggestions, each oldest first."""
    found: list[Record] = []
    for q in sorted(portal.questions, key=lambda q: (q.received or q.published.date(), q.key)):
        found.append(
            Record(
                kind=Kind.QUESTION,
                key=q.key,
                source=q.source,
                line=q.received_line,
                group=q.domain.name,
                title=q.question,
                received=q.received or q.published.astimezone(tz).date(),
                replied=q.replied,
                answered=q.answered,
                department=q.department,
                page=question_url(q),
                received_known=q.received is not None,
            )
        )
    suggestions = []
    for c in portal.campaigns:
        for s in c.suggestions:
            suggestions.append(
                Record(
                    kind=Kind.SUGGESTION,
                    key=f"{c.key}/{s.id}",
                    source=c.source / "submissions.csv",
                    line=s.row,
                    group=s.theme,
                    title=s.title or s.theme,
                    received=s.received.astimezone(tz).date(),
                    replied=s.replied,
                    answered=s.status.answered,
                    department=s.department,
                    page=f"{theme_url(c, s.theme)}#s-{s.id}",
                    adopted=s.status in ADOPTED,
                )
            )
    found += sorted(suggestions, key=lambda r: (r.received, r.key))
    return tuple(found)


def reply_days(s: Suggestion, tz: tzinfo) -> int | None:
    """Days from receipt to reply, when both are known."""
    if s.replied is None:
        return None
    return (s.replied - s.received.astimezone(tz).date()).days


def groups(portal: Portal, kind: Kind) -> tuple[str, ...]:
    """The groups a kind is counted by, in the site's order: domains, or campaign themes."""
    if kind is Kind.QUESTION:
        return tuple(d.name for d in portal.domains)
    themes = [
        t for c in sorted(portal.campaigns, key=lambda c: (c.opened, c.key)) for t in c.themes
    ]
    return tuple(dict.fromkeys(themes))


# -- counts ----------------------------------------------------------------------------------


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class Tally:
    """Counts over a set of records: received, answered, and how long the replies took."""

    received: int
    answered: int
    days: tuple[int, ...]  # days to reply of the answered records with both dates, sorted

    @property
    def pending(self) -> int:
        return self.received - self.answered

    @property
    def rate(self) -> float | None:
        """Share answered, in percent to one decimal."""
        return round(100 * self.answered / self.received, 1) if self.received else None

    @property
    def median(self) -> int | float | None:
        return _whole(statistics.median(self.days)) if self.days else None

    @property
    def p90(self) -> int | None:
        """Nearest rank: at least 90% of replies took this many days or fewer."""
        if not self.days:
            return None
        return self.days[math.ceil(0.9 * len(self.days)) - 1]

    @property
    def mean(self) -> int | float | None:
        return _whole(round(statistics.fmean(self.days), 1)) if self.days else None


def tally(items: Iterable[Record]) -> Tally:
    chosen = list(items)
    return Tally(
        received=len(chosen),
        answered=sum(1 for r in chosen if r.answered),
        days=tuple(sorted(d for r in chosen if (d := r.days) is not None)),
    )


def of_kind(items: Iterable[Record], kind: Kind) -> list[Record]:
    return [r for r in items if r.kind is kind]


def in_year(items: Iterable[Record], year: int) -> list[Record]:
    return [r for r in items if r.received.year == year]


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: date, last: date) -> list[str]:
    """Every month from `first`'s to `last`'s, as 2026-05."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def by_month(items: Sequence[Record]) -> list[tuple[str, Tally]]:
    """Counts per month of receipt, with no gap between the first month and the last."""
    if not items:
        return []
    first = min(r.received for r in items)
    last = max(r.received for r in items)
    return [
        (m, tally(r for r in items if month_key(r.received) == m))
        for m in months_between(first, last)
    ]


def by_group(items: Sequence[Record], names: Sequence[str]) -> list[tuple[str, Tally]]:
    """Counts per domain or theme, in the order given (groups without records show zeros)."""
    known = list(names) + sorted({r.group for r in items} - set(names))
    return [(g, tally(r for r in items if r.group == g)) for g in known]


def pending(items: Iterable[Record], day: date) -> list[tuple[Record, int]]:
    """Unanswered records with the days each has waited by `day`, longest wait first."""
    waiting = [(r, r.waiting(day)) for r in items if not r.answered]
    return sorted(waiting, key=lambda x: (-x[1], x[0].kind.value, x[0].key))


# -- the rule `portal check` applies -------------------------------------------------------


def inspection_day(tz: tzinfo) -> date:
    """The day `portal check` inspects: SOURCE_DATE_EPOCH when set, else today in Beijing.

    A check looks at the present, so unlike a build it may read the clock; its warnings change
    no output file.
    """
    epoch = source_date_epoch()
    return epoch.astimezone(tz).date() if epoch is not None else today(tz)


def overdue(portal: Portal, tz: tzinfo, day: date, strict: bool) -> list[Problem]:
    """Records unanswered for over 60 days (warnings); over 90 are errors when `strict`."""
    problems = []
    for record, waited in pending(records(portal, tz), day):
        if waited <= WARN_DAYS:
            continue
        since = msg(
            "overdue.since_received" if record.received_known else "overdue.since_published"
        )
        limit = (
            msg("overdue.fails")
            if waited > FAIL_DAYS
            else msg("overdue.warns", warn=WARN_DAYS, fail=FAIL_DAYS)
        )
        message = msg(
            "overdue.question" if record.kind is Kind.QUESTION else "overdue.suggestion",
            since=since,
            day=record.received,
            days=waited,
            limit=limit,
        )
        severity = Severity.ERROR if strict and waited > FAIL_DAYS else Severity.WARNING
        problems.append(Problem(record.source, record.line, "replied", message, severity))
    return sorted(problems)


# -- the 互动交流统计 page's data ------------------------------------------------------

RULES = (
    "统计对象：本站公开的法律咨询台问题和问计于民建议（草稿不计）。",
    "按受理日期所在月份统计：法律咨询台为受理日期（received，未填写的按发布日期），"
    "问计于民为收到时间（北京时间）。",
    "已答复：法律咨询台问题有答复日期（replied）；问计于民建议的办理状态不是“待处理”。",
    "答复用时：从受理日期到答复日期的自然日数，只计两个日期都有的记录；"
    "中位数为居中的数值（偶数个时取中间两个的平均），"
    "90% 分位数为至少九成答复不超过的天数（最近秩法）。",
    f"待答复超过 {WARN_DAYS} 天的记录在 portal check 时提示；超过 {FAIL_DAYS} 天"
    "（三个月）的按政府网站检查要求视为不合格。",
)


def _tally(t: Tally) -> dict[str, Any]:
    return {
        "received": t.received,
        "answered": t.answered,
        "pending": t.pending,
        "answered_percent": t.rate,
        "with_both_dates": len(t.days),
        "median_days": t.median,
        "p90_days": t.p90,
        "mean_days": t.mean,
    }


def interaction_data(portal: Portal, everything: Sequence[Record], as_of: date) -> dict[str, Any]:
    """Everything the 互动交流统计 page shows, as JSON-ready data (also the
    interaction.json download), from `records(portal, tz)`."""
    kinds: list[dict[str, Any]] = []
    for kind in Kind:
        items = of_kind(everything, kind)
        kinds.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "group_label": kind.group_label,
                **_tally(tally(items)),
                "by_month": [{"month": m, **_tally(t)} for m, t in by_month(items)],
                "by_group": [
                    {"group": g, **_tally(t)} for g, t in by_group(items, groups(portal, kind))
                ],
            }
        )
    return {
        "as_of": as_of.isoformat(),
        "rules": list(RULES),
        "total": _tally(tally(everything)),
        "kinds": kinds,
        "pending": [
            {
                "kind": r.kind.value,
                "id": r.key,
                "group": r.group,
                "title": r.title,
                "received": r.received.isoformat(),
                "waiting_days": waited,
                "page": r.page,
            }
            for r, waited in pending(everything, as_of)
        ],
        "records": [_record(r) for r in everything],
    }


def _record(r: Record) -> dict[str, Any]:
    return {
        "kind": r.kind.value,
        "id": r.key,
        "group": r.group,
        "received": r.received.isoformat(),
        "received_recorded": r.received_known,
        "replied": r.replied.isoformat() if r.replied else None,
        "answered": r.answered,
        "days": r.days,
        "department": r.department,
        "page": r.page,
    }
