"""Typed reads of YAML fields that record a Problem instead of raising.

A `Fields` wraps one mapping of one file. Each `text()`, `when()`, `choice()` ... returns the
value, or None after appending a precise `path:line: field: message` to the shared list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, tzinfo
from typing import Any, TypeVar

from generator.clock import parse_when
from generator.errors import Problem, Severity
from generator.load.yamldoc import YamlDoc
from generator.messages import msg
from generator.urls import SLUG

T = TypeVar("T")

_TYPE_NAMES = {
    str: "type.text",
    int: "type.integer",
    float: "type.number",
    bool: "type.bool",
    list: "type.list",
    dict: "type.mapping",
    type(None): "type.empty",
}


def type_name(value: Any) -> str:
    name = _TYPE_NAMES.get(type(value))
    return msg(name) if name else type(value).__name__


def closest(word: str, known: Iterable[str]) -> str:
    """`（是不是 “x”？）` or an empty string."""
    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return msg("field.did_you_mean", match=match[0]) if match else ""


def suggest(value: str, known: Mapping[str, str], few: int = 12) -> str:
    """What to write instead of an unknown id: the closest ids with their names
    (`baiyang 白洋中队`), and every id when there are few. `known` maps id → name."""
    by_name = {name: ident for ident, name in known.items() if name}
    if value in by_name:
        return ""  # the caller says "write the id"
    near = difflib.get_close_matches(value, list(known), n=3, cutoff=0.5)
    # A name typed in part (白洋) or with a typo (白羊中队) points at its id as well.
    named = [i for n, i in by_name.items() if value and (value in n or n in value)]
    named += [by_name[n] for n in difflib.get_close_matches(value, list(by_name), n=3, cutoff=0.5)]
    near = list(dict.fromkeys(near + named))

    def shown(ids: Iterable[str]) -> str:
        return "、".join(f"{i} {known[i]}".rstrip() for i in ids)

    parts = [msg("ref.closest", items=shown(near[:3]))] if near else []
    if len(known) <= few:
        parts.append(msg("ref.all", items=shown(sorted(known))))
    elif not near:
        parts.append(msg("ref.all", items=shown(sorted(known)[:few]) + "……"))
    return "；".join(parts)


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
                self.warn(str(name), msg("field.unknown_key", hint=closest(str(name), allowed)))

    # -- typed reads ----------------------------------------------------------------------
    def raw(self, name: str, required: bool = False) -> Any:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                missing = name not in self.data
                self.problems.append(
                    Problem(
                        self.doc.path,
                        self.line(name) if name in self.data else self.doc.line(self.prefix),
                        self.key(name),
                        msg("field.required_missing" if missing else "field.required_empty"),
                    )
                )
            return None
        return value

    def text(self, name: str, required: bool = False, max_len: int = 500) -> str | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(name, msg("field.expected_text", got=type_name(value)))
            return None
        if not isinstance(value, str):
            self.error(name, msg("field.number_as_text", value=value))
            return None
        value = value.strip()
        if len(value) > max_len:
            self.error(name, msg("field.too_long", length=len(value), limit=max_len))
            return None
        return value

    def integer(self, name: str, required: bool = False, minimum: int = 0) -> int | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if isinstance(value, float):
            self.error(name, msg("field.expected_integer", got=value))
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(name, msg("field.expected_integer", got=type_name(value)))
            return None
        if value < minimum:
            self.error(name, msg("field.at_least", minimum=minimum, value=value))
            return None
        return value

    def flag(self, name: str) -> bool:
        """A true/false key such as `draft: true`; absent means false."""
        value = self.data.get(name)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(name, msg("field.expected_bool", got=type_name(value)))
            return False
        return value

    def when(
        self, name: str, tz: tzinfo, required: bool = False, min_year: int = 2000
    ) -> datetime | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(name, msg("field.expected_date", got=type_name(value)))
            return None
        try:
            moment = parse_when(value, tz)
        except ValueError as exc:
            self.error(name, str(exc))
            return None
        if not min_year <= moment.year <= 2100:
            self.error(name, msg("field.year_range", year=moment.year, low=min_year))
            return None
        return moment

    def not_far_future(self, name: str, moment: date | None, now: datetime | None) -> None:
        """A publication date over a year ahead of the build is a typo (2062 for 2026)."""
        if moment is None or now is None:
            return
        day = moment.date() if isinstance(moment, datetime) else moment
        today = now.date()
        if (day - today).days > FAR_FUTURE_DAYS:
            self.error(name, msg("field.far_future", day=day, today=today))

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
                msg(
                    "field.unknown_value",
                    value=value,
                    hint=closest(value, allowed),
                    allowed="、".join(allowed),
                ),
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
            self.error(name, msg("field.expected_list", got=type_name(value)))
            return ()
        items: list[str] = []
        for index, item in enumerate(value[:max_items]):
            if isinstance(item, bool) or not isinstance(item, str | int):
                self.error(f"{name}[{index}]", msg("field.expected_text", got=type_name(item)))
                continue
            text = str(item).strip()
            if text and text not in items:
                items.append(text)
        if len(value) > max_items:
            self.error(name, msg("field.too_many", count=len(value), limit=max_items))
        return tuple(items)

    def mappings(self, name: str) -> Iterator[Fields]:
        """Each item of a list of mappings, as its own `Fields` (bad items are reported)."""
        value = self.raw(name)
        if value is None:
            return
        if not isinstance(value, list):
            self.error(name, msg("field.expected_list", got=type_name(value)))
            return
        for index, item in enumerate(value):
            key = f"{name}[{index}]"
            if not isinstance(item, dict):
                self.error(key, msg("field.expected_mapping", got=type_name(item)))
                continue
            yield Fields(self.doc, item, self.problems, self.key(key))

    def ident(self, name: str, required: bool = False) -> str | None:
        """An id used in URLs and references: lowercase letters, digits and hyphens."""
        value = self.text(name, required, max_len=64)
        if value is None:
            return None
        if not SLUG.fullmatch(value):
            self.error(name, msg("field.bad_id", value=value))
            return None
        if reserved_name(value):
            self.error(name, msg("field.reserved_id", value=value))
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
