"""`portal` commands: the only place that prints or exits (0 ok, 1 content errors, 2 usage)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from generator.errors import ContentError, Problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.plugin import PortalPlugin

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong arguments or a missing config file: exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = _parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        result: int = args.run(args)
        return result
    except UsageError as exc:
        print(f"portal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        _print_problems(exc.problems)
        print(f"\n内容有 {len(exc.errors)} 处错误，未生成网站（原网站保持不变）。", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("\nportal: 已中断，原网站保持不变。", file=sys.stderr)
        return 130


def _terminate(signum: int, frame: FrameType | None) -> NoReturn:
    # Turn SIGTERM into an exception so staging directories are cleaned up on the way out.
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal",
        description="城管执法局门户网站生成工具 (portal: build the bureau's public site)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress")
    sub = parser.add_subparsers(required=True, metavar="command")

    def config_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "-f",
            "--config-file",
            default="mkdocs.yml",
            type=Path,
            help="site settings (default: mkdocs.yml)",
        )

    p = sub.add_parser("build", help="validate, then build the site (swapped in when complete)")
    config_option(p)
    p.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site_dir)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("check", help="validate only, and list every problem")
    config_option(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("serve", help="live preview that reloads on changes")
    config_option(p)
    p.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)"
    )
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("report", help="信息报送: submissions against quota, adoption, points")
    config_option(p)
    p.add_argument("--from", dest="start", help="first day or ISO week (default: 1 January)")
    p.add_argument("--to", dest="end", help="last day or ISO week (default: as of the content)")
    p.add_argument("--unit", help="only this unit (id from squads.yml)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--bom", action="store_true", help="CSV with a UTF-8 BOM for Excel")
    p.set_defaults(run=cmd_report)

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
    return parser


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.propagate = False
    import jieba

    jieba.setLogLevel(logging.WARNING)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        label = "" if problem.is_error else "warning: "
        print(f"{label}{problem}", file=sys.stderr)


def _load_config(config_file: Path, strict: bool | None = None) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        raise UsageError(f"找不到配置文件 config file not found: {config_file}")
    try:
        return load_config(config_file=str(config_file), strict=strict)
    except ConfigurationError as exc:
        raise UsageError(f"{config_file}: {exc}") from None


def _plugin(config: MkDocsConfig) -> PortalPlugin:
    from generator.plugin import PortalPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, PortalPlugin):
            return plugin
    raise UsageError("mkdocs.yml does not enable the portal plugin (plugins: - portal)")


def cmd_check(args: argparse.Namespace) -> int:

    config = _load_config(args.config_file)
    plugin = _plugin(config)
    plugin.strict = args.strict
    portal = plugin.load(config)
    _print_problems(portal.warnings)
    published = len(portal.published)
    print(
        f"内容检查通过 content OK: {len(portal.articles)} articles ({published} published), "
        f"{len(portal.units)} units, {len(portal.outlets)} outlets, {len(portal.pages)} pages, "
        f"{len(portal.warnings)} warnings"
    )
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    import jinja2
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    from generator.write import build_atomically

    started = time.perf_counter()
    config = _load_config(args.config_file, strict=args.strict or None)
    target = Path(args.site_dir) if args.site_dir else Path(config.site_dir)
    plugin = _plugin(config)
    plugin.strict = args.strict
    portal = plugin.load(config)  # validate before anything is written
    _print_problems(portal.warnings)

    def build(staging: Path) -> None:
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()

    try:
        build_atomically(target, build)
    except (Abort, MkDocsException, jinja2.TemplateError) as exc:
        where = ""
        if isinstance(exc, jinja2.TemplateSyntaxError):
            where = f"{exc.filename or exc.name}:{exc.lineno}: "
        kind = "template error" if isinstance(exc, jinja2.TemplateError) else "build failed"
        print(f"portal: {where}{kind}: {exc}", file=sys.stderr)
        print("构建失败，原网站保持不变 the previous site is unchanged.", file=sys.stderr)
        return EXIT_CONTENT
    pages = sum(1 for _ in target.rglob("*.html"))
    elapsed = time.perf_counter() - started
    print(
        f"网站已生成 built {target}: {pages} HTML pages, {len(portal.published)} articles, "
        f"{len(portal.warnings)} warnings, {elapsed:.1f} s"
    )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from generator.clock import source_date_epoch
    from generator.render.tracking_report import build_report
    from generator.report import print_report
    from generator.tracking import as_of, parse_bound

    config = _load_config(args.config_file)
    plugin = _plugin(config)
    portal = plugin.load(config)
    assert plugin.settings is not None
    tz = plugin.settings.timezone
    try:
        end = (
            parse_bound(args.end, end=True) if args.end else as_of(portal, tz, source_date_epoch())
        )
        start = parse_bound(args.start, end=False) if args.start else date(end.year, 1, 1)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if start > end:
        raise UsageError(f"--from {start} is after --to {end}")
    unit = None
    if args.unit:
        unit = next((u for u in portal.units if u.id == args.unit), None)
        if unit is None:
            known = ", ".join(u.id for u in portal.units)
            raise UsageError(f'unknown unit "{args.unit}" (known: {known})')
    report = build_report(portal, start, end, end, tz, unit)
    sys.stdout.buffer.write(print_report(report, args.format, bom=args.bom))
    sys.stdout.flush()
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    if not args.config_file.is_file():
        raise UsageError(f"找不到配置文件 config file not found: {args.config_file}")
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    serve(config_file=str(args.config_file), dev_addr=args.dev_addr, livereload=True)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from generator import scaffold
    from generator.config import settings_from

    config = _load_config(args.config_file)
    settings = settings_from(config, _plugin(config).config)
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


if __name__ == "__main__":
    sys.exit(main())
