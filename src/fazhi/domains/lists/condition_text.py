"""Conditions on declared factors, as departments write them in a cell (适用情形、免罚条件).

A cell holds conditions separated by “；”“，” or line breaks (“、”“且”“并” also separate when
the whole does not read as one condition), each naming a declared factor — statutory or a
``DiscretionFactor`` row — by its label or code:

- ``初次违法`` (a yes/no factor holds), ``未及时改正`` / ``非初次违法`` (it does not),
  ``拒不改正：否``;
- ``货值金额<10000``, ``货值金额不足1万元``, ``货值金额10000元以上`` (a number factor);
- ``危害后果：轻微、一般``, ``危害后果轻微``, ``没有危害后果`` (a choice factor, by value or label).

The result is the list of ``{"factor", "op", "value"}`` that ``discretion.tier_for`` evaluates;
a part that names no declared factor, or a value of the wrong kind, is a Chinese error — never
dropped, because a dropped condition makes a tier apply more widely than the department wrote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from .choices import FactorKind
from .statutory import HARM_LABELS

# Common spellings the departments' workbooks use for the declared factors' labels.
ALIASES = {
    "首次违法": "first_offence",
    "第一次违法": "first_offence",
    "及时改正": "corrected",
    "及时纠正": "corrected",
    "主动改正": "corrected",
    "无危害后果": ("harm", "none"),
    "没有危害后果": ("harm", "none"),
    "没有造成危害后果": ("harm", "none"),
    "未造成危害后果": ("harm", "none"),
}
_NEGATIONS = ("不是", "未", "非", "没有", "不")
# Longest first: “<=” before “<”, “不低于” before “低于”.
_OPERATORS = (
    (">=", ">="),
    ("<=", "<="),
    ("!=", "!="),
    ("≥", ">="),
    ("≤", "<="),
    ("≠", "!="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不超过", "<="),
    ("不足", "<"),
    ("未满", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("超过", ">"),
    ("高于", ">"),
    ("达到", ">="),
    ("<", "<"),
    (">", ">"),
    ("=", "="),
    (":", "="),
    ("为", "="),
    ("是", "="),
)
_SUFFIXES = (("以上", ">="), ("以下", "<="))
_TOP = re.compile(r"[;,\n]+")
_INNER = re.compile(r"[、且并]+")
_VALUES = re.compile(r"[、/或]+")
_PARENS = re.compile(r"\(.*?\)")


class ConditionText:
    """Parses cells against the factors declared when it is made (one lookup table per run)."""

    def __init__(self, factors: Mapping[str, Any]) -> None:
        self.factors = factors
        # spelling → (code, value or None): the value is fixed for “没有危害后果”-like phrases.
        self.spellings: dict[str, tuple[str, Any]] = {}
        for code, factor in factors.items():
            for spelling in (code, factor.label, _PARENS.sub("", _norm(factor.label))):
                self.spellings.setdefault(_norm(spelling), (code, None))
        for spelling, target in ALIASES.items():
            code, value = target if isinstance(target, tuple) else (target, None)
            if code in factors:
                self.spellings.setdefault(_norm(spelling), (code, value))
        self.longest = sorted(self.spellings, key=len, reverse=True)

    def parse(self, text: str) -> tuple[list[dict[str, Any]], list[str]]:
        """(conditions, Chinese errors) for one cell; an empty cell is no condition."""
        conditions: list[dict[str, Any]] = []
        errors: list[str] = []
        for part in _TOP.split(_norm(text)):
            if not part:
                continue
            found, error = self._one(part)
            if found is None:
                pieces = [p for p in _INNER.split(part) if p]
                parsed = [self._one(p) for p in pieces] if len(pieces) > 1 else []
                if parsed and all(c is not None for c, _ in parsed):
                    conditions += [c for c, _ in parsed if c is not None]
                    continue
                errors.append(error)
                continue
            conditions.append(found)
        return conditions, errors

    def _one(self, part: str) -> tuple[dict[str, Any] | None, str]:
        negated = False
        spelling = next((s for s in self.longest if part.startswith(s)), None)
        if spelling is None:
            for word in _NEGATIONS:
                rest = part[len(word) :]
                if part.startswith(word) and rest in self.spellings:
                    spelling, negated = rest, True
                    break
        if spelling is None:
            return None, (
                f"“{part}”不是已声明的裁量情节（请使用情节名称，如“初次违法”“危害后果：轻微”）"
            )
        code, fixed = self.spellings[spelling]
        factor = self.factors[code]
        rest = part[len(spelling) :].strip()
        if fixed is not None:
            if rest:
                return None, f"“{part}”无法识别"
            return {"factor": code, "op": "=", "value": fixed}, ""
        if negated or not rest:
            if factor.kind != FactorKind.BOOLEAN:
                return None, f"“{factor.label}”需要写明取值，如“{factor.label}：……”"
            return {"factor": code, "op": "=", "value": not negated}, ""
        op = "="
        for word, symbol in _OPERATORS:
            if rest.startswith(word):
                op, rest = symbol, rest[len(word) :].strip()
                break
        for word, symbol in _SUFFIXES:
            if rest.endswith(word) and op == "=":
                op, rest = symbol, rest[: -len(word)].strip()
        return self._value(part, code, factor, op, rest)

    def _value(
        self, part: str, code: str, factor: Any, op: str, raw: str
    ) -> tuple[dict[str, Any] | None, str]:
        if not raw:
            return None, f"“{part}”缺少取值"
        if factor.kind == FactorKind.BOOLEAN:
            words = {"是": True, "有": True, "否": False, "无": False, "不是": False}
            if raw not in words or op not in ("=", "!="):
                return None, f"“{factor.label}”的取值应为是或否，而不是“{raw}”"
            return {"factor": code, "op": op, "value": words[raw]}, ""
        if factor.kind == FactorKind.NUMBER:
            number = _number(raw, factor.unit)
            if number is None:
                return None, f"“{factor.label}”的取值应为数值，而不是“{raw}”"
            if number < 0:
                return None, f"“{factor.label}”的取值不能为负数"
            value: Any = int(number) if number == number.to_integral_value() else float(number)
            return {"factor": code, "op": op, "value": value}, ""
        labels = {_norm(v): v for v in factor.choices or ()}
        if code == "harm":
            labels |= {_norm(label): v for v, label in HARM_LABELS.items()}
        values = []
        for word in (w for w in _VALUES.split(raw) if w):
            if _norm(word) not in labels:
                options = "、".join(HARM_LABELS.get(v, v) for v in factor.choices or ())
                return None, f"“{factor.label}”没有选项“{word}”，应为：{options}"
            values.append(labels[_norm(word)])
        if op not in ("=", "!="):
            return None, f"“{factor.label}”只能写“为”某个选项"
        if len(values) > 1:
            if op != "=":
                return None, f"“{factor.label}”的多个选项只能写“为”"
            return {"factor": code, "op": "in", "value": values}, ""
        return {"factor": code, "op": op, "value": values[0]}, ""


def _norm(text: str) -> str:
    """Full-width folded (：→:, ＜→<), spaces dropped."""
    return re.sub(r"[ \t\u3000]+", "", unicodedata.normalize("NFKC", str(text)))


def _number(raw: str, unit: str) -> Decimal | None:
    text = raw.replace(",", "")
    for suffix in (unit, "元"):
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
    scale = Decimal(1)
    if text.endswith("万"):
        text, scale = text[:-1], Decimal(10000)
    try:
        number = Decimal(text) * scale
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
