"""The search's synonym table (同义词表): groups of words a search treats as one.

Residents type 养狗, 违章搭建 and 摆摊; the bureau writes 养犬, 违法建设 and 占道经营. The
table ships with portal (`generator/data/synonyms.txt`); a portal may replace it with its own
file (`synonyms:` in mkdocs.yml). One group a line, words separated by spaces or 、/，; `#`
starts a note.
"""

from __future__ import annotations

import re
import unicodedata
from importlib.resources import files
from pathlib import Path, PurePosixPath

from generator.errors import Problem
from generator.messages import msg

DEFAULT = "data/synonyms.txt"
_SEPARATORS = re.compile(r"[\s、,/]+")  # after NFKC, full-width commas and slashes are these
_WORD = re.compile(r"[0-9a-z\u3400-\u9fff\uf900-\ufaff]+")

Groups = tuple[tuple[str, ...], ...]


def parse_synonyms(text: str, path: PurePosixPath, problems: list[Problem]) -> Groups:
    """The groups of `text`; each malformed line is a problem naming its line, and is left out."""
    groups: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        # The index holds words as the search normalises them (half width, lower case).
        line = unicodedata.normalize("NFKC", raw.split("#", 1)[0]).lower().strip()
        if not line:
            continue
        words: list[str] = []
        for word in _SEPARATORS.split(line):
            if not _WORD.fullmatch(word):
                message = msg("synonyms.symbol", word=word)
            elif len(word) < 2:
                message = msg("synonyms.one_character", word=word)
            elif word in seen:
                message = msg("synonyms.in_two_groups", word=word, line=seen[word])
            else:
                message = ""
            if message:
                problems.append(Problem(path, number, "同义词", message))
            elif word not in words:
                words.append(word)
        for word in words:
            seen[word] = number
        if len(words) == 1:
            problems.append(Problem(path, number, "同义词", msg("synonyms.alone", word=words[0])))
        elif words:
            groups.append(tuple(words))
    return tuple(groups)


def load_synonyms(root: Path, file: str | None, problems: list[Problem]) -> Groups:
    """The portal's synonym file (relative to `root`), else the table shipped with portal."""
    if file is None:
        text = files("generator").joinpath(DEFAULT).read_text(encoding="utf-8")
        return parse_synonyms(text, PurePosixPath("generator", DEFAULT), problems)
    path = root / file
    rel = PurePosixPath(Path(file).as_posix())
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(rel, 0, "synonyms", msg("synonyms.missing")))
        return ()
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, 0, "synonyms", msg("synonyms.unreadable", detail=exc)))
        return ()
    return parse_synonyms(text, rel, problems)
