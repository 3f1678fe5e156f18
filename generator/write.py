"""All-or-nothing output: build into a staging directory beside the site, then swap it in;
single files (sheets, PDFs, edited articles, records) written beside their target and renamed.

The site that is online stays whole until the new one is complete. On Linux the swap is a
single `renameat2(RENAME_EXCHANGE)`, so there is no instant without a site; elsewhere it is
two renames a few microseconds apart. Stop signals are held back during the swap and the
clean-up, and folders left by a build that was killed outright are removed by the next one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import sys
import tempfile
import threading
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


class InterruptedAfterSwap(KeyboardInterrupt):
    """Interrupted while the new site was being swapped in: it is complete and online."""


# The signals that stop a build; held back while the site is swapped and staging removed, so
# an interruption never leaves half a swap or a half-deleted folder behind.
_STOP_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT/SIGTERM/SIGHUP to the end of the block (where POSIX allows it)."""
    if not _can_hold():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a held signal fires here


def _can_hold() -> bool:
    return hasattr(signal, "pthread_sigmask") and (
        threading.current_thread() is threading.main_thread()
    )


def swap_in(staging: Path, target: Path) -> None:
    """Make `staging` the new `target`; the old target is removed afterwards.

    Raises InterruptedAfterSwap when a stop signal came in meanwhile: it is acted on only
    once the new site is in place and nothing is left behind.
    """
    held = _can_hold()
    try:
        with _signals_held():
            _swap(staging, target)
    except KeyboardInterrupt:
        if held:
            raise InterruptedAfterSwap from None
        raise


def _swap(staging: Path, target: Path) -> None:
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


def _stale_prefixes(target: Path) -> tuple[str, str]:
    return f".{target.name}.building-", f".{target.name}.old-"


def remove_stale(target: Path) -> list[Path]:
    """Staging folders left by builds that were killed outright (SIGKILL, power cut).

    A folder is stale when the process named in it is gone; a running build's is left alone.
    """
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for path in sorted(target.parent.iterdir()):
        rest = next(
            (path.name[len(p) :] for p in _stale_prefixes(target) if path.name.startswith(p)), None
        )
        if rest is None or not path.is_dir() or path.is_symlink():
            continue
        pid = rest.split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with _signals_held():
                shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers cannot be in use: this build has not started yet
    if sys.platform == "win32":
        # On Windows os.kill(pid, 0) is not a probe: 0 is CTRL_C_EVENT, sent to a console.
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _windows_alive(pid: int) -> bool:
    """Whether a process exists, asked the Windows way (OpenProcess, GetExitCodeProcess)."""
    if sys.platform != "win32":
        raise NotImplementedError
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(ctypes.get_last_error() == 5)  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == 259)  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


@contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """A fresh directory beside `target`, removed on any failure or interruption."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    prefix = f"{_stale_prefixes(target)[0]}{os.getpid()}-"
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    # mkdtemp makes the directory private (0700); a site must be readable by the web server.
    mask = os.umask(0)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)
    try:
        yield staging
    finally:
        # A second Ctrl-C during the clean-up must not leave half a folder behind.
        with _signals_held():
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def build_atomically(target: Path, build: Callable[[Path], None]) -> None:
    """Run `build(staging)`; swap the result in only if it returns normally."""
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} exists and is not a folder")
    with staging_dir(target) as staging:
        build(staging)
        swap_in(staging, target.resolve())


def write_outputs(site_dir: Path, outputs: dict[str, bytes]) -> None:
    """Write generated files (feeds, exports) into the site; never outside it, never twice."""
    root = site_dir.resolve()
    folders: dict[str, Path] = {}  # resolved once per folder: thousands of files share a few
    for rel, data in sorted(outputs.items()):
        folder_name, _, name = rel.rpartition("/")
        folder = folders.get(folder_name)
        if folder is None:
            folder = folders[folder_name] = (root / folder_name).resolve()
        path = folder / name
        if name in ("", ".", "..") or not folder.is_relative_to(root):
            raise ValueError(f"refusing to write outside the site: {rel}")
        if path.exists():
            raise ValueError(f"refusing to overwrite {rel}: two outputs share one path")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def atomic_file(target: Path, data: bytes) -> None:
    """Write `data` beside `target`, then rename it over: a reader never sees half a file.

    A file that is replaced keeps its permissions; a new one gets the umask's.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        Path(temp).chmod(mode)
        Path(temp).replace(target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
