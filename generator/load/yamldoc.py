"""Line-aware, safe YAML: every key and list item remembers the line it was typed on.

We parse once with PyYAML's SafeLoader (compose, then construct), walking the node tree to
record lines. Timestamps are *not* resolved by YAML: dates stay text so that `clock.parse_when`
can apply Beijing time and report impossible dates as content errors, not tracebacks.
Anchors/aliases are refused: front matter never needs them, and refusing them defuses
"billion laughs" documents before anything is expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem

MAX_NODES = 20_000


class _Loader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type (dates stay strings)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
            Problem(self.doc.path, node.start_mark.line + 1 + self.offset, key or "(file)", message)
        )

    def walk(self, node: Node, key: str) -> None:
        if id(node) in self.seen:
            self.problem(node, key, "YAML anchors and aliases (& and *) are not allowed here")
            raise _Refused
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            self.problem(node, key, f"document too large (more than {MAX_NODES} YAML nodes)")
            raise _Refused
        if isinstance(node, MappingNode):
            names: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problem(key_node, key, "a key must be plain text")
                    raise _Refused
                name = str(key_node.value)
                path = f"{key}.{name}" if key else name
                line = key_node.start_mark.line + 1 + self.offset
                if name in names:
                    self.problem(
                        key_node, path, f"duplicate key (first given on line {names[name]})"
                    )
                names.setdefault(name, line)
                self.doc.lines.setdefault(path, line)
                self.walk(value_node, path)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                path = f"{key}[{index}]"
                self.doc.lines.setdefault(path, item.start_mark.line + 1 + self.offset)
                self.walk(item, path)


class _Refused(Exception):
    pass


def parse_yaml(
    text: str, path: PurePosixPath, line_offset: int = 0
) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `text` (which starts on line `line_offset + 1` of `path`) safely.

    Returns the document, or None with the problems that prevented reading it.
    """
    doc = YamlDoc(path, None, start_line=max(1, line_offset))
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = (mark.line + 1 + line_offset) if mark else line_offset
            what = exc.problem or exc.context or "malformed YAML"
            return None, [Problem(path, line, "(yaml)", f"YAML syntax error: {what}")]
        except yaml.YAMLError as exc:
            return None, [Problem(path, line_offset, "(yaml)", f"YAML syntax error: {exc}")]
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
            line = (mark.line + 1 + line_offset) if mark else line_offset
            what = exc.problem or "value cannot be read"
            return None, [Problem(path, line, "(yaml)", f"YAML error: {what}")]
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            return None, [Problem(path, line_offset, "(yaml)", f"YAML error: {exc}")]
        return doc, []
    finally:
        loader.dispose()
