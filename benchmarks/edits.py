"""The edits a publicity officer makes all day, applied to a generated corpus for timing.

Each scenario changes the portal's sources the way a person would in an editor (one file
saved), and `run.py` times the `portal build` that follows. They run in this order on one
corpus, each after the build of the one before: the body of one article, its title, its date,
a new article, the same article deleted again, a unit's name in squads.yml, the theme's
main.html. The article edited is a published one in the middle of the archive, so its pages,
listings, month and feeds are all there to update.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

NEW_ARTICLE = "2026-11-30-bench-added-piece.md"


@dataclass(frozen=True)
class Scenario:
    name: str  # key in results.json
    label: str  # column title
    apply: Callable[[Path], str]  # edits the portal folder; returns what it changed


def _published(portal: Path) -> Path:
    """A published article in the middle of the archive (the same one for a given corpus)."""
    files = sorted((portal / "content" / "articles").glob("*.md"))
    middle = len(files) // 2
    for path in [*files[middle:], *files[:middle]]:
        head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        if "status:" not in head or "status: published" in head:
            return path
    raise SystemExit(f"no published article in {portal}")


def _edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    new = change(text)
    if new == text:
        raise SystemExit(f"benchmark edit changed nothing in {path}")
    path.write_text(new, encoding="utf-8")


def edit_body(portal: Path) -> str:
    path = _published(portal)
    _edit(path, lambda t: t.rstrip("\n") + "\n\n次日，中队对整治点位开展回头看，未发现反弹。\n")
    return f"{path.name}: one sentence added to the body"


def edit_title(portal: Path) -> str:
    path = _published(portal)
    _edit(path, lambda t: re.sub(r"^title: (.*)$", r"title: \1（续）", t, count=1, flags=re.M))
    return f"{path.name}: title changed"


def edit_date(portal: Path) -> str:
    """The publication time moves by an hour, within its day: listings reorder, URL stays."""
    path = _published(portal)

    def later(text: str) -> str:
        match = re.search(r"^date: (\d{4}-\d\d-\d\d)(?: (\d\d):(\d\d))?", text, flags=re.M)
        if match is None:
            raise SystemExit(f"{path}: no date line")
        hour = int(match[2] or 9)
        new = f"date: {match[1]} {(hour + 1) % 24 if hour < 23 else 22:02d}:{match[3] or '00'}"
        return text[: match.start()] + new + text[match.end() :]

    _edit(path, later)
    return f"{path.name}: date moved by an hour"


def add_article(portal: Path) -> str:
    squads = (portal / "content" / "squads.yml").read_text(encoding="utf-8")
    squad = re.search(r"id: ([\w-]+)", squads)
    config = (portal / "mkdocs.yml").read_text(encoding="utf-8")
    category = re.search(r"categories:\s*\n\s*[\w-]+:\s*(\S+)", config)
    if squad is None or category is None:
        raise SystemExit("cannot find a squad and a category for the new article")
    (portal / "content" / "articles" / NEW_ARTICLE).write_text(
        "---\ntitle: 基准测试新增稿件：城区主干道占道经营集中整治\ndate: 2026-11-30 10:00\n"
        f"squad: {squad[1]}\ncategory: {category[1]}\n---\n\n"
        "11月29日，中队对城区主干道开展占道经营集中整治，劝导流动摊贩12处。\n",
        encoding="utf-8",
    )
    return f"{NEW_ARTICLE}: added"


def delete_article(portal: Path) -> str:
    (portal / "content" / "articles" / NEW_ARTICLE).unlink()
    return f"{NEW_ARTICLE}: deleted"


def edit_squads(portal: Path) -> str:
    path = portal / "content" / "squads.yml"
    _edit(path, lambda t: re.sub(r"name: (\S+?)中队", r"name: \1街道中队", t, count=1))
    return "squads.yml: one unit renamed"


def edit_template(portal: Path) -> str:
    path = portal / "themes" / "portal" / "main.html"
    _edit(path, lambda t: t.replace("跳到正文", "跳到本页正文", 1))
    return "themes/portal/main.html: the skip link's text changed (on every page)"


SCENARIOS = (
    Scenario("edit_body", "body edit", edit_body),
    Scenario("edit_title", "title edit", edit_title),
    Scenario("edit_date", "date edit", edit_date),
    Scenario("add", "add article", add_article),
    Scenario("delete", "delete article", delete_article),
    Scenario("squads", "squads.yml", edit_squads),
    Scenario("template", "template", edit_template),
)
