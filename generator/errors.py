"""Problems found in content, reported to the staff member who typed the file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath

# Control characters a terminal would act on (ESC sequences move the cursor, clear the screen,
# retitle the window): a problem quotes what a citizen or a media feed typed, so they are shown
# as `\x1b`, never sent. Tab and newline stay (messages use them).
_INVISIBLE: dict[int, str] = {
    c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if chr(c) not in "\t\n"
}


def visible(text: str) -> str:
    r"""`text` with control characters shown as escapes (`\x1b`), fit for a terminal."""
    return text.translate(_INVISIBLE)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one file, e.g. `content/articles/x.md:4: squad: ...`."""

    path: PurePosixPath  # relative to the portal root
    line: int  # 1-based line of the key; 0 = the whole file
    field: str  # "squad", "placements[1].outlet", a CSV column
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return visible(f"{self.path}:{self.line}: {self.field}: {self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class ContentError(Exception):
    """Raised once, after every file was checked, when any problem is an error."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        errors = [p for p in self.problems if p.is_error]
        super().__init__(f"{len(errors)} content error(s):\n" + "\n".join(map(str, errors)))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)
