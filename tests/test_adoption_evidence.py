"""The evidence `portal adoption` weighs: numbers, names, key words, summaries, dates, the rule."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.adoption import parse_feed
from generator.clock import BEIJING
from generator.evidence.names import Gazetteer, compare_names, place_names, strange_towns
from generator.evidence.numbers import conflicting_numbers, quantities, shared_numbers
from generator.evidence.rule import Evidence, weigh
from generator.evidence.words import BOILERPLATE, Nouns, Passage, body_agreement

UNITS = [("白洋中队", True), ("壶山中队", True), ("直属中队", True), ("犬类管理所", False)]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("查处违规店招12块", ["12块"]),
        ("１２块违规店招被查处", ["12块"]),  # full width
        ("清理卫生死角30余个", ["30余个"]),
        ("拆除违建十处", ["10处"]),
        ("养犬新规9月1日起施行", ["9月1日"]),
        ("城区主干道延时保洁至晚上十点", ["22点"]),
        ("主干道保洁延至晚10点", ["22点"]),
        ("集中拆除1.3万平方米", ["13000平方米"]),
        ("清理墙体广告一千四百平方米", ["1400平方米"]),
        ("近九成受访者支持", ["近9成"]),
        ("前5个月审核重大执法决定38件", ["5个月", "38件"]),
        ("三百名小学生", ["300人"]),
        ("清理线缆1,200米", ["1200米"]),
        # Years, ones, and numbers without a measure word are not facts.
        ("2026年“双十一”临近 大家一起一次拆除一处 12345热线", []),
        ("小作坊露天焚烧废料 两起被依法查处", ["2起"]),
    ],
)
def test_numbers_are_read_however_written(text: str, labels: list[str]) -> None:
    assert [q.label for q in quantities(text)] == labels


def test_numbers_shared_and_conflicting() -> None:
    ours_title = quantities("泉溪中队协助镇政府拆除农家乐违规阳光房5处")
    ours_all = quantities("泉溪中队协助镇政府拆除农家乐违规阳光房5处。共计约430平方米，涉及3个村")
    assert [q.label for q in shared_numbers(quantities("拆除阳光房五处"), ours_all)] == ["5处"]
    # 8处 against our 5处 is another event; 430平方米 is ours, only elsewhere in the text.
    (pair,) = conflicting_numbers(quantities("拆除阳光房8处 430平方米"), ours_title, ours_all)
    assert (pair[0].label, pair[1].label) == ("8处", "5处")
    assert conflicting_numbers(quantities("涉及3个村"), ours_title, ours_all) == ()
    assert conflicting_numbers(quantities("拆除阳光房8家"), ours_title, ours_all) == ()
    # A rounded figure agrees with the exact one it rounds: 60余处 is our 63处.
    assert shared_numbers(quantities("清理占道摊点60余处"), quantities("清理占道摊点63处"))
    assert not shared_numbers(quantities("清理占道摊点90余处"), quantities("清理占道摊点63处"))
    assert quantities("缺损井盖58只")[0].specific and quantities("9月1日")[0].specific
    assert not quantities("拆除5处")[0].specific and not quantities("晚10点")[0].specific
    # The same day of the month: 25日 is our 6月25日.
    assert shared_numbers(quantities("夜市25日开市"), quantities("壶山夜市6月25日开市"))


@given(value=st.integers(3, 9999), unit=st.sampled_from(["个", "处", "块", "家", "辆", "起"]))
def test_full_and_half_width_digits_agree(value: int, unit: str) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    assert shared_numbers(quantities(f"清理{full}{unit}"), quantities(f"清理{value}{unit}"))


def gazetteer() -> Gazetteer:
    return Gazetteer.shipped(UNITS)


def test_names_of_towns_units_counties_and_departments() -> None:
    names = gazetteer().names("白洋中队联合交警 在壶山广场 永康市 东阳横店 犬管所")
    assert names.towns == {"白洋", "壶山"}
    assert names.units == {"白洋中队", "犬类管理所"}
    assert names.counties == {"永康", "东阳"}
    assert names.departments == {"交警"}
    assert "壶山广场" in names.places


def compare(theirs: str, ours: str, ours_body: str = "", unit: str = "白洋中队") -> object:
    g = gazetteer()
    title = dataclasses.replace(
        g.names(theirs), strange_towns=strange_towns(Nouns().cut(theirs), g.known_towns)
    )
    text = f"{ours}\n{ours_body}"
    return compare_names(
        g.names(theirs), title, g.names(f"{ours}\n{unit}"), g.names(f"{text}\n{unit}"), unit,
        g.names(ours), text,
    )  # fmt: skip


def test_names_that_rule_a_piece_out() -> None:
    ours = "白洋中队整治城乡结合部废品收购点 清理占道堆放11处"
    assert compare("永康城管整治废品收购点", ours).counties == ("永康",)  # type: ignore[attr-defined]
    assert compare("桐琴镇整治废品收购点", ours).towns == ("桐琴≠白洋",)  # type: ignore[attr-defined]
    # Another department in their headline that our piece never mentions; or one that leads
    # it alone (its own news), unless our headline names it too.
    joint = "会同市场监管部门"
    assert compare("县市场监管局整治废品收购点", ours).departments == ("市场监管",)  # type: ignore[attr-defined]
    assert compare("县市场监管局整治废品收购点", ours, joint).departments == ("市场监管",)  # type: ignore[attr-defined]
    assert compare("城管市场监管联合整治废品收购点", ours, joint).departments == ()  # type: ignore[attr-defined]
    # 金华市武义县 names the city that holds us, not its urban districts.
    assert compare("金华市武义县白洋街道整治废品收购点", ours).counties == ()  # type: ignore[attr-defined]
    shared = compare("白洋街道整治废品收购点", ours)
    assert shared.shared == ("白洋",) and not shared.towns  # type: ignore[attr-defined]


def test_a_place_added_to_a_city_piece_is_no_conflict() -> None:
    # 城区 is the three streets: a reprint may name the one it happened in.
    evidence = compare(
        "壶山街道拆除私装地锁136个", "城区集中拆除私装地锁地桩136个", unit="直属中队"
    )
    assert evidence.towns == () and evidence.counties == ()  # type: ignore[attr-defined]


def test_place_names_from_segmented_text() -> None:
    words = Nouns(["解放街"]).cut("壶山中队清理解放街占道 熟溪路沿街 农贸市场")
    found = place_names(words, gazetteer().generic)
    assert "解放街" in found and "熟溪路" in found and "农贸市场" not in found


def test_key_words_are_weighed_by_rarity() -> None:
    nouns = Nouns()
    nouns.learn(
        [nouns.terms("城区整治占道经营"), nouns.terms("城区拆除阳光房"), nouns.terms("城区")]
    )
    assert nouns.weight("阳光房") > nouns.weight("城区")
    assert "城管" not in nouns.terms("城管拆除阳光房")  # boilerplate
    # A shortened headline keeps high agreement; another subject does not.
    ours = "泉溪中队协助镇政府拆除农家乐违规阳光房5处"
    short = nouns.agreement(
        nouns.terms("拆除农家乐阳光房"), "拆除农家乐阳光房", nouns.terms(ours), ours
    )
    other = nouns.agreement(
        nouns.terms("城区整治占道经营"), "城区整治占道经营", nouns.terms(ours), ours
    )
    assert short > 0.6 > other
    # A headline made of our headline's words only: ours cut down (or its subject).
    cut = "58只缺损井盖修复"
    ours = "直属中队排查城区窨井盖 督促修复缺损井盖58只"
    assert nouns.shortening(nouns.terms(cut), cut, ours) == 0.8
    assert nouns.shortening(nouns.terms("缺损井盖"), "缺损井盖", ours) == 0.0  # says too little


def test_a_summary_that_keeps_our_first_sentence() -> None:
    lead = "10月20日，泉溪中队协助泉溪镇人民政府，对温泉度假区周边3个村5家农家乐擅自搭建的阳光房进行处置。"
    kept = "记者从县综合行政执法局获悉，10月20日，泉溪中队协助泉溪镇政府，对温泉度假区周边5家农家乐擅自搭建的阳光房进行处置。"
    other = "近日，东阳市白云街道对辖区内的违法建筑开展集中整治行动，共拆除各类违建12处。"
    nouns = Nouns()
    ours = Passage.of(nouns, lead)
    assert body_agreement(nouns, Passage.of(nouns, kept), ours) > 0.8
    assert body_agreement(nouns, Passage.of(nouns, other), ours) < 0.5
    assert body_agreement(nouns, Passage.of(nouns, "短"), ours) == 0.0


def test_the_rule_moves_odds_by_facts() -> None:
    base = Evidence(title=0.6, nouns=0.7, body=None, gap=10)
    assert weigh(base).confidence == 0.7  # odds 7:3, nothing else known
    more = weigh(Evidence(title=0.6, nouns=0.7, body=None, gap=3, shared_numbers=("5处",)))
    assert more.confidence == round(7 / 3 * 2 * 1.5 / (1 + 7 / 3 * 2 * 1.5), 3)
    # A count of 10 or more, or a date, is rarely shared by chance: it weighs twice as much.
    rare = weigh(
        Evidence(title=0.6, nouns=0.7, body=None, shared_numbers=("58只",), specific_numbers=1)
    )
    assert rare.confidence == round(7 / 3 * 4 / (1 + 7 / 3 * 4), 3)
    county = weigh(Evidence(title=0.9, nouns=0.9, body=None, other_counties=("永康",)))
    assert county.confidence < 0.25
    late = weigh(Evidence(title=0.9, nouns=0.9, body=None, gap=30))
    assert late.confidence < weigh(Evidence(title=0.9, nouns=0.9, body=None, gap=10)).confidence
    assert "同数字：5处" in more.summary() and "不符：外县永康" in county.summary()


LIST_PAGE = """<html><head><meta charset="utf-8"><title>城管动态</title></head><body>
<div class="list"><ul>
<li><a href="/a/1.html">壶山街道解放街夜市首批80个摊位开市迎客</a><span>[01-03]</span>
<p>1月2日晚，壶山中队在解放街夜市划线定点，首批80个摊位规范经营。</p></li>
<li><a href="/a/2.html">熟溪中队清理背街小巷小广告1300余处</a><span>[12-28]</span></li>
</ul></div><div class="foot">更新时间：2027-01-05 18:00</div></body></html>"""


def test_a_list_page_with_month_and_day_only() -> None:
    page = parse_feed(LIST_PAGE.encode(), "https://news.example.cn/list/", BEIJING, None)
    first, second = page.items
    # The year that puts each date on or before the page's newest date (2027-01-05).
    assert (first.day, second.day) == (date(2027, 1, 3), date(2026, 12, 28))
    assert first.summary == "1月2日晚，壶山中队在解放街夜市划线定点，首批80个摊位规范经营。"
    assert second.summary == ""
    undated = LIST_PAGE.replace("更新时间：2027-01-05 18:00", "")
    items = parse_feed(undated.encode(), "", BEIJING, date(2026, 12, 30)).items
    assert [i.day for i in items] == [date(2026, 1, 3), date(2026, 12, 28)]


def test_feed_descriptions_become_summaries() -> None:
    rss = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
    <item><title>泉溪镇拆除农家乐违规阳光房5处</title><link>https://x.cn/1</link>
    <description><![CDATA[<p>10月20日，<b>泉溪中队</b>协助镇政府拆除农家乐违规阳光房。</p>]]></description>
    <pubDate>Thu, 29 Oct 2026 07:30:00 +0800</pubDate></item></channel></rss>"""
    (item,) = parse_feed(rss.encode(), "", BEIJING).items
    assert item.summary == "10月20日，泉溪中队协助镇政府拆除农家乐违规阳光房。"


def test_towns_and_offices_the_gazetteer_does_not_list() -> None:
    g = gazetteer()
    nouns = Nouns()
    # Our county's eighteen towns are all listed: any other is elsewhere.
    assert strange_towns(nouns.cut("古丽镇拆除违建12处"), g.known_towns) == {"古丽镇"}
    for ours in ("桐琴镇建成5处", "白洋街道：快递进村", "全县18个乡镇街道", "武义温泉小镇迎来游客"):
        assert strange_towns(nouns.cut(ours), g.known_towns) == frozenset(), ours
    assert g.names("县民政局开展冬季救助").departments == {"县民政局"}
    assert g.names("县市场监管局检查").departments == {"市场监管"}  # listed: by its label
    assert g.names("县综合行政执法局 县城管局").departments == frozenset()  # ourselves
    evidence = compare(
        "古丽镇拆除违建12处", "白洋中队拆除违建12处", unit="白洋中队"
    )  # a town we do not know, and never name
    assert evidence.towns  # type: ignore[attr-defined]


def test_matching_cuts_words_as_the_search_does() -> None:
    """The dictionary the matcher gives rjieba is the search's own (vocabulary.py, below the
    render stage), and both cut the same text into the same words."""
    from generator.cli.common import loaded
    from generator.evidence.words import Nouns
    from generator.render.search_text import Segmenter
    from generator.vocabulary import portal_words, site_vocabulary

    from .conftest import ROOT

    portal = loaded(ROOT / "mkdocs.yml")[1]
    nouns, segmenter = Nouns(site_vocabulary(portal)), Segmenter(portal_words(portal))
    assert nouns.words == segmenter.words
    text = "白洋中队开展占道经营和流动摊贩专项整治"
    assert nouns.terms(text) == {w for w in segmenter.terms(text) if len(w) >= 2} - BOILERPLATE
