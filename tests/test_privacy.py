"""Masking personal data in citizen text, and the scan that keeps raw data out of the site."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.privacy import (
    COMPOUND_SURNAMES,
    find_personal_data,
    mask_asker,
    mask_bank_card,
    mask_email,
    mask_id_number,
    mask_labelled_ids,
    mask_name,
    mask_names_in,
    mask_phone,
    mask_text,
)

OFFICE = frozenset({"0579-87612345"})

# Check characters computed by hand from GB 11643 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
VALID_ID = "330723199001011239"
VALID_ID_X = "11010519491231002X"  # the standard's own example
VALID_ID_2 = "330723198512310025"
WRONG_CHECK = "330723199001011230"  # same person, typo in the check digit
NO_SUCH_DAY = "440304200502290010"  # 2005-02-29: not a birth date, so not an ID


def _check_char(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_hand_computed_ids_are_valid() -> None:
    for number in (VALID_ID, VALID_ID_X, VALID_ID_2):
        assert _check_char(number[:17]) == number[17]
    assert _check_char(WRONG_CHECK[:17]) != WRONG_CHECK[17]


# -- phones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13857912345", "138****2345"),
        ("电话13857912345谢谢", "电话138****2345谢谢"),
        ("手机：15900001111。", "手机：159****1111。"),
        ("138 5791 2345", "138****2345"),
        ("138-5791-2345", "138****2345"),
        ("+86 139-0579-1234", "+86 139****1234"),
        ("+8613905791234", "+86139****1234"),
        ("0086 13905791234", "0086 139****1234"),
        ("8613905791234", "86139****1234"),
        ("Tel:19912345678", "Tel:199****5678"),
        ("我的号码是13857912345和18857912345", "我的号码是138****2345和188****2345"),
        ("0579-87654321", "0579-8765****"),
        ("(0579)87654321", "(0579)8765****"),
        ("（0579）87654321", "（0579）8765****"),
        ("0579 8765 4321", "0579 8765 ****"),
        ("010-12345678", "010-1234****"),
        ("0579-8765432", "0579-876****"),
        ("座机：87654321", "座机：8765****"),
        ("固话 8765432", "固话 876****"),
        ("联系电话:057987654321", "联系电话:05798765****"),
        # not phones
        ("请拨打 12345 政务服务热线", "请拨打 12345 政务服务热线"),
        ("2026-05-12 09:30", "2026-05-12 09:30"),
        ("第3版，清理占道摊位 23 处", "第3版，清理占道摊位 23 处"),
        ("12857912345", "12857912345"),  # no mobile starts 12
        ("编号 113857912345", "编号 113857912345"),  # 12 digits: not a mobile
        ("邮编 321200，20260512", "邮编 321200，20260512"),
        ("87654321", "87654321"),  # a bare 8-digit number needs a label
    ],
)
def test_mask_phone(text: str, expected: str) -> None:
    assert mask_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("咨询电话 0579-87612345", "咨询电话 0579-87612345"),
        ("(0579) 8761 2345", "(0579) 8761 2345"),
        ("0579 8761 2345", "0579 8761 2345"),
        ("电话：87612345", "电话：87612345"),  # the office number without its area code
        ("0579-87612346", "0579-8761****"),
        ("办公室 0579-87612345，投诉人 13857912345", "办公室 0579-87612345，投诉人 138****2345"),
    ],
)
def test_allow_listed_office_number_is_kept(text: str, expected: str) -> None:
    assert mask_phone(text, allow=OFFICE) == expected
    assert mask_text(text, allow=OFFICE) == expected


def fullwidth(text: str) -> str:
    """Digits as a Chinese input method types them in full-width mode."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def test_full_width_digits_are_digits() -> None:
    text = "电话：" + fullwidth("13857912345") + "，身份证" + fullwidth(VALID_ID)
    assert mask_text(text) == "电话：138****2345，身份证3307**********1239"
    assert find_personal_data(text) == [fullwidth("13857912345"), fullwidth(VALID_ID)]
    assert mask_email("zhang\uff20163.com") == "z***@163.com"


def test_allow_list_compares_digits_only() -> None:
    allow = frozenset({"+86 138 5791 2345", "(0579)87612345"})
    assert mask_phone("13857912345 0579-87612345", allow=allow) == "13857912345 0579-87612345"
    assert mask_phone("13857912346", allow=allow) == "138****2346"


# -- ID numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (VALID_ID, "3307**********1239"),
        (f"身份证号{VALID_ID_X}。", "身份证号1101**********002X。"),
        (VALID_ID_X.lower(), "1101**********002x"),
        (f"ID:{VALID_ID_2}", "ID:3307**********0025"),
        (WRONG_CHECK, "3307**********1230"),
        ("330723 19900101 1239", "3307**********1239"),
        ("330723-19900101-1239", "3307**********1239"),
        ("330723900101123", "3307********123"),  # 15 digits, born 1990-01-01
        ("旧证号330723900101123号", "旧证号3307********123号"),
        # not IDs
        (NO_SUCH_DAY, NO_SUCH_DAY),
        ("202605120930001234", "202605120930001234"),  # birth date 12093000
        ("3307231990010112391", "3307231990010112391"),  # 19 digits
        ("330723901301123", "330723901301123"),  # 15 digits, month 13
        ("20260512", "20260512"),
    ],
)
def test_mask_id_number(text: str, expected: str) -> None:
    assert mask_id_number(text) == expected


def test_masked_id_hides_the_birth_date() -> None:
    masked = mask_id_number(VALID_ID)
    assert "19900101" not in masked and "900101" not in masked
    assert len(masked) == len(VALID_ID)


# -- e-mail, labelled ids, cards ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zhang.san@163.com", "z***@163.com"),
        ("Zhang.San+portal@mail.wuyi.gov.cn", "Z***@mail.wuyi.gov.cn"),
        ("邮箱：wy_2026@qq.com，谢谢", "邮箱：w***@qq.com，谢谢"),
        ("13857912345@139.com", "1***@139.com"),
        ("a@b.co", "a***@b.co"),
        ("<zhang-san@sub.example.org>", "<z***@sub.example.org>"),
        ("两个：a1@x.cn;b2@y.cn", "两个：a***@x.cn;b***@y.cn"),
        ("not an address: a@b", "not an address: a@b"),
        ("@武义城管 微博", "@武义城管 微博"),
    ],
)
def test_mask_email(text: str, expected: str) -> None:
    assert mask_email(text) == expected


def test_allow_listed_email_is_kept_whatever_its_case() -> None:
    allow = frozenset({"cgj@wuyi.gov.cn"})
    text = "来信请寄 CGJ@wuyi.gov.cn 或 me@qq.com"
    assert mask_email(text, allow) == "来信请寄 CGJ@wuyi.gov.cn 或 m***@qq.com"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("QQ：12345678", "QQ：1***"),
        ("QQ号 12345678", "QQ号 1***"),
        ("qq号码:12345678", "qq号码:1***"),
        ("加我qq12345678", "加我qq1***"),
        ("微信：wy_zhang88", "微信：w***"),
        ("微信号:wy_zhang88，", "微信号:w***，"),
        ("微信 wy_zhang88", "微信 w***"),
        ("wechat: abc", "wechat: a***"),
        ("WeChat ID: zhang-san_01", "WeChat ID: z***"),
        ("vx：zs2026", "vx：z***"),
        # not personal ids
        ("关注微信公众号：武义城管", "关注微信公众号：武义城管"),
        ("请加入微信群", "请加入微信群"),
        ("QQ群：123456", "QQ群：123456"),
        ("wechat group", "wechat group"),
        ("twx12345", "twx12345"),
    ],
)
def test_mask_labelled_ids(text: str, expected: str) -> None:
    assert mask_labelled_ids(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6222021234567890", "************7890"),
        ("卡号6217000010012345678，", "卡号***************5678，"),
        ("6222 0212 3456 7890", "**** **** **** 7890"),
        ("6222-0212-3456-7890", "****-****-****-7890"),
        ("6222 0212 3456 7890 123", "**** **** **** ***0 123"),
        ("622202123456789", "622202123456789"),  # 15 digits
        ("62220212345678901234", "62220212345678901234"),  # 20 digits
    ],
)
def test_mask_bank_card(text: str, expected: str) -> None:
    assert mask_bank_card(text) == expected


# -- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("张三", "张*"),
        ("张建国", "张**"),
        (" 张建国 ", "张**"),
        ("欧阳晓东", "欧阳**"),
        ("欧阳东", "欧阳*"),
        ("诸葛亮", "诸葛*"),
        ("司马相如", "司马**"),
        ("欧阳", "欧*"),  # two characters: surname 欧, given name 阳
        ("单于明", "单**"),  # 单 is the common surname here
        ("阿卜杜·热合曼", "阿**·***"),
        ("张", "张"),
        ("李先生", "李先生"),
        ("王女士", "王女士"),
        ("欧阳先生", "欧阳先生"),
        ("张建国先生", "张**先生"),
        ("陈老师", "陈老师"),
        ("熟溪街道居民", "熟溪街道居民"),
        ("热心市民", "热心市民"),
        ("壶山村村民", "壶山村村民"),
        ("匿名", "匿名"),
        ("Zhang San", "Z***"),
        ("张*", "张*"),
        ("", ""),
    ],
)
def test_mask_name(name: str, expected: str) -> None:
    assert mask_name(name) == expected


def test_compound_surnames_include_the_common_ones() -> None:
    for surname in ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐"):
        assert surname in COMPOUND_SURNAMES
    assert all(len(s) == 2 for s in COMPOUND_SURNAMES)


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("我是张建国，张建国先生来电", ["张建国"], "我是张**，张**先生来电"),
        ("欧阳晓东和欧阳晓反映", ["欧阳晓", "欧阳晓东"], "欧阳**和欧阳*反映"),
        ("感谢李先生", ["李先生"], "感谢李先生"),
        ("张三丰与张三", ["张三"], "张*丰与张*"),
        ("police said Li Ming called", ["Li Ming", "Li"], "police said L*** called"),
        ("LI MING wrote", ["Li Ming"], "L*** wrote"),
        ("没有名字", [], "没有名字"),
        ("张三", ["张", " "], "张三"),  # single characters are not names
    ],
)
def test_mask_names_in(text: str, names: list[str], expected: str) -> None:
    assert mask_names_in(text, names) == expected


# -- everything at once -------------------------------------------------------------------

MIXED = [
    (
        "我是张建国，电话13857912345，身份证330723199001011239，邮箱zjg@163.com",
        "我是张**，电话138****2345，身份证3307**********1239，邮箱z***@163.com",
    ),
    (
        "QQ：12345678，微信：wy_zhang88，卡号 6222 0212 3456 7890",
        "QQ：1***，微信：w***，卡号 **** **** **** 7890",
    ),
    ("微信：13857912345", "微信：138****2345"),
    ("QQ邮箱 12345678@qq.com", "QQ邮箱 1***@qq.com"),
    ("请致电 0579-87612345 或 0579-87654321", "请致电 0579-87612345 或 0579-8765****"),
    ("2026-05-12 09:30 第3版 ￥1380", "2026-05-12 09:30 第3版 ￥1380"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), MIXED)
def test_mask_text(text: str, expected: str) -> None:
    assert mask_text(text, ["张建国"], OFFICE) == expected


ALL_INPUTS = sorted(
    {t for t, _ in MIXED}
    | {
        "电话13857912345谢谢",
        "+86 139-0579-1234",
        VALID_ID_X,
        "330723900101123",
        "0579 8765 4321",
        "zhang.san+x@a.b.cn",
        "wechat: abc",
        "6222 0212 3456 7890 123",
    }
)


@pytest.mark.parametrize("text", ALL_INPUTS)
def test_masking_is_idempotent(text: str) -> None:
    once = mask_text(text, ["张建国"], OFFICE)
    assert mask_text(once, ["张建国"], OFFICE) == once
    assert find_personal_data(once, OFFICE) == []


# -- the build scan -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13857912345谢谢", ["13857912345"]),
        ("+86 139-0579-1234", ["139-0579-1234"]),
        ("138 5791 2345 和 0579-87654321", ["138 5791 2345", "0579-87654321"]),
        ("座机：87654321", ["座机：87654321"]),
        (f"证号{VALID_ID_X}", [VALID_ID_X]),
        ("330723900101123", ["330723900101123"]),
        ("写信给 zhang.san@163.com", ["zhang.san@163.com"]),
        ("13857912345@139.com", ["13857912345@139.com"]),
    ],
)
def test_find_personal_data(text: str, expected: list[str]) -> None:
    assert find_personal_data(text, OFFICE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "138****1234",
        "0579-8765****",
        "3307**********1239",
        "z***@163.com",
        "2026-05-12 09:30",
        "2026-05-12T09:30:00+08:00, Tue, 12 May 2026 09:30:00 +0800",
        "第3版",
        "20260512 第20260512001号",
        "邮编 321200",
        "价格 ¥1,380.00 元，共 13800 元",
        "咨询电话 0579-87612345",
        "请拨打 12345 政务服务热线",
        "卡号 6222 0212 3456 7890",  # masked by mask_text, but not this scan's business
        WRONG_CHECK,  # masked on the way in; the scan wants a valid check digit
        "000000199001011230",  # no such province
        "990723900101123",  # 15 digits, no such province
        '<img src="logo@2x.png" srcset="icon@3x.webp">',
        "main.a13857912345bcdef0123456789abcdef01.min.js",  # inside a hash
    ],
)
def test_find_personal_data_ignores_ordinary_text(text: str) -> None:
    assert find_personal_data(text, OFFICE) == []


def test_scan_reports_each_value_masked_by_mask_text() -> None:
    text = "张建国 13857912345 a@b.cn 0579-87654321 " + VALID_ID
    found = find_personal_data(text)
    assert found == ["13857912345", "a@b.cn", "0579-87654321", VALID_ID]
    for value in found:
        assert mask_text(value) != value


# -- properties ---------------------------------------------------------------------------

# Noise with no digits, so every digit in the output came from the planted value.
noise = st.text(alphabet="张三电话：，。 abcQQwx微信@.-+()（）\n")


@given(
    before=noise,
    number=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    sep=st.sampled_from(["", " ", "-"]),
    after=noise,
)
@example(before="电话", number="13857912345", sep="", after="谢谢")
@example(before="电话：(", number="13905791234", sep="-", after=")")
def test_no_mobile_survives(before: str, number: str, sep: str, after: str) -> None:
    written = number[:3] + sep + number[3:7] + sep + number[7:]
    masked = mask_text(before + written + after)
    digits = _digits(masked)
    assert number not in digits
    assert len(digits) <= 7  # at most 138 and 2345 remain
    assert find_personal_data(masked) == []


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    area = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    born = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(2005, 12, 31)))
    sequence = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    first17 = f"{area}{born:%Y%m%d}{sequence}"
    return first17 + _check_char(first17)


@given(before=noise, number=resident_ids(), after=noise)
@example(before="身份证", number=VALID_ID_X, after="")
def test_no_id_number_survives(before: str, number: str, after: str) -> None:
    masked = mask_text(before + number + after)
    assert number[:17] not in masked
    assert number[6:14] not in _digits(masked)  # the birth date
    assert len(_digits(masked)) <= 8
    assert find_personal_data(masked) == []


@given(st.text())
def test_mask_text_never_raises_or_grows_much(text: str) -> None:
    masked = mask_text(text, ["张三"], OFFICE)
    assert len(masked) <= 3 * len(text)


# Text made of the pieces personal data is made of, to shake out order-of-masking bugs.
pieces = st.lists(
    st.sampled_from(
        [
            *"0123456789 -+@._xX()（）：:",
            "电话",
            "QQ",
            "微信",
            "号",
            "a",
            "Z",
            "86",
            "0579",
            "13857912345",
            "\uff11\uff13\uff18",
            VALID_ID_X,
            "330723900101123",
            ".com",
            "qq.com",
            "张三",
        ]
    ),
    max_size=30,
).map("".join)


@given(pieces)
def test_masking_twice_changes_nothing_and_passes_the_scan(text: str) -> None:
    once = mask_text(text, ["张三"], OFFICE)
    assert mask_text(once, ["张三"], OFFICE) == once
    assert find_personal_data(once, OFFICE) == []
    assert len(once) <= 3 * len(text)


@given(pieces)
def test_everything_the_scan_finds_is_masked(text: str) -> None:
    for value in find_personal_data(text, OFFICE):
        assert mask_text(value, allow=OFFICE) != value
        assert value in text


@pytest.mark.parametrize(
    ("asker", "expected"),
    [
        ("王建平", "王**"),
        ("欧阳晓东", "欧阳**"),
        ("李先生", "李先生"),
        ("王建平先生", "王**先生"),
        ("熟溪街道居民", "熟溪街道居民"),
        ("温泉度假区民宿经营者", "温泉度假区民宿经营者"),
        ("某餐饮店店主", "某餐饮店店主"),
        ("个体户 13857912345", "个体户 138****2345"),
    ],
)
def test_mask_asker(asker: str, expected: str) -> None:
    assert mask_asker(asker) == expected
