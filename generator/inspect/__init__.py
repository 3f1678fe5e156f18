"""`portal inspect`: the government-website checklist (国办秘函 2019 19号) as far as the content
and the built site can answer it, each item with its evidence and the rule it comes from.

One module per group of items: freshness (首页不更新, 栏目不更新), responses (互动回应差),
services (服务不实用), wording (严重错误, 错别字), annual (年度报表), links (链接可用性),
dates (伪造发稿日期), identity (网站标识, 信息报送 internal data). `checklist.run` puts
them together; `report` writes the table, JSON and printable HTML.
"""
