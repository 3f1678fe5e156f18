# ruff: noqa: RUF001
"""What an inspection finds: items with a verdict, the evidence and the rule's source."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

CHECKLIST = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
MAX_EVIDENCE = 30  # per item; the rest are counted
GUIDE = "《政府网站发展指引》（国办发〔2017〕47号）"


class Verdict(StrEnum):
    PASS = "合格"
    FAIL = "不合格"
    NOTE = "提示"


class Group(StrEnum):
    VETO = "单项否决"  # one failure: the whole site is 不合格
    POINTS = "扣分"  # a failure costs points
    ADVICE = "提示"  # not scored; worth knowing before an inspector looks


@dataclass(frozen=True)
class Item:
    """One checklist item: verdict, a one-line finding, evidence (path:line or URL), rule."""

    key: str  # stable id for dashboards: home, columns, interaction …
    name: str  # 首页不更新
    group: Group
    verdict: Verdict
    finding: str
    evidence: tuple[str, ...]
    source: str  # where the rule comes from

    def __post_init__(self) -> None:
        if len(self.evidence) > MAX_EVIDENCE:
            more = f"……另有 {len(self.evidence) - MAX_EVIDENCE} 条"
            object.__setattr__(self, "evidence", (*self.evidence[:MAX_EVIDENCE], more))

    @property
    def line(self) -> str:
        """The item's report line: `不合格 [单项否决] 首页不更新：…`."""
        return f"{self.verdict.value} [{self.group.value}] {self.name}：{self.finding}"


@dataclass(frozen=True)
class Inspection:
    site_name: str
    as_of: str  # YYYY-MM-DD
    items: tuple[Item, ...]
    online: bool  # external links were checked

    @property
    def vetoed(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.group is Group.VETO and i.verdict is Verdict.FAIL)
