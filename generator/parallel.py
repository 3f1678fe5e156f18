"""Pure work spread over the machine's cores, for the slow steps of a cold build.

A county archive's first build segments thousands of texts with jieba and renders thousands
of Markdown bodies; both are pure functions of their inputs. On a machine with several cores
they run in forked worker processes, which share the parent's loaded state (jieba's
dictionary, MkDocs' configuration) copy-on-write instead of pickling it. Results come back in
the order of the inputs, so the output is the same bytes as a sequential run.

Forking is only safe when the process has no other threads (a child gets only the forking
thread, and another thread's locks would stay locked in it): under `portal serve`, or with any
other thread alive, the work runs in this process, as it does on one core.

Where there is no fork (Windows) the workers are spawned: fresh interpreters that import
portal and receive the function and each item pickled. A function that cannot be pickled (a
closure over the build's state) then runs here, in order. `PORTAL_START_METHOD=spawn` (or
`fork`, or `none` for no workers) chooses by hand; tests/test_parallel.py builds a portal both
ways and compares every byte.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 64  # below this, starting workers costs more than it saves

# The task of the pool being run: set in the parent just before forking and read by the
# children (who received it with the fork); a pool runs one task, and it is cleared after.
_TASK: Callable[[Any], Any] | None = None


def workers() -> int:
    """How many processes to use: the cores this process may run on, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def start_method() -> str | None:
    """`fork` where it is available and safe, else `spawn`; None: no workers."""
    chosen = os.environ.get("PORTAL_START_METHOD", "").strip().lower()
    if chosen == "none":
        return None
    available = multiprocessing.get_all_start_methods()
    if chosen == "spawn" or (chosen != "fork" and "fork" not in available):
        return "spawn"
    if "fork" in available and threading.active_count() == 1:
        return "fork"
    return None


def call(task: Callable[[], R]) -> R:
    """Run a task: `fork_map(call, [partial(f, x), ...])` sends picklable work to workers."""
    return task()


def _picklable(function: Callable[..., Any]) -> bool:
    try:
        pickle.dumps(function)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def _run(item: Any) -> Any:
    assert _TASK is not None
    return _TASK(item)


def fork_map(
    function: Callable[[T], R],
    items: Sequence[T],
    *,
    allowed: bool = True,
    min_items: int = MIN_ITEMS,
    tick: Callable[[int], None] | None = None,
) -> list[R]:
    """`[function(item) for item in items]`, in forked workers when that is safe and worth it
    (`min_items`: fewer items than this run here). `tick` is called here, in this process,
    with the number of results in so far (progress.py)."""
    global _TASK
    count = workers()
    results: list[R] = []
    method = start_method() if allowed and count > 1 and len(items) >= min_items else None
    if method == "spawn" and not _picklable(function):
        method = None
    if method is None:
        for item in items:
            results.append(function(item))
            if tick is not None:
                tick(len(results))
        return results
    # Forked workers find the function in _TASK, inherited; spawned ones receive it pickled.
    _TASK = function
    context = multiprocessing.get_context(method)
    pool = context.Pool(count, initializer=_quiet_signals)
    try:
        chunk = max(1, len(items) // (count * 8))
        run: Callable[[Any], Any] = _run if method == "fork" else function
        for result in pool.imap(run, items, chunksize=chunk):
            results.append(result)
            if tick is not None:
                tick(len(results))
        pool.close()
        return results
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _TASK = None


def _quiet_signals() -> None:
    # A worker leaves interruptions to the parent, which cleans up and stops the pool: the
    # `portal` command's handlers (SIGTERM raising KeyboardInterrupt) are not for workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
