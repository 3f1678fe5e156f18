"""`portal import`: manuscripts as they arrive (Word/WPS/ODT/RTF/text) become draft articles."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from generator.cli.common import (
    EXIT_CONTENT,
    EXIT_OK,
    Commands,
    UsageError,
    add_command,
    load_config,
    portal_plugin,
)
from generator.errors import ContentError, Problem
from generator.messages import msg


def add_commands(sub: Commands) -> None:
    p = add_command(sub, "import", "help.import", cmd_import)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=msg("help.import_paths"))
    p.add_argument("--squad", help=msg("help.import_squad"))
    p.add_argument("--category", help=msg("help.import_category"))
    p.add_argument("--submitted", help=msg("help.import_submitted"))
    p.add_argument(
        "--status", choices=["draft", "published"], default="draft", help=msg("help.import_status")
    )
    p.add_argument("--dry-run", action="store_true", help=msg("help.dry_run"))


def cmd_import(args: argparse.Namespace) -> int:
    from generator.cli.tables import import_table
    from generator.clock import parse_when
    from generator.config import settings_from
    from generator.manuscripts.importer import Options, Outcome, run_import
    from generator.validate.registry import load_units

    config = load_config(args.config_file)
    settings = settings_from(config, portal_plugin(config).config)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise UsageError(msg("import.not_found", paths="、".join(missing)))
    problems: list[Problem] = []
    units = load_units(settings.content, settings.root, settings.timezone, problems)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    if args.squad and args.squad not in {u.id for u in units}:
        known = "、".join(f"{u.id} {u.name}" for u in units)
        raise UsageError("--squad: " + _unknown("what.squad", args.squad, known))
    names = [c.name for c in settings.categories]
    if args.category and args.category not in names:
        raise UsageError(
            "--category: " + _unknown("what.category", args.category, "、".join(names))
        )
    submitted = None
    if args.submitted:
        try:
            submitted = parse_when(args.submitted, settings.timezone)
        except ValueError as exc:
            raise UsageError(f"--submitted: {exc}") from None
    options = Options(args.squad, args.category, submitted, args.status, args.dry_run)
    rows = run_import(settings, units, args.paths, options)
    # As wide as the terminal (COLUMNS when not one): long paths wrap inside their cells.
    width = max(100, shutil.get_terminal_size((160, 40)).columns)
    sys.stdout.write(import_table(rows, width))
    counts = {o: sum(1 for r in rows if r.outcome is o) for o in Outcome}
    summary = "，".join(f"{o.value} {n}" for o, n in counts.items() if n)
    print((msg("import.dry_run") if args.dry_run else "") + (summary or msg("import.nothing")))
    return EXIT_CONTENT if counts[Outcome.UNREADABLE] else EXIT_OK


def _unknown(what: str, value: str, known: str) -> str:
    return msg("ref.unknown", what=msg(what), value=value, hint=msg("ref.all", items=known))
