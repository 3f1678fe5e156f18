"""The site's URL scheme and item ids, in one place. Every URL and id derives from stable keys,
never titles.

URLs are site-relative directory paths (`news/2026/05/night-market/`); renderers turn them
into relative links for the page at hand. Ids (`tag:` URIs, RFC 4151) are fixed at first
publication and shared by the feeds, the API and published.json.
"""

from __future__ import annotations

import re
from datetime import datetime, time, tzinfo
from urllib.parse import urlsplit

from generator.model import (
    Article,
    Campaign,
    Category,
    Citation,
    Domain,
    Edition,
    Question,
    Regulation,
)
from generator.settings import Settings

# A URL name: lower-case ASCII words joined by hyphens (file names, slugs, ids in settings).
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(title: str, max_words: int = 6) -> str:
    """An ASCII URL name from Chinese: 夜市占道整治 → ye-shi-zhan-dao-zheng-zhi."""
    from pypinyin import lazy_pinyin  # its dictionaries take 0.2 s to load: only when needed

    words: list[str] = []
    for chunk in lazy_pinyin(title, errors=lambda s: " ".join(re.findall(r"[A-Za-z0-9]+", s))):
        words += re.findall(r"[a-z0-9]+", chunk.lower())
    return "-".join(words[:max_words]) or "page"


def article_url(article: Article) -> str:
    """From the first-publication month and the file's slug: editing a title breaks nothing."""
    return f"news/{article.published:%Y/%m}/{article.slug}/"


def category_url(category: Category) -> str:
    return f"news/category/{category.slug}/"


def month_url(year: int, month: int) -> str:
    return f"news/{year:04d}/{month:02d}/"


def edition_url(edition: Edition) -> str:
    return f"meilijiayuan/{edition.number}/"


def page_url(base: str, number: int) -> str:
    """Page `number` of a paginated listing whose first page is at `base`."""
    return base if number == 1 else f"{base}page/{number}/"


def question_url(question: Question) -> str:
    return f"qa/{question.key}/"


def domain_url(domain: Domain) -> str:
    return f"qa/domain/{domain.slug}/"


def regulation_url(regulation: Regulation) -> str:
    return f"regulations/{regulation.id}/"


def provision_url(citation: Citation) -> str:
    return f"{regulation_url(citation.regulation)}#{citation.provision.anchor}"


def campaign_url(campaign: Campaign) -> str:
    return f"suggestions/{campaign.key}/"


def theme_url(campaign: Campaign, theme: str) -> str:
    # The URL name was made when the campaign was read (pinyin is slow to make a thousand times).
    return f"{campaign_url(campaign)}{campaign.theme_slug(theme) or slugify(theme)}/"


def tag_uri(site_url: str, day: datetime, name: str, tz: tzinfo) -> str:
    """RFC 4151 id: `tag:cgj.example.gov.cn,2026-05-12:news/night-market`."""
    host = urlsplit(site_url).hostname or "localhost"
    return f"tag:{host},{day.astimezone(tz).date().isoformat()}:{name}"


def article_id(article: Article, site_url: str, settings: Settings) -> str:
    """Fixed at first publication: the front matter's `id`, or date + slug."""
    if article.feed_id:
        return article.feed_id
    return tag_uri(site_url, article.published, f"news/{article.slug}", settings.timezone)


def question_id(q: Question, settings: Settings) -> str:
    """Fixed at first publication: the answer's date and file name."""
    return tag_uri(settings.site_url, q.published, f"qa/{q.key}", settings.timezone)


def regulation_id(g: Regulation, settings: Settings) -> str:
    """Fixed by adoption: each change updates the item, never its id."""
    adopted = datetime.combine(g.adopted, time(), tzinfo=settings.timezone)
    return tag_uri(settings.site_url, adopted, f"regulations/{g.id}", settings.timezone)
