"""公众号排版: an article as HTML that survives the WeChat official-account editor."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path, PurePosixPath

import lxml.html
import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main as portal_main
from generator.clock import BEIJING
from generator.model import Article, Category, QuotaPeriod, Status, Unit, UnitType
from generator.render.sanitize import sanitize_html
from generator.render.wechat import wechat_fragment
from generator.settings import Settings

from .conftest import ROOT, WritePortal, build

SITE = "https://example.org/"
ORIGINAL = SITE + "news/2026/05/night-market/"

# What the official-account editor keeps, written down here independently of the module: the
# tags it accepts, the only attributes that survive (no class, no id, no data-*, no handlers),
# and CSS that it renders the same in the app (nothing positioned or floated, no rem/vw).
EDITOR_TAGS = {
    "section", "p", "span", "strong", "em", "br", "hr", "a", "img", "h2", "h3", "h4",
    "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "pre", "code",
    "sub", "sup",
}  # fmt: skip
EDITOR_ATTRIBUTES = {
    "a": {"href", "style"},
    "img": {"src", "alt", "style"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style"},
    "ol": {"start", "style"},
}
FORBIDDEN_CSS = re.compile(
    r"position|float|z-index|transform|animation|transition|@import|url\(|expression|"
    r"\d(rem|vw|vh)\b|!important",
    re.I,
)


def assert_editor_safe(html: str) -> lxml.html.HtmlElement:
    """The constraints a copy must meet to paste intact; returns the parsed root."""
    roots = lxml.html.fragments_fromstring(html)
    assert len(roots) == 1 and not isinstance(roots[0], str), "one root element"
    (root,) = roots
    assert root.tag == "section"
    for el in root.iter():
        assert isinstance(el.tag, str), f"no comments or processing instructions: {el!r}"
        assert el.tag in EDITOR_TAGS, f"<{el.tag}> is not kept by the editor"
        allowed = EDITOR_ATTRIBUTES.get(el.tag, {"style"})
        assert set(el.attrib) <= allowed, f"<{el.tag}> attributes {sorted(el.attrib)}"
        style = el.get("style", "")
        assert not FORBIDDEN_CSS.search(style), f"<{el.tag} style={style!r}>"
        for declaration in filter(None, (d.strip() for d in style.split(";"))):
            assert re.fullmatch(r"[a-z-]+:[^:;]+", declaration), declaration
    assert all(h.startswith(("https://", "http://")) for h in root.xpath(".//a/@href"))
    assert all(s.startswith(("https://", "http://")) for s in root.xpath(".//img/@src"))
    assert not root.xpath(".//table//table"), "tables stay simple: none inside another"
    return root


def make_article(**changes: object) -> Article:
    unit = Unit("baiyang", "白洋中队", UnitType.SQUAD, "朱晓燕", (QuotaPeriod(None, 2),))
    when = datetime(2026, 5, 12, 9, 30, tzinfo=BEIJING)
    values: dict[str, object] = {
        "key": "2026-05-12-night-market",
        "slug": "night-market",
        "source": PurePosixPath("content/articles/2026-05-12-night-market.md"),
        "title": "白洋中队开展夜市占道经营专项整治",
        "published": when,
        "unit": unit,
        "category": Category("zhifa", "执法动态"),
        "status": Status.PUBLISHED,
        "submitted": when,
        "body": "",
        "body_line": 7,
        "author": "朱晓燕",
    }
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


SETTINGS = Settings(
    root=Path("/nonexistent"),
    timezone=BEIJING,
    site_name="测试执法局",
    site_url=SITE,
    hotline="0579-87612345",
)


def test_a_plain_article_exactly() -> None:
    html = wechat_fragment(
        make_article(), "<p>第一段。</p>\n<p>第二段<strong>重点</strong>。</p>", SETTINGS
    )
    p = "margin:0 0 16px;line-height:1.75;color:#333333;text-align:justify"
    link = "color:#1565c0;text-decoration:underline;word-break:break-all"
    foot = "margin:0 0 4px;text-align:left"
    assert html == (
        '<section style="font-size:16px;line-height:1.75;color:#333333;letter-spacing:0.5px;'
        'overflow-wrap:break-word">'
        f'<p style="{p}">第一段。</p>'
        f'<p style="{p}">第二段<strong style="font-weight:bold">重点</strong>。</p>'
        '<section style="margin:32px 0 0;padding:12px 0 0;border-top:1px solid #e5e5e5;'
        'font-size:14px;line-height:1.75;color:#666666">'
        f'<p style="{foot}">来源：白洋中队\u3000作者：朱晓燕</p>'
        f'<p style="{foot}">阅读原文：<a href="{ORIGINAL}" style="{link}">{ORIGINAL}</a></p>'
        f'<p style="{foot}"><a href="{SITE}" style="{link}">测试执法局</a>'
        "\u3000投诉举报电话 0579-87612345</p>"
        "</section></section>"
    )
    assert_editor_safe(html)


RICH = """\
# 大标题

## 一、整治情况

5月11日晚，白洋中队对[解放街夜市](../other/)开展整治，详见[本局](https://example.org/about/)。

![整治现场](images/photo.png "现场")

> 摊主说：“现在有固定位置了。”

1. 清理占道摊位 **23 处**；
2. 劝导 *15 人*。

另有：

- 甲
- 乙

| 路段 | 摊位 | 备注 |
|:-----|----:|:---:|
| 解放街 | 12 | 夜市 |
| 壶山路 | 11 | — |

行内代码 `GB 50016`，脚注<sup>1</sup>。

```
第一行
  第二行（缩进保留）
```

***
"""


def test_markdown_features_map_to_inline_styles() -> None:
    # `use_align_attribute`: the sanitiser keeps align="…" on cells, not style="…".
    body = sanitize_html(
        markdown.markdown(
            RICH,
            extensions=["tables", "fenced_code"],
            extension_configs={"tables": {"use_align_attribute": True}},
        )
    )
    root = assert_editor_safe(wechat_fragment(make_article(), body, SETTINGS))
    assert [li.text for li in root.find(".//ul")] == ["甲", "乙"]
    assert [h.text for h in root.iter("h2")] == ["大标题", "一、整治情况"]  # h1 becomes h2
    assert "border-left:4px solid #1565c0" in root.find("h2").get("style")
    (img,) = root.iter("img")
    assert img.get("src") == ORIGINAL + "images/photo.png"  # relative → absolute
    assert img.get("alt") == "整治现场" and "max-width:100%" in img.get("style")
    links = {a.text: a.get("href") for a in root.iter("a")}
    assert links["解放街夜市"] == SITE + "news/2026/05/other/"
    assert links["本局"] == SITE + "about/"
    assert root.find(".//blockquote").get("style").startswith("margin:0 0 16px")
    assert [li.text_content().strip() for li in root.find(".//ol")] == [
        "清理占道摊位 23 处；",
        "劝导 15 人。",
    ]
    cells = root.xpath(".//table//td")
    assert [c.text for c in cells[:3]] == ["解放街", "12", "夜市"]
    assert cells[1].get("style").endswith(";text-align:right")
    assert cells[2].get("style").endswith(";text-align:center")
    assert "border:1px solid #cccccc" in cells[0].get("style")
    assert "background-color:#f0f4f8" in root.find(".//th").get("style")
    (pre,) = root.iter("pre")
    assert "white-space:pre-wrap" in pre.get("style")
    assert pre.text_content() == "第一行\n  第二行（缩进保留）\n"
    assert root.find(".//hr") is not None


HOSTILE = """\
<p class="lead" id="top" style="position:fixed" onclick="x()">导语</p>
<script>alert(1)</script><style>p{color:red}</style>
<link rel="stylesheet" href="https://cdn.example.com/x.css">
<iframe src="https://evil.example/"></iframe>
<img src="data:image/png;base64,AAAA" alt="内嵌"><img src="javascript:alert(1)">
<img src="/images/logo.png" width="900" height="300" class="wide" alt="标志">
<a href="javascript:alert(1)">坏链接</a> <a href="#sec">页内</a> <a href="mailto:a@b.cn">信箱</a>
<h2 id="sec">小标题<a class="headerlink" href="#sec">¶</a></h2>
<div class="admonition note"><p class="admonition-title">注意</p><p>提示内容</p></div>
<table><caption>统计表</caption><colgroup><col span="2"></colgroup>
<tr><th colspan="2" rowspan="x">合并</th></tr>
<tr><td colspan="2"><table><tr><td>嵌套</td><td>表格</td></tr></table></td></tr></table>
<ol start="3" type="a" reversed><li>第三</li></ol>
<p>文字 &lt;script&gt; 是文字 &amp; <q>引用</q> <del>删除</del> <mark>标记</mark></p>
<!-- 注释 --><custom-tag>自定义</custom-tag><form><input value="x">表单</form>
"""


def test_hostile_html_is_rebuilt_not_copied() -> None:
    """Raw HTML (allow_raw_html) or a sanitiser's miss: the copy is still editor-safe."""
    html = wechat_fragment(make_article(), HOSTILE, SETTINGS)
    root = assert_editor_safe(html)
    text = root.text_content()
    assert "alert" not in html and "color:red" not in html and "evil" not in html
    assert "position" not in html and "lead" not in html and "id=" not in html
    assert "导语" in text and "提示内容" in text and "自定义" in text and "表单" not in text
    assert [i.get("src") for i in root.iter("img")] == [SITE + "images/logo.png"]
    assert "width" not in root.find(".//img").attrib
    # Only http(s) links keep their href; the others keep their words.
    assert [a.get("href") for a in root.iter("a")] == [ORIGINAL, SITE]  # the footer's
    assert "坏链接" in text and "页内" in text and "信箱" in text and "¶" not in text
    assert root.find(".//h2").text == "小标题"
    admonition = root.xpath(".//section[p[.='注意']]")[0]
    assert "border-left:4px solid #1565c0" in admonition.get("style")
    (table,) = root.iter("table")
    caption = table.getprevious()
    assert caption.tag == "p" and caption.text == "统计表"
    assert table.find(".//th").get("colspan") == "2" and "rowspan" not in table.find(".//th").attrib
    assert table.xpath(".//td")[0].text == "嵌套 表格"  # the inner table's words
    styled = wechat_fragment(
        make_article(), '<table><tr><td style="text-align: right;">1</td></tr></table>', SETTINGS
    )
    assert 'text-align:right"' in styled
    assert dict(root.find(".//ol").attrib).keys() == {"style", "start"}
    assert "文字 <script> 是文字 & “引用”" in text
    assert "&lt;script&gt;" in html


# Random markup: whatever tags and attributes staff paste, the copy keeps to the constraints.
_tags = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "a",
        "img",
        "table",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "li",
        "h1",
        "h3",
        "h6",
        "script",
        "style",
        "iframe",
        "b",
        "em",
        "q",
        "pre",
        "code",
        "blockquote",
        "figure",
        "figcaption",
        "details",
        "summary",
        "section",
        "video",
        "svg",
        "font",
        "center",
    ]
)
_attrs = st.dictionaries(
    st.sampled_from(["class", "id", "style", "href", "src", "onclick", "colspan", "start"]),
    st.sampled_from(["x", "#a", "/r", "https://e.cn/y", "javascript:z()", "2", "a;b:c"]),
    max_size=3,
)
_text = st.text(alphabet="中文<>&\"' \n\t;:", max_size=8)


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(_tags)
    attrs = "".join(f' {k}="{v}"' for k, v in draw(_attrs).items())
    inner = draw(_text).replace("<", "&lt;")
    if depth < 3:
        inner += "".join(draw(st.lists(_markup(depth + 1), max_size=3)))
    return f"<{tag}{attrs}>{inner}</{tag}>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_markup(), min_size=1, max_size=4))
def test_any_markup_gives_an_editor_safe_copy(pieces: list[str]) -> None:
    html = "".join(pieces)
    for body in (html, sanitize_html(html)):
        assert_editor_safe(wechat_fragment(make_article(), body, SETTINGS))


# -- the command and the hidden page --------------------------------------------------------

ARTICLE = """\
---
title: 白洋中队开展夜市占道经营专项整治
date: 2026-05-12 09:30
squad: baiyang
author: 朱晓燕
category: 执法动态
---

5月11日晚，白洋中队对解放街夜市开展专项整治，清理占道摊位 23 处。

![整治现场](images/photo.png)

| 路段 | 摊位 |
|---|---|
| 解放街 | 12 |

<div class="note" id="n1" style="position:absolute">队员<b>现场</b>劝导。</div>
"""
DRAFT = """\
---
title: 草稿
date: 2026-05-13
squad: baiyang
category: 执法动态
status: draft
---

草稿。
"""
# A valid 1x1 PNG: the build's image step (generator/images.py) refuses broken image data.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63382127070002b6010534a675aa0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portal with one illustrated piece and a draft, built once for this module."""
    import textwrap

    from .conftest import MKDOCS, OUTLETS, SQUADS

    root = tmp_path_factory.mktemp("wechat") / "portal"
    files = {
        "mkdocs.yml": MKDOCS,
        "content/squads.yml": SQUADS,
        "content/outlets.yml": OUTLETS,
        "content/articles/2026-05-12-night-market.md": textwrap.dedent(ARTICLE),
        "content/articles/2026-05-13-draft.md": DRAFT,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "content/articles/images").mkdir()
    (root / "content/articles/images/photo.png").write_bytes(PNG)
    import shutil

    shutil.copytree(ROOT / "themes" / "portal", root / "themes" / "portal")
    assert build(root, root / "site") == 0
    return root


def copy_of(page: str) -> str:
    """The <section> a page holds: what is pasted."""
    tree = lxml.html.fromstring(page)
    (section,) = tree.xpath("//body//section[not(ancestor::section)]")
    return str(lxml.html.tostring(section, encoding="unicode", with_tail=False))


def test_hidden_page_beside_each_article(small_site: Path) -> None:
    site = small_site / "site"
    page = (site / "news/2026/05/night-market/wechat/index.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert tree.xpath("//link[@rel='canonical']/@href") == [ORIGINAL]
    assert not tree.xpath("//@class | //@id | //style | //link[@rel='stylesheet']")
    (script,) = tree.xpath("//script/@src")  # the copy button's, from a file: no inline script
    assert (site / "news/2026/05/night-market/wechat" / script).resolve() == (
        site / "assets/javascripts/portal-wechat.js"
    ).resolve()
    assert (site / "assets/javascripts/portal-wechat.js").is_file()
    assert not tree.xpath("//script[not(@src)]")
    copy = assert_editor_safe(copy_of(page))
    assert copy.find(".//img").get("src") == SITE + "articles/images/photo.png"
    published = site / "articles/images/photo.png"  # the image it points at, its web copy
    assert published.read_bytes().startswith(b"\x89PNG") and published.stat().st_size < 200
    assert copy.find(".//table") is not None
    assert "队员现场劝导。" in copy.text_content() and "absolute" not in copy_of(page)
    # Hidden: not linked from the article, not in the sitemap, no page for the draft.
    article = (site / "news/2026/05/night-market/index.html").read_text(encoding="utf-8")
    assert "wechat/" not in article
    assert "wechat" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert not list(site.rglob("draft*"))
    assert len(list(site.rglob("wechat/index.html"))) == 1
    search = "".join(p.read_text(encoding="utf-8") for p in (site / "search").rglob("*.json"))
    assert "/wechat/" not in search


def test_command_prints_what_the_hidden_page_holds(
    small_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(small_site / "mkdocs.yml")
    article = small_site / "content/articles/2026-05-12-night-market.md"
    assert portal_main(["wechat", "-f", config, str(article)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("<!DOCTYPE html>") and "<script" not in out
    tree = lxml.html.fromstring(out)
    assert not tree.xpath("//@class | //@id | //style | //link[@rel='stylesheet'] | //script")
    hidden = (small_site / "site/news/2026/05/night-market/wechat/index.html").read_text("utf-8")
    assert copy_of(out) == copy_of(hidden)
    assert f"{ORIGINAL}wechat/" in err

    assert portal_main(["wechat", "-f", config, "--fragment", str(article)]) == 0
    fragment = capsys.readouterr().out
    assert fragment.strip() == copy_of(hidden)

    # Relative to the portal root works too, and -o writes a file.
    target = small_site / "copy.html"
    rel = "content/articles/2026-05-12-night-market.md"
    assert portal_main(["wechat", "-f", config, rel, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == out
    assert capsys.readouterr().out == ""


def test_command_refuses_drafts_and_strangers(
    small_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(small_site / "mkdocs.yml")
    draft = small_site / "content/articles/2026-05-13-draft.md"
    assert portal_main(["wechat", "-f", config, str(draft)]) == 1
    assert capsys.readouterr().err == (
        "content/articles/2026-05-13-draft.md:0: status: 稿件的状态是 draft，不在网站上；"
        "只有已发布（published）的稿件才能用\n\n内容有 1 处错误。\n"
    )
    assert portal_main(["wechat", "-f", config, "content/articles/2026-05-14-nothing.md"]) == 1
    assert capsys.readouterr().err == (
        "content/articles/2026-05-14-nothing.md:0: (file): 文件不存在\n\n内容有 1 处错误。\n"
    )
    assert portal_main(["wechat", "-f", config, "content/squads.yml"]) == 1
    assert "没有这篇稿件“content/squads.yml”" in capsys.readouterr().err
    # The same references as `portal poster --article`: a file name, a URL name, a Windows path.
    for reference in (
        "2026-05-12-night-market",
        "night-market",
        r"content\articles\2026-05-12-night-market.md",
    ):
        assert portal_main(["wechat", "-f", config, "--fragment", reference]) == 0
        assert "夜市" in capsys.readouterr().out
    # A Windows path to no file is named as it was typed.
    missing = r"content\articles\2026-05-14-nothing.md"
    assert portal_main(["wechat", "-f", config, missing]) == 1
    assert capsys.readouterr().err.startswith(f"{missing}:0: (file): 文件不存在\n")


def test_command_needs_site_url(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    from .conftest import MKDOCS

    root = write_portal({"mkdocs.yml": MKDOCS.replace("site_url: https://example.org/\n", "")})
    article = root / "content/articles/2026-05-12-night-market.md"
    assert portal_main(["wechat", "-f", str(root / "mkdocs.yml"), str(article)]) == 2
    assert capsys.readouterr().err == (
        "portal: mkdocs.yml 没有 site_url：公众号排版要用网站的完整地址\n"
    )
