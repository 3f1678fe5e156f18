"""`portal` commands: the only place that prints or exits (0 ok, 1 content errors, 2 usage).

One module per command group (site: build/check/serve, report, poster, wechat, adoption,
import, new), each command a thin function over library calls.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import NoReturn

from generator.cli import adoption, inspect, manuscripts, new, poster, report, site, wechat
from generator.cli.common import EXIT_CONTENT, EXIT_USAGE, UsageError, print_problems
from generator.cli.console import ChineseParser, setup_logging, utf8_console
from generator.errors import ContentError
from generator.messages import msg
from generator.write import InterruptedAfterSwap

# In `portal --help`'s order.
GROUPS = (site, inspect, report, poster, wechat, adoption, manuscripts, new)
_SITE_COMMANDS = (site.cmd_build, site.cmd_check)


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    utf8_console()
    parser = _parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    signal.signal(signal.SIGTERM, _terminate)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _terminate)  # the terminal or SSH session went away
    try:
        result: int = args.run(args)
        return result
    except InterruptedAfterSwap:
        print("\nportal: " + msg("cli.interrupted_after_swap"), file=sys.stderr)
        return 130
    except UsageError as exc:
        print(f"portal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        print_problems(exc.problems)
        # Only build and check stand for a site; the other commands' errors say no more.
        summary = "cli.errors_site_kept" if args.run in _SITE_COMMANDS else "cli.errors"
        print("\n" + msg(summary, count=len(exc.errors)), file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("\nportal: " + msg("cli.interrupted"), file=sys.stderr)
        return 130


def _terminate(signum: int, frame: FrameType | None) -> NoReturn:
    # Turn SIGTERM and SIGHUP into an exception so staging folders are removed on the way out.
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="portal", description=msg("help.portal"))
    parser.add_argument("-v", "--verbose", action="store_true", help=msg("help.verbose"))
    sub = parser.add_subparsers(required=True, metavar="命令")
    for group in GROUPS:
        group.add_commands(sub)
    return parser
