"""`portal adoption --apply`: the accepted 用稿 placements inserted into the articles' front
matter as new text lines, every other byte of each file left as it was, each file checked
after the insertion and replaced atomically."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.adoption import Proposal
from generator.messages import msg
from generator.write import atomic_file


class ApplyError(Exception):
    """The front matter's `placements` could not be extended by inserting text."""


@dataclass(frozen=True)
class NewPlacement:
    outlet: str
    day: date
    section: str = ""
    url: str = ""

    def fields(self) -> list[tuple[str, str]]:
        pairs = [("outlet", self.outlet), ("date", self.day.isoformat())]
        if self.section:
            pairs.append(("section", _scalar(self.section)))
        if self.url:
            pairs.append(("url", json.dumps(self.url, ensure_ascii=False)))
        return pairs


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\"']*")


def _scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when it reads back as the same string, else quoted."""
    if _PLAIN.fullmatch(text) and text == text.strip():
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


@dataclass
class _Lines:
    """A file as lines with their own endings, so that unchanged lines keep every byte."""

    lines: list[str]
    newline: str
    bom: str = ""
    inserted: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> _Lines:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text[len(bom) :]
        newline = "\r\n" if "\r\n" in body else "\n"
        return cls(body.splitlines(keepends=True), newline, bom)

    def text(self) -> str:
        return self.bom + "".join(self.lines)


def _last_leaf(node: Node) -> Node:
    while isinstance(node, SequenceNode | MappingNode) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def insert_placements(text: str, new: Sequence[NewPlacement]) -> str:
    """`text` (a Markdown file) with `new` added to its front matter's `placements`.

    Only text is inserted: new lines after the last recorded placement, in the style of the
    ones there (flow `- {outlet: …}` or block), or a `placements:` block before the closing
    `---`; in a one-line `placements: [...]`, the new items go before its `]`. Every other
    byte of the file, comments and quoting included, stays as it was.
    """
    if not new:
        return text
    doc = _Lines.of(text)
    lines = doc.lines
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise ApplyError(msg("adoption.no_front_matter"))
    close = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip() in ("---", "...")),
        None,
    )
    if close is None:
        raise ApplyError(msg("adoption.not_closed"))
    meta = "".join(line.rstrip("\r\n") + "\n" for line in lines[1:close])
    try:
        root = yaml.compose(meta, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ApplyError(msg("adoption.bad_yaml", detail=exc)) from None
    if not isinstance(root, MappingNode):
        raise ApplyError(msg("adoption.not_mapping"))
    nl = doc.newline
    entry = next(
        ((k, v) for k, v in root.value if isinstance(k, ScalarNode) and k.value == "placements"),
        None,
    )

    def flow(p: NewPlacement) -> str:
        return "{" + ", ".join(f"{k}: {v}" for k, v in p.fields()) + "}"

    if entry is None:
        added = [f"placements:{nl}", *(f"  - {flow(p)}{nl}" for p in new)]
        lines[close:close] = added
    else:
        key, value = entry
        if isinstance(value, SequenceNode) and value.flow_style:
            # `placements: [...]`: the new items go in before the closing bracket.
            line, column = value.end_mark.line + 1, value.end_mark.column - 1
            current = lines[line]
            joiner = ", " if value.value else ""
            items = ", ".join(flow(p) for p in new)
            lines[line] = current[:column] + joiner + items + current[column:]
        elif isinstance(value, SequenceNode) and value.value:
            first = value.value[0]
            first_line = lines[first.start_mark.line + 1]
            dash = first_line.rfind("-", 0, first.start_mark.column)
            if dash < 0:
                raise ApplyError(msg("adoption.indent"))
            indent = first_line[:dash]
            end = _last_leaf(value.value[-1]).end_mark
            at = end.line + 1 + (1 if end.column > 0 else 0)
            if isinstance(first, MappingNode) and not first.flow_style:
                pad = " " * (first.start_mark.column - dash - 1)
                added = []
                for p in new:
                    pairs = p.fields()
                    added.append(f"{indent}-{pad}{pairs[0][0]}: {pairs[0][1]}{nl}")
                    inner = indent + " " * (first.start_mark.column - len(indent))
                    added += [f"{inner}{k}: {v}{nl}" for k, v in pairs[1:]]
            else:
                pad = " " * (first.start_mark.column - dash - 1) or " "
                added = [f"{indent}-{pad}{flow(p)}{nl}" for p in new]
            if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
                lines[at - 1] += nl
            lines[at:at] = added
        elif isinstance(value, ScalarNode) and value.tag.endswith(":null") and not value.value:
            # `placements:` with nothing after it.
            at = key.start_mark.line + 2
            lines[at:at] = [f"  - {flow(p)}{nl}" for p in new]
        else:
            raise ApplyError(msg("adoption.not_a_list"))
    return doc.text()


def apply_proposals(root: Path, proposals: Sequence[Proposal]) -> dict[Path, int]:
    """Write the applicable proposals into their articles; returns placements added per file.

    Each file is checked after the insertion (its placements must be the old ones plus the
    new, in order) and replaced atomically; a file that cannot be extended is left untouched.
    """
    by_file: dict[Path, list[NewPlacement]] = {}
    for p in proposals:
        if not p.applicable or p.item.day is None:
            continue
        path = root / p.article.source
        placement = NewPlacement(p.outlet.id, p.item.day, p.item.section, p.item.link)
        if placement not in by_file.setdefault(path, []):
            by_file[path].append(placement)
    written: dict[Path, int] = {}
    for path, new in sorted(by_file.items()):
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        updated = insert_placements(text, sorted(new, key=lambda n: (n.day, n.outlet)))
        _check(text, updated, new, path)
        atomic_file(path, updated.encode("utf-8"))
        written[path] = len(new)
    return written


def _placements_of(text: str) -> list[dict[str, str]]:
    body = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    end = next(i for i in range(1, len(body)) if body[i].rstrip() in ("---", "..."))
    data = yaml.load("\n".join(body[1:end]), Loader=_TextLoader) or {}
    return [{str(k): str(v) for k, v in item.items()} for item in data.get("placements") or []]


class _TextLoader(yaml.SafeLoader):
    """Dates stay text, as in the portal's own loader."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _check(before: str, after: str, new: Sequence[NewPlacement], path: Path) -> None:
    expected = _placements_of(before) + [
        {k: (json.loads(v) if v.startswith('"') else v) for k, v in p.fields()}
        for p in sorted(new, key=lambda n: (n.day, n.outlet))
    ]
    if _placements_of(after) != expected:
        raise ApplyError(msg("adoption.read_back", path=path))
