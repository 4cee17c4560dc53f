"""Chinese mobile numbers: the only identifier a public account has."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError

# 11 digits starting 13–19: the mobile number plan of the 工业和信息化部
# (电信网编号计划 2017 年版, 移动业务号段 1xx). Landlines and 95/400 numbers receive no SMS.
MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")


def normalize_phone(value: str) -> str:
    """What a user may type → 11 digits: full-width digits, spaces, hyphens and a +86/0086
    prefix are accepted; nothing else is changed (the validator then decides)."""
    text = "".join(unicodedata.normalize("NFKC", value or "").split()).replace("-", "")
    for prefix in ("+86", "0086"):
        if text.startswith(prefix) and len(text) == len(prefix) + 11:
            text = text[len(prefix) :]
    return text


def is_mobile(value: str) -> bool:
    return isinstance(value, str) and MOBILE_RE.fullmatch(value) is not None


def validate_mobile(value: str) -> None:
    if not is_mobile(value):
        raise ValidationError("请输入11位中国大陆手机号码。", code="invalid_mobile")


def mask_phone(phone: str) -> str:
    """138****5678, as on every public screen (STATUTES.md §masking)."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else "***"
