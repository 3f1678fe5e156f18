"""The preview's problem page: what every address shows while the content has errors.

One page for both previews: `portal serve` (preview.py) and MkDocs' own `mkdocs serve` or
`properdocs serve` (mkdocs_engine.py). Each problem is shown as `portal check` prints it, with
the line it is about quoted under it; all of it is text (Jinja autoescape), never markup, as
the lines quote the content. How the page reloads itself is the server's business: it passes
its own script tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from generator.errors import Problem, visible
from generator.messages import msg


def shown(problem: Problem, root: Path) -> str:
    """A problem as `portal check` prints it, and under it the line it is about, quoted
    (`    4 | squad: baiyng`), so the error page shows what to look for."""
    text = ("" if problem.is_error else msg("cli.warning_label")) + str(problem)
    if problem.line <= 0:
        return text
    try:
        with (root / problem.path).open(encoding="utf-8-sig", errors="replace") as lines:
            line = next((t for n, t in enumerate(lines, 1) if n == problem.line), None)
    except OSError:
        return text
    if line is None or not line.strip():
        return text
    return f"{text}\n    {problem.line} | {visible(line.rstrip())}"


def entries(problems: Iterable[Problem], root: Path) -> tuple[str, ...]:
    """Every problem (errors and warnings, in order), as shown()."""
    return tuple(shown(problem, root) for problem in problems)


def error_count(entries: Sequence[str]) -> int:
    """The entries that are errors: warnings are shown too, but do not stop a build."""
    label = msg("cli.warning_label")
    return sum(1 for entry in entries if not entry.startswith(label))


def render(entries: Sequence[str], script: Markup, server: str) -> bytes:
    """The page: a heading with the count, then each entry (message, and the quoted line).

    Args:
        script: the server's tag that reloads the page once a new build is done.
        server: the command serving it (`portal serve`), in the page's title.
    """
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True)
    page = env.get_template("preview_errors.html").render(
        title=msg("preview.title"),
        server=server,
        heading=msg("preview.heading", count=error_count(entries) or len(entries)),
        errors=[entry.partition("\n")[::2] for entry in entries],  # (message, quoted line)
        script=script,
    )
    return page.encode("utf-8")
