"""Evidence as an inspector reads it: `path:line` of the key that holds a fact."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath


def key_line(root: Path, source: PurePosixPath | str, key: str) -> str:
    """`content/articles/x.md:3` for the line of `key:` in the file's front matter (the file
    alone when the key is not found)."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    try:
        with (root / source).open(encoding="utf-8-sig") as handle:
            for number, text in enumerate(handle, 1):
                if pattern.match(text):
                    return f"{source}:{number}"
                if number > 80:
                    break
    except (OSError, UnicodeDecodeError):
        pass
    return f"{source}"
