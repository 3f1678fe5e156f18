"""`portal poster`: 宣传栏 sheets as one self-contained HTML file and a PDF."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.cli.common import EXIT_OK, EXIT_USAGE, Commands, UsageError, add_command, loaded
from generator.messages import msg
from generator.write import atomic_file

# Where sheets go without -o: a folder of the portal (gitignored), never the folder the
# command was typed in, which is often the repository or the desktop.
OUTPUT_DIR = "output"


def add_commands(sub: Commands) -> None:
    p = add_command(sub, "poster", "help.poster", cmd_poster)
    p.add_argument("--week", action="append", default=[], help=msg("help.week"))
    p.add_argument(
        "--article", action="append", default=[], metavar="KEY", help=msg("help.article")
    )
    p.add_argument("--question", metavar="KEY", help=msg("help.question_key"))
    p.add_argument("--items", type=int, default=4, help=msg("help.items"))
    p.add_argument("--format", choices=["both", "pdf", "html"], default="both")
    p.add_argument("-o", "--output", type=Path, help=msg("help.poster_output"))
    p.add_argument("--browser", help=msg("help.browser"))


def cmd_poster(args: argparse.Namespace) -> int:
    from generator import clock, pdf
    from generator.compute import sheets as choose
    from generator.compute.tracking import Week
    from generator.references import find_article, find_question
    from generator.render.pages import PageRenderer
    from generator.render.poster import render_sheets

    _, portal, settings = loaded(args.config_file)
    tz = settings.timezone
    if not settings.site_url:
        raise UsageError(msg("cli.no_site_url_poster"))
    if not 1 <= args.items <= choose.MAX_ITEMS:
        raise UsageError(msg("cli.items_range", most=choose.MAX_ITEMS))
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
            raise UsageError(msg("cli.no_news"))
        weeks = [latest]
    if (args.article or args.question) and len(weeks) != 1:
        raise UsageError(msg("cli.one_week"))
    # A reference to a file that is not there, or to a draft, is exit 1 (references.py).
    articles = [find_article(portal, key, settings.root) for key in args.article]
    if len(articles) > choose.MAX_ITEMS:
        raise UsageError(msg("cli.sheet_full", most=choose.MAX_ITEMS))
    question = find_question(portal, args.question, settings.root) if args.question else None
    sheets = []
    for week in weeks:
        sheet = choose.build_sheet(portal, week, tz, args.items)
        if articles or question:
            sheet, dropped = choose.chosen_sheet(portal, sheet, articles, question)
            for a in dropped:
                print(msg("cli.does_not_fit", key=a.key), file=sys.stderr)
        if not sheet.articles:
            recent = "、".join(w.label for w in choose.weeks_with_news(portal, tz)[:3])
            raise UsageError(msg("cli.week_empty", week=week.label, recent=recent))
        sheets.append(sheet)

    def inline(asset: str) -> str:
        from generator.images import ImageError

        try:
            return pdf.data_uri(settings.content / asset)
        except ImageError as exc:
            raise UsageError(f"{settings.content_dir / asset}: {exc}") from None

    r = PageRenderer(tz, settings.site_name, settings.hotline)
    html = render_sheets(sheets, portal, settings, r, page_url=None, image_src=inline)
    labels = [s.week.label for s in sheets]
    html_path, pdf_path = output_paths(args.output, labels, settings.root)
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
        key = "cli.sheet_with_question" if sheet.question else "cli.sheet"
        print(msg(key, week=sheet.week.label, count=len(sheet.articles)), file=sys.stderr)
        for a in sheet.articles:
            print(f"  {a.key}  {a.title}", file=sys.stderr)
    for path in written:
        print(msg("cli.poster_written", path=path, pages=len(sheets)))
    return EXIT_OK


def output_paths(output: Path | None, labels: Sequence[str], root: Path) -> tuple[Path, Path]:
    """(HTML, PDF) paths: `<root>/output/poster-2026-W47.*`, `…/poster-2026-W45_2026-W47.*`,
    or from `-o`, which names a folder (existing, or ending with /), or a file with or
    without .pdf/.html.
    """
    default = "poster-" + (labels[0] if len(labels) == 1 else f"{labels[0]}_{labels[-1]}")
    if output is None:
        base = root / OUTPUT_DIR / default
    elif output.is_dir() or str(output).endswith(("/", os.sep)):
        base = output / default
    elif output.suffix.lower() in {".pdf", ".html", ".htm"}:
        base = output.with_suffix("")
    else:
        base = output
    return base.with_name(base.name + ".html"), base.with_name(base.name + ".pdf")
