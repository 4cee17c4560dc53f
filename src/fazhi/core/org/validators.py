"""Validators for identifiers: 统一社会信用代码, 公民身份号码 and other identity documents.

The check-digit algorithms are pure Python so the disclosure gate
(``fazhi.core.disclosure.masking``)
and the scenario generator can use them without Django; the ``validate_*`` functions wrap them in
``django.core.exceptions.ValidationError`` with Chinese messages for forms and model fields.

Sources:
- GB 32100-2015《法人和其他组织统一社会信用代码编码规则》(with 2016 修改单第1号): structure,
  alphabet, weights and the MOD 31 check character.
- GB 11643-1999《公民身份号码》: ISO 7064 MOD 11-2 check character and birth date.
- The formats of the other documents (通行证, 居住证, 永久居留身份证, 护照) are checked as publicly
  documented by the issuing authorities, and deliberately kept simple: shape (and, where the number
  carries one, the GB 11643 check character) only.  They cannot prove that a document exists.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable

from django.core.exceptions import ValidationError

__all__ = [
    "ID_TYPE_CHOICES",
    "USCC_ALPHABET",
    "USCC_CATEGORIES",
    "birth_date_of",
    "id_check_char",
    "is_valid_id_number",
    "is_valid_uscc",
    "luhn_check_digit",
    "luhn_valid",
    "make_id_number",
    "make_uscc",
    "normalize_code",
    "uscc_check_char",
    "validate_foreign_permanent_residence",
    "validate_hk_macao_permit",
    "validate_id_number",
    "validate_identity",
    "validate_passport",
    "validate_taiwan_permit",
    "validate_uscc",
]


def normalize_code(value: str) -> str:
    """Form-cleaning helper: NFKC (full-width → half-width), drop whitespace, upper-case.

    Validators below are strict (they never change the value); call this first in a form's
    ``clean_*`` when users may type ``９１４２…`` or a lower-case ``x``.
    """
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


# --------------------------------------------------------------------------------------------
# 统一社会信用代码 — GB 32100-2015
# --------------------------------------------------------------------------------------------

# 31 characters: the ten digits and the capital letters except I, O, Z, S, V (GB 32100-2015 §4.2,
# chosen so that no character can be misread as another).  The index is the character's value.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# 登记管理部门代码 (position 1) → the 机构类别代码 (position 2) each department may assign, as
# listed in GB 32100-2015 表1 and the 2016 修改单 (which added A and N).
USCC_CATEGORIES: dict[str, dict[str, str]] = {
    "1": {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    "2": {"1": "外国常驻新闻机构", "9": "其他"},
    "3": {
        "1": "律师执业机构",
        "2": "公证处",
        "3": "基层法律服务所",
        "4": "司法鉴定机构",
        "5": "仲裁委员会",
        "9": "其他",
    },
    "4": {"1": "外国在华文化中心", "9": "其他"},
    "5": {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"},
    "6": {
        "1": "外国旅游部门常驻代表机构",
        "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
        "9": "其他",
    },
    "7": {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"},
    "8": {"1": "基层工会", "9": "其他"},
    "9": {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"},
    "A": {"1": "军队事业单位", "9": "其他"},
    "N": {
        "1": "组级集体经济组织",
        "2": "村级集体经济组织",
        "3": "乡镇级集体经济组织",
        "9": "其他",
    },
    # 其他登记管理部门: the standard does not subdivide, category is always 1.
    "Y": {"1": "其他"},
}
USCC_DEPARTMENTS = {
    "1": "机构编制",
    "2": "外交",
    "3": "司法行政",
    "4": "文化",
    "5": "民政",
    "6": "旅游",
    "7": "宗教",
    "8": "工会",
    "9": "工商（市场监管）",
    "A": "中央军委改革和编制办公室",
    "N": "农业",
    "Y": "其他",
}


def uscc_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 (GB 32100-2015 §4.3, MOD 31).

    Raises ``ValueError`` if ``first17`` is not 17 characters of the USCC alphabet.
    """
    if len(first17) != 17:
        raise ValueError(f"需要17位本体代码，实际为{len(first17)}位")
    try:
        total = sum(_USCC_VALUE[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    except KeyError as exc:
        raise ValueError(f"含有非法字符「{exc.args[0]}」") from None
    return USCC_ALPHABET[(31 - total % 31) % 31]


def _uscc_error(code: str) -> tuple[str, dict[str, object]] | None:
    """The first reason ``code`` is not a valid 统一社会信用代码, or None if it is valid."""
    if len(code) != 18:
        return "统一社会信用代码长度应为18位，实际为%(length)d位。", {"length": len(code)}
    for ch in code:
        if ch not in _USCC_VALUE:
            if ch.upper() in _USCC_VALUE:
                return "统一社会信用代码含有小写字母「%(char)s」，字母应为大写。", {"char": ch}
            return (
                "统一社会信用代码含有非法字符「%(char)s」"
                "（只能使用数字和除 I、O、Z、S、V 以外的大写字母）。",
                {"char": ch},
            )
    department, category = code[0], code[1]
    if department not in USCC_CATEGORIES:
        return "第1位登记管理部门代码「%(char)s」无效。", {"char": department}
    if category not in USCC_CATEGORIES[department]:
        return (
            "第2位机构类别代码「%(char)s」不适用于登记管理部门「%(department)s」。",
            {"char": category, "department": USCC_DEPARTMENTS[department]},
        )
    # Positions 3-8: the registering authority's GB/T 2260 division code.  Only its shape is
    # checked — divisions are renamed and abolished, and old codes stay valid in old USCCs.
    if not code[2:8].isascii() or not code[2:8].isdigit():
        return "第3—8位登记管理机关行政区划码应为6位数字。", {}
    # Positions 9-17 (主体标识码) carry their own GB 11714 check character in most codes, but
    # not reliably in all that were issued, so only the overall MOD 31 check is enforced.
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return "统一社会信用代码校验码错误，应为「%(expected)s」。", {"expected": expected}
    return None


def is_valid_uscc(code: str) -> bool:
    """True if ``code`` is a well-formed 统一社会信用代码 with the right check character."""
    return isinstance(code, str) and _uscc_error(code) is None


def validate_uscc(value: str) -> None:
    """Django validator for 统一社会信用代码 (``code="invalid_uscc"``)."""
    error = _uscc_error(value if isinstance(value, str) else str(value))
    if error is not None:
        message, params = error
        raise ValidationError(message, code="invalid_uscc", params=params)


def make_uscc(prefix17: str) -> str:
    """Complete a 17-character USCC body with its check character (scenario generator)."""
    return prefix17 + uscc_check_char(prefix17)


# --------------------------------------------------------------------------------------------
# 公民身份号码 — GB 11643-1999 (ISO 7064:1983 MOD 11-2)
# --------------------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ASCII_DIGITS = re.compile(r"[0-9]+")


def _ascii_digits(s: str, length: int) -> bool:
    return len(s) == length and _ASCII_DIGITS.fullmatch(s) is not None


def id_check_char(first17: str) -> str:
    """The 18th character of a 公民身份号码 (GB 11643-1999 §8.2): one of ``0-9`` or ``X``.

    Raises ``ValueError`` if ``first17`` is not 17 ASCII digits.
    """
    if not _ascii_digits(first17, 17):
        raise ValueError("需要17位数字本体码")
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def birth_date_of(digits8: str) -> datetime.date | None:
    """Parse ``YYYYMMDD``; None unless it is a real calendar date from 1800 on.

    1800 rather than a living person's range: GB 11643-1999 itself uses 1880 in its example.
    """
    if not _ascii_digits(digits8, 8):
        return None
    year, month, day = int(digits8[:4]), int(digits8[4:6]), int(digits8[6:])
    if year < 1800:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _gb11643_error(value: str, label: str) -> tuple[str, dict[str, object]] | None:
    """Shape and check character of an 18-character GB 11643 number (no birth-date check)."""
    if len(value) != 18:
        return f"{label}长度应为18位，实际为%(length)d位。", {"length": len(value)}
    if not _ascii_digits(value[:17], 17):
        bad = next(ch for ch in value[:17] if not ("0" <= ch <= "9"))
        return f"{label}前17位应为数字，含有非法字符「%(char)s」。", {"char": bad}
    last = value[17]
    if last == "x":
        return f"{label}末位校验码「x」应为大写「X」。", {}
    if not ("0" <= last <= "9" or last == "X"):
        return f"{label}末位校验码应为数字或「X」，实际为「%(char)s」。", {"char": last}
    expected = id_check_char(value[:17])
    if last != expected:
        return f"{label}校验码错误，应为「%(expected)s」。", {"expected": expected}
    return None


def _id_number_error(value: str) -> tuple[str, dict[str, object]] | None:
    error = _gb11643_error(value, "公民身份号码")
    if error is not None:
        return error
    born = birth_date_of(value[6:14])
    if born is None:
        return "公民身份号码第7—14位出生日期「%(date)s」无效。", {"date": value[6:14]}
    if born > datetime.date.today():
        return "公民身份号码第7—14位出生日期「%(date)s」晚于今天。", {"date": value[6:14]}
    return None


def is_valid_id_number(s: str) -> bool:
    """True for an 18-character 公民身份号码 with a real birth date and the right check char."""
    return isinstance(s, str) and _id_number_error(s) is None


def validate_id_number(value: str) -> None:
    """Django validator for 公民身份号码 (``code="invalid_id_number"``)."""
    error = _id_number_error(value if isinstance(value, str) else str(value))
    if error is not None:
        message, params = error
        raise ValidationError(message, code="invalid_id_number", params=params)


def make_id_number(prefix17: str) -> str:
    """Complete a 17-digit 本体码 with its check character (scenario generator)."""
    return prefix17 + id_check_char(prefix17)


# --------------------------------------------------------------------------------------------
# Other identity documents — shape checks only (see module docstring)
# --------------------------------------------------------------------------------------------

_HK_MACAO_PERMIT = re.compile(r"[HM][0-9]{8}")
_TAIWAN_PERMIT = re.compile(r"[0-9]{8}")
_FOREIGN_PR_2017 = re.compile(r"[A-Z]{3}[0-9]{12}")
_PASSPORT = re.compile(r"[A-Za-z0-9]{5,17}")


def _invalid(message: str, code: str, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _validate_residence_permit(value: str, prefixes: tuple[str, ...], code: str) -> None:
    """港澳台居民居住证 (2018 起): a GB 11643 number whose first six digits are 810000 (香港),
    820000 (澳门) or 830000 (台湾), with a birth date in positions 7–14."""
    error = _gb11643_error(value, "居住证号码")
    if error is None and value[:6] not in prefixes:
        error = "居住证号码应以 %(prefixes)s 开头。", {"prefixes": "、".join(prefixes)}
    if error is None and birth_date_of(value[6:14]) is None:
        error = "居住证号码第7—14位出生日期「%(date)s」无效。", {"date": value[6:14]}
    if error is not None:
        message, params = error
        raise ValidationError(message, code=code, params=params)


def validate_hk_macao_permit(value: str) -> None:
    """港澳居民来往内地通行证 (H/M + 8 位数字), or a 港澳居民居住证 number (810000/820000…)."""
    if _HK_MACAO_PERMIT.fullmatch(value):
        return
    if len(value) == 18 and value[:1] == "8":
        _validate_residence_permit(value, ("810000", "820000"), "invalid_hk_macao_permit")
        return
    raise _invalid(
        "港澳居民来往内地通行证号码应为 H 或 M 加8位数字，或为18位港澳居民居住证号码。",
        "invalid_hk_macao_permit",
    )


def validate_taiwan_permit(value: str) -> None:
    """台湾居民来往大陆通行证 (8 位数字, 2015 年起的卡式证件), or a 台湾居民居住证 number
    (830000…, accepted for the same reason as the 港澳 one)."""
    if _TAIWAN_PERMIT.fullmatch(value):
        return
    if len(value) == 18 and value[:1] == "8":
        _validate_residence_permit(value, ("830000",), "invalid_taiwan_permit")
        return
    raise _invalid(
        "台湾居民来往大陆通行证号码应为8位数字，或为18位台湾居民居住证号码。",
        "invalid_taiwan_permit",
    )


def validate_foreign_permanent_residence(value: str) -> None:
    """外国人永久居留身份证: the 2017 card (15 位: 3 位国籍字母 + 12 位数字) or the 2023 card
    (18 位, 以 9 开头, GB 11643 校验码).  The 2023 card's inner fields are not checked."""
    if _FOREIGN_PR_2017.fullmatch(value):
        return
    if len(value) == 18 and value[:1] == "9":
        error = _gb11643_error(value, "外国人永久居留身份证号码")
        if error is None:
            return
        message, params = error
        raise ValidationError(message, code="invalid_foreign_permanent_residence", params=params)
    raise _invalid(
        "外国人永久居留身份证号码应为15位（3位字母加12位数字）或以9开头的18位号码。",
        "invalid_foreign_permanent_residence",
    )


def validate_passport(value: str) -> None:
    """护照号码: 5–17 letters or digits.  Passport numbers follow no common scheme (ICAO 9303
    only bounds the field), so nothing more is checked."""
    if not _PASSPORT.fullmatch(value):
        raise _invalid("护照号码应为5—17位字母或数字。", "invalid_passport")


ID_TYPE_CHOICES: list[tuple[str, str]] = [
    ("resident_id", "居民身份证"),
    ("hk_macao_permit", "港澳居民来往内地通行证"),
    ("taiwan_permit", "台湾居民来往大陆通行证"),
    ("foreign_permanent_residence", "外国人永久居留身份证"),
    ("passport", "护照"),
]

_IDENTITY_VALIDATORS: dict[str, Callable[[str], None]] = {
    "resident_id": validate_id_number,
    "hk_macao_permit": validate_hk_macao_permit,
    "taiwan_permit": validate_taiwan_permit,
    "foreign_permanent_residence": validate_foreign_permanent_residence,
    "passport": validate_passport,
}


def validate_identity(id_type: str, value: str) -> None:
    """Validate ``value`` as a number of the document type ``id_type`` (see ID_TYPE_CHOICES)."""
    validator = _IDENTITY_VALIDATORS.get(id_type)
    if validator is None:
        raise _invalid("不支持的证件类型「%(id_type)s」。", "invalid_id_type", id_type=id_type)
    validator(value if isinstance(value, str) else str(value))


# --------------------------------------------------------------------------------------------
# Luhn (ISO/IEC 7812-1) — bank card numbers
# --------------------------------------------------------------------------------------------


def _luhn_sum(digits: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total


def luhn_valid(digits: str) -> bool:
    """True if ``digits`` (ASCII digits only, at least 2) ends in a correct Luhn check digit."""
    if len(digits) < 2 or _ASCII_DIGITS.fullmatch(digits) is None:
        return False
    return _luhn_sum(digits) % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The Luhn digit to append to ``payload`` (ASCII digits) — used by test generators."""
    if not payload or _ASCII_DIGITS.fullmatch(payload) is None:
        raise ValueError("需要数字串")
    return str((10 - _luhn_sum(payload + "0") % 10) % 10)
