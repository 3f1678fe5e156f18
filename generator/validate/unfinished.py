"""Unfinished articles: the placeholders `portal import` leaves, and problems in drafts.

`portal import` writes what it could not determine as a placeholder, never as a guess:
`squad: TODO`, `title: "（待定标题）"`. An article that is not published (`status: draft`,
or `rejected`) is not on the site, so what is wrong with it must not stop the site from being
built: its problems are warnings, and one whose front matter has a problem is left out of the
信息报送 counts until it is fixed (a piece without its unit or its date cannot be counted
anywhere). Once it is `published`, the same problems are errors, and a placeholder says
plainly that the field is still to be filled in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from generator.errors import Problem, Severity

TODO = "TODO"  # what `portal import` writes for a value it could not determine
UNTITLED = "（待定标题）"  # the title it writes when the manuscript has none
_TODO = re.compile(r"\s*TODO(?![A-Za-z0-9_])", re.IGNORECASE)


def is_placeholder(value: object) -> bool:
    """`TODO` (also `todo`, `TODO：白洋中队？`) or the import's untitled title."""
    if not isinstance(value, str):
        return False
    return value.strip() == UNTITLED or _TODO.match(value) is not None


def placeholders(data: Mapping[str, Any], keys: Iterable[str]) -> dict[str, str]:
    """The `keys` of `data` whose value is still a placeholder, with that value."""
    return {key: str(data[key]).strip() for key in keys if is_placeholder(data.get(key))}


def as_warnings(problems: Iterable[Problem]) -> list[Problem]:
    """The problems of an article that is not published: none of them stops the build."""
    return [replace(p, severity=Severity.WARNING) for p in problems]
