"""Reading content files as text and splitting Markdown front matter from the body."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import Problem, Severity
from generator.load.yamldoc import YamlDoc, parse_yaml

MAX_BYTES = 2 * 1024 * 1024
_FENCE = "---"


@dataclass(frozen=True)
class MarkdownDoc:
    """A Markdown file: its front matter (with key lines) and its body."""

    meta: YamlDoc
    body: str
    body_line: int  # 1-based line where the body starts


def read_text(path: Path, rel: PurePosixPath) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file (a BOM is accepted); other encodings are a clear problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(rel, 0, "(file)", f"cannot be read: {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        size = len(raw) // 1024
        return None, [
            Problem(rel, 0, "(file)", f"file is {size} KB; the limit is {MAX_BYTES // 1024} KB")
        ]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [Problem(rel, 0, "(file)", "file is UTF-16; save it as UTF-8 (保存为 UTF-8)")]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "; it looks like GBK/GB18030, save it as UTF-8 (另存为 UTF-8)"
        except UnicodeDecodeError:
            pass
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "(file)", f"not valid UTF-8 text{hint}")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    if _CONTROL.search(text):
        # Pasted from Word or WeChat: a manual line break (U+000B) becomes a new line, other
        # control characters are dropped, and the staff are told where.
        for number, line_text in enumerate(text.split("\n"), start=1):
            bad = sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(line_text)})
            if bad:
                problems.append(
                    Problem(
                        rel,
                        number,
                        "(file)",
                        f"control character(s) {', '.join(bad)} removed",
                        Severity.WARNING,
                    )
                )
        text = _CONTROL.sub("", text.replace("\x0b", "\n"))
    return text, problems


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def split_markdown(text: str, rel: PurePosixPath) -> tuple[MarkdownDoc | None, list[Problem]]:
    """Split `---` front matter from the body and parse it with line numbers."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        return None, [
            Problem(rel, 1, "(front matter)", "file must start with front matter between --- lines")
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            break
    else:
        return None, [
            Problem(rel, 1, "(front matter)", "front matter is not closed: add a line with ---")
        ]
    meta_text = "\n".join(lines[1:index])
    doc, problems = parse_yaml(meta_text, rel, line_offset=1)
    if doc is None:
        return None, problems
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        return None, [Problem(rel, 2, "(front matter)", "front matter must be key: value lines")]
    body = "\n".join(lines[index + 1 :])
    return MarkdownDoc(doc, body, index + 2), problems


def load_markdown(path: Path, rel: PurePosixPath) -> tuple[MarkdownDoc | None, list[Problem]]:
    """Read and split one Markdown file; all problems found are returned."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    doc, more = split_markdown(text, rel)
    return doc, problems + more


def load_yaml_file(path: Path, rel: PurePosixPath) -> tuple[YamlDoc | None, list[Problem]]:
    """Read one YAML registry file (squads.yml, outlets.yml, ...)."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    doc, more = parse_yaml(text, rel)
    return doc, problems + more
