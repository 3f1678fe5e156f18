"""`portal new`: files with valid front matter for staff to fill in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from generator.errors import ContentError
from generator.messages import msg
from generator.settings import Settings
from generator.urls import SLUG, slugify
from generator.validate.articles import unknown_ref
from generator.validate.legal import unknown_name
from generator.validate.registry import load_units


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def _write_new(folder: Path, name: str, lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if path.exists():
        raise ValueError(msg("new.exists", path=path))
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


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
        raise ValueError(
            unknown_ref(
                squad, {u.id: u.name for u in units.values()}, "what.squad", "content/squads.yml"
            )
        )
    names = [c.name for c in settings.categories]
    chosen = category or names[0]
    if chosen not in names:
        by_slug = {c.slug: c.name for c in settings.categories}
        if chosen in by_slug:
            chosen = by_slug[chosen]
        else:
            raise ValueError(unknown_ref(chosen, by_slug, "what.category", "mkdocs.yml"))
    if not title.strip():
        raise ValueError(msg("new.empty", option="--title"))
    slug = slug or slugify(title)
    if not SLUG.fullmatch(slug):
        raise ValueError(msg("new.bad_slug", slug=slug))
    moment = (now or datetime.now(settings.timezone)).astimezone(settings.timezone)
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
    return _write_new(settings.content / "articles", f"{moment:%Y-%m-%d}-{slug}.md", lines)


def new_question(
    settings: Settings,
    *,
    question: str,
    domain: str | None = None,
    slug: str | None = None,
    now: datetime | None = None,
) -> Path:
    """Write content/qa/<slug>.md as a draft (法律咨询台); ValueError for bad arguments."""
    names = [d.name for d in settings.domains]
    chosen = domain or names[0]
    if chosen not in names:
        raise ValueError(unknown_name(chosen, names, "what.domain"))
    if not question.strip():
        raise ValueError(msg("new.empty", option="--question"))
    slug = slug or slugify(question)
    if not SLUG.fullmatch(slug):
        raise ValueError(msg("new.bad_slug", slug=slug))
    day = (now or datetime.now(settings.timezone)).astimezone(settings.timezone).date()
    lines = [
        "---",
        f"question: {_yaml_text(question.strip())}",
        f"date: {day.isoformat()}",
        f"domain: {chosen}",
        "draft: true                 # 答复写好、核对依据后删除这一行",
        "# asker: 李先生             # 提问人，只写称呼（李先生、熟溪街道居民）",
        f"received: {day.isoformat()}      # 受理日期",
        "# replied: 2026-06-08       # 答复日期",
        "# department: 法制科        # 答复部门",
        "# basis:                    # 法律依据：content/regulations/ 中的文件名和条号",
        "#   - law: chengxiang-guihua-fa",
        "#     article: 第六十四条",
        "---",
        "",
        "（答复：先给结论，再说依据哪部法规的哪一条，最后告诉市民怎么办、找谁。）",
        "",
    ]
    return _write_new(settings.content / "qa", f"{slug}.md", lines)


def new_regulation(
    settings: Settings,
    *,
    regulation_id: str,
    title: str,
    level: str,
    now: datetime | None = None,
) -> Path:
    """Write content/regulations/<id>.md as a draft (法规摘要); ValueError for bad arguments."""
    from generator.model import REGULATION_LEVELS

    if not SLUG.fullmatch(regulation_id):
        raise ValueError(msg("new.bad_slug", slug=regulation_id))
    if level not in REGULATION_LEVELS:
        raise ValueError(
            msg("new.unknown_level", value=level, allowed="、".join(REGULATION_LEVELS))
        )
    if not title.strip():
        raise ValueError(msg("new.empty", option="--title"))
    day = (now or datetime.now(settings.timezone)).astimezone(settings.timezone).date()
    domain = settings.domains[0].name if settings.domains else "市容环境卫生"
    lines = [
        "---",
        f"title: {_yaml_text(title.strip())}",
        f"short_title: {_yaml_text(title.strip())}",
        f"level: {level}",
        "issuer: （制定机关）",
        f"adopted: {day.isoformat()}         # 通过或公布日期",
        f"effective: {day.isoformat()}       # 施行日期",
        "amended: []                 # 修正、修订日期",
        "status: 现行有效            # 现行有效 | 已修改 | 已废止 | 尚未生效",
        "# repealed_by: xxx          # 已废止时：取代它的法规的文件名",
        f"domains: [{domain}]",
        "# source: https://flk.npc.gov.cn/",
        "draft: true                 # 摘要写好、核对日期后删除这一行",
        "---",
        "",
        "## 概要",
        "",
        "（这部法规管什么、谁来执行、与本局执法的关系。）",
        "",
        "### 第一条 （条文主旨）",
        "",
        "（用自己的话概括本条；每个被引用的条文一个“### 第N条”标题，锚点自动为 #art-N。）",
        "",
    ]
    return _write_new(settings.content / "regulations", f"{regulation_id}.md", lines)


__all__ = ["ContentError", "new_article", "new_question", "new_regulation", "slugify"]
