"""Markdown bodies as plain text: the summaries of lists, feeds, JSON-LD and 宣传栏 sheets."""

from __future__ import annotations

import html
import re

_MD_NOISE = [
    (re.compile(r"```.*?```", re.S), " "),
    # Raw HTML in staff Markdown: what the sanitiser removes from the page (a script and its
    # text) must not come back in a summary.
    (
        re.compile(r"<(script|style|iframe|noscript|template|textarea)\b.*?</\1\s*>", re.S | re.I),
        " ",
    ),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>|\|)\s?", re.M), ""),
    (re.compile(r"[*_`~]+"), ""),
    (re.compile(r"\{[:#.][^}]*\}"), ""),
]


def derive_summary(markdown: str, limit: int = 120) -> str:
    """The first real paragraph of a Markdown body as plain text, cut at `limit` characters."""
    for block in re.split(r"\n\s*\n", markdown):
        stripped = block.strip()
        if not stripped or stripped.startswith(("#", "|", "!", "<", "```", ":::", "---")):
            continue
        text = stripped
        for pattern, repl in _MD_NOISE:
            text = pattern.sub(repl, text)
        text = _CJK_GAP.sub("", html.unescape(" ".join(text.split())))
        if text:
            return text if len(text) <= limit else text[: limit - 1].rstrip("，、；：") + "…"
    return ""


# A line break inside a Chinese paragraph is not a space: drop white space between two CJK
# characters or punctuation, keep it around Latin words and numbers (23 处).
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
