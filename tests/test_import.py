"""`portal import`: manuscript conventions, Word fidelity, duplicates, broken files, photos."""

from __future__ import annotations

import io
import os
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

from generator.cli import main
from generator.manuscripts import conventions as cv
from generator.manuscripts.blocks import blocks_from_text
from generator.model import QuotaPeriod, Unit, UnitType

from .conftest import ROOT, WritePortal, build


@pytest.fixture(autouse=True)
def _wide_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report table wide enough that no cell wraps: one line a row."""
    monkeypatch.setenv("COLUMNS", "1000")


def _flat(out: str) -> str:
    """The report's text without its table: cells wrap lines."""
    return "".join(c for c in out if c not in " \n│┃─━┼╇┡┩┏┓┗┛└┘├┤┬┴┳┻╋")


UNITS = (
    Unit("baiyang", "白洋中队", UnitType.SQUAD, "朱晓燕", (QuotaPeriod(None, 2),)),
    Unit("fazhi", "法制科", UnitType.SECTION, "钟立群", (QuotaPeriod(None, 1),)),
    Unit("huanwei", "市容环卫科", UnitType.SECTION, "应海燕 邹丽娟", (QuotaPeriod(None, 1),)),
)


# --- conventions, one rule at a time --------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names", "units"),
    [
        ("通讯员 张晓燕 李明", ("张晓燕", "李明"), ()),
        ("（通讯员：张晓燕）", ("张晓燕",), ()),
        ("(通讯员 张晓燕、李明)", ("张晓燕", "李明"), ()),
        ("供稿：白洋中队", (), ("白洋中队",)),
        ("记者 王强", ("王强",), ()),
        ("记者 王强  通讯员 徐丽萍", ("王强", "徐丽萍"), ()),
        ("通讯员朱晓燕", ("朱晓燕",), ()),
        ("文/图 张文", ("张文",), ()),
        ("撰稿人：李四", ("李四",), ()),
        ("报送单位：法制科", (), ("法制科",)),
    ],
)
def test_byline_forms(line: str, names: tuple[str, ...], units: tuple[str, ...]) -> None:
    byline = cv.parse_byline(line)
    assert byline is not None and (byline.names, byline.units) == (names, units)


@pytest.mark.parametrize(
    "line",
    ["记者从白洋中队获悉，夜市整治取得成效", "张文是个好人", "文明城市创建", "通讯员", "供稿"],
)
def test_sentences_are_not_bylines(line: str) -> None:
    assert cv.parse_byline(line) is None


def test_byline_at_the_head_of_the_lead() -> None:
    byline, rest = cv.split_lead("本报讯（通讯员 张晓燕）11月26日，白洋中队开展整治。")
    assert byline is not None and byline.names == ("张晓燕",)
    assert rest == "11月26日，白洋中队开展整治。"
    assert cv.split_lead("（记者 王强 通讯员 李明）12月1日，")[0].names == ("王强", "李明")  # type: ignore[union-attr]
    assert cv.split_lead("（一）整治范围") == (None, "（一）整治范围")


@pytest.mark.parametrize(
    ("bylines", "author", "squad", "reason"),
    [
        (["通讯员 朱晓燕"], "朱晓燕", "baiyang", "朱晓燕是白洋中队信息员"),
        (["供稿：白洋中队", "通讯员 张三"], "张三", "baiyang", "供稿单位“白洋中队”"),
        (["供稿：白洋"], "", "baiyang", "供稿单位“白洋”"),
        (["通讯员 邹丽娟"], "邹丽娟", "huanwei", "邹丽娟是市容环卫科信息员"),
        (["通讯员 张三"], "张三", None, ""),
        (["通讯员 朱晓燕 钟立群"], "朱晓燕 钟立群", None, "署名指向多个单位"),
    ],
)
def test_byline_gives_author_and_unit_through_squads(
    bylines: list[str], author: str, squad: str | None, reason: str
) -> None:
    parsed = [cv.parse_byline(b) for b in bylines]
    credit = cv.attribute([b for b in parsed if b is not None], UNITS)
    assert (credit.author, credit.squad) == (author, squad)
    assert credit.reason.startswith(reason)


@pytest.mark.parametrize(
    ("text", "submitted", "expected"),
    [
        ("11月26日上午，白洋中队", date(2026, 11, 28), date(2026, 11, 26)),
        ("2026年11月26日，白洋中队", date(2026, 12, 28), date(2026, 11, 26)),
        ("本报讯 11月26日晚，", date(2026, 11, 28), date(2026, 11, 26)),
        ("12月30日，县城", date(2027, 1, 2), date(2026, 12, 30)),  # sent after New Year
        ("2026-11-26", date(2026, 12, 1), date(2026, 11, 26)),
        ("近日，白洋中队在11月26日", date(2026, 11, 28), None),  # not at the head
        ("2月30日，", date(2026, 3, 2), None),
    ],
)
def test_datelines(text: str, submitted: date, expected: date | None) -> None:
    assert cv.dateline_of(text, submitted) == expected


@pytest.mark.parametrize(
    ("text", "caption"),
    [
        ("图为队员劝导摊主入场经营。", "图为队员劝导摊主入场经营。"),
        ("▲ 整治后的街面", "整治后的街面"),
        ("（图：清扫后的解放街。）", "清扫后的解放街。"),
        ("(图:现场)", "现场"),
        ("图1：现场", "现场"),
        ("【图】动员会现场", "动员会现场"),
        ("图书馆门前秩序井然。", None),
        ("中队将继续开展整治。", None),
    ],
)
def test_captions(text: str, caption: str | None) -> None:
    assert cv.caption_of(text) == caption


@pytest.mark.parametrize("mark", ["（完）", "【完】", "(完)", "-完-", "——完——", "[完]"])
def test_end_marks(mark: str) -> None:
    assert cv.is_end_mark(mark)
    assert cv.without_end_mark(f"整治效果明显。{mark}") == "整治效果明显。"


def test_end_mark_is_not_a_word_in_a_sentence() -> None:
    assert not cv.is_end_mark("完成整治")
    assert cv.without_end_mark("全部完成") == "全部完成"


@pytest.mark.parametrize(
    "line",
    ["编者按：这是一篇", "【编者按】本稿请配图", "（责任编辑：王五）", "审核：郑凯", "校对:李"],
)
def test_editors_notes(line: str) -> None:
    assert cv.is_editor_note(line)


def test_full_width_indentation_and_titles() -> None:
    assert cv.strip_indent("\u3000\u30005月11日晚，") == "5月11日晚，"
    assert cv.strip_indent("\u00a0 \t正文") == "正文"
    assert cv.looks_like_title("白洋中队开展夜市整治")
    assert not cv.looks_like_title("11月26日上午，白洋中队开展夜市整治。")
    assert not cv.looks_like_title("通讯员 朱晓燕")
    assert not cv.looks_like_title("一" * 41)


def test_text_paragraphs_wrapped_by_hand_are_joined() -> None:
    first = "12月2日上午，壶山中队对解放街沿街店铺门前乱堆放开展集中清理，"
    text = (
        f"标题\n\u3000\u3000{first}\n共清理杂物 12 处。\n\u3000\u3000第二段。\n记者 王强\n（完）\n"
    )
    blocks = blocks_from_text(text, markdown=False)
    assert [b.text for b in blocks] == [
        "标题",
        first + "共清理杂物 12 处。",
        "第二段。",
        "记者 王强",
        "（完）",
    ]


# --- Word documents -------------------------------------------------------------------------


def _jpeg(size: tuple[int, int] = (1200, 900), color: str = "teal", **exif: int) -> bytes:
    out = io.BytesIO()
    im = Image.new("RGB", size, color)
    tags = Image.Exif()
    if exif.get("gps"):
        tags[0x8825] = {1: "N", 2: (28.0, 53.0, 34.0), 3: "E", 4: (119.0, 48.0, 57.0)}
    if exif.get("orientation"):
        tags[0x0112] = exif["orientation"]
    im.save(out, "JPEG", exif=tags.tobytes())
    return out.getvalue()


def _hyperlink(paragraph: object, text: str, url: str) -> None:
    part = paragraph.part  # type: ignore[attr-defined]
    rel = part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def rich_docx(path: Path) -> Path:
    """A manuscript with every structure Word offers a 信息员."""
    doc = docx.Document()
    doc.add_heading("白洋中队开展夜市整治", level=1)
    doc.add_paragraph("通讯员 朱晓燕")
    doc.add_paragraph("")
    p = doc.add_paragraph("\u3000\u300011月26日晚，中队对")
    p.add_run("解放街夜市").bold = True
    p.add_run("开展")
    p.add_run("专项").italic = True
    p.add_run("整治，")
    p.add_run().add_break()
    p.add_run("清理摊位 23 处，详见")
    _hyperlink(p, "通知", "https://example.gov.cn/tz")
    p.add_run("。")
    doc.add_heading("整治重点", level=2)
    doc.add_paragraph("占道经营", style="List Bullet")
    doc.add_paragraph("油烟扰民", style="List Bullet")
    doc.add_paragraph("夜间巡查", style="List Number")
    doc.add_paragraph("定点值守", style="List Number")
    table = doc.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "路段", (0, 1): "摊位", (1, 0): "解放街", (1, 1): "23"}.items():
        table.cell(r, c).text = text
    doc.add_picture(io.BytesIO(_jpeg(gps=1, orientation=6)), width=Cm(12))
    doc.add_paragraph("图为队员劝导摊主。")
    doc.add_paragraph("\u3000\u3000整治将持续一个月。（完）")
    doc.add_paragraph("审核：郑凯")
    doc.save(path)
    return path


def _import(
    root: Path, *paths: Path, extra: tuple[str, ...] = (), submitted: str = "2026-11-28 17:00"
) -> int:
    args = ["import", "-f", str(root / "mkdocs.yml"), *map(str, paths)]
    return main([*args, "--submitted", submitted, *extra])


def test_docx_becomes_a_draft_with_structure_and_photos(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    inbox = tmp_path / "收稿"
    inbox.mkdir()
    rich_docx(inbox / "夜市.docx")
    assert _import(root, inbox) == 0
    draft = root / "content" / "articles" / "2026-11-28-bai-yang-zhong-dui-kai-zhan.md"
    assert draft.read_text(encoding="utf-8") == (
        "---\n"
        'title: "白洋中队开展夜市整治"\n'
        "date: 2026-11-28 17:00  # 稿件导语中的日期 2026-11-26；发布时间不能早于收稿时间，"
        "暂用收稿时间\n"
        "squad: baiyang  # 署名：朱晓燕是白洋中队信息员\n"
        'author: "朱晓燕"\n'
        "category: 执法动态  # TODO: 导入时未指定栏目（--category），暂用第一个栏目，请核对\n"
        "tags: []\n"
        "status: draft\n"
        "submitted: 2026-11-28 17:00  # 导入时指定（--submitted）\n"
        f"# 导入自 {inbox / '夜市.docx'}（portal import）\n"
        "---\n"
        "\n"
        "11月26日晚，中队对**解放街夜市**开展*专项*整治，清理摊位 23 处，详见"
        "[通知](https://example.gov.cn/tz)。\n"
        "\n"
        "## 整治重点\n"
        "\n"
        "- 占道经营\n"
        "- 油烟扰民\n"
        "\n"
        "1. 夜间巡查\n"
        "2. 定点值守\n"
        "\n"
        "| 路段 | 摊位 |\n"
        "| --- | --- |\n"
        "| 解放街 | 23 |\n"
        "\n"
        "![图为队员劝导摊主。](2026-11-28-bai-yang-zhong-dui-kai-zhan/1.jpg "
        '"图为队员劝导摊主。")\n'
        "\n"
        "整治将持续一个月。\n"
    )
    photo = root / "content/articles/2026-11-28-bai-yang-zhong-dui-kai-zhan/1.jpg"
    with Image.open(photo) as im:
        assert im.size == (900, 1200)  # turned upright by its Orientation 6
        assert not im.getexif()
    out = _flat(capsys.readouterr().out)
    assert "已删除：审核：郑凯" in out and "已删除：通讯员朱晓燕" in out
    # The draft is valid content: it builds, and counts as a submission.
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 0


def test_importing_twice_adds_nothing_and_dry_run_writes_nothing(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    inbox = tmp_path / "收稿"
    inbox.mkdir()
    rich_docx(inbox / "夜市.docx")
    (inbox / "壶山.txt").write_bytes(
        "壶山中队清理乱堆放\n12月2日，清理杂物。\n供稿：白洋中队\n".encode("gb18030")
    )
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert _import(root, inbox, extra=("--dry-run",)) == 0
    assert "（试运行，未写入任何文件）已导入 2" in capsys.readouterr().out
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert _import(root, inbox) == 0
    after = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert len(after) == len(before) + 4  # two drafts, a photo and its folder
    assert _import(root, inbox) == 0
    out = _flat(capsys.readouterr().out)
    assert "已导入过，跳过2" in out and "正文与2026-11-28-bai-yang" in out
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == after


def test_a_retitled_copy_within_90_days_is_a_duplicate(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()  # holds 2026-05-12-night-market: 白洋中队开展夜市占道经营专项整治
    inbox = tmp_path / "收稿"
    inbox.mkdir()
    (inbox / "a.txt").write_text(
        "白洋中队开展夜市占道经营专项整治！\n5月20日，另一篇正文。\n通讯员 朱晓燕\n",
        encoding="utf-8",
    )
    (inbox / "b.txt").write_text(
        "白洋中队开展夜市占道经营专项整治\n2026年10月20日，半年后的同名稿件。\n通讯员 朱晓燕\n",
        encoding="utf-8",
    )
    assert _import(root, inbox) == 0
    out = capsys.readouterr().out
    assert "标题与 2026-05-12-night-market（白洋中队开展夜市占道经营专项整治）相似度 1.00" in out
    assert "2026-11-28-bai-yang-zhong-dui-kai-zhan.md" in out  # 161 days later: a new piece


def test_undetermined_fields_are_todo_not_guesses(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_portal()
    inbox = tmp_path / "收稿"
    inbox.mkdir()
    (inbox / "x.txt").write_text(
        "近日，中队开展了一次很长很长的专项整治行动，清理了大量占道摊位，群众反映良好，效果明显。\n",
        encoding="utf-8",
    )
    assert _import(root, inbox) == 0
    text = next((root / "content" / "articles").glob("2026-11-28-*.md")).read_text()
    assert 'title: "（待定标题）"  # TODO: 稿件没有标题（第一行不是标题），请填写' in text
    assert "date: 2026-11-28 17:00  # TODO: 稿件中没有找到日期，暂用收稿时间，请核对" in text
    assert "squad: TODO  # TODO: 稿件没有署名，请填写单位 id（或导入时用 --squad）" in text
    out = _flat(capsys.readouterr().out)
    assert "待核对TODO：没有找到标题" in out and "待核对TODO：稿件没有署名" in out
    # With --squad and --category, the officer decides.
    (inbox / "x.txt").unlink()
    (inbox / "y.txt").write_text("便民服务一件事\n12月1日，正文。\n", encoding="utf-8")
    extra = ("--squad", "fazhi", "--category", "便民服务")
    assert _import(root, inbox, extra=extra, submitted="2026-12-01 08:00") == 0
    text = next((root / "content" / "articles").glob("2026-12-01-*.md")).read_text()
    assert "squad: fazhi  # 导入时指定（--squad）\n" in text and "category: 便民服务\n" in text


def _ole(encrypted: bool) -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
    return head + ("EncryptedPackage".encode("utf-16-le") if encrypted else b"WordDocument")


def _bomb_png() -> bytes:
    import struct
    import zlib

    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = struct.pack(">II", 60000, 60000) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _heic() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(out, format="HEIF")
    return out.getvalue()


def test_broken_documents_and_hostile_photos_are_named_while_the_rest_imports(
    write_portal: WritePortal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PORTAL_SOFFICE", "")  # as on a machine without LibreOffice
    root = write_portal()
    inbox = tmp_path / "收稿"
    (inbox / "好稿").mkdir(parents=True)
    rich_docx(inbox / "好稿" / "夜市.docx")
    (inbox / "好稿" / "夜市-1.heic").write_bytes(_heic())
    (inbox / "好稿" / "夜市-2.jpg").write_bytes(_bomb_png())
    (inbox / "好稿" / "夜市-3.jpg").write_bytes(_jpeg()[:700])
    (inbox / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (inbox / "加密.docx").write_bytes(_ole(encrypted=True))
    (inbox / "空白.docx").write_bytes(b"")
    (inbox / "旧格式.doc").write_bytes(_ole(encrypted=False))
    (inbox / "~$夜市.docx").write_bytes(b"Word's lock file")
    assert _import(root, inbox) == 1
    out = capsys.readouterr().out
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if "│" in line}
    expected = {
        "加密.docx": "文档设置了打开密码：请在 Word/WPS 中取消密码后另存为 .docx",
        "损坏.docx": "文件已损坏：不是有效的 .docx",
        "空白.docx": "文件是空的",
        "旧格式.doc": ".doc 文件需要 LibreOffice 转换，本机没有安装",
        "夜市-2.jpg": "解压炸弹",
        "夜市-3.jpg": "图片不完整或已损坏",
    }
    for name in expected:
        line = next((v for k, v in rows.items() if k.endswith(name)), "")
        assert "无法读取" in line, (name, out)
    for message in expected.values():
        assert message.replace(" ", "") in out.replace(" ", "").replace("│", "").replace(
            "\n", ""
        ), message
    assert "~$" not in out
    drafts = list((root / "content" / "articles").glob("2026-11-28-*.md"))
    assert len(drafts) == 1
    folder = drafts[0].with_suffix("")
    assert sorted(p.name for p in folder.iterdir()) == ["1.jpg", "2.jpg"]  # the HEIC as JPEG
    with Image.open(folder / "2.jpg") as im:
        assert im.format == "JPEG" and im.size == (640, 480)


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"), reason="needs LibreOffice"
)
def test_examples_import_build_and_count(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """README's walkthrough: examples/收稿/ imports, the drafts build with photos, and the
    信息报送 page counts them."""
    root = write_portal(
        {"content/squads.yml": (ROOT / "content" / "squads.yml").read_text()}, articles=False
    )
    extra = ("--category", "执法动态")
    assert _import(root, ROOT / "examples" / "收稿", extra=extra, submitted="2026-12-04 17:00") == 0
    drafts = sorted((root / "content" / "articles").glob("*.md"))
    assert [d.stem for d in drafts] == [
        "2026-12-04-bai-yang-zhong-dui-kai-zhan",
        "2026-12-04-cheng-qu-huan-wei-dong-ji",
        "2026-12-04-fa-zhi-ke-zou-jin-hu",
        "2026-12-04-hu-shan-zhong-dui-qing-li",
    ]
    squads = [next(x for x in d.read_text().splitlines() if x.startswith("squad:")) for d in drafts]
    assert [s.split()[1] for s in squads] == ["baiyang", "huanwei", "fazhi", "hushan"]
    for draft in drafts:
        draft.write_text(draft.read_text().replace("status: draft", "status: published"))
    site = tmp_path / "site"
    assert build(root, site) == 0
    page = (site / "news/2026/12/bai-yang-zhong-dui-kai-zhan/index.html").read_text()
    body = page.split("<article", 1)[1].split("</article>", 1)[0]  # not the footer's badges
    assert body.count("<figure>") == 2 and body.count("<img ") == 3
    # 信息报送: each unit counts its piece in 2026-W49 (submitted Friday 4 December).
    weeks = (site / "tracking/weeks.csv").read_text(encoding="utf-8-sig").splitlines()
    counted = {line.split(",")[0]: line.split(",")[4] for line in weeks if ",2026-W49," in line}
    assert {u: counted[u] for u in ("baiyang", "huanwei", "fazhi", "hushan")} == dict.fromkeys(
        ("baiyang", "huanwei", "fazhi", "hushan"), "1"
    )


def test_photos_laid_out_in_a_word_table_keep_their_captions(
    write_portal: WritePortal, tmp_path: Path
) -> None:
    """Two photos side by side in a table, their captions in the row below (marked or not),
    and a third photo with its caption in the same cell: all three imported, in reading order."""
    root = write_portal()
    inbox = tmp_path / "收稿"
    inbox.mkdir()
    doc = docx.Document()
    doc.add_heading("白洋中队整治背街小巷", level=1)
    doc.add_paragraph("\u3000\u300012月1日，白洋中队对背街小巷开展集中整治，清理杂物 30 余处。")
    table = doc.add_table(rows=3, cols=2)
    for column, color in enumerate(("teal", "olive")):
        run = table.cell(0, column).paragraphs[0].add_run()
        run.add_picture(io.BytesIO(_jpeg(color=color)), width=Cm(6))
    table.cell(1, 0).text = "队员清理杂物"
    table.cell(1, 1).text = "▲整治后的街面"
    cell = table.cell(2, 0)
    cell.paragraphs[0].add_run().add_picture(io.BytesIO(_jpeg(color="navy")), width=Cm(6))
    cell.add_paragraph("图为居民点赞")
    doc.add_paragraph("\u3000\u3000整治将持续开展。")
    doc.save(inbox / "小巷.docx")
    assert _import(root, inbox, extra=("--squad", "baiyang")) == 0
    (draft,) = (root / "content" / "articles").glob("2026-11-28-*.md")
    body = draft.read_text(encoding="utf-8").split("---\n", 2)[2]
    stem = draft.stem
    assert body == (
        "\n12月1日，白洋中队对背街小巷开展集中整治，清理杂物 30 余处。\n\n"
        f'![队员清理杂物]({stem}/1.jpg "队员清理杂物")\n\n'
        f'![整治后的街面]({stem}/2.jpg "整治后的街面")\n\n'
        f'![图为居民点赞]({stem}/3.jpg "图为居民点赞")\n\n'
        "整治将持续开展。\n"
    )
    assert len(list((root / "content" / "articles" / stem).glob("*.jpg"))) == 3
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 0
