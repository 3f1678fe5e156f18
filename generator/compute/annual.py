"""政府网站工作年度报表 figures, counted once: the annual page, its CSV/JSON downloads and
`portal report --annual` all render the `Annual` this module builds.

The State Council office's annual report form (2018) asks for much this content cannot
know (visits, services, security); these are the rows of its 信息发布, 解读回应 and 互动交流
parts that it can answer. Each figure carries the rule it was counted by (shown on the page
and in the downloads); docs/reference.md gives the same rules in English. The interaction figures
come from `generator.compute.interaction`, the same counts as the 互动交流统计 page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from generator.compute import interaction
from generator.compute.interaction import ADOPTED, Kind, in_year, of_kind, tally
from generator.model import Campaign, Category, Portal
from generator.urls import campaign_url

FORM = "政府网站工作年度报表（国办函〔2018〕12号）"  # noqa: RUF001
# What the form asks that a static site built from this content cannot count.
NOT_COUNTED = (
    "独立用户访问总量、网站总访问量（见网站访问统计）",
    "概况类信息、信息公开目录信息更新量（见政府信息公开平台）",
    "专栏专题维护和新开设数量",
    "解读产品、媒体评论文章数量，回应公众关注热点或重大舆情数量",
    "办事服务、在线访谈、智能问答、安全防护、移动新媒体和创新发展各项",
)


@dataclass(frozen=True)
class Figure:
    """One row of the report: `messages.received` 收到留言数量 12 条, and its counting rule."""

    key: str
    part: str  # the form's part: 信息发布, 解读回应, 互动交流
    label: str
    value: int | float | None  # None: nothing to count (no reply with both dates)
    unit: str
    rule: str
    level: int = 0  # 1 for a breakdown row (其中)


@dataclass(frozen=True)
class CampaignYear:
    """A 问计于民 campaign opened in the year, with its own totals (all entries)."""

    campaign: Campaign
    received: int
    answered: int
    adopted: int
    results_published: bool


@dataclass(frozen=True)
class Annual:
    year: int
    as_of: date
    figures: tuple[Figure, ...]
    categories: tuple[tuple[Category, tuple[int, ...]], ...]  # articles per month, Jan..Dec
    campaigns: tuple[CampaignYear, ...]

    @property
    def complete(self) -> bool:
        """True once the year is over on the day the figures are counted to."""
        return self.as_of > date(self.year, 12, 31)

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def report_years(
    portal: Portal, tz: tzinfo, records: Sequence[interaction.Record] | None = None
) -> tuple[int, ...]:
    """Every year with something to count, oldest first (`records`: interaction.records)."""
    years = {a.published.astimezone(tz).year for a in portal.published}
    if records is None:
        records = interaction.records(portal, tz)
    years |= {r.received.year for r in records}
    years |= {c.opened.year for c in portal.campaigns}
    return tuple(sorted(years))


def latest_year(years: tuple[int, ...], as_of: date) -> int | None:
    """The year the home page links: the last complete one, else the one under way."""
    done = [y for y in years if y < as_of.year]
    if done:
        return done[-1]
    return years[-1] if years else None


def _results_published(c: Campaign, as_of: date) -> bool:
    return (
        c.closed is not None and c.closed <= as_of and all(s.status.answered for s in c.suggestions)
    )


def annual(
    portal: Portal,
    year: int,
    tz: tzinfo,
    as_of: date,
    records: Sequence[interaction.Record] | None = None,
) -> Annual:
    """The figures for calendar `year` (Beijing time), counted on the content as of `as_of`.

    `records` are interaction.records(portal, tz), when the caller has them already.
    """
    articles = [a for a in portal.published if a.published.astimezone(tz).year == year]
    per_cell = Counter((a.category.slug, a.published.astimezone(tz).month) for a in articles)
    categories = tuple(
        (c, tuple(per_cell[(c.slug, m)] for m in range(1, 13))) for c in portal.categories
    )
    per_month = [sum(months[m] for _, months in categories) for m in range(12)]
    everything = interaction.records(portal, tz) if records is None else tuple(records)
    questions = of_kind(in_year(everything, year), Kind.QUESTION)
    suggestions = of_kind(in_year(everything, year), Kind.SUGGESTION)
    asked, offered = tally(questions), tally(suggestions)
    answers = [
        q for q in portal.questions if q.answered and q.published.astimezone(tz).year == year
    ]
    campaigns = tuple(
        CampaignYear(
            c,
            received=len(c.suggestions),
            answered=sum(1 for s in c.suggestions if s.status.answered),
            adopted=sum(1 for s in c.suggestions if s.status in ADOPTED),
            results_published=_results_published(c, as_of),
        )
        for c in sorted(portal.campaigns, key=lambda c: (c.opened, c.key))
        if c.opened.year == year
    )
    adopted = sum(1 for r in suggestions if r.adopted)
    info, explain, talk = "信息发布", "解读回应", "互动交流"
    figures = [
        Figure(
            "articles.total",
            info,
            "政务动态信息更新量",
            len(articles),
            "条",
            "本年在本站发布的新闻稿件，按发布时间（北京时间）所在年份计；草稿和退稿不计",
        ),
        *(
            Figure(
                f"articles.category.{c.slug}",
                info,
                f"其中：{c.name}",
                sum(months),
                "条",
                "同上，按稿件所属栏目",
                level=1,
            )
            for c, months in categories
        ),
        *(
            Figure(
                f"articles.month.{m:02d}",
                info,
                f"按月份：{m}月",
                per_month[m - 1],
                "条",
                "同上，按发布时间所在月份",
                level=1,
            )
            for m in range(1, 13)
        ),
        Figure(
            "interpretation.answers",
            explain,
            "解读信息发布（法律咨询台解答）",
            len(answers),
            "条",
            "本年发布（按发布日期）且已答复的法律咨询台解答；每条解答注明法律依据",
        ),
        Figure(
            "messages.received",
            talk,
            "留言办理：收到留言数量（法律咨询台）",
            asked.received,
            "条",
            "本年受理的法律咨询台问题，按受理日期计；没有记录受理日期的按发布日期",
        ),
        Figure(
            "messages.answered",
            talk,
            "留言办理：办结留言数量",
            asked.answered,
            "条",
            "上述留言中已经答复（记有答复日期）的",
        ),
        Figure(
            "messages.pending",
            talk,
            "其中：尚未答复",
            asked.pending,
            "条",
            "上述留言中没有答复日期的（待答复）",
            level=1,
        ),
        Figure(
            "messages.mean_days",
            talk,
            "留言办理：平均办理时间",
            asked.mean,
            "天",
            "已办结留言从受理日期到答复日期的自然日数的平均值（保留一位小数）；"
            "两个日期都有的才计入",
        ),
        Figure(
            "messages.median_days",
            talk,
            "办理时间中位数",
            asked.median,
            "天",
            "同上，自然日数的中位数",
            level=1,
        ),
        Figure(
            "messages.published",
            talk,
            "留言办理：公开答复数量",
            asked.answered,
            "条",
            "已办结留言中答复在本站公开的；本站发布每一条答复，故与办结留言数量相同",
        ),
        Figure(
            "surveys.campaigns",
            talk,
            "征集调查：征集调查期数（问计于民）",
            len(campaigns),
            "期",
            "本年开始征集（按征集开始日期）的问计于民活动",
        ),
        Figure(
            "surveys.received",
            talk,
            "征集调查：收到意见数量",
            offered.received,
            "条",
            "本年收到（按收到时间，北京时间）的问计于民建议，不论属于哪一期",
        ),
        Figure(
            "surveys.answered",
            talk,
            "其中：已答复",
            offered.answered,
            "条",
            "上述建议中办理状态不是“待处理”的（采纳、部分采纳、已答复、未采纳）",
            level=1,
        ),
        Figure(
            "surveys.adopted",
            talk,
            "其中：采纳（含部分采纳）",
            adopted,
            "条",
            "上述建议中办理状态为“采纳”或“部分采纳”的",
            level=1,
        ),
        Figure(
            "surveys.median_days",
            talk,
            "其中：答复用时中位数",
            offered.median,
            "天",
            "已答复且填写了答复日期的建议，从收到日期到答复日期的自然日数的中位数",
            level=1,
        ),
        Figure(
            "surveys.results",
            talk,
            "征集调查：公布调查结果期数",
            sum(1 for c in campaigns if c.results_published),
            "期",
            "本年开始的征集中，截至统计日征集已经结束、每条建议都已答复并在本站公开的期数",
        ),
    ]
    return Annual(year, as_of, tuple(figures), categories, campaigns)


# -- the figures as JSON-ready data (annual.json, the pages, `portal report --annual`) ------


def annual_data(a: Annual) -> dict[str, Any]:
    """The year's figures as JSON-ready data (annual.json and `--format json`)."""
    return {
        "year": a.year,
        "as_of": a.as_of.isoformat(),
        "complete": a.complete,
        "form": FORM,
        "figures": [
            {
                "key": f.key,
                "part": f.part,
                "label": f.label,
                "value": f.value,
                "unit": f.unit,
                "rule": f.rule,
                "level": f.level,
            }
            for f in a.figures
        ],
        "articles_by_category": [
            {"category": c.slug, "name": c.name, "months": list(months), "total": sum(months)}
            for c, months in a.categories
        ],
        "campaigns": [
            {
                "campaign": row.campaign.key,
                "title": row.campaign.title,
                "opened": row.campaign.opened.isoformat(),
                "closed": row.campaign.closed.isoformat() if row.campaign.closed else None,
                "received": row.received,
                "answered": row.answered,
                "adopted": row.adopted,
                "results_published": row.results_published,
                "page": campaign_url(row.campaign),
            }
            for row in a.campaigns
        ],
        "not_counted": list(NOT_COUNTED),
    }
