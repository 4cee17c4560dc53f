"""Chinese numerals as statutes write them (第一百零九条, 第十二款), both ways."""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
CHARS = "零〇一二两三四五六七八九十百千"
_NAMES = "零一二三四五六七八九"


def to_int(text: str) -> int:
    """一百零九 → 109; 十二 → 12; plain digits are accepted too (第3条)."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CHARS for ch in text):
        raise ValueError(f"不是中文数字：{text!r}")
    total, digit = 0, 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (digit or 1) * UNITS[ch]
            digit = 0
    return total + digit


def to_chinese(number: int) -> str:
    """109 → 一百零九; 10 → 十; 110 → 一百一十 (the statutes' own spelling)."""
    if number < 0 or number >= 10000:
        raise ValueError(f"超出范围：{number}")
    if number < 10:
        return _NAMES[number]
    if number < 20:
        return "十" + (_NAMES[number % 10] if number % 10 else "")
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit:
            if zero:
                out += "零"
                zero = False
            out += _NAMES[digit] + name
        elif out:
            zero = True
    return out
