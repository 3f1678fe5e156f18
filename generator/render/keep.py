"""What a renderer asks before it makes an output that an incremental build may keep.

`keep(path, *inputs)` is True when the site already has the file these inputs make (the
dependency record, generator/record.py, knows); the renderer then leaves the file out of what
it returns. A renderer passes every value the file is made from besides the settings and the
templates, which are part of every key. A path ending in "/" names a group of files made
together (the search index); the keeper's `made(outputs)`, if it has one, is then given
exactly the group's files. Builds without a record use `never`.
"""

from __future__ import annotations

from collections.abc import Callable

Keep = Callable[..., bool]


def never(path: str, *inputs: object) -> bool:
    """Nothing is kept: every output is made."""
    return False
