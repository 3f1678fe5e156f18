"""Nothing changed, nothing to build: `portal build` recognises a site that is already the
one its inputs would give.

A build is a function of its inputs: the content folder, mkdocs.yml (as MkDocs read it), the
theme overrides, portal's own code and templates, the versions of the libraries that render,
SOURCE_DATE_EPOCH and `--strict`; never the clock (tests/test_reproducible.py). After a
build, `.portal-cache/site.json` records a fingerprint of those inputs, the hash of every file
of the site and the warnings the build printed. The next `portal build` with the same
fingerprint, into a site folder whose files still hash the same, prints those warnings and
leaves the site as it is: the same bytes a new build would write. Anything else, a changed
article, squad or template, a site someone edited by hand, builds as usual (with the caches
of cache.py), so a stale site is never kept.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.cache import CACHE_DIR, fingerprint
from generator.write import atomic_file

RECORD = "site.json"
# The libraries whose versions change what a build writes.
LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "markupsafe",
    "pyyaml",
    "rjieba",
    "nh3",
    "lxml",
    "segno",
    "pypinyin",
    "tzdata",
)


def _tree_digest(folder: Path, digest: Any) -> None:
    if not folder.is_dir():
        digest.update(b"(none)")
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())


_ENV = re.compile(r"!ENV\s+\[?\s*([A-Za-z_][\w, ]*)")
_INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.M)


def _config_digest(config_file: Path, digest: Any) -> None:
    """mkdocs.yml as MkDocs reads it: its text, a file it INHERITs, the !ENV values it uses."""
    text = config_file.read_text(encoding="utf-8")
    digest.update(text.encode())
    for match in _INHERIT.finditer(text):
        parent = config_file.parent / match[1].strip()
        if parent.is_file():
            _config_digest(parent, digest)
    for match in _ENV.finditer(text):
        for name in match[1].split(","):
            value = os.environ.get(name.strip())
            digest.update(f"{name.strip()}={value}".encode())


def inputs_fingerprint(
    config_file: Path, content: Path, theme_dirs: Iterable[Path], strict: bool
) -> str:
    """A hash of everything a build reads (see the module's docstring)."""
    digest = hashlib.sha256()
    digest.update(str(content).encode())
    _tree_digest(content, digest)
    return fingerprint(
        "site", digest.hexdigest(), setup_fingerprint(config_file, theme_dirs, strict)
    )


def setup_fingerprint(config_file: Path, theme_dirs: Iterable[Path], strict: bool) -> str:
    """A hash of what a build reads besides the content: mkdocs.yml, the theme overrides,
    portal's code and templates, the libraries' versions, SOURCE_DATE_EPOCH, `--strict`."""
    digest = hashlib.sha256()
    _config_digest(config_file, digest)
    for folder in [*theme_dirs, Path(__file__).resolve().parent]:
        digest.update(str(folder).encode())
        _tree_digest(folder, digest)
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    digest.update("\n".join(versions).encode())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return fingerprint("setup", digest.hexdigest(), epoch, str(strict))


def site_hashes(site: Path) -> dict[str, str]:
    """Every file of the site and the hash of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def unchanged(
    root: Path, key: str, site: Path, current: Callable[[Path], dict[str, str]] = site_hashes
) -> list[str] | None:
    """The warnings of the build that made `site`, if it is what inputs `key` give; else None.

    `current` gives the site's files and their hashes (by default, by reading every file;
    record.py answers from sizes and mtimes)."""
    try:
        record = json.loads((root / CACHE_DIR / RECORD).read_text(encoding="utf-8"))
        if record["key"] != key or not site.is_dir():
            return None
        if current(site) != record["files"]:
            return None
        return [str(w) for w in record["warnings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(
    root: Path, key: str, site: Path, warnings: list[str], files: dict[str, str] | None = None
) -> None:
    """Record the site a build with inputs `key` made (atomically: a torn record is none);
    `files`, the hash of every file, when the build knows them."""
    folder = root / CACHE_DIR
    try:
        hashes = site_hashes(site) if files is None else dict(sorted(files.items()))
        data = {"key": key, "files": hashes, "warnings": warnings}
        atomic_file(folder / RECORD, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass
