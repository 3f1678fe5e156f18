"""The message table: every entry Chinese, used, and explained in the handbook; the hints
a publicity officer needs most, word for word."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

import pytest

from generator.clock import BEIJING, parse_when
from generator.compute.published import PublishedItem, moved_items
from generator.errors import ContentError
from generator.messages import MESSAGES, msg
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import ROOT, WritePortal

CJK = re.compile(r"[\u3400-\u9fff]")
HANDBOOK = ROOT / "docs" / "handbook"


def test_every_message_is_chinese() -> None:
    assert len(MESSAGES) > 150
    assert [key for key, m in MESSAGES.items() if not CJK.search(m.text)] == []


def test_every_message_is_used() -> None:
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "generator").rglob("*.py")
        if p.name != "messages.py"
    )
    unused = [key for key in MESSAGES if f'"{key}"' not in code]
    assert not unused


# Where a staff-facing sentence ends up: printed, raised, or made a problem or a log line.
SINKS = frozenset(
    {
        "print",
        "note",
        "warn",
        "warning",
        "error",
        "Problem",
        "UsageError",
        "ValueError",
        "ContentError",
        "PluginError",
        "ApplyError",
        "SourceError",
        "PrintError",
    }
)
HELP = frozenset({"add_argument", "add_parser", "ArgumentParser"})
# Arguments that are not sentences: a Problem's path and field, a log's lazy arguments.
NOT_TEXT = {"Problem": (0, 1, 2), "warn": (0,), "error": (0,)}
# Internal errors that name a bug in portal, not something staff did: English, on purpose.
INTERNAL = {"generator/write.py", "generator/plugin.py", "generator/build.py"}


def _called(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _sentences(node: ast.AST) -> Iterator[ast.Constant]:
    """String constants under `node` that are not inside a msg(...) call."""
    if isinstance(node, ast.Call) and _called(node.func) == "msg":
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    for child in ast.iter_child_nodes(node):
        yield from _sentences(child)


def test_no_staff_sentence_outside_the_table() -> None:
    """What the table is for: no Chinese sentence, and no English one, is printed, raised or
    made a problem anywhere but through `msg()` (field names and ids stay as written)."""
    english = re.compile(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}")
    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if path.name == "messages.py":
            continue
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call) or _called(call.func) not in SINKS | HELP:
                continue
            if _called(call.func) in HELP:
                # --help: what each command and option is for.
                args = [k.value for k in call.keywords if k.arg in ("help", "description")]
            else:
                skip = NOT_TEXT.get(_called(call.func), ())
                args = [a for i, a in enumerate(call.args) if i not in skip]
                args += [k.value for k in call.keywords if k.arg not in ("path", "field", "file")]
            for arg in args:
                for text in _sentences(arg):
                    if CJK.search(text.value) or (
                        rel not in INTERNAL and english.search(text.value)
                    ):
                        found.append(f"{rel}:{text.lineno}: {text.value!r}")
    assert found == []


def test_every_message_links_to_its_handbook_section() -> None:
    for key, message in MESSAGES.items():
        page, _, anchor = message.help.partition("#")
        text = (HANDBOOK / page).read_text(encoding="utf-8")
        assert anchor and f"{{#{anchor}}}" in text, (key, message.help)


def test_placeholders_are_filled() -> None:
    with pytest.raises(KeyError):
        msg("ref.unknown", what="单位")


def problems_of(write_portal: WritePortal, files: dict[str, str]) -> list[str]:
    root = write_portal(files)
    try:
        load_portal(Settings(root=root, timezone=BEIJING))
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def article(front: str) -> str:
    return f"---\n{front}\n---\n\n正文。\n"


A = "content/articles/2026-06-01-x.md"
GOOD = "date: 2026-06-01 10:00\nsquad: baiyang\ncategory: 执法动态"
REST = "squad: baiyang\ncategory: 执法动态"


def test_hint_straight_quotes_in_a_title(write_portal: WritePortal) -> None:
    found = problems_of(write_portal, {A: article('title: "县城管局开展"净化"行动"\n' + GOOD)})
    assert found == [
        f'{A}:2: (yaml): “title”的值用英文双引号括起来，里面又有英文双引号，值在第二个 " 处就结束了。'
        "改用中文引号（“”或「」）、外面改用单引号，或者去掉外面的引号：title: 县城管局开展“净化”行动"
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026年12月7日", "2026-12-07 00:00:00+08:00"),
        ("2026年12月7日 09:30", "2026-12-07 09:30:00+08:00"),
        ("2026年12月7日9时30分", "2026-12-07 09:30:00+08:00"),
        ("2026年12月7日9点半", "2026-12-07 09:30:00+08:00"),
        ("２０２６年１２月７号", "2026-12-07 00:00:00+08:00"),
        ("2026-12-07 09：30", "2026-12-07 09:30:00+08:00"),
    ],
)
def test_chinese_dates_are_read(written: str, expected: str) -> None:
    assert str(parse_when(written, BEIJING)) == expected


def test_chinese_date_same_day_submission_is_fine(write_portal: WritePortal) -> None:
    """A bare date is that day: submitted at 10:00 the same day is before it, not after."""
    front = "title: 标题\ndate: 2026年6月1日\nsquad: baiyang\ncategory: 执法动态\n"
    ok = front + "submitted: 2026年6月1日 10:00"
    assert problems_of(write_portal, {A: article(ok)}) == []


def test_submitted_after_date_names_both_lines(write_portal: WritePortal) -> None:
    front = "title: 标题\ndate: 2026年6月1日 09:00\nsquad: baiyang\ncategory: 执法动态\n"
    late = front + "submitted: 2026年6月2日 10:00"
    assert problems_of(write_portal, {A: article(late)}) == [
        f"{A}:6: submitted: 报送时间 2026-06-02 10:00 晚于发布时间 2026-06-01 09:00（第 3 行的 date）"
    ]


def test_impossible_chinese_date_lists_the_forms(write_portal: WritePortal) -> None:
    found = problems_of(write_portal, {A: article("title: 标题\ndate: 2026年2月30日\n" + REST)})
    assert found == [f"{A}:3: date: 没有这一天：“2026年2月30日”"]
    found = problems_of(write_portal, {A: article("title: 标题\ndate: 十二月七日\n" + REST)})
    assert found == [
        f"{A}:3: date: “十二月七日”不是日期或时间。可以写：2026-05-12、2026-05-12 09:30、2026/5/12、"
        "2026年5月12日、2026年5月12日 09:30"
    ]


def test_unknown_squad_gives_ids_with_names(write_portal: WritePortal) -> None:
    front = "title: 标题\ndate: 2026-06-01\nsquad: baiyan\ncategory: 执法动态"
    assert problems_of(write_portal, {A: article(front)}) == [
        f"{A}:4: squad: 没有这个单位“baiyan”。最接近的：baiyang 白洋中队；"
        "全部：baiyang 白洋中队、fazhi 法制科"
    ]
    by_name = front.replace("baiyan", "白洋中队")
    assert problems_of(write_portal, {A: article(by_name)}) == [
        f"{A}:4: squad: 要写单位的 id，不是名称：白洋中队 的 id 是 baiyang"
    ]


def test_unknown_outlet_and_category(write_portal: WritePortal) -> None:
    front = (
        "title: 标题\ndate: 2026-06-01\nsquad: baiyang\ncategory: 执法动太\n"
        "placements:\n  - {outlet: 今日武义报, date: 2026-06-02}"
    )
    found = problems_of(write_portal, {A: article(front)})
    assert found == [
        f"{A}:5: category: 没有这个栏目“执法动太”。最接近的：zhifa 执法动态；全部："
        + "、".join(
            f"{slug} {name}"
            for slug, name in sorted(
                {
                    "zhifa": "执法动态",
                    "shirong": "市容整治",
                    "huanwei": "环卫保洁",
                    "bianmin": "便民服务",
                    "fazhi": "法治宣传",
                    "duiwu": "队伍建设",
                    "quanlei": "犬类管理",
                }.items()
            )
        ),
        f"{A}:7: placements[0].outlet: 没有这个媒体“今日武义报”。最接近的：jrwy 今日武义；"
        "全部：jrwy 今日武义、zjrb 浙江日报",
    ]


def test_many_units_give_the_closest_only(write_portal: WritePortal) -> None:
    units = "units:\n" + "".join(
        f"  - {{id: {ident}, name: {name}, type: squad, officer: 张三, quota: 1}}\n"
        for ident, name in [("baiyang", "白洋中队"), ("fazhi", "法制科")]
        + [(f"unit{i:02d}", f"第{i}中队") for i in range(20)]
    )
    front = "title: 标题\ndate: 2026-06-01\nsquad: unit7\ncategory: 执法动态"
    (found,) = problems_of(write_portal, {"content/squads.yml": units, A: article(front)})
    assert found.startswith(f"{A}:4: squad: 没有这个单位“unit7”。最接近的：")
    assert "unit07 第7中队" in found and "全部" not in found


def item(url: str, source: str, title: str, ident: str = "") -> PublishedItem:
    return PublishedItem(ident or f"tag:x,2026:{url}", url, source, title)


def test_published_article_deleted_or_moved(write_portal: WritePortal) -> None:
    root = write_portal()
    portal = load_portal(Settings(root=root, timezone=BEIJING))
    before = [
        item("news/2026/05/gone/", "content/articles/2026-05-01-gone.md", "撤下的稿件"),
        item("news/2026/05/old/", "content/articles/2026-05-02-old.md", "改名的稿件"),
    ]
    now = [item("news/2026/05/new/", "content/articles/2026-05-02-new.md", "改名的稿件")]
    gone, moved = (str(p) for p in moved_items(before, now, portal))
    assert gone == (
        "content/articles/2026-05-01-gone.md:0: (address): “撤下的稿件”原来发布在 /news/2026/05/gone/"
        "（content/articles/2026-05-01-gone.md），这次不再发布（文件删除、改名，或改成了草稿）："
        "这个网址会变成 404，订阅里也不再有它。如果是改了文件名，请改回原来的名字；确实要撤下，"
        "在 content/redirects.yml 的 redirects: 下加一行 - {from: news/2026/05/gone/, to: news/}"
    )
    assert moved == (
        "content/articles/2026-05-02-new.md:0: (address): 这篇稿件原来在 /news/2026/05/old/，"
        "现在在 /news/2026/05/new/：旧链接会打不开。在 content/redirects.yml 的 redirects: 下加一行 "
        "- {from: news/2026/05/old/, to: news/2026/05/new/}，并在稿件里加 id: "
        "tag:x,2026:news/2026/05/old/，订阅条目就不变"
    )
    # The line given, added to redirects.yml, silences the warning and builds.
    redirects = "redirects:\n  - {from: news/2026/05/gone/, to: news/}\n"
    (root / "content" / "redirects.yml").write_text(redirects, encoding="utf-8")
    portal = load_portal(Settings(root=root, timezone=BEIJING))
    assert [str(p) for p in moved_items(before[:1], now, portal)] == []
