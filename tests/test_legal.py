"""法律咨询台 and 法规摘要: numerals, validation rules, links both ways, structured data."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from generator.clock import BEIJING
from generator.errors import ContentError
from generator.numerals import anchor_headings, article_label, parse_article_number
from generator.render.jsonld import legislation, own_page
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import WritePortal


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (30, 30),
        ("30", 30),
        ("第30条", 30),
        ("第三十条", 30),
        ("第十条", 10),
        ("第十一条", 11),
        ("第二十条", 20),
        ("第一百条", 100),
        ("第一百零一条", 101),
        ("第一百一十条", 110),
        ("第二百零五条", 205),
        ("第九百九十九条", 999),
        ("第一千零一条", 1001),
        ("第 40 条", 40),
        ("第〇条".replace("〇", "一"), 1),
    ],
)
def test_article_numbers(value: object, number: int) -> None:
    assert parse_article_number(value) == number
    assert parse_article_number(article_label(number)) == number


@pytest.mark.parametrize(
    "value", ["第三十款", "三十条之一", "", "第十十条", 0, True, 2.5, "第百十条x"]
)
def test_bad_article_numbers(value: object) -> None:
    with pytest.raises(ValueError):
        parse_article_number(value)


def test_labels() -> None:
    assert [article_label(n) for n in (1, 10, 15, 40, 101, 110, 999)] == [
        "第一条",
        "第十条",
        "第十五条",
        "第四十条",
        "第一百零一条",
        "第一百一十条",
        "第九百九十九条",
    ]


def test_anchor_headings() -> None:
    body = "## 概要\n\n### 第四十条 建设工程规划许可\n文字\n\n### 第64条\n"
    assert anchor_headings(body) == (
        "## 概要\n\n### 第四十条 建设工程规划许可 {#art-40}\n文字\n\n### 第六十四条 {#art-64}\n"
    )


REG = """\
---
title: 中华人民共和国城乡规划法
short_title: 城乡规划法
level: 法律
issuer: 全国人民代表大会常务委员会
adopted: 2007-10-28
effective: 2008-01-01
amended: [2015-04-24, 2019-04-23]
status: 现行有效
domains: [城乡规划]
source: https://flk.npc.gov.cn/
---

## 概要

规范城乡规划。

### 第四十条 建设工程规划许可

在城市、镇规划区内进行建设，应当申请办理建设工程规划许可证。

### 第六十四条 违法建设的处罚

未取得许可证进行建设的，责令停止建设，限期改正或拆除。
"""

OLD = """\
---
title: 武义县城区养犬管理暂行规定
short_title: 养犬暂行规定
level: 规范性文件
issuer: 武义县人民政府
adopted: 2012-03-01
status: 已废止
repealed_by: guihua-fa
domains: [犬类管理]
---

### 第五条 犬只登记

养犬应当登记。
"""

QA = """\
---
question: 自家院子里加盖一间房要审批吗？
date: 2026-06-03
domain: 城乡规划
basis:
  - law: guihua-fa
    article: 第四十条
  - law: guihua-fa
    article: 64
asker: 王建平
---

需要。根据城乡规划法，应当申请办理建设工程规划许可证。
"""


def legal_portal(write_portal: WritePortal, extra: dict[str, str] | None = None) -> Path:
    files = {
        "content/regulations/guihua-fa.md": REG,
        "content/regulations/old-dog-rule.md": OLD,
        "content/qa/extension.md": QA,
    }
    files.update(extra or {})
    return write_portal(files)


def messages(root: Path) -> list[str]:
    try:
        portal = load_portal(Settings(root=root, timezone=BEIJING))
    except ContentError as exc:
        return [("" if p.is_error else "warning: ") + str(p) for p in exc.problems]
    return ["warning: " + str(p) for p in portal.warnings]


def test_model(write_portal: WritePortal) -> None:
    portal = load_portal(Settings(root=legal_portal(write_portal), timezone=BEIJING))
    (q,) = portal.questions
    assert [c.article for c in q.basis] == [40, 64]
    assert q.basis[0].provision.heading == "第四十条 建设工程规划许可"
    assert q.asker == "王**"
    reg = portal.regulation("guihua-fa")
    assert reg is not None and [p.anchor for p in reg.provisions] == ["art-40", "art-64"]
    assert reg.status.schema == "InForce"


Q = "content/qa/extension.md"
CASES = [
    (
        QA.replace("domain: 城乡规划", "domain: 城管"),
        "content/qa/extension.md:4: domain: 没有这个执法领域“城管”。全部：市容环境卫生、城乡规划、城市绿化、市政公用、环境保护、工商行政、公安交通、河道、犬类管理",
    ),
    (
        QA.replace("law: guihua-fa\n    article: 第四十条", "law: guihua\n    article: 第四十条"),
        "content/qa/extension.md:6: basis[0].law: 没有这个法规“guihua”。最接近的：guihua-fa 城乡规划法；全部：guihua-fa 城乡规划法、old-dog-rule 养犬暂行规定",
    ),
    (
        QA.replace("article: 64", "article: 第六十五条"),
        "content/qa/extension.md:9: basis[1].article: 第六十五条不在 guihua-fa 的摘要里（已摘录：第四十条、第六十四条）",
    ),
    (
        QA.replace("article: 64", "article: 第六十四款"),
        "content/qa/extension.md:9: basis[1].article: “第六十四款”不是条号（写 30、第30条 或 第三十条）",
    ),
    (
        QA.replace("law: guihua-fa\n    article: 64", "law: old-dog-rule\n    article: 5"),
        "warning: content/qa/extension.md:8: basis[1].law: 引用的养犬暂行规定（old-dog-rule）已废止；请改为引用取代它的“guihua-fa”",
    ),
    (
        QA.replace("question: 自家院子里加盖一间房要审批吗？\n", ""),
        "content/qa/extension.md:1: question: 缺少必填字段",
    ),
    (
        QA.replace("asker: 王建平", "asker: 王建平\nreceived: 2026-05-20\nreplied: 2026-05-18"),
        "content/qa/extension.md:12: replied: 答复日期 2026-05-18 早于受理日期 2026-05-20",
    ),
    (
        QA.replace("asker: 王建平", "asker: 王建平\nreceived: 2026-06-05"),
        "content/qa/extension.md:3: date: 发布日期 2026-06-03 早于受理日期 2026-06-05",
    ),
    (
        QA.replace("asker: 王建平", "asker: 王建平\nreceived: 2026-05-20\nreplied: 2026-05-28"),
        "warning: content/qa/extension.md:12: department: 请写明答复部门，例如 department: 法制科",
    ),
]


@pytest.mark.parametrize(("qa", "expected"), CASES)
def test_question_rule(write_portal: WritePortal, qa: str, expected: str) -> None:
    root = legal_portal(write_portal, {Q: qa})
    assert expected in messages(root)


REG_CASES = [
    (
        OLD.replace("repealed_by: guihua-fa\n", ""),
        "content/regulations/old-dog-rule.md:1: repealed_by: 标为“已废止”的法规要写明被哪部法规取代（repealed_by）",
    ),
    (
        OLD.replace("repealed_by: guihua-fa", "repealed_by: new-dog-rule"),
        "content/regulations/old-dog-rule.md:8: repealed_by: 没有这个法规“new-dog-rule”。全部：guihua-fa",
    ),
    (
        OLD.replace("adopted: 2012-03-01", "adopted: 2012-03-01\neffective: 2011-01-01"),
        "content/regulations/old-dog-rule.md:7: effective: 施行日期 2011-01-01 早于通过日期 2012-03-01",
    ),
    (
        OLD.replace("level: 规范性文件", "level: 条例"),
        "content/regulations/old-dog-rule.md:4: level: 没有这个值“条例”。可以写：法律、行政法规、地方性法规、部门规章、地方政府规章、规范性文件",
    ),
    (
        OLD.replace("### 第五条 犬只登记", "### 第五条 犬只登记\n\n### 第5条 重复"),
        "content/regulations/old-dog-rule.md:14: (body): 第五条摘录了两次（第 12 行已经有了）",
    ),
    (
        OLD.replace("status: 已废止", "status: 失效"),
        "content/regulations/old-dog-rule.md:7: status: 没有这个值“失效”。可以写：现行有效、已修改、已废止、尚未生效",
    ),
]


@pytest.mark.parametrize(("reg", "expected"), REG_CASES)
def test_regulation_rule(write_portal: WritePortal, reg: str, expected: str) -> None:
    root = legal_portal(write_portal, {"content/regulations/old-dog-rule.md": reg})
    assert expected in messages(root)


def test_not_yet_in_force(write_portal: WritePortal) -> None:
    future = REG.replace("status: 现行有效", "status: 尚未生效").replace(
        "effective: 2008-01-01", "effective: 2027-01-01"
    )
    root = legal_portal(write_portal, {"content/regulations/guihua-fa.md": future})
    assert (
        f"warning: {Q}:6: basis[0].law: 城乡规划法要到 2027-01-01 才生效（尚未生效），"
        "晚于这条答复的日期 2026-06-03" in messages(root)
    )


# -- the built sample ----------------------------------------------------------------------


def _tree(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def test_every_basis_link_reaches_an_anchor(sample_site: Path) -> None:
    questions = sorted((sample_site / "qa").glob("*/index.html"))
    questions = [q for q in questions if q.parent.name != "domain"]
    assert len(questions) >= 24
    followed = 0
    for path in questions:
        for link in _tree(path).cssselect(".pt-basis a"):
            href = link.get("href")
            target, _, anchor = href.partition("#")
            page = (path.parent / target / "index.html").resolve()
            assert page.is_file(), (path, href)
            assert anchor.startswith("art-")
            assert _tree(page).cssselect(f'[id="{anchor}"]'), (path, href)
            followed += 1
    assert followed >= 24


def test_cited_by_is_complete(sample_site: Path) -> None:
    cites: dict[tuple[str, str], set[str]] = {}
    for path in (sample_site / "qa").glob("*/index.html"):
        for link in _tree(path).cssselect(".pt-basis a"):
            reg = (path.parent / link.get("href").split("#")[0]).resolve().name
            cites.setdefault((reg, link.get("href").split("#")[1]), set()).add(path.parent.name)
    for (reg, anchor), askers in cites.items():
        tree = _tree(sample_site / "regulations" / reg / "index.html")
        (section,) = tree.cssselect(f'[id="cited-{anchor}"]')
        listed = {
            a.get("href").rstrip("/").split("/")[-1]
            for a in section.getnext().cssselect("a")
            if "/qa/" in a.get("href")
        }
        assert listed == askers, (reg, anchor)


def test_json_ld(sample_site: Path) -> None:
    expected = {
        "qa": {"FAQPage", "CollectionPage"},
        "regulations": {"Legislation"},
        "news": {"NewsArticle"},
    }
    marked: list[str] = []  # every question marked up with its answer, page by page
    for folder, kinds in expected.items():
        pages = list((sample_site / folder).rglob("index.html"))
        found = 0
        for path in pages:
            for script in _tree(path).cssselect('script[type="application/ld+json"]'):
                data = json.loads(script.text)
                assert data["@context"] == "https://schema.org"
                # Answers, articles and regulations also carry their breadcrumb trail.
                assert data["@type"] in {*kinds, "BreadcrumbList"}, path
                if data["@type"] == "Legislation":
                    assert data["legislationLegalForce"] in {
                        "InForce",
                        "PartiallyInForce",
                        "NotInForce",
                    }
                    # The law database's home page is not the law: no sameAs to it.
                    assert own_page(data.get("sameAs", "https://x/law")), data["sameAs"]
                if data["@type"] == "FAQPage":
                    for question in data["mainEntity"]:
                        assert question["@type"] == "Question"
                        assert question["acceptedAnswer"]["text"]
                        marked.append(question["name"])
                if data["@type"] == "CollectionPage":
                    items = data["mainEntity"]["itemListElement"]
                    assert [i["position"] for i in items] == list(range(1, len(items) + 1))
                found += 1
        assert found, folder
    # Search engines ask that an FAQ repeated on several pages be marked up on one.
    assert len(marked) == len(set(marked)) > 20


def test_same_as_only_for_the_laws_own_page(write_portal: WritePortal) -> None:
    assert not own_page("https://flk.npc.gov.cn/") and not own_page("https://flk.npc.gov.cn")
    page = "https://flk.npc.gov.cn/detail2.html?ZmY4MDgxODE3OTZhNjM2YTAxNzk4MjJhMTk2NDBjOTI"
    assert own_page(page)
    reg = load_portal(Settings(root=legal_portal(write_portal), timezone=BEIJING)).regulation(
        "guihua-fa"
    )
    assert reg is not None and reg.source_url == "https://flk.npc.gov.cn/"
    assert "sameAs" not in legislation(reg, "https://example.org/")
    assert legislation(replace(reg, source_url=page), "https://example.org/")["sameAs"] == page


def test_repealed_regulation_points_to_successor(sample_site: Path) -> None:
    repealed = [
        p
        for p in (sample_site / "regulations").glob("*/index.html")
        if _tree(p).cssselect(".pt-notice--repealed")
    ]
    assert repealed
    for path in repealed:
        link = _tree(path).cssselect(".pt-notice--repealed a")[0].get("href")
        assert (path.parent / link / "index.html").resolve().is_file()


def test_cited_before_it_took_effect(write_portal: WritePortal) -> None:
    later = REG.replace("effective: 2008-01-01", "effective: 2026-07-01")
    root = legal_portal(write_portal, {"content/regulations/guihua-fa.md": later})
    assert (
        f"warning: {Q}:6: basis[0].law: 城乡规划法于 2026-07-01 施行，晚于这篇的日期 2026-06-03："
        "当时还不适用" in messages(root)
    )
