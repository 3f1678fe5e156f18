"""The figures of one build, computed once from the model and handed to the pages and to the
files beside them (downloads, exports, poster sheets, feeds/ids.json): the pages and their
downloads show the same numbers because they render the same values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.compute import interaction
from generator.compute.annual import annual, annual_data, report_years
from generator.compute.data_table import DataTable
from generator.compute.published import PublishedItem, published_items
from generator.compute.sheets import Sheet, site_sheets
from generator.compute.tracking_report import Report, build_report, report_tables
from generator.model import Portal
from generator.settings import Settings


@dataclass(frozen=True, eq=False)
class Figures:
    """What a build counts and chooses from the content, as of one day."""

    as_of: date  # the day the figures are counted to (tracking.as_of: never the clock)
    interaction: dict[str, Any]  # 互动交流统计 (interaction_data): page and downloads
    years: tuple[int, ...]  # the years with something to count, oldest first
    annual: list[dict[str, Any]]  # each year's annual_data, newest first
    tracking: Report | None  # the 信息报送 year to `as_of`; None without the section
    tracking_tables: dict[str, DataTable]  # its tables (report_tables), page and downloads
    sheets: list[Sheet]  # the 宣传栏 weeks, newest first; none without site_url (QR codes)
    published: list[PublishedItem]  # feeds/ids.json (written only with site_url, as the feeds)


def compute_figures(
    portal: Portal,
    settings: Settings,
    as_of: date,
    published: list[PublishedItem] | None = None,
) -> Figures:
    """Every figure of the site, each computed once (the model as the pages show it: with its
    published photos, which the sheets' leads use); `published`: the items validation
    computed already (build.load), which photos do not change."""
    tz = settings.timezone
    records = interaction.records(portal, tz)  # once: the statistics and every year count them
    years = report_years(portal, tz, records)
    report, tables = None, {}
    if settings.tracking:
        # The site's view: the calendar year of `as_of`, up to `as_of`.
        report = build_report(portal, date(as_of.year, 1, 1), as_of, as_of, tz)
        tables = report_tables(report)
    if not settings.site_url:
        published = []  # feeds/ids.json is written with the feeds, which need the address
    elif published is None:
        published = published_items(portal, settings)
    return Figures(
        as_of=as_of,
        interaction=interaction.interaction_data(portal, records, as_of),
        years=years,
        annual=[annual_data(annual(portal, y, tz, as_of, records)) for y in reversed(years)],
        tracking=report,
        tracking_tables=tables,
        sheets=site_sheets(portal, tz, as_of) if settings.site_url else [],
        published=published,
    )
