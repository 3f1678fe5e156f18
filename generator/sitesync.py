"""Put a build into the site, writing only the files whose bytes changed.

A build writes into a staging folder beside the site (write.py). The first build, or one
without a usable record (record.py), swaps the whole folder in, as before. Every later build
renders only the groups whose inputs changed, so its staging folder holds those files plus
MkDocs' own pages and the theme's assets; this module then moves into the site each file
whose bytes differ from the recorded ones (an atomic rename on the same file system), keeps
every other file as it is (same inode, same mtime: rsync and CDNs move only what changed) and
deletes the files no group made any more.

Nothing is moved before the whole build has succeeded: content errors, template errors and
leaks found by the audit stop it while the site is untouched. Stop signals are held back
while files are moved, and a failure while moving (a full disk) voids the record, so the next
build starts from nothing rather than trust a half-updated site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from generator.record import OutputRecord, Signature
from generator.write import _signals_held, build_atomically, staging_dir


def update_site(
    target: Path, root: Path, record: OutputRecord, build: Callable[[Path], None]
) -> tuple[OutputRecord, list[str]]:
    """Run `build(staging)` and bring `target` up to date with it.

    Returns the record of the new site and the site paths that changed (written or deleted),
    for a preview to reload.
    """
    if not record.usable or not target.is_dir():
        build_atomically(target, build)
        files = signatures(target)
        return record.next(files), sorted(files)
    with staging_dir(target) as staging:
        build(staging)
        try:
            with _signals_held():
                return _sync(staging, target.resolve(), record)
        except OSError:
            record.forget(root)  # the site may be half updated: rebuild it all next time
            raise


def signatures(site: Path) -> dict[str, Signature]:
    """Every file of `site` with its hash, size and mtime."""
    found: dict[str, Signature] = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder) / name
            data = path.read_bytes()
            st = path.stat()
            rel = path.relative_to(site).as_posix()
            found[rel] = Signature(hashlib.sha256(data).hexdigest(), st.st_size, st.st_mtime_ns)
    return found


def _sync(staging: Path, site: Path, record: OutputRecord) -> tuple[OutputRecord, list[str]]:
    files: dict[str, Signature] = {}
    changed: list[str] = []
    for folder, _, names in os.walk(staging):
        for name in names:
            source = Path(folder) / name
            rel = source.relative_to(staging).as_posix()
            data = source.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            old = record.files.get(rel)
            if old is not None and old.sha == sha and record.intact(rel):
                files[rel] = old
                continue
            destination = site / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            if destination.is_dir() and not destination.is_symlink():
                shutil.rmtree(destination)
            source.replace(destination)
            st = destination.stat()
            files[rel] = Signature(sha, st.st_size, st.st_mtime_ns)
            changed.append(rel)
    for rel in record.kept_files():
        files.setdefault(rel, record.files[rel])
    for rel in record.files:
        if rel not in files:
            _remove(site, rel)
            changed.append(rel)
    return record.next(files), sorted(changed)


def _remove(site: Path, rel: str) -> None:
    """Delete a file no build makes any more, and the folders it leaves empty."""
    path = site / rel
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        return
    folder = path.parent
    while folder != site and folder.is_relative_to(site):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
