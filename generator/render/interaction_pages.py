"""互动交流统计: how many 法律咨询台 questions and 问计于民 suggestions were received and
answered, and how fast, per month and per domain or theme; each chart beside its table, and
CSV/JSON downloads of the same data (`compute.interaction.interaction_data`, the one
structure all render, computed once a build: compute/figures.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from generator.compute.interaction import FAIL_DAYS, WARN_DAYS
from generator.exports import csv_bytes, json_bytes
from generator.render.charts import Bar, bar_chart
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed_page

URL = "interaction/"


def month_label(key: str) -> str:
    return f"{key[:4]}年{int(key[5:])}月"


def interaction_specs(data: dict[str, Any], r: PageRenderer) -> list[PageSpec]:
    charts = {}
    for k in data["kinds"]:
        ident = f"ix-{k['kind']}"
        charts[k["kind"]] = {
            "month": Markup(
                bar_chart(
                    [
                        Bar(month_label(m["month"]), m["received"], f"已答复 {m['answered']}")
                        for m in k["by_month"]
                    ],
                    f"{k['label']}每月收到条数",
                    f"{ident}-month",
                    unit=" 条",
                )
            ),
            "group": Markup(
                bar_chart(
                    [
                        Bar(g["group"], g["received"], f"已答复 {g['answered']}")
                        for g in k["by_group"]
                    ],
                    f"{k['label']}各{k['group_label']}收到条数",
                    f"{ident}-group",
                    unit=" 条",
                )
            ),
        }
    html = r.render(
        "interaction.html",
        URL,
        data=data,
        as_of=date.fromisoformat(data["as_of"]),
        charts=charts,
        month_label=month_label,
        iso_day=date.fromisoformat,
        warn_days=WARN_DAYS,
        fail_days=FAIL_DAYS,
    )
    # Linked from 法律咨询台 (and 问计于民): its section of the menu.
    return [fixed_page(URL, "互动交流统计", html, section="qa/")]


# The counts of each row, as JSON keys and as the Chinese CSV headers.
_TALLY_COLUMNS = {
    "received": "收到",
    "answered": "已答复",
    "pending": "待答复",
    "answered_percent": "答复率（%）",
    "with_both_dates": "有受理和答复日期的条数",
    "median_days": "答复天数中位数",
    "p90_days": "答复天数90%分位",
    "mean_days": "平均答复天数",
}


def _cell(value: object) -> object:
    return "" if value is None else value


def interaction_outputs(data: dict[str, Any]) -> dict[str, bytes]:
    """The downloads: the same numbers as the page, from the same data. JSON keeps the keys;
    the CSV files, for a spreadsheet, have Chinese headers and the channel's name."""
    channel = {k["kind"]: k["label"] for k in data["kinds"]}
    tally = list(_TALLY_COLUMNS)
    return {
        f"{URL}interaction.json": json_bytes(data),
        f"{URL}by-month.csv": csv_bytes(
            ["渠道", "月份", *_TALLY_COLUMNS.values()],
            [
                [k["label"], m["month"], *(_cell(m[c]) for c in tally)]
                for k in data["kinds"]
                for m in k["by_month"]
            ],
        ),
        f"{URL}by-group.csv": csv_bytes(
            ["渠道", "领域或主题", *_TALLY_COLUMNS.values()],
            [
                [k["label"], g["group"], *(_cell(g[c]) for c in tally)]
                for k in data["kinds"]
                for g in k["by_group"]
            ],
        ),
        f"{URL}records.csv": csv_bytes(
            [
                "渠道",
                "编号",
                "领域或主题",
                "受理日期",
                "答复日期",
                "答复天数",
                "已答复",
                "答复部门",
            ],
            [
                [
                    channel[rec["kind"]],
                    rec["id"],
                    rec["group"],
                    rec["received"],
                    _cell(rec["replied"]),
                    _cell(rec["days"]),
                    "是" if rec["answered"] else "否",
                    rec["department"],
                ]
                for rec in data["records"]
            ],
        ),
    }
