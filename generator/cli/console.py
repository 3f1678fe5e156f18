"""What staff see of the `portal` command itself: UTF-8 output whatever the console code page,
argparse's usage, help and errors in Chinese, and log lines labelled 提醒：/错误：."""

from __future__ import annotations

import argparse
import io
import logging
import re
import sys
from typing import Any, NoReturn

from generator.messages import msg

EXIT_USAGE = 2


def utf8_console() -> None:
    """Print UTF-8 whatever the console code page (936 on a Chinese Windows) or
    PYTHONIOENCODING say: Chinese and ✓ ✗ never raise UnicodeEncodeError half way."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace")


class ChineseParser(argparse.ArgumentParser):
    """argparse in Chinese: the usage line, the group titles, -h and the error messages.
    Subcommand parsers are made by the same class (argparse passes `parser_class` on)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = msg("argparse.positionals")
        self._optionals.title = msg("argparse.options")
        self.add_argument("-h", "--help", action="help", help=msg("argparse.help"))

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", msg("argparse.usage"), 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage: ", msg("argparse.usage"), 1)
        # Section titles end with argparse's ASCII colon; Chinese text takes the full-width one.
        for title in (msg("argparse.positionals"), msg("argparse.options")):
            text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
        return text

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {argparse_message(message)}\n")


# What argparse says (Python 3.11 to 3.13), and how staff read it.
_ARGPARSE = [
    (r"the following arguments are required: (?P<names>.+)", "argparse.required"),
    (r"unrecognized arguments: (?P<names>.+)", "argparse.unrecognized"),
    (
        r"argument (?P<name>[^:]+): invalid choice: '?(?P<value>[^']*)'? "
        r"\(choose from (?P<choices>.+)\)",
        "argparse.invalid_choice",
    ),
    (
        r"argument (?P<name>[^:]+): invalid (?P<type>\w+) value: '(?P<value>[^']*)'",
        "argparse.invalid_value",
    ),
    (r"argument (?P<name>[^:]+): expected one argument", "argparse.expected_one"),
    (r"argument (?P<name>[^:]+): expected at least one argument", "argparse.expected_some"),
    (r"ambiguous option: (?P<name>\S+) could match (?P<choices>.+)", "argparse.ambiguous"),
]


def argparse_message(message: str) -> str:
    """argparse's English error as a sentence from the message table."""
    for pattern, key in _ARGPARSE:
        match = re.fullmatch(pattern, message)
        if match:
            values = {k: v.replace("'", "") for k, v in match.groupdict().items()}
            if "choices" in values:
                values["choices"] = values["choices"].replace(", ", "、")
            if "type" in values:
                kind = {"int": "type.integer", "float": "type.number"}.get(values["type"])
                values["type"] = msg(kind) if kind else values["type"]
            return msg(key, **values)
    return msg("argparse.other", detail=message)


class Labels(logging.Formatter):
    """A problem's line as `portal check` prints it: `path:line: …`, warnings marked 提醒："""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        # `portal: ` stays in front: the label belongs to the sentence after it.
        source, text = ("portal: ", text[8:]) if text.startswith("portal: ") else ("", text)
        if record.levelno == logging.WARNING:
            return source + msg("cli.warning_label") + text
        if record.levelno >= logging.ERROR and not re.match(r"\S+:\d+: ", text):
            return source + msg("cli.error_label") + text
        return source + text


def setup_logging(verbose: bool) -> None:
    """MkDocs' log on stderr: warnings and errors only (labelled 提醒：/错误：), INFO with -v."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(Labels())
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.propagate = False
