"""宣传栏 sheets: the choice rule, the site's sheet pages, and the PDF a community pins up.

The PDF tests print with Debian's chromium (as `portal poster` does), then read the PDF back
with PDFium: one A4 page per sheet, the chosen headlines in its text, and QR codes that decode
(zxing-cpp, from the page rasterised at 200 dpi) to the articles' absolute URLs.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest

from generator.cli import main as portal_main
from generator.cli.poster import output_paths
from generator.clock import BEIJING
from generator.compute import lead
from generator.compute import sheets as choose
from generator.compute.sheet_layout import INNER_HEIGHT, Piece, fit_sheet, pieces_that_fit
from generator.compute.tracking import Week
from generator.model import Portal
from generator.pdf import fix_dates
from generator.render import poster
from generator.render.pages import PageRenderer
from generator.settings import Settings
from generator.urls import article_url, question_url
from generator.validate.portal import load_portal

from .conftest import ROOT, SAMPLE_EPOCH, WritePortal

ARTIFACTS = ROOT / "test-artifacts" / "posters"
SITE = "https://example.org/"
SAMPLE_SITE = "https://cgj.wuyi.example.gov.cn/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

EDITIONS = "editions:\n  - {number: 1, date: 2026-05-15, theme: 联合执法}\n"


def article(title: str, when: str, extra: str = "", body: str = "", status: str = "") -> str:
    body = body or f"{title}。白洋中队队员在现场开展整治，群众反映良好。"
    lines = [
        "---",
        f"title: {title}",
        f"date: {when}",
        "squad: baiyang",
        "category: 执法动态",
        *([f"status: {status}"] if status else []),
        *([extra] if extra else []),
        "---",
        "",
        body,
        "",
    ]
    return "\n".join(lines)


def question(text: str, when: str, replied: str | None) -> str:
    lines = [
        "---",
        f"question: {text}",
        f"date: {when}",
        "domain: 市容环境卫生",
        "received: 2026-05-01",
        *([f"replied: {replied}"] if replied else []),
        "department: 法制科",
        "---",
        "",
        "**可以举报。** 拨打 12345 或本局热线，我们会在两个工作日内到现场核实。",
        "",
    ]
    return "\n".join(lines)


def load(root: Path) -> Portal:
    return load_portal(Settings(root=root, timezone=BEIJING, site_url=SITE))


# -- the rule ------------------------------------------------------------------------------


def test_sheet_takes_the_weeks_pieces_the_media_used_first(write_portal: WritePortal) -> None:
    provincial = "{outlet: zjrb, date: 2026-05-20}"
    county = "{outlet: jrwy, date: 2026-05-14}"
    root = write_portal(
        {
            "content/editions.yml": EDITIONS,
            "content/articles/a-provincial.md": article(
                "省报采用的稿件", "2026-05-12 09:00", f"placements:\n  - {provincial}"
            ),
            "content/articles/b-county.md": article(
                "县报采用的稿件", "2026-05-13 09:00", f"placements:\n  - {county}"
            ),
            "content/articles/c-edition.md": article(
                "美丽家园专版稿件", "2026-05-11 09:00", "edition: 1"
            ),
            "content/articles/d-newest.md": article("本周最新的稿件", "2026-05-17 23:30"),
            "content/articles/e-older.md": article("本周较早的稿件", "2026-05-14 08:00"),
            "content/articles/f-draft.md": article(
                "草稿不上宣传栏", "2026-05-15", f"placements:\n  - {provincial}", status="draft"
            ),
            # 00:30 on Monday in Beijing: the next week, though it is still Sunday in UTC.
            "content/articles/g-next-week.md": article(
                "下周一凌晨的稿件", "2026-05-17T16:30:00Z", f"placements:\n  - {provincial}"
            ),
        },
        articles=False,
    )
    portal = load(root)
    sheet = choose.build_sheet(portal, Week(2026, 20), BEIJING)
    assert [a.key for a in sheet.articles] == ["a-provincial", "b-county", "c-edition", "d-newest"]
    assert sheet.candidates == 5
    assert (
        choose.build_sheet(portal, Week(2026, 20), BEIJING, limit=2).articles
        == (sheet.articles[:2])
    )
    assert [a.key for a in choose.build_sheet(portal, Week(2026, 21), BEIJING).articles] == [
        "g-next-week"
    ]
    assert choose.weeks_with_news(portal, BEIJING) == [Week(2026, 21), Week(2026, 20)]
    # A board shows the week just ended: on Sunday 17 May that is week 20, not week 21.
    assert choose.default_week(portal, BEIJING, date(2026, 5, 18)) == Week(2026, 20)
    assert choose.default_week(portal, BEIJING, date(2026, 5, 24)) == Week(2026, 21)


def test_sheet_answers_the_newest_answered_question_of_its_week(
    write_portal: WritePortal,
) -> None:
    root = write_portal(
        {
            "content/qa/old.md": question("以前的问题？", "2026-05-10", "2026-05-08"),
            "content/qa/newest.md": question("本周答复的问题？", "2026-05-15", "2026-05-14"),
            "content/qa/pending.md": question("还没答复的问题？", "2026-05-16", None),
            "content/qa/later.md": question("下周才发布的问题？", "2026-05-20", "2026-05-19"),
        }
    )
    portal = load(root)
    found = choose.choose_question(portal, Week(2026, 20), BEIJING)
    assert found is not None and found.key == "newest"
    found = choose.choose_question(portal, Week(2026, 21), BEIJING)
    assert found is not None and found.key == "later"
    assert choose.choose_question(portal, Week(2026, 18), BEIJING) is None


def test_photo_is_the_first_image_of_the_portals_own(write_portal: WritePortal) -> None:
    body = (
        "![远程图片](https://example.com/x.jpg)\n\n"
        '<img src="images/plan.svg" alt="平面图，不是照片">\n\n'
        '![现场 照片](images/scene.jpg "标题")\n\n![第二张](images/other.png)\n'
    )
    root = write_portal(
        {"content/articles/2026-05-12-photo.md": article("有照片", "2026-05-12", body=body)}
    )
    (root / "content/articles/images").mkdir()
    (root / "content/articles/images/scene.jpg").write_bytes(_jpeg())
    (root / "content/articles/images/other.png").write_bytes(_jpeg())
    (root / "content/articles/images/plan.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"/>'
    )
    portal = load(root)
    found = next(a for a in portal.articles if a.key == "2026-05-12-photo")
    assert lead.photo_of(found, portal.asset_paths) == lead.Photo(
        "articles/images/scene.jpg", "现场 照片"
    )
    plain = next(a for a in portal.articles if a.key == "2026-05-12-night-market")
    assert lead.photo_of(plain, portal.asset_paths) is None


@pytest.mark.parametrize(
    ("week", "text"),
    [
        (Week(2026, 47), "11月16日—22日"),
        (Week(2026, 49), "11月30日—12月6日"),
        (Week(2026, 53), "2026年12月28日—2027年1月3日"),
    ],
)
def test_date_range(week: Week, text: str) -> None:
    assert poster.date_range(week) == text


def test_layout_gives_whole_lines_within_the_page() -> None:
    long_title = "县综合行政执法局联合市场监管交警和街道开展2026年度“清风行动”夜间专项整治"
    text = "执法队员在现场开展整治，" * 80
    pieces = [Piece(long_title, text, photo=False) for _ in range(4)]
    fit = fit_sheet(pieces, "问" * 80, text)
    assert [p.title_lines for p in fit.pieces] == [3, 2, 2, 2]
    assert fit.question_lines == 2
    assert fit.crowded  # four two-line headlines leave no line of summary for any of them
    # The lowest-ranked piece gives way rather than every summary.
    assert pieces_that_fit(pieces, "问" * 80, text) == 3
    three = fit_sheet(pieces[:3], "问" * 80, text)
    assert not three.crowded
    assert three.pieces[0].summary_lines >= 2 and all(p.summary_lines >= 1 for p in three.pieces)
    assert three.answer_lines >= 2
    # Photos take more room.
    with_photos = [Piece(long_title, text, photo=True) for _ in range(4)]
    assert pieces_that_fit(with_photos, "问" * 80, text) == 2
    assert pieces_that_fit(with_photos[:1], None, "") == 1
    # Room to spare goes to the summaries, up to their length.
    roomy = fit_sheet([Piece("短标题", "一句话。", photo=False)], None, "")
    assert roomy.pieces[0].summary_lines == 1 and not roomy.crowded
    assert INNER_HEIGHT < 280


def test_pdf_dates_are_replaced_in_place() -> None:
    pdf = (
        b"%PDF-1.4\n<</CreationDate (D:20261201124153+00'00')\n/ModDate (D:20261201124153+00'00')>>"
    )
    moment = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
    fixed = fix_dates(pdf, moment)
    assert len(fixed) == len(pdf)
    assert fixed.count(b"D:20261130040000+00'00'") == 2
    assert fix_dates(pdf, None) == pdf


def test_output_paths(tmp_path: Path) -> None:
    assert output_paths(None, ["2026-W47"], tmp_path) == (
        tmp_path / "output" / "poster-2026-W47.html",
        tmp_path / "output" / "poster-2026-W47.pdf",
    )
    assert (
        output_paths(None, ["2026-W45", "2026-W47"], tmp_path)[1]
        == tmp_path / "output" / "poster-2026-W45_2026-W47.pdf"
    )
    assert output_paths(tmp_path, ["2026-W47"], tmp_path)[1] == tmp_path / "poster-2026-W47.pdf"
    assert output_paths(tmp_path / "本周.pdf", ["2026-W47"], tmp_path) == (
        tmp_path / "本周.html",
        tmp_path / "本周.pdf",
    )


def test_sheet_text_is_escaped(write_portal: WritePortal) -> None:
    title = '<b onclick="x()">夜市</b> & “整治”'
    root = write_portal(
        {"content/articles/2026-05-12-night-market.md": article(title, "2026-05-12 09:30")}
    )
    portal = load(root)
    settings = Settings(root=root, timezone=BEIJING, site_url=SITE, site_name="测试<局>")
    sheet = choose.build_sheet(portal, Week(2026, 20), BEIJING)
    html = poster.render_sheets(
        [sheet], portal, settings, PageRenderer(BEIJING, "测试<局>"), page_url=None, image_src=str
    )
    assert "<b onclick" not in html and "测试<局>" not in html
    assert "&lt;b onclick=&#34;x()&#34;&gt;夜市&lt;/b&gt; &amp; “整治”" in html
    tree = lxml.html.fromstring(html)
    assert tree.cssselect(".item__title a")[0].text_content() == title
    assert tree.cssselect(".item__title a")[0].get("href") == SITE + "news/2026/05/night-market/"
    # The QR code's SVG is geometry only: the URL is in the accessible name, escaped.
    svg = tree.cssselect("svg.qr-code")[0]
    assert [child.tag for child in svg] == ["path"]
    assert "night-market" not in lxml.html.tostring(svg, encoding="unicode")


# -- the site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Portal:
    from mkdocs.config import load_config

    from generator.cli.common import portal_plugin
    from generator.config import settings_from

    config = load_config(str(ROOT / "mkdocs.yml"))
    return load_portal(settings_from(config, portal_plugin(config).config))


def test_site_has_a_sheet_page_for_each_recent_week_with_news(
    sample_site: Path, sample: Portal
) -> None:
    weeks = choose.weeks_with_news(sample, BEIJING, until=date(2026, 11, 30))[:12]
    assert weeks[0] == Week(2026, 49) and len(weeks) == choose.SITE_WEEKS
    pages = sorted(p.parent.name for p in (sample_site / "poster").glob("*/index.html"))
    assert pages == sorted(w.label for w in weeks)
    index = lxml.html.fromstring((sample_site / "poster/index.html").read_bytes())
    links = [a.get("href") for a in index.cssselect(".pt-posters a")]
    assert links == [f"{w.label}/" for w in weeks]
    archive = (sample_site / "news/archive/index.html").read_text(encoding="utf-8")
    assert 'href="../../poster/"' in archive

    sheet = choose.build_sheet(sample, Week(2026, 47), BEIJING)
    page = sample_site / "poster/2026-W47/index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    assert tree.get("lang") == "zh-CN"
    assert [a.text_content() for a in tree.cssselect(".item__title a")] == [
        a.title for a in sheet.articles
    ]
    assert sheet.question is not None
    assert tree.cssselect(".qa__q a")[0].text_content() == sheet.question.question
    labels = [f.get("aria-label") for f in tree.cssselect("figure.qr [role=img]")]
    urls = [SAMPLE_SITE + article_url(a) for a in sheet.articles]
    urls.append(SAMPLE_SITE + question_url(sheet.question))
    assert [label.rsplit("，", 1)[1] for label in labels] == urls
    assert "武义县综合行政执法局" in tree.cssselect(".head__bureau")[0].text_content()
    assert tree.cssselect(".head__no")[0].text_content() == "第47周"
    assert "0579-87612345" in tree.cssselect(".foot__hotline")[0].text_content()
    # The site's policy allows no inline style: the sheet's stylesheet is a file.
    text = page.read_text(encoding="utf-8")
    assert "<style" not in text and " style=" not in text
    for link in tree.cssselect("a[href], link[href], img[src]"):
        target = link.get("href") or link.get("src")
        if target.startswith("https://"):
            continue
        resolved = (page.parent / target.split("#")[0]).resolve()
        assert (resolved / "index.html" if target.endswith("/") else resolved).is_file(), target
    css = (sample_site / "poster/poster.css").read_text(encoding="utf-8")
    assert "@page { size: A4; margin: 0; }" in css


# -- the command ---------------------------------------------------------------------------


def test_poster_command_usage_errors(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    config = str(root / "mkdocs.yml")
    out = str(tmp_path / "out")

    def run(*args: str) -> tuple[int, str]:
        code = portal_main(["poster", "-f", config, "--format", "html", "-o", out, *args])
        return code, capsys.readouterr().err

    assert run("--week", "2026-47") == (
        2,
        "portal: “2026-47”不是 ISO 周（例如 2026-W18）\n",
    )
    assert run("--week", "2026-W30") == (
        2,
        "portal: 2026-W30 没有发布的新闻（最近有新闻的周：2026-W20）\n",
    )
    assert run("--week", "2026-W20", "--article", "night-markt") == (
        1,
        "content/articles:0: (file): 没有这篇稿件“night-markt”（写稿件的文件名或路径，"
        "例如 2026-05-12-night-market）。最接近的：2026-05-12-night-market "
        "白洋中队开展夜市占道经营专项整治\n\n内容有 1 处错误。\n",
    )
    assert run("--week", "2026-W20", "--article", "content/articles/none.md") == (
        1,
        "content/articles/none.md:0: (file): 文件不存在\n\n内容有 1 处错误。\n",
    )
    assert run("--items", "5") == (2, "portal: --items 要写 1 到 4\n")
    assert run("--week", "2026-W20", "--week", "2026-W21", "--question", "x") == (
        2,
        "portal: --article 和 --question 只用于一张海报：请只写一个 --week\n",
    )
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text().replace("site_url: https://example.org/\n", "")
    )
    code, err = run("--week", "2026-W20")
    assert code == 2 and "site_url" in err


def test_poster_without_output_writes_into_the_portals_output_folder(
    write_portal: WritePortal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = write_portal()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = ["poster", "-f", str(root / "mkdocs.yml"), "--format", "html", "--week", "2026-W20"]
    assert portal_main(args) == 0
    assert (root / "output" / "poster-2026-W20.html").is_file()
    assert list(elsewhere.iterdir()) == []
    assert "output/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_poster_html_stands_alone(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "![夜市现场](images/scene.jpg)\n\n5月11日晚，白洋中队清理占道摊位 23 处。"
    root = write_portal(
        {
            "content/articles/2026-05-12-night-market.md": article(
                "夜市整治", "2026-05-12", body=body
            )
        }
    )
    (root / "content/articles/images").mkdir()
    (root / "content/articles/images/scene.jpg").write_bytes(_jpeg())
    args = ["poster", "-f", str(root / "mkdocs.yml"), "--format", "html", "-o", str(tmp_path)]
    assert portal_main([*args, "--week", "2026-W20"]) == 0
    streams = capsys.readouterr()
    written = tmp_path / "poster-2026-W20.html"
    assert streams.out == f"已生成 {written}（A4 1 页）\n"
    assert "2026-05-12-night-market  夜市整治" in streams.err
    html = written.read_text(encoding="utf-8")
    assert "<style>" in html and "@page { size: A4; margin: 0; }" in html
    img = lxml.html.fromstring(html).cssselect("img.item__photo")[0]
    assert img.get("src").startswith("data:image/jpeg;base64,") and img.get("alt") == "夜市现场"
    assert not list(tmp_path.glob("*.pdf"))


# -- the PDF, printed by chromium ----------------------------------------------------------


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI: apt-get install -y chromium fonts-noto-cjk")
    pytest.skip("chromium not installed (apt-get install -y chromium fonts-noto-cjk)")


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)


def print_poster(config: Path, target: Path, *weeks: str) -> list[object]:
    """Run `portal poster` and return the PDF's pages (pypdfium2)."""
    import pypdfium2 as pdfium

    args = ["poster", "-f", str(config), "--format", "pdf", "-o", str(target)]
    args += [part for week in weeks for part in ("--week", week)]
    args += ["--browser", chromium()]
    assert portal_main(args) == 0
    return list(pdfium.PdfDocument(target))


def page_text(page: object) -> str:
    text: str = page.get_textpage().get_text_range()  # type: ignore[attr-defined]
    return re.sub(r"\s+", "", text)


def qr_codes(page: object, name: str) -> list[str]:
    """Rasterise at 200 dpi (saved as a test artifact) and decode every QR code."""
    import zxingcpp

    image = page.render(scale=200 / 72).to_pil()  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(ARTIFACTS / f"{name}.png")
    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


@pytest.mark.browser
@pytest.mark.usefixtures("epoch")
def test_pdf_has_one_a4_page_per_sheet_and_codes_that_open_the_pieces(
    tmp_path: Path, sample: Portal
) -> None:
    weeks = [Week(2026, 47), Week(2026, 28)]
    pages = print_poster(ROOT / "mkdocs.yml", tmp_path / "sheets.pdf", *(w.label for w in weeks))
    assert len(pages) == len(weeks)
    for page, week in zip(pages, weeks, strict=True):
        width, height = page.get_size()  # type: ignore[attr-defined]
        assert abs(width - 595.28) <= 1 and abs(height - 841.89) <= 1
        sheet = choose.build_sheet(sample, week, BEIJING)
        assert sheet.articles and sheet.question is not None
        text = page_text(page)
        for a in sheet.articles:
            assert re.sub(r"\s+", "", a.title) in text, a.title
        assert re.sub(r"\s+", "", sheet.question.question) in text
        assert f"第{week.number}周" in text and "武义县综合行政执法局" in text
        assert "0579-87612345" in text
        expected = [SAMPLE_SITE + article_url(a) for a in sheet.articles]
        expected.append(SAMPLE_SITE + question_url(sheet.question))
        assert sorted(qr_codes(page, f"sample-{week.label}")) == sorted(expected)


@pytest.mark.browser
@pytest.mark.usefixtures("epoch")
def test_pdf_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    print_poster(ROOT / "mkdocs.yml", tmp_path / "a.pdf", "2026-W40")
    print_poster(ROOT / "mkdocs.yml", tmp_path / "b.pdf", "2026-W40")
    first = (tmp_path / "a.pdf").read_bytes()
    assert first == (tmp_path / "b.pdf").read_bytes()
    assert b"/CreationDate (D:20261130040000+00'00')" in first


@pytest.mark.browser
@pytest.mark.usefixtures("epoch")
def test_pdf_shows_photos(write_portal: WritePortal, tmp_path: Path) -> None:
    import pypdfium2.raw as pdfium_c

    files = {"content/editions.yml": EDITIONS}
    for day in range(11, 14):
        files[f"content/articles/2026-05-{day}-piece-{day}.md"] = article(
            f"5月{day}日的稿件",
            f"2026-05-{day} 09:00",
            body=f"![现场{day}](images/{day}.jpg)\n\n现场整治。",
        )
    root = write_portal(files)
    (root / "content/articles/images").mkdir()
    for day in range(11, 14):
        (root / f"content/articles/images/{day}.jpg").write_bytes(_jpeg(day))
    (page,) = print_poster(root / "mkdocs.yml", tmp_path / "photos.pdf", "2026-W20")
    images = [o for o in page.get_objects() if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]  # type: ignore[attr-defined]
    assert len(images) == 3  # the lead's and two thumbnails; the fourth piece has none
    portal = load(root)
    expected = [
        SITE + article_url(a) for a in choose.build_sheet(portal, Week(2026, 20), BEIJING).articles
    ]
    assert len(expected) == 4
    assert sorted(qr_codes(page, "photos")) == sorted(expected)


# -- nothing cut, measured in chromium -----------------------------------------------------

MEASURE = """() => {
  const mm = 96 / 25.4, problems = [];
  for (const sheet of document.querySelectorAll('.sheet')) {
    const box = sheet.getBoundingClientRect();
    if (Math.abs(box.width - 210 * mm) > 1 || Math.abs(box.height - 297 * mm) > 1)
      problems.push(`${sheet.id}: sheet is ${box.width}x${box.height}`);
    const items = sheet.querySelector('.news__items').getBoundingClientRect();
    for (const item of sheet.querySelectorAll('.item'))
      if (item.getBoundingClientRect().bottom > items.bottom + 0.5)
        problems.push(`${sheet.id}: a piece runs past the news`);
    const foot = sheet.querySelector('.foot').getBoundingClientRect();
    if (foot.bottom > box.bottom - 7 * mm) problems.push(`${sheet.id}: footer past the margin`);
    for (const block of sheet.querySelectorAll('[class*="clamp-"]')) {
      const lines = +block.className.match(/clamp-(\\d+)/)[1];
      const height = parseFloat(getComputedStyle(block).lineHeight) * lines;
      if (block.getBoundingClientRect().height > height + 1)
        problems.push(`${sheet.id}: ${block.className} shows more than ${lines} lines`);
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def measure(browser: object, html: str, tmp_path: Path) -> list[str]:
    page_file = tmp_path / "sheets.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.emulate_media(media="print")
    page.goto(page_file.as_uri())
    problems: list[str] = page.evaluate(MEASURE)
    page.close()
    return problems


def render(portal: Portal, root: Path, sheets: list[choose.Sheet]) -> str:
    settings = Settings(
        root=root,
        timezone=BEIJING,
        site_url=SITE,
        site_name="武义县综合行政执法局",
        hotline="0579-87612345",
    )
    r = PageRenderer(BEIJING, settings.site_name, settings.hotline)
    from generator.pdf import data_uri

    return poster.render_sheets(
        sheets,
        portal,
        settings,
        r,
        page_url=None,
        image_src=lambda a: data_uri(settings.content / a),
    )


@pytest.mark.browser
def test_no_sample_sheet_cuts_a_line(browser: object, sample: Portal, tmp_path: Path) -> None:
    sheets = [
        choose.build_sheet(sample, w, BEIJING) for w in choose.weeks_with_news(sample, BEIJING)
    ]
    assert measure(browser, render(sample, ROOT, sheets), tmp_path) == []


@pytest.mark.browser
@pytest.mark.parametrize("photos", [False, True])
def test_longest_texts_cut_no_line(
    browser: object, write_portal: WritePortal, tmp_path: Path, photos: bool
) -> None:
    long_title = "县综合行政执法局联合Smart城管APP开展2026年度“清风行动”夜间专项整治"
    paragraph = "执法队员逐户上门宣传，清理占道摊位23处，劝导流动摊贩42人次，群众纷纷点赞。"
    files = {
        "content/qa/long.md": question(
            "小区门口每天晚上都有人摆摊卖烧烤，油烟很大还很吵，一直到凌晨两三点，打电话反映过好几次都没解决，这到底归谁管？",
            "2026-05-15",
            "2026-05-14",
        )
    }
    for day in range(11, 16):
        image = f"![现场](images/{day}.jpg)\n\n" if photos else ""
        files[f"content/articles/2026-05-{day}-long-{day}.md"] = article(
            long_title, f"2026-05-{day} 09:00", body=image + "\n\n".join([paragraph * 3] * 4)
        )
    root = write_portal(files, articles=False)
    if photos:
        (root / "content/articles/images").mkdir()
        for day in range(11, 16):
            (root / f"content/articles/images/{day}.jpg").write_bytes(_jpeg(day))
    portal = load(root)
    week = Week(2026, 20)
    full = choose.build_sheet(portal, week, BEIJING)
    sheets = [full] + [
        choose.fitted(portal, choose.Sheet(week, full.articles[:n], q, 5))
        for n in (1, 2, 3)
        for q in (full.question, None)
    ]
    assert len(full.articles) == (2 if photos else 3)  # two-line headlines take room
    assert measure(browser, render(portal, root, sheets), tmp_path) == []


def _jpeg(seed: int = 0) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 300), (40 + seed * 9 % 200, 110, 170))
    ImageDraw.Draw(image).ellipse((100, 50, 300, 250), fill=(230, 200, 60))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()
