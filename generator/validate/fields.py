"""Typed reads of YAML fields that record a Problem instead of raising.

A `Fields` wraps one mapping of one file. Each `text()`, `when()`, `choice()` ... returns the
value, or None after appending a precise `path:line: field: message` to the shared list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, tzinfo
from typing import Any, TypeVar

from generator.clock import parse_when
from generator.errors import Problem, Severity
from generator.load.yamldoc import YamlDoc
from generator.urls import SLUG

T = TypeVar("T")

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true/false",
    list: "a list",
    dict: "a mapping (key: value lines)",
    type(None): "empty",
}


def type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def closest(word: str, known: Iterable[str]) -> str:
    """`(did you mean "x"?)` or an empty string."""
    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""


def known_list(values: Iterable[str], limit: int = 12) -> str:
    items = sorted(values)
    shown = ", ".join(items[:limit])
    return shown + (", ..." if len(items) > limit else "")


class Fields:
    """Reader over one mapping (`prefix` is its path in the document, e.g. `placements[0]`)."""

    def __init__(
        self,
        doc: YamlDoc,
        data: dict[str, Any],
        problems: list[Problem],
        prefix: str = "",
    ) -> None:
        self.doc = doc
        self.data = data
        self.problems = problems
        self.prefix = prefix

    # -- reporting ----------------------------------------------------------------------
    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def line(self, name: str) -> int:
        return self.doc.line(self.key(name))

    def error(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.doc.path, self.line(name), self.key(name), message))

    def warn(self, name: str, message: str) -> None:
        self.problems.append(
            Problem(self.doc.path, self.line(name), self.key(name), message, Severity.WARNING)
        )

    def check_keys(self, known: Iterable[str]) -> None:
        """Warn about keys nobody reads, naming the closest known key."""
        allowed = set(known)
        for name in self.data:
            if name not in allowed:
                self.warn(str(name), f"unknown key, ignored{closest(str(name), allowed)}")

    # -- typed reads ----------------------------------------------------------------------
    def raw(self, name: str, required: bool = False) -> Any:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                where = "is missing" if name not in self.data else "is empty"
                self.problems.append(
                    Problem(
                        self.doc.path,
                        self.line(name) if name in self.data else self.doc.line(self.prefix),
                        self.key(name),
                        f"required field {where}",
                    )
                )
            return None
        return value

    def text(self, name: str, required: bool = False, max_len: int = 500) -> str | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(name, f"expected text, got {type_name(value)}")
            return None
        if not isinstance(value, str):
            self.error(name, f"expected text, got a number ({value}); put it in quotes")
            return None
        value = value.strip()
        if len(value) > max_len:
            self.error(name, f"too long ({len(value)} characters; at most {max_len})")
            return None
        return value

    def integer(self, name: str, required: bool = False, minimum: int = 0) -> int | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if isinstance(value, float):
            self.error(name, f"expected a whole number, got {value}")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(name, f"expected a whole number, got {type_name(value)}")
            return None
        if value < minimum:
            self.error(name, f"must be at least {minimum}, got {value}")
            return None
        return value

    def flag(self, name: str) -> bool:
        """A true/false key such as `draft: true`; absent means false."""
        value = self.data.get(name)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(name, f"expected true or false, got {type_name(value)}")
            return False
        return value

    def when(
        self, name: str, tz: tzinfo, required: bool = False, min_year: int = 2000
    ) -> datetime | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(name, f"expected a date like 2026-05-12 09:30, got {type_name(value)}")
            return None
        try:
            moment = parse_when(value, tz)
        except ValueError as exc:
            self.error(name, str(exc))
            return None
        if not min_year <= moment.year <= 2100:
            self.error(name, f"year {moment.year} is out of range ({min_year}-2100)")
            return None
        return moment

    def not_far_future(self, name: str, moment: date | None, now: datetime | None) -> None:
        """A publication date over a year ahead of the build is a typo (2062 for 2026)."""
        if moment is None or now is None:
            return
        day = moment.date() if isinstance(moment, datetime) else moment
        today = now.date()
        if (day - today).days > FAR_FUTURE_DAYS:
            self.error(
                name,
                f"{day} is more than a year in the future (today is {today}); "
                "is the year mistyped?",
            )

    def day(
        self, name: str, tz: tzinfo, required: bool = False, min_year: int = 2000
    ) -> date | None:
        moment = self.when(name, tz, required, min_year)
        return moment.date() if moment else None

    def choice(self, name: str, options: Iterable[str], required: bool = False) -> str | None:
        value = self.text(name, required)
        if value is None:
            return None
        allowed = list(options)
        if value not in allowed:
            self.error(
                name,
                f'unknown value "{value}"{closest(value, allowed)} (allowed: {", ".join(allowed)})',
            )
            return None
        return value

    def text_list(self, name: str, max_items: int = 50) -> tuple[str, ...]:
        value = self.raw(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [part for part in re.split(r"[,，、]\s*", value) if part.strip()]
        if not isinstance(value, list):
            self.error(name, f"expected a list, got {type_name(value)}")
            return ()
        items: list[str] = []
        for index, item in enumerate(value[:max_items]):
            if isinstance(item, bool) or not isinstance(item, str | int):
                self.error(f"{name}[{index}]", f"expected text, got {type_name(item)}")
                continue
            text = str(item).strip()
            if text and text not in items:
                items.append(text)
        if len(value) > max_items:
            self.error(name, f"too many items ({len(value)}; at most {max_items})")
        return tuple(items)

    def mappings(self, name: str) -> Iterator[Fields]:
        """Each item of a list of mappings, as its own `Fields` (bad items are reported)."""
        value = self.raw(name)
        if value is None:
            return
        if not isinstance(value, list):
            self.error(name, f"expected a list, got {type_name(value)}")
            return
        for index, item in enumerate(value):
            key = f"{name}[{index}]"
            if not isinstance(item, dict):
                self.error(key, f"expected key: value lines, got {type_name(item)}")
                continue
            yield Fields(self.doc, item, self.problems, self.key(key))

    def ident(self, name: str, required: bool = False) -> str | None:
        """An id used in URLs and references: lowercase letters, digits and hyphens."""
        value = self.text(name, required, max_len=64)
        if value is None:
            return None
        if not SLUG.fullmatch(value):
            self.error(
                name, f'"{value}" is not a valid id (lowercase a-z, 0-9 and -, e.g. "baiyang")'
            )
            return None
        if reserved_name(value):
            self.error(
                name, f'"{value}" is a name Windows reserves for a device; choose another id'
            )
            return None
        return value


FAR_FUTURE_DAYS = 366
# Names Windows keeps for devices, whatever the suffix: a folder `con/` cannot be copied there.
WINDOWS_RESERVED = re.compile(
    r"(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])", re.I
)


def reserved_name(name: str) -> bool:
    """True for CON, nul.md, com1.png ...: names no file or folder may have on Windows."""
    return bool(WINDOWS_RESERVED.fullmatch(name.split(".", 1)[0].rstrip(" ")))
