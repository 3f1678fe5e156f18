# ruff: noqa: RUF001
"""网站标识 in every footer, 网站地图, and the consultation channels (咨询建言渠道)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from generator.cli import main as portal_main
from generator.identity import SiteIdentity, check_identity
from generator.validate.channels import parse_channels

from .conftest import MKDOCS, WritePortal, build

IDENTITY = """\
  - portal:
      identity:
        sponsor: 测试执法局
        site_code: "3307230000"
        icp: 浙ICP备00000000号-1
        police: 浙公网安备 33072300000000号
        conac_url: https://bszs.conac.cn/sitename?method=show&id=0
        contact: contact/
"""
CONTACT = "---\ntitle: 联系方式\n---\n\n地址：城关镇解放街 1 号\n"


BARE = MKDOCS.split("  - portal:")[0] + "  - portal\n"


def with_identity(extra: str = "") -> str:
    return BARE.replace("  - portal\n", IDENTITY + extra)


def test_missing_identity_is_a_warning_and_an_error_with_strict(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal({"mkdocs.yml": BARE})
    config = str(root / "mkdocs.yml")
    assert portal_main(["check", "-f", config]) == 0
    err = capsys.readouterr().err
    assert (
        "提醒：mkdocs.yml:10: identity.site_code: 没有配置网站标识码：政府网站每个页面底部都要显示网站标识码（国办发〔2017〕47号）"
        in err
    )
    for name in ("主办单位", "ICP备案号", "公安机关备案号", "党政机关网站标识", "联系我们"):
        assert f"没有配置{name}" in err
    assert "承办单位" not in err  # optional
    assert portal_main(["check", "-f", config, "--strict"]) == 1


def test_identity_formats_are_checked(write_portal: WritePortal) -> None:
    root = write_portal(
        {
            "mkdocs.yml": with_identity()
            .replace('"3307230000"', "33072300")
            .replace("浙ICP备00000000号-1", "ICP备案123"),
            "content/pages/contact.md": CONTACT,
        }
    )
    identity = SiteIdentity(
        sponsor="测试执法局",
        site_code="33072300",
        icp="ICP备案123",
        police="浙公网安备 3307230000号",
        conac_url="https://example.org/conac.js",
        contact="contact/",
        police_badge="https://example.org/badge.png",
    )
    exists = frozenset({"contact/", "assets/images/conac-mark.svg"})
    found = {
        str(p) for p in check_identity(identity, root / "mkdocs.yml", Path("mkdocs.yml"), exists)
    }
    assert found == {
        "mkdocs.yml:13: identity.site_code: 网站标识码“33072300”格式不对：应为 10 位数字（6 位行政区划代码 + 4 位顺序号，如 3307230001），国务院部门为 bm 加 8 位数字",
        "mkdocs.yml:14: identity.icp: ICP备案号“ICP备案123”格式不对：应如“浙ICP备12345678号”或“…号-1”",
        "mkdocs.yml:15: identity.police: 公安机关备案号“浙公网安备 3307230000号”格式不对：应如“浙公网安备 33072302000123号”（省份简称、公网安备、14 位数字、号）",
        "mkdocs.yml:16: identity.conac_url: 党政机关网站标识的链接“https://example.org/conac.js”不是机构编制部门（conac.cn）发放的地址",
        "mkdocs.yml:11: identity.police_badge: 公安机关备案图标要用本站的图片文件，不能引用其他网站：https://example.org/badge.png",
    }
    bad_province = SiteIdentity(site_code="9907230000")
    assert any(
        "省级代码 99 不存在" in str(p)
        for p in check_identity(bad_province, root / "mkdocs.yml", Path("mkdocs.yml"), exists)
    )
    assert not any(
        p.field == "identity.site_code"
        for p in check_identity(
            SiteIdentity(site_code="bm01000001"), root / "mkdocs.yml", Path("mkdocs.yml"), exists
        )
    )


def test_complete_identity_checks_clean(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal({"mkdocs.yml": with_identity(), "content/pages/contact.md": CONTACT})
    assert portal_main(["check", "-f", str(root / "mkdocs.yml"), "--strict"]) == 0
    assert "identity" not in capsys.readouterr().err


def page_types(site: Path) -> dict[str, Path]:
    return {
        "home": site / "index.html",
        "article": next((site / "news" / "2026").glob("*/*/index.html")),
        "listing": site / "news" / "index.html",
        "category": next((site / "news" / "category").glob("*/index.html")),
        "archive": site / "news" / "archive" / "index.html",
        "edition": next((site / "meilijiayuan").glob("*/index.html")),
        "qa home": site / "qa" / "index.html",
        "question": next(p for p in (site / "qa").glob("*/index.html") if "domain" not in str(p)),
        "qa domain": next((site / "qa" / "domain").glob("*/index.html")),
        "regulation": next((site / "regulations").glob("*/index.html")),
        "regulations": site / "regulations" / "index.html",
        "campaign": site / "suggestions" / "tingche-2026" / "index.html",
        "campaign theme": next((site / "suggestions" / "tingche-2026").glob("*/index.html")),
        "campaigns": site / "suggestions" / "index.html",
        "tracking": site / "tracking" / "index.html",
        "interaction": site / "interaction" / "index.html",
        "annual": next((site / "annual").glob("*/index.html")),
        "posters": site / "poster" / "index.html",
        "free page": site / "about" / "index.html",
        "subscribe": site / "subscribe" / "index.html",
        "search": site / "search" / "index.html",
        "sitemap": site / "sitemap" / "index.html",
        "404": site / "404.html",
    }


def test_every_page_type_shows_the_identity_in_its_footer(sample_site: Path) -> None:
    for kind, path in page_types(sample_site).items():
        doc = lxml.html.parse(str(path)).getroot()
        footer = doc.cssselect("footer.md-footer .pt-identity")
        assert len(footer) == 1, kind
        text = footer[0].text_content()
        for expected in (
            "主办单位：武义县综合行政执法局",
            "承办单位：武义县综合行政执法局办公室",
            "网站标识码：3307230000",
            "浙ICP备00000000号-1",
            "浙公网安备 33072300000000号",
            "联系我们",
            "网站地图",
            "我为政府网站找错",
        ):
            assert expected in text, (kind, expected)
        links = {a.text_content().strip(): a.get("href") for a in footer[0].iter("a")}
        assert links["浙ICP备00000000号-1"] == "https://beian.miit.gov.cn/"
        assert links["浙公网安备 33072300000000号"] == (
            "https://beian.mps.gov.cn/#/query/webSearch?code=33072300000000"
        )
        assert links["我为政府网站找错"].startswith(
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3307230000&url="
        )
        # Local images only: the badge and the 党政机关 mark resolve to files of the site.
        for img in footer[0].iter("img"):
            src = img.get("src")
            assert "://" not in src, (kind, src)
            base = sample_site if src.startswith("/") else path.parent
            assert (base / src.lstrip("/")).resolve().is_file(), (kind, src)
        conac = footer[0].cssselect(".pt-identity__conac")[0]
        assert conac.get("href").startswith("https://bszs.conac.cn/")
        assert conac.cssselect("img")[0].get("alt") == "党政机关网站标识"
        for name in ("联系我们", "网站地图"):
            href = links[name]
            base = sample_site if href.startswith("/") else path.parent
            target = (base / href.lstrip("/")).resolve()
            assert (target / "index.html").is_file(), (kind, name, links[name])
        assert not doc.cssselect("script[src*='conac'], script[src*='jiucuo']")


def test_site_map_lists_every_section_and_column(sample_site: Path) -> None:
    doc = lxml.html.parse(str(sample_site / "sitemap" / "index.html")).getroot()
    main = doc.cssselect(".pt-sitemap")[0]
    titles = [h.text_content() for h in main.iter("h2")]
    assert titles[:7] == [
        "首页",
        "新闻动态",
        "美丽家园",
        "法律咨询台",
        "法规摘要",
        "问计于民",
        "互动交流",
    ]
    links = {a.text_content(): a.get("href") for a in main.iter("a")}
    for column in (
        "执法动态",
        "市容整治",
        "犬类管理",
        "城乡规划",
        "河道",
        "城区停车秩序金点子征集",
    ):
        href = links[column]
        assert (sample_site / "sitemap" / href / "index.html").resolve().is_file(), column
    for page in ("关于我们", "办事指南", "联系方式", "订阅", "站内搜索", "互动交流统计"):
        assert page in links
    assert "执法动态（80）" in main.text_content()


def test_channels_parse_and_refuse() -> None:
    channels, errors = parse_channels(
        [{"phone": "0579-87612345", "note": "工作日"}, {"email": "a@b.cn"}, {"phone": "12345"}]
    )
    assert [c.href for c in channels] == ["tel:057987612345", "mailto:a@b.cn", "tel:12345"]
    assert errors == []
    _, errors = parse_channels(
        [{"phone": "abc"}, {"email": "no-at"}, {"form": "www.x.cn"}, {"fax": "1"}, "x"]
    )
    assert errors == [
        "[0].phone: “abc”不是电话号码（如 0579-87612345 或 12345）",
        "[1].email: “no-at”不是电子邮箱地址",
        "[2].form: “www.x.cn”不是网址（以 https:// 开头）",
        "[3]: 每项写且只写一种渠道（phone, email, post, form, wechat），可加 note；不认识 fax",
        "[4]: 应写成 `kind: value`，如 `phone: 0579-87612345`",
    ]


OPEN_CAMPAIGN = """\
title: 城区停车金点子
opened: 2026-11-01
themes: [停车设施]
"""
ROWS = "id,received,name,region,contact,theme,title,text,status,reply,featured\n"


def test_open_campaign_without_a_channel_is_refused(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796011200")  # 2026-11-30
    root = write_portal(
        {
            "content/suggestions/tingche/campaign.yml": OPEN_CAMPAIGN,
            "content/suggestions/tingche/submissions.csv": ROWS,
        }
    )
    assert portal_main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    assert (
        "content/suggestions/tingche/campaign.yml:1: channels: 征集尚未结束（2026-11-01 起，未写结束日期），"
        "但没有写参与渠道：请在 channels: 下列出电话、电子邮箱、来信地址、网上提交网址或微信公众号，至少一种"
    ) in capsys.readouterr().err
    # Closed campaigns are history: no channel needed.
    (root / "content/suggestions/tingche/campaign.yml").write_text(
        OPEN_CAMPAIGN + "closed: 2026-11-20\n", encoding="utf-8"
    )
    assert portal_main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    # A bad channel names its line.
    (root / "content/suggestions/tingche/campaign.yml").write_text(
        OPEN_CAMPAIGN + "channels:\n  - phone: 0579-87612345\n  - email: 写信给我们\n",
        encoding="utf-8",
    )
    assert portal_main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    assert (
        "content/suggestions/tingche/campaign.yml:6: channels[1].email: “写信给我们”不是电子邮箱地址"
        in capsys.readouterr().err
    )


def test_campaign_and_qa_pages_show_their_channels(sample_site: Path) -> None:
    campaign = lxml.html.parse(str(sample_site / "suggestions/tingche-2026/index.html")).getroot()
    box = campaign.cssselect(".pt-channels")[0]
    assert box.cssselect("h2")[0].text_content() == "参与方式"
    hrefs = [a.get("href") for a in box.iter("a")]
    assert hrefs == ["tel:057987612345", "mailto:xck@cgj.wuyi.example.gov.cn"]
    # Prominent: before the campaign's notes and the theme chips.
    body = lxml.html.tostring(campaign, encoding="unicode")
    assert body.index("pt-channels") < body.index("pt-chips")
    closed = lxml.html.parse(str(sample_site / "suggestions/xianyiji-2026/index.html")).getroot()
    assert not closed.cssselect(".pt-channels")
    for path in [sample_site / "qa/index.html", *sorted((sample_site / "qa").glob("*/index.html"))]:
        if "domain" in str(path):
            continue
        doc = lxml.html.parse(str(path)).getroot()
        box = doc.cssselect(".pt-channels")
        assert box, path
        assert "tel:057987612345" in [a.get("href") for a in box[0].iter("a")]
        assert "mailto:fzk@cgj.wuyi.example.gov.cn" in [a.get("href") for a in box[0].iter("a")]


def test_footer_is_built_for_a_small_portal(write_portal: WritePortal, tmp_path: Path) -> None:
    root = write_portal({"mkdocs.yml": with_identity(), "content/pages/contact.md": CONTACT})
    site = tmp_path / "site"
    assert build(root, site) == 0
    html = (site / "news/2026/05/night-market/index.html").read_text(encoding="utf-8")
    assert "网站标识码：3307230000" in html
    assert 'href="../../../../sitemap/"' in html
    assert 'href="../../../../contact/"' in html
