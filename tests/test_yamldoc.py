from pathlib import PurePosixPath

from generator.load.files import split_markdown
from generator.load.yamldoc import parse_yaml

P = PurePosixPath("content/x.md")


def test_lines_of_keys_and_items() -> None:
    doc, problems = parse_yaml("a: 1\nlist:\n  - x: 1\n  - x: 2\n    y: 3\n", P)
    assert not problems and doc is not None
    assert doc.lines["a"] == 1
    assert doc.lines["list[1]"] == 4
    assert doc.lines["list[1].y"] == 5
    assert doc.line("list[1].missing") == 4


def test_dates_stay_text() -> None:
    doc, _ = parse_yaml("date: 2026-05-12\nbad: 2024-02-30\n", P)
    assert doc is not None and doc.data == {"date": "2026-05-12", "bad": "2024-02-30"}


def test_duplicate_key_is_an_error() -> None:
    doc, problems = parse_yaml("title: a\ntitle: b\n", P)
    assert doc is None
    assert [str(p) for p in problems] == ["content/x.md:2: title: 字段重复（第 1 行已经写过）"]


def test_aliases_are_refused_before_expansion() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    doc, problems = parse_yaml(bomb, P)
    assert doc is None
    assert "锚点和别名" in problems[0].message


def test_python_tags_are_refused() -> None:
    doc, problems = parse_yaml("x: !!python/object:os.system {}\n", P)
    assert doc is None
    assert [str(p) for p in problems] == [
        "content/x.md:1: x: 不允许 YAML 标签“!!python/object:os.system”；"
        "只写文字、数字、列表和“字段: 值”的行"
    ]


def test_front_matter_line_offsets() -> None:
    doc, problems = split_markdown("---\ntitle: a\nsquad: b\n---\nbody\n", P)
    assert not problems and doc is not None
    assert doc.meta.lines == {"title": 2, "squad": 3}
    assert doc.body_line == 5
    assert doc.body == "body\n"


def test_unclosed_front_matter() -> None:
    doc, problems = split_markdown("---\ntitle: a\n", P)
    assert doc is None
    assert str(problems[0]) == ("content/x.md:1: (front matter): 稿件信息没有结束：加一行 ---")
