"""问计于民 digests: per campaign counts by theme, status, region and month (each a chart
beside its table), featured suggestions with the bureau's reply, a page per theme, and the
masked CSV/JSON downloads. Everything here reads the model, where personal data is masked."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date, tzinfo
from typing import Any

from markupsafe import Markup

from generator.compute.interaction import reply_days
from generator.exports import csv_bytes, json_bytes
from generator.model import Campaign, Portal, SuggestionStatus
from generator.render.charts import Bar, bar_chart
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed_page
from generator.urls import campaign_url, theme_url


def _summary(c: Campaign, tz: tzinfo) -> dict[str, Any]:
    total = len(c.suggestions)
    by_status = Counter(s.status for s in c.suggestions)
    by_theme = Counter(s.theme for s in c.suggestions)
    by_region = Counter(s.province for s in c.suggestions)
    by_month = Counter(s.received.astimezone(tz).strftime("%Y-%m") for s in c.suggestions)
    days = [d for s in c.suggestions if (d := reply_days(s, tz)) is not None]
    return {
        "total": total,
        "answered": sum(n for st, n in by_status.items() if st.answered),
        "adopted": by_status[SuggestionStatus.ADOPTED] + by_status[SuggestionStatus.PARTLY],
        "median_days": statistics.median(days) if days else None,
        "by_theme": [(t, by_theme[t]) for t in c.themes],
        "by_status": [(st.value, by_status[st]) for st in SuggestionStatus],
        "by_region": sorted(by_region.items(), key=lambda x: (-x[1], x[0])),
        "by_month": sorted(by_month.items()),
    }


def suggestion_specs(portal: Portal, r: PageRenderer, tz: tzinfo, as_of: date) -> list[PageSpec]:
    listing = [(c, _summary(c, tz)) for c in portal.campaigns]
    specs = [
        fixed_page(
            "suggestions/",
            "问计于民",
            r.render("campaigns.html", "suggestions/", campaigns=listing, as_of=as_of),
        )
    ]
    for c, summary in listing:
        url = campaign_url(c)

        def chart(rows: list[tuple[str, int]], title: str, ident: str, key: str = c.key) -> Markup:
            return Markup(bar_chart([Bar(n, v) for n, v in rows], title, f"{key}-{ident}", " 条"))

        months = [(f"{m[:4]}年{int(m[5:])}月", n) for m, n in summary["by_month"]]
        html = r.render(
            "campaign.html",
            url,
            c=c,
            as_of=as_of,
            total=summary["total"],
            answered=summary["answered"],
            adopted=summary["adopted"],
            median_days=summary["median_days"],
            themes=[(t, n, theme_url(c, t)) for t, n in summary["by_theme"]],
            featured=[s for s in c.suggestions if s.featured],
            theme_rows=summary["by_theme"],
            theme_chart=chart(summary["by_theme"], "各主题建议条数", "theme"),
            status_rows=summary["by_status"],
            status_chart=chart(summary["by_status"], "按办理状态", "status"),
            region_rows=summary["by_region"],
            region_chart=chart(summary["by_region"], "按省份（直辖市）", "region"),
            month_rows=months,
            month_chart=chart(months, "按收到月份", "month"),
        )
        specs.append(fixed_page(url, c.title, html, searchable=False))
        for theme in c.themes:
            page = theme_url(c, theme)
            items = [s for s in c.suggestions if s.theme == theme]
            specs.append(
                fixed_page(
                    page,
                    f"{theme} · {c.title}",
                    r.render("campaign_theme.html", page, c=c, theme=theme, items=items),
                )
            )
    return specs


def suggestion_outputs(portal: Portal, tz: tzinfo) -> dict[str, bytes]:
    """The masked digest of each campaign as CSV (every suggestion) and JSON (the counts)."""
    outputs: dict[str, bytes] = {}
    for c in portal.campaigns:
        url = campaign_url(c)
        outputs[f"{url}digest.csv"] = csv_bytes(
            # The columns of submissions.csv, under Chinese headers; times on the wall clock,
            # written as a spreadsheet reads a date and time.
            [
                "编号",
                "收到时间",
                "姓名",
                "地区",
                "主题",
                "标题",
                "内容",
                "状态",
                "答复",
                "答复日期",
                "精选",
            ],
            [
                [
                    s.id,
                    s.received.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                    s.name,
                    s.region,
                    s.theme,
                    s.title,
                    s.text,
                    s.status.value,
                    s.reply,
                    s.replied.isoformat() if s.replied else "",
                    "是" if s.featured else "",
                ]
                for s in c.suggestions
            ],
        )
        summary = _summary(c, tz)
        outputs[f"{url}digest.json"] = json_bytes(
            {
                "campaign": c.key,
                "title": c.title,
                "opened": c.opened.isoformat(),
                "closed": c.closed.isoformat() if c.closed else None,
                "themes": list(c.themes),
                **{k: (dict(v) if isinstance(v, list) else v) for k, v in summary.items()},
                "featured": [
                    {
                        "id": s.id,
                        "name": s.name,
                        "region": s.region,
                        "theme": s.theme,
                        "title": s.title,
                        "text": s.text,
                        "status": s.status.value,
                        "reply": s.reply,
                    }
                    for s in c.suggestions
                    if s.featured
                ],
            }
        )
    return outputs
