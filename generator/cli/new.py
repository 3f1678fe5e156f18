"""`portal new`: a new article, question or regulation file with valid front matter."""

from __future__ import annotations

import argparse

from generator.cli.common import (
    EXIT_OK,
    Commands,
    UsageError,
    config_option,
    load_config,
    portal_plugin,
)


def add_commands(sub: Commands) -> None:
    new = sub.add_parser("new", help="write a new file with valid front matter")
    kinds = new.add_subparsers(required=True, metavar="kind", dest="kind")
    p = kinds.add_parser("article", help="a news piece (宣传稿件), as a draft")
    config_option(p)
    p.add_argument("--squad", required=True, help="id of the submitting unit (squads.yml)")
    p.add_argument("--title", required=True, help="headline")
    p.add_argument("--category", help="category name (default: the first configured)")
    p.add_argument("--slug", help="URL name, e.g. night-market (default: from the title's pinyin)")
    p.add_argument("--author", default="", help="writer's name (default: the unit's 信息员)")
    p.set_defaults(run=cmd_new)
    p = kinds.add_parser("qa", help="a 法律咨询台 question and answer, as a draft")
    config_option(p)
    p.add_argument("--question", required=True, help="the citizen's question")
    p.add_argument("--domain", help="enforcement domain (default: the first configured)")
    p.add_argument("--slug", help="URL name (default: from the question's pinyin)")
    p.set_defaults(run=cmd_new)
    p = kinds.add_parser("regulation", help="a 法规摘要 regulation summary, as a draft")
    config_option(p)
    p.add_argument("--id", required=True, dest="regulation_id", help="file name, e.g. lvhua-tiaoli")
    p.add_argument("--title", required=True, help="full title")
    p.add_argument("--level", required=True, help="法律, 行政法规, 地方性法规, ...")
    p.set_defaults(run=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    from generator import scaffold
    from generator.config import settings_from

    config = load_config(args.config_file)
    settings = settings_from(config, portal_plugin(config).config)
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
    print(f"已创建 created {shown}")
    return EXIT_OK
