"""年度报表: the previous year's 政府网站工作年度报表 is on the site once 31 January has passed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.compute.annual import report_years
from generator.inspect import sources
from generator.inspect.model import Group, Item, Verdict
from generator.model import Portal
from generator.render.annual_pages import annual_url
from generator.settings import Settings


def annual_report(portal: Portal, settings: Settings, as_of: date, site: Path | None) -> Item:
    year = as_of.year - 1
    due = date(as_of.year, 1, 31)
    url = annual_url(year)
    years = report_years(portal, settings.timezone)
    built = site is not None and (site / url / "index.html").is_file()
    evidence = (f"{url}index.html" + ("" if built else "（网站中没有这一页）"),)
    if year in years and (site is None or built):
        where = "" if site is not None else "（网站未生成，按内容判断）"
        finding = f"{year} 年度报表已在 /{url} 公开{where}"
        return Item(
            "annual", "年度报表", Group.POINTS, Verdict.PASS, finding, evidence, sources.ANNUAL
        )
    if as_of <= due:
        finding = f"{year} 年度报表应在 {due} 前公开，现在还没有（{(due - as_of).days} 天后到期）"
        return Item(
            "annual", "年度报表", Group.POINTS, Verdict.NOTE, finding, evidence, sources.ANNUAL
        )
    if year not in years and (not years or years[0] > year):
        first = years[0] if years else as_of.year
        finding = f"网站 {year} 年还没有内容（最早的信息在 {first} 年），不需要 {year} 年度报表"
        return Item("annual", "年度报表", Group.POINTS, Verdict.PASS, finding, (), sources.ANNUAL)
    finding = f"{due} 已过，{year} 年度报表没有公开：{year} 年没有可统计的信息"
    if year in years:
        finding = f"{due} 已过，网站中没有 {year} 年度报表页 /{url}（请重新生成网站）"
    return Item("annual", "年度报表", Group.POINTS, Verdict.FAIL, finding, evidence, sources.ANNUAL)
