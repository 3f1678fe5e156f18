"""`portal wechat`: an article laid out for the WeChat (公众号) editor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.common import EXIT_OK, Commands, UsageError, config_option, loaded


def add_commands(sub: Commands) -> None:
    p = sub.add_parser("wechat", help="公众号排版: an article as HTML for the WeChat editor")
    config_option(p)
    p.add_argument("article", type=Path, help="the article's file, e.g. content/articles/x.md")
    p.add_argument("-o", "--output", type=Path, help="write to this file (default: print)")
    p.add_argument(
        "--fragment", action="store_true", help="only the copy, without the HTML document"
    )
    p.set_defaults(run=cmd_wechat)


def cmd_wechat(args: argparse.Namespace) -> int:
    from generator.model import Status
    from generator.render.wechat import wechat_fragment, wechat_page, wechat_path

    config, plugin, portal, settings = loaded(args.config_file)
    if not settings.site_url:
        raise UsageError("site_url is not set in mkdocs.yml; a WeChat copy needs absolute links")
    wanted = [p.resolve() for p in (args.article, settings.root / args.article) if p.is_file()]
    article = next(
        (a for a in portal.articles if (settings.root / a.source).resolve() in wanted), None
    )
    if article is None:
        raise UsageError(f"{args.article}: not an article of this portal (content/articles/*.md)")
    if article.status is not Status.PUBLISHED:
        raise UsageError(
            f"{article.source}: status is {article.status.value}; only a published article has "
            "an original on the site to link to"
        )
    body = plugin.article_body(config, article)
    if args.fragment:
        html = wechat_fragment(article, body, settings) + "\n"
    else:
        html = wechat_page(article, body, settings, staff_tools=False)
    if args.output:
        args.output.write_text(html, encoding="utf-8")
        print(f"已生成 wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(html.encode("utf-8"))
        sys.stdout.flush()
    print(
        f"网站上的公众号排版页（portal build 后）the hidden page: "
        f"{settings.site_url}{wechat_path(article)}",
        file=sys.stderr,
    )
    return EXIT_OK
