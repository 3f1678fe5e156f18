"""A manuscript's blocks → a draft article: front matter with TODO where unsure, and photos.

The conventions (conventions.py) decide title, byline, dateline, captions, end marks and
editor's notes; what they cannot decide is written as a `# TODO:` comment on its key, and the
import report repeats it, so nothing is presented as fact that the manuscript did not say.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from generator.manuscripts.blocks import Block, Kind
from generator.manuscripts.conventions import (
    CAPTION_MAX,
    Byline,
    attribute,
    caption_of,
    dateline_of,
    is_date_only,
    is_editor_note,
    is_end_mark,
    looks_like_title,
    parse_byline,
    split_lead,
    without_end_mark,
)
from generator.manuscripts.documents import Document, Photo
from generator.messages import msg
from generator.model import Unit

# The placeholders validation recognises: a draft builds with them, a published piece does not.
from generator.validate.unfinished import TODO, UNTITLED

BYLINE_REACH = 4  # bylines sit in the first or last few blocks


@dataclass
class Figure:
    """A photo in the draft: its bytes, caption and alt text."""

    photo: Photo
    caption: str = ""


@dataclass
class Draft:
    """What the import writes: the facts it found, each with its source or a TODO."""

    title: str
    day: date  # the dateline's day (the event), or the submission's
    published: date | datetime  # `date:`, the publication date
    squad: str
    author: str
    category: str
    submitted: datetime
    status: str
    body: list[str | Figure]  # Markdown blocks and photos, in order
    origin: str  # the manuscript's path, as given
    comments: dict[str, str] = field(default_factory=dict)  # key → why / TODO
    todos: list[str] = field(default_factory=list)  # for the report
    removed: list[str] = field(default_factory=list)  # bylines, notes and marks taken out


def compose(
    document: Document,
    units: Sequence[Unit],
    *,
    submitted: datetime,
    submitted_from: str,
    squad: str | None,
    category: str,
    category_given: bool,
    status: str,
    origin: str,
) -> Draft:
    """Apply every convention to the manuscript's blocks, in reading order."""
    blocks = list(document.blocks)
    removed: list[str] = []
    comments: dict[str, str] = {}
    todos: list[str] = []
    # Notes for the desk and end marks go wherever they are.
    kept: list[Block] = []
    for block in blocks:
        if block.kind is Kind.PARAGRAPH and (is_editor_note(block.text) or is_end_mark(block.text)):
            removed.append(block.text)
            continue
        kept.append(block)
    blocks = kept
    # Title: the first heading, or a short first line.
    title = ""
    first = next((i for i, b in enumerate(blocks) if b.kind is not Kind.IMAGE), None)
    if first is not None:
        block = blocks[first]
        if block.kind is Kind.HEADING or (
            block.kind is Kind.PARAGRAPH and looks_like_title(block.text)
        ):
            title = block.text
            del blocks[first]
    if not title:
        title = UNTITLED
        comments["title"] = msg("draft.no_title")
        todos.append(msg("draft.todo_title"))
    # Bylines: whole lines near the start or the end, and `本报讯（通讯员 …）` in the lead.
    bylines: list[Byline] = []
    paragraphs = [i for i, b in enumerate(blocks) if b.kind is Kind.PARAGRAPH]
    near = set(paragraphs[:BYLINE_REACH] + paragraphs[-BYLINE_REACH:])
    for i in sorted(near, reverse=True):
        found = parse_byline(blocks[i].text)
        if found is not None:
            bylines.insert(0, found)
            removed.append(blocks[i].text)
            del blocks[i]
    lead_index = next((i for i, b in enumerate(blocks) if b.kind is Kind.PARAGRAPH), None)
    if lead_index is not None:
        byline, rest = split_lead(blocks[lead_index].text)
        if byline is not None:
            bylines.append(byline)
            removed.append(byline.text)
            lead = blocks[lead_index]
            cut = lead.markdown.find(rest[:8]) if rest else -1
            markdown = lead.markdown[cut:] if cut >= 0 else rest
            blocks[lead_index] = Block(Kind.PARAGRAPH, markdown, rest)
    # Dateline: the lead's opening date, else a paragraph that is only a date.
    day = None
    how = ""
    if lead_index is not None and lead_index < len(blocks):
        day = dateline_of(blocks[lead_index].text, submitted.date())
        how = msg("draft.date_in_lead")
    for i, block in reversed(list(enumerate(blocks))):
        if block.kind is Kind.PARAGRAPH and is_date_only(block.text):
            found_day = dateline_of(block.text, submitted.date())
            if day is None and found_day is not None:
                day, how = found_day, msg("draft.date_at_end")
            removed.append(block.text)
            del blocks[i]
    # `date` is the publication date, which may not precede the submission (validation): a
    # dateline of the event before it is kept in the comment and in the text itself.
    published: date | datetime
    if day is None:
        day, published = submitted.date(), submitted
        comments["date"] = msg("draft.no_date")
        todos.append(msg("draft.todo_date"))
    elif day > submitted.date():
        published = day
        comments["date"] = msg("draft.date_from", how=how)
    else:
        published = submitted
        comments["date"] = msg("draft.date_before_submitted", how=how, day=day.isoformat())
    # End mark at the end of the last paragraph.
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i].kind is Kind.PARAGRAPH:
            text = without_end_mark(blocks[i].text)
            if text != blocks[i].text:
                markdown = without_end_mark(blocks[i].markdown)
                blocks[i] = Block(Kind.PARAGRAPH, markdown, text)
                removed.append(msg("draft.end_mark"))
            break
    # Captions under photos.
    body: list[str | Figure] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind is Kind.IMAGE:
            photo = document.photos[block.image]
            caption = ""
            after = blocks[index + 1] if index + 1 < len(blocks) else None
            if after is not None and after.kind in (Kind.PARAGRAPH, Kind.CAPTION):
                found_caption = caption_of(after.text)
                if found_caption is None and after.kind is Kind.CAPTION:
                    # Text a photo table sets with the photo is its caption, marked or not.
                    found_caption = after.text if len(after.text) <= CAPTION_MAX else None
                if found_caption is not None:
                    caption = found_caption
                    index += 1
            body.append(Figure(photo, caption))
        else:
            body.append(block.markdown)
        index += 1
    # Author and unit from the bylines, through squads.yml.
    credit = attribute(bylines, units)
    if squad is not None:
        comments["squad"] = msg("draft.squad_given")
    elif credit.squad is not None:
        squad = credit.squad
        comments["squad"] = msg("draft.squad_from", reason=credit.reason)
    else:
        squad = TODO
        why = credit.reason or msg("draft.byline_no_unit" if bylines else "draft.no_byline")
        comments["squad"] = msg("draft.squad_todo", why=why)
        todos.append(why)
    if credit.unknown:
        todos.append(msg("draft.unknown_names", names="、".join(credit.unknown)))
    if not credit.author:
        comments["author"] = msg("draft.no_author")
        todos.append(msg("draft.todo_author"))
    if not category_given:
        comments["category"] = msg("draft.no_category")
    comments["submitted"] = submitted_from
    return Draft(
        title=title,
        day=day,
        published=published,
        squad=squad,
        author=credit.author,
        category=category,
        submitted=submitted,
        status=status,
        body=body,
        origin=origin,
        comments=comments,
        todos=todos,
        removed=removed,
    )


def _when(value: date | datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else value.isoformat()


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def render_draft(draft: Draft, image_links: Sequence[tuple[str, str, str]]) -> str:
    """The article file: front matter (with comments), then the body.

    Args:
        image_links: for each Figure of the body in order, (path, alt, caption).
    """

    def line(key: str, value: str) -> str:
        comment = draft.comments.get(key)
        return f"{key}: {value}" + (f"  # {comment}" if comment else "")

    author = (
        line("author", yaml_text(draft.author))
        if draft.author
        else "# author: " + msg("draft.author_placeholder") + "  # " + draft.comments["author"]
    )
    lines = [
        "---",
        line("title", yaml_text(draft.title)),
        line("date", _when(draft.published)),
        line("squad", draft.squad),
        author,
        line("category", draft.category),
        "tags: []",
        line("status", draft.status),
        line("submitted", f"{draft.submitted:%Y-%m-%d %H:%M}"),
        "# " + msg("draft.origin", origin=draft.origin),
        "---",
        "",
        "",
    ]
    links = iter(image_links)
    parts = []
    for item in draft.body:
        if isinstance(item, Figure):
            path, alt, caption = next(links)
            title = f' "{caption}"' if caption else ""
            parts.append(f"![{alt}]({path}{title})")
        else:
            parts.append(item)
    return "\n".join(lines) + "\n\n".join(parts) + "\n"


def markdown_label(text: str) -> str:
    """Alt text and titles inside `![…](… "…")`: no brackets or straight quotes to break it."""
    return (
        " ".join(text.split())
        .replace("[", "【")
        .replace("]", "】")
        .replace('"', "”")
        .replace("\\", "\\\\")
    )
