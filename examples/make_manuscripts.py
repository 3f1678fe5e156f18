"""Write examples/收稿/第49周/: the week's manuscripts as 信息员 send them (python-docx).

Word documents with the habits `portal import` reads: a bold first line as the title or a
Heading style, `　　` indentation, manual line breaks, empty paragraphs, a byline, a dateline,
photos pasted in with captions under them, a table and a list, `（完）`, an editor's note;
an .odt converted from one of them by LibreOffice (when `soffice` is installed); a GB18030
text file; and a phone photo saved beside a manuscript, with its GPS position.

    .venv/bin/python examples/make_manuscripts.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))

from photos import phone_jpeg  # noqa: E402

WEEK = HERE / "收稿" / "第49周"
INDENT = "\u3000\u3000"


def _photo(seed: int, *, gps: bool = False, rotate: bool = False) -> io.BytesIO:
    return io.BytesIO(phone_jpeg(seed, (1600, 1200), gps=gps, rotate=rotate, quality=80))


def night_market() -> Document:
    """白洋中队: a bold first line, byline under it, two photos with captions, （完）."""
    doc = Document()
    title = doc.add_paragraph()
    run = title.add_run("白洋中队开展开发区夜市占道经营专项整治")
    run.bold = True
    run.font.size = Pt(18)
    doc.add_paragraph("通讯员 朱晓燕")
    doc.add_paragraph("")
    lead = doc.add_paragraph(
        INDENT + "12月1日晚，白洋中队联合开发区管委会，对百花山路夜市开展占道经营专项整治。"
    )
    lead.add_run().add_break()  # Word's manual line break (Shift+Enter)
    lead.add_run("当晚共劝导流动摊贩 31 户，清理占道摊位 17 处，暂扣经营工具 3 件。")
    doc.add_paragraph("")
    doc.add_picture(_photo(101, gps=True, rotate=True), width=Cm(14))
    doc.add_paragraph("图为队员劝导摊主进入疏导点经营。")
    p = doc.add_paragraph(INDENT + "整治中，队员向摊主发放《致流动摊贩的一封信》，讲解")
    p.add_run("《浙江省城市市容和环境卫生管理条例》").bold = True
    p.add_run("的相关规定，引导摊主到百花山路、腾飞路两处临时疏导点规范经营。")
    doc.add_picture(_photo(102), width=Cm(14))
    doc.add_paragraph("▲ 整治后的百花山路恢复通行。")
    doc.add_paragraph(
        INDENT + "下一步，中队将建立夜市巡查长效机制，每晚安排两组队员定点值守。（完）"
    )
    doc.add_paragraph("审核：郑凯")
    return doc


def sanitation() -> Document:
    """市容环卫科: Heading 1 title, 本报讯（通讯员…）lead, a list, a table, a link, 【完】."""
    doc = Document()
    doc.add_heading("城区环卫冬季保洁“百日攻坚”启动", level=1)
    doc.add_paragraph(
        "本报讯（通讯员 应海燕）12月2日，县综合行政执法局召开城区环卫冬季保洁“百日攻坚”动员会，"
        "部署今冬明春城区道路保洁工作。"
    )
    doc.add_heading("三项重点", level=2)
    for item in ("主次干道机扫水洗每日两遍", "背街小巷保洁延长至 22 时", "果壳箱每日擦洗"):
        doc.add_paragraph(item, style="List Number")
    p = doc.add_paragraph("攻坚期间，市民可通过")
    p.add_run("12345 热线").italic = True
    p.add_run("反映保洁问题，详见局网站通知。")
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    rows = (
        ("路段", "保洁频次", "责任单位"),
        ("解放街", "每日 2 次", "城区保洁一队"),
        ("熟溪路", "每日 2 次", "城区保洁二队"),
    )
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_picture(_photo(103), width=Cm(14))
    doc.add_paragraph("（图：动员会现场。）")
    doc.add_paragraph("【完】")
    return doc


def law_talk() -> Document:
    """法制科: 供稿 line, a date at the end, an editor's note; saved as .odt by LibreOffice."""
    doc = Document()
    title = doc.add_paragraph()
    title.add_run("法制科走进壶山社区开展“宪法宣传周”普法活动").bold = True
    doc.add_paragraph("【编者按】本稿请宣传科配图后发布。")
    doc.add_paragraph(
        INDENT + "为迎接12月4日国家宪法日，法制科工作人员走进壶山街道社区，"
        "围绕城市管理中的常见问题，向居民讲解宪法和相关法律法规。"
    )
    doc.add_paragraph(
        INDENT + "活动现场，工作人员发放宣传资料 200 余份，解答居民关于违法建设、"
        "占道经营、养犬管理等方面的咨询 30 余人次。"
    )
    doc.add_paragraph("供稿：法制科")
    doc.add_paragraph("2026年12月3日")
    return doc


TEXT = """\
壶山中队清理解放街沿街乱堆放
　　12月2日上午，壶山中队对解放街沿街店铺门前乱堆放开展集中清理，
共清理杂物 12 处，督促 9 家店铺整改。
　　中队将每周开展一次“回头看”，防止问题反弹。
记者 王强  通讯员 徐丽萍
（完）
"""


def main() -> None:
    if WEEK.exists():
        shutil.rmtree(WEEK)
    WEEK.mkdir(parents=True)
    night_market().save(WEEK / "白洋中队夜市整治.docx")
    # A phone photo the 信息员 sent separately, as the phone saved it (GPS, sideways).
    (WEEK / "白洋中队夜市整治-现场.jpg").write_bytes(
        phone_jpeg(104, (2016, 1512), gps=True, rotate=True, quality=82)
    )
    sanitation().save(WEEK / "市容环卫科冬季保洁.docx")
    (WEEK / "壶山中队乱堆放清理.txt").write_bytes(TEXT.encode("gb18030"))
    soffice = shutil.which("soffice")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "法制科宪法宣传周.docx"
        law_talk().save(source)
        if soffice:
            subprocess.run(
                [soffice, "--headless", "--convert-to", "odt", "--outdir", str(WEEK), str(source)],
                check=True,
                capture_output=True,
            )
        else:
            shutil.copy(source, WEEK / source.name)
    for path in sorted(WEEK.iterdir()):
        print(path.relative_to(HERE))


if __name__ == "__main__":
    main()
