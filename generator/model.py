"""The one model every page, feed, index and report renders. Facts, not formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
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
class Variant:
    """One published size of a photo (generator/images.py)."""

    path: str  # inside the site, e.g. articles/2026-11-26-x/1.800w.jpg
    width: int
    height: int
    size: int  # bytes


@dataclass(frozen=True)
class WebImage:
    """A photo as the site publishes it: the desktop size first, then smaller ones."""

    source: str  # inside content/, e.g. articles/2026-11-26-x/1.jpg
    media_type: str
    variants: tuple[Variant, ...]

    @property
    def main(self) -> Variant:
        return self.variants[0]

    @property
    def smallest(self) -> Variant:
        return self.variants[-1]


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
    basis: tuple[Citation, ...] = ()  # regulations the piece cites
    updated: datetime | None = None  # 更正/更新: changed after publication (aware)
    image: str = ""  # `image:` in front matter: the lead photo, relative to content/articles/
    # The lead photo (题图) as published: set by the build's image step (compute/lead.py), so
    # that whatever shows the piece (cards, og:image, API, feeds) depends on its sizes.
    lead: WebImage | None = None

    @property
    def is_published(self) -> bool:
        return self.status is Status.PUBLISHED


@dataclass(frozen=True)
class Redirect:
    """An old address that now lives elsewhere (content/redirects.yml): links keep working."""

    old: str  # site path, e.g. news/2026/05/night-market/
    new: str
    source: PurePosixPath
    line: int
    key: str  # where in the file: redirects[0]


@dataclass(frozen=True)
class FreePage:
    """A free page (关于我们, 联系方式, 办事指南)."""

    key: str
    source: PurePosixPath
    title: str
    body: str
    order: int = 0
    body_line: int = 1  # 1-based line of the body in `source`


@dataclass(frozen=True)
class Guide:
    """Guide — 办事指南: one service (事项) with the elements the 2019 checklist requires."""

    key: str  # file stem, the URL name
    source: PurePosixPath
    title: str  # 事项名称
    basis: tuple[str, ...]  # 设定依据
    conditions: tuple[str, ...]  # 申请条件
    materials: tuple[str, ...]  # 办理材料
    place: str  # 办理地点
    hours: str  # 办理时间
    phone: str  # 联系电话
    steps: tuple[str, ...]  # 办理流程
    body: str = ""  # further notes (Markdown)
    body_line: int = 1
    time_limit: str = ""  # 办理时限
    fee: str = ""  # 收费
    online: str = ""  # 网上办理 address
    order: int = 0
    updated: date | None = None  # when the guide was last reviewed
    lines: tuple[tuple[str, int], ...] = ()  # each field's line in the file

    def line(self, field: str) -> int:
        return dict(self.lines).get(field, 0)


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
    domains: tuple[Domain, ...] = ()
    regulations: tuple[Regulation, ...] = ()  # by level, then adoption date
    questions: tuple[Question, ...] = ()  # newest first
    edition_bonus: int = 0  # reward points once per piece that ran in 美丽家园
    campaigns: tuple[Campaign, ...] = ()  # newest first
    redirects: tuple[Redirect, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()  # the search's groups of words (同义词表)
    guides: tuple[Guide, ...] = ()  # 办事指南, by `order` then title
    # Published photos by their path inside content/ (the build's image step fills it in).
    images: dict[str, WebImage] = field(default_factory=dict)

    def regulation(self, regulation_id: str) -> Regulation | None:
        return next((r for r in self.regulations if r.id == regulation_id), None)

    @cached_property
    def published(self) -> tuple[Article, ...]:
        # Once per model: hundreds of renderers ask, and the digester (digest.py) then sees
        # the same tuple each time.
        return tuple(a for a in self.articles if a.is_published)

    @cached_property
    def asset_paths(self) -> frozenset[str]:  # `articles/x/1.jpg`: every article asks
        return frozenset(a.as_posix() for a in self.assets)

    def placement_points(self, placement: Placement) -> int:
        if placement.outlet.points is not None:
            return placement.outlet.points
        return self.points.get(placement.outlet.level, 0)


class LegalForce(StrEnum):
    """A regulation's validity status (时效性)."""

    IN_FORCE = "现行有效"
    AMENDED = "已修改"
    REPEALED = "已废止"
    NOT_YET = "尚未生效"

    @property
    def schema(self) -> str:
        """schema.org legislationLegalForce."""
        return {
            "现行有效": "InForce",
            "已修改": "PartiallyInForce",
            "已废止": "NotInForce",
            "尚未生效": "NotInForce",
        }[self.value]

    @property
    def css(self) -> str:
        return {
            "现行有效": "in-force",
            "已修改": "amended",
            "已废止": "repealed",
            "尚未生效": "not-yet",
        }[self.value]


REGULATION_LEVELS = ("法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "规范性文件")


@dataclass(frozen=True)
class Domain:
    """An enforcement domain (执法领域) of the bureau, e.g. 城市绿化."""

    slug: str
    name: str


@dataclass(frozen=True)
class Provision:
    """One summarised article (条) of a regulation: `### 第四十条 …` → anchor `art-40`."""

    number: int
    heading: str
    line: int

    @property
    def anchor(self) -> str:
        return f"art-{self.number}"


@dataclass(frozen=True)
class Regulation:
    """Regulation — 法规摘要: a law or rule as the bureau summarises it."""

    id: str  # the file name; URLs and citations use it
    source: PurePosixPath
    title: str
    short_title: str
    level: str
    issuer: str
    adopted: date
    status: LegalForce
    body: str
    body_line: int
    effective: date | None = None
    amended: tuple[date, ...] = ()
    repealed_by: str = ""
    domains: tuple[Domain, ...] = ()
    source_url: str = ""
    provisions: tuple[Provision, ...] = ()
    draft: bool = False  # `draft: true`: validated, not published, not citable

    def provision(self, number: int) -> Provision | None:
        return next((p for p in self.provisions if p.number == number), None)

    @property
    def last_change(self) -> date:
        """The newest date in its history (adopted, effective, amended)."""
        return max([self.adopted, *([self.effective] if self.effective else []), *self.amended])


@dataclass(frozen=True)
class Citation:
    """A legal basis: article `article` of `regulation`."""

    regulation: Regulation
    article: int

    @property
    def provision(self) -> Provision:
        found = self.regulation.provision(self.article)
        assert found is not None  # validation guarantees it
        return found


@dataclass(frozen=True)
class Question:
    """Question — 法律咨询台: a citizen's question; the body is the bureau's answer."""

    key: str
    source: PurePosixPath
    question: str
    published: datetime
    domain: Domain
    body: str
    body_line: int
    basis: tuple[Citation, ...] = ()
    asker: str = ""  # already masked: 李先生, 熟溪街道居民, 王*
    draft: bool = False  # `draft: true`: validated, not published
    received: date | None = None  # 受理日期
    replied: date | None = None  # 答复日期; None: 待答复
    department: str = ""  # 答复部门
    received_line: int = 0  # line of `received` (else `date`), for problems about the record

    @property
    def answered(self) -> bool:
        """An interaction record is 待答复 until it has a reply date."""
        return self.replied is not None

    @property
    def days_to_reply(self) -> int | None:
        if self.received is None or self.replied is None:
            return None
        return (self.replied - self.received).days


class SuggestionStatus(StrEnum):
    """How the bureau handled a citizen's suggestion."""

    ADOPTED = "采纳"
    PARTLY = "部分采纳"
    ANSWERED = "已答复"
    DECLINED = "未采纳"
    PENDING = "待处理"

    @property
    def answered(self) -> bool:
        return self is not SuggestionStatus.PENDING


@dataclass(frozen=True)
class Suggestion:
    """Suggestion — 问计于民: one citizen's entry, personal data already masked.

    The raw name and contact never enter the model: `name` is masked (张*), and the title,
    text and reply have had phone numbers, ID numbers, e-mails and the writer's name masked.
    """

    id: str
    row: int  # spreadsheet row (header = 1)
    received: datetime
    name: str
    region: str
    theme: str
    title: str
    text: str
    status: SuggestionStatus
    reply: str = ""
    featured: bool = False
    replied: date | None = None
    department: str = ""

    @property
    def province(self) -> str:
        """浙江省金华市武义县 → 浙江省; 上海市 → 上海市."""
        import re

        match = re.match(r"(.+?(?:省|自治区|特别行政区|市))", self.region)
        return match[1] if match else (self.region or "未填写")


class ChannelKind(StrEnum):
    """A way to take part in a consultation (咨询建言渠道)."""

    PHONE = "phone"
    EMAIL = "email"
    POST = "post"
    FORM = "form"
    WECHAT = "wechat"

    @property
    def label(self) -> str:
        return {
            "phone": "电话",
            "email": "电子邮箱",
            "post": "来信地址",
            "form": "网上提交",
            "wechat": "微信公众号",
        }[self.value]


@dataclass(frozen=True)
class Channel:
    """How to send a suggestion or a question: a phone number, an address, a form …"""

    kind: ChannelKind
    value: str
    note: str = ""  # e.g. 工作日 8:30—17:30

    @property
    def href(self) -> str:
        """tel:, mailto: or the form's address; "" for text only (post, WeChat)."""
        if self.kind is ChannelKind.PHONE:
            return "tel:" + "".join(ch for ch in self.value if ch.isdigit() or ch == "+")
        if self.kind is ChannelKind.EMAIL:
            return f"mailto:{self.value}"
        if self.kind is ChannelKind.FORM:
            return self.value
        return ""


@dataclass(frozen=True)
class Campaign:
    """A 问计于民 campaign: its settings and its (masked) submissions."""

    key: str
    source: PurePosixPath
    title: str
    opened: date
    themes: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]
    closed: date | None = None
    reply_policy: str = ""
    notes: str = ""
    theme_slugs: tuple[tuple[str, str], ...] = ()  # (theme, its URL name), made once
    channels: tuple[Channel, ...] = ()  # how to take part (咨询建言渠道)
    channels_line: int = 0  # line of `channels:` (else `title:`) in campaign.yml

    def theme_slug(self, theme: str) -> str | None:
        return next((slug for name, slug in self.theme_slugs if name == theme), None)

    def is_open(self, day: date) -> bool:
        return self.opened <= day and (self.closed is None or day <= self.closed)
