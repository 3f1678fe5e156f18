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
