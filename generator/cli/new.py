"""`portal new`: a new article, question or regulation file with valid front matter."""

from __future__ import annotations

import argparse

from generator.cli.common import (
    EXIT_OK,
    Commands,
    UsageError,
    add_command,
    load_config,
    settings_of,
)
from generator.messages import msg


def add_commands(sub: Commands) -> None:
    new = sub.add_parser("new", help=msg("help.new"))
    kinds = new.add_subparsers(required=True, metavar="种类", dest="kind")
    p = add_command(kinds, "article", "help.new_article", cmd_new)
    p.add_argument("--squad", required=True, help=msg("help.squad"))
    p.add_argument("--title", required=True, help=msg("help.title"))
    p.add_argument("--category", help=msg("help.category"))
    p.add_argument("--slug", help=msg("help.slug"))
    p.add_argument("--author", default="", help=msg("help.author"))
    p = add_command(kinds, "qa", "help.new_qa", cmd_new)
    p.add_argument("--question", required=True, help=msg("help.question"))
    p.add_argument("--domain", help=msg("help.domain"))
    p.add_argument("--slug", help=msg("help.slug_qa"))
    p = add_command(kinds, "regulation", "help.new_regulation", cmd_new)
    p.add_argument("--id", required=True, dest="regulation_id", help=msg("help.regulation_id"))
    p.add_argument("--title", required=True, help=msg("help.full_title"))
    p.add_argument("--level", required=True, help=msg("help.level"))


def cmd_new(args: argparse.Namespace) -> int:
    from generator import scaffold

    settings = settings_of(load_config(args.config_file))
    try:
        if args.kind == "article":
            path = scaffold.new_article(
                settings,
                squad=args.squad,
                title=args.title,
                category=args.category,
                slug=args.slug,
                author=args.author,
            )
        elif args.kind == "qa":
            path = scaffold.new_question(
                settings, question=args.question, domain=args.domain, slug=args.slug
            )
        else:
            path = scaffold.new_regulation(
                settings, regulation_id=args.regulation_id, title=args.title, level=args.level
            )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    shown = path.relative_to(settings.root) if path.is_relative_to(settings.root) else path
    print(msg("cli.created", path=shown))
    return EXIT_OK
