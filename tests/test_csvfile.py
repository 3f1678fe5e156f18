"""Reading 问计于民 spreadsheet exports: encodings, Chinese headers, lines, Excel dates."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.clock import BEIJING
from generator.errors import Problem, Severity
from generator.load.csvfile import (
    MAX_BYTES,
    Row,
    decode_csv_bytes,
    parse_excel_datetime,
    parse_table,
    read_table,
)

REL = PurePosixPath("content/suggestions/xianyiji/submissions.csv")
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "序号"),
    "received": ("收到时间", "提交时间"),
    "name": ("姓名",),
    "region": ("地区",),
    "contact": ("联系方式", "电话"),
    "theme": ("主题", "类别"),
    "title": ("标题",),
    "text": ("内容", "建议内容"),
    "status": ("状态", "办理状态"),
    "reply": ("答复",),
    "featured": ("精选",),
}
TABLE = (
    "编号,收到时间,姓名,主题,内容,状态\r\n"
    "S1,2026/7/3 14:20,张建国,市容市貌,占道经营太多,待处理\r\n"
    'S2,2026年7月4日,李四,交通秩序,"停车难，建议：\r\n增加车位",已采纳\r\n'
)
ROWS = [
    Row(
        2,
        {
            "id": "S1",
            "received": "2026/7/3 14:20",
            "name": "张建国",
            "theme": "市容市貌",
            "text": "占道经营太多",
            "status": "待处理",
        },
    ),
    Row(
        3,
        {
            "id": "S2",
            "received": "2026年7月4日",
            "name": "李四",
            "theme": "交通秩序",
            "text": "停车难，建议：\n增加车位",
            "status": "已采纳",
        },
    ),
]


def read(tmp_path: Path, data: str | bytes) -> tuple[list[Row], list[Problem]]:
    path = tmp_path / "submissions.csv"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return read_table(path, REL, COLUMNS)


def fullwidth(text: str) -> str:
    """`ID` as a Chinese input method types it in full-width mode."""
    return "".join(chr(ord(c) + 0xFEE0) for c in text)


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


# -- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TABLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TABLE.encode("utf-8"), "utf-8-sig"),
        (TABLE.encode("gb18030"), "gb18030"),
        (TABLE.encode("gbk"), "gb18030"),
        (TABLE.encode("utf-16"), "utf-16"),  # with a BOM, native byte order
        (codecs.BOM_UTF16_LE + TABLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TABLE.encode("utf-16-be"), "utf-16"),
        # Excel's "Unicode text": UTF-16 and tab-separated
        (TABLE.replace(",", "\t").replace("停车难\t", "停车难，").encode("utf-16"), "utf-16"),
    ],
)
def test_every_export_encoding_gives_the_same_rows(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    assert decode_csv_bytes(data)[1] == encoding
    rows, problems = read(tmp_path, data)
    assert problems == []
    assert rows == ROWS


def test_decoding_strips_the_bom() -> None:
    assert decode_csv_bytes(codecs.BOM_UTF8 + "编号".encode()) == ("编号", "utf-8-sig")
    assert decode_csv_bytes("编号".encode("utf-16")) == ("编号", "utf-16")


@pytest.mark.parametrize(
    "data",
    [
        b"id,text\n\x80\x80\xff",  # neither UTF-8 nor GB18030
    ],
)
def test_undecodable_bytes_are_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError, match=r"不是 UTF-8、GB18030 或 UTF-16 文字.*另存为"):
        decode_csv_bytes(data)


def test_utf16_without_a_bom_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"NUL 字节（没有 BOM 的 UTF-16？）.*另存为"):
        decode_csv_bytes("id,text\n".encode("utf-16-le"))


def test_broken_utf16_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="UTF-16 文字已损坏"):
        decode_csv_bytes(codecs.BOM_UTF16_LE + b"i\x00d")


def test_undecodable_file_is_a_problem(tmp_path: Path) -> None:
    rows, problems = read(tmp_path, b"\xff\xff\xff")
    assert rows == []
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{REL}:0: (file): 不是 UTF-8、GB18030 或 UTF-16 文字")


# -- headers ------------------------------------------------------------------------------


def test_headers_match_case_width_and_spaces(tmp_path: Path) -> None:
    # full-width ID, spaces, a BOM, a line break typed with Alt+Enter, 精 选 padded to width
    header = f'{fullwidth("ID")}, Received ,\u3000主题\u3000,"\ufeff建议\n内容",STATUS,精\u3000选\n'
    rows, problems = read(tmp_path, header + "S1,2026-07-03,市容市貌,内容,待处理,是\n")
    assert problems == []
    assert rows == [
        Row(
            3,
            {
                "id": "S1",
                "received": "2026-07-03",
                "theme": "市容市貌",
                "text": "内容",
                "status": "待处理",
                "featured": "是",
            },
        )
    ]


def test_missing_required_columns_are_errors_on_the_header_line(tmp_path: Path) -> None:
    rows, problems = read(tmp_path, "编号,姓名,内容\nS1,张三,建议\n")
    assert messages(problems) == [
        f"{REL}:1: received: 缺少必需的列（可以用的列名：received、收到时间、提交时间）",
        f"{REL}:1: theme: 缺少必需的列（可以用的列名：theme、主题、类别）",
        f"{REL}:1: status: 缺少必需的列（可以用的列名：status、状态、办理状态）",
    ]
    assert all(p.is_error for p in problems)
    assert rows == [Row(2, {"id": "S1", "name": "张三", "text": "建议"})]


def test_unknown_columns_warn_with_the_closest_name(tmp_path: Path) -> None:
    header = "id,recieved,主题,内容1,status,备注\n"
    rows, problems = read(tmp_path, header + "S1,2026-07-03,市容,建议,待处理,无\n")
    assert messages(problems) == [
        f"{REL}:1: recieved: 未知的列“recieved”，已忽略（是不是“received”？）",
        f"{REL}:1: 内容1: 未知的列“内容1”，已忽略（是不是“内容”，即 text？）",
        f"{REL}:1: 备注: 未知的列“备注”，已忽略（可以用的列：id、received、name、region、"
        "contact、theme、title、text、status、reply、featured）",
        f"{REL}:1: received: 缺少必需的列（可以用的列名：received、收到时间、提交时间）",
        f"{REL}:1: text: 缺少必需的列（可以用的列名：text、内容、建议内容）",
    ]
    assert [p.severity for p in problems[:3]] == [Severity.WARNING] * 3
    assert rows == [Row(2, {"id": "S1", "theme": "市容", "status": "待处理"})]


def test_two_headers_for_one_column_are_an_error(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "id,received,theme,text,status,电话,联系方式\n")
    assert messages(problems) == [
        f"{REL}:1: contact: “电话”和“联系方式”两列都是 contact；请只保留一列"
    ]


def test_empty_file_is_a_problem(tmp_path: Path) -> None:
    for data in (b"", b"\r\n\r\n", codecs.BOM_UTF8, b",,,\n"):
        rows, problems = read(tmp_path, data)
        assert rows == []
        assert messages(problems) == [
            f"{REL}:0: (file): 文件是空的；第一行要写列名：id, "
            "received, name, region, contact, theme, title, text, status, reply, featured"
        ]


# -- rows and lines -----------------------------------------------------------------------

HEADER = "id,received,theme,text,status\n"


def test_quoted_cells_keep_the_lines_of_following_rows(tmp_path: Path) -> None:
    data = (
        HEADER  # line 1
        + 'S1,2026-07-03,市容,"第一行\n第二行, 有逗号\n说""好""",待处理\n'  # lines 2-4
        + 'S2,2026-07-03,市容,"他说：""占道""，怎么办？",待处理\n'  # line 5
        + "\n"  # line 6
        + 'S3,2026-07-03,市容,"a\r\n\r\nb",待处理\n'  # lines 7-9
        + "S4,2026-07-03,市容,最后,待处理\n"  # line 10
    )
    rows, problems = read(tmp_path, data)
    assert problems == []
    assert [(r.line, r.cells["id"]) for r in rows] == [(2, "S1"), (5, "S2"), (7, "S3"), (10, "S4")]
    assert rows[0].cells["text"] == '第一行\n第二行, 有逗号\n说"好"'
    assert rows[1].cells["text"] == '他说："占道"，怎么办？'
    assert rows[2].cells["text"] == "a\n\nb"


cell = st.text(alphabet='张三a ,"\n\t\u3000', max_size=8)


@given(st.lists(st.lists(cell, min_size=5, max_size=5), max_size=8))
def test_any_written_table_reads_back_with_its_lines(table: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "received", "theme", "text", "status"])
    expected = []
    for cells in table:
        line = out.getvalue().count("\n") + 1
        writer.writerow(cells)
        if any(c.strip() for c in cells):
            names = ("id", "received", "theme", "text", "status")
            expected.append(Row(line, dict(zip(names, (c.strip() for c in cells), strict=True))))
    rows, problems = parse_table(out.getvalue(), REL, COLUMNS)
    assert problems == []
    assert rows == expected


def test_crlf_line_endings_count_as_one_line(tmp_path: Path) -> None:
    data = HEADER.replace("\n", "\r\n") + "S1,x,y,z,待处理\r\n\r\nS2,x,y,z,待处理\r\n"
    rows, _ = read(tmp_path, data)
    assert [r.line for r in rows] == [2, 4]


def test_trailing_empty_rows_are_skipped(tmp_path: Path) -> None:
    data = HEADER + "S1,x,y,z,待处理\n,,,,\n , ,\u3000, ,\n\n,,,,\n"
    rows, problems = read(tmp_path, data)
    assert problems == []
    assert [r.cells["id"] for r in rows] == ["S1"]


def test_cells_are_stripped_of_spaces_and_invisible_characters(tmp_path: Path) -> None:
    rows, _ = read(tmp_path, HEADER + " S1 ,\u30002026-07-03\u3000,\u200b市容,\t文本 \t,待处理\n")
    assert rows[0].cells == {
        "id": "S1",
        "received": "2026-07-03",
        "theme": "市容",
        "text": "文本",
        "status": "待处理",
    }


def test_ragged_rows_are_errors_at_their_line(tmp_path: Path) -> None:
    data = (
        HEADER
        + "S1,2026-07-03,市容,停车难,待处理\n"
        + "S2,2026-07-03,市容,停车难，收费,贵,待处理\n"  # an unquoted comma
        + "S3,2026-07-03,市容\n"
        + "S4,2026-07-03,市容,停车难,待处理,,\n"  # Excel's extra empty cells are fine
    )
    rows, problems = read(tmp_path, data)
    assert messages(problems) == [
        f"{REL}:3: (row): 这一行有 6 个单元格，表头有 5 列；少了或多了逗号（含逗号的单元格要用引号括起来）",
        f"{REL}:4: (row): 这一行有 3 个单元格，表头有 5 列；少了或多了逗号（含逗号的单元格要用引号括起来）",
    ]
    assert [r.cells["id"] for r in rows] == ["S1", "S4"]


def test_header_with_trailing_empty_cells(tmp_path: Path) -> None:
    rows, problems = read(tmp_path, "id,received,theme,text,status,,\nS1,x,y,z,待处理\n")
    assert problems == []
    assert rows[0].cells["status"] == "待处理"


def test_unclosed_quote_is_an_error_at_its_row(tmp_path: Path) -> None:
    data = HEADER + "S1,x,y,z,待处理\n" + 'S2,x,y,"没有结束的引号,待处理\nS3,x,y,z,待处理\n'
    rows, problems = read(tmp_path, data)
    assert messages(problems) == [
        f'{REL}:3: (row): 从这一行开始的带引号单元格没有闭合（缺少结尾的 "）'
    ]
    assert [r.cells["id"] for r in rows] == ["S1"]


def test_text_after_a_closing_quote_is_an_error(tmp_path: Path) -> None:
    data = HEADER + 'S1,x,y,"引号"之后,待处理\nS2,x,y,z,待处理\n'
    rows, problems = read(tmp_path, data)
    assert messages(problems) == [
        f'{REL}:2: (row): 单元格里的引号不对：整个单元格用引号括起来，里面的引号写两次（""）'
    ]
    assert [(r.line, r.cells["id"]) for r in rows] == [(3, "S2")]


def test_excel_separator_hint_line(tmp_path: Path) -> None:
    rows, problems = read(tmp_path, "sep=;\nid;received;theme;text;status\nS1;x;y;a,b;待处理\n")
    assert problems == []
    assert rows == [
        Row(3, {"id": "S1", "received": "x", "theme": "y", "text": "a,b", "status": "待处理"})
    ]


def test_files_over_the_limit_are_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: nothing is written
    rows, problems = read_table(path, REL, COLUMNS)
    assert rows == []
    assert messages(problems) == [f"{REL}:0: (file): 文件有 20.0 MB，超过上限 20 MB"]


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    rows, problems = read_table(tmp_path / "nothing.csv", REL, COLUMNS)
    assert rows == []
    assert messages(problems) == [f"{REL}:0: (file): 文件无法读取：No such file or directory"]


# -- Excel dates --------------------------------------------------------------------------

PLUS8 = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-07-03 14:20", datetime(2026, 7, 3, 14, 20, tzinfo=BEIJING)),
        ("2026-07-03", datetime(2026, 7, 3, tzinfo=BEIJING)),
        ("2026/7/3", datetime(2026, 7, 3, tzinfo=BEIJING)),
        ("2026/7/3 14:20", datetime(2026, 7, 3, 14, 20, tzinfo=BEIJING)),
        ("2026/7/3 9:05:30", datetime(2026, 7, 3, 9, 5, 30, tzinfo=BEIJING)),
        ("2026.7.3", datetime(2026, 7, 3, tzinfo=BEIJING)),
        ("2026年7月3日", datetime(2026, 7, 3, tzinfo=BEIJING)),
        ("2026年7月3日 14:20", datetime(2026, 7, 3, 14, 20, tzinfo=BEIJING)),
        ("2026年7月3日14:20", datetime(2026, 7, 3, 14, 20, tzinfo=BEIJING)),
        ("2026年7月3日 14时20分", datetime(2026, 7, 3, 14, 20, tzinfo=BEIJING)),
        ("2026年7月3日14点5分", datetime(2026, 7, 3, 14, 5, tzinfo=BEIJING)),
        ("2026-07-03T14:20:00", datetime(2026, 7, 3, 14, 20, tzinfo=BEIJING)),
        ("2026-07-03T06:20:00Z", datetime(2026, 7, 3, 6, 20, tzinfo=UTC)),
        ("2026-07-03T14:20:00+08:00", datetime(2026, 7, 3, 14, 20, tzinfo=PLUS8)),
        ("  2026-07-03\u3000", datetime(2026, 7, 3, tzinfo=BEIJING)),
        (fullwidth("2026-07-03"), datetime(2026, 7, 3, tzinfo=BEIJING)),
        ("20260703", datetime(2026, 7, 3, tzinfo=BEIJING)),
        ("46206", datetime(2026, 7, 3, tzinfo=BEIJING)),  # Excel serial number
        ("46206.5", datetime(2026, 7, 3, 12, 0, tzinfo=BEIJING)),
        ("46206.597222222", datetime(2026, 7, 3, 14, 20, tzinfo=BEIJING)),  # rounded
        ("25569", datetime(1970, 1, 1, tzinfo=BEIJING)),
    ],
)
def test_parse_excel_datetime(value: str, expected: datetime) -> None:
    parsed = parse_excel_datetime(value, BEIJING)
    assert parsed == expected
    assert parsed.utcoffset() is not None


def test_naive_excel_time_is_in_the_given_zone() -> None:
    assert parse_excel_datetime("46206.5", UTC) == datetime(2026, 7, 3, 12, tzinfo=UTC)
    assert parse_excel_datetime("2026/7/3 14:20", BEIJING).astimezone(UTC).hour == 6


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "是空的；请写日期，例如 2026-07-03 14:20"),
        ("下周一", "“下周一”不是日期或时间（可以写 2026-07-03 14:20、2026/7/3、2026年7月3日）"),
        ("2026", "“2026”不是日期或时间（可以写 2026-07-03 14:20、2026/7/3、2026年7月3日）"),
        (
            "2026年7月3日 下午",
            "“2026年7月3日 下午”不是日期或时间（可以写 2026-07-03 14:20、2026/7/3、2026年7月3日）",
        ),
        ("2026/2/30", "没有这一天：“2026/2/30”"),
        ("2026/7/3 25:00", "没有这个时刻：“25:00”"),
        ("20260230", "没有这一天：“20260230”"),
    ],
)
def test_parse_excel_datetime_errors(value: str, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_excel_datetime(value, BEIJING)
    assert str(exc.value) == message
