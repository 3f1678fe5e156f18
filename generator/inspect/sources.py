# ruff: noqa: RUF001
"""Where each rule comes from, quoted as the inspection documents word it."""

from __future__ import annotations

from generator.inspect.model import CHECKLIST, GUIDE

HOME = f"{CHECKLIST} 单项否决指标“完全不更新”：监测时间点前 2 周内首页栏目无信息更新"
COLUMNS = (
    f"{CHECKLIST} 单项否决指标“栏目不更新”：监测时间点前 2 周内动态、要闻类栏目，以及前 6 个月内"
    "通知公告、政策文件类栏目，累计超过 5 个未更新；该更新但长期未更新的栏目超过 10 个；"
    "空白栏目超过 5 个"
)
INTERACTION = (
    f"{CHECKLIST} 单项否决指标“互动回应差”：未提供有效的咨询建言渠道；"
    "监测时间点前 1 年内，对网民留言超过 3 个月未回应"
)
SERVICES = (
    f"{CHECKLIST} 单项否决指标“服务不实用”：办事指南缺少事项名称、设定依据、申请条件、"
    "办理材料、办理地点、办理时间、联系电话、办理流程等要素"
)
SERIOUS = f"{CHECKLIST} 单项否决指标“严重错误”：网站出现严重错别字、严重表述错误"
TYPOS = f"{CHECKLIST} 扣分指标“信息发布”：信息内容准确，无错别字"
ANNUAL = (
    "《政府网站工作年度报表》（国办函〔2018〕12号）："
    "每年 1 月 31 日前在网站首页公开上一年度政府网站工作年度报表"
)
LINKS = f"{CHECKLIST} 扣分指标“可用性”：首页及其他页面不可用链接"
DATES = f"{GUIDE}：信息发布应真实、准确、及时，更正、更新应予注明"
IDENTITY = (
    f"{GUIDE}“网站标识”：每个页面底部标注主办单位、承办单位、网站标识码、ICP 备案编号、"
    "公安机关备案标识、党政机关网站标识，设置“我为政府网站找错”入口"
)
PRIVACY = f"{GUIDE}“安全防护”：不得公开内部工作信息和个人信息"
