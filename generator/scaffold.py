"""`portal new`: files with valid front matter for staff to fill in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from generator.errors import ContentError
from generator.settings import Settings
from generator.urls import slugify
from generator.validate.fields import SLUG
from generator.validate.registry import load_units


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def new_article(
    settings: Settings,
    *,
    squad: str,
    title: str,
    category: str | None = None,
    slug: str | None = None,
    author: str = "",
    now: datetime | None = None,
) -> Path:
    """Write content/articles/<date>-<slug>.md; ValueError for bad arguments."""
    problems: list = []  # type: ignore[type-arg]
    units = {
        u.id: u for u in load_units(settings.content, settings.root, settings.timezone, problems)
    }
    if squad not in units:
        known = ", ".join(sorted(units)) or "none: squads.yml has errors"
        raise ValueError(f'unknown squad "{squad}" (known: {known})')
    names = [c.name for c in settings.categories]
    chosen = category or names[0]
    if chosen not in names:
        raise ValueError(f'unknown category "{chosen}" (configured: {", ".join(names)})')
    if not title.strip():
        raise ValueError("title is empty")
    slug = slug or slugify(title)
    if not SLUG.fullmatch(slug):
        raise ValueError(f'slug "{slug}": use lowercase a-z, 0-9 and -')
    moment = (now or datetime.now(settings.timezone)).astimezone(settings.timezone)
    folder = settings.content / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{moment:%Y-%m-%d}-{slug}.md"
    if path.exists():
        raise ValueError(f"{path} already exists; choose another --slug")
    lines = [
        "---",
        f"title: {_yaml_text(title.strip())}",
        f"date: {moment:%Y-%m-%d %H:%M}",
        f"squad: {squad}",
        f"author: {_yaml_text(author or units[squad].officer)}",
        f"category: {chosen}",
        "tags: []",
        "status: draft",
        f"submitted: {moment:%Y-%m-%d %H:%M}",
        "# summary: 一句话摘要（可选）",
        "# placements:            # 媒体用稿",
        "#   - outlet: jrwy",
        "#     date: 2026-05-14",
        "#     section: 第3版",
        "# edition: 12            # 美丽家园期次",
        "---",
        "",
        "（正文：时间、地点、做了什么、取得什么成效。写好后把 status 改为 published。）",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


__all__ = ["ContentError", "new_article", "slugify"]
