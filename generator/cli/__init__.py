"""`portal` commands: the only place that prints or exits (0 ok, 1 content errors, 2 usage)."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from generator.errors import ContentError, Problem
from generator.write import InterruptedAfterSwap, atomic_file

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.model import Article, Portal, Question
    from generator.plugin import PortalPlugin
    from generator.settings import Settings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
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


class UsageError(Exception):
    """Wrong arguments or a missing config file: exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = _parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    signal.signal(signal.SIGTERM, _terminate)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _terminate)  # the terminal or SSH session went away
    try:
        result: int = args.run(args)
        return result
    except InterruptedAfterSwap:
        print(
            "\nportal: 已中断；新网站已完整生成并替换 the new site was already in place.",
            file=sys.stderr,
        )
        return 130
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
    # Turn SIGTERM and SIGHUP into an exception so staging folders are removed on the way out.
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
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress lines: only problems and the summary",
    )
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
    p.add_argument(
        "--from", dest="start", help="first day or ISO week, e.g. 2026-W18 (default: 1 January)"
    )
    p.add_argument("--to", dest="end", help="last day or ISO week (default: today, Beijing time)")
    p.add_argument("--unit", help="only this unit (id or name from squads.yml)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument(
        "--table",
        choices=TRACKING_TABLES,
        help="one table (csv default: units; json default: everything, as tracking.json)",
    )
    p.add_argument("--bom", action="store_true", help="CSV with a UTF-8 BOM for Excel")
    p.add_argument(
        "--annual",
        type=int,
        metavar="YEAR",
        help="政府网站工作年度报表 figures for YEAR instead (as site/annual/YEAR/annual.json)",
    )
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("poster", help="宣传栏: an A4 notice-board sheet per week, HTML and PDF")
    config_option(p)
    p.add_argument(
        "--week",
        action="append",
        default=[],
        help="ISO week, e.g. 2026-W47; repeat for one page per week (default: last week)",
    )
    p.add_argument(
        "--article",
        action="append",
        default=[],
        metavar="KEY",
        help="instead of the rule, these pieces (file names in content/articles/), in order",
    )
    p.add_argument("--question", metavar="KEY", help="this 法律咨询台 question (file name in qa/)")
    p.add_argument("--items", type=int, default=4, help="at most this many pieces, 1-4 (default 4)")
    p.add_argument("--format", choices=["both", "pdf", "html"], default="both")
    p.add_argument("-o", "--output", type=Path, help="file or folder (default: poster-<week>.pdf)")
    p.add_argument("--browser", help="Chromium to print with (default: chromium on PATH)")
    p.set_defaults(run=cmd_poster)

    p = sub.add_parser("wechat", help="公众号排版: an article as HTML for the WeChat editor")
    config_option(p)
    p.add_argument("article", type=Path, help="the article's file, e.g. content/articles/x.md")
    p.add_argument("-o", "--output", type=Path, help="write to this file (default: print)")
    p.add_argument(
        "--fragment", action="store_true", help="only the copy, without the HTML document"
    )
    p.set_defaults(run=cmd_wechat)

    p = sub.add_parser(
        "adoption", help="用稿: find our pieces in outlets' feeds and propose placements"
    )
    config_option(p)
    p.add_argument(
        "sources",
        nargs="*",
        metavar="[OUTLET=]SOURCE",
        help="feed URL or saved RSS/Atom/HTML file, e.g. jrwy=saved/jrwy.xml "
        "(default: every outlet's feed: URL in outlets.yml)",
    )
    p.add_argument("--outlet", help="outlet id for sources given without OUTLET=")
    p.add_argument(
        "--threshold",
        type=float,
        default=0.85,
        help="confidence (0-1) from which a match is applied (default 0.85)",
    )
    p.add_argument(
        "--timeout", type=float, default=10.0, help="seconds to wait for a feed (default 10)"
    )
    p.add_argument(
        "--apply", action="store_true", help="write the new placements into the articles"
    )
    p.set_defaults(run=cmd_adoption)

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


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        label = "" if problem.is_error else "warning: "
        print(f"{label}{problem}", file=sys.stderr)


def _load_config(config_file: Path, strict: bool | None = None) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if not config_file.is_file():
        raise UsageError(f"找不到配置文件 config file not found: {config_file}")
    try:
        return load_config(config_file=str(config_file), strict=strict)
    except (ConfigurationError, Abort) as exc:
        # A bad option value is logged by MkDocs (naming the option), then aborts.
        raise UsageError(f"{config_file}: {exc}") from None


def _plugin(config: MkDocsConfig) -> PortalPlugin:
    from generator.plugin import PortalPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, PortalPlugin):
            return plugin
    raise UsageError("mkdocs.yml does not enable the portal plugin (plugins: - portal)")


def _loaded(config_file: Path) -> tuple[MkDocsConfig, PortalPlugin, Portal, Settings]:
    """The configuration, its portal plugin, the validated content and the settings."""
    config = _load_config(config_file)
    plugin = _plugin(config)
    portal = plugin.load(config, writes=False)
    assert plugin.settings is not None
    return config, plugin, portal, plugin.settings


def cmd_check(args: argparse.Namespace) -> int:
    from generator.compute import interaction
    from generator.config import settings_from

    config = _load_config(args.config_file)
    plugin = _plugin(config)
    # --strict is applied here, after the interaction records are inspected, so that one run
    # lists both (strict: true in mkdocs.yml still stops at the content's warnings first).
    configured_strict = settings_from(config, plugin.config).strict
    plugin.strict = configured_strict
    portal = plugin.load(config, writes=False)
    assert plugin.settings is not None
    strict = args.strict or configured_strict
    # Unanswered records are inspected against the present (SOURCE_DATE_EPOCH, else today):
    # a check may read the clock because, unlike a build, it writes nothing.
    day = interaction.inspection_day(plugin.settings.timezone)
    overdue = interaction.overdue(portal, plugin.settings.timezone, day, strict)
    problems = sorted([*portal.warnings, *overdue])
    if strict and (portal.warnings or any(p.is_error for p in overdue)):
        raise ContentError(problems)
    _print_problems(problems)
    published = len(portal.published)
    print(
        f"内容检查通过 content OK: {len(portal.articles)} articles ({published} published), "
        f"{len(portal.units)} units, {len(portal.outlets)} outlets, {len(portal.pages)} pages, "
        f"{len(portal.warnings)} warnings; "
        f"{len(overdue)} interaction records unanswered for over {interaction.WARN_DAYS} days "
        f"on {day}"
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
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder; choose another site folder (-d)")
    plugin = _plugin(config)
    plugin.strict = args.strict
    root = Path(config.config_file_path).resolve().parent
    key = None
    record = None
    if plugin.config.cache:
        from generator import reuse
        from generator.record import OutputRecord

        themes = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        setup = reuse.setup_fingerprint(Path(config.config_file_path), themes, args.strict)
        # What the last build into this site made from what (record.py): what an edit
        # leaves unchanged is kept, and the site is checked by size and mtime, not read.
        record = plugin.record = OutputRecord.load(root, setup, target)
        key = reuse.inputs_fingerprint(
            Path(config.config_file_path), Path(config.docs_dir), themes, args.strict
        )
        warnings = reuse.unchanged(root, key, target, record.current_hashes)
        if warnings is not None:
            for warning in warnings:
                print(warning, file=sys.stderr)
            print(
                f"网站已是最新 up to date {target}: nothing changed since it was built, "
                f"{len(warnings)} warnings, {time.perf_counter() - started:.1f} s"
            )
            return EXIT_OK
    portal = plugin.load(config, target)  # validate before anything is written
    _print_problems(portal.warnings)
    from generator.progress import Progress

    plugin.progress = Progress(sys.stderr, enabled=not args.quiet)
    plugin.progress.note(
        f"内容已检查 content checked: {len(portal.published)} articles, "
        f"{len(portal.questions)} questions, {len(portal.regulations)} regulations, "
        f"{len(portal.campaigns)} campaigns, {time.perf_counter() - started:.1f} s"
    )

    def build(staging: Path) -> None:
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()

    updated = None
    try:
        if record is None:
            build_atomically(target, build)
        else:
            from generator.sitesync import update_site

            updated, args.changed = update_site(target, root, record, build)
            updated.save(root)
    except (Abort, MkDocsException, jinja2.TemplateError) as exc:
        where = ""
        if isinstance(exc, jinja2.TemplateSyntaxError):
            where = f"{exc.filename or exc.name}:{exc.lineno}: "
        kind = "template error" if isinstance(exc, jinja2.TemplateError) else "build failed"
        print(f"portal: {where}{kind}: {exc}", file=sys.stderr)
        print("构建失败，原网站保持不变 the previous site is unchanged.", file=sys.stderr)
        return EXIT_CONTENT
    except Exception as exc:
        # A theme template that fails at render time (a TypeError in an expression) is bad
        # content in the theme, not a bug in portal: name the template line, not our stack.
        frame = _template_frame(exc, plugin.settings.root if plugin.settings else Path.cwd())
        if frame is None:
            raise
        print(f"portal: {frame}: template error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("构建失败，原网站保持不变 the previous site is unchanged.", file=sys.stderr)
        return EXIT_CONTENT
    if key is not None:
        from generator import reuse

        shown = [("" if p.is_error else "warning: ") + str(p) for p in portal.warnings]
        hashes = {rel: sig.sha for rel, sig in updated.files.items()} if updated else None
        reuse.remember(root, key, target, shown, hashes)
    if updated is not None:
        pages = sum(1 for rel in updated.files if rel.endswith(".html"))
    else:
        pages = sum(1 for _ in target.rglob("*.html"))
    elapsed = time.perf_counter() - started
    print(
        f"网站已生成 built {target}: {pages} HTML pages, {len(portal.published)} articles, "
        f"{plugin.feed_count} feeds (RSS, Atom, JSON Feed), "
        f"{len(portal.warnings)} warnings, {elapsed:.1f} s"
    )
    return EXIT_OK


def _template_frame(exc: BaseException, root: Path) -> str | None:
    """`themes/portal/main.html:4` for the innermost template line the error passed through."""
    import traceback

    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml"))
    ]
    if not frames:
        return None
    path = Path(frames[-1].filename)
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    return f"{shown}:{frames[-1].lineno}"


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from generator import clock
    from generator.compute.tracking import parse_bound
    from generator.compute.tracking_report import build_report
    from generator.report import print_report

    if args.annual is not None:
        return cmd_annual(args)
    _, _, portal, settings = _loaded(args.config_file)
    tz = settings.timezone
    try:
        # "Which units are short this week" means today's week on the bureau's wall clock;
        # the site, which must build the same bytes on any day, counts to the content instead.
        end = parse_bound(args.end, end=True) if args.end else clock.today(tz)
        start = parse_bound(args.start, end=False) if args.start else date(end.year, 1, 1)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if start > end:
        raise UsageError(f"--from {start} is after --to {end}")
    unit = None
    if args.unit:
        unit = next((u for u in portal.units if args.unit in (u.id, u.name)), None)
        if unit is None:
            known = ", ".join(u.id for u in portal.units)
            raise UsageError(f'unknown unit "{args.unit}" (known: {known})')
    # A period that ends in the future is counted as of today.
    report = build_report(portal, start, end, min(end, clock.today(tz)), tz, unit)
    sys.stdout.buffer.write(print_report(report, args.format, bom=args.bom, table=args.table))
    sys.stdout.flush()
    return EXIT_OK


def cmd_wechat(args: argparse.Namespace) -> int:
    from generator.model import Status
    from generator.render.wechat import wechat_fragment, wechat_page, wechat_path

    config, plugin, portal, settings = _loaded(args.config_file)
    if not settings.site_url:
        raise UsageError("site_url is not set in mkdocs.yml; a WeChat copy needs absolute links")
    wanted = [p.resolve() for p in (args.article, settings.root / args.article) if p.is_file()]
    article = next(
        (a for a in portal.articles if (settings.root / a.source).resolve() in wanted), None
    )
    if article is None:
        raise UsageError(f"{args.article}: not an article of this portal (content/articles/*.md)")
    if article.status is not Status.PUBLISHED:
        raise UsageError(
            f"{article.source}: status is {article.status.value}; only a published article has "
            "an original on the site to link to"
        )
    body = plugin.article_body(config, article)
    if args.fragment:
        html = wechat_fragment(article, body, settings) + "\n"
    else:
        html = wechat_page(article, body, settings, staff_tools=False)
    if args.output:
        args.output.write_text(html, encoding="utf-8")
        print(f"已生成 wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(html.encode("utf-8"))
        sys.stdout.flush()
    print(
        f"网站上的公众号排版页（portal build 后）the hidden page: "
        f"{settings.site_url}{wechat_path(article)}",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_poster(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from generator import clock
    from generator import pdf as output
    from generator.compute.tracking import Week
    from generator.render import poster
    from generator.render.pages import PageRenderer

    _, _, portal, settings = _loaded(args.config_file)
    tz = settings.timezone
    if not settings.site_url:
        raise UsageError("mkdocs.yml 没有 site_url：二维码要用网站的完整地址 (site_url is not set)")
    if not 1 <= args.items <= poster.MAX_ITEMS:
        raise UsageError(f"--items must be 1 to {poster.MAX_ITEMS}")
    try:
        weeks = [Week.parse(w) for w in args.week]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    epoch = clock.source_date_epoch()
    if not weeks:
        # Staff print on Monday for the week just ended: "today" is the bureau's wall clock
        # (or SOURCE_DATE_EPOCH); what a sheet shows never depends on it.
        today = epoch.astimezone(tz).date() if epoch else clock.today(tz)
        latest = poster.default_week(portal, tz, today)
        if latest is None:
            raise UsageError("还没有发布的新闻，无法生成宣传栏 (no published articles)")
        weeks = [latest]
    if (args.article or args.question) and len(weeks) != 1:
        raise UsageError("--article and --question choose for one sheet: give one --week")
    sheets = []
    for week in weeks:
        sheet = poster.build_sheet(portal, week, tz, args.items)
        if args.article:
            sheet = replace(sheet, articles=tuple(_poster_article(portal, k) for k in args.article))
            if len(sheet.articles) > poster.MAX_ITEMS:
                raise UsageError(f"a sheet holds at most {poster.MAX_ITEMS} pieces")
        if args.question:
            sheet = replace(sheet, question=_poster_question(portal, args.question))
        if args.article or args.question:
            chosen, sheet = sheet.articles, poster.fitted(portal, sheet)
            for a in chosen[len(sheet.articles) :]:
                print(f"warning: 版面放不下 does not fit the sheet: {a.key}", file=sys.stderr)
        if not sheet.articles:
            recent = ", ".join(w.label for w in poster.weeks_with_news(portal, tz)[:3])
            raise UsageError(
                f"{week.label} 没有发布的新闻 (no articles that week; recent: {recent})"
            )
        sheets.append(sheet)

    def inline(asset: str) -> str:
        return output.data_uri(settings.content / asset)

    r = PageRenderer(tz, settings.site_name, settings.hotline)
    html = poster.render_sheets(sheets, portal, settings, r, page_url=None, image_src=inline)
    html_path, pdf_path = output.output_paths(args.output, [s.week.label for s in sheets])
    written = []
    if args.format in ("both", "html"):
        atomic_file(html_path, html.encode("utf-8"))
        written.append(html_path)
    if args.format in ("both", "pdf"):
        moment = epoch or poster.newest_time(sheets)
        try:
            output.print_pdf(html, pdf_path, output.find_browser(args.browser), moment)
        except output.PrintError as exc:
            print(f"portal: {exc}", file=sys.stderr)
            return EXIT_USAGE
        written.append(pdf_path)
    for sheet in sheets:
        qa = "，1 则法律咨询台问答" if sheet.question else ""
        print(f"{sheet.week.label}：{len(sheet.articles)} 条要闻{qa}", file=sys.stderr)
        for a in sheet.articles:
            print(f"  {a.key}  {a.title}", file=sys.stderr)
    for path in written:
        print(f"已生成 written {path}（A4 {len(sheets)} 页）")
    return EXIT_OK


def _poster_article(portal: Portal, key: str) -> Article:
    """An article by its file name (with or without folder and .md), for `--article`."""
    from difflib import get_close_matches

    stem = Path(key).stem if key.endswith(".md") else Path(key).name
    found = next((a for a in portal.articles if a.key == stem or a.slug == stem), None)
    if found is None:
        close = get_close_matches(stem, [a.key for a in portal.articles], n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise UsageError(f'--article: no article "{key}" in content/articles/{hint}')
    if not found.is_published:
        raise UsageError(f'--article: "{found.key}" is {found.status.value}, not on the site')
    return found


def _poster_question(portal: Portal, key: str) -> Question:
    """A published, answered question by its file name, for `--question`."""
    from difflib import get_close_matches

    stem = Path(key).stem if key.endswith(".md") else Path(key).name
    found = next((q for q in portal.questions if q.key == stem), None)
    if found is None:
        close = get_close_matches(stem, [q.key for q in portal.questions], n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise UsageError(f'--question: no published question "{key}" in content/qa/{hint}')
    if not found.answered:
        raise UsageError(f'--question: "{found.key}" is 待答复 (no reply date yet)')
    return found


def cmd_annual(args: argparse.Namespace) -> int:
    """`portal report --annual YEAR`: the figures site/annual/YEAR/ shows, counted the same way
    and as of the same day (SOURCE_DATE_EPOCH, else the newest date in the content)."""
    from generator.compute.annual import annual
    from generator.render.annual_pages import annual_data, print_annual

    given = [f"--{name}" for name in ("from", "to", "unit", "table") if _given(args, name)]
    if given:
        raise UsageError(f"--annual counts a whole calendar year; drop {', '.join(given)}")
    if not 2000 <= args.annual <= 2100:
        raise UsageError(f"--annual {args.annual}: give a year such as 2026")
    _, plugin, portal, settings = _loaded(args.config_file)
    figures = annual(portal, args.annual, settings.timezone, plugin.as_of())
    sys.stdout.buffer.write(print_annual(annual_data(figures), args.format, bom=args.bom))
    sys.stdout.flush()
    return EXIT_OK


def _given(args: argparse.Namespace, name: str) -> bool:
    return getattr(args, {"from": "start", "to": "end"}.get(name, name), None) is not None


def cmd_adoption(args: argparse.Namespace) -> int:
    from generator import adoption
    from generator.clock import today

    if not 0 < args.threshold <= 1:
        raise UsageError(f"--threshold must be between 0 and 1, got {args.threshold}")
    if args.timeout <= 0:
        raise UsageError(f"--timeout must be positive, got {args.timeout}")
    _, _, portal, settings = _loaded(args.config_file)
    tz = settings.timezone
    outlets = {o.id: o for o in portal.outlets}
    known = ", ".join(outlets)
    if args.outlet and args.outlet not in outlets:
        raise UsageError(f'unknown outlet "{args.outlet}" (known: {known})')
    wanted: list[tuple[str | None, str]] = []
    for source in args.sources:
        name, sep, location = source.partition("=")
        if sep and name in outlets and not adoption.is_url(source):
            wanted.append((name, location))
        elif sep and not adoption.is_url(source) and not Path(source).exists():
            raise UsageError(f'unknown outlet "{name}" in {source} (known: {known})')
        else:
            wanted.append((args.outlet, source))
    if not wanted:
        wanted = [(o.id, o.feed) for o in portal.outlets if o.feed]
        if not wanted:
            raise UsageError(
                "no sources: give feed URLs or saved files, or add `feed:` to outlets.yml"
            )
    found = []
    failed = []
    for outlet_id, location in wanted:
        try:
            data = adoption.read_source(location, args.timeout)
        except adoption.SourceError as exc:
            failed.append(str(exc))
            continue
        outlet = outlets[outlet_id] if outlet_id else None
        base = location if adoption.is_url(location) else (outlet.feed if outlet else "") or ""
        feed = adoption.parse_feed(data, base, tz, today(tz))
        outlet = outlet or adoption.outlet_for(location, feed.title, portal.outlets)
        if outlet is None:
            raise UsageError(
                f'cannot tell which outlet {location} is from (its title "{feed.title}" names '
                f"none); write OUTLET={location} or use --outlet (known: {known})"
            )
        print(f"{outlet.name}：{location} 读到 {len(feed.items)} 条", file=sys.stderr)
        found.append((outlet, feed.items))
    proposals = adoption.propose(portal, found, tz, args.threshold)
    width = max(100, min(200, shutil.get_terminal_size((160, 40)).columns))
    sys.stdout.write(adoption.render_proposals(proposals, width))
    counts = {s: sum(1 for p in proposals if p.status is s) for s in adoption.Status}
    print("，".join(f"{s.label} {n}" for s, n in counts.items()) + f"（阈值 {args.threshold:g}）")
    if args.apply:
        root = settings.root
        try:
            written = adoption.apply_proposals(root, proposals)
        except adoption.ApplyError as exc:
            print(f"portal adoption: {exc}; nothing more was written", file=sys.stderr)
            return EXIT_CONTENT
        for path, n in written.items():
            print(f"已写入 {n} 处用稿：{path.relative_to(root)}")
        if not written:
            print("没有需要写入的新用稿。")
    elif counts[adoption.Status.NEW]:
        print("加 --apply 把“新增”的用稿写入稿件。")
    for message in failed:
        print(f"portal adoption: {message}", file=sys.stderr)
    return EXIT_CONTENT if failed else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from generator import preview

    config = _load_config(args.config_file)
    _plugin(config)
    root = Path(config.config_file_path).resolve().parent
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"--dev-addr: 应为 主机:端口 host:port, not {args.dev_addr}")
    watched = [Path(config.docs_dir), Path(config.config_file_path)]
    if config.theme.custom_dir:
        watched.append(Path(config.theme.custom_dir))

    def say(result: preview.BuildResult, site: Path) -> None:
        for message in result.messages:
            print(message, file=sys.stderr)
        if result.ok:
            print(
                f"已更新 updated: {len(result.changed)} files changed, {result.seconds:.1f} s",
                file=sys.stderr,
            )
        else:
            print("内容有错误，预览保留上一次成功生成的网站。", file=sys.stderr)
        sys.stderr.flush()

    def announce(url: str) -> None:
        print(f"预览 preview: {url} (Ctrl-C 停止)", file=sys.stderr, flush=True)

    print("正在生成预览 building the preview ...", file=sys.stderr, flush=True)
    try:
        return preview.serve(
            Path(config.config_file_path), root, watched, host, int(port), say, announce
        )
    except OSError as exc:
        raise UsageError(f"--dev-addr {args.dev_addr}: {exc.strerror}") from None


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
