"""`portal poster`: 宣传栏 sheets as one self-contained HTML file and a PDF."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.cli.common import EXIT_OK, EXIT_USAGE, Commands, UsageError, config_option, loaded
from generator.write import atomic_file


def add_commands(sub: Commands) -> None:
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


def cmd_poster(args: argparse.Namespace) -> int:
    from generator import clock, pdf
    from generator.compute import sheets as choose
    from generator.compute.tracking import Week
    from generator.render.pages import PageRenderer
    from generator.render.poster import render_sheets

    _, _, portal, settings = loaded(args.config_file)
    tz = settings.timezone
    if not settings.site_url:
        raise UsageError("mkdocs.yml 没有 site_url：二维码要用网站的完整地址 (site_url is not set)")
    if not 1 <= args.items <= choose.MAX_ITEMS:
        raise UsageError(f"--items must be 1 to {choose.MAX_ITEMS}")
    try:
        weeks = [Week.parse(w) for w in args.week]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    epoch = clock.source_date_epoch()
    if not weeks:
        # Staff print on Monday for the week just ended: "today" is the bureau's wall clock
        # (or SOURCE_DATE_EPOCH); what a sheet shows never depends on it.
        today = epoch.astimezone(tz).date() if epoch else clock.today(tz)
        latest = choose.default_week(portal, tz, today)
        if latest is None:
            raise UsageError("还没有发布的新闻，无法生成宣传栏 (no published articles)")
        weeks = [latest]
    if (args.article or args.question) and len(weeks) != 1:
        raise UsageError("--article and --question choose for one sheet: give one --week")
    try:
        articles = [choose.find_article(portal, key) for key in args.article]
    except ValueError as exc:
        raise UsageError(f"--article: {exc}") from None
    if len(articles) > choose.MAX_ITEMS:
        raise UsageError(f"a sheet holds at most {choose.MAX_ITEMS} pieces")
    try:
        question = choose.find_question(portal, args.question) if args.question else None
    except ValueError as exc:
        raise UsageError(f"--question: {exc}") from None
    sheets = []
    for week in weeks:
        sheet = choose.build_sheet(portal, week, tz, args.items)
        if articles or question:
            sheet, dropped = choose.chosen_sheet(portal, sheet, articles, question)
            for a in dropped:
                print(f"warning: 版面放不下 does not fit the sheet: {a.key}", file=sys.stderr)
        if not sheet.articles:
            recent = ", ".join(w.label for w in choose.weeks_with_news(portal, tz)[:3])
            raise UsageError(
                f"{week.label} 没有发布的新闻 (no articles that week; recent: {recent})"
            )
        sheets.append(sheet)

    def inline(asset: str) -> str:
        return pdf.data_uri(settings.content / asset)

    r = PageRenderer(tz, settings.site_name, settings.hotline)
    html = render_sheets(sheets, portal, settings, r, page_url=None, image_src=inline)
    html_path, pdf_path = output_paths(args.output, [s.week.label for s in sheets])
    written = []
    if args.format in ("both", "html"):
        atomic_file(html_path, html.encode("utf-8"))
        written.append(html_path)
    if args.format in ("both", "pdf"):
        moment = epoch or choose.newest_time(sheets)
        try:
            pdf.print_pdf(html, pdf_path, pdf.find_browser(args.browser), moment)
        except pdf.PrintError as exc:
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


def output_paths(output: Path | None, labels: Sequence[str]) -> tuple[Path, Path]:
    """(HTML, PDF) paths: `poster-2026-W47.*`, `poster-2026-W45_2026-W47.*`, or from `-o`.

    `-o` names a folder (existing, or ending with /), or a file with or without .pdf/.html.
    """
    default = "poster-" + (labels[0] if len(labels) == 1 else f"{labels[0]}_{labels[-1]}")
    if output is None:
        base = Path(default)
    elif output.is_dir() or str(output).endswith(("/", os.sep)):
        base = output / default
    elif output.suffix.lower() in {".pdf", ".html", ".htm"}:
        base = output.with_suffix("")
    else:
        base = output
    return base.with_name(base.name + ".html"), base.with_name(base.name + ".pdf")
