"""Consultation channels (咨询建言渠道): `channels:` lists, from campaign.yml or mkdocs.yml.

Each item names one way to take part, `- phone: 0579-87612345` or
`- {email: cgj@example.gov.cn, note: 三个工作日内回复}`; kinds: phone, email, post, form, wechat.
"""

from __future__ import annotations

import re

from generator.model import Channel, ChannelKind

_PHONE = re.compile(r"\+?[\d][\d -]{3,}\d(?:[ ,，]*(?:转|-)\d{1,6})?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")
KINDS = ", ".join(k.value for k in ChannelKind)


def parse_channels(value: object) -> tuple[tuple[Channel, ...], list[str]]:
    """The channels in `value` (a list of one-kind mappings) and, in Chinese, what is wrong."""
    if value is None or value == []:
        return (), []
    if not isinstance(value, list):
        return (), [f"应为列表，每项写一种渠道，如 `- phone: 0579-87612345`（可用：{KINDS}）"]
    channels: list[Channel] = []
    errors: list[str] = []
    for index, item in enumerate(value):
        where = f"[{index}]"
        if not isinstance(item, dict):
            errors.append(f"{where}: 应写成 `kind: value`，如 `phone: 0579-87612345`")
            continue
        kinds = [k for k in item if k in {c.value for c in ChannelKind}]
        unknown = [str(k) for k in item if k not in kinds and k != "note"]
        if unknown or len(kinds) != 1:
            errors.append(
                f"{where}: 每项写且只写一种渠道（{KINDS}），可加 note"
                + (f"；不认识 {', '.join(unknown)}" if unknown else "")
            )
            continue
        kind = ChannelKind(kinds[0])
        text = str(item[kinds[0]] if item[kinds[0]] is not None else "").strip()
        note = str(item.get("note") or "").strip()
        problem = _check(kind, text)
        if problem:
            errors.append(f"{where}.{kind.value}: {problem}")
            continue
        channels.append(Channel(kind, text, note))
    return tuple(channels), errors


def _check(kind: ChannelKind, text: str) -> str:
    if not text:
        return f"{kind.label}是空的"
    if kind is ChannelKind.PHONE and not _PHONE.fullmatch(text):
        return f"“{text}”不是电话号码（如 0579-87612345 或 12345）"
    if kind is ChannelKind.PHONE and sum(ch.isdigit() for ch in text) < 5:
        return f"“{text}”不是电话号码（如 0579-87612345 或 12345）"
    if kind is ChannelKind.EMAIL and not _EMAIL.fullmatch(text):
        return f"“{text}”不是电子邮箱地址"
    if kind is ChannelKind.FORM and not _URL.fullmatch(text):
        return f"“{text}”不是网址（以 https:// 开头）"
    return ""
