"""Line-aware, safe YAML: every key and list item remembers the line it was typed on.

We parse once with PyYAML's SafeLoader (compose, then construct), walking the node tree to
record lines. Timestamps are *not* resolved by YAML: dates stay text so that `clock.parse_when`
can apply Beijing time and report impossible dates as content errors, not tracebacks.

Hostile or broken YAML is refused while it is being composed, before anything is built from
it: anchors and aliases (front matter never needs them, and refusing the first one defuses
"billion laughs" documents before a single reference is followed), tags other than the plain
ones (`!!python/object` and friends), nesting deeper than `MAX_DEPTH` and documents of more
than `MAX_NODES` values. Time and memory are therefore bounded by the size of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem
from generator.messages import msg

MAX_NODES = 20_000
MAX_DEPTH = 32
_STANDARD = "tag:yaml.org,2002:"
# Explicit tags a person may reasonably type (`!!str 2026`); everything else is refused.
_PLAIN_TAGS = frozenset(
    f"{_STANDARD}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
_INT_TAG = f"{_STANDARD}int"
_MAX_DIGITS = 30


class _Refusal(Exception):
    """The document is refused: `line` is 0-based within the parsed text."""

    def __init__(self, line: int, key: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.key = key
        self.message = message


class _Loader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type (dates stay strings), composing warily."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._paths: list[str] = []
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        path = self._path_of(index)
        line = event.start_mark.line
        if isinstance(event, AliasEvent) or (
            isinstance(event, NodeEvent) and event.anchor is not None
        ):
            raise _Refusal(line, path, msg("yaml.anchor"))
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            shown = "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag
            raise _Refusal(line, path, msg("yaml.tag", tag=shown))
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refusal(line, path, msg("yaml.too_many_values", limit=MAX_NODES))
        if isinstance(event, CollectionStartEvent) and len(self._paths) >= MAX_DEPTH:
            top = re.split(r"[.\[]", path, maxsplit=1)[0]
            raise _Refusal(line, top, msg("yaml.too_deep", limit=MAX_DEPTH))
        self._paths.append(path)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._paths.pop()
        return node

    def _path_of(self, index: Any) -> str:
        parent = self._paths[-1] if self._paths else ""
        if isinstance(index, int):
            return f"{parent}[{index}]"
        if isinstance(index, ScalarNode):
            return f"{parent}.{index.value}" if parent else str(index.value)
        return parent  # the root, or a mapping's key


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# libyaml, when PyYAML was built with it, for documents that cannot hold what the careful
# loader refuses while composing: no `&` (anchor), `*` (alias) or `!` (tag) anywhere. The walk
# below still checks every node (shared nodes, depth, size, keys) whichever loader composed it,
# and any error sends the document to the careful loader for its message. About ten times
# faster on front matter, which is most of `portal check`.
_FAST_LOADER: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    _FAST_LOADER = _CLoader
_RISKY = re.compile(r"[&*!]|^[ \t-]{40,}", re.M)
_FAST_MAX_BYTES = 64 * 1024  # and few brackets: libyaml composes nested flows recursively


def _within_limits(root: Node) -> bool:
    """Fewer than MAX_NODES values, nested at most MAX_DEPTH deep (what the careful loader
    enforces while composing), checked without recursion."""
    count, stack = 0, [(root, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES or depth > MAX_DEPTH:
            return False
        if isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif isinstance(node, MappingNode):
            stack.extend((pair[1], depth + 1) for pair in node.value)
    return True


@dataclass
class YamlDoc:
    """Parsed YAML plus `lines["placements[1].outlet"] == 14` for every key and item."""

    path: PurePosixPath
    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    start_line: int = 1  # reported for a key that is missing altogether

    def line(self, key: str) -> int:
        """Line of `key`, or of its nearest parent that has one (0 when none)."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", key) if re.search(r"[.\[]", key) else ""
        return self.start_line


class _Walker:
    def __init__(self, doc: YamlDoc, line_offset: int) -> None:
        self.doc = doc
        self.offset = line_offset
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def problem(self, node: Node, key: str, message: str) -> None:
        self.problems.append(
            Problem(self.doc.path, node.start_mark.line + 1 + self.offset, key or "(yaml)", message)
        )

    def walk(self, node: Node, key: str) -> None:
        if id(node) in self.seen:  # the composer refuses aliases; this is belt and braces
            self.problem(node, key, msg("yaml.alias"))
            raise _Refused
        self.seen.add(id(node))
        if isinstance(node, MappingNode):
            names: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problem(key_node, key, msg("yaml.key_not_text"))
                    raise _Refused
                name = str(key_node.value)
                path = f"{key}.{name}" if key else name
                if not self._check_key(key_node, key, name, path):
                    continue
                line = key_node.start_mark.line + 1 + self.offset
                if name in names:
                    self.problem(key_node, path, msg("yaml.duplicate_key", line=names[name]))
                names.setdefault(name, line)
                self.doc.lines.setdefault(path, line)
                self.walk(value_node, path)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                path = f"{key}[{index}]"
                self.doc.lines.setdefault(path, item.start_mark.line + 1 + self.offset)
                self.walk(item, path)
        elif isinstance(node, ScalarNode) and node.tag == _INT_TAG:
            digits = sum(c.isdigit() for c in str(node.value))
            if digits > _MAX_DIGITS:
                self.problem(node, key, msg("yaml.long_number", digits=digits))

    def _check_key(self, key_node: ScalarNode, parent: str, name: str, path: str) -> bool:
        if key_node.tag == f"{_STANDARD}merge":
            self.problem(key_node, path, msg("yaml.merge_key"))
            return False
        if key_node.tag == f"{_STANDARD}null":
            self.problem(key_node, parent, msg("yaml.empty_key"))
            return False
        hidden = sorted({f"U+{ord(c):04X}" for c in name if unicodedata.category(c) == "Cf"})
        if hidden:
            shown = "".join(c for c in path if unicodedata.category(c) != "Cf")
            self.problems.append(
                Problem(
                    self.doc.path,
                    key_node.start_mark.line + 1 + self.offset,
                    shown,
                    msg("yaml.hidden_chars", chars="、".join(hidden)),
                )
            )
            return False
        return True


class _Refused(Exception):
    pass


def parse_yaml(
    text: str, path: PurePosixPath, line_offset: int = 0
) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `text` (which starts on line `line_offset + 1` of `path`) safely.

    Returns the document, or None with the problems that prevented reading it.
    """
    doc = YamlDoc(path, None, start_line=max(1, line_offset))
    fast = (
        _FAST_LOADER is not None
        and len(text) < _FAST_MAX_BYTES
        and text.count("[") + text.count("{") < 256
        and not _RISKY.search(text)
    )
    if fast:
        assert _FAST_LOADER is not None
        loader: Any = _FAST_LOADER(text)
        try:
            node = loader.get_single_node()
            fast = node is None or _within_limits(node)
        except yaml.YAMLError:
            fast = False
        if not fast:
            loader.dispose()
    if not fast:
        try:
            loader = _Loader(text)
        except yaml.reader.ReaderError as exc:
            return None, [_unreadable(text, exc, path, line_offset)]
    try:
        try:
            if not fast:
                node = loader.get_single_node()
        except _Refusal as refusal:
            return None, [
                Problem(
                    path, refusal.line + 1 + line_offset, refusal.key or "(yaml)", refusal.message
                )
            ]
        except yaml.reader.ReaderError as exc:
            return None, [_unreadable(text, exc, path, line_offset)]
        except yaml.MarkedYAMLError as exc:
            line, message = explain_syntax_error(text, exc)
            return None, [Problem(path, line + 1 + line_offset, "(yaml)", message)]
        except yaml.YAMLError as exc:
            return None, [
                Problem(path, max(1, line_offset), "(yaml)", msg("yaml.syntax", detail=exc))
            ]
        if node is None:
            return doc, []
        walker = _Walker(doc, line_offset)
        try:
            walker.walk(node, "")
        except _Refused:
            return None, walker.problems
        if walker.problems:
            return None, walker.problems
        try:
            doc.data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = (mark.line + 1 + line_offset) if mark else max(1, line_offset)
            what = exc.problem or "value cannot be read"
            return None, [Problem(path, line, "(yaml)", msg("yaml.error", detail=what))]
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            return None, [
                Problem(path, max(1, line_offset), "(yaml)", msg("yaml.error", detail=exc))
            ]
        return doc, []
    finally:
        loader.dispose()


def _unreadable(
    text: str, exc: yaml.reader.ReaderError, path: PurePosixPath, line_offset: int
) -> Problem:
    """A character YAML refuses outright (a control character, U+FFFE)."""
    line = text.count("\n", 0, max(0, exc.position)) + 1 + line_offset
    return Problem(
        path,
        line,
        "(yaml)",
        msg("yaml.bad_char", code=exc.character),
    )


# What people type instead of YAML: a full-width colon from a Chinese input method, no space
# after the colon, indentation with tabs or full-width spaces, a colon inside a value.
_FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s+)?(?P<key>[^\s:：#\"'{\[][^:：]*?)\s*：")
_NO_SPACE = re.compile(r"^\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/])")
_COLON_IN_VALUE = re.compile(
    r"^\s*(?:-\s+)?(?P<key>[^\s:#\"'{\[][^:]*):\s+(?P<value>[^\"'\s].*:\s)"
)
# A value in straight quotes with the same quote inside: key: "县城管局开展"净化"行动"
_QUOTE_INSIDE = re.compile(
    r"""^\s*(?:-\s+)?(?P<key>[^\s:#"'{\[][^:]*):\s+(?P<value>(?P<q>["'])(?:(?!(?P=q)).)*(?P=q)"""
    r"""(?=[^\s#,}\]]).*(?P=q))\s*(?:#.*)?$"""
)
_TAB = "found character '\\t' that cannot start any token"


def explain_syntax_error(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The 0-based line and a message for people: what was probably typed, and the fix."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else 0
    lines = text.split("\n")
    problem = exc.problem or exc.context or "malformed YAML"
    if problem == _TAB:
        return line, msg("yaml.tab")
    if (
        problem == "found unexpected end of stream"
        and exc.context == "while scanning a quoted scalar"
        and exc.context_mark is not None
    ):
        start = exc.context_mark
        quote = (
            lines[start.line][start.column : start.column + 1] if start.line < len(lines) else '"'
        )
        return start.line, msg("yaml.unclosed_quote", quote=quote)
    # A line YAML took for the start of a longer value is reported where the value ends.
    last = min(line, len(lines) - 1)
    for number in range(last, max(-1, last - 3), -1):
        hint = explain_line(lines[number], is_error_line=number == line)
        if hint:
            return number, hint
    return line, msg("yaml.syntax", detail=problem)


def explain_line(line: str, *, is_error_line: bool = True) -> str | None:
    """What is wrong with one line of would-be YAML, or None when it looks fine."""
    if line.startswith("\t") or (is_error_line and "\t" in line):
        return msg("yaml.tab")
    if line.startswith("\u3000"):
        return msg("yaml.full_width_space")
    match = _QUOTE_INSIDE.match(line)
    if match:
        # 标题里的引号: "县城管局开展"净化"行动" ends at the second straight quote.
        key, inner = match["key"].strip(), match["value"][1:-1]
        if match["value"][0] == '"':
            return msg("yaml.quote_inside", key=key, fixed=_curly_quotes(inner))
        return msg("yaml.single_quote_inside", key=key, fixed=inner)
    match = _FULL_WIDTH_COLON.match(line)
    if match:
        key = match["key"].strip()
        return msg("yaml.full_width_colon", key=key)
    match = _NO_SPACE.match(line)
    if match:
        return msg("yaml.no_space", key=match["key"], value=match["value"])
    if is_error_line:
        match = _COLON_IN_VALUE.match(line)
        if match:
            return msg("yaml.colon_in_value", key=match["key"].strip())
    return None


def _curly_quotes(text: str) -> str:
    """Straight double quotes as Chinese ones, alternately opening and closing: “净化”."""
    parts = text.split('"')
    return "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]
