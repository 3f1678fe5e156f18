"""`portal inspect`: the government-website checklist (generator/inspect/), with evidence."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli.common import (
    EXIT_CONTENT,
    EXIT_OK,
    Commands,
    UsageError,
    add_command,
    loaded,
)
from generator.messages import msg

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def add_commands(sub: Commands) -> None:
    p = add_command(sub, "inspect", "help.inspect", cmd_inspect)
    p.add_argument("--as-of", help=msg("help.as_of"))
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("-o", "--output", type=Path, help=msg("help.inspect_output"))
    p.add_argument("-d", "--site-dir", type=Path, help=msg("help.inspect_site_dir"))
    p.add_argument("--online", action="store_true", help=msg("help.online"))
    p.add_argument("--timeout", type=float, default=10.0, help=msg("help.link_timeout"))


def theme_dir(config: MkDocsConfig) -> Path | None:
    """The theme overrides folder (custom_dir), whose assets the site publishes."""
    return Path(config.theme.custom_dir) if config.theme.custom_dir else None


def cmd_inspect(args: argparse.Namespace) -> int:
    """Exit 1 when any 单项否决 item fails."""
    from datetime import date

    from generator.cache import CACHE_DIR
    from generator.compute import interaction
    from generator.inspect import checklist, report

    if args.timeout <= 0:
        raise UsageError(msg("cli.timeout", value=args.timeout))
    config, portal, settings = loaded(args.config_file)
    try:
        day = (
            date.fromisoformat(args.as_of)
            if args.as_of
            else interaction.inspection_day(settings.timezone)
        )
    except ValueError:
        raise UsageError(msg("cli.as_of", value=args.as_of)) from None
    site = Path(args.site_dir) if args.site_dir else Path(config.site_dir)
    result = checklist.run(
        portal,
        settings,
        day,
        site,
        theme_dir(config),
        online=args.online,
        cache_dir=settings.root / CACHE_DIR,
        timeout=args.timeout,
    )
    text = report.to_json(result) if args.format == "json" else report.to_text(result)
    sys.stdout.write(text)
    if args.output:
        args.output.write_text(report.to_html(result), encoding="utf-8")
        print(msg("cli.inspect_written", path=args.output), file=sys.stderr)
    return EXIT_CONTENT if result.vetoed else EXIT_OK
