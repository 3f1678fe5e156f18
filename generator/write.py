"""All-or-nothing output: build into a staging directory beside the site, then swap it in.

The site that is online stays whole until the new one is complete. On Linux the swap is a
single `renameat2(RENAME_EXCHANGE)`, so there is no instant without a site; elsewhere it is
two renames a few microseconds apart.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when the platform cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def swap_in(staging: Path, target: Path) -> None:
    """Make `staging` the new `target`; the old target is removed afterwards."""
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old)


@contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """A fresh directory beside `target`, removed on any failure or interruption."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    # mkdtemp makes the directory private (0700); a site must be readable by the web server.
    mask = os.umask(0)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)
    try:
        yield staging
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def build_atomically(target: Path, build: Callable[[Path], None]) -> None:
    """Run `build(staging)`; swap the result in only if it returns normally."""
    with staging_dir(target) as staging:
        build(staging)
        swap_in(staging, target.resolve())


def write_outputs(site_dir: Path, outputs: dict[str, bytes]) -> None:
    """Write generated files (feeds, exports) into the site; never outside it, never twice."""
    root = site_dir.resolve()
    for rel, data in sorted(outputs.items()):
        path = (root / rel).resolve()
        if not path.is_relative_to(root) or path == root:
            raise ValueError(f"refusing to write outside the site: {rel}")
        if path.exists():
            raise ValueError(f"refusing to overwrite {rel}: two outputs share one path")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
