"""互动交流统计: how many 法律咨询台 questions and 问计于民 suggestions were received and
answered, and how fast, per month and per domain or theme; each chart beside its table, and
CSV/JSON downloads of the same data (`interaction_data` is the one structure all render)."""

from __future__ import annotations

from datetime import date, tzinfo
from typing import Any

from markupsafe import Markup

from generator.compute import interaction
from generator.compute.interaction import FAIL_DAYS, WARN_DAYS, Kind, Record, Tally
from generator.exports import csv_bytes, json_bytes
from generator.model import Portal
from generator.render.charts import Bar, bar_chart
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed_page

URL = "interaction/"
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


def month_label(key: str) -> str:
    return f"{key[:4]}年{int(key[5:])}月"


def interaction_data(portal: Portal, tz: tzinfo, as_of: date) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data (also the interaction.json download)."""
    everything = interaction.records(portal, tz)
    kinds: list[dict[str, Any]] = []
    for kind in Kind:
        items = interaction.of_kind(everything, kind)
        kinds.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "group_label": kind.group_label,
                **_tally(interaction.tally(items)),
                "by_month": [{"month": m, **_tally(t)} for m, t in interaction.by_month(items)],
                "by_group": [
                    {"group": g, **_tally(t)}
                    for g, t in interaction.by_group(items, interaction.groups(portal, kind))
                ],
            }
        )
    return {
        "as_of": as_of.isoformat(),
        "rules": list(RULES),
        "total": _tally(interaction.tally(everything)),
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
            for r, waited in interaction.pending(everything, as_of)
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
