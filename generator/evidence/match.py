"""`Matcher`: our pieces prepared once, then the evidence that one media item is one of them."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from generator.evidence.names import (
    Gazetteer,
    Names,
    compare_names,
    place_names,
    strange_towns,
)
from generator.evidence.numbers import Quantity, conflicting_numbers, normalise, quantities
from generator.evidence.numbers import shared_numbers as shared_quantities
from generator.evidence.rule import Evidence, weigh
from generator.evidence.titles import Headline, compare
from generator.evidence.words import Nouns, Passage, body_agreement
from generator.model import Article, Unit, UnitType

LEAD_PARAGRAPHS = 2  # the media's summary is their version of our first paragraphs
LEAD_CHARS = 500
SUMMARY_CHARS = 300  # of their summary, against our lead
_MARKUP = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s*", re.M), ""),
    (re.compile(r"[*_`]+"), ""),
)


def plain(markdown: str) -> str:
    """Markdown as the words a reader sees, paragraphs kept apart by blank lines."""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def lead(markdown: str) -> str:
    """The first paragraphs of a body: what a summary or a reprint's opening is made from."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", plain(markdown)) if p.strip()]
    return "\n".join(paragraphs[:LEAD_PARAGRAPHS])[:LEAD_CHARS]


@dataclass(frozen=True)
class Piece:
    """One of our published pieces, as the evidence functions need it."""

    article: Article
    submitted: date
    headline: Headline
    title_numbers: tuple[Quantity, ...]
    lead_numbers: tuple[Quantity, ...]  # headline and first paragraphs
    all_numbers: tuple[Quantity, ...]  # headline and whole body
    title_terms: frozenset[str]
    text: str  # headline and first paragraphs, normalised
    title_text: str  # headline, normalised
    lead: Passage
    names: Names  # headline, first paragraphs and our unit
    all_names: Names  # headline, whole body and our unit
    title_names: Names
    all_text: str  # headline and whole body, normalised


@dataclass(frozen=True)
class Sighting:
    """One media item, as the evidence functions need it."""

    headline: Headline
    summary: Passage | None
    day: date | None
    title_numbers: tuple[Quantity, ...]
    numbers: tuple[Quantity, ...]  # headline and summary
    title_terms: frozenset[str]
    text: str  # headline and summary, normalised
    names: Names
    title_names: Names


class Matcher:
    """Our pieces prepared once (numbers, names, key words, word weights), then compared."""

    def __init__(
        self,
        articles: Sequence[Article],
        units: Iterable[Unit],
        tz: tzinfo,
        outlet_names: Sequence[str] = (),
        words: Iterable[str] = (),
    ) -> None:
        self.outlet_names = tuple(outlet_names)
        self.gazetteer = Gazetteer.shipped((u.name, u.type is UnitType.SQUAD) for u in units)
        self.nouns = Nouns(words)
        self.pieces = [self._piece(a, tz) for a in articles]
        self.nouns.learn(p.title_terms | p.lead.terms for p in self.pieces)

    def _names(self, text: str) -> Names:
        names = self.gazetteer.names(text)
        found = place_names(self.nouns.cut(text), self.gazetteer.generic)
        return dataclasses.replace(names, places=names.places | found)

    def _piece(self, article: Article, tz: tzinfo) -> Piece:
        body = plain(article.body)
        first = lead(article.body)
        unit = article.unit.name
        return Piece(
            article=article,
            submitted=article.submitted.astimezone(tz).date(),
            headline=Headline.of(article.title, self.outlet_names),
            title_numbers=quantities(article.title),
            lead_numbers=quantities(f"{article.title}\n{first}"),
            all_numbers=quantities(f"{article.title}\n{body}"),
            title_terms=self.nouns.terms(article.title),
            text=normalise(f"{article.title}\n{first}"),
            title_text=normalise(article.title),
            lead=Passage.of(self.nouns, first),
            names=self._names(f"{article.title}\n{first}\n{unit}"),
            all_names=self._names(f"{article.title}\n{body}\n{unit}"),
            title_names=self.gazetteer.names(article.title),
            all_text=normalise(f"{article.title}\n{body}"),
        )

    def sighting(self, title: str, summary: str, day: date | None) -> Sighting:
        both = f"{title}\n{summary}"
        return Sighting(
            headline=Headline.of(title, self.outlet_names),
            summary=Passage.of(self.nouns, summary, SUMMARY_CHARS) if summary else None,
            day=day,
            title_numbers=quantities(title),
            numbers=quantities(both),
            title_terms=self.nouns.terms(title),
            text=normalise(both),
            names=self._names(both),
            title_names=dataclasses.replace(
                self.gazetteer.names(title),
                strange_towns=strange_towns(self.nouns.cut(title), self.gazetteer.known_towns),
            ),
        )

    def evidence(self, seen: Sighting, piece: Piece) -> Evidence:
        """Everything that speaks for and against `seen` being `piece`, weighed."""
        title = compare(piece.headline, seen.headline)
        nouns = max(
            self.nouns.agreement(seen.title_terms, seen.text, piece.title_terms, piece.text),
            self.nouns.shortening(seen.title_terms, seen.headline.compact, piece.title_text),
        )
        body = body_agreement(self.nouns, seen.summary, piece.lead) if seen.summary else None
        numbers = shared_quantities(seen.numbers, piece.lead_numbers)
        against = conflicting_numbers(seen.title_numbers, piece.title_numbers, piece.all_numbers)
        names = compare_names(
            seen.names,
            seen.title_names,
            piece.names,
            piece.all_names,
            piece.article.unit.name,
            piece.title_names,
            piece.all_text,
        )
        gap = (seen.day - piece.submitted).days if seen.day else None
        return weigh(
            Evidence(
                title=title,
                nouns=round(nouns, 3),
                body=None if body is None else round(body, 3),
                shared_numbers=tuple(q.label for q in numbers),
                specific_numbers=sum(q.specific for q in numbers),
                conflicting_numbers=tuple(f"{q.label}≠{o.label}" for q, o in against),
                shared_names=names.shared,
                other_counties=names.counties,
                other_towns=names.towns,
                other_departments=names.departments,
                gap=gap,
            )
        )
