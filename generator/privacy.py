"""Masking personal data (个人信息) in citizen text: phones, ID numbers, e-mails, names.

Citizen text — 问计于民 suggestions, 法律咨询台 askers — is masked when it enters the model,
and `find_personal_data` scans the built site for anything that slipped through. Masking errs
on the side of hiding a harmless number; the scan errs on the side of not failing a build on
a date or a price, so it reports only shapes that are personal data (mobiles, landlines with
an area code or a label, ID numbers with a real birth date, e-mail addresses).

Formats: mobile `138****1234`; landline `0579-8765****`; ID `3307**********123X` (the birth
date never survives); bank card `**** **** **** 7890`; e-mail `z***@163.com`; QQ/微信 `QQ：1***`;
name `张**`, `欧阳**`, `Z***`. Every masked form is a fixed point: masking twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

# Separators people type inside numbers: space, ASCII and typographic hyphens and dashes,
# no-break space, ideographic space, full-width hyphen-minus.
_SEP = r"[ \-\u00a0\u2010-\u2015\u2212\u3000\uff0d]"

_MOBILE = re.compile(
    rf"(?<![0-9])(?P<prefix>(?:[+\uff0b]|00)?86{_SEP}?)?"
    rf"(?P<head>1[3-9][0-9]){_SEP}?(?P<mid>[0-9]{{4}}){_SEP}?(?P<tail>[0-9]{{4}})(?![0-9])"
)
_LANDLINE = re.compile(
    rf"(?<![0-9])(?:[(\uff08](?P<area1>0[0-9]{{2,3}})[)\uff09]{_SEP}?"
    rf"|(?P<area2>0[0-9]{{2,3}}){_SEP})"
    rf"(?P<local>[1-9][0-9]{{2,3}}{_SEP}?[0-9]{{4}})(?![0-9])"
)
# A bare local number (87654321) is a phone only when a label says so.
_LABELLED_PHONE = re.compile(
    r"(?P<label>(?:电话|座机|固话|手机|(?<![A-Za-z])(?:tel|phone))(?:号码|号)?\s*[:：]?\s*)"
    rf"(?P<number>(?:0[0-9]{{2,3}}{_SEP}?)?[1-9][0-9]{{2,3}}{_SEP}?[0-9]{{4}})(?![0-9])",
    re.IGNORECASE,
)
_ID18 = re.compile(
    rf"(?<![0-9])(?P<area>[0-9]{{6}}){_SEP}?(?P<birth>[0-9]{{8}}){_SEP}?"
    rf"(?P<tail>[0-9]{{3}}[0-9Xx])(?![0-9Xx])"
)
_ID15 = re.compile(r"(?<![0-9])(?P<area>[0-9]{6})(?P<birth>[0-9]{6})(?P<tail>[0-9]{3})(?![0-9Xx])")
_CARD = re.compile(
    rf"(?<![0-9])(?:[0-9]{{16,19}}"
    rf"|[0-9]{{4}}(?:{_SEP}[0-9]{{4}}){{3}}(?:{_SEP}?[0-9]{{1,3}})?)(?![0-9])"
)
# The local part must start right after a character that cannot be in an address, so the
# masked form `z***@163.com` is not matched again.
_ADDRESS = (
    r"(?P<local>[A-Za-z0-9._%+-]+)@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})"
)
_EMAIL = re.compile(rf"(?<![A-Za-z0-9._%+@-]){_ADDRESS}")
# Before the numbers are masked, an address must not start inside a spaced-out number:
# in `130 0000 0000@139.com` the phone goes first, then what is left of the address.
_WHOLE_EMAIL = re.compile(rf"(?<![A-Za-z0-9._%+@-])(?<![0-9]{_SEP}){_ADDRESS}")
# Every shape find_personal_data reports holds three digits, perhaps one separator, and four
# more (a mobile's 138 1234, a local number's 8761 2345, an ID's birth date, a card's
# 1234 5678), or an @: text without one holds none (dates, times, counts and prices never do),
# so the site audit scans only the lines that have one. Full-width digits count as digits.
CANDIDATE = re.compile(rf"[@\uff20]|[0-9\uff10-\uff19]{{3}}{_SEP}?[0-9\uff10-\uff19]{{4}}")
_LABELLED_ID = re.compile(
    r"(?P<label>(?<![A-Za-z0-9])(?:qq|wechat|weixin|vx|wx)|微信|扣扣)"
    r"(?P<suffix>号码|号|\s*id)?(?P<sep>\s*[:：]?\s*)"
    r"(?P<value>[A-Za-z0-9][A-Za-z0-9_-]{2,39})(?![A-Za-z0-9_*-])",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HEX = frozenset("0123456789abcdefABCDEF")
_AREA_CODE = re.compile(r"0[0-9]{2,3}")
# Digits typed in a Chinese input method's full-width mode (U+FF10..) are digits all the same.
_FULLWIDTH = {0xFF10 + i: str(i) for i in range(10)} | {0xFF20: "@"}
_DIGIT_OR_AT = re.compile("[0-9@\uff10-\uff19\uff20]")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of a resident ID: the province (GB/T 2260).
_PROVINCE = re.compile(r"1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3]|91")
# Suffixes of file names, not of e-mail domains: `logo@2x.png` in a page is not an address.
_FILE_SUFFIX = re.compile(
    r"png|jpe?g|gif|svg|webp|avif|ico|bmp|css|m?js|map|json|html?|xml|txt|md|csv|pdf"
    r"|woff2?|[ot]tf|eot|ya?ml",
    re.IGNORECASE,
)
# A hash (md5, sha1, sha256) is a long run of hex digits; a phone inside one is a coincidence.
_HASH_MIN = 32

# Two-character surnames (复姓); a rare one that starts like a common single surname
# (单于, 宗政) is left out, so 单于明 keeps only 单 visible.
_COMPOUND = (
    "欧阳司马上官诸葛东方皇甫尉迟公孙慕容长孙宇文司徒夏侯令狐端木轩辕百里呼延申屠南宫独孤西门"
    "第五澹台公冶濮阳淳于太叔钟离万俟赫连拓跋东郭羊舌司空闻人鲜于闾丘亓官巫马漆雕公西颛孙壤驷"
    "夹谷宰父公良"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND[i : i + 2] for i in range(0, len(_COMPOUND), 2))
TITLES = ("先生", "女士", "小姐", "老师", "师傅", "阿姨", "大爷", "同志")
# A name containing one of these describes a group, not a person: 熟溪街道居民, 热心网友.
GROUP_WORDS = ("居民", "市民", "群众", "村民", "网友", "读者", "业主", "匿名")
_KEEP_IN_NAME = frozenset(" ·•・")


def mask_phone(text: str, allow: frozenset[str] = frozenset()) -> str:
    """Mask mobiles (138****1234) and landlines (0579-8765****); `allow` numbers stay."""
    text = text.translate(_FULLWIDTH)
    keys = _phone_keys(allow)

    def mobile(m: re.Match[str]) -> str:
        if _is_allowed(m["head"] + m["mid"] + m["tail"], keys):
            return m[0]
        return f"{m['prefix'] or ''}{m['head']}****{m['tail']}"

    def landline(m: re.Match[str]) -> str:
        if _is_allowed(_digits(m[0]), keys):
            return m[0]
        return m[0][:-4] + "****"

    def labelled(m: re.Match[str]) -> str:
        if _is_allowed(_digits(m["number"]), keys):
            return m[0]
        return m["label"] + m["number"][:-4] + "****"

    text = _MOBILE.sub(mobile, text)
    text = _LANDLINE.sub(landline, text)
    return _LABELLED_PHONE.sub(labelled, text)


def mask_id_number(text: str) -> str:
    """Mask resident ID numbers (身份证号) down to area and sequence: 3307**********123X."""
    text = text.translate(_FULLWIDTH)

    def id18(m: re.Match[str]) -> str:
        if not _is_id18(m["area"] + m["birth"] + m["tail"], strict=False):
            return m[0]
        return m["area"][:4] + "*" * 10 + m["tail"]

    def id15(m: re.Match[str]) -> str:
        if not _is_id15(m[0], strict=False):
            return m[0]
        return m["area"][:4] + "*" * 8 + m["tail"]

    return _ID15.sub(id15, _ID18.sub(id18, text))


def mask_email(text: str, allow: frozenset[str] = frozenset()) -> str:
    """Mask e-mail addresses to their first character and domain: z***@163.com."""
    return _mask_emails(text, allow, _EMAIL)


def _mask_emails(text: str, allow: frozenset[str], pattern: re.Pattern[str]) -> str:
    text = text.translate(_FULLWIDTH)
    allowed = {a.strip().casefold() for a in allow}

    def email(m: re.Match[str]) -> str:
        if m[0].casefold() in allowed:
            return m[0]
        return f"{m['local'][0]}***@{m['domain']}"

    return pattern.sub(email, text)


def mask_labelled_ids(text: str) -> str:
    """Mask QQ and WeChat (微信) ids that a label announces: `QQ：12345678` -> `QQ：1***`."""
    text = text.translate(_FULLWIDTH)

    def labelled(m: re.Match[str]) -> str:
        value = m["value"]
        announced = m["suffix"] or ":" in m["sep"] or "：" in m["sep"]
        if not announced and not any(c.isdigit() for c in value):
            return m[0]  # "wechat group" is prose, "wechat wy_zhang88" is an id
        return m["label"] + (m["suffix"] or "") + m["sep"] + value[0] + "***"

    return _LABELLED_ID.sub(labelled, text)


def mask_bank_card(text: str) -> str:
    """Mask 16-19 digit card numbers, grouped or not, to their last 4 digits."""
    text = text.translate(_FULLWIDTH)

    def card(m: re.Match[str]) -> str:
        value = m[0]
        keep = [i for i, c in enumerate(value) if c.isdigit()][-4]
        return "".join("*" if c.isdigit() else c for c in value[:keep]) + value[keep:]

    return _CARD.sub(card, text)


def mask_name(name: str) -> str:
    """Mask a citizen's name to the surname: 张建国 -> 张**, 欧阳晓东 -> 欧阳**, 李先生 stays."""
    name = name.strip()
    if not name or "*" in name or any(word in name for word in GROUP_WORDS):
        return name
    if not _CJK.search(name):
        return name[0] + "***"
    for title in TITLES:
        if name.endswith(title) and len(name) > len(title):
            head = name[: -len(title)]
            if len(head) == 1 or head in COMPOUND_SURNAMES:
                return name  # 李先生 names nobody
            return _mask_chinese(head) + title
    return _mask_chinese(name)


def _mask_chinese(name: str) -> str:
    surname = name[:2] if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else name[:1]
    rest = name[len(surname) :]
    return surname + "".join(c if c in _KEEP_IN_NAME else "*" for c in rest)


def mask_asker(asker: str) -> str:
    """How a 法律咨询台 asker is shown: a name is masked (王建平 -> 王**); a description that
    names nobody stays (温泉度假区民宿经营者, 熟溪街道居民); phones and the like are masked."""
    text = mask_text(asker.strip())
    core = text
    for title in TITLES:
        if core.endswith(title) and len(core) > len(title):
            core = core[: -len(title)]
            break
    # Chinese personal names are two to four characters (欧阳晓东); anything longer, or with
    # a place or role in it, describes the asker instead of naming them.
    if _CJK.search(core) and len(core) > 4:
        return text
    return mask_name(text)


def mask_names_in(text: str, names: Iterable[str]) -> str:
    """Replace each known full name (2+ characters) in free text by its masked form."""
    masked = {}
    folded = text.casefold()
    for raw in names:
        name = raw.strip()
        # Only the names the text holds: a pattern of them is compiled for each text.
        if len(name) >= 2 and name.casefold() in folded and mask_name(name) != name:
            masked[name.casefold()] = mask_name(name)
    if not masked:
        return text
    # Longest first, so 欧阳晓东 is replaced whole before a shorter name inside it; a Latin
    # name must stand as a word (Li is not in "police").
    ordered = sorted(masked, key=lambda n: (-len(n), n))
    pattern = re.compile(
        "|".join(
            re.escape(n) if _CJK.search(n) else rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])"
            for n in ordered
        ),
        re.IGNORECASE,
    )
    return pattern.sub(lambda m: masked[m[0].casefold()], text)


def mask_text(text: str, names: Iterable[str] = (), allow: frozenset[str] = frozenset()) -> str:
    """Mask every kind of personal data in citizen text; `allow` lists published contacts."""
    # E-mails first, whole (zhang+13857912345@163.com is one address, not a phone); IDs
    # before cards, since an ID is also an 18-digit run; cards before phones; labelled ids
    # after phones, which they may hold; e-mails again for what a masked number left over.
    if not _DIGIT_OR_AT.search(text):
        # No digit and no @: no number or address to mask, only an id a label announces.
        return mask_names_in(mask_labelled_ids(text), names)
    text = _mask_emails(text, allow, _WHOLE_EMAIL)
    text = mask_id_number(text)
    text = mask_bank_card(text)
    text = mask_phone(text, allow)
    text = mask_labelled_ids(text)
    text = mask_email(text, allow)
    return mask_names_in(text, names)


def find_personal_data(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Raw phones, ID numbers and e-mail addresses in `text`, in order; masked forms pass."""
    scan = text.translate(_FULLWIDTH)  # same length: spans in `scan` are spans in `text`
    keys = _phone_keys(allow)
    allowed_mail = {a.strip().casefold() for a in allow}
    found: list[tuple[int, int]] = []
    # Spans `mask_text` would mask as something else first (an e-mail, an ID, a card): a
    # phone-shaped part of them is not reported on its own.
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    def add(start: int, end: int, *, report: bool = True) -> None:
        if free(start, end):
            taken.append((start, end))
            if report:
                found.append((start, end))

    def email(m: re.Match[str]) -> None:
        if m[0].casefold() not in allowed_mail:
            add(m.start(), m.end(), report=not _FILE_SUFFIX.fullmatch(m["domain"].split(".")[-1]))

    for m in _WHOLE_EMAIL.finditer(scan):
        email(m)
    for m in _ID18.finditer(scan):
        digits = m["area"] + m["birth"] + m["tail"]
        if _is_id18(digits, strict=False):
            report = _is_id18(digits, strict=True) and not _in_hash(scan, m)
            add(m.start(), m.end(), report=report)
    for m in _ID15.finditer(scan):
        if _is_id15(m[0], strict=False):
            add(m.start(), m.end(), report=_is_id15(m[0], strict=True) and not _in_hash(scan, m))
    for m in _CARD.finditer(scan):
        add(m.start(), m.end(), report=False)
    for m in _MOBILE.finditer(scan):
        digits = m["head"] + m["mid"] + m["tail"]
        if not _is_allowed(digits, keys) and not _in_hash(scan, m):
            add(m.start("head"), m.end())
    for m in _LANDLINE.finditer(scan):
        if not _is_allowed(_digits(m[0]), keys):
            add(m.start(), m.end())
    for m in _LABELLED_PHONE.finditer(scan):
        if not _is_allowed(_digits(m["number"]), keys):
            add(m.start(), m.end())  # with its label: without one, 87654321 is just a number
    for m in _EMAIL.finditer(scan):
        email(m)
    return [text[start:end] for start, end in sorted(found)]


def _is_id18(digits: str, *, strict: bool) -> bool:
    """An 18-character resident ID: a real birth date (and, when strict, a valid check digit)."""
    if not _is_birth_date(digits[6:14]):
        return False
    if not strict:
        return True  # a wrong check digit is a typo more often than a coincidence
    return (
        _check_char(digits[:17]) == digits[17].upper()
        and _PROVINCE.fullmatch(digits[:2]) is not None
    )


def _is_id15(digits: str, *, strict: bool) -> bool:
    """A 15-digit ID of 1999 and before: area, YYMMDD, sequence."""
    if not _is_birth_date("19" + digits[6:12]):
        return False
    return not strict or _PROVINCE.fullmatch(digits[:2]) is not None


def _is_birth_date(yyyymmdd: str) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    if not 1900 <= year <= 2099:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _check_char(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits of a resident ID."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isascii() and c.isdigit())


def _phone_key(text: str) -> str:
    """Digits of a phone number without the country code, for comparing with the allow list."""
    digits = _digits(text)
    for prefix in ("0086", "86"):
        rest = digits[len(prefix) :]
        if digits.startswith(prefix) and len(rest) == 11 and rest.startswith("1"):
            return rest
    return digits


def _phone_keys(allow: frozenset[str]) -> frozenset[str]:
    return frozenset(key for key in map(_phone_key, allow) if len(key) >= 5)


def _is_allowed(number: str, keys: frozenset[str]) -> bool:
    """An allow-listed number, also when written without its area code (电话：87612345)."""
    key = _phone_key(number)
    if key in keys:
        return True
    if len(key) not in (7, 8) or key.startswith("0"):
        return False
    return any(k.endswith(key) and _AREA_CODE.fullmatch(k[: -len(key)]) for k in keys)


def _in_hash(text: str, m: re.Match[str]) -> bool:
    """True when the match lies inside a long hex token (a hash in a URL, not a number)."""
    start, end = m.start(), m.end()
    while start > 0 and text[start - 1] in _HEX:
        start -= 1
    while end < len(text) and text[end] in _HEX:
        end += 1
    token = text[start:end]
    return len(token) >= _HASH_MIN and all(c in _HEX for c in token) and not token.isdigit()
