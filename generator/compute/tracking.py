"""信息报送 counting rules, implemented once; the pages, exports and `portal report` all
render what this module counts (docs/reference.md, "信息报送 counting rules", says it in words).

- A submission is any article file, whatever its status, counted in the ISO week (on the
  site's wall clock, Asia/Shanghai) of `submitted` (which defaults to `date`).
- A period covers whole ISO weeks from the week of its first day; its last week counts what
  was submitted up to its last day (a week in progress).
- A unit's quota for a week is the quota in force on that week's Monday (or on the unit's
  `since` day, in the week it started); weeks that end before `since` are not counted at
  all; a week with no submissions counts as zero.
- Adoption (用稿) is a placement of a piece in an outlet, counted on the placement's date: a
  piece used by three outlets counts three placements. Each placement earns the points of its
  outlet (the outlet's own `points`, else its level's). When outlets.yml sets
  `edition_bonus`, a piece that ran in a 美丽家园 edition earns it once, on the edition's
  date (else its first placement's).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from generator.messages import msg
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
            raise ValueError(msg("week.bad", text=text))
        year, number = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise ValueError(msg("week.no_such", text=text)) from None
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

    def previous(self) -> Week:
        return Week.of(self.monday - timedelta(days=7))


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
        raise ValueError(msg("period.bad", text=text)) from None


def as_of(portal: Portal, tz: tzinfo, epoch: datetime | None) -> date:
    """The day the site's counts are "as of": SOURCE_DATE_EPOCH, else the newest date in the
    content (a submission, a publication or a placement).

    Never the clock: the same content builds the same numbers on any day.
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
    """One unit's submissions in one ISO week, against its quota."""

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

    @property
    def rate(self) -> int | None:
        """Weeks met, in whole percent (None when no week was counted)."""
        return round(100 * self.weeks_met / self.weeks) if self.weeks else None


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

    def in_week(self, week: Week) -> list[UnitWeek]:
        return [c for u in self.units if (c := self.cell(u, week))]

    def short_in(self, week: Week) -> list[UnitWeek]:
        return [c for c in self.in_week(week) if not c.met]

    def counted_weeks(self) -> tuple[Week, ...]:
        """The weeks in which at least one unit was counted (the scheme had started)."""
        return tuple(w for w in self.weeks if any(self.cell(u, w) for u in self.units))


def period_start(start: date) -> date:
    """Submissions count by whole ISO weeks: a period starts on the Monday of its first week."""
    return Week.of(start).monday


def submissions(
    portal: Portal, start: date, end: date, tz: tzinfo, units: tuple[Unit, ...] | None = None
) -> Ledger:
    """Count every article (any status) in the ISO week of its `submitted` time."""
    chosen = units if units is not None else portal.units
    weeks = tuple(weeks_between(Week.of(start), Week.of(end)))
    first = period_start(start)
    counts: Counter[tuple[str, Week]] = Counter(
        (a.unit.id, week_of(a.submitted, tz))
        for a in portal.articles
        if first <= a.submitted.astimezone(tz).date() <= end
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
class Earned:
    """Placements and points of one unit or one writer in a period."""

    placements: int
    points: int  # from placements
    bonus: int  # 美丽家园 edition bonus

    @property
    def total(self) -> int:
        return self.points + self.bonus


@dataclass(frozen=True)
class UnitPoints:
    unit: Unit
    earned: Earned


@dataclass(frozen=True)
class WriterPoints:
    """A writer (the article's author, else the unit's 信息员) within a unit."""

    name: str
    unit: Unit
    earned: Earned


def _earned(counts: Counter[str], points: Counter[str], bonus: Counter[str], key: str) -> Earned:
    return Earned(counts[key], points[key], bonus[key])


_AUTHOR_SEPARATORS = re.compile(r"[\s、，,;；/]+")


def writers_of(article: Article) -> tuple[str, ...]:
    """The piece's writers: each name in `author` (co-authors are separated by spaces or 、),
    else the unit's 信息员."""
    names = [n for n in _AUTHOR_SEPARATORS.split(article.author) if n]
    return tuple(dict.fromkeys(names)) or (article.unit.officer or article.unit.name,)


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

    def by_unit(self, units: tuple[Unit, ...]) -> list[UnitPoints]:
        """Every unit, ranked by total points, then placements, then the order in squads.yml."""
        count: Counter[str] = Counter()
        points: Counter[str] = Counter()
        bonus: Counter[str] = Counter()
        for article, _, earned in self.placements:
            count[article.unit.id] += 1
            points[article.unit.id] += earned
        for article, extra in self.bonuses:
            bonus[article.unit.id] += extra
        rows = [UnitPoints(u, _earned(count, points, bonus, u.id)) for u in units]
        order = {u.id: i for i, u in enumerate(units)}
        return sorted(rows, key=lambda r: (-r.earned.total, -r.earned.placements, order[r.unit.id]))

    def by_writer(self) -> list[WriterPoints]:
        """Writers who earned points, ranked like units (ties by unit, then name). Each
        co-author of a piece is credited with its placements and points in full."""
        units: dict[str, Unit] = {}
        count: Counter[str] = Counter()
        points: Counter[str] = Counter()
        bonus: Counter[str] = Counter()

        def keys(article: Article) -> list[str]:
            units[article.unit.id] = article.unit
            return [f"{article.unit.id}\n{name}" for name in writers_of(article)]

        for article, _, earned in self.placements:
            for k in keys(article):
                count[k] += 1
                points[k] += earned
        for article, extra in self.bonuses:
            for k in keys(article):
                bonus[k] += extra
        rows = []
        for k in sorted(set(count) | set(bonus)):
            unit_id, name = k.split("\n", 1)
            rows.append(WriterPoints(name, units[unit_id], _earned(count, points, bonus, k)))
        return sorted(rows, key=lambda r: (-r.earned.total, -r.earned.placements))

    @property
    def placement_points(self) -> int:
        return sum(p for _, _, p in self.placements)

    @property
    def bonus_points(self) -> int:
        return sum(b for _, b in self.bonuses)

    @property
    def total_points(self) -> int:
        return self.placement_points + self.bonus_points

    def for_unit(self, unit: Unit) -> Adoption:
        return Adoption(
            tuple(x for x in self.placements if x[0].unit.id == unit.id),
            tuple(x for x in self.bonuses if x[0].unit.id == unit.id),
        )


def bonus_day(article: Article) -> date | None:
    """The day a 美丽家园 piece earns its bonus: the edition's date, else its first placement."""
    if article.edition is None:
        return None
    if article.edition.date is not None:
        return article.edition.date
    return min((p.date for p in article.placements), default=None)


def adoption(portal: Portal, start: date, end: date) -> Adoption:
    """Every placement dated within [start, end], with its points, and the edition bonuses."""
    found = []
    for article in portal.articles:
        for placement in article.placements:
            if start <= placement.date <= end:
                found.append((article, placement, portal.placement_points(placement)))
    found.sort(key=lambda x: (x[1].date, x[0].key, x[1].outlet.id))
    bonuses: list[tuple[Article, int]] = []
    if portal.edition_bonus:
        for article in sorted(portal.articles, key=lambda a: a.key):
            day = bonus_day(article)
            if day is not None and start <= day <= end:
                bonuses.append((article, portal.edition_bonus))
    return Adoption(tuple(found), tuple(bonuses))


def ranks(values: list[int]) -> list[int]:
    """Competition ranking of values already sorted best first: 10, 8, 8, 5 → 1, 2, 2, 4."""
    result: list[int] = []
    for index, value in enumerate(values):
        result.append(result[-1] if index and values[index - 1] == value else index + 1)
    return result
