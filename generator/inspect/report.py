"""The inspection as terminal text, JSON for a dashboard, or an HTML page to print and file."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.inspect.model import CHECKLIST, Group, Inspection, Verdict


def summary(inspection: Inspection) -> str:
    vetoed = inspection.vetoed
    if vetoed:
        names = "、".join(i.name for i in vetoed)
        return f"结论：不合格（单项否决：{names}）"
    failed = [i.name for i in inspection.items if i.verdict is Verdict.FAIL]
    more = f"；扣分项不合格：{'、'.join(failed)}" if failed else ""
    return f"结论：单项否决指标全部合格{more}"


def to_text(inspection: Inspection) -> str:
    lines = [
        f"{inspection.site_name} 政府网站检查（{CHECKLIST}），检查日期 {inspection.as_of}",
        "",
    ]
    for item in inspection.items:
        lines.append(item.line)
        lines += [f"    证据：{e}" for e in item.evidence]
        lines.append(f"    依据：{item.source}")
    lines += ["", summary(inspection)]
    return "\n".join(lines) + "\n"


def to_data(inspection: Inspection) -> dict[str, Any]:
    return {
        "site": inspection.site_name,
        "as_of": inspection.as_of,
        "checklist": CHECKLIST,
        "external_links_checked": inspection.online,
        "passed": not inspection.vetoed,
        "summary": summary(inspection),
        "items": [
            asdict(i) | {"group": i.group.value, "verdict": i.verdict.value, "line": i.line}
            for i in inspection.items
        ],
    }


def to_json(inspection: Inspection) -> str:
    return json.dumps(to_data(inspection), ensure_ascii=False, indent=2) + "\n"


def to_html(inspection: Inspection) -> str:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("inspect_report.html")
    return template.render(
        r=inspection,
        checklist=CHECKLIST,
        summary=summary(inspection),
        groups=[g.value for g in Group],
        passed=not inspection.vetoed,
    )
