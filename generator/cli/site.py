"""`portal build`, `portal check` and `portal serve`: the site itself."""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from generator import problem_page
from generator.cli.common import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    UsageError,
    add_command,
    load_config,
    loaded,
    portal_plugin,
    print_problems,
    settings_of,
)
from generator.cli.console import setup_logging
from generator.errors import ContentError
from generator.messages import msg

if TYPE_CHECKING:
    from generator.preview import BuildResult


def add_commands(sub: Commands) -> None:
    p = add_command(sub, "build", "help.build", cmd_build)
    p.add_argument("-d", "--site-dir", type=Path, help=msg("help.site_dir"))
    p.add_argument("--strict", action="store_true", help=msg("help.strict"))
    p.add_argument("-q", "--quiet", action="store_true", help=msg("help.quiet"))

    p = add_command(sub, "check", "help.check", cmd_check)
    p.add_argument("--strict", action="store_true", help=msg("help.strict"))

    p = add_command(sub, "serve", "help.serve", cmd_serve)
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help=msg("help.dev_addr"))
    # `portal serve -v` as well as `portal -v serve`: staff add options after the command.
    p.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=msg("help.verbose")
    )


def cmd_check(args: argparse.Namespace) -> int:
    from generator import readiness
    from generator.cli.inspect import theme_dir
    from generator.compute import interaction

    # --strict is applied here, after the interaction records are inspected, so that one run
    # lists both (strict: true in mkdocs.yml still stops at the content's warnings first).
    config, portal, settings = loaded(args.config_file)
    strict = args.strict or settings.strict
    # Unanswered records are inspected against the present (SOURCE_DATE_EPOCH, else today):
    # a check may read the clock because, unlike a build, it writes nothing.
    day = interaction.inspection_day(settings.timezone)
    overdue = interaction.overdue(portal, settings.timezone, day, strict)
    # Inspection readiness (网站标识, 栏目 staleness, proofreading): what an inspector would
    # find, told to staff first; warnings, errors with --strict.
    ready = readiness.problems(settings, portal, theme_dir(config), day)
    problems = sorted([*portal.warnings, *overdue, *ready])
    if strict and (portal.warnings or ready or any(p.is_error for p in overdue)):
        raise ContentError(problems)
    print_problems(problems)
    published = len(portal.published)
    print(
        msg(
            "cli.check_ok",
            articles=len(portal.articles),
            published=published,
            units=len(portal.units),
            outlets=len(portal.outlets),
            pages=len(portal.pages),
            warnings=len(portal.warnings) + len(ready),
            overdue=len(overdue),
            days=interaction.WARN_DAYS,
            day=day,
        )
    )
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    import jinja2
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    from generator.build import SiteBuild, load
    from generator.progress import Progress
    from generator.write import build_atomically

    started = time.perf_counter()
    config = load_config(args.config_file, strict=args.strict or None)
    target = Path(args.site_dir) if args.site_dir else Path(config.site_dir)
    if target.exists() and not target.is_dir():
        raise UsageError(msg("cli.site_not_folder", path=target))
    plugin = portal_plugin(config)
    settings = settings_of(config, args.strict)
    root = settings.root
    key = None
    record = None
    if settings.cache:
        from generator import reuse
        from generator.record import OutputRecord

        themes = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        setup = reuse.setup_fingerprint(Path(config.config_file_path), themes, args.strict)
        # What the last build into this site made from what (record.py): what an edit
        # leaves unchanged is kept, and the site is checked by size and mtime, not read.
        record = OutputRecord.load(root, setup, target)
        key = reuse.inputs_fingerprint(
            Path(config.config_file_path), Path(config.docs_dir), themes, args.strict
        )
        warnings = reuse.unchanged(root, key, target, record.current_hashes)
        if warnings is not None:
            for warning in warnings:
                print(warning, file=sys.stderr)
            seconds = time.perf_counter() - started
            print(msg("cli.up_to_date", path=target, warnings=len(warnings), seconds=seconds))
            return EXIT_OK
    portal, published = load(settings, target)  # validate before anything is written
    print_problems(portal.warnings)
    progress = Progress(sys.stderr, enabled=not args.quiet)
    site = SiteBuild(settings, portal, progress, record, published)
    plugin.use(site)
    progress.note(
        msg(
            "cli.content_checked",
            articles=len(portal.published),
            questions=len(portal.questions),
            regulations=len(portal.regulations),
            campaigns=len(portal.campaigns),
            seconds=time.perf_counter() - started,
        )
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
        kind = msg(
            "cli.template_error" if isinstance(exc, jinja2.TemplateError) else "cli.build_failed"
        )
        print(f"portal: {where}{kind}: {exc}", file=sys.stderr)
        print(msg("cli.site_kept"), file=sys.stderr)
        return EXIT_CONTENT
    except Exception as exc:
        # A theme template that fails at render time (a TypeError in an expression) is bad
        # content in the theme, not a bug in portal: name the template line, not our stack.
        frame = _template_frame(exc, root)
        if frame is None:
            raise
        kind = msg("cli.template_error")
        print(f"portal: {frame}: {kind}: {type(exc).__name__}: {exc}", file=sys.stderr)
        print(msg("cli.site_kept"), file=sys.stderr)
        return EXIT_CONTENT
    if key is not None:
        from generator import reuse

        label = msg("cli.warning_label")
        shown = [("" if p.is_error else label) + str(p) for p in portal.warnings]
        hashes = {rel: sig.sha for rel, sig in updated.files.items()} if updated else None
        reuse.remember(root, key, target, shown, hashes)
    if updated is not None:
        pages = sum(1 for rel in updated.files if rel.endswith(".html"))
    else:
        pages = sum(1 for _ in target.rglob("*.html"))
    elapsed = time.perf_counter() - started
    print(
        msg(
            "cli.built",
            path=target,
            pages=pages,
            articles=len(portal.published),
            feeds=site.feed_count,
            warnings=len(portal.warnings),
            seconds=elapsed,
        )
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


def cmd_serve(args: argparse.Namespace) -> int:
    from generator import preview

    config = load_config(args.config_file)
    portal_plugin(config)
    root = Path(config.config_file_path).resolve().parent
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(msg("serve.bad_address", value=args.dev_addr))
    watched = [Path(config.docs_dir), Path(config.config_file_path)]
    if config.theme.custom_dir:
        watched.append(Path(config.theme.custom_dir))

    def say(result: preview.BuildResult, site: Path) -> None:
        for message in result.messages:
            print(message, file=sys.stderr)
        if result.ok:
            count, seconds = len(result.changed), result.seconds
            print(msg("serve.updated", count=count, seconds=seconds), file=sys.stderr)
        else:
            print(msg("serve.errors"), file=sys.stderr)
        sys.stderr.flush()

    def announce(url: str) -> None:
        print(msg("serve.ready", url=url), file=sys.stderr, flush=True)

    print(msg("serve.building"), file=sys.stderr, flush=True)
    try:
        return preview.serve(
            build_once,
            setup_logging,
            Path(config.config_file_path),
            root,
            watched,
            host,
            int(port),
            say,
            announce,
            verbose=getattr(args, "verbose", False),
        )
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)):
            raise UsageError(msg("serve.port_in_use", address=args.dev_addr)) from None
        raise UsageError(
            msg("serve.cannot_listen", address=args.dev_addr, reason=exc.strerror)
        ) from None


def build_once(config_file: Path, site: Path) -> BuildResult:
    """One `portal build` into `site`, in this process (the preview's builder): its result
    instead of its exit."""
    from generator.preview import BuildResult

    started = time.perf_counter()
    args = argparse.Namespace(config_file=config_file, site_dir=site, strict=False, quiet=True)
    printed = io.StringIO()
    messages: list[str] = []
    try:
        with contextlib.redirect_stderr(printed), contextlib.redirect_stdout(io.StringIO()):
            code = cmd_build(args)
    except ContentError as exc:
        code = EXIT_CONTENT
        root = Path(config_file).resolve().parent
        messages = list(problem_page.entries(exc.problems, root))
    except UsageError as exc:
        code = EXIT_USAGE
        messages = [str(exc)]
    lines = [line for line in printed.getvalue().splitlines() if line.strip()]
    if code != EXIT_OK and not messages:
        messages = lines
    elif code == EXIT_OK:
        # A good build's warnings (a draft's problems among them), as `portal build` prints.
        messages = [line for line in lines if line.startswith(msg("cli.warning_label"))]
    return BuildResult(
        ok=code == EXIT_OK,
        changed=tuple(getattr(args, "changed", ())),
        messages=tuple(messages),
        seconds=time.perf_counter() - started,
    )
