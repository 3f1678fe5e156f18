"""The plugin's options in mkdocs.yml (`plugins: - portal: ...`), typed and documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from generator import identity
from generator.model import Category, Channel, Domain
from generator.settings import DEFAULT_CATEGORIES, DEFAULT_DOMAINS, Settings
from generator.urls import SLUG
from generator.validate.channels import parse_channels


class TimeZone(base.BaseConfigOption[ZoneInfo]):
    """An IANA zone name, e.g. Asia/Shanghai, validated into a ZoneInfo."""

    def __init__(self, default: str = "Asia/Shanghai") -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> ZoneInfo:
        if not isinstance(value, str):
            raise base.ValidationError(f"expected a time zone name, got {value!r}")
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(f'unknown time zone "{value}"') from None


def _named_slugs(value: object, what: str) -> list[tuple[str, str]]:
    if not isinstance(value, dict) or not value:
        raise base.ValidationError(f"expected slug: name lines, e.g. `zhifa: 执法动态` ({what})")
    pairs = []
    for slug, name in value.items():
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            raise base.ValidationError(f'{what} slug "{slug}": use lowercase a-z, 0-9 and -')
        if not isinstance(name, str) or not name.strip():
            raise base.ValidationError(f'{what} "{slug}" needs a name')
        pairs.append((slug, name.strip()))
    return pairs


class Categories(base.BaseConfigOption[tuple[Category, ...]]):
    """Site categories as `slug: 名称` lines; the slug is the category's URL."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {c.slug: c.name for c in DEFAULT_CATEGORIES}

    def run_validation(self, value: object) -> tuple[Category, ...]:
        return tuple(Category(slug, name) for slug, name in _named_slugs(value, "category"))


class Domains(base.BaseConfigOption[tuple[Domain, ...]]):
    """Enforcement domains (执法领域) as `slug: 名称` lines, for 法律咨询台 and 法规摘要."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {d.slug: d.name for d in DEFAULT_DOMAINS}

    def run_validation(self, value: object) -> tuple[Domain, ...]:
        return tuple(Domain(slug, name) for slug, name in _named_slugs(value, "domain"))


class TrackingAccess(base.BaseConfigOption[str]):
    """Who the 信息报送 section is for: `public`, `internal` or `off` (true/false also work)."""

    CHOICES = ("public", "internal", "off")

    def __init__(self) -> None:
        super().__init__()
        # Staff names, shortfalls and points are internal data: a new portal keeps them off
        # the public menu, sitemap and search engines until someone decides otherwise.
        self.default = "internal"

    def run_validation(self, value: object) -> str:
        if value is True:
            return "public"
        if value is False:
            return "off"
        if isinstance(value, str) and value.strip().lower() in self.CHOICES:
            return value.strip().lower()
        raise base.ValidationError(
            f"expected public, internal or off (or true/false), got {value!r}"
        )


class IdentityConfig(base.Config):
    """Site identity (网站标识) shown in every page's footer; see generator/identity.py."""

    sponsor = c.Type(str, default="")
    """主办单位, e.g. 武义县综合行政执法局."""
    organizer = c.Type(str, default="")
    """承办单位 (optional), e.g. 武义县综合行政执法局办公室."""
    site_code = c.Type(str, default="")
    """网站标识码: 10 digits (6-digit division code + 4), or bm + 8 digits."""
    icp = c.Type(str, default="")
    """ICP备案号, e.g. 浙ICP备12345678号-1; linked to the MIIT registration site."""
    police = c.Type(str, default="")
    """公安机关备案号, e.g. 浙公网安备 33072302000123号; linked to its record."""
    police_badge = c.Type(str, default=identity.DEFAULT_POLICE_BADGE)
    """The 公安 registration badge, a site path of a local image."""
    conac_url = c.Type(str, default="")
    """党政机关网站标识: the link the organisation-registration office issued (conac.cn)."""
    conac_image = c.Type(str, default=identity.DEFAULT_CONAC_IMAGE)
    """The 党政机关网站标识 image, a site path of a local image (never a remote script)."""
    error_report = c.Type(str, default="")
    """我为政府网站找错 link (default: the national platform's form for `site_code`)."""
    contact = c.Type(str, default="")
    """联系我们: a page of the site (contact/) or an address."""


class ChannelsOption(base.BaseConfigOption[tuple[Channel, ...]]):
    """Ways to take part (phone, email, post, form, wechat), e.g. `- phone: 0579-87612345`."""

    def __init__(self) -> None:
        super().__init__()
        self.default: list[object] = []

    def run_validation(self, value: object) -> tuple[Channel, ...]:
        channels, errors = parse_channels(value)
        if errors:
            raise base.ValidationError("; ".join(errors))
        return channels


class FeedsConfig(base.Config):
    limit = c.Type(int, default=20)
    """Newest items per feed."""
    complete = c.Type(bool, default=False)
    """Publish every item instead of the newest `limit` (complete feeds, RFC 5005 style)."""


class PortalConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Portal content, relative to mkdocs.yml; must also be the MkDocs docs_dir."""
    timezone = TimeZone()
    """Wall clock of the content's dates and of every date shown (default Asia/Shanghai)."""
    categories = Categories()
    """News categories, `slug: 名称`; articles name one by its 名称."""
    domains = Domains()
    """Enforcement domains, `slug: 名称`; questions and regulations name them by 名称."""
    page_size = c.Type(int, default=10)
    """Articles per page in listings and archives."""
    home_items = c.Type(int, default=8)
    """Latest articles on the home page."""
    strict = c.Type(bool, default=False)
    """Treat content warnings as errors (also enabled by `portal build --strict`)."""
    allow_raw_html = c.Type(bool, default=False)
    """Publish HTML in content as written (default: scripts and event handlers are removed)."""
    tracking = TrackingAccess()
    """The 信息报送 section: `internal` (default: built, but kept out of the menu, the sitemap
    and search engines: noindex), `public` (built; list `tracking/index.md` in `nav` or not),
    or `off` (not built)."""
    hotline = c.Type(str, default="")
    """The bureau's complaint hotline (投诉举报电话), shown on the home page and with answers;
    it is published on purpose, like `public_contacts`."""
    public_contacts = c.ListOfItems(c.Type(str), default=[])
    """Office phone numbers and e-mail addresses the site publishes on purpose; every other
    phone number, ID number or e-mail in citizen text is masked, and the build fails if one
    reaches an output file."""
    fast_pages = c.Type(bool, default=True)
    """Render the many article, answer and listing pages with one theme render per page shape
    (generator/frame.py). `false` sends every page through MkDocs' own page pipeline, so
    other plugins' page events see them too, at a few milliseconds a page."""
    cache = c.Type(bool, default=True)
    """Keep the slow, pure steps (Markdown, segmentation, the personal-data scan) in
    .portal-cache/ beside mkdocs.yml, keyed by a hash of their inputs."""
    synonyms = c.Optional(c.Type(str))
    """The search's synonym table, a text file relative to mkdocs.yml (one group of words a
    line, e.g. `养狗 养犬 犬只`); default: the table shipped with portal
    (generator/data/synonyms.txt)."""
    feeds = c.SubConfig(FeedsConfig)
    """RSS 2.0, Atom and JSON Feed for local media."""
    identity = c.SubConfig(IdentityConfig)
    """网站标识 in every footer: 主办单位, 网站标识码, ICP and 公安 records, 党政机关网站标识."""
    qa_channels = ChannelsOption()
    """How a citizen asks 法律咨询台 a question (shown on its home and every question page)."""
    columns = c.Type(dict, default={})
    """栏目 classes for `portal inspect`: `栏目名: 动态要闻 | 通知公告 | 政策文件 | 30d | none`."""


def settings_from(config: MkDocsConfig, options: PortalConfig, strict: bool = False) -> Settings:
    """Settings for the model and renderers, from MkDocs' config and ours."""
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    site_url = config.site_url or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    extra: dict[str, Any] = dict(config.extra or {})
    return Settings(
        root=root,
        content_dir=Path(options.content_dir),
        site_name=config.site_name,
        site_description=config.site_description or "",
        site_url=site_url,
        timezone=options.timezone,
        categories=options.categories,
        domains=options.domains,
        page_size=max(1, options.page_size),
        home_items=max(1, options.home_items),
        strict=strict or options.strict or bool(config.strict),
        allow_raw_html=options.allow_raw_html,
        tracking=options.tracking != "off",
        tracking_internal=options.tracking == "internal",
        hotline=options.hotline.strip(),
        public_contacts=frozenset(
            [*options.public_contacts, *([options.hotline.strip()] if options.hotline else [])]
        ),
        synonyms_file=options.synonyms,
        feed_items=None if options.feeds.complete else max(1, options.feeds.limit),
        favicon=str(config.theme.get("favicon") or "assets/images/favicon.png"),
        extra=extra,
        config_file=Path(config.config_file_path or "mkdocs.yml").name,
        identity=identity.SiteIdentity(
            **{key: str(options.identity[key]).strip() for key, _, _ in identity.OPTIONS}
        ),
        qa_channels=options.qa_channels,
        columns=dict(options.columns),
        cache=options.cache,
    )
