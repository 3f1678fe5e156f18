"""The search index's postings and shards, made whole or patched from the last build's.

A document gives each of its terms a posting's flags (`contributions`); a shard is the table
of the terms that hash to it, each with the gap-encoded postings of every document that has it
(see render/search.py for the layout). A shard depends only on the documents' contributions to
its terms, so after an edit only the shards of the terms whose flags changed are made again:
`patch_shard` takes the last build's table of such a shard and puts the changed documents'
postings in place. Both ways give the same bytes, which tests/test_search_update.py checks
against whole builds on random edits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

MAX_TF = 7
TARGET_SHARD_BYTES = 24_000
MIN_SHARDS = 16


def contributions(
    title_terms: Sequence[str], counts: Mapping[str, int], group_of: Mapping[str, str]
) -> dict[str, int]:
    """The flags a document gives each term: 8 when the term is in the title, plus its count
    capped at MAX_TF. Besides its terms, `字*` for each first character of its terms (the
    strongest flags of those terms: title beats text, counts summed and capped), so that a
    query's last, unfinished character matches as a prefix, and `词~` for each group of
    synonyms it has a word of (词 the group's first word), united the same way."""
    titled = set(title_terms)
    terms = dict(counts)
    for term in title_terms:
        terms.setdefault(term, 0)
    out: dict[str, int] = {}
    unions: dict[str, int] = {}
    grouped: dict[str, int] = {}
    for term, tf in terms.items():
        flags = (8 if term in titled else 0) + (tf if tf < MAX_TF else MAX_TF)
        out[term] = flags
        first = term[0]
        old = unions.get(first, 0)
        summed = (old & 7) + (flags & 7)
        unions[first] = ((old | flags) & 8) + (summed if summed < MAX_TF else MAX_TF)
        if group_of:
            group = group_of.get(term)
            if group is not None:
                old = grouped.get(group, 0)
                summed = (old & 7) + (flags & 7)
                grouped[group] = ((old | flags) & 8) + (summed if summed < MAX_TF else MAX_TF)
    for first, flags in unions.items():
        out[f"{first}*"] = flags
    out.update(grouped)
    return out


def postings(docs: Iterable[Mapping[str, int]]) -> dict[str, list[int]]:
    """Every term's encoded postings from each document's contributions, by number."""
    # Each list starts with the number of the last document in it, dropped at the end: one
    # lookup a posting, in the loop that runs millions of times at archive scale.
    lists: dict[str, list[int]] = {}
    for number, contribution in enumerate(docs):
        for term, flags in contribution.items():
            items = lists.get(term)
            if items is None:
                lists[term] = [number, number * 16 + flags]
            else:
                items.append((number - items[0]) * 16 + flags)
                items[0] = number
    found = {term: items[1:] for term, items in lists.items()}
    return {t: p for t, p in found.items() if not _repeats(t, p, found)}


def _repeats(term: str, items: list[int], table: Mapping[str, list[int]]) -> bool:
    # A `字*` with exactly the postings of `字` (no longer term begins with 字, or none adds
    # a page or a flag) is left out: the browser then uses `字`, with the same result.
    return term.endswith("*") and table.get(term[0]) == items


def _stored(term: str, table: Mapping[str, list[int]]) -> list[int]:
    """A term's postings as the shard had them; a `字*` left out had those of `字`."""
    found = table.get(term)
    if found is None and term.endswith("*"):
        found = table.get(term[0])
    return found or []


def encode(postings: Iterable[tuple[int, int]]) -> list[int]:
    """(document number, flags) pairs, in number order, as a posting list: each number as
    the difference to the one before, times 16, plus the flags."""
    out: list[int] = []
    previous = 0
    for number, flags in postings:
        out.append((number - previous) * 16 + flags)
        previous = number
    return out


def decode(items: Iterable[int]) -> dict[int, int]:
    """A posting list as {document number: flags}."""
    out: dict[int, int] = {}
    number = 0
    for value in items:
        number += value >> 4
        out[number] = value & 15
    return out


def weight(term: str, items: Sequence[int]) -> int:
    """What a term adds to the index, for the shard count: about its bytes in a shard, with
    its characters counted three times (UTF-8) and the list as `json.dumps` writes it."""
    return len(term) * 3 + 4 + len(",".join(map(str, items))) + max(len(items) - 1, 0) + 2


def shard_count(total_weight: int) -> int:
    """Enough shards that an average one stays under TARGET_SHARD_BYTES, from a fixed ladder
    (16 * 2^(k/4): each step a fifth more), so that an edit moves the count only when the
    index crosses a step, and every term keeps its shard otherwise."""
    step = 0
    while True:
        count = max(MIN_SHARDS, round(MIN_SHARDS * 2 ** (step / 4)))
        if count * TARGET_SHARD_BYTES >= total_weight:
            return count
        step += 1


def shard_bytes(table: Mapping[str, Sequence[int]]) -> bytes:
    """A shard file: `{term: postings}`, keys sorted, no spaces (as `_json` writes it)."""
    parts = [
        f"{json.dumps(term, ensure_ascii=False)}:[{','.join(map(str, table[term]))}]"
        for term in sorted(table)
    ]
    return ("{" + ",".join(parts) + "}").encode()


def patch_shard(
    table: dict[str, list[int]], terms: Iterable[str], changed: Mapping[int, Mapping[str, int]]
) -> int:
    """Put the changed documents' postings of `terms` into a shard's table, in place.

    `changed` maps a document number to its contributions now (empty: it is gone); every
    term whose postings may differ is in `terms`. Returns the change in the shard's weight.
    """
    wanted = set(terms)
    # `字*` and `字` are read and written together: one is left out when it repeats the other.
    wanted |= {t[0] for t in wanted if t.endswith("*")} | {f"{t}*" for t in wanted if len(t) == 1}
    before = {t: table[t] for t in wanted if t in table}
    raw = {t: decode(_stored(t, before)) for t in wanted}
    delta = -sum(weight(t, p) for t, p in before.items())
    for term, found in raw.items():
        for number in changed:
            found.pop(number, None)
        for number, contribution in changed.items():
            flags = contribution.get(term)
            if flags is not None:
                found[number] = flags
    encoded = {t: encode(sorted(found.items())) for t, found in raw.items() if found}
    for term in wanted:
        items = encoded.get(term)
        if items is None or _repeats(term, items, encoded):
            table.pop(term, None)
        else:
            table[term] = items
            delta += weight(term, items)
    return delta
