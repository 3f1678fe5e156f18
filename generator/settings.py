"""What a build needs to know besides the content, independent of MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from generator.identity import SiteIdentity
from generator.model import Category, Channel, Domain

DEFAULT_CATEGORIES = (
    Category("zhifa", "执法动态"),
    Category("shirong", "市容整治"),
    Category("huanwei", "环卫保洁"),
    Category("bianmin", "便民服务"),
    Category("fazhi", "法治宣传"),
    Category("duiwu", "队伍建设"),
    Category("quanlei", "犬类管理"),
)

# The bureau's enforcement domains (执法领域), as the 武义 report lists them.
DEFAULT_DOMAINS = (
    Domain("shirong", "市容环境卫生"),
    Domain("guihua", "城乡规划"),
    Domain("lvhua", "城市绿化"),
    Domain("shizheng", "市政公用"),
    Domain("huanbao", "环境保护"),
    Domain("gongshang", "工商行政"),
    Domain("jiaotong", "公安交通"),
    Domain("hedao", "河道"),
    Domain("quanlei", "犬类管理"),
)


@dataclass(frozen=True)
class Settings:
    """Portal options: mkdocs.yml's `plugins: - portal:` block, or defaults."""

    root: Path  # the folder holding mkdocs.yml; content paths are relative to it
    # The site's wall clock, always given: its default (Asia/Shanghai) is the configuration's
    # (config.py), so that no code path can build in Beijing time by forgetting to pass it.
    timezone: tzinfo
    content_dir: Path = Path("content")
    site_name: str = ""
    site_description: str = ""
    site_url: str = ""  # absolute, ends with "/", or "" when unknown
    categories: tuple[Category, ...] = DEFAULT_CATEGORIES
    domains: tuple[Domain, ...] = DEFAULT_DOMAINS
    page_size: int = 10
    home_items: int = 8
    strict: bool = False
    feed_items: int | None = 20  # None: complete feeds
    allow_raw_html: bool = False
    tracking: bool = True  # build the 信息报送 section
    tracking_internal: bool = False  # ... but keep it off the menu, the sitemap, search engines
    hotline: str = ""  # 投诉举报电话, published on purpose
    public_contacts: frozenset[str] = frozenset()  # office phones/e-mails published on purpose
    synonyms_file: str | None = None  # the search's synonym table; None: portal's own
    favicon: str = "assets/images/favicon.png"  # the theme's, for pages portal writes itself
    extra: dict[str, object] = field(default_factory=dict)
    config_file: str = "mkdocs.yml"  # its name, in `root`
    identity: SiteIdentity = field(default_factory=SiteIdentity)  # 网站标识 for every footer
    qa_channels: tuple[Channel, ...] = ()  # how to ask 法律咨询台
    columns: dict[str, object] = field(default_factory=dict)  # 栏目 classes, for inspect
    cache: bool = True  # keep the slow, pure steps in .portal-cache/ (build.py)

    @property
    def content(self) -> Path:
        return self.root / self.content_dir
