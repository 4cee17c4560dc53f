"""Masking: the step of the disclosure gate that removes personal data from published text.

Why and what (STATUTES.md §masking):
- 行政处罚法 第四十八条 makes penalty decisions public; 政府信息公开条例 第十五条 forbids disclosing
  third parties' personal privacy; 个人信息保护法 第二十八条 treats financial accounts and
  whereabouts as sensitive personal information.
- 法释〔2016〕19号 (最高人民法院关于人民法院在互联网公布裁判文书的规定) is the reference practice:
  第八、九条 — names of persons other than the party are reduced to the surname plus 某;
  第十条 — ID numbers, phone numbers, bank accounts and licence plates are deleted, and home
  addresses are kept only down to the county.

This module works on free text.  Numbers are detected by shape and, where the number carries
one, by its check digit (GB 11643 for ID numbers, Luhn for bank cards), each as a number bounded
by non-digits: a digit run is removed whole or not at all, however it is grouped or written
(spaces, dots, dashes of any width, full-width digits).  Numbers labelled as a business's
registration or licence number are kept.  Addresses after 住/家住/住址/地址… are cut after the
county, as ``cut_address`` cuts structured ones.  Persons' names the caller does not list are
found with ``person_names`` (jieba, loaded once on first use).  What cannot be detected
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

from .person_names import COMPOUND_SURNAMES, find_person_names

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
ADDRESS = "address"


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

# Between the groups of a number written in groups: one space, dot or hyphen, a hyphen or dot
# with a space either side, or two spaces (every dash and dot width is folded first, ``_FOLD``).
_SEP = r"(?:[ ]?[.-][ ]?|[ ]{1,2})"

# 公民身份号码: 18 characters (GB 11643-1999), also written 6-8-4; or the 15-digit pre-1999 number.
# The same shape covers 港澳台居民居住证 and the 2023 外国人永久居留身份证 (both GB 11643 numbers).
_ID_RE = re.compile(
    r"(?<!\d)(?:\d{17}[\dXx]|\d{6}[ -]\d{8}[ -]\d{3}[\dXx]|\d{15})(?!\d)",
)
# Any other grouping (4207 0419 9001 0112 34, 4207-0419-…): a run of digit groups, each window of
# consecutive whole groups that makes 18 characters is tried (``_grouped_ids``).
_GROUPED_RUN_RE = re.compile(rf"(?<![\dXx])\d+(?:{_SEP}\d+)+[Xx]?(?![\dXx])")
# Mainland mobile numbers, optionally +86 / 0086 / 86, written 3-4-4 with spaces, dots or hyphens.
_MOBILE_RE = re.compile(rf"(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:{_SEP}?\d{{4}}){{2}}(?!\d)")
# Landlines: area code 0 + 2–3 digits (bare, or in parentheses) and a 7–8 digit local number, the
# local number perhaps split 3/4-4; or a local number right after a label such as 电话 (only then
# is a 7–8 digit run known to be a phone).  Never from the middle of a run of digit groups
# (6222 0212 3456 7890 is a card, not 0212-3456 7890).
_LOCAL = rf"(?:\d{{7,8}}|\d{{3,4}}{_SEP}\d{{4}})"
_LANDLINE_RE = re.compile(
    # An area code is 0 and a non-zero digit (010, 027, 0711): "00" starts an international call.
    rf"(?<!\d)(?<!\d[ .-])(?:[(（][ ]?0[1-9]\d{{1,2}}[ ]?[)）]{_SEP}?|0[1-9]\d{{1,2}}{_SEP}?)"
    rf"{_LOCAL}(?!\d)"
    rf"|(?:电话|传真|座机|联系方式|[Tt]el|TEL)[:：. ]{{0,3}}"
    rf"(?P<local>\d{{3,4}}{_SEP}?\d{{4}})(?!\d)"
)
# Bank card numbers: 12–19 digits, bare or in groups of four (the last group may be shorter).
_BANK_RE = re.compile(
    r"(?<!\d)(?:\d{12,19}|\d{4}(?P<sep>[ -])\d{4}(?:(?P=sep)\d{4}){1,3}(?:(?P=sep)\d{1,3})?)(?!\d)"
)
# Licence plates (GA 36-2018): one of the 31 provincial abbreviations, the issuing authority's
# letter (never I or O), an optional separator, then 5 characters (6 for new-energy vehicles,
# D/F first or last) or 4 characters and a 挂/学/警/港/澳 suffix.  Letters in either case (鄂g12345
# is the same plate); full-width letters and digits are folded first.
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_CHAR = "[A-HJ-NP-Z0-9]"
_PLATE_RE = re.compile(
    rf"[{_PROVINCES}][A-HJ-NP-Z][ ]?[·•・.\-]?[ ]?"
    rf"(?:{_PLATE_CHAR}{{4}}[挂学警港澳]|{_PLATE_CHAR}{{5,6}})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Numbers a label names as a registration or licence number of a business or a product are
# published (行政处罚法 第四十八条 publishes the legal person; its 统一社会信用代码 and licence
# numbers identify it, not a natural person): the code right after such a label is never taken
# for a phone, ID or card number.  Only specific labels: "编号" alone could precede an ID number.
_REGISTRATION_RE = re.compile(
    r"(?:统一社会信用代码|社会信用代码|信用代码|注册号|注册编号|许可证编号|许可证号|许可证|"
    r"登记证号|登记证编号|登记编号|执照编号|营业执照号|备案号|备案编号|批准文号|证书编号|"
    r"报告编号|产品批号|批号|批次号|标准号|检验编号)"
    r"[ :：（(为是]{0,3}(?P<code>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)"
)
_DIGIT_RE = re.compile(r"\d")
_RUN_RE = re.compile(r"\d+")
_SEPARATORS = str.maketrans("", "", " -.")


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


# Full-width digits, letters, plus, dots, every width of hyphen and dash, and the ideographic
# space, folded one character for one character (so spans in the folded text are spans in the
# input): １３８－１２３４－５６７８, 138—1234—5678 and 鄂Ｇ１２３４５ are numbers too.
_FOLD_MAP: dict[int | str, str] = {
    **{0xFF10 + i: str(i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
    **dict.fromkeys(map(ord, "－‐‑‒–—―−﹣"), "-"),
    **dict.fromkeys(map(ord, "．﹒"), "."),
    "＋": "+",
    "（": "(",
    "）": ")",
    "\u3000": " ",
    "\u00a0": " ",
}
_FOLD = str.maketrans(_FOLD_MAP)


def _grouped_ids(m: re.Match[str]) -> list[Finding]:
    """ID numbers written in groups of any width inside a run of digit groups.

    Like ``_grouped_cards``: every window of consecutive whole groups that makes 18 characters is
    checked (GB 11643 check character and a real birth date), so a digit run is never cut.
    """
    groups = [g.span() for g in re.finditer(r"\d+[Xx]?", m.group())]
    base = m.start()
    found: list[Finding] = []
    for i in range(len(groups)):
        length = 0
        for j in range(i, len(groups)):
            length += groups[j][1] - groups[j][0]
            if length > 18:
                break
            if length == 18 and j > i:
                start, end = groups[i][0], groups[j][1]
                if _is_id_number(m.group()[start:end]):
                    found.append(Finding(ID_NUMBER, base + start, base + end))
    return found


def _registration_spans(folded: str) -> list[tuple[int, int]]:
    return [m.span("code") for m in _REGISTRATION_RE.finditer(folded)]


_UNIT_AFTER = re.compile(r"[元万亿米吨斤%‰]|平方|公里|千克|公斤|立方")


def _find_numbers(text: str) -> list[Finding]:
    """All deletion candidates, one regex pass per kind, with spans in ``text``."""
    text = text.translate(_FOLD)
    found: list[Finding] = []
    for m in _ID_RE.finditer(text):
        if _is_id_number(m.group()):
            found.append(Finding(ID_NUMBER, m.start(), m.end()))
    for m in _GROUPED_RUN_RE.finditer(text):
        found.extend(_grouped_ids(m))
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
    kept = _registration_spans(text)
    if kept:
        found = [f for f in found if not any(s <= f.start and f.end <= e for s, e in kept)]
    # An amount or a measure (5000.00元, 0711.5万元, 300.0000平方米) is not a telephone number,
    # whatever its digits look like: a number followed at once by its unit is kept.
    return [
        f for f in found if f.kind not in (MOBILE, LANDLINE) or not _UNIT_AFTER.match(text, f.end)
    ]


# --------------------------------------------------------------------------------------------
# Names — 法释〔2016〕19号 第九条
# --------------------------------------------------------------------------------------------

# Two-character surnames are kept whole (欧阳娜娜 → 欧阳某某); the table lives with the name finder.
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
    find_names: bool = True,
) -> MaskResult:
    """Delete personal numbers and home-address detail from ``text``; reduce non-party names.

    - Numbers (ID, phone, bank card, plate) are replaced by ``MARKER``; a number labelled as a
      registration or licence number (注册号, 许可证编号, 统一社会信用代码 …) is kept.
    - An address after a cue (住, 家住, 住址, 地址, 现住 …) is cut after its county, as
      ``cut_address`` cuts a structured address field.
    - ``known_names`` are natural persons other than the penalised party named in the case
      (witnesses, victims, family members): each is reduced by ``mask_name``.  Other persons'
      names in the text are found (``person_names.find_person_names``, unless ``find_names`` is
      false) and reduced the same way.  ``party_names`` are published as they are (行政处罚法
      第四十八条) — where a name occurs inside a party name (张三 in 张三丰), the party name wins.

    ``findings`` lists every detection with its span in the input, in order; two detections of
    one number (an ID number that also passes Luhn) may overlap and are deleted as one.
    """
    numbers = _find_numbers(text)
    addresses = [Finding(ADDRESS, start, end) for start, end in _address_cuts(text)]

    # Merge overlapping candidates (e.g. an 18-digit ID that also passes Luhn, a number inside
    # an address) into one deletion; a deletion holding a number shows the marker.
    pending = [(f.start, f.end, MARKER) for f in numbers] + [
        (f.start, f.end, "") for f in addresses
    ]
    pending.sort(key=lambda d: (d[0], -d[1]))
    deletions: list[tuple[int, int, str]] = []
    for start, end, new in pending:
        if deletions and start < deletions[-1][1]:
            s0, e0, n0 = deletions[-1]
            deletions[-1] = (s0, max(e0, end), n0 or new)
        else:
            deletions.append((start, end, new))

    # Known names: one alternation, longest first, so a party name shields the names inside it.
    parties = _clean_names(party_names)
    others = _clean_names(known_names) - parties
    replacements = list(deletions)
    findings: list[Finding] = [*numbers, *addresses]
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

    out, kept = _apply(text, replacements)
    if find_names:
        out = _mask_found_names(out, kept, parties, findings)
    if not findings:
        return MaskResult(text, ())
    findings.sort(key=lambda f: (f.start, f.end))
    return MaskResult(out, tuple(findings))


def _apply(
    text: str, replacements: list[tuple[int, int, str]]
) -> tuple[str, list[tuple[int, int, int]]]:
    """Apply non-overlapping replacements; also return the unchanged pieces as (out, end, in)."""
    replacements.sort()
    out: list[str] = []
    kept: list[tuple[int, int, int]] = []
    pos = length = 0
    for start, end, new in [*replacements, (len(text), len(text), "")]:
        piece = text[pos:start]
        if piece:
            kept.append((length, length + len(piece), pos))
        out.append(piece)
        out.append(new)
        length += len(piece) + len(new)
        pos = end
    return "".join(out), kept


def _mask_found_names(
    out: str, kept: list[tuple[int, int, int]], parties: set[str], findings: list[Finding]
) -> str:
    """Reduce the names ``find_person_names`` finds in what is left after the other steps.

    Found in the text as it will be published (numbers and known names already replaced), so
    that masking the output again finds nothing new.  Spans map back to the input through the
    pieces the other steps left unchanged.
    """
    found = find_person_names(out)
    if not found:
        return out
    shielded = [m.span() for party in parties for m in re.finditer(re.escape(party), out)]
    chars = list(out)
    # From the end: a transliterated name's mask is shorter than the name (艾力·买买提 → 艾某某某某)
    for start, end in reversed(found):
        if any(a < end and start < b for a, b in shielded):
            continue  # the party, or part of the party's name (张三 in 张三丰)
        piece = next((p for p in kept if p[0] <= start and end <= p[1]), None)
        if piece is None:
            continue  # touches a replacement: already masked
        masked = mask_name(out[start:end])
        chars[start:end] = masked
        offset = piece[2] - piece[0]
        findings.append(Finding(NAME, start + offset, end + offset))
    return "".join(chars)


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


# A division name never has a township, village or street inside it after its first character
# (镇江市 and 乡宁县 do start with one): "段店镇集市" is a township and a market, not a city.
_BELOW_COUNTY_IN_NAME = re.compile(r"(?<=.)(?:镇|乡|村|街道|社区)")


def _kept_divisions(m: re.Match[str]) -> list[str]:
    """The groups of an ``_ADDRESS_RE`` match that are kept, in order, up to the first bad one."""
    kept: list[str] = []
    for group in ("p", "c", "d"):
        part = m.group(group)
        if part is None:
            continue
        if _BELOW_COUNTY_IN_NAME.search(part):
            break
        kept.append(group)
    return kept


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
    return "".join(m.group(g) for g in _kept_divisions(m))


# Free text: an address is what follows one of these cues.  住 alone ("，住湖北省…", "其妻住…")
# not after a verb it makes a word with (记住, 抓住, 入住, 居住证), and only where a division or a
# named township, village or street follows (住院 is not an address).
_ADDRESS_CUE_RE = re.compile(
    r"(?:家住|现住|暂住|住在|居住于|居住在|居住地|户籍地|户籍所在地|住址|地址|住所地|住所"
    r"|(?<![记入留挡抓站忍拦堵保接顶压按盖卡困围稳守封止禁靠捂憋握捏拿包搂揪抱绑锁关叫托撑扶"
    r"勒罩遮吸咬缠居暂同常借租合不])住)[ :：为是于在]{0,2}"
)
# Below the county: townships, villages, 组, streets, numbers, buildings, units and rooms, each a
# short name (digits allowed) and its suffix, as many as follow one another.  Punctuation and the
# function words that never occur in a place name end the address ("…12号的王某称" keeps
# "的王某称"; 和, 于, 向 do occur: 太和镇, 向阳村).
_UNIT_CH = r"[^\s，,。；;、:：()（）\[\]【】《》“”\"'的在与称是被将把并但而即系]"
_UNIT_SUFFIX = (
    r"(?:街道|社区|小区|大道|单元|号院|号楼|居委会|村委会|镇|乡|村|组|路|街|巷|弄|号|栋|幢|楼"
    r"|室|层|苑|院|庄|屯|湾)"
)
_BELOW_COUNTY_RE = re.compile(rf"(?:{_UNIT_CH}{{0,10}}?{_UNIT_SUFFIX})+")
# With no division before it, the address must start with a named unit (段店镇, 文明路), not a
# bare suffix: "，住院治疗" is not an address.
_NAMED_UNIT_RE = re.compile(rf"{_UNIT_CH}{{1,10}}?{_UNIT_SUFFIX}")


def _address_cuts(text: str) -> list[tuple[int, int]]:
    """Spans of free text to delete so that every cued address ends at its county.

    The same result as ``cut_address`` on the address alone: the divisions it keeps stay; the
    rest of the address (township, village, 组, street, number, building, unit, room) goes.
    """
    cuts: list[tuple[int, int]] = []
    for cue in _ADDRESS_CUE_RE.finditer(text):
        start = cue.end()
        if cuts and start < cuts[-1][1]:
            continue
        m = _ADDRESS_RE.match(text, start)
        if m is None:  # pragma: no cover - every group is optional, so the pattern always matches
            continue
        kept = _kept_divisions(m)
        # From the end of the last kept division; a division not kept (段店镇集市) goes too.
        cut_from = m.end(kept[-1]) if kept else start
        units_from = m.end()
        named = any(m.group(g) for g in ("p", "c", "d"))
        if not named and not _NAMED_UNIT_RE.match(text, units_from):
            continue
        below = _BELOW_COUNTY_RE.match(text, units_from)
        end = below.end() if below is not None else units_from
        if end > cut_from:
            cuts.append((cut_from, end))
    return cuts


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
