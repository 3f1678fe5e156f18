"""The site's pages as specs: which URL, which title, which Markdown, how to compose the HTML.

This is the whole site map of the news part, derived from the model. The MkDocs plugin turns
each spec into a generated file; nothing here knows MkDocs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from functools import partial
from itertools import groupby
from urllib.parse import urljoin

from generator.cache import Cache
from generator.compute.annual import latest_year
from generator.compute.figures import Figures
from generator.compute.published import IDS_FILE, ids_json
from generator.model import Article, Category, Edition, Portal
from generator.render import jsonld, tags, wayfinding
from generator.render.annual_pages import annual_outputs, annual_specs, annual_url
from generator.render.api import api_outputs
from generator.render.embed import embed_outputs
from generator.render.feed_catalog import (
    OPML_CATEGORIES,
    OPML_EVERYTHING,
    FeedLink,
    feed_links,
    opml_lists,
    site_feeds,
)
from generator.render.feeds import render_feed
from generator.render.guides import guide_specs
from generator.render.interaction_pages import interaction_outputs, interaction_specs
from generator.render.keep import Keep, never
from generator.render.legal import legal_specs
from generator.render.pages import Memo, PageRenderer, paginate, summary_of
from generator.render.poster import poster_outputs, poster_specs
from generator.render.search import build_index
from generator.render.search_text import Segmenter, search_docs
from generator.render.site_map import site_map_spec
from generator.render.sitemap import feed_folder_sitemaps
from generator.render.spec import PageSpec, fixed_page
from generator.render.suggestions import suggestion_outputs, suggestion_specs
from generator.render.text import relative_url
from generator.render.tracking_pages import tracking_outputs, tracking_specs
from generator.render.wechat import wechat_outputs
from generator.settings import Settings
from generator.urls import article_url, category_url, edition_url, month_url
from generator.vocabulary import portal_words


def build_specs(
    portal: Portal, settings: Settings, figures: Figures, memo: Memo | None = None
) -> list[PageSpec]:
    """Every generated page of the site, in a stable order; the `figures` (compute/figures.py)
    are the ones the downloads give; `memo` keeps rendered HTML between builds (pages.py)."""
    as_of = figures.as_of
    urls_of_tags = tags.tag_urls(portal)
    r = PageRenderer(
        settings.timezone,
        settings.site_name,
        settings.hotline,
        memo,
        urls_of_tags,
        settings.qa_channels,
    )
    published = portal.published
    feeds = {link.path: link for link in feed_links(portal, settings)}

    def category_feed(category: Category) -> tuple[FeedLink, ...]:
        return (feeds[f"feeds/category/{category.slug}"],)

    specs: list[PageSpec] = [_home(portal, settings, r, figures)]
    specs += _articles(published, r, category_feed, settings)
    specs += _listing(
        r,
        published,
        settings.page_size,
        "news/",
        "新闻动态",
        "全部新闻",
        intro=f"本局各中队、科室报送并经审核发布的新闻稿件，共 {len(published)} 篇。",
        links=_category_links(portal, None),
    )
    for category in portal.categories:
        items = [a for a in published if a.category == category]
        specs += _listing(
            r,
            items,
            settings.page_size,
            category_url(category),
            category.name,
            category.name,
            intro="",
            links=_category_links(portal, category.slug),
            feeds=category_feed(category),
        )
    by_month = groupby(
        published, key=lambda a: a.published.astimezone(settings.timezone).strftime("%Y-%m")
    )
    months = [(key, list(items)) for key, items in by_month]
    for key, items in months:
        year, month = (int(x) for x in key.split("-"))
        specs += _listing(
            r,
            items,
            settings.page_size,
            month_url(year, month),
            f"{year}年{month}月",
            f"{year}年{month}月新闻",
            intro=f"{year}年{month}月发布稿件 {len(items)} 篇。",
            links=[],
        )
    specs += _tag_pages(portal, r, settings.page_size, urls_of_tags)
    specs.append(_archive(portal, months, r, posters=bool(settings.site_url)))
    specs += _editions(portal, r, tuple(f for p, f in feeds.items() if p == "feeds/meilijiayuan"))
    specs += legal_specs(portal, settings, r, feeds)
    specs += suggestion_specs(portal, r, settings.timezone, as_of)
    specs += interaction_specs(figures.interaction, r)
    specs += annual_specs(figures.annual, r)
    if figures.tracking is not None:
        specs += tracking_specs(figures.tracking, figures.tracking_tables, r)
    specs += poster_specs(figures.sheets, settings, r)
    subscribe = r.render(
        "subscribe.html",
        "subscribe/",
        feeds=list(feeds.values()),
        opml_everything=OPML_EVERYTHING,
        opml_categories=OPML_CATEGORIES,
        site_url=settings.site_url,
    )
    specs.append(fixed_page("subscribe/", "订阅", subscribe))
    specs.append(fixed_page("search/", "站内搜索", r.render("search.html", "search/")))
    specs.append(site_map_spec(portal, settings, r))
    specs += guide_specs(portal, r)
    for page in portal.pages:
        url = f"{page.key}/"
        specs.append(
            PageSpec(
                src_uri=f"pages/{page.key}.md",
                url=url,
                title=page.title,
                markdown=page.body,
                compose=partial(r.page, url, page.title),
                hide=(),
                searchable=True,
            )
        )
    return specs


def default_nav(portal: Portal, settings: Settings) -> list[dict[str, object] | str]:
    """The menu when mkdocs.yml gives no `nav`: the sections this content has, then the free
    pages. (MkDocs' own default lists every page, every article included, on every page.)"""
    nav: list[dict[str, object] | str] = [{"首页": "index.md"}]
    nav.append({"新闻动态": [{"全部新闻": "news/index.md"}, {"新闻归档": "news/archive/index.md"}]})
    if portal.editions:
        nav.append({"美丽家园": "meilijiayuan/index.md"})
    if portal.questions:
        nav.append({"法律咨询台": "qa/index.md"})
    if portal.regulations:
        nav.append({"法规摘要": "regulations/index.md"})
    if portal.campaigns:
        nav.append({"问计于民": "suggestions/index.md"})
    if settings.tracking and not settings.tracking_internal:
        nav.append({"信息报送": "tracking/index.md"})
    nav.append({"订阅": "subscribe/index.md"})
    # A free page by its path alone: MkDocs then titles it from the page's meta, which the
    # plugin escapes for Material's templates; a title given here would reach them raw.
    nav += [f"pages/{page.key}.md" for page in portal.pages]
    return nav


def _home(portal: Portal, settings: Settings, r: PageRenderer, figures: Figures) -> PageSpec:
    as_of = figures.as_of
    annual_year = latest_year(figures.years, as_of)
    html = r.render(
        "home.html",
        "",
        latest=portal.published[: settings.home_items],
        answers=portal.questions[:5],
        campaigns=[c for c in portal.campaigns if c.is_open(as_of)],
        categories=_category_counts(portal),
        editions=list(reversed(portal.editions))[:5],
        pages=portal.pages,
        description=settings.site_description,
        annual=(annual_year, annual_url(annual_year)) if annual_year else None,
    )
    return fixed_page("", settings.site_name or "首页", html)


def _articles(
    published: tuple[Article, ...],
    r: PageRenderer,
    category_feed: Callable[[Category], tuple[FeedLink, ...]],
    settings: Settings,
) -> list[PageSpec]:
    specs = []
    for index, a in enumerate(published):
        newer = published[index - 1] if index > 0 else None
        older = published[index + 1] if index + 1 < len(published) else None
        specs.append(
            PageSpec(
                src_uri=f"articles/{a.key}.md",
                url=article_url(a),
                title=a.title,
                markdown=a.body,
                description=summary_of(a),
                compose=partial(r.article, a, newer, older),
                hide=("navigation", "toc"),
                meta={"article": a},
                updated=a.published.astimezone(settings.timezone).date(),
                searchable=True,
                feeds=category_feed(a.category),
                jsonld=(
                    jsonld.news_article(
                        a, settings.site_name, settings.site_url, settings.timezone
                    ),
                    wayfinding.article_breadcrumbs(a, settings.site_url),
                ),
            )
        )
    return specs


def _listing(
    r: PageRenderer,
    items: list[Article] | tuple[Article, ...],
    size: int,
    base: str,
    title: str,
    heading: str,
    intro: str,
    links: list[tuple[str, str, int, bool]],
    feeds: tuple[FeedLink, ...] = (),
) -> list[PageSpec]:
    specs = []
    for pager in paginate(items, size, base):
        page_title = title if pager.number == 1 else f"{title}（第{pager.number}页）"
        html = r.render(
            "listing.html",
            pager.url,
            heading=heading,
            intro=intro,
            pager=pager,
            links=links,
            links_label="栏目",
        )
        specs.append(
            fixed_page(
                pager.url,
                page_title,
                html,
                feeds=feeds,
                updated=pager.items[0].published.date() if pager.items else None,
            )
        )
    return specs


def _tag_pages(portal: Portal, r: PageRenderer, size: int, urls: dict[str, str]) -> list[PageSpec]:
    """A listing per tag, and the list of every tag (标签)."""
    items = tags.tagged(portal)
    specs: list[PageSpec] = []
    for tag, url in urls.items():
        specs += _listing(
            r,
            items[tag],
            size,
            url,
            f"标签：{tag}",
            f"标签：{tag}",
            intro=f"标有“{tag}”的稿件共 {len(items[tag])} 篇。",
            links=[],
        )
    by_count = sorted(urls, key=lambda t: (-len(items[t]), t))
    html = r.render(
        "tags.html", tags.TAGS_URL, tags=[(t, urls[t], len(items[t])) for t in by_count]
    )
    specs.append(fixed_page(tags.TAGS_URL, "稿件标签", html))
    return specs


def _category_counts(portal: Portal) -> list[tuple[object, int]]:
    counts = Counter(a.category for a in portal.published)
    return [(c, counts[c]) for c in portal.categories]


def _category_links(portal: Portal, current: str | None) -> list[tuple[str, str, int, bool]]:
    counts = Counter(a.category for a in portal.published)
    links = [("全部", "news/", len(portal.published), current is None)]
    links += [(c.name, category_url(c), counts[c], c.slug == current) for c in portal.categories]
    return links


def _archive(
    portal: Portal, months: list[tuple[str, list[Article]]], r: PageRenderer, posters: bool
) -> PageSpec:
    years: dict[int, list[tuple[int, int]]] = {}
    for key, items in months:
        year, month = (int(x) for x in key.split("-"))
        years.setdefault(year, []).append((month, len(items)))
    html = r.render(
        "archive.html",
        "news/archive/",
        total=len(portal.published),
        categories=_category_counts(portal),
        years=sorted(years.items(), reverse=True),
        posters=posters and bool(portal.published),
    )
    return fixed_page("news/archive/", "新闻归档", html)


def _editions(portal: Portal, r: PageRenderer, feeds: tuple[FeedLink, ...]) -> list[PageSpec]:
    by_edition: dict[Edition, list[Article]] = {}
    for a in reversed(portal.published):
        if a.edition is not None:
            by_edition.setdefault(a.edition, []).append(a)
    pieces = {e.number: by_edition.get(e, []) for e in portal.editions}
    newest_first = list(reversed(portal.editions))
    html = r.render(
        "editions.html",
        "meilijiayuan/",
        editions=[(e, pieces[e.number]) for e in newest_first],
        piece_count=sum(len(p) for p in pieces.values()),
    )
    specs = [fixed_page("meilijiayuan/", "美丽家园", html, feeds=feeds)]
    for index, e in enumerate(portal.editions):
        url = edition_url(e)
        newer = portal.editions[index + 1] if index + 1 < len(portal.editions) else None
        older = portal.editions[index - 1] if index > 0 else None
        page_html = r.render(
            "edition.html", url, e=e, pieces=pieces[e.number], newer=newer, older=older
        )
        specs.append(fixed_page(url, f"美丽家园第{e.number}期", page_html, feeds=feeds))
    return specs


def build_outputs(
    portal: Portal,
    settings: Settings,
    figures: Figures,
    bodies: dict[str, str],
    fallback: datetime,
    cache: Cache | None = None,
    keep: Keep = never,
) -> dict[str, bytes]:
    """Every file beside the pages: feeds, the OPML list, the downloads of the `figures` the
    pages show, the embeds, the JSON API and the hidden 公众号排版 pages. What `keep` says the
    site already has (an incremental build's record: the same inputs) is left out: a whole
    group ("poster/") or single files (the search index's)."""
    feeds = site_feeds(portal, settings, bodies, fallback, settings.feed_items)
    outputs: dict[str, bytes] = {}
    for feed in feeds:
        outputs.update(render_feed(feed))
    outputs.update(opml_lists(feeds, settings.site_name))
    outputs[IDS_FILE] = ids_json(figures.published)
    outputs.update(feed_folder_sitemaps((f.path for f in feeds), settings.site_url))
    outputs.update(redirect_pages(portal, settings))
    docs, words = search_docs(portal, bodies, settings.timezone, cache), portal_words(portal)

    # Each file of the index is kept or made by its own content hash (render/search.py).
    index = build_index(docs, Segmenter(words), cache, portal.synonyms, keep)
    search = {**index.files, "search/manifest.json": index.manifest()}
    note = getattr(keep, "made", None)
    if note is not None:
        note(search)
    outputs.update(search)
    # Each group is made from the values computed for it: an edit that leaves them equal
    # (an article's text, for the tracking counts) keeps its files.
    outputs.update(
        _group(
            keep,
            "suggestions/",
            partial(suggestion_outputs, portal, settings.timezone),
            portal.campaigns,
            settings.timezone,
        )
    )
    interaction = figures.interaction
    outputs.update(
        _group(keep, "interaction/", partial(interaction_outputs, interaction), interaction)
    )
    annual = figures.annual
    outputs.update(_group(keep, "annual/", partial(annual_outputs, annual), annual))
    report = figures.tracking
    if report is not None:
        make = partial(tracking_outputs, report, figures.tracking_tables)
        outputs.update(_group(keep, "tracking/", make, report))
    outputs.update(embed_outputs(portal, settings, figures.as_of))
    outputs.update(api_outputs(portal, settings, bodies, keep))
    outputs.update(wechat_outputs(portal, settings, bodies, keep))
    # The sheets read the weeks' pieces and answer, the photos among the assets and the
    # points of their placements (render/poster.py).
    sheets = figures.sheets
    make_sheets = partial(poster_outputs, portal, settings, sheets)
    inputs = (sheets, portal.assets, portal.points, portal.edition_bonus)
    outputs.update(_group(keep, "poster/", make_sheets, *inputs))
    return outputs


def _group(
    keep: Keep, prefix: str, make: Callable[[], dict[str, bytes]], *inputs: object
) -> dict[str, bytes]:
    """The outputs under `prefix` that `make` gives, unless `keep` has them already; the
    keeper learns which files the group made (render/keep.py)."""
    if keep(prefix, *inputs):
        return {}
    made = make()
    note = getattr(keep, "made", None)
    if note is not None:
        note(made)
    return made


def redirect_pages(portal: Portal, settings: Settings) -> dict[str, bytes]:
    """A small page at each old address of content/redirects.yml, sending readers on."""
    r = PageRenderer(settings.timezone, settings.site_name)
    pages = {}
    for redirect in portal.redirects:
        html = r.render(
            "redirect.html",
            redirect.old,
            target=relative_url(redirect.new, redirect.old),
            absolute=urljoin(settings.site_url, redirect.new),
        )
        pages[f"{redirect.old}index.html"] = html.encode()
    return pages
