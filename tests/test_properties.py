"""Property tests (hypothesis) for the edges where untrusted text comes in or goes out.

Whatever the input, each function returns a value or reports a content error; it never
raises anything else. Where a round trip exists (a date written out and read back, a YAML
document dumped and parsed, text escaped and parsed), it must give back what went in.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta, timezone
from pathlib import PurePosixPath
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.clock import BEIJING, parse_when
from generator.errors import Problem
from generator.exports import csv_bytes, json_bytes
from generator.load.csvfile import parse_excel_datetime
from generator.load.files import decode_text, split_markdown
from generator.load.yamldoc import YamlDoc, parse_yaml
from generator.numerals import article_label, chinese_number, parse_article_number
from generator.privacy import (
    CANDIDATE,
    GROUP_WORDS,
    TITLES,
    find_personal_data,
    mask_asker,
    mask_name,
)
from generator.render.feeds import xml_text
from generator.render.jsonld import script_json
from generator.render.pages import PageRenderer
from generator.urls import SLUG, slugify
from generator.validate.articles import slug_of
from generator.validate.fields import Fields

P = PurePosixPath("content/articles/x.md")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PROBLEM = re.compile(r"content/articles/x\.md:\d+: [^\n]+: .+", re.S)

# Text the way staff and citizens produce it: Chinese, ASCII, YAML and Markdown punctuation,
# full-width forms, controls, zero-width characters and the odd emoji.
messy = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("-:#&*!|>'\"%@`{}[],?\t\n\r 　：，“”")),
        st.sampled_from(list("标题夜市整治一二三十百千零两")),
        st.characters(codec="utf-8"),
    ),
    max_size=200,
)


def well_formed(problems: list[Problem], lines: int) -> None:
    for problem in problems:
        assert _PROBLEM.fullmatch(str(problem)), str(problem)
        assert 0 <= problem.line <= lines + 1, str(problem)


# -- front matter ---------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=400))
@example(b"\xff\xfe-\x00-\x00-\x00")
@example("---\ntitle: a\n---\n".encode("utf-16-le"))
def test_any_bytes_decode_or_give_a_problem(raw: bytes) -> None:
    text, problems = decode_text(raw, P)
    assert (text is None) == any(p.is_error for p in problems)
    if text is not None:
        assert "\r" not in text and "\x00" not in text
    well_formed(problems, raw.count(b"\n") + 1)


@FAST
@given(messy)
@example("---\n\ttitle: x\n---\n")
@example('---\ntitle: "x\n---\n')
@example("---\na: &a [*a]\n---\n")
@example("---\n" + "[" * 100 + "\n---\n")
def test_any_text_splits_or_gives_a_problem(body: str) -> None:
    for text in (body, f"---\n{body}\n---\nbody\n"):
        doc, problems = split_markdown(text, P)
        if doc is None:
            assert any(p.is_error for p in problems)
        else:
            assert isinstance(doc.meta.data, dict) and doc.body_line >= 2
        well_formed(problems, text.count("\n") + 1)


keys = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cf", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    # Line breaks YAML knows besides \n (U+0085, U+2028, U+2029) fold, as YAML says they do.
    st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cs", "Zl", "Zp"), exclude_characters="\x85"
        ),
        max_size=30,
    ),
)
documents = st.dictionaries(
    keys,
    st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=12,
    ),
    max_size=6,
)


@FAST
@given(documents)
@example({"date": "2026-05-12", "<<": "merge?", "~": None, "yes": "no"})
def test_yaml_round_trip(data: dict[str, Any]) -> None:
    """What YAML can say, our loader reads back as written (dates stay text)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    doc, problems = parse_yaml(text, P)
    assert problems == [] and doc is not None
    assert doc.data == data
    for key in data:
        assert doc.lines[key] >= 1


@FAST
@given(documents)
def test_every_key_and_item_has_its_line(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=False)
    doc, _ = parse_yaml(text, P, line_offset=1)
    assert doc is not None
    number_of_lines = text.count("\n") + 1
    assert all(2 <= line <= number_of_lines + 1 for line in doc.lines.values())


# -- dates ------------------------------------------------------------------------------------


@FAST
@given(messy)
@example("2024-02-30")
@example("2026-05-12 24:00")
@example("2026-05-12T09:30+99:99")
@example("99999-01-01")
def test_any_text_is_a_time_or_a_value_error(text: str) -> None:
    try:
        moment = parse_when(text, BEIJING)
    except ValueError as exc:
        assert str(exc)
    else:
        assert moment.tzinfo is not None


@FAST
@given(
    st.dates(min_value=date(1949, 1, 1), max_value=date(2100, 12, 31)),
    st.times(),
    st.sampled_from(["iso", "slash", "chinese", "t"]),
)
def test_dates_written_any_accepted_way_read_back(day: date, clock: time, style: str) -> None:
    hm = clock.replace(second=0, microsecond=0)
    written = {
        "iso": f"{day.isoformat()} {hm:%H:%M}",
        "slash": f"{day.year}/{day.month}/{day.day} {hm:%H:%M}",
        "chinese": f"{day.year}年{day.month}月{day.day}日 {hm:%H:%M}",
        "t": f"{day.isoformat()}T{hm:%H:%M}+08:00",
    }[style]
    moment = parse_when(written, BEIJING)
    if style == "t":  # an explicit offset is kept (China had summer time in 1986-1991)
        assert moment == datetime.combine(day, hm, tzinfo=timezone(timedelta(hours=8)))
    else:
        assert moment == datetime.combine(day, hm, tzinfo=BEIJING)


@FAST
@given(messy)
@example("46206.5")
@example("20260230")
@example("2026年7月3日25时")
def test_spreadsheet_dates_are_a_time_or_a_value_error(text: str) -> None:
    try:
        moment = parse_excel_datetime(text, BEIJING)
    except ValueError as exc:
        assert str(exc)
    else:
        assert moment.tzinfo is not None


yaml_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=5)


@FAST
@given(yaml_values)
def test_a_date_field_is_a_date_or_a_problem(value: object) -> None:
    problems: list[Problem] = []
    doc = YamlDoc(P, {"date": value}, {"date": 3})
    moment = Fields(doc, {"date": value}, problems).when("date", BEIJING, required=True)
    assert (moment is None) == bool(problems)
    well_formed(problems, 3)


# -- Chinese numerals -------------------------------------------------------------------------


@FAST
@given(st.text(alphabet="零〇一二两三四五六七八九十百千", max_size=8))
@example("一二")
@example("一百一")
@example("十十")
@example("零零一")
def test_chinese_numerals_are_a_number_or_a_value_error(text: str) -> None:
    try:
        number = chinese_number(text)
    except ValueError as exc:
        assert text in str(exc)
    else:
        assert 0 <= number <= 9999
        # A numeral that is read is read the way the regulations write it.
        canonical = article_label(number)[1:-1] if number else "零"
        assert chinese_number(canonical) == number
        assert _same_numeral(text, canonical), (text, number)


def _same_numeral(text: str, canonical: str) -> bool:
    """`text` is `canonical` up to the variants people write: 两 for 二, 〇 for 零, 一十."""
    folded = text.replace("两", "二").replace("〇", "零")
    return folded in {canonical, canonical.replace("十", "一十", 1) if canonical[0] == "十" else ""}


@FAST
@given(st.integers(min_value=1, max_value=9999))
def test_article_labels_read_back(number: int) -> None:
    assert parse_article_number(article_label(number)) == number
    assert parse_article_number(f"第{number}条") == number
    assert parse_article_number(number) == number


@FAST
@given(st.one_of(messy, yaml_values))
def test_any_article_number_is_a_number_or_a_value_error(value: object) -> None:
    try:
        number = parse_article_number(value)
    except ValueError as exc:
        assert str(exc)
    else:
        assert 1 <= number <= 9999


# -- slugs and URL names ----------------------------------------------------------------------


@FAST
@given(messy)
@example("夜市占道整治")
@example("../../etc/passwd")
@example("")
def test_slugify_always_gives_a_url_name(title: str) -> None:
    slug = slugify(title)
    assert SLUG.fullmatch(slug), slug
    assert len(slug.split("-")) <= 6
    assert slugify(title) == slug


@FAST
@given(messy)
def test_slug_of_any_stem(stem: str) -> None:
    slug = slug_of(stem)
    assert stem.endswith(slug)


# -- masking ----------------------------------------------------------------------------------


@FAST
@given(messy)
@example("欧阳娜娜")
@example("Zhang Wei")
@example("业主")
@example("李先生")
def test_masked_names_are_masked_once(name: str) -> None:
    once = mask_name(name)
    assert mask_name(once) == once
    # A group (业主, 熟溪街道居民) or a surname and a title (李先生) names nobody and stays.
    names_nobody = any(w in name for w in GROUP_WORDS) or name.strip().endswith(TITLES)
    if len(name.strip()) > 1 and "*" not in name and not names_nobody:
        assert once != name.strip()


@FAST
@given(messy)
def test_any_asker_is_described_without_error(asker: str) -> None:
    assert isinstance(mask_asker(asker), str)


# -- escaping ---------------------------------------------------------------------------------


@FAST
@given(messy)
@example("</script><script>alert(1)</script>")
@example("\x00\x1f\ud800")
def test_xml_text_survives_serialisation(text: str) -> None:
    element = ET.Element("description")
    element.text = xml_text(text)
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode"))
    expected = xml_text(text).replace("\r\n", "\n").replace("\r", "\n")
    assert (parsed.text or "") == expected


@FAST
@given(st.dictionaries(keys, scalars, max_size=5))
@example({"name": "</script><script>alert(1)</script>"})
def test_json_in_html_cannot_close_its_script(data: dict[str, Any]) -> None:
    for text in (script_json(data), json_bytes(data).decode()):
        assert not {"<", ">", "&"} & set(text)
        assert json.loads(text) == data


@FAST
@given(st.lists(st.lists(messy, min_size=2, max_size=2), max_size=4))
@example([['=HYPERLINK("http://x")', "+1"], ["-1", "@SUM(A1)"]])
def test_csv_cells_read_back_and_never_run_as_formulas(rows: list[list[str]]) -> None:
    data = csv_bytes(["a", "b"], rows, bom=False).decode("utf-8")
    parsed = list(csv.reader(io.StringIO(data, newline="")))
    assert len(parsed) == len(rows) + 1
    for written, read in zip(rows, parsed[1:], strict=True):
        for original, cell in zip(written, read, strict=True):
            assert cell.removeprefix("'") == original or cell == original
            if cell.startswith(("=", "+", "@")):
                float(cell)  # only a number may look like one


@FAST
@given(messy)
@example("<script>alert(1)</script>")
@example('" onmouseover="alert(1)')
def test_page_templates_escape_text(text: str) -> None:
    env = PageRenderer(BEIJING, "测试").env
    out = env.from_string('<p title="{{ t }}">{{ t }}</p>').render(t=text)
    inner = out.removeprefix("<p").removesuffix("</p>")
    assert "<" not in inner and ">" not in inner.split('">', 1)[1]
    assert html.unescape(inner.split('">', 1)[1]) == text


# Digits (ASCII and full-width), the separators people type in numbers, @, labels and letters:
# the material phones, IDs, cards and addresses are made of.
FULL_WIDTH = [chr(0xFF10 + d) for d in (0, 1, 3, 8)] + ["\uff20"]  # digits and the at sign
SEPARATORS = [" ", "-", "\u3000", "\uff0d", "\u2014"]
WORDS = ["电话", "手机", "：", ".", "com", "qq", "a", "X", "@", "\n", "\0", "("]
number_like = st.lists(
    st.sampled_from([*"0123456789", *FULL_WIDTH, *SEPARATORS, *WORDS]), max_size=40
).map("".join)


@given(number_like)
@FAST
@example("13812345678")
@example("0579-8761 2345")
@example("电话：\n8761 2345")
@example("330702198001011234")
@example("a@b.cn")
def test_whatever_the_audit_skips_holds_no_personal_data(text: str) -> None:
    # The site audit scans only the lines with a CANDIDATE: nothing the scan would report
    # may lie in a line without one.
    found = find_personal_data(text)
    if found:
        assert CANDIDATE.search(text), (text, found)
    for value in found:
        assert CANDIDATE.search(value), (text, value)
