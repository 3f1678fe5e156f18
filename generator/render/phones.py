"""Telephone numbers in page text as `tel:` links that never break inside the number.

A resident reading 举报电话 0579-87612345 on a phone should be able to tap it, and a line
break must not cut it into 0579- and 87612345. Landlines with an area code (0579-87612345,
0579 87612345, (0579)87612345), 400/800 numbers and the government service hotlines
(12345, 12319 …) where the text calls them a hotline are linked; masked numbers (138****1234)
are not numbers any more and are left alone. Only text is touched: never a tag, an attribute,
an existing link, code or a script.
"""

from __future__ import annotations

import re

# An area code (0 + 2-3 digits, optionally in brackets) and a 7-8 digit number, or 400/800.
_LANDLINE = r"[(（]?0\d{2,3}[)）]?[- ]?[2-9]\d{2,3}[- ]?\d{4}(?:[-转]\d{1,4})?"
_SERVICE = r"[48]00[- ]?\d{3}[- ]?\d{4}"
# Short public hotlines only where the text says they are a number to call.
_SHORT = "12345|12319|12369"
_HOTLINE = rf"(?<=拨打)(?:{_SHORT}|110|119|120|122)|(?:{_SHORT})(?=\s?(?:热线|政务|便民|城管))"
_NUMBER = re.compile(rf"(?<![0-9A-Za-z*/.-])(?:{_LANDLINE}|{_SERVICE}|{_HOTLINE})(?![0-9*])")
# Tags and the text between them; elements whose text must not change.
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = frozenset({"a", "script", "style", "code", "pre", "textarea", "title", "svg", "button"})
_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def tel_href(number: str) -> str:
    """`tel:` URL of a number as written: digits only, an extension after `,` (a pause)."""
    found = re.fullmatch(r"(.*?)[-转](\d{1,4})", number)
    # 0579-87612345-801: what is left before the last part is a whole number (area code and
    # 7-8 digits, ten or more), so the last part is an extension; 0579-8761-2345 has none.
    if found and ("转" in found[0] or len(_digits(found[1])) >= 10):
        return f"tel:{_digits(found[1])},{found[2]}"
    return f"tel:{_digits(number)}"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _link(match: re.Match[str]) -> str:
    number = match.group(0)
    return f'<a class="pt-tel" href="{tel_href(number)}">{number}</a>'


def link_phones(html: str) -> str:
    """`html` with every telephone number in its text made a `tel:` link (class pt-tel)."""
    if not _NUMBER.search(html):
        return html
    out: list[str] = []
    skipping: list[str] = []
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            name = _NAME.match(piece)
            if name:
                tag = name.group(1).lower()
                if tag in _SKIP and not piece.endswith("/>"):
                    if piece.startswith("</"):
                        if skipping and skipping[-1] == tag:
                            skipping.pop()
                    else:
                        skipping.append(tag)
            out.append(piece)
        elif skipping or not piece:
            out.append(piece)
        else:
            out.append(_NUMBER.sub(_link, piece))
    return "".join(out)
