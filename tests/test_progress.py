"""Progress lines (generator/progress.py) and the counts fork_map reports."""

from __future__ import annotations

import io

from generator.parallel import fork_map
from generator.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_every_few_seconds_and_at_the_end() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, live=False, every=10, clock=clock)
    tick = progress.counter("页面 pages", 5000)
    for done in range(1, 5001):
        clock.now = 100.0 + done / 200  # 25 s for the stage
        tick(done)
    lines = out.getvalue().splitlines()
    assert lines == [
        "portal: 页面 pages 2000/5000 40% ...",
        "portal: 页面 pages 4000/5000 80% ...",
        "portal: 页面 pages 5000/5000 100%，25.0 秒",
    ]


def test_live_line_is_rewritten_then_ended() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, live=True, clock=clock)
    tick = progress.counter("正文 Markdown", 4)
    for done in range(1, 5):
        clock.now += 0.2
        tick(done)
    progress.note("done")
    text = out.getvalue()
    assert text.count("\r\x1b[K") == 4  # three updates, one clearing before the last line
    assert "[######..................]" in text  # 1/4
    assert text.endswith("portal: 正文 Markdown 4/4 100%，0.8 秒\nportal: done\n")


def test_counts_never_go_back_and_off_writes_nothing() -> None:
    out = io.StringIO()
    tick = Progress(out, live=False, every=0).counter("x", 3)
    for done in (1, 1, 0, 2, 7):
        tick(done)
    assert out.getvalue().splitlines()[-1].startswith("portal: x 3/3 100%")
    assert len(out.getvalue().splitlines()) == 3
    off = Progress(out, enabled=False)
    before = out.getvalue()
    off.counter("y", 10)(10)
    off.note("z")
    assert out.getvalue() == before
    assert Progress(out).counter("empty", 0) is not None  # nothing to count: a no-op


def test_a_closed_stream_turns_progress_off() -> None:
    out = io.StringIO()
    progress = Progress(out, live=False)
    out.close()
    progress.note("still building")  # no exception: progress must never fail a build
    assert not progress.enabled


def test_fork_map_reports_results_as_they_come_in_order() -> None:
    seen: list[int] = []
    items = list(range(200))
    assert fork_map(lambda x: x * x, items, tick=seen.append) == [x * x for x in items]
    assert seen == list(range(1, 201))
    seen.clear()
    assert fork_map(lambda x: -x, items, allowed=False, tick=seen.append) == [-x for x in items]
    assert seen == list(range(1, 201))
