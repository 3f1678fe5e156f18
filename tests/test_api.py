"""The static JSON API (site/api/): valid against its schema, paginated, ids equal to the feeds'."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
from jsonschema import Draft202012Validator

from generator.render.api import PER_PAGE, api_schema

from .conftest import ROOT, WritePortal, build

SITE_URL = "https://cgj.wuyi.example.gov.cn/"
BEIJING_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(api_schema())
    return data


def validator(definition: str | None = None) -> Draft202012Validator:
    root = schema()
    if definition is not None:
        root = {**root, "oneOf": [{"$ref": f"#/$defs/{definition}"}]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def load(site: Path, url: str) -> Any:
    assert url.startswith(SITE_URL), url
    return json.loads((site / url.removeprefix(SITE_URL)).read_text(encoding="utf-8"))


def follow(site: Path, first: str) -> list[dict[str, Any]]:
    """Every page of a list, by its `next` links; checks `prev` points back."""
    pages, url, prev = [], first, None
    while url:
        page = load(site, url)
        assert page["url"] == url and page["prev"] == prev and page["first"] == first
        pages.append(page)
        prev, url = url, page["next"]
    assert pages[-1]["url"] == pages[0]["last"] and len(pages) == pages[0]["pages"]
    return pages


def test_schema_is_valid_and_published(sample_site: Path) -> None:
    Draft202012Validator.check_schema(schema())
    assert (sample_site / "api" / "schema.json").read_bytes() == api_schema()


def test_every_api_file_matches_the_schema(sample_site: Path) -> None:
    files = sorted((sample_site / "api").rglob("*.json"))
    assert len(files) > 300
    kinds: dict[str, str] = {
        "index": "index",
        "article-list": "articleList",
        "article": "articleDocument",
        "question-list": "questionList",
        "question": "questionDocument",
        "regulation-list": "regulationList",
        "regulation": "regulationDocument",
    }
    seen = set()
    whole = validator()
    for path in files:
        if path.name == "schema.json":
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = [e.message for e in whole.iter_errors(document)]
        assert not errors, f"{path.relative_to(sample_site)}: {errors[:3]}"
        validator(kinds[document["kind"]]).validate(document)
        seen.add(document["kind"])
    assert seen == set(kinds)


def test_schema_rejects_what_it_should() -> None:
    good = {
        "kind": "question-list",
        "title": "t",
        "home_page_url": SITE_URL + "qa/",
        "url": SITE_URL + "api/qa.json",
        "first": SITE_URL + "api/qa.json",
        "last": SITE_URL + "api/qa.json",
        "prev": None,
        "next": None,
        "page": 1,
        "pages": 1,
        "per_page": 20,
        "total": 0,
        "items": [],
    }
    validator("questionList").validate(good)
    for bad in (
        {**good, "extra": 1},
        {**good, "next": "api/qa/page/2.json"},  # relative
        {**good, "page": 0},
        {**good, "kind": "article-list"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator("questionList").validate(bad)
    with pytest.raises(jsonschema.ValidationError):
        validator().validate({"kind": "article", "title": "no id"})


def test_articles_are_paginated_with_links_both_ways(sample_site: Path) -> None:
    index = load(sample_site, SITE_URL + "api/index.json")
    pages = follow(sample_site, index["articles"]["api_url"])
    assert index["articles"]["api_url"] == SITE_URL + "api/articles.json"
    assert pages[1]["url"] == SITE_URL + "api/articles/page/2.json"
    items = [item for page in pages for item in page["items"]]
    total = index["articles"]["total"]
    assert len(items) == total == pages[0]["total"] == 253
    assert all(len(p["items"]) == PER_PAGE for p in pages[:-1]) and pages[-1]["items"]
    assert len({i["id"] for i in items}) == total
    published = [i["published"] for i in items]
    assert published == sorted(published, reverse=True)  # newest first
    assert all(BEIJING_TIME.match(t) for t in published)
    per_category = 0
    for c in index["categories"]:
        assert c["api_url"] == f"{SITE_URL}api/category/{c['slug']}.json"
        listed = [i for page in follow(sample_site, c["api_url"]) for i in page["items"]]
        assert len(listed) == c["total"]
        assert {i["category"]["slug"] for i in listed} <= {c["slug"]}
        per_category += c["total"]
    assert per_category == total


def test_ids_equal_the_feed_ids(sample_site: Path) -> None:
    feed = json.loads((sample_site / "feeds" / "news.json").read_text(encoding="utf-8"))
    first = load(sample_site, SITE_URL + "api/articles.json")["items"]
    assert [(i["id"], i["url"]) for i in first] == [
        (i["id"], i["url"]) for i in feed["items"][: len(first)]
    ]
    qa_feed = json.loads((sample_site / "feeds" / "qa.json").read_text(encoding="utf-8"))
    questions = load(sample_site, SITE_URL + "api/qa.json")["items"]
    assert [q["id"] for q in questions] == [i["id"] for i in qa_feed["items"][: len(questions)]]
    reg_feed = json.loads((sample_site / "feeds" / "regulations.json").read_text(encoding="utf-8"))
    regulations = [
        r for p in follow(sample_site, SITE_URL + "api/regulations.json") for r in p["items"]
    ]
    assert {r["id"] for r in regulations} >= {i["id"] for i in reg_feed["items"]}


def test_article_document_has_the_full_text_with_absolute_links(sample_site: Path) -> None:
    item = load(sample_site, SITE_URL + "api/articles.json")["items"][0]
    document = load(sample_site, item["api_url"])
    assert document["kind"] == "article"
    assert {k: document[k] for k in item} == item  # the list item is the document's head
    assert item["api_url"] == SITE_URL + "api/" + item["url"].removeprefix(SITE_URL)[:-1] + ".json"
    page = lxml.html.fromstring(
        (sample_site / item["url"].removeprefix(SITE_URL) / "index.html").read_text(
            encoding="utf-8"
        )
    )
    first_paragraph = page.cssselect(".pt-article__body p")[0].text_content()
    body = lxml.html.fragment_fromstring(document["content_html"], create_parent="div")
    assert body.cssselect("p")[0].text_content() == first_paragraph
    for path in sorted((sample_site / "api" / "news").rglob("*.json")):
        html = json.loads(path.read_text(encoding="utf-8"))["content_html"]
        if html.strip():
            tree = lxml.html.fragment_fromstring(html, create_parent="div")
            links = tree.xpath(".//@href | .//@src")
            assert all(
                link.startswith(("https://", "http://", "mailto:", "tel:")) for link in links
            )


def test_questions_are_interaction_records(sample_site: Path) -> None:
    questions = [q for p in follow(sample_site, SITE_URL + "api/qa.json") for q in p["items"]]
    assert len(questions) == 30
    answered = [q for q in questions if q["status"] == "已答复"]
    assert answered and all(q["replied"] for q in answered)
    assert all(q["replied"] is None for q in questions if q["status"] == "待答复")
    with_days = [q for q in questions if q["received"] and q["replied"]]
    assert with_days and all(q["days_to_reply"] >= 0 for q in with_days)
    cited = next(q for q in questions if q["basis"])
    basis = cited["basis"][0]
    assert re.fullmatch(rf"{SITE_URL}regulations/[a-z0-9-]+/#art-\d+", basis["url"])
    document = load(sample_site, cited["api_url"])
    assert document["kind"] == "question" and document["content_html"].strip()


def test_regulations_list_provisions_and_status(sample_site: Path) -> None:
    regulations = [
        r for p in follow(sample_site, SITE_URL + "api/regulations.json") for r in p["items"]
    ]
    assert len(regulations) == 21
    assert {r["status"] for r in regulations} >= {"现行有效"}
    some = next(r for r in regulations if r["provisions"])
    assert some["provisions"][0]["url"].startswith(some["url"] + "#art-")
    assert load(sample_site, some["api_url"])["slug"] == some["slug"]


def test_markup_in_text_is_data(write_portal: WritePortal) -> None:
    from .test_embed import NASTY

    root = write_portal({"content/articles/2026-05-12-night-market.md": NASTY})
    site = root / "site"
    assert build(root, site) == 0
    raw = (site / "api" / "articles.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw  # written as \u003c, so no browser sniffs HTML
    page = json.loads(raw)
    assert page["items"][0]["title"] == "<script>alert(1)</script> “整治” & <b>粗体</b>"
    assert page["prev"] is None and page["next"] is None and page["pages"] == 1
    assert page["items"][0]["published"] == "2026-05-12T09:30:00+08:00"
    # A category without pieces is an empty list, still valid.
    empty = json.loads((site / "api" / "category" / "quanlei.json").read_text(encoding="utf-8"))
    assert empty["total"] == 0 and empty["items"] == [] and empty["last"] == empty["url"]
    validator("articleList").validate(empty)
    index = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    assert index["questions"]["total"] == 0
    validator("index").validate(index)


def test_readme_documents_the_api() -> None:
    readme = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for path in ("api/index.json", "api/articles/page/2.json", "api/category/<slug>.json"):
        assert path in readme


def test_same_content_same_bytes(write_portal: WritePortal) -> None:
    """Embeds, API and 公众号排版 pages depend on the content only, not on the build."""
    root = write_portal()
    first, second = root / "one", root / "two"
    assert build(root, first) == 0 and build(root, second) == 0

    def ours(site: Path) -> dict[str, bytes]:
        paths = [*site.glob("api/**/*.json"), *site.glob("embed/**/*"), *site.rglob("wechat/*")]
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in paths if p.is_file()}

    files = ours(first)
    assert len(files) > 20 and "news/2026/05/night-market/wechat/index.html" in files
    assert files == ours(second)
