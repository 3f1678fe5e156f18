"""政府网站工作年度报表 figures: a page per year, an index of years, the CSV/JSON downloads and
`portal report --annual` (table, CSV, JSON), all from `compute.annual.annual_data`, so every
view shows the numbers `generator.compute.annual` counted."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from generator.exports import csv_bytes, json_bytes
from generator.render.charts import Bar, bar_chart
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed_page

# Chinese headers for a spreadsheet; annual.json keeps the keys (part, key, label, value, …).
CSV_HEADER = ["部分", "指标编号", "指标", "数值", "单位", "统计口径"]
# The figures the index of years shows for each year.
HEADLINE = ("articles.total", "interpretation.answers", "messages.received", "surveys.received")


def annual_url(year: int) -> str:
    return f"annual/{year}/"


def annual_csv(data: dict[str, Any], bom: bool = True) -> bytes:
    return csv_bytes(
        CSV_HEADER,
        [
            [
                f["part"],
                f["key"],
                f["label"],
                "" if f["value"] is None else f["value"],
                f["unit"],
                f["rule"],
            ]
            for f in data["figures"]
        ],
        bom=bom,
    )


def annual_specs(years: list[dict[str, Any]], r: PageRenderer) -> list[PageSpec]:
    specs = [
        fixed_page(
            "annual/",
            "政府网站工作年度报表",
            r.render(
                "annual_index.html",
                "annual/",
                years=[(d, {f["key"]: f for f in d["figures"]}) for d in years],
                headline=HEADLINE,
                annual_url=annual_url,
            ),
            section="",  # linked from the home page, unless the menu lists it
        )
    ]
    for d in years:
        url = annual_url(d["year"])
        months = [
            (m + 1, sum(c["months"][m] for c in d["articles_by_category"])) for m in range(12)
        ]
        chart = bar_chart(
            [Bar(f"{m}月", n) for m, n in months],
            f"{d['year']}年每月发布新闻稿件条数",
            f"annual-{d['year']}-months",
            unit=" 条",
        )
        parts: list[tuple[str, list[dict[str, Any]]]] = []
        for f in d["figures"]:
            if f["key"].startswith("articles.month."):
                continue  # shown in the table of months
            if not parts or parts[-1][0] != f["part"]:
                parts.append((f["part"], []))
            parts[-1][1].append(f)
        html = r.render(
            "annual.html",
            url,
            d=d,
            as_of=date.fromisoformat(d["as_of"]),
            parts=parts,
            figures={f["key"]: f for f in d["figures"]},
            months=months,
            chart=Markup(chart),
            years=[y["year"] for y in years],
            annual_url=annual_url,
        )
        specs.append(fixed_page(url, f"{d['year']}年政府网站工作年度报表", html, section=""))
    return specs


def annual_outputs(years: list[dict[str, Any]]) -> dict[str, bytes]:
    outputs: dict[str, bytes] = {}
    for d in years:
        url = annual_url(d["year"])
        outputs[f"{url}annual.json"] = json_bytes(d)
        outputs[f"{url}annual.csv"] = annual_csv(d)
    return outputs
