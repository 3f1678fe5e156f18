"""The one model every page, feed, index and report renders. Facts, not formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import PurePosixPath

from generator.errors import Problem


class UnitType(StrEnum):
    """中队 (a squad, by town or street) or 科室 (a section of the bureau)."""

    SQUAD = "squad"
    SECTION = "section"

    @property
    def label(self) -> str:
        return "中队" if self is UnitType.SQUAD else "科室"


class Level(StrEnum):
    """An outlet's level; the reward scheme pays more for higher levels."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    COUNTY = "county"

    @property
    def label(self) -> str:
        return {"national": "中央级", "provincial": "省级", "municipal": "市级", "county": "县级"}[
            self.value
        ]


class Status(StrEnum):
    """Every status counts as a submission; only published pieces are on the site."""

    PUBLISHED = "published"
    DRAFT = "draft"
    REJECTED = "rejected"


@dataclass(frozen=True)
class QuotaPeriod:
    start: date | None  # None: from the beginning
    per_week: int


@dataclass(frozen=True)
class Unit:
    """Unit — 中队/科室, with its 信息员 and weekly submission quota."""

    id: str
    name: str
    type: UnitType
    officer: str
    quotas: tuple[QuotaPeriod, ...]
    since: date | None = None

    def quota_on(self, day: date) -> int:
        """The weekly quota in force on `day` (0 before the unit existed)."""
        if self.since and day < self.since:
            return 0
        current = 0
        for period in self.quotas:
            if period.start is None or period.start <= day:
                current = period.per_week
        return current


@dataclass(frozen=True)
class Outlet:
    """A media outlet that may reprint the bureau's pieces (用稿)."""

    id: str
    name: str
    level: Level
    feed: str | None = None
    points: int | None = None  # per-outlet override of the level's points


@dataclass(frozen=True)
class Category:
    slug: str
    name: str


@dataclass(frozen=True)
class Edition:
    """An issue of the 美丽家园 special column in the county paper."""

    number: int
    date: date | None
    theme: str
    title: str = ""


@dataclass(frozen=True)
class Placement:
    """Placement — 用稿: where outside media used a piece."""

    outlet: Outlet
    date: date
    section: str = ""
    url: str = ""


@dataclass(frozen=True)
class Article:
    """Article — 宣传稿件, one submitted piece."""

    key: str  # file stem; URLs and feed ids derive from it, never from the title
    slug: str
    source: PurePosixPath
    title: str
    published: datetime  # aware
    unit: Unit
    category: Category
    status: Status
    submitted: datetime  # aware; the quota counts by this
    body: str  # Markdown
    body_line: int
    author: str = ""
    tags: tuple[str, ...] = ()
    summary: str = ""
    placements: tuple[Placement, ...] = ()
    edition: Edition | None = None
    feed_id: str = ""  # explicit stable id from front matter, if any

    @property
    def is_published(self) -> bool:
        return self.status is Status.PUBLISHED


@dataclass(frozen=True)
class FreePage:
    """A free page (关于我们, 联系方式, 办事指南)."""

    key: str
    source: PurePosixPath
    title: str
    body: str
    order: int = 0


@dataclass(frozen=True)
class Portal:
    """Everything loaded and validated from one portal's content folder."""

    units: tuple[Unit, ...]
    outlets: tuple[Outlet, ...]
    points: dict[Level, int]
    categories: tuple[Category, ...]
    editions: tuple[Edition, ...]
    articles: tuple[Article, ...]  # newest first, every status
    pages: tuple[FreePage, ...]
    warnings: tuple[Problem, ...] = ()
    assets: tuple[PurePosixPath, ...] = field(default=())  # static files under content/

    @property
    def published(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.is_published)

    def placement_points(self, placement: Placement) -> int:
        if placement.outlet.points is not None:
            return placement.outlet.points
        return self.points.get(placement.outlet.level, 0)
