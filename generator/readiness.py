"""Inspection readiness for `portal check`: what an inspector would find, told to staff first.

Site identity (网站标识) missing or malformed, 栏目 classes that name no column, columns that
are past their update period or will be within three days, and proofreading hits. All are
warnings; `portal check --strict` makes them errors. A build does not apply them: they depend
on the day of the check, and a build must make the same site on any day.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

from generator.columns import column_rules, site_columns
from generator.errors import Problem, Severity
from generator.identity import check_identity, option_lines
from generator.messages import msg
from generator.model import Portal
from generator.proofread import proofread
from generator.settings import Settings
from generator.validate.portal import SECTION_URLS, content_urls

# Pages every build makes besides the sections and the content files.
BUILT_PAGES = frozenset({"sitemap/", "interaction/", "annual/", "poster/"})
WARN_DAYS = 3  # a column that passes its period within this many days is warned about


def problems(
    settings: Settings, portal: Portal, theme_dir: Path | None, day: date
) -> list[Problem]:
    """Every readiness warning, as of `day` (the check's day in Beijing)."""
    hits, found = proofread(portal, settings.root, settings.content_dir)
    return [
        *identity_problems(settings, portal, theme_dir),
        *column_problems(settings, portal, day),
        *found,
        *(hit.problem() for hit in hits),
    ]


def identity_problems(settings: Settings, portal: Portal, theme_dir: Path | None) -> list[Problem]:
    """`check_identity` with the site paths the build will publish."""
    exists = {a.as_posix() for a in portal.assets}
    if theme_dir is not None:
        root = theme_dir if theme_dir.is_absolute() else settings.root / theme_dir
        for folder, _, files in os.walk(root):
            inside = Path(folder).relative_to(root).as_posix()
            exists |= {name if inside == "." else f"{inside}/{name}" for name in files}
    exists |= content_urls(portal.articles, portal.questions, portal.regulations, portal.pages)
    exists |= SECTION_URLS | BUILT_PAGES
    return check_identity(
        settings.identity,
        settings.root / settings.config_file,
        PurePosixPath(settings.config_file),
        frozenset(exists),
    )


def column_problems(settings: Settings, portal: Portal, day: date) -> list[Problem]:
    """`columns:` entries that are wrong, and columns past or near their update period."""
    config = PurePosixPath(settings.config_file)
    lines = option_lines(settings.root / settings.config_file, "columns")
    columns = site_columns(portal, settings.timezone)
    rules, wrong = column_rules(columns, settings.columns)
    found = [
        Problem(
            config, lines.get(key, lines.get("", 0)), f"columns.{key}", message, Severity.WARNING
        )
        for key, message in wrong
    ]
    for column in columns:
        rule = rules[column.name]
        if rule.period is None or column.last is None:
            continue
        deadline = rule.period.deadline(column.last)
        if deadline - day > timedelta(days=WARN_DAYS):
            continue
        facts = {
            "column": column.name,
            "label": rule.label,
            "period": rule.period.label,
            "last": column.last,
        }
        if deadline >= day:
            left = (deadline - day).days
            when = msg("columns.last_day") if left == 0 else msg("columns.days_left", days=left)
            message = msg("columns.due", **facts, deadline=deadline, when=when)
        else:
            message = msg("columns.stale", **facts, since=deadline + timedelta(days=1))
        line = lines.get(column.name, lines.get("", 0))
        found.append(Problem(config, line, f"columns.{column.name}", message, Severity.WARNING))
    return found


def published_contacts(portal: Portal, settings: Settings) -> frozenset[str]:
    """Phone numbers and e-mail addresses of the consultation channels: published on purpose."""
    channels = [
        *settings.qa_channels,
        *(c for campaign in portal.campaigns for c in campaign.channels),
    ]
    return frozenset(c.value for c in channels if c.kind.value in ("phone", "email"))
