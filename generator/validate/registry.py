"""squads.yml, outlets.yml and editions.yml → Unit, Outlet, Edition."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import tzinfo
from pathlib import Path, PurePosixPath

from generator.errors import Problem
from generator.load.files import load_yaml_file
from generator.load.yamldoc import YamlDoc
from generator.messages import msg
from generator.model import Edition, Level, Outlet, QuotaPeriod, Redirect, Unit, UnitType
from generator.validate.fields import Fields, type_name

_UNIT_TYPES = {
    "squad": UnitType.SQUAD,
    "中队": UnitType.SQUAD,
    "section": UnitType.SECTION,
    "科室": UnitType.SECTION,
}
_LEVELS = {level.value: level for level in Level} | {level.label: level for level in Level}


def _root_list(
    path: Path, rel: PurePosixPath, key: str, problems: list[Problem], required: bool
) -> tuple[YamlDoc | None, Fields | None]:
    if not path.exists():
        if required:
            problems.append(Problem(rel, 0, "(file)", msg("file.missing")))
        return None, None
    doc, found = load_yaml_file(path, rel)
    problems.extend(found)
    if doc is None:
        return None, None
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        problems.append(Problem(rel, 1, "(file)", msg("file.not_mapping", got=type_name(doc.data))))
        return None, None
    top = Fields(doc, doc.data, problems)
    if key not in doc.data:
        problems.append(Problem(rel, 1, key, msg("field.required_missing")))
    return doc, top


def _unique(items: Iterator[tuple[Fields, str | None]]) -> Iterator[tuple[Fields, str]]:
    seen: dict[str, int] = {}
    for fields, ident in items:
        if ident is None:
            continue
        if ident in seen:
            fields.error("id", msg("registry.duplicate_id", value=ident, line=seen[ident]))
            continue
        seen[ident] = fields.line("id")
        yield fields, ident


def load_units(content: Path, root: Path, tz: tzinfo, problems: list[Problem]) -> tuple[Unit, ...]:
    """Units (中队 and 科室) with their 信息员 and quota history."""
    path = content / "squads.yml"
    rel = PurePosixPath(path.relative_to(root).as_posix())
    _, top = _root_list(path, rel, "units", problems, required=True)
    if top is None:
        return ()
    top.check_keys(["units", "since"])
    # A top-level `since` is the day the 信息员 scheme started: no unit is counted before it.
    scheme_start = top.day("since", tz)
    units: list[Unit] = []
    entries = ((f, f.ident("id", required=True)) for f in top.mappings("units"))
    for f, ident in _unique(entries):
        f.check_keys(["id", "name", "type", "officer", "quota", "since"])
        name = f.text("name", required=True)
        kind = f.choice("type", _UNIT_TYPES, required=True)
        officer = f.text("officer") or ""
        own_start = f.day("since", tz)
        starts = [d for d in (scheme_start, own_start) if d]
        since = max(starts) if starts else None
        quotas = _quotas(f, tz)
        if name and kind:
            units.append(Unit(ident, name, _UNIT_TYPES[kind], officer, quotas, since))
    return tuple(units)


def _quotas(f: Fields, tz: tzinfo) -> tuple[QuotaPeriod, ...]:
    value = f.raw("quota", required=True)
    if value is None:
        return ()
    if isinstance(value, int) and not isinstance(value, bool):
        per_week = f.integer("quota")
        return (QuotaPeriod(None, per_week),) if per_week is not None else ()
    if not isinstance(value, list):
        f.error("quota", msg("registry.quota_type", got=type_name(value)))
        return ()
    periods: list[QuotaPeriod] = []
    for item in f.mappings("quota"):
        item.check_keys(["from", "per_week"])
        start = item.day("from", tz, required=True)
        per_week = item.integer("per_week", required=True)
        if start is None or per_week is None:
            continue
        if periods and periods[-1].start and start <= periods[-1].start:
            item.error("from", msg("registry.quota_order"))
            continue
        periods.append(QuotaPeriod(start, per_week))
    return tuple(periods)


def load_outlets(
    content: Path, root: Path, problems: list[Problem]
) -> tuple[tuple[Outlet, ...], dict[Level, int], int]:
    """Media outlets and the reward scheme's points per level."""
    path = content / "outlets.yml"
    rel = PurePosixPath(path.relative_to(root).as_posix())
    _, top = _root_list(path, rel, "outlets", problems, required=True)
    if top is None:
        return (), {}, 0
    top.check_keys(["outlets", "points", "edition_bonus"])
    edition_bonus = top.integer("edition_bonus") or 0
    points: dict[Level, int] = {}
    raw_points = top.raw("points")
    if raw_points is not None:
        if not isinstance(raw_points, dict):
            top.error("points", msg("registry.points_type", got=type_name(raw_points)))
        else:
            table = Fields(top.doc, raw_points, problems, "points")
            for name in raw_points:
                level = table.choice(str(name), _LEVELS) if str(name) not in _LEVELS else str(name)
                value = table.integer(str(name))
                if level and value is not None:
                    points[_LEVELS[level]] = value
    outlets: list[Outlet] = []
    entries = ((f, f.ident("id", required=True)) for f in top.mappings("outlets"))
    for f, ident in _unique(entries):
        f.check_keys(["id", "name", "level", "feed", "points"])
        name = f.text("name", required=True)
        level = f.choice("level", [lv.value for lv in Level], required=True)
        feed = f.text("feed")
        override = f.integer("points")
        if feed and not feed.startswith(("http://", "https://")):
            f.error("feed", msg("field.not_url", value=feed))
            feed = None
        if name and level:
            outlets.append(Outlet(ident, name, Level(level), feed, override))
    return tuple(outlets), points, edition_bonus


def load_editions(
    content: Path, root: Path, tz: tzinfo, problems: list[Problem]
) -> tuple[Edition, ...]:
    """美丽家园 editions (optional file)."""
    path = content / "editions.yml"
    rel = PurePosixPath(path.relative_to(root).as_posix())
    _, top = _root_list(path, rel, "editions", problems, required=False)
    if top is None:
        return ()
    top.check_keys(["editions"])
    editions: dict[int, Edition] = {}
    for f in top.mappings("editions"):
        f.check_keys(["number", "date", "theme", "title"])
        number = f.integer("number", required=True, minimum=1)
        day = f.day("date", tz)
        theme = f.text("theme") or ""
        title = f.text("title") or ""
        if number is None:
            continue
        if number in editions:
            f.error("number", msg("registry.edition_twice", number=number))
            continue
        editions[number] = Edition(number, day, theme, title)
    return tuple(sorted(editions.values(), key=lambda e: e.number))


_SITE_PATH = re.compile(r"(?:[a-z0-9][a-z0-9._-]*/)*")


def _site_path(f: Fields, name: str) -> str | None:
    """`news/2026/05/x/` (a leading / is allowed): a directory path inside the site."""
    value = f.text(name, required=True, max_len=300)
    if value is None:
        return None
    path = value.strip().lstrip("/")
    if path and not path.endswith("/"):
        path += "/"
    if not _SITE_PATH.fullmatch(path) or "/../" in f"/{path}" or "/./" in f"/{path}":
        f.error(name, msg("redirect.bad_path", value=value))
        return None
    return path


def load_redirects(content: Path, root: Path, problems: list[Problem]) -> tuple[Redirect, ...]:
    """Old addresses and where they moved (optional content/redirects.yml)."""
    path = content / "redirects.yml"
    rel = PurePosixPath(path.relative_to(root).as_posix())
    _, top = _root_list(path, rel, "redirects", problems, required=False)
    if top is None:
        return ()
    top.check_keys(["redirects"])
    found: dict[str, Redirect] = {}
    for f in top.mappings("redirects"):
        f.check_keys(["from", "to"])
        old, new = _site_path(f, "from"), _site_path(f, "to")
        if old is None or new is None:
            continue
        if old == new:
            f.error("to", msg("redirect.same"))
        elif old in found:
            f.error("from", msg("redirect.twice", path=old, line=found[old].line))
        else:
            found[old] = Redirect(old, new, rel, f.line("from"), f.prefix)
    return tuple(sorted(found.values(), key=lambda r: r.old))
