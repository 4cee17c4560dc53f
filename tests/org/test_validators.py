"""Tests for fazhi.core.org.validators — GB 32100-2015, GB 11643-1999, other ID documents, Luhn."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.org.validators import (
    ID_TYPE_CHOICES,
    USCC_ALPHABET,
    USCC_CATEGORIES,
    id_check_char,
    is_valid_id_number,
    is_valid_uscc,
    luhn_check_digit,
    luhn_valid,
    make_id_number,
    make_uscc,
    normalize_code,
    uscc_check_char,
    validate_foreign_permanent_residence,
    validate_hk_macao_permit,
    validate_id_number,
    validate_identity,
    validate_passport,
    validate_taiwan_permit,
    validate_uscc,
)


def _message(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


# ---------------------------------------------------------------------------- USCC


# Published codes of well-known legal persons (public by law) — independent of our generator.
REAL_USCCS = [
    "914403001922038216",  # 华为技术有限公司
    "91330100799655058B",  # 阿里巴巴（中国）有限公司
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
]


@pytest.mark.parametrize("code", REAL_USCCS)
def test_real_uscc_is_valid(code: str) -> None:
    assert is_valid_uscc(code)
    assert uscc_check_char(code[:17]) == code[17]
    validate_uscc(code)  # does not raise


def test_uscc_alphabet_excludes_confusable_letters() -> None:
    assert len(USCC_ALPHABET) == 31
    for letter in "IOZSV":
        assert letter not in USCC_ALPHABET


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("91440300708461136", "长度应为18位，实际为17位"),
        ("", "长度应为18位，实际为0位"),
        ("9144030070846113I6", "含有非法字符「I」"),
        ("9144030070846113S6", "含有非法字符「S」"),
        ("9144030070846113-6", "含有非法字符「-」"),
        ("91330100799655058b", "小写字母「b」"),
        ("B1440300708461136T", "第1位登记管理部门代码「B」无效"),
        ("94440300708461136T", "第2位机构类别代码「4」"),
        ("Y2440300708461136T", "第2位机构类别代码「2」"),
        ("9144A300708461136T", "行政区划码应为6位数字"),
        ("914403001922038217", "校验码错误，应为「6」"),
    ],
)
def test_validate_uscc_messages(value: str, fragment: str) -> None:
    assert not is_valid_uscc(value)
    with pytest.raises(ValidationError) as exc:
        validate_uscc(value)
    assert exc.value.code == "invalid_uscc"
    assert fragment in _message(exc)


def test_uscc_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        uscc_check_char("123")
    with pytest.raises(ValueError):
        uscc_check_char("9144030070846113I")


_dept_category = st.sampled_from(
    [d + c for d, categories in USCC_CATEGORIES.items() for c in categories]
)
_uscc_prefix = st.builds(
    lambda dc, region, body: dc + region + body,
    _dept_category,
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9),
)


@given(_uscc_prefix)
def test_make_uscc_is_valid(prefix: str) -> None:
    code = make_uscc(prefix)
    assert len(code) == 18
    assert is_valid_uscc(code)


@given(_uscc_prefix, st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
def test_uscc_detects_any_single_substitution(prefix: str, pos: int, ch: str) -> None:
    # MOD 31 with weights all non-zero mod 31 (a prime) catches every single-character error.
    code = make_uscc(prefix)
    if code[pos] == ch:
        return
    assert not is_valid_uscc(code[:pos] + ch + code[pos + 1 :])


def test_normalize_code() -> None:
    assert normalize_code(" ９１３３０１００７９９６５５０５８ｂ ") == "91330100799655058B"
    assert is_valid_uscc(normalize_code("91330100799655058b"))


# ---------------------------------------------------------------------------- 公民身份号码


def test_gb11643_examples() -> None:
    # The example numbers of GB 11643-1999 itself.
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("44052418800101001") == "4"
    assert is_valid_id_number("11010519491231002X")
    assert is_valid_id_number("440524188001010014")
    validate_id_number("11010519491231002X")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1101051949123100", "长度应为18位，实际为16位"),
        ("11010519491231A02X", "前17位应为数字，含有非法字符「A」"),
        ("11010519491231002x", "应为大写「X」"),
        ("11010519491231002Y", "末位校验码应为数字或「X」"),
        ("110105194912310021", "校验码错误，应为「X」"),
        (make_id_number("11010519900230123"), "出生日期「19900230」无效"),
        (make_id_number("11010517000101123"), "出生日期「17000101」无效"),
        (make_id_number("11010529990101123"), "晚于今天"),
    ],
)
def test_validate_id_number_messages(value: str, fragment: str) -> None:
    assert not is_valid_id_number(value)
    with pytest.raises(ValidationError) as exc:
        validate_id_number(value)
    assert exc.value.code == "invalid_id_number"
    assert fragment in _message(exc)


def test_id_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        id_check_char("1101051949123100X")
    with pytest.raises(ValueError):
        id_check_char("１１０１０５１９４９１２３１００２")  # full-width digits


_id_prefix = st.builds(
    lambda region, born, seq: region + born.strftime("%Y%m%d") + f"{seq:03d}",
    st.from_regex(r"[1-8][0-9]{5}", fullmatch=True),
    st.dates(datetime.date(1900, 1, 1), datetime.date(2020, 12, 31)),
    st.integers(0, 999),
)


@given(_id_prefix)
def test_make_id_number_is_valid(prefix: str) -> None:
    assert is_valid_id_number(make_id_number(prefix))


@given(_id_prefix, st.integers(0, 16), st.sampled_from("0123456789"))
def test_id_detects_any_single_digit_error(prefix: str, pos: int, digit: str) -> None:
    number = make_id_number(prefix)
    if number[pos] == digit:
        return
    assert not is_valid_id_number(number[:pos] + digit + number[pos + 1 :])


@given(_id_prefix, st.integers(0, 15))
def test_id_detects_adjacent_transposition(prefix: str, pos: int) -> None:
    number = make_id_number(prefix)
    if number[pos] == number[pos + 1]:
        return
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2 :]
    assert id_check_char(swapped[:17]) != swapped[17]


# ---------------------------------------------------------------------------- other documents


def test_hk_macao_permit() -> None:
    validate_hk_macao_permit("H12345678")
    validate_hk_macao_permit("M87654321")
    validate_hk_macao_permit(make_id_number("81000019900101123"))  # 港澳居民居住证
    validate_hk_macao_permit(make_id_number("82000019900101123"))
    for bad in ("A12345678", "H1234567", "h12345678", "H123456789"):
        with pytest.raises(ValidationError) as exc:
            validate_hk_macao_permit(bad)
        assert exc.value.code == "invalid_hk_macao_permit"
    # A 台湾居民居住证 is not a 港澳 document; a wrong check character is reported as such.
    with pytest.raises(ValidationError, match="应以"):
        validate_hk_macao_permit(make_id_number("83000019900101123"))
    bad_check = make_id_number("81000019900101123")[:17] + "0"
    if bad_check != make_id_number("81000019900101123"):
        with pytest.raises(ValidationError, match="校验码错误"):
            validate_hk_macao_permit(bad_check)


def test_taiwan_permit() -> None:
    validate_taiwan_permit("12345678")
    validate_taiwan_permit(make_id_number("83000019900101123"))  # 台湾居民居住证
    for bad in ("1234567", "123456789", "T1234567", make_id_number("81000019900101123")):
        with pytest.raises(ValidationError) as exc:
            validate_taiwan_permit(bad)
        assert exc.value.code == "invalid_taiwan_permit"


def test_foreign_permanent_residence() -> None:
    validate_foreign_permanent_residence("USA310075123456")  # 2017 card
    validate_foreign_permanent_residence(make_id_number("93184019900101123"))  # 2023 card
    for bad in ("US3100751234567", "usa310075123456", make_id_number("13184019900101123")):
        with pytest.raises(ValidationError) as exc:
            validate_foreign_permanent_residence(bad)
        assert exc.value.code == "invalid_foreign_permanent_residence"
    good = make_id_number("93184019900101123")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError, match="校验码错误"):
        validate_foreign_permanent_residence(wrong)


def test_passport() -> None:
    for good in ("E12345678", "EA1234567", "12345", "G1234567890ABCDEF"):
        validate_passport(good)
    for bad in ("1234", "E1234-5678", "G1234567890ABCDEFG", "护照123456"):
        with pytest.raises(ValidationError) as exc:
            validate_passport(bad)
        assert exc.value.code == "invalid_passport"


def test_validate_identity_dispatch() -> None:
    assert {t for t, _ in ID_TYPE_CHOICES} == {
        "resident_id",
        "hk_macao_permit",
        "taiwan_permit",
        "foreign_permanent_residence",
        "passport",
    }
    validate_identity("resident_id", "11010519491231002X")
    validate_identity("hk_macao_permit", "H12345678")
    validate_identity("taiwan_permit", "12345678")
    validate_identity("foreign_permanent_residence", "USA310075123456")
    validate_identity("passport", "E12345678")
    with pytest.raises(ValidationError) as exc:
        validate_identity("resident_id", "H12345678")
    assert exc.value.code == "invalid_id_number"
    with pytest.raises(ValidationError) as exc:
        validate_identity("driving_licence", "123")
    assert exc.value.code == "invalid_id_type"
    assert "不支持的证件类型" in _message(exc)


# ---------------------------------------------------------------------------- Luhn


def test_luhn_known_values() -> None:
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert not luhn_valid("")
    assert not luhn_valid("0")
    assert not luhn_valid("4111 1111 1111 1111")
    assert not luhn_valid("４１１１１１１１１１１１１１１１")
    assert luhn_check_digit("7992739871") == "3"


@given(st.from_regex(r"[0-9]{11,18}", fullmatch=True), st.integers(0, 18))
def test_luhn_round_trip_and_single_error(payload: str, pos: int) -> None:
    number = payload + luhn_check_digit(payload)
    assert luhn_valid(number)
    pos %= len(number)
    changed = str((int(number[pos]) + 1) % 10)
    assert not luhn_valid(number[:pos] + changed + number[pos + 1 :])
