"""`portal build`, `portal check` and `portal serve`: the site itself."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.cli.common import (
    EXIT_CONTENT,
    EXIT_OK,
    Commands,
    UsageError,
    config_option,
    load_config,
    portal_plugin,
    print_problems,
)
from generator.errors import ContentError


def add_commands(sub: Commands) -> None:
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


def cmd_check(args: argparse.Namespace) -> int:
    from generator import readiness
    from generator.cli.inspect import theme_dir
    from generator.compute import interaction
    from generator.config import settings_from

    config = load_config(args.config_file)
    plugin = portal_plugin(config)
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
    # Inspection readiness (网站标识, 栏目 staleness, proofreading): what an inspector would
    # find, told to staff first; warnings, errors with --strict.
    ready = readiness.problems(plugin.settings, portal, theme_dir(config), day)
    problems = sorted([*portal.warnings, *overdue, *ready])
    if strict and (portal.warnings or ready or any(p.is_error for p in overdue)):
        raise ContentError(problems)
    print_problems(problems)
    published = len(portal.published)
    print(
        f"内容检查通过 content OK: {len(portal.articles)} articles ({published} published), "
        f"{len(portal.units)} units, {len(portal.outlets)} outlets, {len(portal.pages)} pages, "
        f"{len(portal.warnings) + len(ready)} warnings; "
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
    config = load_config(args.config_file, strict=args.strict or None)
    target = Path(args.site_dir) if args.site_dir else Path(config.site_dir)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder; choose another site folder (-d)")
    plugin = portal_plugin(config)
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
    print_problems(portal.warnings)
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


def cmd_serve(args: argparse.Namespace) -> int:
    from generator import preview

    config = load_config(args.config_file)
    portal_plugin(config)
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
