"""One bad-input case per validation rule, asserting the exact `path:line: field: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clock import BEIJING
from generator.errors import ContentError
from generator.model import Level, Status, UnitType
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import WritePortal

A = "content/articles/2026-06-01-case.md"


def problems_of(root: Path) -> list[str]:
    try:
        portal = load_portal(Settings(root=root, timezone=BEIJING))
    except ContentError as exc:
        return [("warning: " if not p.is_error else "") + str(p) for p in exc.problems]
    return ["warning: " + str(p) for p in portal.warnings]


def article(front: str, body: str = "正文。") -> str:
    return f"---\n{front.strip()}\n---\n\n{body}\n"


GOOD = "title: 标题\ndate: 2026-06-01 10:00\nsquad: baiyang\ncategory: 执法动态"


def test_good_portal_loads(write_portal: WritePortal) -> None:
    root = write_portal({A: article(GOOD + "\nplacements:\n  - {outlet: zjrb, date: 2026-06-02}")})
    portal = load_portal(Settings(root=root, timezone=BEIJING))
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
        "content/articles/2026-06-01-case.md:1: category: 缺少必填字段",
    ),
    (
        GOOD.replace("title: 标题", "title:"),
        "content/articles/2026-06-01-case.md:2: title: 必填字段是空的",
    ),
    (
        GOOD.replace("title: 标题", "title: 2026"),
        "content/articles/2026-06-01-case.md:2: title: 应当是文字，实际是数字（2026）；请加引号",
    ),
    (
        GOOD.replace("squad: baiyang", "squad: wu-zhongdui"),
        "content/articles/2026-06-01-case.md:4: squad: 没有这个单位“wu-zhongdui”。全部：baiyang 白洋中队、fazhi 法制科",
    ),
    (
        GOOD.replace("category: 执法动态", "category: 执法动态s"),
        "content/articles/2026-06-01-case.md:5: category: 没有这个栏目“执法动态s”。最接近的：zhifa 执法动态；全部：bianmin 便民服务、duiwu 队伍建设、fazhi 法治宣传、huanwei 环卫保洁、quanlei 犬类管理、shirong 市容整治、zhifa 执法动态",
    ),
    (
        GOOD.replace("2026-06-01 10:00", "2024-02-30"),
        "content/articles/2026-06-01-case.md:3: date: 没有这一天：“2024-02-30”",
    ),
    (
        GOOD.replace("2026-06-01 10:00", "1999-01-01"),
        "content/articles/2026-06-01-case.md:3: date: 年份 1999 超出范围（2000-2100）",
    ),
    (
        GOOD + "\nstatus: publish",
        "content/articles/2026-06-01-case.md:6: status: 没有这个值“publish”（是不是“published”？）。可以写：published、draft、rejected",
    ),
    (
        GOOD + "\nsubmitted: 2026-06-02 08:00",
        "content/articles/2026-06-01-case.md:6: submitted: 报送时间 2026-06-02 08:00 晚于发布时间 2026-06-01 10:00（第 3 行的 date）",
    ),
    (
        GOOD + "\nplacements:\n  - outlet: jrwy\n    date: 2026-06-02\n  - outlet: cctv\n"
        "    date: 2026-06-02",
        "content/articles/2026-06-01-case.md:9: placements[1].outlet: 没有这个媒体“cctv”。全部：jrwy 今日武义、zjrb 浙江日报",
    ),
    (
        GOOD + "\nplacements:\n  - outlet: jrwy\n    date: 2026-05-30",
        "content/articles/2026-06-01-case.md:8: placements[0].date: 用稿日期 2026-05-30 早于报送日期 2026-06-01",
    ),
    (
        GOOD + "\nplacements:\n  - {outlet: jrwy, date: 2026-06-02}\n"
        "  - {outlet: jrwy, date: 2026-06-02}",
        "content/articles/2026-06-01-case.md:8: placements[1].outlet: 同一次用稿（jrwy，2026-06-02）写了两次",
    ),
    (
        GOOD + "\nplacements:\n  - {outlet: jrwy, date: 2026-06-02, url: www.x.cn}",
        "content/articles/2026-06-01-case.md:7: placements[0].url: “www.x.cn”不是 http(s) 网址",
    ),
    (
        GOOD + "\nplacements: 今日武义",
        "content/articles/2026-06-01-case.md:6: placements: 应当是列表，实际是文字",
    ),
    (
        GOOD + "\ntags: {a: 1}",
        "content/articles/2026-06-01-case.md:6: tags: 应当是列表，实际是“字段: 值”的行",
    ),
    (
        GOOD + "\nedition: 第三期",
        "content/articles/2026-06-01-case.md:6: edition: 应当是整数，实际是文字",
    ),
    (
        GOOD + "\ntitle: again",
        "content/articles/2026-06-01-case.md:6: title: 字段重复（第 2 行已经写过）",
    ),
    (
        GOOD + "\nsumary: 摘要",
        "warning: content/articles/2026-06-01-case.md:6: sumary: 未知字段，已忽略（是不是“summary”？）",
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
    assert problems_of(root) == [f"{A}:7: (body): 稿件没有正文"]


def test_unknown_edition(write_portal: WritePortal) -> None:
    root = write_portal(
        {
            A: article(GOOD + "\nedition: 9"),
            "content/editions.yml": "editions:\n  - {number: 1, date: 2026-05-08, theme: 环卫}\n",
        }
    )
    assert problems_of(root) == [
        f"{A}:6: edition: 没有第 9 期美丽家园（editions.yml 里是第 1-1 期）"
    ]


def test_same_url_twice(write_portal: WritePortal) -> None:
    root = write_portal(
        {
            "content/articles/2026-05-12-x.md": article(GOOD),
            "content/articles/2026-05-13-x.md": article(GOOD),
        }
    )
    assert problems_of(root) == [
        "content/articles/2026-05-13-x.md:0: (file): 和 content/articles/2026-05-12-x.md 的网址相同"
        "（/news/2026/06/x/）；请给其中一个改名"
    ]


def test_file_name_must_be_a_slug(write_portal: WritePortal) -> None:
    root = write_portal({"content/articles/夜市整治.md": article(GOOD)})
    assert problems_of(root) == [
        "content/articles/夜市整治.md:0: (file name): “夜市整治.md”：文件名请写成 "
        "2026-05-12-night-market.md 这样（小写字母 a-z、数字和 -）"
    ]


def test_no_front_matter(write_portal: WritePortal) -> None:
    root = write_portal({A: "标题\n正文\n"})
    assert problems_of(root) == [f"{A}:1: (front matter): 文件开头必须是两行 --- 之间的稿件信息"]


def test_utf16_file(write_portal: WritePortal) -> None:
    root = write_portal()
    (root / A).write_bytes(article(GOOD).encode("utf-16"))
    assert problems_of(root) == [f"{A}:0: (file): 文件是 UTF-16 编码；请另存为 UTF-8"]


def test_gbk_file(write_portal: WritePortal) -> None:
    root = write_portal()
    (root / A).write_bytes(article(GOOD).encode("gbk"))
    assert problems_of(root) == [
        f"{A}:2: (file): 第 2 行不是 UTF-8 文字；看起来是 GBK/GB18030 编码，请另存为 UTF-8"
    ]


def test_bom_is_accepted(write_portal: WritePortal) -> None:
    root = write_portal()
    (root / A).write_bytes(b"\xef\xbb\xbf" + article(GOOD).encode())
    assert problems_of(root) == []


def test_control_characters(write_portal: WritePortal) -> None:
    root = write_portal({A: article(GOOD, body="正文\x00。\x0b第二行")})
    assert problems_of(root) == [
        f"warning: {A}:8: (file): 去掉了控制字符 U+0000、U+000B（从 Word 或微信粘贴时带进来的）"
    ]
    body = load_portal(Settings(root=root, timezone=BEIJING)).articles[0].body
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
        "content/squads.yml:3: units[1].id: id “a”重复（第 2 行已经有了）",
    ),
    (
        "units:\n  - {id: a, name: A中队, type: 大队, quota: 1}\n",
        "content/squads.yml:2: units[0].type: 没有这个值“大队”。可以写：squad、中队、section、科室",
    ),
    (
        "units:\n  - {id: a, name: A中队, type: squad, quota: 两篇}\n",
        "content/squads.yml:2: units[0].quota: 应当是一个数，或 {from, per_week} 的列表，实际是文字",
    ),
    (
        "units:\n  - {id: Bad_Id, name: A中队, type: squad, quota: 1}\n",
        "content/squads.yml:2: units[0].id: “Bad_Id”不是有效的 id（只用小写字母 a-z、数字和 -，例如 baiyang）",
    ),
    (
        "units:\n  - id: a\n    name: A中队\n    type: squad\n    quota:\n"
        "      - {from: 2026-07-01, per_week: 2}\n      - {from: 2026-01-01, per_week: 1}\n",
        "content/squads.yml:7: units[0].quota[1].from: 任务数的各段要按日期先后排列",
    ),
]


@pytest.mark.parametrize(("squads", "expected"), SQUAD_CASES)
def test_squads_rule(write_portal: WritePortal, squads: str, expected: str) -> None:
    root = write_portal({"content/squads.yml": squads}, articles=False)
    assert expected in problems_of(root)


def test_outlet_level(write_portal: WritePortal) -> None:
    root = write_portal({"content/outlets.yml": "outlets:\n  - {id: x, name: X报, level: city}\n"})
    assert problems_of(root) == [
        "content/outlets.yml:2: outlets[0].level: 没有这个值“city”（是不是“county”？）。"
        "可以写：national、provincial、municipal、county"
    ]


def test_missing_registry(write_portal: WritePortal) -> None:
    root = write_portal()
    (root / "content/outlets.yml").unlink()
    assert "content/outlets.yml:0: (file): 文件不存在" in problems_of(root)


def test_quota_history(write_portal: WritePortal) -> None:
    from datetime import date

    squads = (
        "units:\n  - id: a\n    name: A中队\n    type: squad\n    since: 2026-03-01\n"
        "    quota:\n      - {from: 2026-01-01, per_week: 1}\n"
        "      - {from: 2026-07-01, per_week: 2}\n"
    )
    root = write_portal({"content/squads.yml": squads}, articles=False)
    unit = load_portal(Settings(root=root, timezone=BEIJING)).units[0]
    assert [unit.quota_on(date(2026, m, 1)) for m in (2, 3, 6, 7, 12)] == [0, 1, 1, 2, 2]
