"""One bad-input case per validation rule, asserting the exact `path:line: field: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.model import Level, Status, UnitType
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import WritePortal

A = "content/articles/2026-06-01-case.md"


def problems_of(root: Path) -> list[str]:
    try:
        portal = load_portal(Settings(root=root))
    except ContentError as exc:
        return [("warning: " if not p.is_error else "") + str(p) for p in exc.problems]
    return ["warning: " + str(p) for p in portal.warnings]


def article(front: str, body: str = "正文。") -> str:
    return f"---\n{front.strip()}\n---\n\n{body}\n"


GOOD = "title: 标题\ndate: 2026-06-01 10:00\nsquad: baiyang\ncategory: 执法动态"


def test_good_portal_loads(write_portal: WritePortal) -> None:
    root = write_portal({A: article(GOOD + "\nplacements:\n  - {outlet: zjrb, date: 2026-06-02}")})
    portal = load_portal(Settings(root=root))
    assert [a.key for a in portal.articles] == ["2026-06-01-case", "2026-05-12-night-market"]
    case = portal.articles[0]
    assert case.unit.type is UnitType.SQUAD and case.status is Status.PUBLISHED
    assert case.published.isoformat() == "2026-06-01T10:00:00+08:00"
    assert case.submitted == case.published
    assert case.placements[0].outlet.level is Level.PROVINCIAL
    assert portal.placement_points(case.placements[0]) == 6


CASES = [
    (
        "title: 标题\ndate: 2026-06-01\nsquad: baiyang",
        f"{A}:1: category: required field is missing",
    ),
    (
        GOOD.replace("title: 标题", "title:"),
        f"{A}:2: title: required field is empty",
    ),
    (
        GOOD.replace("title: 标题", "title: 2026"),
        f"{A}:2: title: expected text, got a number (2026); put it in quotes",
    ),
    (
        GOOD.replace("squad: baiyang", "squad: wu-zhongdui"),
        f'{A}:4: squad: unknown squad "wu-zhongdui" (known: baiyang, fazhi)',
    ),
    (
        GOOD.replace("category: 执法动态", "category: 执法动态s"),
        f'{A}:5: category: unknown category "执法动态s" (did you mean "执法动态"?) (configured: '
        "执法动态, 市容整治, 环卫保洁, 便民服务, 法治宣传, 队伍建设, 犬类管理)",
    ),
    (
        GOOD.replace("2026-06-01 10:00", "2024-02-30"),
        f'{A}:3: date: no such date: "2024-02-30"',
    ),
    (
        GOOD.replace("2026-06-01 10:00", "1999-01-01"),
        f"{A}:3: date: year 1999 is out of range (2000-2100)",
    ),
    (
        GOOD + "\nstatus: publish",
        f'{A}:6: status: unknown value "publish" (did you mean "published"?) '
        "(allowed: published, draft, rejected)",
    ),
    (
        GOOD + "\nsubmitted: 2026-06-02 08:00",
        f"{A}:6: submitted: submitted 2026-06-02 08:00 is after the publication date "
        "2026-06-01 10:00",
    ),
    (
        GOOD + "\nplacements:\n  - outlet: jrwy\n    date: 2026-06-02\n  - outlet: cctv\n"
        "    date: 2026-06-02",
        f'{A}:9: placements[1].outlet: unknown outlet "cctv" (known: jrwy, zjrb)',
    ),
    (
        GOOD + "\nplacements:\n  - outlet: jrwy\n    date: 2026-05-30",
        f"{A}:8: placements[0].date: used on 2026-05-30 before it was submitted (2026-06-01)",
    ),
    (
        GOOD + "\nplacements:\n  - {outlet: jrwy, date: 2026-06-02}\n"
        "  - {outlet: jrwy, date: 2026-06-02}",
        f"{A}:8: placements[1].outlet: the same placement (jrwy, 2026-06-02) is listed twice",
    ),
    (
        GOOD + "\nplacements:\n  - {outlet: jrwy, date: 2026-06-02, url: www.x.cn}",
        f'{A}:7: placements[0].url: "www.x.cn" is not an http(s) URL',
    ),
    (
        GOOD + "\nplacements: 今日武义",
        f"{A}:6: placements: expected a list, got text",
    ),
    (
        GOOD + "\ntags: {a: 1}",
        f"{A}:6: tags: expected a list, got a mapping (key: value lines)",
    ),
    (
        GOOD + "\nedition: 第三期",
        f"{A}:6: edition: expected a whole number, got text",
    ),
    (
        GOOD + "\ntitle: again",
        f"{A}:6: title: duplicate key (first given on line 2)",
    ),
    (
        GOOD + "\nsumary: 摘要",
        f'warning: {A}:6: sumary: unknown key, ignored (did you mean "summary"?)',
    ),
]


@pytest.mark.parametrize(
    ("front", "expected"), CASES, ids=[c[1].split(": ")[1] + str(i) for i, c in enumerate(CASES)]
)
def test_article_rule(write_portal: WritePortal, front: str, expected: str) -> None:
    root = write_portal({A: article(front)})
    assert expected in problems_of(root)


def test_empty_body(write_portal: WritePortal) -> None:
    root = write_portal({A: article(GOOD, body="")})
    assert problems_of(root) == [f"{A}:7: (body): the article has no text"]


def test_unknown_edition(write_portal: WritePortal) -> None:
    root = write_portal(
        {
            A: article(GOOD + "\nedition: 9"),
            "content/editions.yml": "editions:\n  - {number: 1, date: 2026-05-08, theme: 环卫}\n",
        }
    )
    assert problems_of(root) == [
        f"{A}:6: edition: unknown 美丽家园 edition 9 (editions.yml lists 1-1)"
    ]


def test_same_url_twice(write_portal: WritePortal) -> None:
    root = write_portal(
        {
            "content/articles/2026-05-12-x.md": article(GOOD),
            "content/articles/2026-05-13-x.md": article(GOOD),
        }
    )
    assert problems_of(root) == [
        "content/articles/2026-05-13-x.md:0: (file): same URL /news/2026/06/x/ as "
        "content/articles/2026-05-12-x.md; rename one of the files"
    ]


def test_file_name_must_be_a_slug(write_portal: WritePortal) -> None:
    root = write_portal({"content/articles/夜市整治.md": article(GOOD)})
    assert problems_of(root) == [
        'content/articles/夜市整治.md:0: (file name): "夜市整治.md": name files like '
        "2026-05-12-night-market.md (lowercase a-z, 0-9 and -)"
    ]


def test_no_front_matter(write_portal: WritePortal) -> None:
    root = write_portal({A: "标题\n正文\n"})
    assert problems_of(root) == [
        f"{A}:1: (front matter): file must start with front matter between --- lines"
    ]


def test_utf16_file(write_portal: WritePortal) -> None:
    root = write_portal()
    (root / A).write_bytes(article(GOOD).encode("utf-16"))
    assert problems_of(root) == [f"{A}:0: (file): file is UTF-16; save it as UTF-8 (保存为 UTF-8)"]


def test_gbk_file(write_portal: WritePortal) -> None:
    root = write_portal()
    (root / A).write_bytes(article(GOOD).encode("gbk"))
    assert problems_of(root) == [
        f"{A}:2: (file): not valid UTF-8 text; it looks like GBK/GB18030, save it as UTF-8 "
        "(另存为 UTF-8)"
    ]


def test_bom_is_accepted(write_portal: WritePortal) -> None:
    root = write_portal()
    (root / A).write_bytes(b"\xef\xbb\xbf" + article(GOOD).encode())
    assert problems_of(root) == []


def test_control_characters(write_portal: WritePortal) -> None:
    root = write_portal({A: article(GOOD, body="正文\x00。\x0b第二行")})
    assert problems_of(root) == [
        f"warning: {A}:8: (file): control character(s) U+0000, U+000B removed"
    ]
    body = load_portal(Settings(root=root)).articles[0].body
    assert body == "\n正文。\n第二行\n"


def test_all_problems_at_once_sorted(write_portal: WritePortal) -> None:
    root = write_portal(
        {
            "content/articles/2026-06-02-b.md": article(GOOD.replace("baiyang", "nope")),
            "content/articles/2026-06-01-a.md": article(GOOD.replace("执法动态", "不存在")),
        }
    )
    found = problems_of(root)
    assert [p.split(":")[0] for p in found] == [
        "content/articles/2026-06-01-a.md",
        "content/articles/2026-06-02-b.md",
    ]


SQUAD_CASES = [
    (
        "units:\n  - {id: a, name: A中队, type: squad, quota: 1}\n"
        "  - {id: a, name: B中队, type: squad, quota: 1}\n",
        'content/squads.yml:3: units[1].id: duplicate id "a" (first on line 2)',
    ),
    (
        "units:\n  - {id: a, name: A中队, type: 大队, quota: 1}\n",
        'content/squads.yml:2: units[0].type: unknown value "大队" (allowed: squad, 中队, '
        "section, 科室)",
    ),
    (
        "units:\n  - {id: a, name: A中队, type: squad, quota: 两篇}\n",
        "content/squads.yml:2: units[0].quota: expected a number or a list of {from, per_week}, "
        "got text",
    ),
    (
        "units:\n  - {id: Bad_Id, name: A中队, type: squad, quota: 1}\n",
        'content/squads.yml:2: units[0].id: "Bad_Id" is not a valid id (lowercase a-z, 0-9 and '
        '-, e.g. "baiyang")',
    ),
    (
        "units:\n  - id: a\n    name: A中队\n    type: squad\n    quota:\n"
        "      - {from: 2026-07-01, per_week: 2}\n      - {from: 2026-01-01, per_week: 1}\n",
        "content/squads.yml:7: units[0].quota[1].from: quota periods must be in date order",
    ),
]


@pytest.mark.parametrize(("squads", "expected"), SQUAD_CASES)
def test_squads_rule(write_portal: WritePortal, squads: str, expected: str) -> None:
    root = write_portal({"content/squads.yml": squads}, articles=False)
    assert expected in problems_of(root)


def test_outlet_level(write_portal: WritePortal) -> None:
    root = write_portal({"content/outlets.yml": "outlets:\n  - {id: x, name: X报, level: city}\n"})
    assert problems_of(root) == [
        'content/outlets.yml:2: outlets[0].level: unknown value "city" (did you mean "county"?) '
        "(allowed: national, provincial, municipal, county)"
    ]


def test_missing_registry(write_portal: WritePortal) -> None:
    root = write_portal()
    (root / "content/outlets.yml").unlink()
    assert "content/outlets.yml:0: (file): file is missing" in problems_of(root)


def test_quota_history(write_portal: WritePortal) -> None:
    from datetime import date

    squads = (
        "units:\n  - id: a\n    name: A中队\n    type: squad\n    since: 2026-03-01\n"
        "    quota:\n      - {from: 2026-01-01, per_week: 1}\n"
        "      - {from: 2026-07-01, per_week: 2}\n"
    )
    root = write_portal({"content/squads.yml": squads}, articles=False)
    unit = load_portal(Settings(root=root)).units[0]
    assert [unit.quota_on(date(2026, m, 1)) for m in (2, 3, 6, 7, 12)] == [0, 1, 1, 2, 2]
