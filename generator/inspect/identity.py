"""网站标识 completeness (options and the built footer) and 信息报送 internal data published."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem
from generator.inspect import sources
from generator.inspect.model import Group, Item, Verdict
from generator.settings import Settings

FOOTER_MARKS = ("主办单位", "网站标识码", "联系我们", "网站地图", "我为政府网站找错")


def identity(settings: Settings, problems: list[Problem], site: Path | None) -> Item:
    """`problems`: readiness.identity_problems (missing or malformed options)."""
    evidence = [str(p) for p in problems]
    page = site / "index.html" if site is not None else None
    if page is not None and page.is_file():
        html = page.read_text(encoding="utf-8", errors="replace")
        missing = [m for m in FOOTER_MARKS if m not in html]
        ident = settings.identity
        missing += [v for v in (ident.site_code, ident.icp, ident.police) if v and v not in html]
        if 'class="pt-identity"' not in html or missing:
            lacking = "、".join(missing) or "网站标识"
            evidence.append(
                f"index.html: 页脚缺少 {lacking}（主题没有 partials/portal-identity.html？）"
            )
    elif site is not None:
        evidence.append(f"{site}/index.html: 网站尚未生成，页脚未检查（先运行 portal build）")
    if any("页脚缺少" in e for e in evidence) or any(p for p in problems):
        count = len(problems) + sum("页脚缺少" in e for e in evidence)
        finding = f"网站标识有 {count} 处问题"
        return Item(
            "identity",
            "网站标识",
            Group.POINTS,
            Verdict.FAIL,
            finding,
            tuple(evidence),
            sources.IDENTITY,
        )
    code = settings.identity.site_code
    finding = (
        f"每个页面底部有主办单位、网站标识码 {code}、ICP 和公安备案、党政机关网站标识、找错入口"
    )
    return Item(
        "identity",
        "网站标识",
        Group.POINTS,
        Verdict.PASS,
        finding,
        tuple(evidence),
        sources.IDENTITY,
    )


def tracking(settings: Settings) -> Item:
    """信息报送 shows staff names, shortfalls and points: internal data when published."""
    if settings.tracking and not settings.tracking_internal:
        finding = "信息报送（tracking: public）公开了工作人员姓名、报送缺额和积分等内部工作数据"
        evidence = ("mkdocs.yml: tracking: public", "tracking/index.html")
        return Item(
            "tracking",
            "内部数据公开",
            Group.ADVICE,
            Verdict.NOTE,
            finding,
            evidence,
            sources.PRIVACY,
        )
    state = (
        "不生成"
        if not settings.tracking
        else "仅内部使用（tracking: internal，不进菜单、站点地图和搜索引擎）"
    )
    return Item(
        "tracking",
        "内部数据公开",
        Group.ADVICE,
        Verdict.PASS,
        f"信息报送{state}",
        (),
        sources.PRIVACY,
    )
