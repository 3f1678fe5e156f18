"""The words jieba is given, for the site search (render/search_text.py) and for matching
pieces against the media's (evidence/words.py), so that both cut a text alike: the shipped
enforcement vocabulary, the site's own names, and a tokenizer loaded with them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.model import Portal


def domain_words() -> list[str]:
    """The enforcement vocabulary shipped with portal (`generator/data/words.txt`)."""
    from importlib.resources import files

    text = files("generator").joinpath("data/words.txt").read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def portal_words(portal: Portal) -> list[str]:
    """The site's own names, as words: units, categories, domains, tags, regulation titles."""
    words = {u.name for u in portal.units}
    words |= {c.name for c in portal.categories} | {d.name for d in portal.domains}
    words |= {t for a in portal.published for t in a.tags}
    words |= {g.short_title for g in portal.regulations}
    words |= {e.theme for e in portal.editions if e.theme}
    # Every word of the synonym table is a word of the index, so a page that writes 流动摊贩
    # is found by 摆摊 even where jieba would cut 流动摊贩 apart.
    words |= {w for group in portal.synonyms for w in group}
    return sorted(w for w in words if 2 <= len(w) <= 12)


def site_vocabulary(portal: Portal) -> list[str]:
    """Both: the words the site search adds to jieba's dictionary."""
    return sorted({*domain_words(), *portal_words(portal)})


def load_jieba(words: Iterable[str]) -> Any:
    """jieba-rs (through **rjieba**: jieba's dictionary and algorithm, about eight times faster
    than the Python package) with `words` added to its dictionary. jieba's general dictionary
    splits words such as 占道经营 into single characters, which no reader would type."""
    import rjieba

    tokenizer = rjieba.Jieba()
    for word in words:
        tokenizer.add_word(word, None, None)
    return tokenizer
