"""信息报送 counting rules, implemented once; the pages, exports and `portal report` all
render what this module counts.

- A submission is any article file, whatever its status, counted in the ISO week (on the
  site's wall clock, Asia/Shanghai) of `submitted` (which defaults to `date`).
- A unit's quota for a week is the quota in force on that week's Monday; weeks before the
  unit's `since` date are not counted at all; a week with no submissions counts as zero.
- Adoption (用稿) is a placement of a piece in an outlet, counted on the placement's date: a
  piece used by three outlets counts three placements. Each placement earns the points of its
  outlet (the outlet's own `points`, else its level's), plus the 美丽家园 bonus once per piece
  that ran in an edition, when outlets.yml configures `edition_bonus`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from generator.model import Article, Level, Outlet, Placement, Portal, Unit


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week, e.g. 2026-W18 (Monday to Sunday)."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def parse(cls, text: str) -> Week:
        match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), re.I)
        if not match:
            raise ValueError(f'not an ISO week: "{text}" (expected e.g. 2026-W18)')
        year, number = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise ValueError(f'no such week: "{text}"') from None
        return cls(year, number)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def __str__(self) -> str:
        return self.label

    def next(self) -> Week:
        return Week.of(self.monday + timedelta(days=7))


def week_of(moment: datetime, tz: tzinfo) -> Week:
    """The ISO week of an instant on the site's wall clock (23:30 Sunday stays in its week)."""
    return Week.of(moment.astimezone(tz).date())


def weeks_between(first: Week, last: Week) -> list[Week]:
    weeks: list[Week] = []
    current = first
    while current <= last:
        weeks.append(current)
        current = current.next()
    return weeks


def parse_bound(text: str, *, end: bool) -> date:
    """`2026-W18` (its Monday, or Sunday for an end) or a date `2026-05-01`."""
    text = text.strip()
    if "W" in text.upper():
        week = Week.parse(text)
        return week.sunday if end else week.monday
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f'not a date or ISO week: "{text}" (e.g. 2026-05-01 or 2026-W18)'
        ) from None


def as_of(portal: Portal, tz: tzinfo, epoch: datetime | None) -> date:
    """The day the counts are "as of": SOURCE_DATE_EPOCH, else the newest date in the content.

    Never the clock: the same content gives the same numbers on any day.
    """
    if epoch is not None:
        return epoch.astimezone(tz).date()
    days = [a.submitted.astimezone(tz).date() for a in portal.articles]
    days += [a.published.astimezone(tz).date() for a in portal.articles]
    days += [p.date for a in portal.articles for p in a.placements]
    return max(days, default=date(2000, 1, 1))


# -- submissions against quota -------------------------------------------------------------


@dataclass(frozen=True)
class UnitWeek:
    unit: Unit
    week: Week
    submitted: int
    quota: int

    @property
    def met(self) -> bool:
        return self.submitted >= self.quota

    @property
    def short(self) -> int:
        return max(0, self.quota - self.submitted)


@dataclass(frozen=True)
class UnitTotal:
    unit: Unit
    weeks: int  # weeks counted (the unit existed)
    submitted: int
    quota: int
    weeks_met: int

    @property
    def weeks_short(self) -> int:
        return self.weeks - self.weeks_met


@dataclass(frozen=True)
class Ledger:
    """Submissions per unit and ISO week over a period, against quota."""

    weeks: tuple[Week, ...]
    units: tuple[Unit, ...]
    cells: dict[tuple[str, Week], UnitWeek]  # only weeks in which the unit existed

    def cell(self, unit: Unit, week: Week) -> UnitWeek | None:
        return self.cells.get((unit.id, week))

    def totals(self) -> list[UnitTotal]:
        rows = []
        for unit in self.units:
            cells = [c for w in self.weeks if (c := self.cell(unit, w))]
            rows.append(
                UnitTotal(
                    unit=unit,
                    weeks=len(cells),
                    submitted=sum(c.submitted for c in cells),
                    quota=sum(c.quota for c in cells),
                    weeks_met=sum(1 for c in cells if c.met),
                )
            )
        return rows

    def short_in(self, week: Week) -> list[UnitWeek]:
        return [c for u in self.units if (c := self.cell(u, week)) and not c.met]


def submissions(
    portal: Portal, start: date, end: date, tz: tzinfo, units: tuple[Unit, ...] | None = None
) -> Ledger:
    """Count every article (any status) in the ISO week of its `submitted` time."""
    chosen = units if units is not None else portal.units
    weeks = tuple(weeks_between(Week.of(start), Week.of(end)))
    counts: Counter[tuple[str, Week]] = Counter(
        (a.unit.id, week_of(a.submitted, tz))
        for a in portal.articles
        if start <= a.submitted.astimezone(tz).date() <= end
    )
    cells: dict[tuple[str, Week], UnitWeek] = {}
    for unit in chosen:
        for week in weeks:
            if unit.since and week.sunday < unit.since:
                continue
            cells[(unit.id, week)] = UnitWeek(
                unit,
                week,
                counts[(unit.id, week)],
                unit.quota_on(max(week.monday, unit.since or week.monday)),
            )
    return Ledger(weeks, chosen, cells)


# -- adoption and points ---------------------------------------------------------------------


@dataclass(frozen=True)
class Adoption:
    """Placements (用稿) in a period with the points each earned."""

    placements: tuple[tuple[Article, Placement, int], ...]  # (piece, placement, points)
    bonuses: tuple[tuple[Article, int], ...]  # 美丽家园 bonus, once per piece

    def by_outlet(self, outlets: tuple[Outlet, ...]) -> list[tuple[Outlet, int, int]]:
        count: Counter[str] = Counter()
        points: Counter[str] = Counter()
        for _, placement, earned in self.placements:
            count[placement.outlet.id] += 1
            points[placement.outlet.id] += earned
        return [(o, count[o.id], points[o.id]) for o in outlets]

    def by_level(self) -> list[tuple[Level, int, int]]:
        count: Counter[Level] = Counter()
        points: Counter[Level] = Counter()
        for _, placement, earned in self.placements:
            count[placement.outlet.level] += 1
            points[placement.outlet.level] += earned
        return [(level, count[level], points[level]) for level in Level]

    def by_unit(self, units: tuple[Unit, ...]) -> list[tuple[Unit, int, int]]:
        """(unit, placements, points incl. bonuses), ranked by points then placements."""
        count: Counter[str] = Counter()
        points: Counter[str] = Counter()
        for article, _, earned in self.placements:
            count[article.unit.id] += 1
            points[article.unit.id] += earned
        for article, bonus in self.bonuses:
            points[article.unit.id] += bonus
        rows = [(u, count[u.id], points[u.id]) for u in units]
        return sorted(rows, key=lambda r: (-r[2], -r[1], r[0].id))

    def by_officer(self) -> list[tuple[str, int, int]]:
        """Points per writer: the article's author, else its unit's 信息员."""
        count: Counter[str] = Counter()
        points: Counter[str] = Counter()
        for article, _, earned in self.placements:
            who = article.author or article.unit.officer or article.unit.name
            count[who] += 1
            points[who] += earned
        for article, bonus in self.bonuses:
            points[article.author or article.unit.officer or article.unit.name] += bonus
        return sorted(
            ((w, count[w], points[w]) for w in points), key=lambda r: (-r[2], -r[1], r[0])
        )

    @property
    def total_points(self) -> int:
        return sum(p for _, _, p in self.placements) + sum(b for _, b in self.bonuses)


def adoption(portal: Portal, start: date, end: date) -> Adoption:
    """Every placement dated within [start, end], with its points."""
    edition_bonus = portal.edition_bonus
    found = []
    bonus_pieces: dict[str, Article] = {}
    for article in portal.articles:
        for placement in article.placements:
            if start <= placement.date <= end:
                found.append((article, placement, portal.placement_points(placement)))
                if article.edition and edition_bonus:
                    bonus_pieces.setdefault(article.key, article)
    found.sort(key=lambda x: (x[1].date, x[0].key, x[1].outlet.id))
    bonuses = tuple((a, edition_bonus) for _, a in sorted(bonus_pieces.items()))
    return Adoption(tuple(found), bonuses)


def pieces_by_unit(portal: Portal, start: date, end: date, tz: tzinfo) -> dict[str, list[Article]]:
    result: dict[str, list[Article]] = defaultdict(list)
    for a in portal.articles:
        if start <= a.submitted.astimezone(tz).date() <= end:
            result[a.unit.id].append(a)
    return result
