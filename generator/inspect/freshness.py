"""首页不更新 and 栏目不更新: what was new on the home page and in each column by the as-of day."""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from pathlib import Path

from generator.columns import Column, ColumnRule, column_rules, site_columns
from generator.inspect import sources
from generator.inspect.evidence import key_line
from generator.inspect.model import Group, Item, Verdict
from generator.model import Portal
from generator.settings import Settings

HOME_DAYS = 14
LONG_DAYS = 365  # 长期未更新: a year without anything new
STALE_LIMIT, LONG_LIMIT, BLANK_LIMIT = 5, 10, 5


def home(portal: Portal, root: Path, tz: tzinfo, as_of: date) -> Item:
    """The home page shows the latest news and 法律咨询台 answers: was one published in the two
    weeks up to the as-of day? Items dated after it did not exist yet on that day."""
    dated = [(a.published.astimezone(tz).date(), a.source, a.title) for a in portal.published]
    dated += [(q.published.astimezone(tz).date(), q.source, q.question) for q in portal.questions]
    seen = sorted((d for d in dated if d[0] <= as_of), reverse=True)
    start = as_of - timedelta(days=HOME_DAYS)
    if not seen:
        return Item(
            "home",
            "首页不更新",
            Group.VETO,
            Verdict.FAIL,
            f"截至 {as_of} 首页没有任何信息",
            (),
            sources.HOME,
        )
    day = seen[0][0]
    recent = [s for s in seen if s[0] >= start]
    evidence = tuple(f"{key_line(root, p, 'date')}: {d} {t}" for d, p, t in (recent or seen)[:3])
    if recent:
        finding = f"{start} 至 {as_of} 首页有 {len(recent)} 条新信息，最近一条发布于 {day}"
        return Item("home", "首页不更新", Group.VETO, Verdict.PASS, finding, evidence, sources.HOME)
    finding = (
        f"{start} 至 {as_of} 首页没有新信息，最近一条发布于 {day}（{(as_of - day).days} 天前）"
    )
    return Item("home", "首页不更新", Group.VETO, Verdict.FAIL, finding, evidence, sources.HOME)


def columns(portal: Portal, settings: Settings, as_of: date) -> Item:
    """栏目不更新: columns past their period, long without update, and blank, as of `as_of`."""
    cols = site_columns(portal, settings.timezone)
    rules, _ = column_rules(cols, settings.columns)
    stale: list[tuple[Column, date]] = []
    long: list[Column] = []
    blank: list[Column] = []
    unclassified = [c.name for c in cols if rules[c.name].label == "未分类"]
    for column in cols:
        days = [d for d in column.days if d <= as_of]
        last = days[0] if days else None
        rule = rules[column.name]
        if last is None:
            if not column.undated:
                blank.append(column)
            continue
        if rule.period is not None and rule.period.deadline(last) < as_of:
            stale.append((column, last))
            if (as_of - last).days > LONG_DAYS:
                long.append(column)
    evidence = [f"{c.url}: {c.name}（{_rule(rules[c.name])}）最近更新 {last}" for c, last in stale]
    evidence += [f"{c.url}: {c.name} 是空白栏目（没有任何信息）" for c in blank]
    if unclassified:
        evidence.append(
            f"mkdocs.yml: columns: 未分类的栏目（不检查更新周期）：{'、'.join(unclassified)}"
        )
    counts = (
        f"超过更新周期 {len(stale)} 个，长期（1 年以上）未更新 {len(long)} 个，空白 {len(blank)} 个"
    )
    failed = len(stale) >= STALE_LIMIT or len(long) >= LONG_LIMIT or len(blank) >= BLANK_LIMIT
    if failed:
        verdict = Verdict.FAIL
    elif stale or blank or unclassified:
        verdict = Verdict.NOTE
    else:
        verdict = Verdict.PASS
    finding = f"{len(cols)} 个栏目中{counts}（不合格线：5 个、10 个、5 个）"
    return Item(
        "columns", "栏目不更新", Group.VETO, verdict, finding, tuple(evidence), sources.COLUMNS
    )


def _rule(rule: ColumnRule) -> str:
    return f"{rule.label}，{rule.period.label}内要有更新" if rule.period else rule.label
