"""问计于民: content/suggestions/<campaign>/campaign.yml + submissions.csv → Campaign.

Spreadsheet exports are messy (GB18030 from Chinese Excel, BOMs, Chinese headers, Excel
dates, trailing empty rows); `load.csvfile` reads them, this module validates each row and
masks personal data as it enters the model. `name` and `contact` never reach the model raw.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from functools import partial
from pathlib import Path, PurePosixPath

from generator.errors import Problem, Severity
from generator.load.csvfile import REQUIRED, Row, parse_excel_datetime, read_table
from generator.load.files import load_yaml_file
from generator.load.xlsx import read_workbook
from generator.messages import msg
from generator.model import Campaign, Suggestion, SuggestionStatus
from generator.parallel import call, fork_map
from generator.privacy import mask_name, mask_text
from generator.urls import SLUG, slugify
from generator.validate.channels import parse_channels
from generator.validate.fields import Fields, closest, type_name

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号", "序号"),
    "received": (
        *("received", "收到时间", "受理日期", "受理时间", "收到日期", "提交时间", "时间"),
        "提交答卷时间",  # 问卷星
    ),
    "name": ("name", "姓名"),
    "region": ("region", "地区", "所在地区"),
    "contact": ("contact", "联系方式", "电话"),
    "theme": ("theme", "主题", "类别"),
    "title": ("title", "标题"),
    "text": ("text", "内容", "建议内容"),
    "status": ("status", "状态", "办理状态"),
    "reply": ("reply", "答复", "答复内容"),
    "featured": ("featured", "精选"),
    "replied": ("replied", "答复时间", "答复日期"),
    "department": ("department", "答复部门", "答复单位", "办理部门"),
}
CAMPAIGN_KEYS = (
    "title",
    "opened",
    "closed",
    "themes",
    "reply_policy",
    "notes",
    "channels",
    "columns",
)
# An online survey's own columns (问卷星): never read, so never published (来源IP above all).
SURVEY_COLUMNS = ("所用时间", "来源", "来源详情", "来源IP", "IP", "IP地址", "总分", "答题时长")
_YES = {"是", "yes", "y", "true", "1", "√", "✓", "精选"}
_NO = {"", "否", "no", "n", "false", "0"}


def campaign_folders(content: Path) -> list[Path]:
    """The campaign folders under content/suggestions, in name order."""
    folder = content / "suggestions"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def read_campaign(
    folder: Path, root: Path, tz: tzinfo, allow: frozenset[str]
) -> tuple[Campaign | None, list[Problem]]:
    """One campaign folder, its rows masked; the problems found."""
    found: list[Problem] = []
    return _campaign(folder, root, tz, found, allow), found


def load_campaigns(
    content: Path,
    root: Path,
    tz: tzinfo,
    problems: list[Problem],
    allow: frozenset[str],
    read: Sequence[tuple[Campaign | None, list[Problem]]] | None = None,
) -> tuple[Campaign, ...]:
    """Every campaign folder, newest first (`read`: the folders already read, in order)."""
    if read is None:
        folders = campaign_folders(content)
        # An archive holds years of campaigns; masking their rows is the slow part.
        tasks = [partial(read_campaign, folder, root, tz, allow) for folder in folders]
        read = fork_map(call, tasks, min_items=8)
    campaigns = []
    for campaign, found in read:
        problems.extend(found)
        if campaign:
            campaigns.append(campaign)
    campaigns.sort(key=lambda c: (c.opened, c.key), reverse=True)
    return tuple(campaigns)


def _campaign(
    folder: Path, root: Path, tz: tzinfo, problems: list[Problem], allow: frozenset[str]
) -> Campaign | None:
    rel = PurePosixPath(folder.relative_to(root).as_posix())
    if not SLUG.fullmatch(folder.name):
        problems.append(
            Problem(
                rel,
                0,
                "(folder)",
                msg("campaign.bad_folder", name=folder.name),
            )
        )
        return None
    settings_path = folder / "campaign.yml"
    if not settings_path.is_file():
        problems.append(Problem(rel / "campaign.yml", 0, "(file)", msg("file.missing")))
        return None
    doc, found = load_yaml_file(settings_path, rel / "campaign.yml")
    problems.extend(found)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(
                rel / "campaign.yml",
                1,
                "(file)",
                msg("file.not_mapping", got=type_name(doc.data)),
            )
        )
        return None
    f = Fields(doc, doc.data, problems)
    before = len(problems)
    f.check_keys(CAMPAIGN_KEYS)
    title = f.text("title", required=True, max_len=100)
    opened = f.day("opened", tz, required=True)
    closed = f.day("closed", tz)
    themes = f.text_list("themes")
    if not themes:
        f.error("themes", msg("campaign.no_themes"))
    named: dict[str, str] = {}
    for index, theme in enumerate(themes):
        # Each theme has its own page, at an address made from its pinyin.
        slug = slugify(theme)
        if slug in named:
            f.error(
                f"themes[{index}]",
                msg("campaign.theme_clash", theme=theme, other=named[slug], slug=slug),
            )
        named.setdefault(slug, theme)
    if opened and closed and closed < opened:
        f.error("closed", msg("campaign.closes_before_opens", closed=closed, opened=opened))
    reply_policy = f.text("reply_policy", max_len=2000) or ""
    notes = f.text("notes", max_len=4000) or ""
    channels, wrong = parse_channels(doc.data.get("channels"))
    for message in wrong:
        where, _, text = message.partition(": ") if message.startswith("[") else ("", "", message)
        line = doc.line(f"channels{where}")
        problems.append(Problem(rel / "campaign.yml", line, f"channels{where}", text))
    columns = _columns(f)
    csv_path, xlsx_path = folder / "submissions.csv", folder / "submissions.xlsx"
    suggestions: list[Suggestion] = []
    if csv_path.is_file() and xlsx_path.is_file():
        problems.append(
            Problem(
                rel / "submissions.xlsx",
                0,
                "(file)",
                msg("campaign.csv_and_xlsx"),
            )
        )
    elif csv_path.is_file() or xlsx_path.is_file():
        path = xlsx_path if xlsx_path.is_file() else csv_path
        suggestions = _suggestions(path, rel / path.name, themes, tz, problems, allow, columns)
    else:
        problems.append(
            Problem(rel / "submissions.csv", 0, "(file)", msg("campaign.no_submissions"))
        )
    if any(p.is_error for p in problems[before:]):
        return None
    assert title and opened
    return Campaign(
        key=folder.name,
        source=rel,
        title=title,
        opened=opened,
        themes=themes,
        suggestions=tuple(suggestions),
        closed=closed,
        reply_policy=reply_policy,
        notes=notes,
        theme_slugs=tuple((theme, slug) for slug, theme in named.items()),
        channels=channels,
        channels_line=f.line("channels") if "channels" in doc.data else f.line("title"),
    )


def _columns(f: Fields) -> dict[str, tuple[str, ...]]:
    """COLUMNS with the headers campaign.yml adds (`columns: {name: 1、您的姓名}`), e.g. for
    an online survey's export."""
    extra = f.data.get("columns")
    merged = dict(COLUMNS)
    if extra is None:
        return merged
    if not isinstance(extra, dict):
        f.error("columns", msg("campaign.columns_mapping"))
        return merged
    for name, headers in extra.items():
        if name not in COLUMNS:
            f.error(
                f"columns.{name}",
                msg(
                    "campaign.unknown_column",
                    name=name,
                    hint=closest(str(name), list(COLUMNS)),
                    known="、".join(COLUMNS),
                ),
            )
            continue
        listed = headers if isinstance(headers, list) else [headers]
        merged[name] = (*COLUMNS[name], *(str(h) for h in listed))
    return merged


def _suggestions(
    path: Path,
    rel: PurePosixPath,
    themes: tuple[str, ...],
    tz: tzinfo,
    problems: list[Problem],
    allow: frozenset[str],
    columns: dict[str, tuple[str, ...]] | None = None,
) -> list[Suggestion]:
    columns = columns or COLUMNS
    # An online survey's export has no 状态 column: its entries are all 待处理 until answered.
    required = REQUIRED if columns == COLUMNS else tuple(c for c in REQUIRED if c != "status")
    if path.suffix == ".xlsx":
        rows, found, locate = read_workbook(path, rel, columns, required, SURVEY_COLUMNS)
    else:
        rows, found = read_table(path, rel, columns, required, SURVEY_COLUMNS)
        locate = None
    problems.extend(found)
    if any(p.is_error for p in found):
        return []
    before = len(problems)
    result = _rows(rows, rel, themes, tz, problems, allow)
    if locate is not None:
        # Problems about cells name the cell as Excel shows it: Sheet1!C7.
        for index in range(before, len(problems)):
            p = problems[index]
            if p.path == rel and p.line > 0:
                problems[index] = Problem(
                    p.path, p.line, locate(p.line, p.field), p.message, p.severity
                )
    return result


def _rows(
    rows: list[Row],
    rel: PurePosixPath,
    themes: tuple[str, ...],
    tz: tzinfo,
    problems: list[Problem],
    allow: frozenset[str],
) -> list[Suggestion]:
    seen: dict[str, int] = {}
    result = []
    for row in rows:
        cells = row.cells
        line = row.line

        def error(column: str, message: str, line: int = line) -> None:
            problems.append(Problem(rel, line, column, message))

        ident = cells.get("id", "")
        if not ident:
            error("id", msg("csv.cell_empty"))
            continue
        if ident in seen:
            error("id", msg("csv.duplicate_id", value=ident, line=seen[ident]))
            continue
        seen[ident] = line
        try:
            received = parse_excel_datetime(cells.get("received", ""), tz)
        except ValueError as exc:
            error("received", str(exc))
            received = None
        theme = cells.get("theme", "")
        if theme not in themes:
            error(
                "theme",
                msg(
                    "csv.unknown_theme",
                    value=theme,
                    hint=closest(theme, themes),
                    themes="、".join(themes),
                ),
            )
        status_text = cells.get("status", "") or SuggestionStatus.PENDING.value
        allowed = [s.value for s in SuggestionStatus]
        if status_text not in allowed:
            error(
                "status",
                msg(
                    "csv.unknown_status",
                    value=status_text,
                    hint=closest(status_text, allowed),
                    allowed="、".join(allowed),
                ),
            )
        featured_text = cells.get("featured", "").strip().lower()
        if featured_text not in _YES | _NO:
            error("featured", msg("csv.featured", value=cells.get("featured")))
        text = cells.get("text", "")
        if not text:
            error("text", msg("csv.cell_empty"))
        replied = None
        if cells.get("replied"):
            try:
                replied = parse_excel_datetime(cells["replied"], tz).date()
            except ValueError as exc:
                error("replied", str(exc))
        if replied and received and replied < received.astimezone(tz).date():
            error(
                "replied",
                msg(
                    "csv.replied_before_received",
                    replied=replied,
                    received=received.astimezone(tz).date(),
                ),
            )
            continue
        if received is None or theme not in themes or status_text not in allowed or not text:
            continue
        if featured_text not in _YES | _NO:
            continue
        status = SuggestionStatus(status_text)
        department = cells.get("department", "")
        if replied and not status.answered:
            problems.append(
                Problem(
                    rel,
                    line,
                    "status",
                    msg("csv.status_vs_reply_date", status=status.value, replied=replied),
                    Severity.WARNING,
                )
            )
        if replied and not department:
            problems.append(
                Problem(
                    rel,
                    line,
                    "department",
                    msg("reply.no_department", example="法制科"),
                    Severity.WARNING,
                )
            )
        reply = cells.get("reply", "")
        if status.answered and not reply:
            problems.append(
                Problem(
                    rel,
                    line,
                    "reply",
                    msg("csv.reply_empty", status=status.value),
                    Severity.WARNING,
                )
            )
        raw_name = cells.get("name", "")
        names = [raw_name] if raw_name else []
        result.append(
            Suggestion(
                id=ident,
                row=line,
                received=received,
                name=mask_name(raw_name) if raw_name else "",
                region=mask_text(cells.get("region", ""), names, allow),
                theme=theme,
                title=mask_text(cells.get("title", ""), names, allow),
                text=mask_text(text, names, allow),
                status=status,
                reply=mask_text(reply, names, allow),
                featured=featured_text in _YES,
                replied=replied,
                department=department,
            )
        )
    result.sort(key=lambda s: (s.received, s.id))
    return result


def campaigns_without_channels(campaigns: Sequence[Campaign], today: date) -> list[Problem]:
    """An open campaign must say how to take part: without a channel an inspector reads it as
    未提供有效咨询建言渠道, a 单项否决 item of the 2019 checklist."""
    return [
        Problem(
            c.source / "campaign.yml",
            c.channels_line,
            "channels",
            msg("campaign.no_channels", period=_period(c)),
        )
        for c in campaigns
        if c.is_open(today) and not c.channels
    ]


def _period(campaign: Campaign) -> str:
    end = f"至 {campaign.closed}" if campaign.closed else "未写结束日期"
    return f"{campaign.opened} 起，{end}"
