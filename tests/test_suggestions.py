"""问计于民: messy spreadsheet exports, masking everywhere, untrusted text stays text."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest

from generator.clock import BEIJING
from generator.errors import ContentError
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
HEADER = "id,received,name,region,contact,theme,title,text,status,reply,featured\n"
HOSTILE = (
    HEADER + "S1,2026-07-03 14:20,张建国,浙江省金华市武义县,13857912345,市容市貌,"
    '"<script>alert(1)</script>","我是张建国，电话13857912345，<img src=x onerror=alert(1)> '
    '[点我](javascript:alert(1)) {{ config }} **粗体**",未采纳,"感谢张建国先生的建议。",是\n'
)


def campaign_portal(write_portal: WritePortal, csv_text: str | bytes) -> Path:
    root = write_portal({"content/suggestions/xianyiji/campaign.yml": CAMPAIGN})
    path = root / "content/suggestions/xianyiji/submissions.csv"
    path.write_bytes(csv_text.encode("utf-8") if isinstance(csv_text, str) else csv_text)
    return root


def test_encodings_give_the_same_digest(write_portal: WritePortal, tmp_path: Path) -> None:
    digests = []
    for name in ("small-utf8.csv", "small-utf8-bom.csv", "small-gb18030.csv"):
        root = campaign_portal(write_portal, (FIXTURES / name).read_bytes())
        campaign = load_portal(Settings(root=root, timezone=BEIJING)).campaigns[0]
        digests.append([(s.id, s.name, s.theme, s.text, s.status) for s in campaign.suggestions])
    assert digests[0] and digests[0] == digests[1] == digests[2]


def test_messy_export_reports_every_bad_row(write_portal: WritePortal) -> None:
    root = campaign_portal(write_portal, (FIXTURES / "messy.csv").read_bytes())
    with pytest.raises(ContentError) as exc:
        load_portal(Settings(root=root, timezone=BEIJING))
    messages = [str(p) for p in exc.value.errors]
    assert any(": status: 没有这个状态“已办结”" in m for m in messages), messages
    assert any(": received: " in m for m in messages), messages
    assert all(m.startswith("content/suggestions/xianyiji/submissions.csv:") for m in messages)


def test_personal_data_is_masked_in_the_model(write_portal: WritePortal) -> None:
    root = campaign_portal(write_portal, HOSTILE)
    (s,) = load_portal(Settings(root=root, timezone=BEIJING)).campaigns[0].suggestions
    assert s.name == "张**"
    assert "13857912345" not in s.text and "张建国" not in s.text and "张建国" not in s.reply
    assert "138****2345" in s.text


def test_hostile_text_is_text_everywhere(write_portal: WritePortal) -> None:
    root = campaign_portal(write_portal, HOSTILE)
    site = root / "site"
    assert build(root, site) == 0
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".xml", ".json", ".csv"}:
            continue
        text = path.read_text(encoding="utf-8-sig")
        assert "13857912345" not in text and "张建国" not in text, path
        if path.suffix == ".csv":
            continue  # CSV cells are plain text for spreadsheets, checked for formulas below
        assert "<script>alert(1)</script>" not in text, path
        assert "<img src=x onerror" not in text and 'href="javascript:' not in text, path
    theme_page = site / "suggestions/xianyiji/shi-rong-shi-mao/index.html"
    html = theme_page.read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ config }}" in html and "**粗体**" in html  # not rendered as template or Markdown
    tree = lxml.html.fromstring(html)
    assert not tree.cssselect("article script, article img[onerror]")


def test_csv_download_neutralises_formulas(write_portal: WritePortal) -> None:
    row = 'S2,2026-07-04,李四,上海市,,交通秩序,"=HYPERLINK(""http://x"")","+1 建议",待处理,,\n'
    root = campaign_portal(write_portal, HEADER + row)
    assert build(root, root / "site") == 0
    data = (root / "site/suggestions/xianyiji/digest.csv").read_text(encoding="utf-8-sig")
    (record,) = list(csv.DictReader(io.StringIO(data)))
    assert record["标题"].startswith("'=") and record["内容"].startswith("'+")


def test_raw_data_files_never_copied(sample_site: Path) -> None:
    assert not list(sample_site.rglob("*.csv")) or all(
        p.name == "digest.csv"
        or p.parent.name in {"tracking", "interaction"}
        # The annual report figures: site/annual/<year>/annual.csv.
        or p.relative_to(sample_site).parts[0] == "annual"
        for p in sample_site.rglob("*.csv")
    )
    assert not list(sample_site.rglob("campaign.yml"))


def _raw_values(path: Path) -> set[str]:
    """Every raw phone, ID, e-mail and full name in a sample submissions.csv."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    values: set[str] = set()
    for row in rows[1:]:
        if len(row) < 8 or not row[0]:
            continue
        name, contact, body = row[2], row[4], row[7]
        if len(name) >= 2:
            values.add(name)
        if contact:
            values.add(contact)
        values.update(re.findall(r"(?<!\d)1[3-9]\d{9}(?!\d)", body))
        values.update(re.findall(r"(?<!\d)\d{17}[\dXx](?!\d)", body))
        values.update(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", body))
    return values


def test_no_personal_data_anywhere_in_the_built_site(sample_site: Path) -> None:
    raw: set[str] = set()
    for path in (ROOT / "content/suggestions").glob("*/submissions.csv"):
        raw |= _raw_values(path)
    assert len(raw) > 100
    for path in sample_site.rglob("*"):
        if not path.is_file() or path.suffix not in {
            ".html",
            ".xml",
            ".json",
            ".csv",
            ".atom",
            ".opml",
            ".gz",
        }:
            continue
        if path.suffix == ".gz":
            continue
        text = path.read_text(encoding="utf-8-sig")
        found = [v for v in raw if v in text]
        assert not found, (path, found[:5])


def test_digest_counts_match_the_csv(sample_site: Path) -> None:
    for path in (ROOT / "content/suggestions").glob("*/submissions.csv"):
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))[1:]
        rows = [r for r in rows if any(c.strip() for c in r)]
        digest = json.loads(
            (sample_site / "suggestions" / path.parent.name / "digest.json").read_bytes()
        )
        assert digest["total"] == len(rows)
        assert sum(digest["by_theme"].values()) == len(rows)
        assert sum(digest["by_status"].values()) == len(rows)
        statuses = {s: sum(1 for r in rows if r[8] == s) for s in digest["by_status"]}
        assert statuses == digest["by_status"]
