"""One confidence from the evidence: the rule, and the record the proposals table shows."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

SPECIFIC_NUMBER, SMALL_NUMBER, SHARED_NAME, MAX_SHARED = 4.0, 2.0, 2.0, 3
CONFLICTING_NUMBER, OTHER_TOWN, OTHER_DEPARTMENT, OTHER_COUNTY = 4.0, 8.0, 8.0, 40.0
PROMPT, PROMPT_DAYS, LATE, LATE_DAYS = 1.5, 7, 2.0, 21


@dataclass(frozen=True)
class Evidence:
    """What a proposal rests on, as the table shows it, and the confidence it adds up to."""

    title: float  # headline similarity (0 to 1)
    nouns: float  # key-word agreement (0 to 1)
    body: float | None  # summary against our lead; None when the item has no summary
    shared_numbers: tuple[str, ...] = ()
    specific_numbers: int = 0  # of the shared numbers, how many are 10 or more, or a date
    conflicting_numbers: tuple[str, ...] = ()  # "8处≠5处"
    shared_names: tuple[str, ...] = ()
    other_counties: tuple[str, ...] = ()
    other_towns: tuple[str, ...] = ()
    other_departments: tuple[str, ...] = ()
    gap: int | None = None  # days from our submission to the item's date
    confidence: float = 0.0

    @property
    def start(self) -> float:
        return max(self.title, self.nouns, self.body or 0.0)

    def summary(self) -> str:
        """One line per kind, in Chinese, for the proposals table."""
        lines = [f"标题{self.title:.2f} 关键词{self.nouns:.2f}"]
        if self.body is not None:
            lines[0] += f" 摘要{self.body:.2f}"
        if self.gap is not None:
            lines[0] += f" 报送后{self.gap}天"
        if self.shared_numbers:
            lines.append("同数字：" + "、".join(self.shared_numbers))
        if self.shared_names:
            lines.append("同名称：" + "、".join(self.shared_names))
        against = [
            *self.conflicting_numbers,
            *(f"外县{c}" for c in self.other_counties),
            *self.other_towns,
            *(f"他部门{d}" for d in self.other_departments),
        ]
        if against:
            lines.append("不符：" + "、".join(against))
        return "\n".join(lines)


def weigh(evidence: Evidence) -> Evidence:
    """The evidence with its confidence: odds that start from similarity, moved by facts.

    The better of headline similarity, key-word agreement and summary agreement, p, gives the
    starting odds p/(1-p); each shared number multiplies them by 4 (10 or more, or a date) or 2
    (a smaller count or a time of day), each shared name by 2 (three of each at most), a date
    within a week of our submission by 1.5; each conflicting number divides them by 4, another
    town, squad or department by 8, another county by 40, a date more than three weeks after
    submission by 2; the confidence is odds/(1+odds).

    Why these factors: a shared count such as 12块 or a shared place is rarely a coincidence
    between two pieces on one subject (a count of 58 far less than one of 3), yet common
    enough between pieces of one week that it should not outweigh a headline on another
    subject alone; a different number in the headline is a different event more often than a
    misprint; an item another department leads is its own news; a different county is
    decisive, as a reader treats it.
    """
    p = min(max(evidence.start, 0.01), 0.97)
    odds = p / (1 - p)
    specific = min(evidence.specific_numbers, MAX_SHARED)
    small = min(len(evidence.shared_numbers), MAX_SHARED) - specific
    odds *= SPECIFIC_NUMBER**specific * SMALL_NUMBER ** max(small, 0)
    odds *= SHARED_NAME ** min(len(evidence.shared_names), MAX_SHARED)
    odds /= CONFLICTING_NUMBER ** len(evidence.conflicting_numbers)
    odds /= OTHER_TOWN ** len(evidence.other_towns)
    odds /= OTHER_DEPARTMENT ** len(evidence.other_departments)
    odds /= OTHER_COUNTY ** len(evidence.other_counties)
    if evidence.gap is not None:
        if evidence.gap <= PROMPT_DAYS:
            odds *= PROMPT
        elif evidence.gap > LATE_DAYS:
            odds /= LATE
    confidence = round(odds / (1 + odds), 3)
    return dataclasses.replace(evidence, confidence=confidence)
