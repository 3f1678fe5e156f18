"""问计于民 from Excel: submissions.xlsx read like submissions.csv, 问卷星 exports mapped."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.clock import BEIJING
from generator.load.xlsx import cell_text, column_letter
from generator.settings import Settings
from generator.validate.portal import load_portal

from .conftest import ROOT, WritePortal, build

FIXTURES = ROOT / "tests" / "fixtures" / "suggestions"
CAMPAIGN = """\
title: 我为武义城管献一计
opened: 2026-07-01
closed: 2026-09-30
themes: [行政执法, 市容市貌, 交通秩序, 市场秩序]
"""


def _rows() -> list[list[str]]:
    text = (FIXTURES / "small-utf8.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _workbook(rows: list[list[object]], *, title: str | None = None) -> bytes:
    """A workbook as staff save it: an instructions sheet first, then the data with a merged
    title row above the header; received times as real Excel dates."""
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "填写说明"
    notes["A1"] = "请勿修改表头。"
    data = book.create_sheet("征集结果")
    if title:
        data.append([title])
        data.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        data.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _portal(write_portal: WritePortal, name: str, data: bytes, campaign: str = CAMPAIGN) -> Path:
    root = write_portal({"content/suggestions/xianyiji/campaign.yml": campaign})
    (root / "content/suggestions/xianyiji" / name).write_bytes(data)
    return root


def test_xlsx_and_csv_of_the_same_rows_build_identical_campaign_pages(
    write_portal: WritePortal, tmp_path: Path
) -> None:
    rows = _rows()
    typed: list[list[object]] = [list(rows[0])]
    for row in rows[1:]:
        cells: list[object] = list(row)
        # An Excel date cell, not text (naive: Excel has no time zones).
        cells[1] = datetime.strptime(row[1], "%Y-%m-%d %H:%M") if "-" in row[1] else row[1]  # noqa: DTZ007
        typed.append(cells)
    sites = []
    for name, data in (
        ("submissions.csv", (FIXTURES / "small-utf8.csv").read_bytes()),
        ("submissions.xlsx", _workbook(typed, title="“我为武义城管献一计”征集结果汇总")),
    ):
        root = _portal(write_portal, name, data)
        site = tmp_path / name
        assert build(root, site) == 0
        sites.append(site)
        # The next portal is written into the same folder.
        (root / "content/suggestions/xianyiji" / name).unlink()
    csv_site, xlsx_site = sites
    pages = sorted(
        p.relative_to(csv_site) for p in (csv_site / "suggestions").rglob("*") if p.is_file()
    )
    assert pages and pages == sorted(
        p.relative_to(xlsx_site) for p in (xlsx_site / "suggestions").rglob("*") if p.is_file()
    )
    for page in pages:
        assert (csv_site / page).read_bytes() == (xlsx_site / page).read_bytes(), page


def test_errors_name_the_sheet_and_cell(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[list[object]] = [list(r) for r in _rows()[:6]]
    rows[3][5] = "环境卫生"  # theme, column F, on sheet row 5 (title row, header, then data)
    rows[4][1] = "2026年13月1日"
    root = _portal(write_portal, "submissions.xlsx", _workbook(rows, title="汇总"))
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    rel = "content/suggestions/xianyiji/submissions.xlsx"
    assert f"{rel}:5: 征集结果!F5 theme: 没有这个主题“环境卫生”。" in err
    assert f"{rel}:6: 征集结果!B6 received: " in err


def test_a_workbook_without_the_header_and_a_broken_one(
    write_portal: WritePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _portal(write_portal, "submissions.xlsx", _workbook([["甲", "乙"], ["1", "2"]]))
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert (
        "submissions.xlsx:0: (file): 没有哪个工作表在前 20 行里有写着 id、received、theme、text、status "
        "这些列名的表头（工作表：填写说明、征集结果）"
    ) in err
    (root / "content/suggestions/xianyiji/submissions.xlsx").write_bytes(b"PK\x03\x04broken")
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    assert "submissions.xlsx:0: (file): 不能作为 Excel 工作簿读取" in (capsys.readouterr().err)


WJX_CAMPAIGN = (
    CAMPAIGN
    + """\
columns:
  name: 1、您的姓名
  contact: 2、您的联系电话
  theme: 3、您的建议属于哪一类？
  text: 4、您的建议
"""
)


def test_wenjuanxing_export_maps_headers_and_never_publishes_the_ip(
    write_portal: WritePortal, tmp_path: Path
) -> None:
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来源IP"]
    header += ["1、您的姓名", "2、您的联系电话", "3、您的建议属于哪一类？", "4、您的建议"]
    rows: list[list[object]] = [header]
    first = [1, "2026/7/3 14:20:05", "95秒", "微信", "N/A", "115.236.91.77(浙江-金华)"]
    second = [2, "2026/7/4 9:02:11", "120秒", "手机提交", "直接访问", "36.22.105.8(浙江-杭州)"]
    rows.append([*first, "张建国", "13857912345", "市容市貌", "建议在解放街增设果壳箱。"])
    rows.append([*second, "李敏", "", "交通秩序", "学校门口早高峰停车乱。"])
    root = _portal(write_portal, "submissions.xlsx", _workbook(rows), WJX_CAMPAIGN)
    site = tmp_path / "site"
    assert build(root, site) == 0
    campaign = load_portal(Settings(root=root, timezone=BEIJING)).campaigns[0]
    assert [(s.id, s.name, s.theme, s.text) for s in campaign.suggestions] == [
        ("1", "张**", "市容市貌", "建议在解放街增设果壳箱。"),
        ("2", "李*", "交通秩序", "学校门口早高峰停车乱。"),
    ]
    assert [s.received.isoformat() for s in campaign.suggestions] == [
        "2026-07-03T14:20:05+08:00",
        "2026-07-04T09:02:11+08:00",
    ]
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".atom"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "115.236.91.77" not in text and "36.22.105.8" not in text, path
            assert "张建国" not in text and "13857912345" not in text, path


def test_cells_as_a_csv_export_writes_them() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 52)] == ["A", "Z", "AA", "AZ", "BA"]
    assert cell_text(datetime(2026, 7, 3, 14, 20)) == "2026-07-03 14:20:00"  # noqa: DTZ001 (Excel's are naive)
    assert cell_text(3.0) == "3" and cell_text(46206.5) == "46206.5"
    assert cell_text(True) == "是" and cell_text(None) == "" and cell_text("S1") == "S1"
