"""严重错误 (单项否决) and 错别字 (扣分) from the proofreading list (generator/proofread.py)."""

from __future__ import annotations

from generator.inspect import sources
from generator.inspect.model import Group, Item, Verdict
from generator.proofread import Hit


def wording(hits: list[Hit]) -> list[Item]:
    def line(h: Hit) -> str:
        return f"{h.path}:{h.line}: “{h.entry.wrong}”应为“{h.entry.right}”（{h.entry.source}）"

    serious = [line(h) for h in hits if h.entry.kind == "严重错误"]
    typos = [line(h) for h in hits if h.entry.kind != "严重错误"]
    names = [h for h in hits if h.entry.kind == "机构名称"]
    spelled = [h for h in hits if h.entry.kind == "错别字"]
    items = []
    if serious:
        finding = f"发现 {len(serious)} 处严重错误"
        items.append(
            Item(
                "serious",
                "严重错误",
                Group.VETO,
                Verdict.FAIL,
                finding,
                tuple(serious),
                sources.SERIOUS,
            )
        )
    else:
        finding = "没有发现校对表中的严重错误（国号、党和国家机关名称、领导人姓名、规范表述）"
        items.append(
            Item("serious", "严重错误", Group.VETO, Verdict.PASS, finding, (), sources.SERIOUS)
        )
    if spelled:
        verdict = Verdict.FAIL
        finding = f"发现 {len(spelled)} 处错别字" + (
            f"，{len(names)} 处已撤销的机构名称" if names else ""
        )
    elif names:
        verdict = Verdict.NOTE
        finding = f"发现 {len(names)} 处已撤销的机构名称（指历史文件的可忽略）"
    else:
        verdict = Verdict.PASS
        finding = "没有发现校对表中的错别字"
    items.append(
        Item("typos", "错别字", Group.POINTS, verdict, finding, tuple(typos), sources.TYPOS)
    )
    return items
