"""Hostile text in every field a portal publishes, built and opened in chromium under the CSP.

Each payload, if it ever ran, would set the global `__xss` or open a dialog. Staff Markdown may
carry HTML, so there the payloads are removed by the sanitiser; citizen text (askers,
suggestions) and front-matter fields are text, so there the payloads appear letter for letter.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import markdown
import pytest
import yaml

from generator.render.sanitize import sanitize_html

from .browser import launch_chromium
from .conftest import OUTLETS, ROOT, SAMPLE_EPOCH, SQUADS, build

# One payload per way out of a context: element, attribute, URL, template, XML, JSON, comment.
SCRIPT = "<script>__xss=1;alert(1)</script>"
IMG = '<img src=x.png onerror="__xss=2;alert(2)">'
SVG = '<svg onload="__xss=3;alert(3)">'
TITLE = "</title><script>__xss=4</script>"
DQUOTE = '" autofocus onfocus="__xss=5" x="'
SQUOTE = "' autofocus onfocus='__xss=6' x='"
TEMPLATE = "{{ 7*7 }}{% if true %}模板{% endif %}${7*7}"
CDATA = "]]><script>__xss=7</script>"
JSON_END = "</script><script>__xss=8</script>"
COMMENT = "--><script>__xss=9</script><!--"
STYLE = "</style><script>__xss=10</script>"
TEXTAREA = '</textarea><img src=x.png onerror="__xss=11">'
JS_URL = "javascript:__xss=12;alert(12)"
PAYLOADS = (SCRIPT, IMG, SVG, TITLE, DQUOTE, SQUOTE, TEMPLATE, CDATA, JSON_END, COMMENT, STYLE)
PAYLOADS += (TEXTAREA,)
# All in one line, as a citizen pastes it into a spreadsheet cell.
HOSTILE = " ".join(PAYLOADS)

# Raw HTML a staff member might paste into Markdown: every way to run script that the
# sanitiser must remove, beside document markup it must keep.
STAFF_HTML = f"""\
5月11日晚，白洋中队对解放街夜市开展专项整治。

{HOSTILE}

<div onclick="__xss=20" style="position:fixed;inset:0">整块</div>
<iframe src="javascript:top.__xss=21"></iframe>
<object data="javascript:__xss=22"></object><embed src="javascript:__xss=23">
<form action="javascript:__xss=24"><button formaction="javascript:__xss=25">提交</button></form>
<math><mtext><table><mglyph><style><img src=x.png onerror="__xss=26"></style></mglyph></table></mtext></math>
<noscript><p title="</noscript><img src=x.png onerror=__xss=27>"></p></noscript>
<details open ontoggle="__xss=28"><summary>展开</summary>内容</details>
<a href="jav&#x09;ascript:__xss=29">制表符</a> <a href=" javascript:__xss=30">空格</a>
<a href="JaVaScRiPt:__xss=31">大小写</a> <a href="vbscript:msgbox(1)">vb</a>
<a href="data:text/html,&lt;script&gt;__xss=32&lt;/script&gt;">data</a>
<base href="javascript:/"><meta http-equiv="refresh" content="0;url=javascript:__xss=33">
<link rel="stylesheet" href="https://evil.example/x.css"><style>p{{color:red}}</style>
<input autofocus onfocus="__xss=34"><textarea autofocus onfocus="__xss=35"></textarea>
<video src=x.png onerror="__xss=36"><source src=x.png onerror="__xss=37"></video>
<table background="javascript:__xss=38"><tr><td>表</td></tr></table>
<svg><a xlink:href="javascript:__xss=39"><text x="0" y="20">点</text></a></svg>
<img src="javascript:__xss=40" alt="图"> <img srcset="x.png 1x" onerror="__xss=41">
<p style="background:url(javascript:__xss=42)">带样式</p>
<div markdown="1" onclick="__xss=43">**md_in_html**</div>

[点我](javascript:__xss=44;alert(44)) [再点](  javascript:alert(45) )
[链接](https://example.org/" onmouseover="__xss=46")
![图片" onerror="__xss=47](x.png)
<https://example.org/"onmouseover="__xss=48>

一段文字
{{: onclick="__xss=49" style="color:red" id="art-30" }}

!!! note "{IMG}"
    提示内容 {SVG}

??? note "{SCRIPT}"
    折叠内容

| 左 {IMG} | 中 |
|:--|:-:|
| {SVG} | 格 |

行内代码 `{SCRIPT}` 原样显示。

```html
{SCRIPT}
```

## 标题 {IMG}

## 标题 &lt;script&gt;__xss=50&lt;/script&gt;
"""

REGULATION = f"""\
---
title: {json.dumps("城市道路管理条例" + TITLE, ensure_ascii=False)}
short_title: {json.dumps("道路" + SCRIPT, ensure_ascii=False)}
level: 行政法规
issuer: {json.dumps("国务院" + IMG, ensure_ascii=False)}
adopted: 1996-06-04
effective: 1996-10-01
status: 现行有效
domains: [市政公用]
source: {json.dumps('https://flk.npc.gov.cn/"' + DQUOTE, ensure_ascii=False)}
---

## 概要

本条例规定了城市道路的管理。{SCRIPT}

### 第二十七条 城市道路上禁止的行为 {IMG}

城市道路范围内禁止擅自占用或者挖掘道路。{SVG}
"""

QUESTION = f"""\
---
question: {json.dumps("楼上邻居扩建阳台算不算违章建筑？" + HOSTILE[:260], ensure_ascii=False)}
date: 2026-09-14
domain: 市政公用
basis:
  - law: daolu
    article: 27
asker: {json.dumps("熟溪街道居民" + IMG, ensure_ascii=False)}
received: 2026-09-01
replied: 2026-09-09
department: {json.dumps("白洋中队" + SVG, ensure_ascii=False)}
---

**算违法建筑。** {HOSTILE}

[依据](javascript:__xss=60)
"""

CAMPAIGN = {
    "title": "停车金点子" + TITLE,
    "opened": "2026-11-01",
    "closed": "2026-12-31",
    "themes": ["停车设施", "违停" + SCRIPT],
    "reply_policy": "15 个工作日内答复" + IMG,
    "notes": "请市民提建议" + HOSTILE,
    "channels": [{"phone": "0579-87612345", "note": "工作日" + IMG}, {"wechat": "执法" + SCRIPT}],
}
SUGGESTIONS = [
    {
        "id": "T001",
        "received": "2026-11-02 10:00",
        "name": "郦丽娜" + SCRIPT,
        "region": "浙江省金华市武义县" + IMG,
        "contact": "18857908462",
        "theme": "停车设施",
        "title": "空地改停车场" + TITLE,
        "text": "建议" + HOSTILE,
        "status": "已答复",
        "reply": "您好" + HOSTILE,
        "featured": "是",
    },
    {
        "id": "T002",
        "received": "2026-11-03 10:00",
        "name": SVG,
        "region": SQUOTE,
        "contact": "",
        "theme": "违停" + SCRIPT,
        "title": DQUOTE + CDATA,
        "text": HOSTILE,
        "status": "采纳",
        "reply": JSON_END + COMMENT,
        "featured": "是",
    },
]


def _yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _article(title: str, body: str, **extra: object) -> str:
    front = {
        "title": title,
        "date": "2026-05-12 09:30",
        "squad": "baiyang",
        "category": "执法动态",
        **extra,
    }
    return f"---\n{_yaml(front)}---\n\n{body}"


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def hostile_files() -> dict[str, str]:
    """A portal whose every published field carries the payloads."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("nav", None)
    files = {
        "mkdocs.yml": _yaml(config),
        "content/squads.yml": SQUADS.replace("白洋中队", "白洋中队" + SCRIPT),
        "content/outlets.yml": OUTLETS.replace("今日武义", json.dumps("今日武义" + IMG)),
        "content/editions.yml": _yaml(
            {"editions": [{"number": 1, "date": "2026-05-08", "theme": "联合执法" + SVG}]}
        ),
        "content/articles/2026-05-12-staff-html.md": _article(
            "夜市整治" + TITLE,
            STAFF_HTML,
            author="朱晓燕" + IMG,
            tags=["夜市" + SCRIPT, DQUOTE, TEMPLATE[:40]],
            summary="摘要" + " ".join(PAYLOADS[:6]),
            placements=[
                {
                    "outlet": "jrwy",
                    "date": "2026-05-14",
                    "section": "第3版" + SVG,
                    "url": 'https://example.org/"' + DQUOTE,
                }
            ],
            edition=1,
            basis=[{"law": "daolu", "article": 27}],
        ),
        "content/qa/balcony.md": QUESTION,
        "content/regulations/daolu.md": REGULATION,
        "content/pages/about.md": f"---\n{_yaml({'title': '关于' + TITLE, 'description': '说明' + IMG})}---\n\n{STAFF_HTML}",
        "content/suggestions/tingche/campaign.yml": _yaml(CAMPAIGN),
        "content/suggestions/tingche/submissions.csv": _csv(SUGGESTIONS),
    }
    # An image that exists (the build checks it, and its image step refuses broken image data,
    # so it is a real 1x1 PNG): an on… handler that survived would still be in the markup.
    for folder in ("articles", "pages", "qa", "regulations"):
        files[f"content/{folder}/x.png"] = ""
    for n, payload in enumerate(PAYLOADS):
        day = 13 + n
        files[f"content/articles/2026-05-{day}-payload-{n}.md"] = _article(
            f"标题{n}{payload}",
            f"正文{n}。\n",
            date=f"2026-05-{day} 09:30",
            summary=f"摘要{n}{payload}",
            tags=[f"标签{n}{payload}"[:64]],
        )
    return files


# -- the sanitiser ------------------------------------------------------------------------------
EXTENSIONS_DOC = """\
## 第三十条 城市道路 {#art-30}

正文**粗体**、*斜体*、`代码`，见[第三十条](#art-30 "标题")、[外链](https://example.org/?a=1&b=2)、
[邮件](mailto:x@example.org)、[电话](tel:12345)和[本站](../other/)。[^1]

![现场照片](photo.jpg){ width="300" loading="lazy" }

一段文字
{ .lead #intro lang="en" }

| 左 | 中 | 右 |
|:---|:--:|---:|
| 1 | 2 | 3 |

!!! note "提示"
    注意事项

??? warning "展开看"
    折叠的内容

???+ tip
    默认展开

```python
print("<b>")
```

<div markdown="1" class="box">**md_in_html**</div>

<figure><img src="a.png" alt="图"><figcaption>说明 <time datetime="2026-05-12">5月12日</time></figcaption></figure>

1. 一
2. 二

> 引用

---

[^1]: 脚注。
"""


def _markdown(text: str) -> str:
    """The site's Markdown, configured as mkdocs.yml and the plugin configure it."""
    return markdown.markdown(
        text,
        extensions=[
            "toc",
            "tables",
            "attr_list",
            "admonition",
            "md_in_html",
            "pymdownx.details",
            "pymdownx.superfences",
            "footnotes",
        ],
        extension_configs={"tables": {"use_align_attribute": True}},
    )


def _tree(html: str) -> str:
    """HTML re-serialised, so that `<hr />` and `<hr>`, `&#160;` and `&nbsp;` compare equal."""
    parent = lxml.html.fragment_fromstring(html, create_parent="div")
    return lxml.html.tostring(parent, encoding="unicode")


def test_what_our_markdown_extensions_write_survives_sanitising() -> None:
    html = _markdown(EXTENSIONS_DOC)
    for needle in ('id="art-30"', 'align="center"', 'class="admonition note"', "<details"):
        assert needle in html
    assert _tree(sanitize_html(html)) == _tree(html)


@pytest.mark.parametrize(
    ("html", "clean"),
    [
        ("<p>a<script>__xss=1</script>b</p>", "<p>ab</p>"),
        ('<img src="x.png" onerror="__xss=1" alt="图">', '<img src="x.png" alt="图">'),
        ('<a href="javascript:__xss=1">点</a>', "<a>点</a>"),
        ('<a href="jav&#x09;ascript:__xss=1">点</a>', "<a>点</a>"),
        ('<a href=" JaVaScRiPt:__xss=1">点</a>', "<a>点</a>"),
        ('<a href="data:text/html,x">点</a>', "<a>点</a>"),
        ('<img src="data:image/png;base64,AAAA">', "<img>"),
        ('<svg onload="__xss=1"><circle r="1"/></svg>文', "文"),
        ('<p style="position:fixed" onclick="__xss=1">文</p>', "<p>文</p>"),
        ('<iframe src="https://example.org/">回退</iframe>文', "文"),
        ("<style>p{color:red}</style><noscript>无</noscript><template>模</template>文", "文"),
        ('<object data="x.swf"></object><embed src="x.swf">文', "文"),
        ('<form action="/x"><input name="q"><button>搜</button></form>', "搜"),
        ('<details open ontoggle="__xss=1"><summary>标</summary>文</details>', None),
        ("<!-- 注释 -->文", "文"),
        ('<p id="__config">文</p><p id="art-3">条</p>', '<p>文</p><p id="art-3">条</p>'),
        ('<base href="https://evil.example/"><meta http-equiv="refresh" content="0">文', "文"),
        ('<a href="https://example.org/" target="_blank" rel="nofollow">外</a>', None),
    ],
)
def test_the_sanitiser_removes_what_could_run(html: str, clean: str | None) -> None:
    expected = {
        '<details open ontoggle="__xss=1"><summary>标</summary>文</details>': (
            '<details open=""><summary>标</summary>文</details>'
        ),
        '<a href="https://example.org/" target="_blank" rel="nofollow">外</a>': (
            '<a href="https://example.org/" rel="nofollow">外</a>'
        ),
    }
    assert sanitize_html(html) == (clean if clean is not None else expected[html])


# -- the hostile portal, built ------------------------------------------------------------------
PNG_1X1 = (
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63382127070002b6010534a675aa0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "portal"
    for rel, text in hostile_files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for image in root.glob("content/*/x.png"):
        image.write_bytes(bytes.fromhex(PNG_1X1))
    shutil.copytree(ROOT / "themes", root / "themes")
    os.environ["SOURCE_DATE_EPOCH"] = SAMPLE_EPOCH
    try:
        assert build(root) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root / "site"


DATA_SCRIPTS = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background"}


def runnable_markup(html: str) -> list[str]:
    """Markup in `html` through which a payload could run (whatever a CSP would say)."""
    doc = lxml.html.fromstring(html) if html.strip() else None
    if doc is None:
        return []
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script":
            if element.get("type") in DATA_SCRIPTS:
                json.loads(element.text or "")  # data, and still whole
            elif "__xss" in (element.text or "") or "alert(" in (element.text or ""):
                found.append(f"<script>{element.text}</script>")
        if element.tag in {"iframe", "frame", "object", "embed", "applet"}:
            found.append(f"<{element.tag}>")
        if element.tag == "base" and element.get("href"):
            found.append("<base href>")
        if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}={value!r}>")
            if name.lower() in URL_ATTRIBUTES or name.endswith("href"):
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text")):
                    found.append(f"<{element.tag} {name}={value!r}>")
    return found


def _feed_html(path: Path) -> list[str]:
    """The HTML a feed carries for readers to render (RSS content:encoded and description,
    Atom content and summary of type html, JSON Feed content_html)."""
    if path.suffix == ".json":
        data = json.loads(path.read_bytes())
        return [i.get("content_html", "") for i in data.get("items", [])]
    tree = lxml.etree.fromstring(path.read_bytes())
    found = tree.xpath(
        "//*[local-name()='encoded' or local-name()='description']/text()"
        " | //*[(local-name()='content' or local-name()='summary') and @type='html']/text()"
    )
    return [str(x) for x in found]


def test_no_payload_becomes_markup_in_any_file(hostile_site: Path) -> None:
    problems: dict[str, list[str]] = {}
    files = sorted(p for p in hostile_site.rglob("*") if p.is_file())
    for path in files:
        rel = path.relative_to(hostile_site).as_posix()
        if path.suffix == ".html":
            found = runnable_markup(path.read_text(encoding="utf-8"))
        elif path.suffix in {".xml", ".atom", ".opml"} or (
            path.suffix == ".json" and rel.startswith("feeds/") and rel != "feeds/ids.json"
        ):
            found = [m for html in _feed_html(path) for m in runnable_markup(html)]
        elif path.suffix == ".json":
            json.loads(path.read_bytes())  # every JSON file still parses
            found = []
        else:
            continue
        if found:
            problems[rel] = found
    assert problems == {}
    assert any("__xss" in p.read_text(encoding="utf-8") for p in files if p.suffix == ".xml")


def _text(site: Path, page: str) -> str:
    doc = lxml.html.parse(str(site / page / "index.html")).getroot()
    text: str = doc.cssselect("article")[0].text_content()
    return " ".join(text.split())


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_citizen_text_and_front_matter_are_shown_letter_for_letter(hostile_site: Path) -> None:
    campaign = _text(hostile_site, "suggestions/tingche")
    for row in SUGGESTIONS:
        for column in ("title", "text", "reply"):
            assert _flat(row[column]) in campaign, column
    assert _flat(CAMPAIGN["notes"]) in campaign  # type: ignore[arg-type]
    question = _text(hostile_site, "qa/balcony")
    assert "熟溪街道居民" + IMG in question
    assert "白洋中队" + SVG in question
    article = _text(hostile_site, "news/2026/05/staff-html")
    assert "夜市整治" + TITLE in article
    assert "夜市" + SCRIPT in article and _flat(DQUOTE) in article
    # Code is code: shown, not run.
    assert f"行内代码 {SCRIPT} 原样显示" in article
    # Staff HTML is sanitised, not shown: the text around it stays.
    assert "5月11日晚" in article and "__xss=20" not in article
    for n, payload in enumerate(PAYLOADS):
        head = lxml.html.parse(str(hostile_site / f"news/2026/05/payload-{n}/index.html"))
        assert head.findtext(".//title").startswith(f"标题{n}{payload} - ")
        assert head.getroot().cssselect("h1")[0].text_content() == f"标题{n}{payload}"


# -- in chromium ----------------------------------------------------------------------------------
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
_META_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


class _Site(http.server.SimpleHTTPRequestHandler):
    """The built files, or (bare) the same files with the CSP taken out of every page."""

    bare = False

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not self.bare or path.suffix != ".html" or not path.is_file():
            return super().send_head()
        body = _META_CSP.sub(b"", path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def _serve(site: Path, bare: bool) -> Iterator[str]:
    handler = functools.partial(type("Handler", (_Site,), {"bare": bare}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# Once the page has loaded: what ran, and what in the live DOM could still run.
_PROBE = """() => ({
    xss: typeof window.__xss === 'undefined' ? null : String(window.__xss),
    handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
        .filter(a => a.name.startsWith('on')).map(a => `<${e.localName} ${a.name}>`)),
    urls: [...document.querySelectorAll('[href],[src],[action],[formaction]')].flatMap(e =>
        ['href', 'src', 'action', 'formaction'].map(n => e.getAttribute(n) || '')
        .filter(v => /^\\s*(javascript|vbscript):/i.test(v))),
    violations: window.__violations,
    hasPolicy: !!document.querySelector('meta[http-equiv="Content-Security-Policy"]'),
    material: !!document.querySelector('meta[name="generator"][content^="mkdocs-"]'),
})"""


@pytest.mark.browser
@pytest.mark.parametrize("bare", [False, True], ids=["with-csp", "without-csp"])
def test_no_payload_ever_runs(hostile_site: Path, bare: bool) -> None:
    pages = sorted(
        p.relative_to(hostile_site).as_posix().removesuffix("index.html")
        for p in hostile_site.rglob("*.html")
        if not p.name.endswith(".inc.html")
    )
    pages += ["search/?q=标题", "search/?q=" + SCRIPT, "no/such/page/"]
    report: dict[str, object] = {}
    with launch_chromium() as browser, _serve(hostile_site, bare) as url:
        context: Any = browser.new_context(locale="zh-CN")
        context.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            "`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"
        )
        context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/|data:)"), lambda r: r.abort())
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            dialogs.clear()
            page.goto(url + path)
            page.wait_for_timeout(50)
            page.mouse.move(200, 300)  # a hover, for anything listening to mouseover
            page.keyboard.press("Tab")  # and a focus change
            probe = page.evaluate(_PROBE)
            if bare:
                assert not probe["hasPolicy"], path
            elif probe["material"]:
                assert probe["hasPolicy"], path  # every page Material renders carries it
            # The WeChat copies link images by the site's public address, its own in production.
            probe["violations"] = [v for v in probe["violations"] if f" {SITE_URL}" not in v]
            found = {k: probe[k] for k in ("xss", "handlers", "urls", "violations") if probe[k]}
            if dialogs:
                found["dialogs"] = list(dialogs)
            if found:
                report[path] = found
        context.close()
    assert len(pages) > 50
    assert report == {}
