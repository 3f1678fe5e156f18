"""`portal wechat`: an article laid out for the WeChat (公众号) editor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.common import (
    EXIT_OK,
    Commands,
    UsageError,
    add_command,
    loaded,
    portal_plugin,
)
from generator.messages import msg


def add_commands(sub: Commands) -> None:
    p = add_command(sub, "wechat", "help.wechat", cmd_wechat)
    p.add_argument("article", help=msg("help.wechat_article"))
    p.add_argument("-o", "--output", type=Path, help=msg("help.wechat_output"))
    p.add_argument("--fragment", action="store_true", help=msg("help.fragment"))


def cmd_wechat(args: argparse.Namespace) -> int:
    from generator.build import SiteBuild
    from generator.mkdocs_engine import MkDocsEngine
    from generator.references import find_article
    from generator.render.wechat import wechat_fragment, wechat_page, wechat_path

    config, portal, settings = loaded(args.config_file)
    if not settings.site_url:
        raise UsageError(msg("cli.no_site_url_wechat"))
    # A path or a key, as `portal poster --article` takes them; a missing file or a draft is
    # exit 1 (references.py).
    article = find_article(portal, args.article, settings.root)
    site = SiteBuild(settings, portal)
    portal_plugin(config).use(site)  # the plugin's configuration step loads nothing again
    body = site.article_body(article, MkDocsEngine.for_config(config))
    if args.fragment:
        html = wechat_fragment(article, body, settings) + "\n"
    else:
        html = wechat_page(article, body, settings, staff_tools=False)
    if args.output:
        args.output.write_text(html, encoding="utf-8")
        print(msg("cli.written", path=args.output), file=sys.stderr)
    else:
        sys.stdout.buffer.write(html.encode("utf-8"))
        sys.stdout.flush()
    url = f"{settings.site_url}{wechat_path(article)}"
    print(msg("cli.wechat_page", url=url), file=sys.stderr)
    return EXIT_OK
