"""`portal adoption`: find our pieces in the outlets' feeds and propose 用稿 placements."""

from __future__ import annotations

import argparse
import shutil
import sys

from generator.cli.common import EXIT_CONTENT, EXIT_OK, Commands, UsageError, add_command, loaded
from generator.messages import msg


def add_commands(sub: Commands) -> None:
    p = add_command(sub, "adoption", "help.adoption", cmd_adoption)
    p.add_argument(
        "sources",
        nargs="*",
        metavar="[OUTLET=]SOURCE",
        help=msg("help.sources"),
    )
    p.add_argument("--outlet", help=msg("help.outlet"))
    p.add_argument("--threshold", type=float, default=0.85, help=msg("help.threshold"))
    p.add_argument("--timeout", type=float, default=10.0, help=msg("help.timeout"))
    p.add_argument("--apply", action="store_true", help=msg("help.apply"))


def cmd_adoption(args: argparse.Namespace) -> int:
    from generator import adoption, adoption_apply
    from generator.cli.tables import proposals_table
    from generator.clock import today

    if not 0 < args.threshold <= 1:
        raise UsageError(msg("cli.threshold", value=args.threshold))
    if args.timeout <= 0:
        raise UsageError(msg("cli.timeout", value=args.timeout))
    _, portal, settings = loaded(args.config_file)
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
            known = "、".join(f"{o.id} {o.name}" for o in portal.outlets)
            raise UsageError(
                msg("cli.which_outlet", location=location, title=feed.title, known=known)
            )
        print(
            msg("cli.feed_read", outlet=outlet.name, location=location, count=len(feed.items)),
            file=sys.stderr,
        )
        found.append((outlet, feed.items))
    proposals = adoption.propose(portal, found, tz, args.threshold)
    width = max(100, min(200, shutil.get_terminal_size((160, 40)).columns))
    sys.stdout.write(proposals_table(proposals, width))
    counts = {s: sum(1 for p in proposals if p.status is s) for s in adoption.Status}
    tally = "，".join(f"{s.label} {n}" for s, n in counts.items())
    print(msg("cli.proposals", tally=tally, threshold=f"{args.threshold:g}"))
    if args.apply:
        root = settings.root
        try:
            written = adoption_apply.apply_proposals(root, proposals)
        except adoption_apply.ApplyError as exc:
            rest = msg("cli.nothing_more")
            print(f"portal adoption: {exc}；{rest}", file=sys.stderr)
            return EXIT_CONTENT
        for path, n in written.items():
            print(msg("cli.placements_written", count=n, path=path.relative_to(root)))
        if not written:
            print(msg("cli.nothing_to_write"))
    elif counts[adoption.Status.NEW]:
        print(msg("cli.apply_hint"))
    for message in failed:
        print(f"portal adoption: {message}", file=sys.stderr)
    return EXIT_CONTENT if failed else EXIT_OK
