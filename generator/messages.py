"""The one table of messages staff see: an id → Chinese text with `{placeholders}`, and the
handbook section (docs/handbook/, page#anchor) that explains what to do.

Code never writes a staff-facing sentence itself; it calls `msg(id, **values)`, so the same
problem is worded the same way everywhere, and tests/test_messages.py checks that every entry
is Chinese, is used, and links to a handbook section that exists. Field names, ids and file
names stay as they are written in the files (`squad`, `baiyang`, `content/squads.yml`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Message:
    text: str  # Chinese, str.format placeholders
    help: str  # handbook page and anchor: "errors.md#dates"


def _m(text: str, help: str) -> Message:
    return Message(text, help)


E = "errors.md"
L = "legal.md"
MESSAGES: Final[Mapping[str, Message]] = {
    # -- files and encodings ------------------------------------------------------------------
    "file.unreadable": _m("文件无法读取：{reason}", f"{E}#files"),
    "file.missing": _m("文件不存在", f"{E}#files"),
    "file.utf16": _m("文件是 UTF-16 编码；请另存为 UTF-8", f"{E}#encoding"),
    "file.not_utf8": _m("第 {line} 行不是 UTF-8 文字{hint}", f"{E}#encoding"),
    "file.gbk_hint": _m("；看起来是 GBK/GB18030 编码，请另存为 UTF-8", f"{E}#encoding"),
    "file.control_chars": _m(
        "去掉了控制字符 {chars}（从 Word 或微信粘贴时带进来的）", f"{E}#encoding"
    ),
    "file.too_big": _m(
        "文件有 {size:.1f} MB，超过上限 {limit} MB（是不是把图片粘贴进了正文？请把图片另存为文件，放在稿件旁边）",
        f"{E}#files",
    ),
    "file.empty": _m("文件是空的；开头要有两行 --- 之间的稿件信息", f"{E}#front-matter"),
    "file.not_mapping": _m("应当是“字段: 值”的行，实际是{got}", f"{E}#front-matter"),
    # -- front matter -------------------------------------------------------------------------
    "front.not_first_line": _m(
        "稿件信息必须从第一行开始；删掉 --- 上面的 {count} 个空行", f"{E}#front-matter"
    ),
    "front.fake_fence": _m(
        "“{line}”不是 ---；稿件信息的开头和结尾都是三个英文减号 ---", f"{E}#front-matter"
    ),
    "front.no_start": _m("文件开头必须是两行 --- 之间的稿件信息", f"{E}#front-matter"),
    "front.not_closed": _m("稿件信息没有结束：加一行 ---", f"{E}#front-matter"),
    "front.not_mapping": _m("稿件信息必须是“字段: 值”的行", f"{E}#front-matter"),
    # -- YAML syntax ----------------------------------------------------------------------------
    "yaml.tab": _m("这一行有 Tab 字符；YAML 要用空格缩进，不要用 Tab", f"{E}#yaml"),
    "yaml.full_width_space": _m("用了全角空格（U+3000）缩进；请改用普通空格", f"{E}#yaml"),
    "yaml.full_width_colon": _m(
        "“{key}”后面是中文冒号（：）；要用英文冒号加一个空格：{key}: …", f"{E}#yaml"
    ),
    "yaml.no_space": _m("冒号后面要有一个空格：“{key}: {value}…”", f"{E}#yaml"),
    "yaml.colon_in_value": _m(
        "“{key}”的值里有英文冒号加空格；把整个值用引号括起来：{key}: '…: …'", f"{E}#yaml"
    ),
    "yaml.quote_inside": _m(
        '“{key}”的值用英文双引号括起来，里面又有英文双引号，值在第二个 " 处就结束了。'
        "改用中文引号（“”或「」）、外面改用单引号，或者去掉外面的引号：{key}: {fixed}",
        f"{E}#quotes",
    ),
    "yaml.single_quote_inside": _m(
        "“{key}”的值用英文单引号括起来，里面又有单引号；里面的单引号要写两次（''），"
        "或者去掉外面的引号：{key}: {fixed}",
        f"{E}#quotes",
    ),
    "yaml.unclosed_quote": _m("引号没有闭合（缺少结尾的 {quote}）", f"{E}#quotes"),
    "yaml.syntax": _m("YAML 格式错误：{detail}", f"{E}#yaml"),
    "yaml.error": _m("YAML 错误：{detail}", f"{E}#yaml"),
    "yaml.bad_char": _m("YAML 不允许字符 U+{code:04X}；请删掉它", f"{E}#yaml"),
    "yaml.alias": _m("这里不允许 YAML 锚点和别名（& 和 *）", f"{E}#yaml"),
    "yaml.anchor": _m("不允许 YAML 锚点和别名（& 和 *）；请把每个值完整写出", f"{E}#yaml"),
    "yaml.tag": _m("不允许 YAML 标签“{tag}”；只写文字、数字、列表和“字段: 值”的行", f"{E}#yaml"),
    "yaml.too_many_values": _m("数据太多（超过 {limit} 个 YAML 值）", f"{E}#yaml"),
    "yaml.too_deep": _m("列表和映射嵌套超过 {limit} 层", f"{E}#yaml"),
    "yaml.key_not_text": _m("字段名必须是普通文字", f"{E}#yaml"),
    "yaml.duplicate_key": _m("字段重复（第 {line} 行已经写过）", f"{E}#yaml"),
    "yaml.long_number": _m("{digits} 位的数字太长；如果是文字，请加引号", f"{E}#yaml"),
    "yaml.merge_key": _m("不允许合并键（<<）；请把字段一一写出", f"{E}#yaml"),
    "yaml.empty_key": _m("有一个字段名是空的（冒号前面什么也没有）", f"{E}#yaml"),
    "yaml.hidden_chars": _m(
        "字段名里有看不见的字符 {chars}（粘贴来的？）；删掉这个字段名重新输入", f"{E}#yaml"
    ),
    # -- fields ---------------------------------------------------------------------------------
    "field.unknown_key": _m("未知字段，已忽略{hint}", f"{E}#unknown-key"),
    "field.did_you_mean": _m("（是不是“{match}”？）", f"{E}#unknown-key"),
    "field.required_missing": _m("缺少必填字段", f"{E}#required"),
    "field.required_empty": _m("必填字段是空的", f"{E}#required"),
    "field.expected_text": _m("应当是文字，实际是{got}", f"{E}#types"),
    "field.number_as_text": _m("应当是文字，实际是数字（{value}）；请加引号", f"{E}#types"),
    "field.too_long": _m("太长（{length} 个字符，最多 {limit} 个）", f"{E}#types"),
    "field.expected_integer": _m("应当是整数，实际是{got}", f"{E}#types"),
    "field.at_least": _m("至少是 {minimum}，实际是 {value}", f"{E}#types"),
    "field.expected_bool": _m("应当是 true 或 false，实际是{got}", f"{E}#types"),
    "field.expected_date": _m(
        "应当是日期，例如 2026-05-12 或 2026-05-12 09:30，实际是{got}", f"{E}#dates"
    ),
    "field.year_range": _m("年份 {year} 超出范围（{low}-2100）", f"{E}#dates"),
    "field.far_future": _m("{day} 比今天（{today}）晚一年以上；年份是不是打错了？", f"{E}#dates"),
    "field.unknown_value": _m("没有这个值“{value}”{hint}。可以写：{allowed}", f"{E}#types"),
    "field.expected_list": _m("应当是列表，实际是{got}", f"{E}#types"),
    "field.too_many": _m("项目太多（{count} 项，最多 {limit} 项）", f"{E}#types"),
    "field.expected_mapping": _m("应当是“字段: 值”的行，实际是{got}", f"{E}#types"),
    "field.bad_id": _m(
        "“{value}”不是有效的 id（只用小写字母 a-z、数字和 -，例如 baiyang）", f"{E}#ids"
    ),
    "field.reserved_id": _m("“{value}”是 Windows 保留的设备名；请换一个 id", f"{E}#ids"),
    "field.not_url": _m("“{value}”不是 http(s) 网址", f"{E}#types"),
    # type names, as the messages above put them after 实际是
    "type.text": _m("文字", f"{E}#types"),
    "type.integer": _m("整数", f"{E}#types"),
    "type.number": _m("数字", f"{E}#types"),
    "type.bool": _m("是非值（true/false）", f"{E}#types"),
    "type.list": _m("列表", f"{E}#types"),
    "type.mapping": _m("“字段: 值”的行", f"{E}#types"),
    "type.empty": _m("空值", f"{E}#types"),
    # -- dates ----------------------------------------------------------------------------------
    "date.bad": _m(
        "“{text}”不是日期或时间。可以写：2026-05-12、2026-05-12 09:30、2026/5/12、"
        "2026年5月12日、2026年5月12日 09:30",
        f"{E}#dates",
    ),
    "date.no_such_day": _m("没有这一天：“{text}”", f"{E}#dates"),
    "date.no_such_time": _m("没有这个时刻：“{text}”", f"{E}#dates"),
    # -- ids and names ----------------------------------------------------------------------------
    "ref.unknown": _m("没有这个{what}“{value}”。{hint}", f"{E}#unknown-id"),
    "ref.is_name": _m("要写{what}的 id，不是名称：{name} 的 id 是 {ident}", f"{E}#unknown-id"),
    "ref.closest": _m("最接近的：{items}", f"{E}#unknown-id"),
    "ref.all": _m("全部：{items}", f"{E}#unknown-id"),
    "ref.none": _m("{file} 里还没有任何{what}", f"{E}#unknown-id"),
    "what.squad": _m("单位", f"{E}#unknown-id"),
    "what.outlet": _m("媒体", f"{E}#unknown-id"),
    "what.category": _m("栏目", f"{E}#unknown-id"),
    "what.domain": _m("执法领域", f"{E}#unknown-id"),
    "what.regulation": _m("法规", f"{E}#unknown-id"),
    # -- articles -------------------------------------------------------------------------------
    "article.bad_file_name": _m(
        "“{name}”：文件名请写成 2026-05-12-night-market.md 这样（小写字母 a-z、数字和 -）",
        "writing.md#file-name",
    ),
    "article.same_url": _m(
        "和 {other} 的网址相同（/{url}）；请给其中一个改名", "writing.md#file-name"
    ),
    "article.submitted_after_date": _m(
        "报送时间 {submitted} 晚于发布时间 {published}（第 {date_line} 行的 date）",
        f"{E}#dates",
    ),
    "article.unknown_edition": _m(
        "没有第 {number} 期美丽家园（editions.yml 里是第 1-{last} 期）", "writing.md#edition"
    ),
    "article.bad_feed_id": _m(
        "“{value}”不是订阅 id；请写稿件原来的 tag: 或 http(s) 地址，"
        "例如 tag:cgj.example.gov.cn,2020-03-01:news/123（或者不写 id）",
        "writing.md#id",
    ),
    "article.no_body": _m("稿件没有正文", "writing.md#body"),
    "article.placeholder": _m(
        "还没有填写：仍是 portal import 留下的“{value}”。稿件已设为发布（status: published），"
        "发布前必须填好这一项（或先改回 status: draft）",
        "weekly.md#draft-problems",
    ),
    "article.placeholder_draft": _m(
        "还没有填写：仍是 portal import 留下的“{value}”；草稿可以先放着，发布前必须填好",
        "weekly.md#draft-problems",
    ),
    "article.unpublished_left_out": _m(
        "这篇是{kind}（status: {status}），不上网站：上面的问题不影响生成网站，"
        "但改好之前这篇不计入信息报送；改成 status: published 之前必须改好",
        "weekly.md#draft-problems",
    ),
    "article.kind_draft": _m("草稿", "weekly.md#draft-problems"),
    "article.kind_rejected": _m("退稿", "weekly.md#draft-problems"),
    "placement.bad_url": _m("“{value}”不是 http(s) 网址", "writing.md#placements"),
    "placement.before_submitted": _m(
        "用稿日期 {day} 早于报送日期 {submitted}", "writing.md#placements"
    ),
    "placement.twice": _m("同一次用稿（{outlet}，{day}）写了两次", "writing.md#placements"),
    "page.bad_file_name": _m("“{name}”：文件名只用小写字母 a-z、数字和 -", "writing.md#file-name"),
    # -- registries -----------------------------------------------------------------------------
    "registry.duplicate_id": _m("id “{value}”重复（第 {line} 行已经有了）", f"{E}#ids"),
    "registry.quota_type": _m(
        "应当是一个数，或 {{from, per_week}} 的列表，实际是{got}", "tracking.md#quota"
    ),
    "registry.quota_order": _m("任务数的各段要按日期先后排列", "tracking.md#quota"),
    "registry.points_type": _m("应当是“级别: 积分”的行，实际是{got}", "tracking.md#points"),
    "registry.edition_twice": _m("第 {number} 期写了两次", "writing.md#edition"),
    "redirect.bad_path": _m(
        "“{value}”不是本网站的路径（例如 news/2026/05/night-market/）", f"{E}#moved"
    ),
    "redirect.same": _m("转向的地址必须和原地址不同", f"{E}#moved"),
    "redirect.twice": _m("/{path} 转向了两次（第 {line} 行已经有了）", f"{E}#moved"),
    "redirect.from_is_page": _m("/{path} 是网站上现有的页面，不能再转走；删掉这一行", f"{E}#moved"),
    "redirect.to_missing": _m("/{path} 不是网站上的页面", f"{E}#moved"),
    "content.no_folder": _m("内容文件夹不存在", "index.md#folder"),
    "path.broken_link": _m("符号链接失效或循环；已拒绝", f"{E}#files"),
    "path.link_outside": _m("符号链接指向内容文件夹以外；已拒绝", f"{E}#files"),
    "path.windows_forbidden": _m(
        "“{name}”含有 Windows 不允许的字符 {chars}；请改名", f"{E}#file-names"
    ),
    "path.windows_trailing": _m(
        "“{name}”以点或空格结尾，Windows 会丢掉它；请改名", f"{E}#file-names"
    ),
    "path.windows_reserved": _m(
        "“{name}”是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1-9、LPT1-9），网站无法复制到 Windows 电脑；请改名",
        f"{E}#file-names",
    ),
    "path.markdown_elsewhere": _m(
        "不会发布：Markdown 文件只有直接放在 {folders} 里、以 .md 结尾才会读取", f"{E}#file-names"
    ),
    "page.section_name": _m(
        "网址 /{key}/ 与网站自己的 {key}/ 栏目相同；请给文件改名", "writing.md#file-name"
    ),
    # -- 问计于民 ----------------------------------------------------------------------------------
    "campaign.bad_folder": _m(
        "“{name}”：征集活动的文件夹名只用小写字母 a-z、数字和 -", "suggestions.md#campaign"
    ),
    "campaign.no_themes": _m(
        "请列出活动的主题，例如 [行政执法, 市容市貌]", "suggestions.md#campaign"
    ),
    "campaign.theme_clash": _m(
        "“{theme}”和“{other}”的网址都会是 {slug}/；请改掉一个", "suggestions.md#campaign"
    ),
    "campaign.closes_before_opens": _m(
        "截止日期 {closed} 早于开始日期 {opened}", "suggestions.md#campaign"
    ),
    "csv.cell_empty": _m("必填的单元格是空的", "suggestions.md#csv"),
    "csv.duplicate_id": _m("编号“{value}”重复（第 {line} 行已经有了）", "suggestions.md#csv"),
    "csv.unknown_theme": _m(
        "没有这个主题“{value}”{hint}。campaign.yml 的主题：{themes}", "suggestions.md#csv"
    ),
    "csv.unknown_status": _m(
        "没有这个状态“{value}”{hint}。可以写：{allowed}", "suggestions.md#csv"
    ),
    "csv.featured": _m("“{value}”：写“是”或者留空", "suggestions.md#csv"),
    "csv.replied_before_received": _m(
        "答复日期 {replied} 早于收到日期 {received}", "suggestions.md#csv"
    ),
    "csv.status_vs_reply_date": _m(
        "状态是“{status}”，却有答复日期 {replied}；请把状态改成答复的结果（采纳、部分采纳、已答复、未采纳）",
        "suggestions.md#csv",
    ),
    "reply.no_department": _m("请写明答复部门，例如 {example}", "suggestions.md#csv"),
    "csv.reply_empty": _m("状态是“{status}”，答复却是空的", "suggestions.md#csv"),
    "csv.nul_bytes": _m(
        "文件里有 NUL 字节（没有 BOM 的 UTF-16？），编码无法识别；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
        "suggestions.md#csv",
    ),
    "csv.broken_utf16": _m(
        "UTF-16 文字已损坏；请重新另存为“CSV UTF-8（逗号分隔）”", "suggestions.md#csv"
    ),
    "csv.unknown_encoding": _m(
        "不是 UTF-8、GB18030 或 UTF-16 文字，编码无法识别；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
        "suggestions.md#csv",
    ),
    "csv.too_big": _m("文件有 {size:.1f} MB，超过上限 {limit} MB", "suggestions.md#csv"),
    "csv.empty": _m("文件是空的；第一行要写列名：{names}", "suggestions.md#csv"),
    "csv.cell_count": _m(
        "这一行有 {cells} 个单元格，表头有 {columns} 列；少了或多了逗号（含逗号的单元格要用引号括起来）",
        "suggestions.md#csv",
    ),
    "csv.unclosed_quote": _m(
        '从这一行开始的带引号单元格没有闭合（缺少结尾的 "）', "suggestions.md#csv"
    ),
    "csv.quote_in_cell": _m(
        '单元格里的引号不对：整个单元格用引号括起来，里面的引号写两次（""）', "suggestions.md#csv"
    ),
    "csv.cell_too_long": _m("单元格超过 {limit} 个字符", "suggestions.md#csv"),
    "csv.known_columns": _m("（可以用的列：{names}）", "suggestions.md#csv"),
    "csv.did_you_mean_column": _m("（是不是“{match}”，即 {canonical}？）", "suggestions.md#csv"),
    "csv.error": _m("CSV 格式错误：{detail}", "suggestions.md#csv"),
    "csv.unknown_column": _m("未知的列“{name}”，已忽略{hint}", "suggestions.md#csv"),
    "csv.same_column": _m(
        "“{first}”和“{second}”两列都是 {canonical}；请只保留一列", "suggestions.md#csv"
    ),
    "csv.missing_column": _m("缺少必需的列（可以用的列名：{accepted}）", "suggestions.md#csv"),
    "csv.date_empty": _m("是空的；请写日期，例如 2026-07-03 14:20", "suggestions.md#csv"),
    "csv.date_bad": _m(
        "“{text}”不是日期或时间（可以写 2026-07-03 14:20、2026/7/3、2026年7月3日）",
        "suggestions.md#csv",
    ),
    "campaign.csv_and_xlsx": _m(
        "submissions.csv 和 submissions.xlsx 都在；请只保留最新的一个", "suggestions.md#excel"
    ),
    "campaign.no_submissions": _m("文件不存在（也没有 submissions.xlsx）", "suggestions.md#csv"),
    "campaign.columns_mapping": _m(
        "每列写一行“列名: 表头”，例如 name: 1、您的姓名", "suggestions.md#columns"
    ),
    "campaign.unknown_column": _m(
        "没有这一列“{name}”{hint}。可以写：{known}", "suggestions.md#columns"
    ),
    "xlsx.unreadable": _m(
        "不能作为 Excel 工作簿读取（{kind}）；请用 Excel/WPS 重新另存为 .xlsx，不要设密码",
        "suggestions.md#excel",
    ),
    "xlsx.no_sheets": _m("（没有工作表）", "suggestions.md#excel"),
    "xlsx.no_header": _m(
        "没有哪个工作表在前 {rows} 行里有写着 {columns} 这些列名的表头（工作表：{sheets}）",
        "suggestions.md#excel",
    ),
    # -- 法律咨询台 and 法规摘要 ---------------------------------------------------------------------
    "law.bad_number": _m("“{value}”不是条号（写 30、第30条 或 第三十条）", f"{L}#basis"),
    "law.number_range": _m("条号超出范围：{number}", f"{L}#basis"),
    "law.bad_chinese_number": _m("“{value}”不是中文数字", f"{L}#regulation-fields"),
    "law.summarised_twice": _m(
        "{label}摘录了两次（第 {line} 行已经有了）", f"{L}#regulation-fields"
    ),
    "law.bad_file_name": _m(
        "“{name}”：文件名就是法规的 id，只用 a-z、0-9 和 -", f"{L}#regulation-fields"
    ),
    "law.effective_before_adopted": _m(
        "施行日期 {effective} 早于通过日期 {adopted}", f"{L}#regulation-fields"
    ),
    "law.repealed_needs_successor": _m(
        "标为“已废止”的法规要写明被哪部法规取代（repealed_by）", f"{L}#regulation-fields"
    ),
    "law.repealed_by_not_repealed": _m(
        "写了 repealed_by，状态却是“{status}”而不是“已废止”", f"{L}#regulation-fields"
    ),
    "law.repeals_itself": _m("法规不能被它自己取代", f"{L}#regulation-fields"),
    "law.not_summarised": _m("{label}不在 {law} 的摘要里（已摘录：{summarised}）", f"{L}#basis"),
    "law.none": _m("无", f"{L}#basis"),
    "law.cites_draft": _m("{law} 是草稿（draft: true），还没有发布；请先发布再引用", f"{L}#basis"),
    "law.cites_repealed": _m(
        "引用的{title}（{law}）已废止；请改为引用取代它的“{successor}”", f"{L}#basis"
    ),
    "law.not_yet_in_force": _m(
        "{title}要到 {effective} 才生效（尚未生效），晚于这条答复的日期 {day}", f"{L}#basis"
    ),
    "law.not_in_force_then": _m(
        "{title}于 {effective} 施行，晚于这篇的日期 {day}：当时还不适用", f"{L}#basis"
    ),
    "qa.bad_file_name": _m(
        "“{name}”：文件名请写成 vegetables-on-green-space.md 这样", f"{L}#qa-fields"
    ),
    "qa.replied_before_received": _m(
        "答复日期 {replied} 早于受理日期 {received}", f"{L}#qa-fields"
    ),
    "qa.published_before_received": _m(
        "发布日期 {published} 早于受理日期 {received}", f"{L}#qa-fields"
    ),
    "qa.no_answer": _m("答复是空的", f"{L}#qa-fields"),
    # -- images and links ---------------------------------------------------------------------------
    "link.no_alt": _m(
        "图片“{target}”没有图片说明；请为看不见图片的读者写一句：![说明]({target})",
        "writing.md#body",
    ),
    "link.image_no_file": _m("图片没有写文件名：![说明](photo.jpg)", "writing.md#body"),
    "link.on_computer": _m(
        "{what}“{target}”是某台电脑上的文件；请把它复制到 content/ 里这个文件旁边，用文件名引用",
        "writing.md#body",
    ),
    "link.data_image": _m(
        "图片以 data: 文字粘贴在正文里；请另存为文件放在这个文件旁边，用文件名引用",
        "writing.md#body",
    ),
    "link.hotlinked": _m(
        "{what}“{target}”来自 {host}；请存一份放在这个文件旁边（别的网站，包括微信，可能不让这里显示它们的图片）",
        "writing.md#body",
    ),
    "link.backslash": _m("{what}“{target}”：路径请用 /（不要用 \\）", "writing.md#body"),
    "link.outside": _m("{what}“{target}”指向内容文件夹以外", "writing.md#body"),
    "link.not_found": _m("{what}“{target}”不存在（没有 content/{resolved}）", "writing.md#body"),
    "link.image_not_published": _m(
        "{what}“{target}”不会发布（会发布的文件类型：{kinds}）", "writing.md#body"
    ),
    "link.page_not_published": _m(
        "{what}“{target}”不是已发布的页面（草稿？），链接会打不开", "writing.md#body"
    ),
    "link.file_not_published": _m(
        "{what}“{target}”不会发布（只发布 content/ 下的图片和文档）", "writing.md#body"
    ),
    "link.absolute": _m(
        "{what}“{target}”只在网站位于域名根目录时有效；请写成相对这个文件的路径：{relative}",
        "writing.md#body",
    ),
    "what.image": _m("图片", "writing.md#body"),
    "what.link": _m("链接", "writing.md#body"),
    # -- photos (images.py: the build's image step; audit.py) ----------------------------------
    "image.unreadable": _m("不是可识别的图片（文件已损坏，或不是图片）", "writing.md#photos"),
    "image.too_many_pixels": _m(
        "图片过大：{width} x {height} 像素，超过 {limit} 万像素上限（可能是“解压炸弹”），请缩小后再用",
        "writing.md#photos",
    ),
    "image.bomb": _m("图片像素过多，疑似“解压炸弹”，拒绝处理（{detail}）", "writing.md#photos"),
    "image.truncated": _m("图片不完整或已损坏（{detail}）", "writing.md#photos"),
    "image.lying_suffix": _m(
        "内容是 {found} 图片，扩展名却是 {suffix}：已按 {wanted} 发布", "writing.md#photos"
    ),
    "image.svg_entity": _m(
        "SVG 含有实体声明（<!ENTITY），不予发布；请导出为 PNG", "writing.md#photos"
    ),
    "image.svg_not_xml": _m("SVG 不是有效的 XML（{detail}）", "writing.md#photos"),
    "image.svg_element": _m(
        "SVG 含有 <{name}>，可能执行脚本，不予发布；请导出为 PNG", "writing.md#photos"
    ),
    "image.svg_handler": _m(
        "SVG 含有事件属性 {attr}，可能执行脚本，不予发布；请导出为 PNG", "writing.md#photos"
    ),
    "image.svg_outside": _m(
        "SVG 链接到外部内容（{target}），不予发布；请导出为 PNG", "writing.md#photos"
    ),
    "image.svg_style": _m(
        "SVG 的样式引用外部内容（url(…) 或 @import），不予发布", "writing.md#photos"
    ),
    "image.needs_heif": _m(
        "HEIC 照片需要 pillow-heif：pip install pillow-heif", "weekly.md#import-photos"
    ),
    "image.build_failed": _m("图片无法发布，网站没有生成（原网站保持不变）：", "writing.md#photos"),
    "image.audit_failed": _m(
        "发布的图片仍带有个人信息，网站没有替换（原网站保持不变）：", "writing.md#photos"
    ),
    "image.metadata_left": _m("图片仍带有{what}元数据，不能发布", "writing.md#photos"),
    "image.meta_gps": _m("GPS 位置", "writing.md#photos"),
    "image.meta_owner": _m("拍摄者（{fields}）", "writing.md#photos"),
    "image.meta_xmp_gps": _m("XMP 中的 GPS 位置", "writing.md#photos"),
    "article.bad_image": _m(
        "“{value}”不是这篇稿件旁边的照片（.jpg、.png、.gif 或 .webp 文件，路径相对于 content/articles/，"
        "和正文里的图片写法一样）",
        "writing.md#image",
    ),
    # -- portal import: reading manuscripts (manuscripts/) --------------------------------------
    "help.import": _m("稿件导入：Word、WPS、ODT、RTF、文本稿件和照片变成草稿", "weekly.md#import"),
    "help.import_paths": _m("稿件文件或文件夹（文件夹里的稿件全部导入）", "weekly.md#import"),
    "help.import_squad": _m("每篇稿件的单位 id（默认从署名认出）", "weekly.md#import-todo"),
    "help.import_category": _m(
        "栏目（默认 mkdocs.yml 里的第一个，草稿里标出 TODO）", "weekly.md#import-todo"
    ),
    "help.import_submitted": _m(
        "报送时间，例如 2026-11-28 17:00（默认用文件的修改时间）", "weekly.md#import-todo"
    ),
    "help.import_status": _m("draft 草稿（默认）或 published 直接发布", "weekly.md#import"),
    "help.dry_run": _m("只列出结果，不写任何文件", "weekly.md#import"),
    "import.not_found": _m("找不到：{paths}", "weekly.md#import"),
    "import.nothing": _m("没有找到稿件", "weekly.md#import"),
    "import.dry_run": _m("（试运行，未写入任何文件）", "weekly.md#import"),
    "import.unsupported": _m(
        "不支持的文件类型 {suffix}（可以导入 .docx、.doc、.wps、.odt、.rtf、.txt、.md）",
        "weekly.md#import-unreadable",
    ),
    "import.no_suffix": _m("（无扩展名）", "weekly.md#import-unreadable"),
    "import.too_big": _m("文件过大（{size} MB），请拆分后再导入", "weekly.md#import-unreadable"),
    "import.empty": _m("文件是空的", "weekly.md#import-unreadable"),
    "import.no_text": _m("文档里没有文字", "weekly.md#import-unreadable"),
    "import.password": _m(
        "文档设置了打开密码：请在 Word/WPS 中取消密码后另存为 .docx", "weekly.md#import-unreadable"
    ),
    "import.not_docx": _m(
        "不是 Word 文档（压缩包里没有 word/document.xml）", "weekly.md#import-unreadable"
    ),
    "import.unzipped_too_big": _m("文档解压后过大，拒绝读取", "weekly.md#import-unreadable"),
    "import.corrupt": _m(
        "文件已损坏：不是有效的 .docx（请用 Word/WPS 打开后重新保存）",
        "weekly.md#import-unreadable",
    ),
    "import.unparsable": _m("文档内容无法解析（{kind}）", "weekly.md#import-unreadable"),
    "import.converter_note": _m("转换时未能保留：{detail}", "weekly.md#import-unreadable"),
    "import.needs_libreoffice": _m(
        "{suffix} 文件需要 LibreOffice 转换，本机没有安装：请运行 "
        "`apt-get install -y libreoffice-writer-nogui`，或在 Word/WPS 中另存为 .docx 后再导入",
        "weekly.md#import-unreadable",
    ),
    "import.convert_timeout": _m(
        "LibreOffice 转换超时（{seconds} 秒）：文件可能已损坏或设置了密码",
        "weekly.md#import-unreadable",
    ),
    "import.soffice_failed": _m("无法运行 LibreOffice（{reason}）", "weekly.md#import-unreadable"),
    "import.convert_failed": _m(
        "LibreOffice 无法转换此 {suffix} 文件：文件可能已损坏或设置了密码",
        "weekly.md#import-unreadable",
    ),
    "import.encoding": _m(
        "无法识别文字编码：请另存为 UTF-8 文本或 .docx", "weekly.md#import-unreadable"
    ),
    "import.same_text": _m("正文与 {key} 相同", "weekly.md#import-duplicates"),
    "import.similar_title": _m(
        "标题与 {key}（{title}）相似度 {score:.2f}", "weekly.md#import-duplicates"
    ),
    "import.submitted_given": _m("导入时指定（--submitted）", "weekly.md#import-todo"),
    "import.submitted_mtime": _m("文件修改时间", "weekly.md#import-todo"),
    "import.submitted_note": _m("报送时间 submitted：{how}", "weekly.md#import-todo"),
    "import.todo": _m("待核对 TODO：{what}", "weekly.md#import-todo"),
    "import.removed": _m("已删除：{text}", "weekly.md#import"),
    "import.photo_count": _m("{count} 张图片", "weekly.md#import-photos"),
    "import.photo_orphan": _m("没有对应的稿件（图片名应以稿件名开头）", "weekly.md#import-photos"),
    "import.photo_failed": _m("第 {number} 张图片未导入：{reason}", "weekly.md#import-photos"),
    "import.no_caption": _m("图片 {name} 没有图注", "weekly.md#import-photos"),
    "import.credit_unit": _m("供稿单位“{name}”", "weekly.md#import"),
    "import.credit_officer": _m("{person}是{unit}信息员", "weekly.md#import"),
    "import.credit_many": _m("署名指向多个单位（{units}）", "weekly.md#import-todo"),
    # -- portal import: the draft's front matter comments (manuscripts/drafts.py) -----------------
    "draft.no_title": _m("TODO: 稿件没有标题（第一行不是标题），请填写", "weekly.md#import-todo"),
    "draft.todo_title": _m("没有找到标题", "weekly.md#import-todo"),
    "draft.date_in_lead": _m("导语中的日期", "weekly.md#import-todo"),
    "draft.date_at_end": _m("文末日期", "weekly.md#import-todo"),
    "draft.no_date": _m("TODO: 稿件中没有找到日期，暂用收稿时间，请核对", "weekly.md#import-todo"),
    "draft.todo_date": _m("没有找到日期", "weekly.md#import-todo"),
    "draft.date_from": _m("稿件{how}", "weekly.md#import-todo"),
    "draft.date_before_submitted": _m(
        "稿件{how} {day}；发布时间不能早于收稿时间，暂用收稿时间", "weekly.md#import-todo"
    ),
    "draft.end_mark": _m("（完）", "weekly.md#import"),
    "draft.squad_given": _m("导入时指定（--squad）", "weekly.md#import-todo"),
    "draft.squad_from": _m("署名：{reason}", "weekly.md#import-todo"),
    "draft.byline_no_unit": _m("署名中没有 squads.yml 里的单位或信息员", "weekly.md#import-todo"),
    "draft.no_byline": _m("稿件没有署名", "weekly.md#import-todo"),
    "draft.squad_todo": _m(
        "TODO: {why}，请填写单位 id（或导入时用 --squad）", "weekly.md#import-todo"
    ),
    "draft.unknown_names": _m("squads.yml 中没有：{names}", "weekly.md#import-todo"),
    "draft.no_author": _m("TODO: 稿件没有署名作者", "weekly.md#import-todo"),
    "draft.todo_author": _m("没有找到作者", "weekly.md#import-todo"),
    "draft.author_placeholder": _m("作者姓名", "weekly.md#import-todo"),
    "draft.no_category": _m(
        "TODO: 导入时未指定栏目（--category），暂用第一个栏目，请核对", "weekly.md#import-todo"
    ),
    "draft.origin": _m("导入自 {origin}（portal import）", "weekly.md#import"),
    # -- 互动交流 -------------------------------------------------------------------------------------
    "overdue.question": _m(
        "待答复：自{since} {day} 起已 {days} 天未答复{limit}；请答复后加上 replied: 和 department:",
        "inspection.md#overdue",
    ),
    "overdue.suggestion": _m(
        "待答复：自{since} {day} 起已 {days} 天未答复{limit}；请答复后填写状态和答复日期",
        "inspection.md#overdue",
    ),
    "overdue.since_received": _m("受理", "inspection.md#overdue"),
    "overdue.since_published": _m("发布", "inspection.md#overdue"),
    "overdue.fails": _m("（超过三个月未答复：网站检查按未办理计）", "inspection.md#overdue"),
    "overdue.warns": _m(
        "（超过 {warn} 天；超过 {fail} 天网站检查按未办理计）", "inspection.md#overdue"
    ),
    # -- periods ------------------------------------------------------------------------------------
    "week.bad": _m("“{text}”不是 ISO 周（例如 2026-W18）", "tracking.md#counting"),
    "week.no_such": _m("没有这一周：“{text}”", "tracking.md#counting"),
    "period.bad": _m(
        "“{text}”不是日期或 ISO 周（例如 2026-05-01 或 2026-W18）", "tracking.md#counting"
    ),
    # -- portal new ---------------------------------------------------------------------------------
    "new.exists": _m("{path} 已经存在；请用 --slug 另起一个网址名", "weekly.md#new"),
    "new.empty": _m("{option} 是空的", "weekly.md#new"),
    "new.bad_slug": _m("网址名“{slug}”只能用小写字母 a-z、数字和 -", "weekly.md#new"),
    "new.unknown_level": _m(
        "没有这个效力级别“{value}”。可以写：{allowed}", f"{L}#regulation-fields"
    ),
    # -- command help and messages (portal …) -------------------------------------------------------
    "help.portal": _m(
        "城管执法局门户网站生成工具：检查内容、生成网站、预览、统计。每个命令加 -h 显示它的选项。",
        "index.md#commands",
    ),
    "help.verbose": _m("显示 MkDocs 的运行信息（英文）", "index.md#commands"),
    "help.config_file": _m("网站设置文件（默认 mkdocs.yml）", "index.md#commands"),
    "help.build": _m("检查内容，然后生成网站（全部生成后才替换原网站）", "weekly.md#build"),
    "help.site_dir": _m(
        "网站生成到哪个文件夹（默认 mkdocs.yml 的 site_dir，即 site/）", "weekly.md#build"
    ),
    "help.strict": _m("提醒也算错误", "index.md#commands"),
    "help.quiet": _m("不显示进度，只显示问题和最后的总结", "weekly.md#build"),
    "help.check": _m("只检查内容，列出全部错误和提醒", "weekly.md#check"),
    "help.serve": _m("本机预览，改文件后自动刷新；内容有错误时页面上列出错误", "weekly.md#preview"),
    "help.dev_addr": _m("预览地址 主机:端口（默认 127.0.0.1:8000）", "weekly.md#preview"),
    "help.report": _m("信息报送：各单位报送数与任务数、用稿、积分", "tracking.md#commands"),
    "help.from": _m(
        "从哪一天或哪一周开始，例如 2026-05-01 或 2026-W18（默认当年1月1日）",
        "tracking.md#commands",
    ),
    "help.to": _m("到哪一天或哪一周为止（默认今天，北京时间）", "tracking.md#commands"),
    "help.unit": _m("只看这个单位（squads.yml 里的 id 或名称）", "tracking.md#commands"),
    "help.table": _m(
        "只要这一张表（csv 默认 units；json 默认全部，同 tracking.json）", "tracking.md#commands"
    ),
    "help.bom": _m("CSV 加 UTF-8 BOM，Excel 直接打开不乱码", "tracking.md#commands"),
    "help.annual": _m(
        "改为输出这一年的政府网站工作年度报表数字（同 site/annual/年份/annual.json）",
        "inspection.md#annual",
    ),
    "help.poster": _m("宣传栏：每周一张 A4 海报，HTML 和 PDF", "poster.md#poster"),
    "help.week": _m("哪一周，例如 2026-W47；写几次就是几页（默认上周）", "poster.md#poster"),
    "help.article": _m(
        "不按规则选，改用这几篇稿件（文件名、路径或网址名），按顺序", "poster.md#references"
    ),
    "help.question_key": _m(
        "改用这条法律咨询台问答（content/qa/ 下的文件名）", "poster.md#references"
    ),
    "help.items": _m("最多几篇稿件，1-4（默认 4）", "poster.md#poster"),
    "help.poster_output": _m(
        "写到这个文件或文件夹（默认 output/poster-周.pdf）", "poster.md#poster"
    ),
    "help.browser": _m(
        "用哪个 Chromium/Chrome 打印 PDF（默认 PATH 上的 chromium）", "poster.md#poster"
    ),
    "help.wechat": _m("公众号排版：把稿件转成公众号编辑器能保留的格式", "poster.md#wechat"),
    "help.wechat_article": _m(
        "哪篇稿件：路径、文件名或网址名，例如 night-market", "poster.md#references"
    ),
    "help.wechat_output": _m("写到这个文件（默认直接显示）", "poster.md#wechat"),
    "help.fragment": _m("只输出正文部分，贴到 135编辑器、秀米的源码模式", "poster.md#wechat"),
    "help.adoption": _m(
        "用稿：从媒体的订阅或栏目页找出用了我们哪些稿件，给出登记建议", "weekly.md#adoption"
    ),
    "help.outlet": _m("没有写“媒体id=”的来源属于哪家媒体", "weekly.md#adoption"),
    "help.threshold": _m("相似度达到多少（0-1）才写入（默认 0.85）", "weekly.md#adoption"),
    "help.timeout": _m("等一个网址最多几秒（默认 10）", "weekly.md#adoption"),
    "help.apply": _m("把“新增”的用稿写进稿件", "weekly.md#adoption"),
    "help.new": _m("新建一个稿件信息已填好的文件", "weekly.md#new"),
    "help.new_article": _m("一篇宣传稿件（草稿）", "weekly.md#new"),
    "help.squad": _m("报送单位的 id（squads.yml）", "weekly.md#new"),
    "help.title": _m("标题", "weekly.md#new"),
    "help.category": _m("栏目（默认 mkdocs.yml 里的第一个）", "weekly.md#new"),
    "help.slug": _m("网址名，例如 night-market（默认取标题的拼音）", "weekly.md#new"),
    "help.author": _m("作者（默认该单位的信息员）", "weekly.md#new"),
    "help.new_qa": _m("一条法律咨询台问答（草稿）", "legal.md#new"),
    "help.question": _m("市民的问题", "legal.md#new"),
    "help.domain": _m("执法领域（默认配置的第一个）", "legal.md#new"),
    "help.slug_qa": _m("网址名（默认取问题的拼音）", "legal.md#new"),
    "help.new_regulation": _m("一篇法规摘要（草稿）", "legal.md#new"),
    "help.regulation_id": _m("文件名，例如 lvhua-tiaoli", "legal.md#new"),
    "help.full_title": _m("法规全称", "legal.md#new"),
    "help.level": _m("效力级别：法律、行政法规、地方性法规……", "legal.md#new"),
    "cli.no_config": _m(
        "找不到网站设置文件 {path}（在 portal 文件夹里运行，或用 -f 指定 mkdocs.yml）",
        "install.md#build",
    ),
    "cli.no_plugin": _m(
        "mkdocs.yml 没有启用 portal 插件（plugins: 下要有 - portal）", "install.md#build"
    ),
    "cli.check_ok": _m(
        "内容检查通过：稿件 {articles} 篇（已发布 {published} 篇），单位 {units} 个，媒体 {outlets} 家，页面 {pages} 个，提醒 {warnings} 条；截至 {day}，超过 {days} 天未答复的留言 {overdue} 条",
        "weekly.md#check",
    ),
    "cli.site_not_folder": _m(
        "{path} 已经存在，但不是文件夹；请用 -d 换一个网站文件夹", "weekly.md#build"
    ),
    "cli.up_to_date": _m(
        "网站已是最新：{path} 生成以后内容没有变化，提醒 {warnings} 条，{seconds:.1f} 秒",
        "weekly.md#build",
    ),
    "cli.content_checked": _m(
        "内容已检查：稿件 {articles} 篇，问答 {questions} 条，法规 {regulations} 部，征集 {campaigns} 次，{seconds:.1f} 秒",
        "weekly.md#build",
    ),
    "cli.template_error": _m("模板错误", "weekly.md#build"),
    "cli.build_failed": _m("生成失败", "weekly.md#build"),
    "cli.site_kept": _m("生成失败，原网站保持不变。", "weekly.md#build"),
    "cli.built": _m(
        "网站已生成：{path}，网页 {pages} 个，稿件 {articles} 篇，订阅源 {feeds} 个（RSS、Atom、JSON Feed），提醒 {warnings} 条，{seconds:.1f} 秒",
        "weekly.md#build",
    ),
    "cli.from_after_to": _m("--from {start} 晚于 --to {end}", "tracking.md#commands"),
    "cli.no_site_url_wechat": _m(
        "mkdocs.yml 没有 site_url：公众号排版要用网站的完整地址", "poster.md#wechat"
    ),
    "cli.written": _m("已生成 {path}", "poster.md#wechat"),
    "cli.wechat_page": _m("网站上的公众号排版页（portal build 之后）：{url}", "poster.md#wechat"),
    "cli.no_site_url_poster": _m(
        "mkdocs.yml 没有 site_url：二维码要用网站的完整地址", "poster.md#poster"
    ),
    "cli.items_range": _m("--items 要写 1 到 {most}", "poster.md#poster"),
    "cli.no_news": _m("还没有发布的新闻，无法生成宣传栏", "poster.md#poster"),
    "cli.one_week": _m(
        "--article 和 --question 只用于一张海报：请只写一个 --week", "poster.md#references"
    ),
    "cli.sheet_full": _m("一张海报最多放 {most} 篇稿件", "poster.md#references"),
    "cli.does_not_fit": _m("提醒：版面放不下 {key}", "poster.md#poster"),
    "cli.week_empty": _m("{week} 没有发布的新闻（最近有新闻的周：{recent}）", "poster.md#poster"),
    "cli.poster_written": _m("已生成 {path}（A4 {pages} 页）", "poster.md#poster"),
    "cli.annual_whole_year": _m(
        "--annual 统计整个自然年；请去掉 {options}", "inspection.md#annual"
    ),
    "cli.annual_year": _m("--annual {value}：请写年份，例如 2026", "inspection.md#annual"),
    "cli.threshold": _m("--threshold 要在 0 和 1 之间，写的是 {value}", "weekly.md#adoption"),
    "cli.timeout": _m("--timeout 要大于 0，写的是 {value}", "weekly.md#adoption"),
    "cli.in_source": _m("来源 {source}：", "weekly.md#adoption"),
    "cli.no_sources": _m(
        "没有来源：请写订阅网址或保存的文件，或者在 outlets.yml 里给媒体加 feed:",
        "weekly.md#adoption",
    ),
    "cli.which_outlet": _m(
        "看不出 {location} 是哪家媒体的（它的标题“{title}”里没有媒体名）；请写成 媒体id={location}，或者用 --outlet（媒体：{known}）",
        "weekly.md#adoption",
    ),
    "cli.nothing_more": _m("后面的没有写入", "weekly.md#adoption"),
    "cli.created": _m("已创建 {path}", "weekly.md#new"),
    "cli.sheet": _m("{week}：{count} 条要闻", "poster.md#poster"),
    "cli.sheet_with_question": _m("{week}：{count} 条要闻，1 则法律咨询台问答", "poster.md#poster"),
    "help.sources": _m(
        "媒体的订阅网址或保存的 RSS/Atom/网页文件，例如 jrwy=saved/jrwy.xml"
        "（默认读 outlets.yml 里每家媒体的 feed:）",
        "weekly.md#adoption",
    ),
    "cli.feed_read": _m("{outlet}：{location} 读到 {count} 条", "weekly.md#adoption"),
    "cli.proposals": _m("{tally}（阈值 {threshold}）", "weekly.md#adoption"),
    "cli.placements_written": _m("已写入 {count} 处用稿：{path}", "weekly.md#adoption"),
    "cli.nothing_to_write": _m("没有需要写入的新用稿。", "weekly.md#adoption"),
    "cli.apply_hint": _m("加 --apply 把“新增”的用稿写入稿件。", "weekly.md#adoption"),
    # -- portal inspect -----------------------------------------------------------------------------
    "help.inspect": _m("政府网站自查：按 2019 年检查指标逐项检查，附证据", "inspection.md#inspect"),
    "help.as_of": _m("按哪一天检查，YYYY-MM-DD（默认今天，北京时间）", "inspection.md#inspect"),
    "help.inspect_output": _m(
        "另外写一份可打印的 HTML 检查报告到这个文件", "inspection.md#inspect"
    ),
    "help.inspect_site_dir": _m(
        "生成好的网站文件夹（默认 mkdocs.yml 的 site_dir，即 site/）", "inspection.md#inspect"
    ),
    "help.online": _m("同时检查外部链接能不能打开（要联网）", "inspection.md#inspect"),
    "help.link_timeout": _m("每个外部链接最多等几秒（默认 10）", "inspection.md#inspect"),
    "cli.as_of": _m("--as-of {value}：请写成 YYYY-MM-DD，例如 2026-12-07", "inspection.md#inspect"),
    "cli.inspect_written": _m("已生成检查报告 {path}", "inspection.md#inspect"),
    # -- inspection readiness (portal check, portal inspect) ------------------------------------------
    "identity.missing": _m(
        "没有配置{name}：政府网站每个页面底部都要显示{name}（国办发〔2017〕47号）",  # noqa: RUF001
        "inspection.md#identity",
    ),
    "identity.site_code_format": _m(
        "网站标识码“{value}”格式不对：应为 10 位数字（6 位行政区划代码 + 4 位顺序号，"
        "如 3307230001），国务院部门为 bm 加 8 位数字",
        "inspection.md#identity",
    ),
    "identity.site_code_province": _m(
        "网站标识码“{value}”的前 6 位不是行政区划代码（省级代码 {province} 不存在）",
        "inspection.md#identity",
    ),
    "identity.icp_format": _m(
        "ICP备案号“{value}”格式不对：应如“浙ICP备12345678号”或“…号-1”", "inspection.md#identity"
    ),
    "identity.police_format": _m(
        "公安机关备案号“{value}”格式不对：应如“浙公网安备 33072302000123号”"
        "（省份简称、公网安备、14 位数字、号）",
        "inspection.md#identity",
    ),
    "identity.conac_url": _m(
        "党政机关网站标识的链接“{value}”不是机构编制部门（conac.cn）发放的地址",
        "inspection.md#identity",
    ),
    "identity.image_elsewhere": _m(
        "{name}要用本站的图片文件，不能引用其他网站：{path}", "inspection.md#identity"
    ),
    "identity.image_missing": _m(
        "{name}的图片 {path} 不存在（放在 content/ 或主题的 assets/ 下）", "inspection.md#identity"
    ),
    "identity.contact_missing": _m("联系我们指向的页面 /{page} 不存在", "inspection.md#identity"),
    "identity.error_report_url": _m(
        "我为政府网站找错的链接“{value}”不是网址", "inspection.md#identity"
    ),
    "columns.unknown": _m("没有叫“{name}”的栏目{hint}；栏目有：{names}", "inspection.md#columns"),
    "columns.bad_rule": _m(
        "“{value}”不是栏目类别：写 动态要闻、通知公告、政策文件、更新周期（如 30d、2w、3m、1y）或 none",
        "inspection.md#columns",
    ),
    "columns.due": _m(
        "栏目“{column}”（{label}，{period}内要有更新）最近更新于 {last}，"
        "{deadline} 之后就算不更新（{when}）：请及时发布新信息",
        "inspection.md#columns",
    ),
    "columns.stale": _m(
        "栏目“{column}”（{label}，{period}内要有更新）最近更新于 {last}，自 {since} 起已算不更新",
        "inspection.md#columns",
    ),
    "columns.last_day": _m("今天是最后一天", "inspection.md#columns"),
    "columns.days_left": _m("还有 {days} 天", "inspection.md#columns"),
    "proofread.hit": _m(
        "{kind}“{wrong}”，应为“{right}”（依据：{source}）", "inspection.md#proofread"
    ),
    "proofread.not_a_list": _m(
        "应为 entries: 列表，每项 {{wrong: 错误写法, right: 正确写法}}", "inspection.md#proofread"
    ),
    "proofread.wrong_right": _m("每项要有 wrong 和 right", "inspection.md#proofread"),
    "proofread.kind": _m("“{kind}”不是 {kinds} 之一", "inspection.md#proofread"),
    "proofread.bad_yaml": _m("读不懂这个 YAML 文件：{detail}", "inspection.md#proofread"),
    # -- portal report's summary lines ---------------------------------------------------------------
    "report.heading": _m("信息报送 {start} — {end}（本周 {week}{state}）", "tracking.md#commands"),
    "report.in_progress": _m("，进行中，截至 {day}", "tracking.md#commands"),
    "report.this_week": _m("本周", "tracking.md#commands"),
    "report.last_week": _m("上周", "tracking.md#commands"),
    "report.unit_short": _m("{unit}（差 {short} 篇）", "tracking.md#quota"),
    "report.short": _m("{when} {week} 未达标 {count} 个：{units}", "tracking.md#quota"),
    "report.all_met": _m("{when} {week} 各单位均已达标", "tracking.md#quota"),
    "report.units_title": _m("各单位报送与积分（{start} — {end}）", "tracking.md#commands"),
    "report.level": _m("{level} {count} 次 {points} 分", "tracking.md#points"),
    "report.placements": _m("用稿 {count} 次：{levels}；积分合计 {points}", "tracking.md#points"),
    "report.not_counted": _m("本站内容不能统计、需另行填报：{items}", "inspection.md#annual"),
    "report.rules": _m(
        "统计口径见 annual.csv 的“统计口径”列或网站年度报表页面。", "inspection.md#annual"
    ),
    # -- printing a poster (PDF) ---------------------------------------------------------------------
    "pdf.no_such_browser": _m("找不到浏览器 {browser}", "poster.md#poster"),
    "pdf.no_browser": _m(
        "生成 PDF 需要 Chromium、Chrome 或 Edge：Windows 上装了 Edge 或 Chrome 即可，"
        "Linux 上 sudo apt-get install chromium fonts-noto-cjk；也可以用 --browser 指定，"
        "或用 --format html 只生成网页，在浏览器里打印",
        "poster.md#poster",
    ),
    "pdf.timeout": _m("浏览器 {seconds} 秒内没有打印完", "poster.md#poster"),
    "pdf.cannot_run": _m("无法运行 {browser}：{reason}", "poster.md#poster"),
    "pdf.failed": _m("浏览器没能打印海报（退出代码 {code}）\n{detail}", "poster.md#poster"),
    # -- more content checks --------------------------------------------------------------------------
    "article.updated_before_date": _m(
        "更新时间 {updated} 早于发布时间 {published}", "writing.md#updated"
    ),
    "guide.bad_file_name": _m("“{name}”：文件名只用小写字母 a-z、数字和 -", "inspection.md#guides"),
    "guide.missing": _m(
        "办事指南缺少{label}（{name}:）：政府网站检查中办事指南要素缺失属单项否决",
        "inspection.md#guides",
    ),
    "campaign.no_channels": _m(
        "征集尚未结束（{period}），但没有写参与渠道：请在 channels: 下列出电话、"
        "电子邮箱、来信地址、网上提交网址或微信公众号，至少一种",
        "suggestions.md#campaign",
    ),
    "synonyms.symbol": _m("“{word}”含有标点或符号，只能是汉字、字母或数字", "writing.md#synonyms"),
    "synonyms.one_character": _m("“{word}”只有一个字，同义词至少两个字", "writing.md#synonyms"),
    "synonyms.in_two_groups": _m(
        "“{word}”已在第 {line} 行的一组中，每个词只能属于一组", "writing.md#synonyms"
    ),
    "synonyms.alone": _m("这一组只有“{word}”一个词", "writing.md#synonyms"),
    "synonyms.missing": _m("同义词表文件不存在（mkdocs.yml 的 synonyms）", "writing.md#synonyms"),
    "synonyms.unreadable": _m(
        "同义词表无法读取（须为 UTF-8 文本）：{detail}", "writing.md#synonyms"
    ),
    "theme.patch_not_applied": _m(
        "主题补丁没有生效（mkdocs-material 的版本变了？）：{template}（{why}）", "install.md#build"
    ),
    # -- progress of a build (stage names, on stderr) ------------------------------------------------
    "stage.pages": _m("MkDocs 页面", "weekly.md#build"),
    "stage.markdown": _m("正文", "weekly.md#build"),
    "stage.generated": _m("生成页面", "weekly.md#build"),
    "stage.outputs": _m(
        "订阅源、搜索索引、导出：{count} 个文件，{seconds:.1f} 秒", "weekly.md#build"
    ),
    "stage.seconds": _m("{seconds:.1f} 秒", "weekly.md#build"),
    "stage.images": _m(
        "图片：{photos} 张照片，{files} 个文件，{seconds:.1f} 秒", "writing.md#photos"
    ),
    # -- portal serve -------------------------------------------------------------------------------
    "serve.bad_address": _m(
        "--dev-addr {value}：请写成 主机:端口，例如 127.0.0.1:8000", "weekly.md#preview"
    ),
    "serve.port_in_use": _m(
        "{address} 已被占用（多半是另一个 portal serve 还开着）：关掉它，"
        "或者换一个端口，例如 portal serve -a 127.0.0.1:8001",
        "weekly.md#preview",
    ),
    "serve.cannot_listen": _m("无法在 {address} 上预览：{reason}", "weekly.md#preview"),
    "serve.building": _m("正在生成预览……", "weekly.md#preview"),
    "serve.ready": _m("预览地址：{url}（按 Ctrl+C 停止）", "weekly.md#preview"),
    "serve.updated": _m("已更新：{count} 个文件有变化，{seconds:.1f} 秒", "weekly.md#preview"),
    "serve.errors": _m(
        "内容有错误，预览显示错误清单（有上一次成功生成的网站时，显示在它上面）；改正后保存即可。",
        "weekly.md#preview",
    ),
    "serve.internal_error": _m(
        "portal 内部错误（不是内容的问题）：{detail}；预览继续显示上一次成功生成的网站",
        "weekly.md#preview",
    ),
    "preview.title": _m("内容有错误", "weekly.md#preview"),
    "preview.heading": _m(
        "内容有 {count} 处错误，改正后保存，这个页面会自己刷新：", "weekly.md#preview"
    ),
    "preview.over_site": _m(
        "内容有错误，预览仍显示上一次成功生成的网站。改正后保存即可：", "weekly.md#preview"
    ),
    "cli.interrupted_after_swap": _m(
        "已中断；新网站已经完整生成并替换了原网站。", "weekly.md#build"
    ),
    "cli.interrupted": _m("已中断，原网站保持不变。", "weekly.md#build"),
    "cli.warning_label": _m("提醒：", "errors.md#top"),
    "cli.error_label": _m("错误：", "errors.md#top"),
    "argparse.usage": _m("用法：", "index.md#commands"),
    "argparse.positionals": _m("参数", "index.md#commands"),
    "argparse.options": _m("选项", "index.md#commands"),
    "argparse.help": _m("显示这段说明", "index.md#commands"),
    "argparse.required": _m("缺少必须写的参数：{names}", "index.md#commands"),
    "argparse.unrecognized": _m("不认识的参数：{names}", "index.md#commands"),
    "argparse.invalid_choice": _m(
        "{name}：没有“{value}”这一项（可以写：{choices}）", "index.md#commands"
    ),
    "argparse.invalid_value": _m("{name}：“{value}”不是{type}", "index.md#commands"),
    "argparse.expected_one": _m("{name} 后面要写一个值", "index.md#commands"),
    "argparse.expected_some": _m("{name} 后面至少要写一个值", "index.md#commands"),
    "argparse.ambiguous": _m(
        "{name} 可能是这几个选项中的一个：{choices}；请写完整", "index.md#commands"
    ),
    "argparse.other": _m("命令写得不对：{detail}", "index.md#commands"),
    # -- portal adoption ----------------------------------------------------------------------------
    "adoption.too_big": _m("{location}：超过 {limit} MB", "weekly.md#adoption"),
    "adoption.unreadable": _m("{location}：无法读取（{reason}）", "weekly.md#adoption"),
    "adoption.http": _m("{location}：服务器回答 {code} {reason}", "weekly.md#adoption"),
    "adoption.timeout": _m("{location}：{seconds} 秒内没有回应", "weekly.md#adoption"),
    "adoption.connect": _m("{location}：连不上（{reason}）", "weekly.md#adoption"),
    "adoption.no_front_matter": _m("文件开头不是稿件信息（---）", "weekly.md#adoption"),
    "adoption.not_closed": _m("稿件信息没有用 --- 结束", "weekly.md#adoption"),
    "adoption.bad_yaml": _m("稿件信息不是有效的 YAML（{detail}）", "weekly.md#adoption"),
    "adoption.not_mapping": _m("稿件信息不是“字段: 值”的行", "weekly.md#adoption"),
    "adoption.not_a_list": _m("placements 不是列表", "weekly.md#adoption"),
    "adoption.read_back": _m(
        "{path}：写入后读回的用稿与要写的不一致，这个文件没有改动", "weekly.md#adoption"
    ),
    "adoption.indent": _m("看不出 placements 的缩进方式", "weekly.md#adoption"),
    # -- the build ---------------------------------------------------------------------------------
    "audit.leak": _m("未遮盖的个人信息 {value}{where}", "inspection.md#privacy"),
    "audit.from": _m("（来自 {sources}）", "inspection.md#privacy"),
    "audit.refused": _m("网站里会出现未遮盖的个人信息，网站没有替换：", "inspection.md#privacy"),
    "audit.more": _m("……另有 {count} 处", "inspection.md#privacy"),
    "audit.passed": _m("个人信息检查通过，{seconds:.1f} 秒", "inspection.md#privacy"),
    "plugin.docs_dir": _m(
        "docs_dir（{docs}）必须是内容文件夹（{content}）；请在 mkdocs.yml 写 docs_dir: {name}",
        "install.md#build",
    ),
    "plugin.no_site_url": _m(
        "mkdocs.yml 没有 site_url；订阅源要用网站的完整地址", "install.md#build"
    ),
    "plugin.serve_errors": _m(
        "内容有 {count} 处错误，预览的每个页面都显示这份清单；改正后保存，浏览器会自己刷新：",
        "weekly.md#mkdocs-serve",
    ),
    "plugin.serve_built": _m(
        "预览已更新，内容没有错误（{seconds:.1f} 秒）", "weekly.md#mkdocs-serve"
    ),
    # -- the portal command -----------------------------------------------------------------------
    "cli.errors_site_kept": _m("内容有 {count} 处错误，未生成网站（原网站保持不变）。", f"{E}#top"),
    "cli.errors": _m("内容有 {count} 处错误。", f"{E}#top"),
    # -- article and question references (portal wechat, portal poster) ----------------------------
    "cmd.no_article": _m(
        "没有这篇稿件“{value}”（写稿件的文件名或路径，例如 2026-05-12-night-market）。{hint}",
        "poster.md#references",
    ),
    "cmd.not_published": _m(
        "稿件的状态是 {status}，不在网站上；只有已发布（published）的稿件才能用",
        "poster.md#references",
    ),
    "cmd.no_question": _m(
        "法律咨询台里没有已发布的问题“{value}”（写 content/qa/ 下的文件名）。{hint}",
        "poster.md#references",
    ),
    "cmd.not_answered": _m(
        "这个问题还没有答复日期（待答复），不能上宣传栏", "poster.md#references"
    ),
    # -- published addresses --------------------------------------------------------------------
    "published.moved": _m(
        "这篇稿件原来在 /{old}，现在在 /{new}：旧链接会打不开。"
        "在 content/redirects.yml 的 redirects: 下加一行 - {{from: {old}, to: {new}}}{id_hint}",
        f"{E}#moved",
    ),
    "published.keep_id": _m("，并在稿件里加 id: {id}，订阅条目就不变", f"{E}#moved"),
    "published.gone": _m(
        "“{title}”原来发布在 /{old}（{source}），这次不再发布（文件删除、改名，或改成了草稿）：这个网址会变成 404，"
        "订阅里也不再有它。如果是改了文件名，请改回原来的名字；确实要撤下，"
        "在 content/redirects.yml 的 redirects: 下加一行 - {{from: {old}, to: {to}}}",
        f"{E}#moved",
    ),
}


def msg(key: str, /, **values: object) -> str:
    """The message `key`, filled in."""
    return MESSAGES[key].text.format(**values)
