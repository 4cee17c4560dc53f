"""Tests for fazhi.core.disclosure.masking — STATUTES.md §masking (法释〔2016〕19号 第八–十条)."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fazhi.core.disclosure.masking import (
    MARKER,
    Finding,
    cut_address,
    mask_name,
    mask_text,
    partial_mask,
)
from fazhi.core.disclosure.person_names import SURNAMES
from fazhi.core.org.validators import is_valid_uscc, luhn_check_digit, luhn_valid, make_id_number


def masked(text: str, **kwargs: object) -> str:
    return mask_text(text, **kwargs).text  # type: ignore[arg-type]


def card(payload: str) -> str:
    return payload + luhn_check_digit(payload)


def test_marker_has_no_digit() -> None:
    assert not re.search(r"\d", MARKER)


# ---------------------------------------------------------------------------- examples: numbers

ID_X = "11010519491231002X"  # GB 11643-1999's own example
ID_4 = "440524188001010014"
CARD_16 = card("622202123456789")
CARD_19 = card("621700123456789012")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号码：{ID_X}。", f"身份证号码：{MARKER}。"),
        (f"身份证号码{ID_X.lower()}，", f"身份证号码{MARKER}，"),
        (f"（{ID_4}）", f"（{MARKER}）"),
        ("身份证 110105 19491231 002X 号", f"身份证 {MARKER} 号"),
        ("旧身份证110105491231002。", f"旧身份证{MARKER}。"),
        (f"号码{make_id_number('81000019900101123')}", f"号码{MARKER}"),  # 港澳居民居住证
        ("证件号１１０１０５１９４９１２３１００２Ｘ。", f"证件号{MARKER}。"),  # full-width
    ],
)
def test_id_numbers_deleted(text: str, expected: str) -> None:
    result = mask_text(text)
    assert result.text == expected
    # (an ID number may pass Luhn too; overlapping findings are deleted as one)
    assert "id_number" in {f.kind for f in result.findings}


@pytest.mark.parametrize(
    "phone",
    [
        "13812345678",
        "19912345678",
        "+8613812345678",
        "+86 138-1234-5678",
        "0086 13812345678",
        "8613812345678",
        "138-1234-5678",
        "138 1234 5678",
        "１３８１２３４５６７８",  # full-width
        "＋８６　１３８－１２３４－５６７８",
    ],
)
def test_mobile_numbers_deleted(phone: str) -> None:
    result = mask_text(f"联系人手机{phone}，")
    assert result.text == f"联系人手机{MARKER}，"
    assert "mobile" in {f.kind for f in result.findings}


@pytest.mark.parametrize(
    "phone",
    ["027-86781234", "02786781234", "(027)86781234", "（0711）3201234", "0711-3201234"],
)
def test_landlines_deleted(phone: str) -> None:
    result = mask_text(f"办公电话为{phone}。")
    assert result.text == f"办公电话为{MARKER}。"
    assert {f.kind for f in result.findings} == {"landline"}


def test_local_number_deleted_only_after_a_label() -> None:
    assert masked("联系电话：86781234。") == f"联系电话：{MARKER}。"
    assert masked("Tel: 8678 1234") == f"Tel: {MARKER}"
    # Without a label a 7–8 digit run is just a number (文号, 金额, 数量…).
    assert masked("编号第1234567号，罚款86781234元。") == "编号第1234567号，罚款86781234元。"


@pytest.mark.parametrize(
    "number",
    [
        CARD_16,
        CARD_19,
        card("62220212345"),  # 12 digits
        " ".join(re.findall(".{1,4}", CARD_16)),  # 6222 0212 3456 7890
        " ".join(re.findall(".{1,4}", CARD_19)),  # 6217 0012 3456 7890 123
        "-".join(re.findall(".{1,4}", CARD_16)),
    ],
)
def test_bank_cards_deleted(number: str) -> None:
    result = mask_text(f"收款账号：{number}；")
    assert result.text == f"收款账号：{MARKER}；"
    assert {f.kind for f in result.findings} == {"bank_card"}


def test_grouped_card_next_to_other_grouped_runs() -> None:
    # The grouped pattern is greedy; a neighbouring run written with the same separator must not
    # hide the card (found by hypothesis: "6200-0000-0000-0005-0元").
    number = card("620000000000000")
    dashed = "-".join(re.findall(".{4}", number))
    assert masked(f"，{dashed}-0元") == f"，{MARKER}-0元"
    spaced = " ".join(re.findall(".{4}", number))
    assert masked(f"编号1234 {spaced} 元") == f"编号1234 {MARKER} 元"


@pytest.mark.parametrize(
    "plate",
    [
        "鄂G12345",
        "鄂G·12345",
        "鄂G-12345",
        "鄂GD12345",
        "鄂G12345D",
        "粤B1234挂",
        "京AF1234",
        "新A8B888",
    ],
)
def test_plates_deleted(plate: str) -> None:
    result = mask_text(f"驾驶{plate}号小型轿车")
    assert result.text == f"驾驶{MARKER}号小型轿车"
    assert [f.kind for f in result.findings] == ["plate"]


@pytest.mark.parametrize(
    "text",
    [
        "2024年3月5日，罚款人民币50000元，没收违法所得1234567.89元。",
        "鄂市监处罚〔2024〕12号，依据第四十八条第一款。",
        "苏州市场监督管理局；新ABCDEF项目；京A级；沪AB。",
        "订单号12345678901234567890（20位）",  # longer than any card
        "会议于2024-03-05 14:30召开，地点201室。",
        "统一社会信用代码：914403001922038216。",  # a legal person's code is published
    ],
)
def test_ordinary_text_left_alone(text: str) -> None:
    result = mask_text(text)
    assert result.text == text
    assert result.findings == ()
    assert not result.changed


def test_long_digit_runs_without_check_digit_left_alone() -> None:
    # 12–19 digits that pass neither Luhn nor GB 11643 are not personal numbers we can detect.
    run = "123456789012"
    assert not luhn_valid(run)
    assert masked(f"流水号{run}。") == f"流水号{run}。"
    bad_id = ID_X[:17] + "1"  # wrong check character
    if not luhn_valid(bad_id):
        assert masked(f"号码{bad_id}。") == f"号码{bad_id}。"


def test_part_of_a_longer_run_is_not_matched() -> None:
    # A mobile number, a card and an ID inside longer digit runs are not separate numbers.
    for run in ("9" + "13812345678", "138123456789", "1" + ID_X[:17] + "11"):
        assert not luhn_valid(run) or len(run) > 19
        assert masked(f"编码{run}。") == f"编码{run}。"


def test_uscc_that_passes_luhn_is_kept() -> None:
    # Find an all-digit valid USCC that is also Luhn-valid: it must still be published.
    from fazhi.core.org.validators import make_uscc

    code = next(
        c
        for c in (make_uscc(f"91420700{n:09d}") for n in range(1000))
        if c.isdigit() and luhn_valid(c)
    )
    assert is_valid_uscc(code)
    assert masked(f"统一社会信用代码{code}。") == f"统一社会信用代码{code}。"


def test_findings_are_spans_of_the_input() -> None:
    text = f"甲{ID_X}乙13812345678丙鄂G12345"
    result = mask_text(text)
    assert result.findings == (
        Finding("id_number", 1, 19),
        Finding("mobile", 20, 31),
        Finding("plate", 32, 39),
    )
    for f in result.findings:
        assert text[f.start : f.end] in (ID_X, "13812345678", "鄂G12345")
    assert result.text == f"甲{MARKER}乙{MARKER}丙{MARKER}"


def test_several_kinds_together() -> None:
    text = (
        f"当事人张三丰（公民身份号码{ID_X}），住湖北省鄂州市鄂城区滨湖南路25号，"
        f"证人张三、李四，张三手机13812345678，车辆鄂G·12345，"
        f"罚款缴入账户{CARD_19}。"
    )
    out = masked(text, known_names=["张三", "李四"], party_names=["张三丰"])
    assert out == (
        f"当事人张三丰（公民身份号码{MARKER}），住湖北省鄂州市鄂城区，"
        f"证人张某、李某，张某手机{MARKER}，车辆{MARKER}，"
        f"罚款缴入账户{MARKER}。"
    )


# ---------------------------------------------------------------------------- examples: names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("张三", "张某"),
        ("张三丰", "张某某"),
        ("欧阳娜娜", "欧阳某某"),
        ("欧阳锋", "欧阳某"),
        ("司马光", "司马某"),
        ("诸葛亮", "诸葛某"),
        ("上官婉儿", "上官某某"),
        ("令狐冲", "令狐某"),
        ("欧阳", "欧某"),  # too short to tell a compound surname from surname + given name
        (" 王五 ", "王某"),
        ("买买提·艾力", "买某某某某"),  # 第九条(二): first character kept
        ("John Smith", "J"),  # 第九条(三): first letter kept, the rest deleted
        ("", ""),
    ],
)
def test_mask_name(name: str, expected: str) -> None:
    assert mask_name(name) == expected


def test_known_names_masked_party_kept() -> None:
    text = "经查，张三丰雇佣张三从事经营，欧阳娜娜作证。"
    out = masked(text, known_names=["张三", "欧阳娜娜"], party_names=["张三丰"])
    assert out == "经查，张三丰雇佣张某从事经营，欧阳某某作证。"


def test_party_name_wins_over_known_name() -> None:
    # The same name given as both: the party is published (行政处罚法 第四十八条).
    assert masked("张三违法", known_names=["张三"], party_names=["张三"]) == "张三违法"


def test_name_findings() -> None:
    result = mask_text("证人李四、李四的妻子王小红", known_names=["李四", "王小红", "赵六"])
    assert result.text == "证人李某、李某的妻子王某某"
    assert [f.kind for f in result.findings] == ["name", "name", "name"]


def test_single_character_names_ignored() -> None:
    assert masked("张某称", known_names=["张", ""]) == "张某称"


# ---------------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("湖北省鄂州市鄂城区滨湖南路25号", "湖北省鄂州市鄂城区"),
        ("北京市朝阳区建国路1号", "北京市朝阳区"),
        ("上海市浦东新区世纪大道100号", "上海市浦东新区"),
        ("重庆市万州区高笋塘1号", "重庆市万州区"),
        ("鄂州市鄂城区滨湖南路25号", "鄂州市鄂城区"),
        ("鄂城区滨湖南路25号", "鄂城区"),
        ("广东省广州市天河区体育西路", "广东省广州市天河区"),
        ("湖北省恩施土家族苗族自治州恩施市舞阳大道", "湖北省恩施土家族苗族自治州恩施市"),
        ("湖北省荆州市洪湖市新堤街道", "湖北省荆州市洪湖市"),
        ("山东省济南市市中区经四路", "山东省济南市市中区"),
        ("内蒙古自治区阿拉善盟阿拉善左旗巴彦浩特镇", "内蒙古自治区阿拉善盟阿拉善左旗"),
        ("青海省海东市化隆回族自治县巴燕镇", "青海省海东市化隆回族自治县"),
        ("湖北省神农架林区松柏镇", "湖北省神农架林区"),
        ("湖北省仙桃市干河街道幸福小区3栋", "湖北省仙桃市"),  # 县级市 under the province
        ("湖北省鄂州市鄂城区", "湖北省鄂州市鄂城区"),
        ("滨湖南路25号", ""),  # nothing recognisable: publish nothing
        ("", ""),
    ],
)
def test_cut_address(address: str, expected: str) -> None:
    assert cut_address(address) == expected


# ---------------------------------------------------------------------------- partial masks


def test_partial_mask() -> None:
    assert partial_mask("420704199001011234", "id_number") == "420704********1234"
    assert partial_mask(ID_X, "id_number") == "110105********002X"
    assert partial_mask("13812345678", "mobile") == "138****5678"
    assert partial_mask("+86 138-1234-5678", "mobile") == "138****5678"
    assert partial_mask("鄂G12345", "plate") == "鄂*****5"
    assert partial_mask("张三", "name") == "张*"
    assert partial_mask("X", "other") == "*"
    assert partial_mask("", "other") == ""


# ---------------------------------------------------------------------------- properties

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# Common characters of administrative documents, with some provincial abbreviations among them.
HANZI = (
    "的一是在不了有和人这中大为上个国以要时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "行政处罚决定书当事人违法事实证据依据履行方式期限复议诉讼市场监督管理局经营者单位罚款没收"
    "责令改正法律规定第条款项日月号住所地址电子邮件查明认定情节从轻减轻"
    "京沪鄂湘川新粤苏"
)
PUNCT = list("，。、；：！？（）《》“”·—… \n")
ASCII_WORDS = ["PDF", "GB", "No.", "APP", "QQ", "ok", "http", "A", "x", "Tel"]
UNITS = ["元", "年", "月", "日", "条", "号", "%", ".", "-", " ", "、", "万元", "次", "kg", "）"]

_hanzi = st.text(alphabet=HANZI, min_size=1, max_size=8)
# Short digit runs always followed by a non-digit (so tokens never join into a long run).
_number_token = st.builds(
    lambda d, unit: d + unit, st.from_regex(r"[0-9]{1,6}", fullmatch=True), st.sampled_from(UNITS)
)
_token = st.one_of(
    _hanzi, _hanzi, st.sampled_from(PUNCT), st.sampled_from(ASCII_WORDS), _number_token
)
# Realistic surrounding text: Chinese, punctuation, spaces, ASCII words and short numbers.
surrounding = st.lists(_token, max_size=25).map("".join)
# What may sit right next to a detected number: anything but a digit.
digit_boundary = st.sampled_from([*PUNCT, "号", "为", "是", "a", "X", "：", "(", ")", "-", "+"])
# Next to a plate: anything but an ASCII letter or digit.
plate_boundary = st.sampled_from([*PUNCT, "号", "的", "车", "：", "("])

_birth = st.dates(datetime.date(1900, 1, 1), datetime.date(2024, 12, 31))
_region = st.one_of(
    st.sampled_from(["420704", "110105", "440305", "310115", "650102", "810000", "830000"]),
    st.from_regex(r"[1-6][1-5][0-9]{4}", fullmatch=True),
)
id_numbers_18 = st.builds(
    lambda r, b, s: make_id_number(r + b.strftime("%Y%m%d") + f"{s:03d}"),
    _region,
    _birth,
    st.integers(0, 999),
)
id_numbers_15 = st.builds(
    lambda r, b, s: r + b.strftime("%y%m%d") + f"{s:03d}",
    _region,
    st.dates(datetime.date(1900, 1, 1), datetime.date(1999, 12, 31)),
    st.integers(0, 999),
)
mobiles = st.builds(
    lambda second, rest: "1" + second + rest,
    st.sampled_from("3456789"),
    st.from_regex(r"[0-9]{9}", fullmatch=True),
)
bank_cards = st.builds(
    card,
    st.one_of(
        st.from_regex(r"62[0-9]{13}", fullmatch=True),
        st.from_regex(r"62[0-9]{16}", fullmatch=True),
        st.from_regex(r"[3-9][0-9]{14}", fullmatch=True),
        st.from_regex(r"[3-9][0-9]{17}", fullmatch=True),
    ),
    # An 18-digit number that is also a valid 统一社会信用代码 is published on purpose (see
    # test_uscc_that_passes_luhn_is_kept); only 银联 62… cards of that length are deleted anyway.
).filter(lambda c: not (len(c) == 18 and c[0] != "6" and is_valid_uscc(c)))
_plate_char = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
plates = st.one_of(
    # ordinary: 5 characters, at least one digit
    st.builds(
        lambda p, letter, sep, tail: p + letter + sep + tail,
        st.sampled_from(PROVINCES),
        st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ"),
        st.sampled_from(["", "·", " "]),
        st.text(alphabet=_plate_char, min_size=5, max_size=5).filter(
            lambda t: any(c.isdigit() for c in t)
        ),
    ),
    # new energy: D/F then 5 characters, or 5 digits then D/F
    st.builds(
        lambda p, letter, tail: p + letter + tail,
        st.sampled_from(PROVINCES),
        st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ"),
        st.one_of(
            st.builds(
                lambda k, d: k + d,
                st.sampled_from("DF"),
                st.from_regex(r"[0-9]{5}", fullmatch=True),
            ),
            st.builds(
                lambda d, k: d + k,
                st.from_regex(r"[0-9]{5}", fullmatch=True),
                st.sampled_from("DF"),
            ),
        ),
    ),
)


def _without_separators(text: str) -> str:
    return text.replace(" ", "").replace("-", "")


@given(
    surrounding,
    digit_boundary,
    st.one_of(id_numbers_18, id_numbers_15, mobiles, bank_cards),
    digit_boundary,
    surrounding,
)
def test_no_personal_number_survives(
    before: str, left: str, number: str, right: str, after: str
) -> None:
    text = before + left + number + right + after
    out = masked(text)
    assert number not in out
    assert number.upper() not in _without_separators(out)


@given(surrounding, plate_boundary, plates, plate_boundary, surrounding)
def test_no_plate_survives(before: str, left: str, plate: str, right: str, after: str) -> None:
    out = masked(before + left + plate + right + after)
    assert plate not in out


@given(
    surrounding,
    digit_boundary,
    st.one_of(mobiles, bank_cards),
    st.sampled_from([" ", "-"]),
    digit_boundary,
    surrounding,
)
def test_grouped_numbers_do_not_survive(
    before: str, left: str, number: str, sep: str, right: str, after: str
) -> None:
    if len(number) == 11:
        written = sep.join([number[:3], number[3:7], number[7:]])  # 138 1234 5678
    else:
        written = sep.join(re.findall(".{1,4}", number))  # 6222 0212 3456 7890 123
    out = masked(before + left + written + right + after)
    assert written not in out
    assert number not in _without_separators(out)


_LONG_RUN = re.compile(r"\d{7}")
# 138 1234 5678, 138.1234.5678, 6222 0212 …, 8678 1234 — also at the end of a longer run
# (010000.0000 reads as 010 000.0000, a telephone number's shape)
_GROUPED = re.compile(r"\d{3,4}[ .-]\d{4}(?!\d)")
_PLATE_START = re.compile(rf"[{PROVINCES}][A-Z]", re.IGNORECASE)
_ADDRESS_CUE = re.compile(r"住|地址")


@given(surrounding)
def test_text_without_candidates_is_unchanged(text: str) -> None:
    assume(not _LONG_RUN.search(text))
    assume(not _GROUPED.search(text))
    assume(not _PLATE_START.search(text))
    assume(not _ADDRESS_CUE.search(text))
    # Names are left to the next test: a random run of characters may well look like one.
    result = mask_text(text, known_names=["欧阳娜娜"], party_names=["张三丰"], find_names=False)
    assert result.text == text
    assert result.findings == ()


# The same kind of text, with no character that starts a surname or an address cue: the name
# finder must not invent a name either.
_NO_SURNAME = "".join(ch for ch in HANZI if ch not in SURNAMES and ch not in "住址")
surrounding_without_surnames = st.lists(
    st.one_of(
        st.text(alphabet=_NO_SURNAME, min_size=1, max_size=8),
        st.sampled_from(PUNCT),
        st.sampled_from(ASCII_WORDS),
        _number_token,
    ),
    max_size=25,
).map("".join)


_DOTTED = re.compile(r"[\u4e00-\u9fff][·•・][\u4e00-\u9fff]")


@given(surrounding_without_surnames)
def test_text_without_surnames_is_unchanged(text: str) -> None:
    assume(not _LONG_RUN.search(text))
    # A dotted run (艾力·买买提) is a transliterated name without a Chinese surname, by rule;
    # test_person_names covers it.
    assume(not _DOTTED.search(text))
    assume(not _GROUPED.search(text))
    assume(not _PLATE_START.search(text))
    result = mask_text(text, known_names=["欧阳娜娜"], party_names=["张三丰"])
    assert result.text == text
    assert result.findings == ()


@given(
    surrounding,
    st.lists(st.one_of(id_numbers_18, mobiles, bank_cards, plates), max_size=3),
    surrounding,
)
def test_masking_is_idempotent(before: str, numbers: list[str], after: str) -> None:
    once = masked(before + "，".join(["", *numbers, ""]) + after, known_names=["张三"])
    assert masked(once, known_names=["张三"]) == once


def test_a_long_decision_is_masked_throughout() -> None:
    paragraph = (
        f"当事人张三丰，公民身份号码{ID_X}，手机13812345678，住湖北省鄂州市鄂城区滨湖南路25号。"
        "经查，2024年3月5日当事人销售不合格产品120件，货值金额人民币3600元，违法所得800元。"
        "证人张三、李四证实上述事实。车辆鄂G·12345。"
    )
    text = paragraph * 1000  # ~150 000 characters
    result = mask_text(text, known_names=["张三", "李四"], party_names=["张三丰"])
    assert result.text.count(MARKER) == 3000
    assert "张三丰" in result.text and "证人张某、李某" in result.text
