"""Names as evidence: our units, the county's towns and places, neighbouring counties and
other county departments (`generator/data/gazetteer.txt` plus squads.yml)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files

from generator.evidence.numbers import normalise

COUNTY, TOWN, DEPARTMENT, UNIT, PLACE = "county", "town", "department", "unit", "place"
URBAN = ("壶山", "熟溪", "白洋")  # 城区: the county town is these three streets


@dataclass(frozen=True)
class Names:
    """Who and where a text speaks of, each as its gazetteer label."""

    counties: frozenset[str] = frozenset()
    towns: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    strange_towns: frozenset[str] = frozenset()  # towns the gazetteer does not know: not ours
    home: bool = False  # names our own county
    urban: bool = False  # speaks of 城区, i.e. any of the three streets
    bureau: bool = False  # names our bureau (城管, 综合行政执法局, 我局)

    @property
    def others_only(self) -> frozenset[str]:
        """Departments named where neither our bureau nor a unit of ours is: their own news."""
        return frozenset() if self.bureau or self.units else self.departments


@dataclass(frozen=True)
class Gazetteer:
    """Spellings of names by kind: `generator/data/gazetteer.txt` plus the bureau's units."""

    patterns: dict[str, re.Pattern[str]]
    labels: dict[str, dict[str, str]]  # kind → spelling → label
    unit_towns: dict[str, str]  # a squad named for its town → that town
    squads: frozenset[str]
    generic: frozenset[str]

    @classmethod
    def shipped(cls, units: Iterable[tuple[str, bool]] = ()) -> Gazetteer:
        """The shipped gazetteer, with `units` as (name, is a squad) from squads.yml."""
        text = files("generator").joinpath("data/gazetteer.txt").read_text(encoding="utf-8")
        return cls.parse(text, units)

    @classmethod
    def parse(cls, text: str, units: Iterable[tuple[str, bool]] = ()) -> Gazetteer:
        labels: dict[str, dict[str, str]] = {
            k: {} for k in (COUNTY, TOWN, DEPARTMENT, UNIT, PLACE, "home", "bureau")
        }
        generic: set[str] = set()
        aliases: dict[str, list[str]] = {}
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            kind, *names = line.split()
            if kind == "generic":
                generic.update(names)
                continue
            if kind == "abroad":
                first, _, county = names[0].partition("|")
                for name in [first, *names[1:]]:
                    labels[COUNTY][name] = county
                continue
            if kind == UNIT:
                aliases[names[0]] = names[1:]
                continue
            for name in names:
                labels[kind][name] = names[0]
        towns = set(labels[TOWN].values())
        unit_towns, squads = {}, set()
        for name, squad in units:
            for spelling in [name, *aliases.get(name, ())]:
                labels[UNIT][spelling] = name
            core = name.removesuffix("中队")
            if squad:
                squads.add(name)
                if core in towns:
                    unit_towns[name] = core
        patterns = {
            kind: re.compile("|".join(map(re.escape, sorted(spellings, key=len, reverse=True))))
            for kind, spellings in labels.items()
            if spellings
        }
        return cls(patterns, labels, unit_towns, frozenset(squads), frozenset(generic))

    @property
    def known_towns(self) -> frozenset[str]:
        """Every town spelling the gazetteer places, ours or a neighbour's."""
        return (
            frozenset(self.labels[TOWN])
            | frozenset(self.labels[TOWN].values())
            | frozenset(self.labels[COUNTY])
        )

    def _find(self, kind: str, text: str) -> frozenset[str]:
        pattern = self.patterns.get(kind)
        if pattern is None:
            return frozenset()
        return frozenset(self.labels[kind][m[0]] for m in pattern.finditer(text))

    def _offices(self, text: str) -> frozenset[str]:
        """County offices the gazetteer does not list (those it does are named by their label)."""
        listed = self.patterns.get(DEPARTMENT)
        return frozenset(o for o in county_offices(text) if listed is None or not listed.search(o))

    def names(self, text: str) -> Names:
        text = normalise(text)
        units = self._find(UNIT, text)
        towns = self._find(TOWN, text) | {self.unit_towns[u] for u in units if u in self.unit_towns}
        return Names(
            counties=self._find(COUNTY, text),
            towns=towns,
            departments=self._find(DEPARTMENT, text) | self._offices(text),
            units=units,
            places=self._find(PLACE, text),
            home=bool(self._find("home", text)),
            urban="城区" in text or "县城" in text,
            bureau=bool(self._find("bureau", text)),
        )


# 县民政局, 县人社局, 县总工会: county offices the gazetteer does not list, by their form.
_OFFICE = re.compile(
    r"(?<![全我该本各外邻市区])(?:武义)?县(?!城|综合|行政|执法)"
    r"([\u4e00-\u9fff]{1,6}?(?:分局|局|大队|委员会|委|办|中心|总工会|工会|妇联|法院|检察院|医院|公司|部))"
)


def county_offices(text: str) -> frozenset[str]:
    """Offices of the county government named by their form: 县民政局, 县委宣传部."""
    return frozenset("县" + m[1] for m in _OFFICE.finditer(text))


_TOWN_SUFFIX = ("街道", "镇", "乡")
_NOT_TOWNS = """
    乡镇 城镇 集镇 小镇 村镇 各乡镇 全镇 该镇 本镇 新城镇 特色小镇 温泉小镇 辖区 所在 相关 各 属地
    城区 沿线 周边 沿街 乡镇街道 全县"""
_NOT_A_TOWN = frozenset(_NOT_TOWNS.split())


def strange_towns(words: Sequence[str], known: Iterable[str]) -> frozenset[str]:
    """Towns and streets named in segmented text that are not of our county: 古丽镇, 城西街道.

    Our county's eighteen are all in the gazetteer, so any other 镇, 乡 or 街道 is elsewhere.
    """
    known = set(known)
    found = set()
    for i, word in enumerate(words):
        if len(word) >= 3 and word.endswith(_TOWN_SUFFIX) and _cjk(word):
            name = word
        elif i + 1 < len(words) and words[i + 1] in _TOWN_SUFFIX and len(word) >= 2 and _cjk(word):
            name = word + words[i + 1]
        else:
            continue
        core = name.removesuffix("街道").rstrip("镇乡")
        if name in _NOT_A_TOWN or core in _NOT_A_TOWN or core in known or name in known:
            continue
        found.add(name)
    return frozenset(found)


_PLACE_SUFFIX = re.compile(
    r"(?:路|街|巷|大道|公园|广场|市场|夜市|小区|社区|村|园区|度假区|大桥|桥)"
)


def place_names(words: Sequence[str], generic: frozenset[str]) -> frozenset[str]:
    """Names of roads, streets, parks, markets and villages in segmented text: 解放街, 南湖小区.

    A word ending in a place word (解放街 when the dictionary knows it), or a word of two or
    more characters followed by one (熟溪 + 路); names that name no one place (农贸市场) are
    left out.
    """
    found = set()
    for i, word in enumerate(words):
        if len(word) >= 3 and _PLACE_SUFFIX.fullmatch(word[-1:]) and _cjk(word):
            found.add(word)
        elif (
            i + 1 < len(words)
            and _PLACE_SUFFIX.fullmatch(words[i + 1])
            and len(word) >= 2
            and _cjk(word)
        ):
            found.add(word + words[i + 1])
    names = {n[1:] if len(n) > 3 and n[0] in _LEADING else n for n in found}
    return frozenset(n for n in names if n not in generic and n[:-1] not in generic)


# Prepositions jieba may glue to a name (对塘里村, 在解放街): not part of the name.
_LEADING = frozenset("对在到与和向将把从于及至")


def _cjk(text: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" for c in text)


@dataclass(frozen=True)
class NameEvidence:
    shared: tuple[str, ...]
    counties: tuple[str, ...]  # another county named
    towns: tuple[str, ...]  # another town or squad of ours named, e.g. "桐琴≠白洋"
    departments: tuple[str, ...]  # another department leads their headline


def compare_names(
    theirs: Names,
    theirs_title: Names,
    ours: Names,
    ours_all: Names,
    own_unit: str,
    ours_title: Names | None = None,
    ours_text: str = "",
) -> NameEvidence:
    """Names both sides give, and names theirs gives that rule our piece out.

    `theirs` is their headline and summary, `theirs_title` the headline alone; `ours` our
    headline and first paragraphs, `ours_all` our whole text with our own unit, `ours_title`
    our headline, `ours_text` our whole text. A county is ruled out when we never name it; a
    town when we name towns and none of theirs (城区 is any of the three streets), or when
    their headline names a town that is not of our county and we never name it; a squad when
    it is neither ours nor named by us; a department when their headline names it and our
    piece never does, or when their headline names it and neither our bureau nor a unit of
    ours (its own news: 县水务局开展汛前河道检查 is not our 履坦中队联合水务清理河道, though
    our text names 水务) and our headline does not name it.
    """
    shared = sorted(
        (theirs.towns & ours.towns)
        | (theirs.units & ours.units)
        | (theirs.places & ours.places)
        | (theirs.departments & ours.departments)
    )
    counties = sorted(theirs.counties - ours_all.counties)
    if theirs.home and counties == ["金华市区"]:
        counties = []  # 金华市武义县: the city that holds us, not its urban districts
    ours_towns = set(ours_all.towns)
    if ours_all.urban:
        ours_towns |= set(URBAN)
    towns = []
    if theirs.towns and ours_all.towns and not theirs.towns & ours_towns:
        towns = [f"{'、'.join(sorted(theirs.towns))}≠{'、'.join(sorted(ours_all.towns))}"]
    towns += sorted(t for t in theirs_title.strange_towns if t not in ours_text)
    for unit in sorted(theirs.units):
        # A squad named for a town is already weighed as that town.
        weighed = bool(towns) and unit.removesuffix("中队") in theirs.towns
        other = unit != own_unit and unit not in ours_all.units and unit.endswith("中队")
        if other and not weighed:
            towns.append(f"{unit}≠{own_unit}")
    departments = set(theirs_title.departments - ours_all.departments)
    if ours_title is not None:
        departments |= theirs_title.others_only - ours_title.departments
    return NameEvidence(tuple(shared), tuple(counties), tuple(towns), tuple(sorted(departments)))
