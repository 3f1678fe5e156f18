"""校对: wording a government website must never print, found in the bureau's own text.

The list ships as generator/data/proofread.yml (with its sources); a bureau adds entries in
content/proofread.yml. Each hit is `path:line: text: …`, the line of the file where it is.
Citizens' own words (suggestions, askers) are not the bureau's to correct and are not read;
the bureau's replies are. A `wrong` form that sits inside a longer correct word listed in
`except` (按装 in 按装订线) is not a hit.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

import yaml

from generator.errors import Problem, Severity
from generator.messages import msg
from generator.model import Portal

KINDS = ("严重错误", "错别字", "机构名称")
BUREAU_FILE = "proofread.yml"


@dataclass(frozen=True)
class Entry:
    wrong: str
    right: str
    kind: str
    source: str
    exceptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    path: PurePosixPath
    line: int
    entry: Entry

    def problem(self) -> Problem:
        e = self.entry
        message = msg("proofread.hit", kind=e.kind, wrong=e.wrong, right=e.right, source=e.source)
        return Problem(self.path, self.line, "text", message, Severity.WARNING)


def shipped_entries() -> tuple[Entry, ...]:
    text = resources.files("generator").joinpath("data/proofread.yml").read_text(encoding="utf-8")
    return parse_entries(yaml.safe_load(text), "generator/data/proofread.yml")[0]


def parse_entries(data: object, where: str) -> tuple[tuple[Entry, ...], list[str]]:
    """Entries from a proofread.yml document, and what is wrong with it (Chinese messages)."""
    if data is None:
        return (), []
    if isinstance(data, list):
        data = {"entries": data}
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        return (), [f"{where}: " + msg("proofread.not_a_list")]
    named = {str(k): str(v) for k, v in (data.get("sources") or {}).items()}
    entries: list[Entry] = []
    errors: list[str] = []
    for index, item in enumerate(data.get("entries") or []):
        if not isinstance(item, dict) or not item.get("wrong") or not item.get("right"):
            errors.append(f"{where}: entries[{index}]: " + msg("proofread.wrong_right"))
            continue
        kind = str(item.get("kind") or "错别字")
        if kind not in KINDS:
            kinds = "、".join(KINDS)
            errors.append(
                f"{where}: entries[{index}].kind: " + msg("proofread.kind", kind=kind, kinds=kinds)
            )
            continue
        source = str(item.get("source") or "本单位校对表")
        exceptions = item.get("except") or []
        entries.append(
            Entry(
                str(item["wrong"]),
                str(item["right"]),
                kind,
                named.get(source, source),
                tuple(str(e) for e in exceptions) if isinstance(exceptions, list) else (),
            )
        )
    return tuple(entries), errors


class Proofreader:
    """All entries in one regular expression: one pass over each line."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.entries = {e.wrong: e for e in entries}
        words = sorted(self.entries, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def hits(self, text: str) -> list[Entry]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            entry = self.entries[match[0]]
            if not _inside_exception(text, match.start(), entry):
                found.append(entry)
        return found

    def scan(self, path: PurePosixPath, text: str, first_line: int = 1) -> list[Hit]:
        if self.pattern is None or not self.pattern.search(text):
            return []
        return [
            Hit(path, number, entry)
            for number, line in enumerate(text.splitlines(), first_line)
            for entry in self.hits(line)
        ]


def _inside_exception(text: str, start: int, entry: Entry) -> bool:
    for word in entry.exceptions:
        offset = word.find(entry.wrong)
        while offset >= 0:
            begin = start - offset
            if begin >= 0 and text[begin : begin + len(word)] == word:
                return True
            offset = word.find(entry.wrong, offset + 1)
    return False


def bureau_entries(content: Path, rel: PurePosixPath) -> tuple[tuple[Entry, ...], list[Problem]]:
    path = content / BUREAU_FILE
    if not path.is_file():
        return (), []
    where = rel / BUREAU_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        unreadable = msg("proofread.bad_yaml", detail=exc)
        return (), [Problem(where, 0, "(file)", unreadable, Severity.WARNING)]
    entries, errors = parse_entries(data, str(where))
    return entries, [
        Problem(where, 0, "entries", e.removeprefix(f"{where}: "), Severity.WARNING) for e in errors
    ]


def proofread(portal: Portal, root: Path, content_dir: Path) -> tuple[list[Hit], list[Problem]]:
    """Every hit in the bureau's text, and problems with content/proofread.yml."""
    content = root / content_dir
    rel = PurePosixPath(content_dir.as_posix())
    own, problems = bureau_entries(content, rel)
    reader = Proofreader((*shipped_entries(), *own))
    hits: list[Hit] = []
    sources = [a.source for a in portal.articles if a.is_published]
    sources += [q.source for q in portal.questions] + [g.source for g in portal.regulations]
    sources += [p.source for p in portal.pages]
    for source in sources:
        try:
            text = (root / source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        hits += reader.scan(PurePosixPath(source), text)
    for campaign in portal.campaigns:
        settings_file = campaign.source / "campaign.yml"
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = (root / settings_file).read_text(encoding="utf-8-sig")
            hits += reader.scan(settings_file, text)
        for s in campaign.suggestions:
            # The bureau's reply, not the citizen's words; its spreadsheet row.
            hits += [
                Hit(campaign.source / "submissions.csv", s.row, e) for e in reader.hits(s.reply)
            ]
    return sorted(hits, key=lambda h: (h.path, h.line)), problems
