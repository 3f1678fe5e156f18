"""网站地图: one human-readable page that lists every section and column of the site."""

from __future__ import annotations

from dataclasses import dataclass

from generator.columns import Column, site_columns
from generator.identity import SITEMAP_URL
from generator.model import Portal
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed
from generator.settings import Settings
from generator.urls import campaign_url


@dataclass(frozen=True)
class Entry:
    """A link on the site map, with the count of items in it (None: a single page)."""

    title: str
    url: str
    count: int | None = None


@dataclass(frozen=True)
class Section:
    title: str
    url: str
    entries: tuple[Entry, ...]


def site_map_sections(portal: Portal, settings: Settings) -> tuple[Section, ...]:
    """The menu's sections, each with its columns and pages, in menu order."""
    columns: dict[str, list[Column]] = {}
    for column in site_columns(portal, settings.timezone):
        columns.setdefault(column.section, []).append(column)

    def listed(section: str) -> list[Entry]:
        return [
            Entry(c.name.removeprefix(f"{section}·"), c.url, len(c.days) + c.undated)
            for c in columns.get(section, [])
        ]

    news = [Entry("全部新闻", "news/", len(portal.published)), *listed("新闻动态")]
    news.append(Entry("新闻归档", "news/archive/"))
    if settings.site_url:
        news.append(Entry("宣传栏海报", "poster/"))
    qa = [Entry("全部问答", "qa/", len(portal.questions)), *listed("法律咨询台")]
    campaigns = [Entry(c.title, campaign_url(c), len(c.suggestions)) for c in portal.campaigns]
    interaction = [Entry("互动交流统计", "interaction/"), Entry("政府网站工作年度报表", "annual/")]
    if settings.tracking and not settings.tracking_internal:
        interaction.append(Entry("信息报送", "tracking/"))
    sections = [
        Section("首页", "", ()),
        Section("新闻动态", "news/", tuple(news)),
        Section(
            "美丽家园", "meilijiayuan/", (Entry("专版各期", "meilijiayuan/", len(portal.editions)),)
        ),
        Section("法律咨询台", "qa/", tuple(qa)),
        Section(
            "法规摘要",
            "regulations/",
            (Entry("法规目录", "regulations/", len(portal.regulations)),),
        ),
        Section("问计于民", "suggestions/", (Entry("全部征集", "suggestions/"), *campaigns)),
        Section("互动交流", "interaction/", tuple(interaction)),
        Section(
            "办事指南", "guides/", tuple(Entry(g.title, f"guides/{g.key}/") for g in portal.guides)
        ),
        Section(
            "关于我们",
            "",
            tuple(Entry(p.title, f"{p.key}/") for p in sorted(portal.pages, key=lambda p: p.order)),
        ),
        Section("服务", "", (Entry("订阅", "subscribe/"), Entry("站内搜索", "search/"))),
    ]
    return tuple(sections)


def site_map_spec(portal: Portal, settings: Settings, r: PageRenderer) -> PageSpec:
    html = r.render("site_map.html", SITEMAP_URL, sections=site_map_sections(portal, settings))
    return PageSpec(
        f"{SITEMAP_URL}index.md",
        SITEMAP_URL,
        "网站地图",
        fixed(html),
        description=f"{settings.site_name}网站地图：各栏目和页面的链接。",
        hide=("navigation", "toc"),
    )
