"""栏目: the site's columns, the days their items were published, and how often each must update.

One list of columns serves the 网站地图 page, `portal check`'s staleness warnings and
`portal inspect`'s 栏目不更新 item. Each column is classified in mkdocs.yml (`columns:`):
动态要闻 must show something new every 2 weeks, 通知公告 and 政策文件 every 6 months (the
2019 checklist), any other column its own period (`30d`, `2w`, `3m`, `1y`) or none.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from generator.messages import msg
from generator.model import Portal
from generator.urls import category_url, domain_url

# Classes with the period the checklist gives them.
CLASSES = {"动态要闻": (14, "d"), "通知公告": (6, "m"), "政策文件": (6, "m")}
NO_PERIOD = ("none", "不定期", "无")
_PERIOD = re.compile(r"(\d{1,3})\s*(d|w|m|y|天|日|周|个月|月|年)")
_UNITS = {"d": "d", "天": "d", "日": "d", "w": "w", "周": "w", "m": "m", "月": "m", "个月": "m"}
_UNITS |= {"y": "y", "年": "y"}


@dataclass(frozen=True)
class Period:
    """How often a column must have a new item: `count` days, weeks, months or years."""

    count: int
    unit: str  # d, w, m, y

    def deadline(self, last: date) -> date:
        """The last day on which a column updated on `last` still counts as updated."""
        if self.unit == "d":
            return last + timedelta(days=self.count)
        if self.unit == "w":
            return last + timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        year, month = divmod(last.month - 1 + months, 12)
        year += last.year
        day = min(last.day, calendar.monthrange(year, month + 1)[1])
        return date(year, month + 1, day)

    @property
    def label(self) -> str:
        if self.unit == "d" and self.count % 7 == 0:
            return f"{self.count // 7} 周"
        return f"{self.count} " + {"d": "天", "w": "周", "m": "个月", "y": "年"}[self.unit]


@dataclass(frozen=True)
class Column:
    """One 栏目 of the site and the publication days of its items, newest first."""

    name: str
    url: str
    section: str  # the menu section it belongs to (新闻动态, 法律咨询台 …)
    days: tuple[date, ...]
    undated: int = 0  # items without a date (a guide never reviewed): not blank, not dated

    @property
    def last(self) -> date | None:
        return self.days[0] if self.days else None


@dataclass(frozen=True)
class ColumnRule:
    """A column's class as configured (`columns:` in mkdocs.yml)."""

    label: str  # 动态要闻, 通知公告, 政策文件, 其他, 不定期, 未分类
    period: Period | None


def site_columns(portal: Portal, tz: tzinfo) -> tuple[Column, ...]:
    """Every column of the site, in menu order."""

    def newest(days: list[date]) -> tuple[date, ...]:
        return tuple(sorted(days, reverse=True))

    published = portal.published
    columns = [
        Column(
            c.name,
            category_url(c),
            "新闻动态",
            newest([a.published.astimezone(tz).date() for a in published if a.category == c]),
        )
        for c in portal.categories
    ]
    editions = [e.date for e in portal.editions if e.date]
    columns.append(Column("美丽家园", "meilijiayuan/", "美丽家园", newest(editions)))
    columns += [
        Column(
            f"法律咨询台·{d.name}",
            domain_url(d),
            "法律咨询台",
            newest([q.published.astimezone(tz).date() for q in portal.questions if q.domain == d]),
        )
        for d in portal.domains
    ]
    columns.append(
        Column(
            "法规摘要",
            "regulations/",
            "法规摘要",
            newest([r.last_change for r in portal.regulations]),
        )
    )
    columns.append(
        Column("问计于民", "suggestions/", "问计于民", newest([c.opened for c in portal.campaigns]))
    )
    reviewed = [g.updated for g in portal.guides if g.updated]
    undated = sum(1 for g in portal.guides if not g.updated)
    columns.append(Column("办事指南", "guides/", "办事指南", newest(reviewed), undated))
    return tuple(columns)


def parse_rule(value: object) -> ColumnRule | None:
    """`动态要闻`, `通知公告`, `政策文件`, `30d`, `2周`, `3m`, `1y`, `none` → a rule; None if
    the value is none of these."""
    text = str(value).strip() if value is not None else "none"
    if text in CLASSES:
        count, unit = CLASSES[text]
        return ColumnRule(text, Period(count, unit))
    if text.lower() in NO_PERIOD:
        return ColumnRule("不定期", None)
    match = _PERIOD.fullmatch(text)
    if match and int(match[1]) > 0:
        return ColumnRule("其他", Period(int(match[1]), _UNITS[match[2]]))
    return None


def column_rules(
    columns: tuple[Column, ...], configured: dict[str, object]
) -> tuple[dict[str, ColumnRule], list[tuple[str, str]]]:
    """Each column's rule, and (config key, Chinese message) for every key that is wrong.

    A column that is not configured is 未分类: it has no period, and inspect says so.
    """
    from difflib import get_close_matches

    names = [c.name for c in columns]
    rules: dict[str, ColumnRule] = {}
    wrong: list[tuple[str, str]] = []
    for key, value in configured.items():
        name = str(key)
        rule = parse_rule(value)
        if name not in names:
            close = get_close_matches(name, names, n=1)
            hint = msg("field.did_you_mean", match=close[0]) if close else ""
            known = "、".join(names)
            wrong.append((name, msg("columns.unknown", name=name, hint=hint, names=known)))
        elif rule is None:
            wrong.append((name, msg("columns.bad_rule", value=value)))
        else:
            rules[name] = rule
    for name in names:
        rules.setdefault(name, ColumnRule("未分类", None))
    return rules, wrong
