"""Pure work spread over the machine's cores, for the slow steps of a cold build.

A county archive's first build segments thousands of texts with jieba and renders thousands
of Markdown bodies; both are pure functions of their inputs. On a machine with several cores
they run in forked worker processes, which share the parent's loaded state (jieba's
dictionary, MkDocs' configuration) copy-on-write instead of pickling it. Results come back in
the order of the inputs, so the output is the same bytes as a sequential run.

Forking is only safe when the process has no other threads (a child gets only the forking
thread, and another thread's locks would stay locked in it): under `portal serve`, or with any
other thread alive, the work runs in this process, as it does on one core or without fork.
"""

from __future__ import annotations

import multiprocessing
import os
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


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


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
    if not allowed or count < 2 or len(items) < min_items or not _can_fork():
        for item in items:
            results.append(function(item))
            if tick is not None:
                tick(len(results))
        return results
    _TASK = function
    context = multiprocessing.get_context("fork")
    pool = context.Pool(count, initializer=_quiet_signals)
    try:
        chunk = max(1, len(items) // (count * 8))
        for result in pool.imap(_run, items, chunksize=chunk):
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
