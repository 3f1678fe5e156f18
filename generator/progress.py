"""What a long build is doing, for the person waiting on it.

On a terminal a stage's count updates in place (`页面 pages 1200/5000 24%`); anywhere else (a
CI log, a file, a pipe) each stage is a plain line when it ends, with a line in between every
few seconds so a log shows that a long build is moving. Nothing here reads the output or the
content: progress is a side channel on stderr, and a build with progress off writes the same
site.

No thread or timer: a build forks workers for its slow steps (parallel.py), which is only safe
while the process has one thread, so counts are written by the code that makes them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from generator.messages import msg

Tick = Callable[[int], None]  # called with how many items of the stage are done


class Progress:
    """Stages and counts on `stream`; `live` rewrites one terminal line, else plain lines."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        live: bool | None = None,
        every: float = 10.0,
        enabled: bool = True,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.live = _is_terminal(self.stream) if live is None else live
        self.every = every  # seconds between plain lines within one stage
        self.enabled = enabled
        self.clock = clock
        self._shown = 0.0  # when the stage's line was last written
        self._open = False  # a live line is on screen without its newline

    @classmethod
    def off(cls) -> Progress:
        return cls(enabled=False)

    def note(self, text: str) -> None:
        """A stage that is done in one step, or a result: one line."""
        if not self.enabled:
            return
        self._end_line()
        self._write(f"portal: {text}\n")

    def counter(self, label: str, total: int) -> Tick:
        """A stage of `total` items; call the result with the number done (ends at total)."""
        if not self.enabled or total <= 0:
            return _ignore
        started = self.clock()
        self._shown = started
        state = {"done": -1}

        def tick(done: int) -> None:
            done = min(done, total)
            if done <= state["done"]:
                return
            state["done"] = done
            now = self.clock()
            finished = done == total
            text = f"{label} {done}/{total} {100 * done // total}%"
            if finished:
                self._end_line()
                took = msg("stage.seconds", seconds=now - started)
                self._write(f"portal: {text}，{took}\n")
            elif self.live:
                if now - self._shown >= 0.1 or not self._open:
                    self._shown = now
                    self._open = True
                    self._write(f"\r\x1b[Kportal: {text} {_bar(done, total)}")
            elif now - self._shown >= self.every:
                self._shown = now
                self._write(f"portal: {text} ...\n")

        return tick

    def _end_line(self) -> None:
        if self._open:
            self._write("\r\x1b[K")
            self._open = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed pipe must not fail the build
            self.enabled = False


def _ignore(done: int) -> None:
    return None


def _bar(done: int, total: int, width: int = 24) -> str:
    filled = width * done // total
    return "[" + "#" * filled + "." * (width - filled) + "]"


def _is_terminal(stream: TextIO) -> bool:
    """A live line only for a person at a terminal: CI logs keep every line they are given."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
