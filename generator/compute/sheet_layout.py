"""How much text a 宣传栏 sheet can hold: line budgets that fit one A4 page with no line cut.

A printed sheet cannot scroll, and a line cut in half looks broken from across the street.
So before rendering, each headline's lines are estimated (a CJK character is one em wide in
Noto Sans CJK; Latin letters and digits about half) and the summaries get whole lines until the
sheet is full; the stylesheet clamps each block to exactly those lines, with an ellipsis.

The measures below are the ones in `templates/poster.css` (millimetres; 1 pt = 0.3528 mm):
change them together. `tests/test_poster.py` measures every sample sheet in Chromium.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

PT = 0.3528  # mm per point

# Page: A4 with the sheet's padding (top 9, bottom 8, sides 10).
INNER_WIDTH = 190.0
INNER_HEIGHT = 280.0 - 2.0  # 2 mm to spare for fonts whose metrics differ a little
SHEET_GAP = 3.5  # between masthead, news, 法律咨询台 and footer
MASTHEAD = 33.0
FOOTER = 17.0
BAND = 9.5 + 3.0  # a section's heading and the gap under it

# A piece of news.
ITEM_GAP = 3.0 + 3.3  # gap + padding and rule under each piece but the last
KICKER = 10.5 * PT * 1.45 + 1.0
COLUMN_GAP = 5.0
QR_LEAD, QR_OTHER = 30.0, 24.0
CAPTION = 10 * PT * 1.45 + 1.0
PHOTO_LEAD = (58.0, 43.5)  # width, height
PHOTO_OTHER = (34.0, 25.5)
TITLE_LEAD = (26.0, 1.25)  # size pt, line height
TITLE_OTHER = (18.0, 1.3)
SUMMARY_LEAD = (14.0, 1.55)
SUMMARY_OTHER = (12.5, 1.55)
SUMMARY_GAP = 1.5

# 法律咨询台.
QA_PAD = 2 * 3.0 + 0.8
QA_QR = 24.0
QA_QUESTION = (16.0, 1.35)
QA_ANSWER = (12.5, 1.55)
QA_META = 10.0 * PT * 1.45
QA_GAP = 1.2
MARK = "问问"
QA_TEXT_WIDTH = INNER_WIDTH - QA_QR - COLUMN_GAP - 2 * 5.0 - 0.8

# Most lines a block may take, whatever room is left, by the number of pieces on the sheet.
MAX_TITLE = {True: 3, False: 2}  # lead, others
MAX_SUMMARY = {1: (14, 0), 2: (8, 6), 3: (6, 4), 4: (5, 3)}  # lead, others
MAX_QUESTION = 2
MAX_ANSWER = {0: 10, 1: 6, 2: 6, 3: 5, 4: 4}


def line_height(font: tuple[float, float]) -> float:
    return font[0] * PT * font[1]


def em_width(text: str) -> float:
    """The width of `text` in ems: wide (CJK) characters 1, others about half, spaces less."""
    width = 0.0
    for char in text:
        if char == " ":
            width += 0.28
        elif unicodedata.east_asian_width(char) in "WF":
            width += 1.0
        else:
            width += 0.56
    return width


def lines_of(text: str, font: tuple[float, float], column: float) -> int:
    """Estimated lines of `text` in a column `column` mm wide (3% for line-breaking rules)."""
    if not text:
        return 0
    return max(1, math.ceil(em_width(text) * font[0] * PT * 1.03 / column))


def chars_per_line(font: tuple[float, float], column: float) -> int:
    return max(1, int(column / (font[0] * PT)))


@dataclass(frozen=True)
class Piece:
    """What the layout needs to know about a piece: its texts and whether it has a photo."""

    title: str
    summary: str
    photo: bool


@dataclass(frozen=True)
class PieceFit:
    title_lines: int
    summary_lines: int
    summary_chars: int  # enough text for those lines; the stylesheet cuts the last one


@dataclass(frozen=True)
class SheetFit:
    pieces: tuple[PieceFit, ...]
    question_lines: int
    answer_lines: int
    answer_chars: int
    crowded: bool  # even the shortest summaries did not fit: fewer pieces would


def _columns(lead: bool, photo: bool) -> tuple[float, float]:
    """(headline column, summary column) widths in mm."""
    qr = QR_LEAD if lead else QR_OTHER
    text = INNER_WIDTH - qr - COLUMN_GAP
    if not photo:
        return text, text
    photo_width = (PHOTO_LEAD if lead else PHOTO_OTHER)[0]
    if lead:
        return text, text - photo_width - COLUMN_GAP  # the headline spans the photo
    return text - photo_width - COLUMN_GAP, text - photo_width - COLUMN_GAP


def _piece_height(lead: bool, photo: bool, title: int, summary: int) -> float:
    title_font = TITLE_LEAD if lead else TITLE_OTHER
    summary_font = SUMMARY_LEAD if lead else SUMMARY_OTHER
    text = summary * line_height(summary_font) + (SUMMARY_GAP if summary else 0.0)
    head = KICKER + title * line_height(title_font)
    qr = QR_LEAD if lead else QR_OTHER  # the band above says what the codes are for
    if photo:
        photo_height = (PHOTO_LEAD if lead else PHOTO_OTHER)[1]
        if lead:
            return max(head + max(text, photo_height + SUMMARY_GAP), qr)
        return max(head + text, photo_height, qr)
    return max(head + text, qr)


def _qa_height(question: int, answer: int) -> float:
    text = question * line_height(QA_QUESTION) + QA_GAP
    text += answer * line_height(QA_ANSWER) + QA_GAP + QA_META
    return BAND + QA_PAD + max(text, QA_QR + CAPTION)


def fit_sheet(pieces: list[Piece], question: str | None, answer: str) -> SheetFit:
    """Whole lines for every block so that the sheet fills one A4 page and nothing is cut.

    Summaries and the answer start at their full length (up to a maximum) and lose a line at
    a time, the longest first (the lead counts two lines shorter than it is, the answer one),
    down to two lines for the lead and the answer and one for the others; then the summaries
    go altogether, then the answer's second line.
    """
    count = min(len(pieces), max(MAX_SUMMARY))
    titles = []
    wanted = []
    for index, piece in enumerate(pieces):
        lead = index == 0
        title_column, summary_column = _columns(lead, piece.photo)
        font = TITLE_LEAD if lead else TITLE_OTHER
        titles.append(min(lines_of(piece.title, font, title_column), MAX_TITLE[lead]))
        most = MAX_SUMMARY[count][0 if lead else 1]
        summary_font = SUMMARY_LEAD if lead else SUMMARY_OTHER
        wanted.append(min(lines_of(piece.summary, summary_font, summary_column), most))
    summary = list(wanted)
    # Each starts with its round 问 / 答 mark, about two characters wide.
    q_lines = min(lines_of(MARK + (question or ""), QA_QUESTION, QA_TEXT_WIDTH), MAX_QUESTION)
    a_lines = lines_of(MARK + answer, QA_ANSWER, QA_TEXT_WIDTH) if question else 0
    a_lines = a_wanted = min(a_lines, MAX_ANSWER[min(len(pieces), max(MAX_ANSWER))])

    def height() -> float:
        news = BAND + news_height() + ITEM_GAP * max(0, len(pieces) - 1)
        qa = _qa_height(q_lines, a_lines) + SHEET_GAP if question else 0.0
        return MASTHEAD + SHEET_GAP + news + SHEET_GAP + qa + FOOTER

    def news_height() -> float:
        return sum(
            _piece_height(i == 0, p.photo, titles[i], summary[i]) for i, p in enumerate(pieces)
        )

    floors = [2 if i == 0 else 1 for i in range(len(pieces))]
    crowded = False

    def excess(i: int) -> int:
        return summary[i] - (2 if i == 0 else 0)  # the lead keeps two lines more

    def saves(i: int) -> bool:
        # A line beside a QR code or a photo taller than the text costs no height.
        piece = pieces[i]
        now = _piece_height(i == 0, piece.photo, titles[i], summary[i])
        return _piece_height(i == 0, piece.photo, titles[i], summary[i] - 1) < now

    while height() > INNER_HEIGHT:
        options = [
            (excess(i), i) for i in range(len(pieces)) if summary[i] > floors[i] and saves(i)
        ]
        if question and a_lines > 2:
            options.append((a_lines - 1, -1))  # the answer counts one line shorter
        if options:
            _, which = max(options)
            if which < 0:
                a_lines -= 1
            else:
                summary[which] -= 1
        elif any(floors):
            crowded = True
            floors = [0] * len(pieces)  # then summaries go altogether, the others' first
        elif question and a_lines > 1:
            a_lines -= 1
        else:
            break  # headlines alone: they are clamped and cannot grow past the page
    # Cutting the longest first can overshoot: give back lines, in page order, while they fit.
    grown = True
    while grown:
        grown = False
        for i in range(len(pieces)):
            if summary[i] < wanted[i]:
                summary[i] += 1
                if height() <= INNER_HEIGHT:
                    grown = True
                else:
                    summary[i] -= 1
        if question and a_lines < a_wanted:
            a_lines += 1
            if height() <= INNER_HEIGHT:
                grown = True
            else:
                a_lines -= 1
    fits = []
    for index, piece in enumerate(pieces):
        lead = index == 0
        column = _columns(lead, piece.photo)[1]
        font = SUMMARY_LEAD if lead else SUMMARY_OTHER
        chars = summary[index] * chars_per_line(font, column) + 8 if summary[index] else 0
        fits.append(PieceFit(titles[index], summary[index], chars))
    answer_chars = a_lines * chars_per_line(QA_ANSWER, QA_TEXT_WIDTH) + 8
    return SheetFit(tuple(fits), q_lines, a_lines, answer_chars, crowded)


def pieces_that_fit(pieces: list[Piece], question: str | None, answer: str) -> int:
    """How many of the pieces (in their order) a sheet holds with a line of summary each.

    Photos take room: four pieces with photos do not fit an A4 sheet at this size, and the
    lowest-ranked piece gives way rather than every summary.
    """
    for count in range(len(pieces), 1, -1):
        if not fit_sheet(pieces[:count], question, answer).crowded:
            return count
    return min(len(pieces), 1)
