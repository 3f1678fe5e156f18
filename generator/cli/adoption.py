"""`portal adoption`: find our pieces in the outlets' feeds and propose 用稿 placements."""

from __future__ import annotations

import argparse
import shutil
import sys

from generator.cli.common import EXIT_CONTENT, EXIT_OK, Commands, UsageError, config_option, loaded


def add_commands(sub: Commands) -> None:
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


def cmd_adoption(args: argparse.Namespace) -> int:
    from generator import adoption
    from generator.cli.tables import proposals_table
    from generator.clock import today

    if not 0 < args.threshold <= 1:
        raise UsageError(f"--threshold must be between 0 and 1, got {args.threshold}")
    if args.timeout <= 0:
        raise UsageError(f"--timeout must be positive, got {args.timeout}")
    _, _, portal, settings = loaded(args.config_file)
    tz = settings.timezone
    outlets = {o.id: o for o in portal.outlets}
    try:
        wanted = adoption.resolve_sources(args.sources, args.outlet, portal.outlets)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
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
                f"none); write OUTLET={location} or use --outlet (known: {', '.join(outlets)})"
            )
        print(f"{outlet.name}：{location} 读到 {len(feed.items)} 条", file=sys.stderr)
        found.append((outlet, feed.items))
    proposals = adoption.propose(portal, found, tz, args.threshold)
    width = max(100, min(200, shutil.get_terminal_size((160, 40)).columns))
    sys.stdout.write(proposals_table(proposals, width))
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
