"""`portal report`: 信息报送 (submissions against quota, adoption, points) and, with --annual,
the 政府网站工作年度报表 figures, as a terminal table, CSV or JSON.

The tables are the site's: `--format json` is tracking.json, `--table NAME --format json`
tracking/NAME.json and `--format csv` tracking/NAME.csv, for the same period; `--annual YEAR`
gives site/annual/YEAR/annual.json and annual.csv.
"""

from __future__ import annotations

import argparse
import sys

from generator.cli.common import EXIT_OK, Commands, UsageError, add_command, loaded
from generator.messages import msg

# `portal report --table` choices (generator.compute.tracking_report.TABLE_NAMES; not imported
# here so that `portal --help` stays fast).
TRACKING_TABLES = (
    "this_week",
    "last_week",
    "recent",
    "units",
    "weeks",
    "levels",
    "outlets",
    "placements",
    "ranking",
    "writers",
)
DEFAULT_CSV_TABLE = "units"


def add_commands(sub: Commands) -> None:
    p = add_command(sub, "report", "help.report", cmd_report)
    p.add_argument("--from", dest="start", help=msg("help.from"))
    p.add_argument("--to", dest="end", help=msg("help.to"))
    p.add_argument("--unit", help=msg("help.unit"))
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--table", choices=TRACKING_TABLES, help=msg("help.table"))
    p.add_argument("--bom", action="store_true", help=msg("help.bom"))
    p.add_argument("--annual", type=int, metavar="YEAR", help=msg("help.annual"))


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from generator import clock
    from generator.cli.tables import tracking_tables
    from generator.compute.tracking import parse_bound
    from generator.compute.tracking_report import (
        build_report,
        report_data,
        report_tables,
        table_json,
    )
    from generator.exports import json_bytes

    if args.annual is not None:
        return cmd_annual(args)
    _, portal, settings = loaded(args.config_file)
    tz = settings.timezone
    try:
        # "Which units are short this week" means today's week on the bureau's wall clock;
        # the site, which must build the same bytes on any day, counts to the content instead.
        end = parse_bound(args.end, end=True) if args.end else clock.today(tz)
        start = parse_bound(args.start, end=False) if args.start else date(end.year, 1, 1)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if start > end:
        raise UsageError(msg("cli.from_after_to", start=start, end=end))
    unit = None
    if args.unit:
        unit = next((u for u in portal.units if args.unit in (u.id, u.name)), None)
        if unit is None:
            from generator.validate.articles import unknown_ref

            names = {u.id: u.name for u in portal.units}
            raise UsageError(unknown_ref(args.unit, names, "what.squad", "content/squads.yml"))
    # A period that ends in the future is counted as of today.
    report = build_report(portal, start, end, min(end, clock.today(tz)), tz, unit)
    tables = report_tables(report)
    if args.format == "json" and args.table:
        out = table_json(report, tables[args.table])
    elif args.format == "json":
        out = json_bytes(report_data(report, tables))
    elif args.format == "csv":
        out = tables[args.table or DEFAULT_CSV_TABLE].csv(bom=args.bom)
    else:
        out = tracking_tables(report, tables, args.table)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    return EXIT_OK


def cmd_annual(args: argparse.Namespace) -> int:
    """`portal report --annual YEAR`: the figures site/annual/YEAR/ shows, counted the same way
    and as of the same day (SOURCE_DATE_EPOCH, else the newest date in the content)."""
    from generator.build import as_of
    from generator.cli.tables import annual_table
    from generator.compute.annual import annual, annual_data
    from generator.exports import json_bytes
    from generator.render.annual_pages import annual_csv

    given = [f"--{name}" for name in ("from", "to", "unit", "table") if _given(args, name)]
    if given:
        raise UsageError(msg("cli.annual_whole_year", options="、".join(given)))
    if not 2000 <= args.annual <= 2100:
        raise UsageError(msg("cli.annual_year", value=args.annual))
    _, portal, settings = loaded(args.config_file)
    data = annual_data(annual(portal, args.annual, settings.timezone, as_of(portal, settings)))
    if args.format == "json":
        out = json_bytes(data)
    elif args.format == "csv":
        out = annual_csv(data, bom=args.bom)
    else:
        out = annual_table(data)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    return EXIT_OK


def _given(args: argparse.Namespace, name: str) -> bool:
    return getattr(args, {"from": "start", "to": "end"}.get(name, name), None) is not None
