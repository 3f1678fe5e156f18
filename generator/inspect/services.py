"""服务不实用: every 办事指南 事项 (content/guides/) has the elements the checklist names."""

from __future__ import annotations

from generator.inspect import sources
from generator.inspect.model import Group, Item, Verdict
from generator.model import Portal
from generator.validate.guides import ELEMENTS


def services(portal: Portal) -> Item:
    if not portal.guides:
        guide_pages = [p for p in portal.pages if "办事指南" in p.title]
        pages = tuple(
            f"{p.source}: “{p.title}”是自由格式页面，请把每个事项写成 content/guides/ 下的一个文件"
            for p in guide_pages
        )
        finding = "网站没有结构化的办事指南（content/guides/ 下没有事项）"
        return Item(
            "services", "服务不实用", Group.VETO, Verdict.FAIL, finding, pages, sources.SERVICES
        )
    evidence: list[str] = []
    for g in portal.guides:
        missing = [label for name, label in ELEMENTS if not getattr(g, name)]
        if missing:
            # The key is not in the file: point at the guide's title line.
            evidence.append(f"{g.source}:{g.line('title')}: {g.title} 缺少{'、'.join(missing)}")
    if evidence:
        count = len(evidence)
        finding = f"办事指南 {len(portal.guides)} 个事项中有 {count} 个缺少要素"
        return Item(
            "services",
            "服务不实用",
            Group.VETO,
            Verdict.FAIL,
            finding,
            tuple(evidence),
            sources.SERVICES,
        )
    labels = "、".join(label for name, label in ELEMENTS if name != "title")
    finding = f"办事指南 {len(portal.guides)} 个事项都有事项名称和{labels}"
    return Item("services", "服务不实用", Group.VETO, Verdict.PASS, finding, (), sources.SERVICES)
