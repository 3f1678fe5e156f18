"""`portal` commands: the only place that prints or exits (0 ok, 1 content errors, 2 usage).

One module per command group (site: build/check/serve, report, poster, wechat, adoption,
new), each command a thin function over library calls.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import NoReturn

from generator.cli import adoption, inspect, new, poster, report, site, wechat
from generator.cli.common import EXIT_CONTENT, EXIT_USAGE, UsageError, print_problems
from generator.errors import ContentError
from generator.write import InterruptedAfterSwap

GROUPS = (site, inspect, report, poster, wechat, adoption, new)  # in `portal --help`'s order


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
        print_problems(exc.problems)
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
    for group in GROUPS:
        group.add_commands(sub)
    return parser


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.propagate = False
