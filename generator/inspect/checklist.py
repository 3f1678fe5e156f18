"""Run every checklist item for one portal as of one day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.inspect import annual, dates, freshness, identity, links, responses, services
from generator.inspect.model import Inspection, Item
from generator.inspect.wording import wording
from generator.model import Portal
from generator.proofread import proofread
from generator.readiness import identity_problems
from generator.settings import Settings


def run(
    portal: Portal,
    settings: Settings,
    as_of: date,
    site: Path | None,
    theme_dir: Path | None,
    online: bool = False,
    cache_dir: Path | None = None,
    timeout: float = 10.0,
) -> Inspection:
    """The checklist as of `as_of`: content items judge what existed on that day; the site
    items (footer, links, annual page) read the built site in `site` when there is one."""
    tz = settings.timezone
    hits, _ = proofread(portal, settings.root, settings.content_dir)
    built = site if site is not None and (site / "index.html").is_file() else None
    items: list[Item] = [
        freshness.home(portal, settings.root, tz, as_of),
        freshness.columns(portal, settings, as_of),
        responses.responses(portal, settings, as_of),
        services.services(portal),
        *wording(hits),
        annual.annual_report(portal, settings, as_of, built),
        links.links(built, settings.site_url, online, cache_dir, timeout),
        dates.dates(portal, settings.root, tz, as_of, site),
        identity.identity(settings, identity_problems(settings, portal, theme_dir), built or site),
        identity.tracking(settings),
    ]
    return Inspection(settings.site_name, as_of.isoformat(), tuple(items), online)
