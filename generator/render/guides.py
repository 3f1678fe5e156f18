"""办事指南 pages: the list of services and one page per service, its elements in a table."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from generator.model import Guide, Portal
from generator.render.pages import PageRenderer
from generator.render.spec import PageSpec, fixed

URL = "guides/"


def guide_url(guide: Guide) -> str:
    return f"{URL}{guide.key}/"


def guide_specs(portal: Portal, r: PageRenderer) -> list[PageSpec]:
    if not portal.guides:
        return []
    specs = [
        PageSpec(
            f"{URL}index.md",
            URL,
            "办事指南",
            fixed(r.render("guides.html", URL, guides=portal.guides, guide_url=guide_url)),
            description=f"{len(portal.guides)} 个事项的依据、条件、材料、地点、时间、电话和流程。",
            hide=("navigation", "toc"),
        )
    ]
    for g in portal.guides:
        specs.append(
            PageSpec(
                f"{URL}{g.key}.md",
                guide_url(g),
                g.title,
                partial(_guide, r, g),
                markdown=g.body,
                description=f"{g.title}：设定依据、申请条件、办理材料、地点、时间和流程。",
                searchable=True,
                hide=("navigation", "toc"),
                updated=g.updated,
            )
        )
    return specs


def _guide(r: PageRenderer, g: Guide, body_html: str) -> str:
    return r.render("guide.html", guide_url(g), g=g, body=Markup(body_html))
