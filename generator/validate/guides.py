"""办事指南: content/guides/*.md, one service (事项) a file, its elements in the front matter.

The 2019 checklist fails a site whose guides lack 事项名称, 设定依据, 申请条件, 办理材料,
办理地点, 办理时间, 联系电话 or 办理流程, so each is a field here; a missing one is a warning
(`portal check --strict`: an error), and `portal inspect` names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path

from generator.errors import Problem
from generator.load.files import Loaded, markdown_documents
from generator.messages import msg
from generator.model import Guide
from generator.urls import SLUG
from generator.validate.fields import Fields

# Field, its Chinese name, required by the checklist.
ELEMENTS = (
    ("title", "事项名称"),
    ("basis", "设定依据"),
    ("conditions", "申请条件"),
    ("materials", "办理材料"),
    ("place", "办理地点"),
    ("hours", "办理时间"),
    ("phone", "联系电话"),
    ("steps", "办理流程"),
)
OPTIONAL = ("time_limit", "fee", "online", "order", "updated", "description")
LISTS = ("basis", "conditions", "materials", "steps")


def load_guides(
    content: Path,
    root: Path,
    tz: tzinfo,
    problems: list[Problem],
    loaded: Sequence[Loaded] | None = None,
) -> tuple[Guide, ...]:
    guides: list[Guide] = []
    for path, rel, doc in markdown_documents(content / "guides", root, problems, loaded):
        f = Fields(doc.meta, doc.meta.data, problems)
        before = len(problems)
        f.check_keys([name for name, _ in ELEMENTS] + list(OPTIONAL))
        if not SLUG.fullmatch(path.stem):
            problems.append(
                Problem(rel, 0, "(file name)", msg("guide.bad_file_name", name=path.name))
            )
        values: dict[str, object] = {}
        for name, label in ELEMENTS:
            value: object = f.text_list(name) if name in LISTS else f.text(name, max_len=500)
            if not value:
                f.warn(name, msg("guide.missing", label=label, name=name))
            values[name] = value or ("" if name not in LISTS else ())
        online = f.text("online", max_len=500) or ""
        if online and not online.startswith(("http://", "https://")):
            f.error("online", msg("field.not_url", value=online))
        updated = f.day("updated", tz)
        if any(p.is_error for p in problems[before:]):
            continue
        lines = tuple((key, doc.meta.line(key)) for key in doc.meta.data)
        guides.append(
            Guide(
                key=path.stem,
                source=rel,
                title=str(values["title"]) or path.stem,
                basis=tuple(values["basis"]),  # type: ignore[arg-type]
                conditions=tuple(values["conditions"]),  # type: ignore[arg-type]
                materials=tuple(values["materials"]),  # type: ignore[arg-type]
                place=str(values["place"]),
                hours=str(values["hours"]),
                phone=str(values["phone"]),
                steps=tuple(values["steps"]),  # type: ignore[arg-type]
                body=doc.body,
                body_line=doc.body_line,
                time_limit=f.text("time_limit", max_len=300) or "",
                fee=f.text("fee", max_len=300) or "",
                online=online,
                order=f.integer("order") or 0,
                updated=updated,
                lines=lines,
            )
        )
    return tuple(sorted(guides, key=lambda g: (g.order, g.title)))
