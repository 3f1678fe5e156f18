"""法规摘要 (content/regulations/*.md) and 法律咨询台 (content/qa/*.md) → Regulation, Question.

Citations are checked both ways: a basis must name a regulation that exists and an article
that regulation's summary really has; citing a repealed regulation is a warning (an error in
--strict), since the staff need to be stopped before a citizen is told the wrong law.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path, PurePosixPath

from generator.errors import Problem, Severity
from generator.load.files import Loaded, markdown_documents
from generator.messages import msg
from generator.model import (
    REGULATION_LEVELS,
    Citation,
    Domain,
    LegalForce,
    Provision,
    Question,
    Regulation,
)
from generator.numerals import (
    ARTICLE_HEADING,
    article_label,
    chinese_number,
    parse_article_number,
)
from generator.urls import SLUG
from generator.validate.fields import Fields, closest, suggest


def unknown_name(value: str, known: Iterable[str], what: str) -> str:
    """An unknown name from a closed list (domains): the closest, and the list."""
    names = list(known)
    hint = msg("ref.all", items="、".join(names))
    return msg("ref.unknown", what=msg(what), value=value, hint=closest(value, names) + hint)


REGULATION_KEYS = (
    "title",
    "short_title",
    "level",
    "issuer",
    "adopted",
    "effective",
    "amended",
    "status",
    "repealed_by",
    "domains",
    "source",
    "draft",
)
QUESTION_KEYS = (
    "question",
    "date",
    "domain",
    "basis",
    "asker",
    "received",
    "replied",
    "department",
    "draft",
)
LAW_YEARS = 1949  # laws still cited today go back to the 1980s and earlier


def _provisions(
    body: str, body_line: int, rel: PurePosixPath, problems: list[Problem]
) -> tuple[Provision, ...]:
    found: dict[int, Provision] = {}
    for offset, line in enumerate(body.split("\n")):
        match = ARTICLE_HEADING.match(line)
        if not match:
            continue
        raw = match[2]
        try:
            number = int(raw) if raw.isdigit() else chinese_number(raw)
        except ValueError as exc:
            problems.append(Problem(rel, body_line + offset, "(body)", str(exc)))
            continue
        if number in found:
            problems.append(
                Problem(
                    rel,
                    body_line + offset,
                    "(body)",
                    msg(
                        "law.summarised_twice",
                        label=article_label(number),
                        line=found[number].line,
                    ),
                )
            )
            continue
        heading = f"{article_label(number)}{re.sub(r'{[^}]*}', '', match[3]).rstrip()}"
        found[number] = Provision(number, heading.strip(), body_line + offset)
    return tuple(sorted(found.values(), key=lambda p: p.number))


def load_regulations(
    content: Path,
    root: Path,
    domains: tuple[Domain, ...],
    tz: tzinfo,
    problems: list[Problem],
    loaded: Sequence[Loaded] | None = None,
) -> tuple[Regulation, ...]:
    """Every regulation summary; repealed_by must name another regulation."""
    by_name = {d.name: d for d in domains}
    regulations: list[Regulation] = []
    successors: list[tuple[Fields, str, str]] = []
    for path, rel, doc in markdown_documents(content / "regulations", root, problems, loaded):
        if not SLUG.fullmatch(path.stem):
            problems.append(
                Problem(
                    rel,
                    0,
                    "(file name)",
                    msg("law.bad_file_name", name=path.name),
                )
            )
            continue
        f = Fields(doc.meta, doc.meta.data, problems)
        before = len(problems)
        f.check_keys(REGULATION_KEYS)
        title = f.text("title", required=True, max_len=200)
        short_title = f.text("short_title", max_len=60)
        level = f.choice("level", REGULATION_LEVELS, required=True)
        issuer = f.text("issuer", required=True, max_len=100)
        adopted = f.day("adopted", tz, required=True, min_year=LAW_YEARS)
        effective = f.day("effective", tz, min_year=LAW_YEARS)
        status = f.choice("status", [s.value for s in LegalForce], required=True)
        amended = _dates(f, "amended", tz)
        repealed_by = f.ident("repealed_by") or ""
        names = f.text_list("domains")
        for index, name in enumerate(names):
            if name not in by_name:
                f.error(
                    f"domains[{index}]",
                    unknown_name(name, by_name, "what.domain"),
                )
        source = f.text("source", max_len=500) or ""
        if source and not source.startswith(("http://", "https://")):
            f.error("source", msg("field.not_url", value=source))
        if adopted and effective and effective < adopted:
            f.error(
                "effective",
                msg("law.effective_before_adopted", effective=effective, adopted=adopted),
            )
        if status == LegalForce.REPEALED.value and not repealed_by:
            f.error("repealed_by", msg("law.repealed_needs_successor"))
        if repealed_by and status != LegalForce.REPEALED.value:
            f.warn("repealed_by", msg("law.repealed_by_not_repealed", status=status))
        if repealed_by == path.stem:
            f.error("repealed_by", msg("law.repeals_itself"))
        elif repealed_by:
            successors.append((f, path.stem, repealed_by))
        provisions = _provisions(doc.body, doc.body_line, rel, problems)
        if any(p.is_error for p in problems[before:]):
            continue
        assert title and level and issuer and adopted and status
        regulations.append(
            Regulation(
                id=path.stem,
                source=rel,
                title=title,
                short_title=short_title or title,
                level=level,
                issuer=issuer,
                adopted=adopted,
                status=LegalForce(status),
                body=doc.body,
                body_line=doc.body_line,
                effective=effective,
                amended=amended,
                repealed_by=repealed_by,
                domains=tuple(by_name[n] for n in names if n in by_name),
                source_url=source,
                provisions=provisions,
                draft=f.flag("draft"),
            )
        )
    ids = {r.id for r in regulations}
    for f, own, successor in successors:
        if successor not in ids:
            others = ids - {own}
            f.error(
                "repealed_by",
                msg(
                    "ref.unknown",
                    what=msg("what.regulation"),
                    value=successor,
                    hint=suggest(successor, dict.fromkeys(others, "")),
                ),
            )
    order = {level: index for index, level in enumerate(REGULATION_LEVELS)}
    regulations.sort(key=lambda r: (order[r.level], r.adopted, r.id))
    return tuple(regulations)


def _dates(f: Fields, name: str, tz: tzinfo) -> tuple[date, ...]:
    """A date or a list of dates, each reported at its own line."""
    value = f.raw(name)
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    found: list[date] = []
    for index, item in enumerate(items):
        key = f"{name}[{index}]" if isinstance(value, list) else name
        day = Fields(f.doc, {key: item}, f.problems).day(key, tz, min_year=LAW_YEARS)
        if day:
            found.append(day)
    return tuple(sorted(found))


def load_basis(
    f: Fields, regulations: dict[str, Regulation], when: datetime | None, draft: bool = False
) -> tuple[Citation, ...]:
    """The `basis` list of a question or article: [{law: id, article: 30}].

    A published text may not cite a draft regulation: the link would lead nowhere.
    """
    citations: list[Citation] = []
    for item in f.mappings("basis"):
        item.check_keys(["law", "article"])
        law = item.text("law", required=True)
        raw_article = item.raw("article", required=True)
        if law is None or raw_article is None:
            continue
        regulation = regulations.get(law)
        if regulation is None:
            item.error(
                "law",
                msg(
                    "ref.unknown",
                    what=msg("what.regulation"),
                    value=law,
                    hint=suggest(law, {r.id: r.short_title for r in regulations.values()}),
                ),
            )
            continue
        try:
            number = parse_article_number(raw_article)
        except ValueError as exc:
            item.error("article", str(exc))
            continue
        if regulation.provision(number) is None:
            summarised = "、".join(article_label(p.number) for p in regulation.provisions) or msg(
                "law.none"
            )
            item.error(
                "article",
                msg(
                    "law.not_summarised",
                    label=article_label(number),
                    law=regulation.id,
                    summarised=summarised,
                ),
            )
            continue
        if regulation.draft and not draft:
            item.error(
                "law",
                msg("law.cites_draft", law=regulation.id),
            )
            continue
        if regulation.status is LegalForce.REPEALED:
            item.warn(
                "law",
                msg(
                    "law.cites_repealed",
                    title=regulation.short_title,
                    law=regulation.id,
                    successor=regulation.repealed_by,
                ),
            )
        if regulation.effective and when and when.date() < regulation.effective:
            if regulation.status is LegalForce.NOT_YET:
                item.warn(
                    "law",
                    msg(
                        "law.not_yet_in_force",
                        title=regulation.short_title,
                        effective=regulation.effective,
                        day=when.date(),
                    ),
                )
            else:
                item.warn(
                    "law",
                    msg(
                        "law.not_in_force_then",
                        title=regulation.short_title,
                        effective=regulation.effective,
                        day=when.date(),
                    ),
                )
        citations.append(Citation(regulation, number))
    return tuple(citations)


def load_questions(
    content: Path,
    root: Path,
    domains: tuple[Domain, ...],
    regulations: tuple[Regulation, ...],
    tz: tzinfo,
    mask_asker: Callable[[str], str],
    problems: list[Problem],
    now: datetime | None = None,
    loaded: Sequence[Loaded] | None = None,
) -> tuple[Question, ...]:
    """Every question, newest first; a date over a year after `now` is refused as a typo."""
    by_name = {d.name: d for d in domains} | {d.slug: d for d in domains}
    by_id = {r.id: r for r in regulations}
    questions: list[Question] = []
    for path, rel, doc in markdown_documents(content / "qa", root, problems, loaded):
        if not SLUG.fullmatch(path.stem):
            problems.append(
                Problem(
                    rel,
                    0,
                    "(file name)",
                    msg("qa.bad_file_name", name=path.name),
                )
            )
            continue
        f = Fields(doc.meta, doc.meta.data, problems)
        before = len(problems)
        f.check_keys(QUESTION_KEYS)
        question = f.text("question", required=True, max_len=300)
        published = f.when("date", tz, required=True)
        f.not_far_future("date", published, now)
        domain_name = f.text("domain", required=True)
        domain = by_name.get(domain_name) if domain_name else None
        if domain_name and domain is None:
            f.error(
                "domain",
                unknown_name(domain_name, [d.name for d in domains], "what.domain"),
            )
        draft = f.flag("draft")
        basis = load_basis(f, by_id, published, draft)
        asker = f.text("asker", max_len=60) or ""
        received = f.day("received", tz)
        replied = f.day("replied", tz)
        department = f.text("department", max_len=60) or ""
        if received and replied and replied < received:
            f.error(
                "replied", msg("qa.replied_before_received", replied=replied, received=received)
            )
        if published and received and published.date() < received:
            f.error(
                "date",
                msg("qa.published_before_received", published=published.date(), received=received),
            )
        if replied and not department:
            # The key is missing, so point at the reply date it belongs with.
            problems.append(
                Problem(
                    rel,
                    f.line("replied"),
                    "department",
                    msg("reply.no_department", example="department: 法制科"),
                    Severity.WARNING,
                )
            )
        if not doc.body.strip():
            problems.append(Problem(rel, doc.body_line, "(body)", msg("qa.no_answer")))
        if any(p.is_error for p in problems[before:]):
            continue
        assert question and published and domain
        questions.append(
            Question(
                key=path.stem,
                source=rel,
                question=question,
                published=published,
                domain=domain,
                body=doc.body,
                body_line=doc.body_line,
                basis=basis,
                asker=mask_asker(asker) if asker else "",
                draft=draft,
                received=received,
                replied=replied,
                department=department,
                received_line=f.line("received") if received else f.line("date"),
            )
        )
    questions.sort(key=lambda q: (q.published, q.key), reverse=True)
    return tuple(questions)
