"""Stable fingerprints of the values a renderer is given: the "inputs" of an output file.

An incremental build (record.py) asks of every output whether anything it is made from
changed. Renderers are pure functions of model values (frozen dataclasses, tuples, strings,
dates), the settings and the templates; a `Digester` turns such arguments into a hash that is
the same in every process for equal values (no `hash()`, no object ids, sets sorted), so it
can be compared with the one recorded by the previous build.

It never guesses: a value of a type it does not know (an open file, a Jinja environment, an
object with hidden state) raises `Undigestable`, and the caller renders the output as if it
were new. Code and templates are not looked into: their files are part of every key through
`setup` (record.py), so a changed template or portal version rebuilds everything.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum
from pathlib import PurePath
from typing import Any


class Undigestable(TypeError):
    """A value whose content the digester cannot see: render its output, do not reuse it."""


class Digester:
    """Digests for one build: each model object (a frozen dataclass) is hashed once.

    The memo holds the objects themselves, so an id is never reused for another object
    while the memo lives; drop the digester with the build.
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._fields: dict[type, tuple[str, ...] | None] = {}

    def digest(self, *values: object) -> str:
        """A hex digest of `values` (their types and contents, in order)."""
        h = hashlib.blake2b(digest_size=20)
        for value in values:
            h.update(self._of(value))
        return h.hexdigest()

    def _of(self, value: object) -> bytes:
        kind = type(value)
        if value is None or kind is bool:
            return repr(value).encode()
        if kind is str:
            data: bytes = str(value).encode("utf-8", "surrogatepass")
            return b"s" + len(data).to_bytes(8, "big") + data
        if kind is int or kind is float:
            return b"n" + repr(value).encode() + b";"
        if kind is tuple or kind is list:
            return self._sequence(b"t" if kind is tuple else b"l", value)
        found = self._memo.get(id(value))
        if found is not None:
            return found[1]
        names = self._fields.get(kind, ())
        if names == ():
            is_data = dataclasses.is_dataclass(value) and not isinstance(value, type)
            names = tuple(f.name for f in dataclasses.fields(value)) if is_data else None  # type: ignore[arg-type]
            self._fields[kind] = names
        if names is not None:
            # A model object: its fields, hashed once per build.
            data = self._hashed(
                _name(kind), self._sequence(b"f", [getattr(value, n) for n in names])
            )
            self._memo[id(value)] = (value, data)
            return data
        data = self._compound(value)
        if isinstance(value, functools.partial):
            self._memo[id(value)] = (value, data)
        return data

    def _sequence(self, tag: bytes, items: Any) -> bytes:
        parts = [self._of(item) for item in items]
        return tag + len(parts).to_bytes(8, "big") + b"".join(parts)

    def _hashed(self, tag: str, *parts: bytes) -> bytes:
        h = hashlib.blake2b(tag.encode(), digest_size=20)
        for part in parts:
            h.update(part)
        return b"h" + h.digest()

    def _compound(self, value: object) -> bytes:
        if type(value) is dict:  # the most common here (JSON-LD, contexts): tested first
            of = self._of
            parts = [b"d", len(value).to_bytes(8, "big")]
            for k, v in value.items():
                parts.append(of(k))
                parts.append(of(v))
            return self._hashed("dict", b"".join(parts))
        if isinstance(value, Enum):
            return self._hashed("enum", _name(type(value)).encode(), self._of(value.value))
        if isinstance(value, str):  # Markup and other str subclasses escape differently
            return self._hashed("str", _name(type(value)).encode(), self._of(str(value)))
        if isinstance(value, bytes):
            return self._hashed("bytes", value)
        if isinstance(value, datetime | date | time):
            zone = getattr(value, "tzinfo", None)
            return self._hashed(
                _name(type(value)), value.isoformat().encode(), self._zone(zone).encode()
            )
        if isinstance(value, timedelta):
            return self._hashed("timedelta", repr(value).encode())
        if isinstance(value, tzinfo):
            return self._hashed("tz", self._zone(value).encode())
        if isinstance(value, PurePath):
            return self._hashed(_name(type(value)), value.as_posix().encode())
        if isinstance(value, dict):
            return self._hashed("dict", self._sequence(b"d", [(k, v) for k, v in value.items()]))
        if isinstance(value, set | frozenset):
            return self._hashed("set", *sorted(self._of(item) for item in value))
        if isinstance(value, functools.partial):
            return self._hashed(
                "partial",
                self._of(value.func),
                self._of(value.args),
                self._of(value.keywords),
            )
        if isinstance(value, types.MethodType):
            return self._hashed("method", self._of(value.__func__), self._of(value.__self__))
        if isinstance(value, types.FunctionType):
            cells = [c.cell_contents for c in value.__closure__ or ()]
            return self._hashed(
                "function",
                _name(value).encode(),
                self._of(cells),
                self._of(value.__defaults__),
                self._of(value.__kwdefaults__),
            )
        if isinstance(value, types.BuiltinFunctionType):
            return self._hashed("builtin", _name(value).encode())
        digest = getattr(value, "__digest__", None)
        if callable(digest):
            # Objects that know their inputs (a renderer's settings) say them.
            return self._hashed(_name(type(value)), self._of(digest()))
        raise Undigestable(f"cannot fingerprint a {_name(type(value))}")

    def _zone(self, zone: tzinfo | None) -> str:
        if zone is None:
            return ""
        key = getattr(zone, "key", None)  # zoneinfo.ZoneInfo
        return f"{_name(type(zone))}:{key if key is not None else zone!r}"


def _name(kind: Any) -> str:
    return f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', repr(kind))}"
