"""An incremental build is a clean build: random edits, each checked byte for byte.

A hypothesis state machine edits a small portal the way staff do (an article's body, title,
date, category, unit, placements and status; new, deleted and renamed files; a question's
legal basis; a regulation's status; a suggestion's row; squads.yml; the theme; mkdocs.yml;
and content with an error in it), runs `portal build` on the same folder after each edit and
compares every file of the site with a build of the same sources from nothing. A content error
must leave the previous site exactly as it was. Bounded to a few steps so it runs in about a
minute.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from .conftest import MKDOCS, OUTLETS, ROOT, SQUADS, build

TITLES = (
    "白洋中队整治夜市占道经营",
    "城区开展违法建设专项巡查",
    "环卫工人清扫落叶",
    "犬只登记进社区",
)
SENTENCES = (
    "中队对解放街夜市开展专项整治，清理占道摊位 23 处。",
    "执法队员耐心劝导经营户规范经营。",
    "下一步，中队将持续开展常态化巡查。",
    "## 整治成效\n\n街面秩序明显好转。",
)
CATEGORIES = ("执法动态", "市容整治", "环卫保洁", "犬类管理")
SQUAD_IDS = ("baiyang", "fazhi")
STATUSES = ("published", "draft", "rejected")
PLACEMENTS = ((), ("jrwy",), ("jrwy", "zjrb"))

REGULATION = """\
---
title: 中华人民共和国城乡规划法
short_title: 城乡规划法
level: 法律
issuer: 全国人民代表大会常务委员会
adopted: 2007-10-28
effective: 2008-01-01
amended: [2015-04-24, 2019-04-23]
status: {status}
{repealed}domains: [城乡规划]
---

## 概要

规范城乡规划。

### 第四十条 建设工程规划许可

在城市、镇规划区内进行建设，应当申请办理建设工程规划许可证。

### 第六十四条 违法建设的处罚

未取得许可证进行建设的，责令停止建设，限期改正或拆除。
"""
OLD_REGULATION = """\
---
title: 武义县城区养犬管理暂行规定
short_title: 养犬暂行规定
level: 规范性文件
issuer: 武义县人民政府
adopted: 2012-03-01
status: 现行有效
domains: [犬类管理]
---

### 第五条 犬只登记

养犬应当登记。
"""
QUESTION = """\
---
question: 自家院子里加盖一间房要审批吗？
date: 2026-06-03
domain: 城乡规划
basis:
{basis}asker: 王建平
---

需要。根据城乡规划法，应当申请办理建设工程规划许可证。
"""
CAMPAIGN = """\
title: 我为武义城管献一计
opened: 2026-07-01
closed: 2026-09-30
themes: [市容市貌, 交通秩序]
"""
CSV_HEADER = "id,received,name,region,contact,theme,title,text,status,reply,featured\n"
ROW_STATUSES = ("采纳", "部分采纳", "已答复", "未采纳", "待处理")


@dataclass(frozen=True)
class Piece:
    title: str
    day: int  # of May 2026
    hour: int
    category: str
    squad: str
    status: str = "published"
    placements: tuple[str, ...] = ()
    body: tuple[str, ...] = field(default=(SENTENCES[0],))

    def text(self) -> str:
        lines = [
            "---",
            f"title: {self.title}",
            f"date: 2026-05-{self.day:02d} {self.hour:02d}:30",
            f"squad: {self.squad}",
            f"category: {self.category}",
            f"status: {self.status}",
        ]
        if self.placements:
            lines.append("placements:")
            lines += [
                f"  - {{outlet: {o}, date: 2026-05-{self.day + 1:02d}}}" for o in self.placements
            ]
        return "\n".join([*lines, "---", "", *self.body, ""])


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


class IncrementalBuilds(RuleBasedStateMachine):
    """One portal folder edited and rebuilt in place; after every edit, a clean build too."""

    def __init__(self) -> None:
        super().__init__()
        self.work = Path(tempfile.mkdtemp(prefix="portal-incremental-"))
        self.root = self.work / "portal"
        self.pieces: dict[str, Piece] = {}
        self.counter = 0
        self.regulation_status = "现行有效"
        self.basis = (40,)
        self.row_status = "待处理"
        self.unit_name = "白洋中队"
        self.page_size = 10
        self.skip_text = "跳到正文"

    def teardown(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    # -- the folder ---------------------------------------------------------------------
    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def write_article(self, key: str) -> None:
        self.write(f"content/articles/{key}.md", self.pieces[key].text())

    def write_question(self) -> None:
        basis = "".join(f"  - law: guihua-fa\n    article: {n}\n" for n in self.basis)
        self.write("content/qa/extension.md", QUESTION.format(basis=basis))

    def write_regulation(self) -> None:
        repealed = "repealed_by: old-dog-rule\n" if self.regulation_status == "已废止" else ""
        text = REGULATION.format(status=self.regulation_status, repealed=repealed)
        self.write("content/regulations/guihua-fa.md", text)

    def write_campaign(self) -> None:
        rows = (
            "S1,2026-07-03 14:20,张建国,武义县,13857912345,市容市貌,人行道停车,"
            f"人行道上停满了车，电话13857912345,{self.row_status},"
            f"{'' if self.row_status == '待处理' else '已安排中队整治。'},是\n"
            "S2,2026-07-04,李四,壶山街道,,交通秩序,路口拥堵,早高峰拥堵,已答复,已协调交警。,\n"
        )
        self.write("content/suggestions/xianyiji/submissions.csv", CSV_HEADER + rows)

    def write_settings(self) -> None:
        squads = SQUADS.replace("白洋中队", self.unit_name)
        self.write("content/squads.yml", squads)
        mkdocs = MKDOCS.replace(
            "  - portal:\n", f"  - portal:\n      page_size: {self.page_size}\n"
        )
        self.write("mkdocs.yml", mkdocs)

    def new_key(self, day: int) -> str:
        self.counter += 1
        return f"2026-05-{day:02d}-piece-{self.counter}"

    # -- the check after every edit -----------------------------------------------------
    def check(self) -> None:
        site = self.root / "site"
        assert build(self.root, site, "-q") == 0
        fresh = self.work / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(self.root, fresh, ignore=shutil.ignore_patterns(".portal-cache", "site"))
        assert build(fresh, fresh / "site", "-q") == 0
        ours, clean = _files(site), _files(fresh / "site")
        assert sorted(ours) == sorted(clean), "files differ: " + repr(
            sorted(set(ours) ^ set(clean))[:10]
        )
        stale = [path for path in clean if ours[path] != clean[path]]
        assert not stale, f"stale after the edit: {stale[:10]}"

    # -- edits ----------------------------------------------------------------------------
    @initialize()
    def start(self) -> None:
        shutil.copytree(ROOT / "themes" / "portal", self.root / "themes" / "portal")
        self.write("content/outlets.yml", OUTLETS)
        self.write_settings()
        for day, title in zip((3, 4, 5), TITLES, strict=False):
            key = self.new_key(day)
            self.pieces[key] = Piece(title, day, 9, CATEGORIES[day % 2], SQUAD_IDS[day % 2])
            self.write_article(key)
        self.write("content/regulations/old-dog-rule.md", OLD_REGULATION)
        self.write_regulation()
        self.write_question()
        self.write("content/suggestions/xianyiji/campaign.yml", CAMPAIGN)
        self.write_campaign()
        self.check()

    def _edit(self, index: int, **changes: object) -> None:
        key = sorted(self.pieces)[index % len(self.pieces)]
        self.pieces[key] = replace(self.pieces[key], **changes)  # type: ignore[arg-type]
        self.write_article(key)
        self.check()

    @rule(index=st.integers(0, 9), sentence=st.sampled_from(SENTENCES))
    def edit_body(self, index: int, sentence: str) -> None:
        key = sorted(self.pieces)[index % len(self.pieces)]
        self._edit(index, body=(*self.pieces[key].body, sentence))

    @rule(index=st.integers(0, 9), title=st.sampled_from(TITLES), n=st.integers(1, 9))
    def edit_title(self, index: int, title: str, n: int) -> None:
        self._edit(index, title=f"{title}（{n}）")

    @rule(index=st.integers(0, 9), day=st.integers(1, 27), hour=st.integers(8, 20))
    def edit_date(self, index: int, day: int, hour: int) -> None:
        self._edit(index, day=day, hour=hour)

    @rule(index=st.integers(0, 9), category=st.sampled_from(CATEGORIES))
    def edit_category(self, index: int, category: str) -> None:
        self._edit(index, category=category)

    @rule(index=st.integers(0, 9), squad=st.sampled_from(SQUAD_IDS))
    def edit_squad(self, index: int, squad: str) -> None:
        self._edit(index, squad=squad)

    @rule(index=st.integers(0, 9), placements=st.sampled_from(PLACEMENTS))
    def edit_placements(self, index: int, placements: tuple[str, ...]) -> None:
        self._edit(index, placements=placements)

    @rule(index=st.integers(0, 9), status=st.sampled_from(STATUSES))
    def edit_status(self, index: int, status: str) -> None:
        self._edit(index, status=status)

    @precondition(lambda self: len(self.pieces) < 6)
    @rule(day=st.integers(1, 27), title=st.sampled_from(TITLES), squad=st.sampled_from(SQUAD_IDS))
    def add(self, day: int, title: str, squad: str) -> None:
        key = self.new_key(day)
        self.pieces[key] = Piece(f"{title}（新）", day, 10, CATEGORIES[0], squad)
        self.write_article(key)
        self.check()

    @precondition(lambda self: len(self.pieces) > 1)
    @rule(index=st.integers(0, 9))
    def delete(self, index: int) -> None:
        key = sorted(self.pieces)[index % len(self.pieces)]
        del self.pieces[key]
        (self.root / f"content/articles/{key}.md").unlink()
        self.check()

    @rule(index=st.integers(0, 9))
    def rename(self, index: int) -> None:
        key = sorted(self.pieces)[index % len(self.pieces)]
        piece = self.pieces.pop(key)
        (self.root / f"content/articles/{key}.md").unlink()
        new = self.new_key(piece.day)
        self.pieces[new] = piece
        self.write_article(new)
        self.check()

    @rule(basis=st.sampled_from(((40,), (64,), (40, 64))))
    def edit_basis(self, basis: tuple[int, ...]) -> None:
        self.basis = basis
        self.write_question()
        self.check()

    @rule(status=st.sampled_from(("现行有效", "已修改", "已废止")))
    def edit_regulation(self, status: str) -> None:
        self.regulation_status = status
        self.write_regulation()
        self.check()

    @rule(status=st.sampled_from(ROW_STATUSES))
    def edit_campaign_row(self, status: str) -> None:
        self.row_status = status
        self.write_campaign()
        self.check()

    @rule(name=st.sampled_from(("白洋中队", "白洋街道中队", "白洋执法中队")))
    def edit_squads(self, name: str) -> None:
        self.unit_name = name
        self.write_settings()
        self.check()

    @rule(text=st.sampled_from(("跳到正文", "跳到本页正文", "跳过导航")))
    def edit_template(self, text: str) -> None:
        path = self.root / "themes/portal/main.html"
        path.write_text(
            path.read_text(encoding="utf-8").replace(self.skip_text, text), encoding="utf-8"
        )
        self.skip_text = text
        self.check()

    @rule(size=st.integers(1, 3))
    def edit_mkdocs(self, size: int) -> None:
        self.page_size = size
        self.write_settings()
        self.check()

    @rule(index=st.integers(0, 9))
    def content_error(self, index: int) -> None:
        """A saved typo: the build fails with exit 1 and the site stays as it was."""
        key = sorted(self.pieces)[index % len(self.pieces)]
        path = self.root / f"content/articles/{key}.md"
        good = path.read_text(encoding="utf-8")
        site = self.root / "site"
        before = _files(site)
        path.write_text(good.replace("squad: ", "squad: no-such-"), encoding="utf-8")
        assert build(self.root, site, "-q") == 1
        assert _files(site) == before
        path.write_text(good, encoding="utf-8")
        self.check()


IncrementalBuilds.TestCase.settings = settings(
    max_examples=2,
    stateful_step_count=5,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
test_incremental_builds = IncrementalBuilds.TestCase
