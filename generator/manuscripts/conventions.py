"""How a county bureau's 信息员 write a 稿件, read back one small rule at a time.

Each function reads one habit: the title (the first heading, or a short first line), the
byline (`通讯员 张晓燕 李明`, `（通讯员：张晓燕）`, `供稿：白洋中队`, `记者 王强`, `本报讯（通讯员
张晓燕）` at the head of the lead), the dateline (`11月26日`, `2026年11月26日`), captions under
photos (`图为…`, `▲…`, `（图：…）`), end marks (`（完）`, `【完】`), editor's notes and the
full-width spaces typed as indentation. What a rule cannot tell, it leaves as None: the
draft then says TODO instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from generator.messages import msg
from generator.model import Unit

# Indentation typed with full-width spaces, no-break spaces, tabs, ideographic spaces.
_INDENT = re.compile(r"^[\s\u3000\u00a0\u2002\u2003\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$")


def strip_indent(text: str) -> str:
    """`　　5月11日晚，…` → `5月11日晚，…` (Word users indent with two full-width spaces)."""
    return _INDENT.sub("", text)


# -- title ------------------------------------------------------------------------------------

TITLE_MAX = 40  # characters: a first line longer than this is a paragraph, not a headline


def looks_like_title(text: str) -> bool:
    """A short line that does not end a sentence and is no byline, date, caption or mark."""
    text = text.strip()
    return (
        0 < len(text) <= TITLE_MAX
        and not text.endswith(("。", "；", "：", ":", "，"))
        and parse_byline(text) is None
        and dateline_of(text, date(2000, 1, 1)) is None
        and caption_of(text) is None
        and not is_end_mark(text)
        and not is_editor_note(text)
    )


# -- byline -----------------------------------------------------------------------------------

# Longest first: the alternation takes the first that fits.
_ROLE_WORDS = (
    "特约通讯员|通讯员|实习生|记者|撰稿人|撰稿|作者|供稿单位|供稿|报送单位|来源|稿源"
    "|文/图|文／图|图/文|图／文|图文|摄影"
)
# 文 and 摄 are also characters of names: roles only before a separator or the end.
_ROLES = _ROLE_WORDS + r"|文(?=[\s:：/／])|摄(?=[\s:：]|$)"
_ROLE = re.compile(r"(?:^|(?<=[\s、，,;；]))(?P<role>" + _ROLES + r")\s*[:：/／]?\s*")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_UNIT_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,14}(?:中队|大队|支队|科室|科|局|办公室|办|中心|所|站|街道|镇|乡)"
)
_LEAD = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}讯\s*)?[（(【]\s*"
    r"(?P<byline>(?:" + _ROLES + r")[^）)】]{1,40})[）)】]\s*"
)


@dataclass(frozen=True)
class Byline:
    """Who wrote or sent the piece: people, and units (供稿：白洋中队)."""

    names: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    text: str = ""  # as written


def parse_byline(text: str) -> Byline | None:
    """`通讯员 张晓燕 李明`, `（通讯员：张晓燕）`, `供稿：白洋中队`, `记者 王强 通讯员 李明`.

    None unless the whole line is a byline: a sentence that starts with 记者 is text.
    """
    line = strip_indent(text)
    inner = re.sub(r"^[（(【\[]\s*|\s*[）)】\]]$", "", line)
    if not inner or len(inner) > 60 or not _ROLE.match(inner):
        return None
    names: list[str] = []
    units: list[str] = []
    photographers: list[str] = []
    pieces = _ROLE.split(inner)
    # split() with one named group: ["", role, text, role, text, ...]
    if pieces[0].strip():
        return None
    for role, value in zip(pieces[1::2], pieces[2::2], strict=True):
        tokens = [t for t in re.split(r"[\s、，,;；和及/／]+", value) if t]
        if not tokens:
            if role in ("摄", "摄影") and names:  # `通讯员 张晓燕 摄`
                photographers.append(names[-1])
                continue
            return None
        for token in tokens:
            if role in _UNIT_ROLES or (len(token) >= 4 and _UNIT_NAME.fullmatch(token)):
                if not (_UNIT_NAME.fullmatch(token) or _NAME.fullmatch(token)):
                    return None
                units.append(token)
            elif _NAME.fullmatch(token):
                (photographers if role in ("摄影", "摄") else names).append(token)
            else:
                return None
    if not names and not units and not photographers:
        return None
    return Byline(tuple(names), tuple(units), tuple(photographers), line)


_UNIT_ROLES = ("供稿", "供稿单位", "报送单位", "来源", "稿源")


def split_lead(paragraph: str) -> tuple[Byline | None, str]:
    """`本报讯（通讯员 张晓燕）11月26日，…` → the byline, and the lead without it."""
    match = _LEAD.match(paragraph)
    if match is None:
        return None, paragraph
    byline = parse_byline(match["byline"])
    if byline is None:
        return None, paragraph
    return byline, paragraph[match.end() :]


@dataclass(frozen=True)
class Attribution:
    """What a byline says in portal's terms: `author` and the unit's id, and how it knew."""

    author: str = ""
    squad: str | None = None
    reason: str = ""  # why this unit, for the report and the draft's comment
    unknown: tuple[str, ...] = field(default=())  # names and units squads.yml does not know


def attribute(bylines: Sequence[Byline], units: Sequence[Unit]) -> Attribution:
    """The author (every person named, in order) and the unit: a unit named in the byline, or
    the unit whose 信息员 is named; None when no unit, or two different ones, are named."""
    people = list(dict.fromkeys(n for b in bylines for n in b.names))
    named_units = [u for b in bylines for u in b.units]
    found: dict[str, str] = {}
    unknown: list[str] = []
    for name in named_units:
        unit = _unit_by_name(name, units)
        if unit is None:
            unknown.append(name)
        else:
            found.setdefault(unit.id, msg("import.credit_unit", name=name))
    if not found:
        for person in people:
            for unit in units:
                officers = re.split(r"[\s、,，]+", unit.officer)
                if person in officers:
                    found.setdefault(
                        unit.id, msg("import.credit_officer", person=person, unit=unit.name)
                    )
    author = " ".join(people)
    if len(found) == 1:
        squad, reason = next(iter(found.items()))
        return Attribution(author, squad, reason, tuple(unknown))
    if len(found) > 1:
        which = "、".join(found.values())
        return Attribution(author, None, msg("import.credit_many", units=which), tuple(unknown))
    return Attribution(author, None, "", tuple(unknown))


def _unit_by_name(name: str, units: Sequence[Unit]) -> Unit | None:
    """白洋中队 → baiyang; 白洋 also, when only one unit's name starts with it."""
    exact = [u for u in units if u.name == name or u.id == name]
    if exact:
        return exact[0]
    close = [u for u in units if u.name.startswith(name) or name.startswith(u.name)]
    return close[0] if len(close) == 1 else None


# -- dateline ---------------------------------------------------------------------------------

_CN_DATE = re.compile(
    r"(?:(?P<y>20\d\d)\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]"
)
_ISO_DATE = re.compile(
    r"(?P<y>20\d\d)[-./年](?P<m>1[0-2]|0?[1-9])[-./月](?P<d>3[01]|[12]\d|0?[1-9])日?"
)
DATELINE_WINDOW = 16  # a dateline opens the lead: `11月26日上午，` / `本报讯 2026年11月26日`


def dateline_of(text: str, submitted: date) -> date | None:
    """The date a paragraph opens with (or that a paragraph is, alone).

    A date without a year is the one on or before `submitted` (a piece is sent after the
    event): `12月30日` sent on 2027-01-02 is 2026-12-30.
    """
    head = strip_indent(text)[:DATELINE_WINDOW]
    match = _CN_DATE.search(head) or _ISO_DATE.search(head)
    if match is None or match.start() > 6:
        return None
    year = int(match["y"]) if match["y"] else submitted.year
    try:
        found = date(year, int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    if not match["y"] and found > submitted:
        try:
            found = date(year - 1, found.month, found.day)
        except ValueError:
            return None
    return found


def is_date_only(text: str) -> bool:
    """A paragraph that is just a date (the writing date under a piece)."""
    line = re.sub(r"^[（(]\s*|\s*[）)]$", "", strip_indent(text))
    return any(p.fullmatch(line) for p in (_CN_DATE, _ISO_DATE))


# -- captions, end marks, editor's notes -------------------------------------------------------

_CAPTION = re.compile(
    r"^(?:[（(]\s*图\s*[：:]\s*(?P<wrapped>.+?)\s*[）)]|▲\s*(?P<triangle>.+)|(?P<plain>图为.+)"
    r"|图\s*\d*\s*[：:]\s*(?P<labelled>.+)|【图】\s*(?P<bracket>.+))$"
)
CAPTION_MAX = 120


def caption_of(text: str) -> str | None:
    """The caption a paragraph under a photo is: `图为…` as written; `▲…`, `（图：…）`, `图1：…`
    without their marks. None for ordinary text."""
    line = strip_indent(text)
    if len(line) > CAPTION_MAX:
        return None
    match = _CAPTION.match(line)
    if match is None:
        return None
    return next(v for v in match.groupdict().values() if v).strip()


_END_MARK = re.compile(r"[（(【\[]\s*完\s*[）)】\]]|[-—－~～]+\s*完\s*[-—－~～]+|\(END\)|（END）")


def is_end_mark(text: str) -> bool:
    """`（完）`, `【完】`, `-完-`: the line that closes a piece."""
    return bool(_END_MARK.fullmatch(strip_indent(text)))


def without_end_mark(text: str) -> str:
    """A last paragraph that ends with `（完）` loses the mark."""
    return re.sub(r"\s*(?:" + _END_MARK.pattern + r")\s*$", "", text)


_NOTE = re.compile(
    r"^(?:[【\[]\s*(?:编者按|编者注|编辑按|编后)\s*[】\]]"
    r"|[（(【\[]?\s*(?:编者按|编者注|编辑按|编后|责任编辑|编辑|审核|审稿|校对|初审|复审|终审|签发|审签)"
    r"\s*[】\]]?\s*[：:])"
)


def is_editor_note(text: str) -> bool:
    """`编者按：…`, `【编者按】…`, `（责任编辑：…）`, `审核：…`: notes for the desk."""
    return bool(_NOTE.match(strip_indent(text)))
