"""A manuscript as blocks: headings, paragraphs, lists, tables and photos, each already Markdown.

mammoth turns Word's structure into clean HTML (headings by style, lists, tables, bold and
italic, links, images; no inline styles); this module maps that HTML onto Markdown blocks.
Word's manual line breaks are dropped (in Chinese a line joins without a space), empty
paragraphs vanish, and the full-width spaces typed as indentation (`　　`) go with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from lxml import html as lxml_html
from lxml.etree import _Element

from generator.manuscripts.conventions import strip_indent

IMAGE_SRC = "portal-image:"  # mammoth's images are numbered: <img src="portal-image:0">


class Kind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    TABLE = "table"
    IMAGE = "image"
    CAPTION = "caption"  # the text a photo table sets beside or under a photo


@dataclass(frozen=True)
class Block:
    """One block of the manuscript: its Markdown, its plain text, and what it is."""

    kind: Kind
    markdown: str
    text: str  # plain text, for the conventions
    level: int = 0  # heading level
    image: int = -1  # index into the document's images
    alt: str = ""


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as it is (no emphasis, links or HTML from a manuscript)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\s*)([#>+-]|\d+[.)])(\s)", r"\1\\\2\3", text)


def blocks_from_html(markup: str) -> list[Block]:
    """mammoth's HTML as blocks, in order."""
    if not markup.strip():
        return []
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    blocks: list[Block] = []
    for element in root:
        blocks += _block(element)
    return blocks


def _block(element: _Element) -> list[Block]:
    tag = str(element.tag).lower()
    if re.fullmatch(r"h[1-6]", tag):
        text = _plain(element)
        if not text:
            return []
        level = int(tag[1])
        return [Block(Kind.HEADING, "#" * level + " " + escape_markdown(text), text, level)]
    if tag in ("ul", "ol"):
        lines = _list_lines(element, 0)
        if not lines:
            return []
        return [Block(Kind.LIST, "\n".join(lines), _plain(element))]
    if tag == "table":
        return _photo_table(element) if _photos(element) else _table(element)
    if tag in ("p", "div", "blockquote"):
        out = _photos(element)
        markdown = strip_indent(_inline(element, skip_images=True))
        text = strip_indent(_plain(element))
        if text:
            paragraph = Block(Kind.PARAGRAPH, markdown, text)
            # A photo pasted into a paragraph of text goes before it.
            return [*out, paragraph]
        return out
    text = strip_indent(_plain(element))
    return [Block(Kind.PARAGRAPH, escape_markdown(text), text)] if text else []


def _photos(element: _Element) -> list[Block]:
    """The photos inside an element, in document order."""
    out: list[Block] = []
    for image in element.findall(".//img"):
        src = image.get("src", "")
        if src.startswith(IMAGE_SRC):
            index = int(src.removeprefix(IMAGE_SRC))
            out.append(Block(Kind.IMAGE, "", "", image=index, alt=(image.get("alt") or "").strip()))
    return out


def _cells(row: _Element) -> list[_Element]:
    return [cell for cell in row if str(cell.tag).lower() in ("td", "th")]


def _photo_table(element: _Element) -> list[Block]:
    """A table Word uses to lay photos out (two side by side, their captions in the row
    below or under the photo in the same cell) as the photos in reading order, each followed
    by its caption; a text-only row that is not under photos stays as paragraphs."""
    rows = [_cells(row) for row in element.iter("tr")]
    rows = [row for row in rows if row]
    out: list[Block] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if not any(_photos(cell) for cell in row):
            out += [b for cell in row for b in _paragraphs(cell)]
            index += 1
            continue
        below = rows[index + 1] if index + 1 < len(rows) else []
        captions = below if below and not any(_photos(cell) for cell in below) else []
        for column, cell in enumerate(row):
            out += _photos(cell)
            out += _paragraphs(cell, kind=Kind.CAPTION)
            if column < len(captions):
                out += _paragraphs(captions[column], kind=Kind.CAPTION)
        if captions and len(captions) > len(row):
            out += [b for cell in captions[len(row) :] for b in _paragraphs(cell)]
        index += 2 if captions else 1
    return out


def _paragraphs(cell: _Element, kind: Kind = Kind.PARAGRAPH) -> list[Block]:
    """A table cell's text, a block per paragraph (a cell may hold several)."""
    parts = cell.findall("p") or [cell]
    blocks: list[Block] = []
    for part in parts:
        text = strip_indent(_plain(part))
        if text:
            blocks.append(Block(kind, strip_indent(_inline(part, skip_images=True)), text))
    return blocks


def _plain(element: _Element) -> str:
    """The text of an element with line breaks dropped and spaces collapsed."""
    return _squeeze("".join(element.itertext()))


def _squeeze(text: str) -> str:
    # Runs of spaces (full-width too) become one: bylines separate names with them.
    return re.sub(r"[\s\u00a0\u3000]+", " ", text).strip()


def _inline(element: _Element, *, skip_images: bool = False) -> str:
    """An element's content as inline Markdown: bold, italic, links; line breaks dropped."""
    out: list[str] = [escape_markdown(element.text or "")]
    for child in element:
        tag = str(child.tag).lower()
        inner = _inline(child, skip_images=skip_images)
        if tag in ("strong", "b") and inner.strip():
            out.append(f"**{inner.strip()}**")
        elif tag in ("em", "i") and inner.strip():
            out.append(f"*{inner.strip()}*")
        elif tag == "a" and child.get("href", "").startswith(("http://", "https://", "mailto:")):
            href = child.get("href", "").replace(")", "%29").replace(" ", "%20")
            out.append(f"[{inner.strip()}]({href})" if inner.strip() else "")
        elif tag == "br" or (tag == "img" and skip_images):
            pass
        else:
            out.append(inner)
        out.append(escape_markdown(child.tail or ""))
    return _squeeze("".join(out))


def _list_lines(element: _Element, depth: int) -> list[str]:
    ordered = str(element.tag).lower() == "ol"
    lines: list[str] = []
    number = 0
    for item in element:
        if str(item.tag).lower() != "li":
            continue
        number += 1
        nested = [c for c in item if str(c.tag).lower() in ("ul", "ol")]
        for child in nested:
            item.remove(child)
        text = strip_indent(_inline(item, skip_images=True))
        marker = f"{number}." if ordered else "-"
        if text:
            lines.append("    " * depth + f"{marker} {text}")
        for child in nested:
            lines += _list_lines(child, depth + 1)
    return lines


def _table(element: _Element) -> list[Block]:
    rows: list[list[str]] = []
    for row in element.iter("tr"):
        cells = [
            _inline(cell, skip_images=True).replace("|", "\\|")
            for cell in row
            if str(cell.tag).lower() in ("td", "th")
        ]
        if any(cells):
            rows.append(cells)
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    text = " ".join(" ".join(r) for r in rows)
    return [Block(Kind.TABLE, "\n".join(lines), text)]


def blocks_from_text(text: str, *, markdown: bool) -> list[Block]:
    """A .txt (one paragraph a line, or blank-line separated) or .md manuscript as blocks."""
    blocks: list[Block] = []
    chunks = re.split(r"\n\s*\n", text) if markdown else _text_paragraphs(text)
    for chunk in chunks:
        if markdown:
            raw = chunk.strip("\n")
            heading = re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", raw)
            if heading:
                level = len(heading[1])
                blocks.append(Block(Kind.HEADING, raw.strip(), heading[2].strip(), level))
                continue
            plain = _squeeze(re.sub(r"[*_`>#]|!?\[([^\]]*)\]\([^)]*\)", r"\1", raw))
            if plain:
                kind = Kind.LIST if re.match(r"^\s*([-*+]|\d+\.)\s", raw) else Kind.PARAGRAPH
                kind = Kind.TABLE if raw.lstrip().startswith("|") else kind
                body = raw.strip() if kind is not Kind.PARAGRAPH else strip_indent(raw.strip())
                blocks.append(Block(kind, body, strip_indent(plain)))
        else:
            plain = strip_indent(_squeeze(chunk))
            if plain:
                blocks.append(Block(Kind.PARAGRAPH, escape_markdown(plain), plain))
    return blocks


_INDENTED = re.compile(r"^(?:\u3000|\s{2,}|\t)")
_ENDS = ("。", "！", "？", "”", "」", "』", "）", ")", "…", "!", "?")


def _text_paragraphs(text: str) -> list[str]:
    """A .txt's paragraphs: one a line, or, when paragraphs are indented (`　　`), an indented
    line starts one and the lines under it continue it (text wrapped by hand or by e-mail)
    unless the line before ended a sentence."""
    lines = text.splitlines()
    if not any(_INDENTED.match(line) for line in lines[1:]):
        return lines
    paragraphs: list[str] = []
    for line in lines:
        # A wrapped line is a long one; a short line (a byline, a mark) stands alone.
        ended = not paragraphs or len(paragraphs[-1]) < 20 or paragraphs[-1].endswith(_ENDS)
        if not line.strip() or _INDENTED.match(line) or ended:
            paragraphs.append(line.strip())
        else:
            paragraphs[-1] += line.strip()
    return paragraphs
