"""Masking: the step of the disclosure gate that removes personal data from published text.

Why and what (STATUTES.md §masking):
- 行政处罚法 第四十八条 makes penalty decisions public; 政府信息公开条例 第十五条 forbids disclosing
  third parties' personal privacy; 个人信息保护法 第二十八条 treats financial accounts and
  whereabouts as sensitive personal information.
- 法释〔2016〕19号 (最高人民法院关于人民法院在互联网公布裁判文书的规定) is the reference practice:
  第八、九条 — names of persons other than the party are reduced to the surname plus 某;
  第十条 — ID numbers, phone numbers, bank accounts and licence plates are deleted, and home
  addresses are kept only down to the county.

This module is pure Python and works on free text.  Numbers are detected by shape and, where the
number carries one, by its check digit (GB 11643 for ID numbers, Luhn for bank cards), each as a
number bounded by non-digits: a digit run is removed whole or not at all.  What cannot be detected
reliably (bank accounts without a check digit, property certificates, health data) must never be a
public field of a structured record in the first place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from fazhi.core.org.validators import birth_date_of, id_check_char, is_valid_uscc, luhn_valid

__all__ = [
    "COMPOUND_SURNAMES",
    "MARKER",
    "NAME_MASK",
    "Finding",
    "MaskResult",
    "cut_address",
    "mask_name",
    "mask_text",
    "partial_mask",
]

# What a deleted number is replaced with.  It contains no digit, so it can never join the digits
# around it into a new number, and masking the output again changes nothing.
MARKER = "[已删除]"
NAME_MASK = "某"

# Finding kinds
ID_NUMBER = "id_number"
MOBILE = "mobile"
LANDLINE = "landline"
BANK_CARD = "bank_card"
PLATE = "plate"
NAME = "name"


class Finding(NamedTuple):
    """One detected item: its kind and its span in the *input* text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MaskResult:
    text: str
    findings: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        return bool(self.findings)


# --------------------------------------------------------------------------------------------
# Number patterns, matched against the text with full-width characters folded (``_FOLD``).
# Every digit group in every pattern is bounded by non-digits (lookarounds or a separator), so a
# match always covers whole digit runs — never part of a longer number.
# --------------------------------------------------------------------------------------------

# 公民身份号码: 18 characters (GB 11643-1999), also written 6-8-4; or the 15-digit pre-1999 number.
# The same shape covers 港澳台居民居住证 and the 2023 外国人永久居留身份证 (both GB 11643 numbers).
_ID_RE = re.compile(
    r"(?<!\d)(?:\d{17}[\dXx]|\d{6}[ -]\d{8}[ -]\d{3}[\dXx]|\d{15})(?!\d)",
)
# Mainland mobile numbers, optionally +86 / 0086 / 86, written 3-4-4 with spaces or hyphens or not.
_MOBILE_RE = re.compile(r"(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
# Landlines: area code 0 + 2–3 digits (bare, or in parentheses) and a 7–8 digit local number; or a
# local number right after a label such as 电话 (only then is a 7–8 digit run known to be a phone).
_LANDLINE_RE = re.compile(
    r"(?<!\d)(?:[(（]0\d{2,3}[)）][ -]?|0\d{2,3}[ -]?)\d{7,8}(?!\d)"
    r"|(?:电话|传真|座机|联系方式|[Tt]el|TEL)[:：. ]{0,3}(?P<local>\d{3,4}[ -]?\d{4})(?!\d)"
)
# Bank card numbers: 12–19 digits, bare or in groups of four (the last group may be shorter).
_BANK_RE = re.compile(
    r"(?<!\d)(?:\d{12,19}|\d{4}(?P<sep>[ -])\d{4}(?:(?P=sep)\d{4}){1,3}(?:(?P=sep)\d{1,3})?)(?!\d)"
)
# Licence plates (GA 36-2018): one of the 31 provincial abbreviations, the issuing authority's
# letter (never I or O), an optional separator, then 5 characters (6 for new-energy vehicles,
# D/F first or last) or 4 characters and a 挂/学/警/港/澳 suffix.
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_CHAR = "[A-HJ-NP-Z0-9]"
_PLATE_RE = re.compile(
    rf"[{_PROVINCES}][A-HJ-NP-Z][·•・.\- ]?"
    rf"(?:{_PLATE_CHAR}{{4}}[挂学警港澳]|{_PLATE_CHAR}{{5,6}})(?![A-Za-z0-9])"
)
_DIGIT_RE = re.compile(r"\d")
_RUN_RE = re.compile(r"\d+")
_SEPARATORS = str.maketrans("", "", " -")


def _ascii(s: str) -> str:
    """ASCII digits (``\\d`` also matches other Unicode decimals), separators dropped, X upper."""
    if s.isascii():
        return s.translate(_SEPARATORS).upper()
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else ch.upper()
        for ch in s.translate(_SEPARATORS)
    )


def _is_id_number(raw: str) -> bool:
    s = _ascii(raw)
    if len(s) == 15:
        # Pre-1999 number: 6-digit region, YYMMDD (19YY), 3-digit sequence, no check digit.
        return s.isdigit() and birth_date_of("19" + s[6:12]) is not None
    # Deliberately looser than validators.is_valid_id_number (no "not in the future" test): the
    # gate errs on the side of deleting.  A real birth date is required so that 18-digit
    # registration and account numbers are not taken for ID numbers one time in eleven.
    return (
        len(s) == 18
        and s[:17].isdigit()
        and id_check_char(s[:17]) == s[17]
        and birth_date_of(s[6:14]) is not None
    )


def _is_bank_card(raw: str) -> bool:
    s = _ascii(raw)
    if not (12 <= len(s) <= 19 and luhn_valid(s)):
        return False
    # An all-digit 统一社会信用代码 is 18 digits and passes Luhn one time in ten; a legal person's
    # code is published (行政处罚法 第四十八条), so a valid one is not taken for a card.  Cards
    # starting with 6 (银联 62…) stay deleted: that is where an 18-digit card is likely, and the
    # matching USCC prefix (6: 旅游部门登记的代表机构) is rare.
    return not (len(s) == 18 and s[0] != "6" and is_valid_uscc(s))


def _grouped_cards(m: re.Match[str]) -> list[Finding]:
    """Cards written in groups (6222 0212 3456 7890 123) inside a grouped match.

    The pattern is greedy, so it may also take in a neighbouring run written with the same
    separator ("…，1234 6222 0212 3456 7890", "6222-…-7890-0元").  Every window of three or more
    consecutive groups is therefore tried, longest first; each valid one is a finding.
    """
    groups = [g.span() for g in _RUN_RE.finditer(m.group())]
    base = m.start()
    found: list[Finding] = []
    for size in range(len(groups), 2, -1):
        for i in range(len(groups) - size + 1):
            start, end = groups[i][0], groups[i + size - 1][1]
            if any(f.start <= base + start and base + end <= f.end for f in found):
                continue
            if _is_bank_card(m.group()[start:end]):
                found.append(Finding(BANK_CARD, base + start, base + end))
    return found


def _is_plate(raw: str) -> bool:
    # A plate has digits; without one, "新ABCDEF" is more likely an English word after a 新.
    return _DIGIT_RE.search(raw, 2) is not None


# Full-width digits, X, plus, hyphen and the ideographic space, folded one character for one
# character (so spans in the folded text are spans in the input): １３８－１２３４－５６７８ is a
# phone number too.
_FOLD = str.maketrans(
    {
        **{0xFF10 + i: str(i) for i in range(10)},
        "Ｘ": "X",
        "ｘ": "x",
        "＋": "+",
        "－": "-",
        "\u3000": " ",
    }
)


def _find_numbers(text: str) -> list[Finding]:
    """All deletion candidates, one regex pass per kind, with spans in ``text``."""
    text = text.translate(_FOLD)
    found: list[Finding] = []
    for m in _ID_RE.finditer(text):
        if _is_id_number(m.group()):
            found.append(Finding(ID_NUMBER, m.start(), m.end()))
    for m in _MOBILE_RE.finditer(text):
        found.append(Finding(MOBILE, m.start(), m.end()))
    for m in _LANDLINE_RE.finditer(text):
        span = m.span("local") if m.group("local") is not None else m.span()
        found.append(Finding(LANDLINE, *span))
    for m in _BANK_RE.finditer(text):
        if m.group("sep") is None:
            if _is_bank_card(m.group()):
                found.append(Finding(BANK_CARD, m.start(), m.end()))
        else:
            found.extend(_grouped_cards(m))
    for m in _PLATE_RE.finditer(text):
        if _is_plate(m.group()):
            found.append(Finding(PLATE, m.start(), m.end()))
    return found


# --------------------------------------------------------------------------------------------
# Names — 法释〔2016〕19号 第九条
# --------------------------------------------------------------------------------------------

# Two-character surnames kept whole (欧阳娜娜 → 欧阳某某).  Only applied to names of three or more
# characters: a two-character 欧阳 may as well be surname 欧 and given name 阳.
_COMPOUND_SURNAME_TEXT = """
欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政
濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 司寇 巫马
公西 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 东郭 南门 羊舌
微生 梁丘 左丘 东门 西门 第五 南荣 东里 即墨 达奚 褚师 单于 呼衍 陆费
"""
COMPOUND_SURNAMES = frozenset(_COMPOUND_SURNAME_TEXT.split())
# Separators inside transliterated minority and foreign names (买买提·艾力).
_NAME_SEPARATORS = "·•・．.-‧ "


def mask_name(name: str) -> str:
    """Reduce a natural person's name as 法释〔2016〕19号 第九条 does.

    - Han names: surname kept, each character of the given name → 某 (张三 → 张某, 张三丰 → 张某某,
      欧阳娜娜 → 欧阳某某).
    - Transliterated minority / foreign names (with ·): first character kept, every other
      character → 某, separators dropped (买买提·艾力 → 买某某某某).
    - Names in Latin letters: first letter kept, the rest deleted (John Smith → J).
    """
    name = name.strip()
    if not name:
        return name
    if name.isascii():
        return name[0]
    if any(sep in name for sep in _NAME_SEPARATORS):
        rest = [ch for ch in name[1:] if ch not in _NAME_SEPARATORS]
        return name[0] + NAME_MASK * len(rest)
    keep = 2 if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + NAME_MASK * (len(name) - keep)


def _clean_names(names: Iterable[str]) -> set[str]:
    return {n.strip() for n in names if n and len(n.strip()) >= 2}


# --------------------------------------------------------------------------------------------
# The gate's text step
# --------------------------------------------------------------------------------------------


def mask_text(
    text: str,
    *,
    known_names: Iterable[str] = (),
    party_names: Iterable[str] = (),
) -> MaskResult:
    """Delete personal numbers from ``text`` and reduce the names of non-party persons.

    ``known_names`` are natural persons other than the penalised party named in the case
    (witnesses, victims, family members): each is reduced by ``mask_name``.  ``party_names``
    are published as they are (行政处罚法 第四十八条) — where a known name occurs inside a party
    name (张三 in 张三丰), the party name wins.  Numbers are replaced by ``MARKER``.

    ``findings`` lists every detection with its span in the input, in order; two detections of
    one number (an ID number that also passes Luhn) may overlap and are deleted as one.  Home
    addresses are not recognised in free text: cut the structured address field with
    ``cut_address`` before it is composed into what is published.
    """
    numbers = _find_numbers(text)

    # Merge overlapping candidates (e.g. an 18-digit ID that also passes Luhn) into one deletion.
    numbers.sort(key=lambda f: (f.start, -f.end))
    deletions: list[tuple[int, int]] = []
    for f in numbers:
        if deletions and f.start < deletions[-1][1]:
            deletions[-1] = (deletions[-1][0], max(deletions[-1][1], f.end))
        else:
            deletions.append((f.start, f.end))

    # Names: one alternation, longest first, so a party name shields the known names inside it.
    parties = _clean_names(party_names)
    others = _clean_names(known_names) - parties
    replacements: list[tuple[int, int, str]] = [(s, e, MARKER) for s, e in deletions]
    findings = list(numbers)
    if others:
        names_re = re.compile(
            "|".join(re.escape(n) for n in sorted(others | parties, key=len, reverse=True))
        )
        d = 0
        for m in names_re.finditer(text):
            if m.group() in parties:
                continue
            start, end = m.span()
            while d < len(deletions) and deletions[d][1] <= start:
                d += 1
            if d < len(deletions) and deletions[d][0] < end:
                continue  # inside a deleted number already
            replacements.append((start, end, mask_name(m.group())))
            findings.append(Finding(NAME, start, end))

    if not replacements:
        return MaskResult(text, ())
    replacements.sort()
    out: list[str] = []
    pos = 0
    for start, end, new in replacements:
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    findings.sort(key=lambda f: (f.start, f.end))
    return MaskResult("".join(out), tuple(findings))


# --------------------------------------------------------------------------------------------
# Addresses — 法释〔2016〕19号 第十条: 家庭住址 kept down to the county
# --------------------------------------------------------------------------------------------

# A character that can be part of a division's name: not a digit, letter, punctuation, or one of
# the characters that end a division or start a street address.
_DIV_CH = r"[^\s0-9A-Za-z０-９省市区县旗路街巷弄号栋室幢,，、。;；:：()（）\[\]【】/#＃\-]"
_PROVINCE = (
    rf"(?:(?:北京|天津|上海|重庆)市|(?:香港|澳门)特别行政区"
    rf"|{_DIV_CH}{{2,8}}?自治区|{_DIV_CH}{{2,4}}?省)"
)
# Prefecture level: 市, 自治州, 地区 or 盟 (no prefecture is called just "…州": 广州 is 广州市).
_CITY = rf"(?:{_DIV_CH}{{1,12}}?(?:自治州|地区|盟|市))"
# County level: 区, 县 (自治县), 县级市, 旗 (自治旗), 林区; not 小区 / 社区 / 园区 and the like,
# which are below the county.  济南、青岛 have districts whose names start with 市.
_COUNTY = rf"(?:市[中北南]区|{_DIV_CH}{{1,13}}?(?:(?<![小社园校景片厂营街])区|县|市|旗))"
_ADDRESS_RE = re.compile(rf"\s*(?P<p>{_PROVINCE})?(?P<c>{_CITY})?(?P<d>{_COUNTY})?")


def cut_address(address: str) -> str:
    """Keep an address only down to the county.

    "湖北省鄂州市鄂城区滨湖南路25号" → "湖北省鄂州市鄂城区".

    Works with 直辖市 ("北京市朝阳区建国路1号" → "北京市朝阳区") and with addresses that start at
    the city or the county.  What cannot be recognised as a division is dropped: an address with
    no recognisable division returns "" (it is better to publish nothing than a street).
    """
    m = _ADDRESS_RE.match(address)
    if m is None:  # pragma: no cover - every group is optional, so the pattern always matches
        return ""
    return "".join(part for part in m.group("p", "c", "d") if part)


# --------------------------------------------------------------------------------------------
# Partial masks — back-office screens (GB/T 35273 §7.2 display restriction)
# --------------------------------------------------------------------------------------------


def partial_mask(value: str, kind: str) -> str:
    """Show part of a value to staff whose role does not need all of it.

    ``id_number`` → first 6 and last 4 (``420704********1234``); ``mobile`` → first 3 and last 4
    (``138****5678``); anything else → first and last character.
    """
    if kind == ID_NUMBER and len(value) >= 11:
        return value[:6] + "*" * (len(value) - 10) + value[-4:]
    if kind == MOBILE:
        digits = value.translate(_SEPARATORS)
        if digits.startswith("+"):
            digits = digits[1:]
        if len(digits) in (13, 15) and digits[-11] == "1":
            digits = digits[-11:]  # drop an 86 / 0086 prefix
        if len(digits) == 11:
            return digits[:3] + "****" + digits[-4:]
    if len(value) <= 1:
        return "*" * len(value)
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]
