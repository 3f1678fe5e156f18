"""Scale the sample portal (content/) to N articles: a seeded benchmark corpus.

Articles, 法律咨询台 questions, 法规摘要 regulations, 问计于民 campaigns and 美丽家园 editions
grow in the sample's proportions (277 articles : 30 questions : 21 regulations : 2 campaigns
over 30 weeks), spread evenly over a period that grows with N and ends where the sample ends.
Every text is composed from the sample's own paragraphs and sections, re-combined (600-1,500
characters an article), with varied dates, units, categories and placements. The same seed
and N give the same bytes.

    .venv/bin/python benchmarks/generate.py 2000 benchmarks/out/n2000/portal
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "content"
MIN_CHARS, MAX_CHARS = 600, 1500

# The sample's own proportions, per article.
QUESTIONS_PER_ARTICLE = 30 / 277
REGULATIONS_PER_ARTICLE = 21 / 277
CAMPAIGNS_PER_ARTICLE = 2 / 277

# Places a regulation variant can come from: the cities and counties of Zhejiang whose rules a
# county bureau reads beside its own (id prefix, name, whether it is a 设区的市).
PLACES = (
    ("hangzhou", "杭州市", True),
    ("ningbo", "宁波市", True),
    ("wenzhou", "温州市", True),
    ("jiaxing", "嘉兴市", True),
    ("huzhou", "湖州市", True),
    ("shaoxing", "绍兴市", True),
    ("jinhua", "金华市", True),
    ("quzhou", "衢州市", True),
    ("zhoushan", "舟山市", True),
    ("taizhou", "台州市", True),
    ("lishui", "丽水市", True),
    ("yiwu", "义乌市", False),
    ("dongyang", "东阳市", False),
    ("yongkang", "永康市", False),
    ("lanxi", "兰溪市", False),
    ("pujiang", "浦江县", False),
    ("panan", "磐安县", False),
    ("jinyun", "缙云县", False),
)
# Codes no city writes its own implementing rules for.
NO_LOCAL_RULES = frozenset({"minfadian"})
TOWNS = (
    "壶山街道",
    "白洋街道",
    "熟溪街道",
    "履坦镇",
    "桐琴镇",
    "泉溪镇",
    "王宅镇",
    "茭道镇",
    "柳城畲族镇",
    "新宅镇",
    "俞源乡",
    "坦洪乡",
    "西联乡",
    "三港乡",
    "大溪口乡",
    "白姆乡",
)
QUESTION_OPENINGS = ("我住在{town}，", "{town}居民来信：", "您好，我是{town}的，", "")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严武戴莫孔向汤应楼傅章俞鲍"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂建华志红玉兰林海燕晓云雪梅春国荣文斌浩宇"
MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "foxmail.com", "sina.com")
_HEADING = re.compile(r"^#{2,6}\s")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PLAIN = re.compile(r"[^\s:#\[\]{},&*!|>'\"%@`?\-][^:#\[\]{},]*")
_PHOTO = re.compile(r"!\[[^\]]*\]\([^)]*\)")  # a paragraph that is one image
_MONTH_DAY = re.compile(r"(?<![0-9])(1[0-2]|[1-9])月([0-9]{1,2})日(?:(至|到|—|-)([0-9]{1,2})日)?")
_MONTH_ONLY = re.compile(r"(?<![0-9])(1[0-2]|[1-9])月(份|上旬|中旬|下旬|初|底)")
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})年")
_CSV_DATE = re.compile(
    r"(?P<y>\d{4})(?P<s1>[-/年])(?P<m>\d{1,2})(?P<s2>[-/月])(?P<d>\d{1,2})(?P<rest>日?.*)"
)


# -- the sample, read once ----------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """One sample Markdown file: front matter as PyYAML reads it, and its blocks."""

    stem: str
    meta: dict[str, Any]
    body: str

    @property
    def blocks(self) -> list[str]:
        """The body's paragraphs, without its photos: they are files beside the sample article
        (a corpus that wants photos adds its own, as benchmarks/photos_import.py does)."""
        blocks = [b.strip() for b in re.split(r"\n\s*\n", self.body) if b.strip()]
        return [b for b in blocks if not _PHOTO.fullmatch(b)]


@dataclass(frozen=True)
class Sample:
    squads: dict[str, Any]
    outlets: dict[str, Any]
    editions: list[dict[str, Any]]
    articles: list[Doc]
    questions: list[Doc]
    regulations: list[Doc]
    campaigns: list[Path]
    unit_names: dict[str, str]  # id → 白洋中队
    unit_types: dict[str, str]  # id → squad | section
    officers: dict[str, str]


def _split(path: Path) -> Doc:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=yaml.CSafeLoader)
    return Doc(path.stem, meta, body)


def read_sample(root: Path = SAMPLE) -> Sample:
    """The sample portal's content, parsed."""
    squads = yaml.safe_load((root / "squads.yml").read_text(encoding="utf-8"))
    units = squads["units"]
    return Sample(
        squads=squads,
        outlets=yaml.safe_load((root / "outlets.yml").read_text(encoding="utf-8")),
        editions=yaml.safe_load((root / "editions.yml").read_text(encoding="utf-8"))["editions"],
        articles=sorted(
            (_split(p) for p in (root / "articles").glob("*.md")),
            key=lambda d: (_when(d.meta["date"]), d.stem),
        ),
        questions=[_split(p) for p in sorted((root / "qa").glob("*.md"))],
        regulations=[_split(p) for p in sorted((root / "regulations").glob("*.md"))],
        campaigns=sorted(p for p in (root / "suggestions").iterdir() if p.is_dir()),
        unit_names={u["id"]: u["name"] for u in units},
        unit_types={u["id"]: u["type"] for u in units},
        officers={u["id"]: u.get("officer", "") for u in units},
    )


def _when(value: object) -> datetime:
    """A front-matter date or `YYYY-MM-DD HH:MM` as a wall-clock datetime (Beijing time)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    text = str(value).strip()
    day, _, clock = text.partition(" ")
    hours, minutes = (int(x) for x in (clock or "00:00").split(":")[:2])
    return datetime.combine(date.fromisoformat(day), time(hours, minutes))


# -- writing front matter -----------------------------------------------------------------


def scalar(value: object) -> str:
    """A YAML scalar as a person would type it: plain when that reads back the same."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and not text[0].isdigit():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(mapping: dict[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in mapping.items()) + "}"


def front_matter(meta: dict[str, object]) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            lines.extend(f"  - {flow(item)}" for item in value)
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{key}: {scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


# -- the plan: how many of each, over which days ------------------------------------------


@dataclass(frozen=True)
class Plan:
    articles: int
    questions: int
    regulations: int
    campaigns: int
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def plan_for(n: int, sample: Sample) -> Plan:
    first = min(_when(d.meta.get("submitted", d.meta["date"])) for d in sample.articles).date()
    last = max(_when(d.meta["date"]) for d in sample.articles).date()
    span = round((last - first).days * n / len(sample.articles))
    return Plan(
        articles=n,
        questions=max(1, round(n * QUESTIONS_PER_ARTICLE)),
        regulations=max(len(sample.regulations), round(n * REGULATIONS_PER_ARTICLE)),
        campaigns=max(len(sample.campaigns), round(n * CAMPAIGNS_PER_ARTICLE)),
        start=last - timedelta(days=span),
        end=last,
    )


def _spread(rng: random.Random, plan: Plan, index: int, count: int) -> date:
    """The index-th of count days spread evenly (with jitter) over the plan's period."""
    offset = (index + rng.random()) * plan.days / count
    return plan.start + timedelta(days=min(plan.days, int(offset)))


def _rounds(rng: random.Random, templates: list[Doc], count: int) -> list[tuple[Doc, int]]:
    """count (template, round) pairs: each round uses every template once, in a new order."""
    picked: list[tuple[Doc, int]] = []
    round_no = 0
    while len(picked) < count:
        order = templates[:]
        rng.shuffle(order)
        picked.extend((t, round_no) for t in order)
        round_no += 1
    return picked[:count]


# -- regulations --------------------------------------------------------------------------


@dataclass(frozen=True)
class Regulation:
    id: str
    template: str
    effective: date
    repealed: bool
    provisions: frozenset[int]


def _provision_numbers(body: str) -> frozenset[int]:
    from generator.numerals import chinese_number  # the portal's own numeral parser

    found = re.findall(
        r"^#{2,6}\s*第\s*([0-9]+|[零〇一二两三四五六七八九十百千]+)\s*条", body, re.M
    )
    return frozenset(int(x) if x.isdigit() else chinese_number(x) for x in found)


def write_regulations(
    rng: random.Random, sample: Sample, plan: Plan, out: Path
) -> dict[str, list[Regulation]]:
    """The sample's regulations plus variants from other places; by template id."""
    folder = out / "regulations"
    folder.mkdir(parents=True)
    by_template: dict[str, list[Regulation]] = {}
    for doc in sample.regulations:
        shutil.copyfile(SAMPLE / "regulations" / f"{doc.stem}.md", folder / f"{doc.stem}.md")
        effective = doc.meta.get("effective") or doc.meta["adopted"]
        by_template[doc.stem] = [
            Regulation(
                doc.stem,
                doc.stem,
                effective,
                doc.meta["status"] == "已废止",
                _provision_numbers(doc.body),
            )
        ]
    slots = [
        (place, doc)
        for place in PLACES
        for doc in sample.regulations
        if doc.stem not in NO_LOCAL_RULES
    ]
    rng.shuffle(slots)
    chosen = slots[: plan.regulations - len(sample.regulations)]
    ids = {(place[0], doc.stem) for place, doc in chosen}
    for place, doc in chosen:
        reg = _variant(rng, place, doc, plan, ids)
        (folder / f"{reg.id}.md").write_text(_variant_text(reg, doc, place), "utf-8")
        by_template[doc.stem].append(reg.regulation)
    return by_template


@dataclass(frozen=True)
class _Variant:
    id: str
    title: str
    short_title: str
    level: str
    issuer: str
    adopted: date
    effective: date
    amended: tuple[date, ...]
    status: str
    repealed_by: str
    regulation: Regulation


def _variant(
    rng: random.Random,
    place: tuple[str, str, bool],
    doc: Doc,
    plan: Plan,
    ids: set[tuple[str, str]],
) -> _Variant:
    prefix, name, is_city = place
    meta = doc.meta
    local = meta["title"].startswith("武义县")
    if local:
        # A county's own 规范性文件 has its counterpart in the neighbouring counties.
        title = name + meta["title"].removeprefix("武义县")
        short_title = name + str(meta.get("short_title", meta["title"])).removeprefix("武义县")
        ident = f"{prefix}-{doc.stem.removeprefix('wuyi-')}"
        floor = date(2010, 1, 1)
    else:
        title = f"{name}实施《{meta['title']}》办法"
        short = str(meta.get("short_title") or meta["title"]).removeprefix("中华人民共和国")
        short_title = f"{name}实施{short}办法"
        ident = f"{prefix}-{doc.stem}"
        floor = meta.get("effective") or meta["adopted"]
    latest = plan.end - timedelta(days=120)
    floor = min(floor, latest - timedelta(days=365))
    adopted = floor + timedelta(days=rng.randrange((latest - floor).days))
    effective = adopted + timedelta(days=rng.randrange(30, 91))
    amended: tuple[date, ...] = ()
    if rng.random() < 0.3 and (plan.end - effective).days > 400:
        amended = (effective + timedelta(days=rng.randrange(365, (plan.end - effective).days)),)
    successor = str(meta.get("repealed_by") or "")
    if local:
        successor_id = f"{prefix}-{successor.removeprefix('wuyi-')}"
    else:
        successor_id = f"{prefix}-{successor}"
    repealed = bool(successor) and (prefix, successor) in ids
    return _Variant(
        id=ident,
        title=title,
        short_title=short_title,
        level="地方政府规章" if is_city else "规范性文件",
        issuer=f"{name}人民政府",
        adopted=adopted,
        effective=effective,
        amended=amended,
        status="已废止" if repealed else "现行有效",
        repealed_by=successor_id if repealed else "",
        regulation=Regulation(ident, doc.stem, effective, repealed, _provision_numbers(doc.body)),
    )


def _variant_text(v: _Variant, doc: Doc, place: tuple[str, str, bool]) -> str:
    meta = {
        "title": v.title,
        "short_title": v.short_title,
        "level": v.level,
        "issuer": v.issuer,
        "adopted": v.adopted,
        "effective": v.effective,
        "amended": list(v.amended),
        "status": v.status,
        "repealed_by": v.repealed_by,
        "domains": list(doc.meta.get("domains", [])),
        "source": f"https://www.{place[0]}.gov.cn/",
    }
    blocks = doc.blocks
    intro = (
        f"本办法由{v.issuer}于{v.adopted.year}年{v.adopted.month}月{v.adopted.day}日印发，"
        f"自{v.effective.year}年{v.effective.month}月{v.effective.day}日起施行，"
        f"是{place[1]}结合本地实际执行《{doc.meta['title']}》的具体规定。"
    )
    body = []
    for block in blocks:
        body.append(block)
        if block.startswith("## 概要"):
            body.append(intro)
    if not any(b.startswith("## 概要") for b in blocks):
        body.insert(0, intro)
    return front_matter(meta) + "\n" + "\n\n".join(body) + "\n"


def _basis(
    rng: random.Random,
    raw: list[dict[str, Any]] | None,
    when: date,
    regulations: dict[str, list[Regulation]],
) -> list[dict[str, object]]:
    """A template's citations, kept where the law applied on the day, some moved to a variant."""
    from generator.numerals import parse_article_number

    basis: list[dict[str, object]] = []
    for item in raw or []:
        candidates = [
            r
            for r in regulations.get(str(item["law"]), [])
            if r.effective <= when
            and not r.repealed
            and parse_article_number(item["article"]) in r.provisions
        ]
        if not candidates:
            continue
        own = candidates[0] if candidates[0].id == item["law"] else None
        pick = own if own and (rng.random() < 0.75 or len(candidates) == 1) else None
        chosen = pick or rng.choice(candidates)
        entry = {"law": chosen.id, "article": item["article"]}
        if entry not in basis:
            basis.append(entry)
    return basis


# -- articles -----------------------------------------------------------------------------


@dataclass
class Pools:
    """Sections and paragraphs of the sample by category, each with its source's date."""

    sections: dict[str, list[tuple[list[str], datetime]]] = field(default_factory=dict)
    paragraphs: dict[str, list[tuple[str, datetime]]] = field(default_factory=dict)


def _pools(sample: Sample) -> Pools:
    pools = Pools()
    for doc in sample.articles:
        category = doc.meta["category"]
        when = _when(doc.meta["date"])
        current: list[str] = []
        for block in doc.blocks[1:]:
            if _HEADING.match(block):
                if len(current) > 1:
                    pools.sections.setdefault(category, []).append((current, when))
                current = [block]
            else:
                current.append(block)
                if len(block) >= 40:
                    pools.paragraphs.setdefault(category, []).append((block, when))
        if current and _HEADING.match(current[0]) and len(current) > 1:
            pools.sections.setdefault(category, []).append((current, when))
    return pools


def _unit_swap(text: str, sample: Sample, unit: str) -> str:
    """Name the article's own squad where the source text named another squad."""
    if sample.unit_types[unit] != "squad":
        return text
    for other, name in sample.unit_names.items():
        if other != unit and sample.unit_types[other] == "squad" and name in text:
            text = text.replace(name, sample.unit_names[unit])
    return text


def _near(source: date, month: int, day: int) -> date | None:
    """The date with this month and day closest to source, if within 60 days of it."""
    best = None
    for year in (source.year - 1, source.year, source.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs(candidate - source) < abs(best - source):
            best = candidate
    return best if best and abs(best - source) <= timedelta(days=60) else None


def retime(text: str, source: date, target: date) -> str:
    """Move the days a text mentions (5月3日, 5月3日至5日, 5月份, 2025年) with its own date."""
    shift = target - source

    def month_day(match: re.Match[str]) -> str:
        start = _near(source, int(match[1]), int(match[2]))
        if start is None:
            return match[0]
        new = start + shift
        out = f"{new.month}月{new.day}日"
        if match[4]:
            end = _near(start, start.month, int(match[4]))
            if end is None:
                return out
            new_end = end + shift
            same = new_end.month == new.month
            out += match[3] + (f"{new_end.day}日" if same else f"{new_end.month}月{new_end.day}日")
        return out

    def month(match: re.Match[str]) -> str:
        start = _near(source, int(match[1]), 15)
        return f"{(start + shift).month}月{match[2]}" if start else match[0]

    def year(match: re.Match[str]) -> str:
        value = int(match[1])
        if not source.year - 3 <= value <= source.year + 1:
            return match[0]
        return f"{value + target.year - source.year}年"

    text = _MONTH_DAY.sub(month_day, text)
    text = _MONTH_ONLY.sub(month, text)
    return _YEAR.sub(year, text)


def compose_body(
    rng: random.Random, template: Doc, category: str, pools: Pools, published: datetime
) -> str:
    """The template's lead and some of its text, then sections and paragraphs from others."""
    origin = _when(template.meta["date"]).date()
    day = published.date()
    blocks = [retime(b, origin, day) for b in template.blocks]
    target = rng.randint(MIN_CHARS, MAX_CHARS)
    body = blocks[: 1 + rng.randint(1, max(1, len(blocks) - 1))]
    while len(body) > 1 and _HEADING.match(body[-1]):
        body.pop()
    while len(body) > 1 and len("\n\n".join(body)) > MAX_CHARS:
        body.pop()
    sections = pools.sections.get(category) or [s for v in pools.sections.values() for s in v]
    paragraphs = pools.paragraphs.get(category) or [p for v in pools.paragraphs.values() for p in v]
    used = set(template.blocks)
    length = len("\n\n".join(body))
    tries = 0
    while length < target and tries < 80:
        tries += 1
        if rng.random() < 0.35:
            piece, when = rng.choice(sections)
        else:
            paragraph, when = rng.choice(paragraphs)
            piece = [paragraph]
        if any(b in used for b in piece if not _HEADING.match(b)):
            continue
        size = len("\n\n".join(piece)) + 2
        if length + size > MAX_CHARS:
            continue
        used.update(piece)
        body.extend(retime(b, when.date(), day) for b in piece)
        length += size
    return "\n\n".join(body)


def _vary_url(rng: random.Random, url: str, old: date, new: date) -> str:
    for fmt in ("%Y%m%d", "%Y%m", "%Y/%m%d"):
        url = url.replace(old.strftime(fmt), new.strftime(fmt))
    return re.sub(
        r"(\d{5,})(?=\.s?html)",
        lambda m: str(rng.randrange(10 ** (len(m[1]) - 1), 10 ** len(m[1]))),
        url,
    )


def write_articles(
    rng: random.Random,
    sample: Sample,
    plan: Plan,
    editions: list[tuple[int, date]],
    regulations: dict[str, list[Regulation]],
    out: Path,
) -> date:
    """N articles; returns the earliest submission day (the 信息员 scheme's start)."""
    folder = out / "articles"
    folder.mkdir(parents=True)
    pools = _pools(sample)
    categories = sorted({d.meta["category"] for d in sample.articles})
    squads = [unit for unit, kind in sample.unit_types.items() if kind == "squad"]
    outlets = {o["id"]: o for o in sample.outlets["outlets"]}
    broadcast = [("wytv", "武义新闻"), ("wyradio", "武义新闻联播")]
    taken: set[tuple[str, str]] = set()
    earliest = plan.end
    for index, (template, _) in enumerate(_rounds(rng, sample.articles, plan.articles)):
        meta = template.meta
        old_date = _when(meta["date"])
        old_submitted = _when(meta.get("submitted", meta["date"]))
        day = _spread(rng, plan, index, plan.articles)
        published = datetime.combine(day, old_date.time())
        submitted = published - (old_date - old_submitted)
        earliest = min(earliest, submitted.date())
        unit = meta["squad"]
        if sample.unit_types[unit] == "squad" and rng.random() < 0.4:
            # Squads do the same work in different places; 科室 keep their own pieces.
            unit = rng.choice(squads)
        category = meta["category"] if rng.random() < 0.9 else rng.choice(categories)
        title = retime(_unit_swap(meta["title"], sample, unit), old_date.date(), day)
        body = compose_body(rng, template, meta["category"], pools, published)
        body = _unit_swap(body, sample, unit)
        placements: list[dict[str, object]] = []
        seen: set[tuple[str, date]] = set()
        for p in meta.get("placements") or []:
            if str(p.get("section", "")).startswith("美丽家园"):
                continue
            p_day = submitted.date() + (p["date"] - old_submitted.date())
            if p["outlet"] not in outlets or (p["outlet"], p_day) in seen:
                continue
            seen.add((p["outlet"], p_day))
            entry: dict[str, object] = {"outlet": p["outlet"], "date": p_day}
            if p.get("section"):
                entry["section"] = p["section"]
            if p.get("url"):
                entry["url"] = _vary_url(rng, p["url"], p["date"], p_day)
            placements.append(entry)
        status = meta.get("status", "published")
        if status == "published" and rng.random() < 0.15:
            outlet, section = rng.choice(broadcast)
            p_day = submitted.date() + timedelta(days=rng.randint(1, 3))
            if (outlet, p_day) not in seen:
                seen.add((outlet, p_day))
                placements.append({"outlet": outlet, "date": p_day, "section": section})
        edition = None
        if meta.get("edition"):
            edition = next(
                (
                    (n, d)
                    for n, d in editions
                    if submitted.date() < d <= submitted.date() + timedelta(days=21)
                ),
                None,
            )
            if edition and ("jrwy", edition[1]) not in seen:
                placements.append(
                    {"outlet": "jrwy", "date": edition[1], "section": f"美丽家园 第{edition[0]}期"}
                )
        placements.sort(key=lambda p: (str(p["date"]), str(p["outlet"])))
        slug = template.stem[11:]
        month = f"{published:%Y-%m}"
        suffix = 2
        while (month, slug) in taken:
            slug, suffix = f"{template.stem[11:]}-{suffix}", suffix + 1
        taken.add((month, slug))
        summary = str(meta.get("summary") or "")
        summary = retime(_unit_swap(summary, sample, unit), old_date.date(), day)
        fields: dict[str, object] = {
            "title": title,
            "date": published,
            "squad": unit,
            "author": sample.officers[unit],
            "category": category,
            "tags": list(meta.get("tags") or []),
            "summary": summary,
            "status": status if status != "published" else None,
            "submitted": submitted if submitted != published else None,
            "placements": placements,
            "edition": edition[0] if edition else None,
            "basis": _basis(rng, meta.get("basis"), day, regulations),
        }
        text = front_matter(fields) + "\n" + body + "\n"
        (folder / f"{published:%Y-%m-%d}-{slug}.md").write_text(text, encoding="utf-8")
    return earliest


def editions_for(rng: random.Random, sample: Sample, plan: Plan) -> list[tuple[int, date]]:
    """美丽家园 every fortnight over the whole period, on the sample's weekday."""
    first: date = sample.editions[0]["date"]
    day = first - timedelta(days=14 * ((first - plan.start).days // 14))
    found = []
    while day <= plan.end:
        found.append(day)
        day += timedelta(days=14)
    return [(number, d) for number, d in enumerate(found, start=1)]


def write_editions(
    rng: random.Random, sample: Sample, editions: list[tuple[int, date]], out: Path
) -> None:
    themes = [str(e.get("theme", "")) for e in sample.editions if e.get("theme")]
    lines = [
        "# 美丽家园: the bureau's special column in 今日武义 (generated for the benchmark).",
        "editions:",
    ]
    for number, day in editions:
        lines.append(
            f"  - {{number: {number}, date: {day.isoformat()}, theme: {rng.choice(themes)}}}"
        )
    (out / "editions.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


class _NoAliases(yaml.SafeDumper):
    """The portal refuses YAML anchors and aliases; write shared values out each time."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_units(sample: Sample, since: date, out: Path) -> None:
    """squads.yml with the 信息员 scheme starting on the Monday of the first submission."""
    monday = since - timedelta(days=since.weekday())
    data = yaml.safe_load((SAMPLE / "squads.yml").read_text(encoding="utf-8"))
    data["since"] = monday
    for unit in data["units"]:
        unit.pop("since", None)
        quota = unit["quota"]
        if isinstance(quota, list):
            quota[0]["from"] = min(quota[0]["from"], monday)
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)
    (out / "squads.yml").write_text(
        "# 信息员 scheme (generated for the benchmark from the sample's units).\n" + text,
        encoding="utf-8",
    )


# -- questions ----------------------------------------------------------------------------


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def write_questions(
    rng: random.Random,
    sample: Sample,
    plan: Plan,
    regulations: dict[str, list[Regulation]],
    out: Path,
) -> None:
    folder = out / "qa"
    folder.mkdir(parents=True)
    squads = [u for u, kind in sample.unit_types.items() if kind == "squad"]
    names = {v: k for k, v in sample.unit_names.items()}
    for index, (template, round_no) in enumerate(_rounds(rng, sample.questions, plan.questions)):
        meta = template.meta
        day = _spread(rng, plan, index, plan.questions)
        old = _when(meta["date"]).date()
        shift = day - old
        question = retime(str(meta["question"]), old, day)
        body = retime(template.body.strip(), old, day)
        department = str(meta.get("department", ""))
        if round_no:
            opening = rng.choice(QUESTION_OPENINGS).format(town=rng.choice(TOWNS))
            question = (opening + question)[:300]
            if names.get(department) in squads and rng.random() < 0.5:
                new = sample.unit_names[rng.choice(squads)]
                body, department = body.replace(department, new), new
        asker = str(meta.get("asker", ""))
        if round_no and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", asker):
            asker = _name(rng)
        replied = meta["replied"] + shift if meta.get("replied") else None
        if replied is None and meta.get("received") and (plan.end - day).days > 30:
            # Awaiting a reply in the sample; in an archive of past years it was answered on
            # the day the answer went online.
            replied = day
        fields: dict[str, object] = {
            "question": question,
            "date": day,
            "domain": meta["domain"],
            "basis": _basis(rng, meta.get("basis"), day, regulations),
            "asker": asker,
            "received": meta["received"] + shift if meta.get("received") else None,
            "replied": replied,
            "department": department,
        }
        stem = template.stem if not round_no else f"{template.stem}-{round_no + 1}"
        (folder / f"{stem}.md").write_text(front_matter(fields) + "\n" + body + "\n", "utf-8")


# -- 问计于民 campaigns --------------------------------------------------------------------


def _shift_csv_date(text: str, shift: timedelta) -> str:
    match = _CSV_DATE.fullmatch(text.strip())
    if not match:
        return text
    day = date(int(match["y"]), int(match["m"]), int(match["d"])) + shift
    padded = len(match["m"]) == 2 or match["s1"] == "-"
    month = f"{day.month:02d}" if padded else str(day.month)
    dd = f"{day.day:02d}" if len(match["d"]) == 2 or match["s1"] == "-" else str(day.day)
    return f"{day.year}{match['s1']}{month}{match['s2']}{dd}{match['rest']}"


def _contact(rng: random.Random, old: str) -> str:
    if _MOBILE.fullmatch(old):
        return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
    if _EMAIL.fullmatch(old):
        user = "".join(rng.choice("abcdefghjkmnpqrstwxyz") for _ in range(rng.randint(3, 7)))
        return f"{user}{rng.randrange(10, 9999)}@{rng.choice(MAIL_DOMAINS)}"
    return old


def write_campaigns(rng: random.Random, sample: Sample, plan: Plan, out: Path) -> int:
    """The sample's campaigns as they are, and earlier rounds of them; returns the rows written."""
    folder = out / "suggestions"
    folder.mkdir(parents=True)
    templates = sample.campaigns
    rounds = -(-plan.campaigns // len(templates))
    step = timedelta(days=7 * max(1, plan.days // 7 // rounds))
    keys: set[str] = set()
    rows_written = 0
    for index in range(plan.campaigns):
        template = templates[index % len(templates)]
        round_no = index // len(templates)
        settings = yaml.safe_load((template / "campaign.yml").read_text(encoding="utf-8"))
        raw = (template / "submissions.csv").read_bytes()
        if round_no == 0:
            shutil.copytree(template, folder / template.name)
            keys.add(template.name)
            rows_written += sum(1 for r in _csv_rows(raw)[1:] if any(c.strip() for c in r))
            continue
        shift = -step * round_no
        opened: date = settings["opened"] + shift
        base = re.sub(r"-\d{4}$", "", template.name)
        key, number = f"{base}-{opened.year}", 2
        while key in keys:
            key, number = f"{base}-{opened.year}-{number}", number + 1
        keys.add(key)
        settings["opened"] = opened
        settings["closed"] = settings["closed"] + shift
        label = f"{opened.year}年" if number == 2 else f"{opened.year}年第{number - 1}期"
        settings["title"] = f"{settings['title']}（{label}）"
        target = folder / key
        target.mkdir()
        (target / "campaign.yml").write_text(
            yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=100), "utf-8"
        )
        rows = _csv_rows(raw)
        header, body = rows[0], rows[1:]
        written = [header]
        # A campaign of past years has answered every row: 待处理 rows get a reply the bureau
        # gave to another suggestion on the same theme, or of the campaign when the theme has
        # none (columns as in the sample's exports).
        replies: dict[str, list[str]] = {}
        for row in body:
            if len(row) > 9 and row[9].strip():
                replies.setdefault(row[5], []).append(row[9])
        for row in body:
            if len(row) < 5 or not any(cell.strip() for cell in row):
                written.append(row)
                continue
            new = list(row)
            new[1] = _shift_csv_date(row[1], shift)
            name, contact = _name(rng), _contact(rng, row[4])
            new[2], new[4] = name, contact
            for column in range(5, len(new)):
                value = new[column]
                if row[2]:
                    value = value.replace(row[2], name)
                if row[4]:
                    value = value.replace(row[4], contact)
                new[column] = value
            if len(new) > 9 and new[8].strip() == "待处理" and replies:
                pool = replies.get(new[5]) or [r for v in replies.values() for r in v]
                new[8], new[9] = "已答复", rng.choice(pool)
            written.append(new)
        rows_written += sum(1 for r in written[1:] if any(c.strip() for c in r))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(written)
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        (target / "submissions.csv").write_bytes(bom + buffer.getvalue().encode("utf-8"))
    return rows_written


def _csv_rows(raw: bytes) -> list[list[str]]:
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


# -- the whole portal ---------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """What was generated, for the benchmark's report."""

    articles: int
    questions: int
    regulations: int
    campaigns: int
    suggestions: int
    editions: int
    start: date
    end: date
    seed: int


def generate(n: int, dest: Path, seed: int = 1) -> Corpus:
    """Write a portal folder (mkdocs.yml, content/, themes/) with n articles into dest."""
    sample = read_sample()
    plan = plan_for(n, sample)
    rng = random.Random(f"portal-benchmark:{seed}:{n}")
    if dest.exists():
        shutil.rmtree(dest)
    content = dest / "content"
    content.mkdir(parents=True)
    shutil.copyfile(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "themes", dest / "themes")
    shutil.copytree(SAMPLE / "pages", content / "pages")
    shutil.copytree(SAMPLE / "guides", content / "guides")
    shutil.copyfile(SAMPLE / "outlets.yml", content / "outlets.yml")
    regulations = write_regulations(rng, sample, plan, content)
    editions = editions_for(rng, sample, plan)
    write_editions(rng, sample, editions, content)
    since = write_articles(rng, sample, plan, editions, regulations, content)
    write_units(sample, since, content)
    write_questions(rng, sample, plan, regulations, content)
    rows = write_campaigns(rng, sample, plan, content)
    return Corpus(
        articles=n,
        questions=plan.questions,
        regulations=sum(len(v) for v in regulations.values()),
        campaigns=plan.campaigns,
        suggestions=rows,
        editions=len(editions),
        start=plan.start,
        end=plan.end,
        seed=seed,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("articles", type=int, help="number of articles, e.g. 2000")
    parser.add_argument("dest", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = generate(args.articles, args.dest, args.seed)
    print(corpus)


if __name__ == "__main__":
    main()
