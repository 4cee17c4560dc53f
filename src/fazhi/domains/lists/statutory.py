"""The statutory factors of 行政处罚法 that apply to EVERY penalty item, declared once in code.

A local 首次轻微违法免罚清单 or 裁量基准 may only apply the statute, never narrow it: whether or
not an item is on a list, 不予处罚 and 从轻或者减轻 follow from the law. ``discretion.tier_for``
reads the text in force on the date asked (``penalty_law_on``).

The 2021 text is quoted from LawRefBook/Laws, 行政法/行政处罚法(2021-01-22).md. The earlier
text (1996, as amended 2009 and 2017: 第二十七条) is not in that repository; it is quoted from
public copies of the 2017 text and should be checked against the official gazette.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .choices import FactorKind

# Harm (危害后果) grades. The statute distinguishes only "没有造成危害后果" and "危害后果轻微";
# benchmarks grade what lies beyond (一般、严重), so the one factor carries all four.
HARM_NONE, HARM_MINOR, HARM_GENERAL, HARM_SERIOUS = "none", "minor", "general", "serious"
HARM_CHOICES = (HARM_NONE, HARM_MINOR, HARM_GENERAL, HARM_SERIOUS)
HARM_LABELS = {
    HARM_NONE: "没有危害后果",
    HARM_MINOR: "轻微",
    HARM_GENERAL: "一般",
    HARM_SERIOUS: "严重",
}


@dataclass(frozen=True)
class StatutoryFactor:
    """A fact the statute turns on. Same shape as ``DiscretionFactor`` (code, label, kind,
    choices, unit), so conditions and the API treat both alike."""

    code: str
    label: str
    kind: str
    basis: str
    choices: tuple[str, ...] = ()
    unit: str = ""


STATUTORY_FACTORS: tuple[StatutoryFactor, ...] = (
    StatutoryFactor(
        "minor_violation", "违法行为轻微", FactorKind.BOOLEAN, "行政处罚法 第三十三条第一款"
    ),
    StatutoryFactor(
        "corrected", "及时改正（纠正）", FactorKind.BOOLEAN, "行政处罚法 第三十三条第一款"
    ),
    StatutoryFactor(
        "harm", "危害后果", FactorKind.CHOICE, "行政处罚法 第三十三条第一款", HARM_CHOICES
    ),
    StatutoryFactor("first_offence", "初次违法", FactorKind.BOOLEAN, "行政处罚法 第三十三条第一款"),
    StatutoryFactor(
        "no_fault",
        "当事人有证据足以证明没有主观过错",
        FactorKind.BOOLEAN,
        "行政处罚法 第三十三条第二款",
    ),
    StatutoryFactor(
        "mitigated_harm",
        "主动消除或者减轻违法行为危害后果",
        FactorKind.BOOLEAN,
        "行政处罚法 第三十二条第一项",
    ),
    StatutoryFactor(
        "coerced", "受他人胁迫实施违法行为", FactorKind.BOOLEAN, "行政处罚法 第三十二条第二项"
    ),
    StatutoryFactor(
        "deceived", "受他人诱骗实施违法行为", FactorKind.BOOLEAN, "行政处罚法 第三十二条第二项"
    ),
    StatutoryFactor(
        "confessed",
        "主动供述行政机关尚未掌握的违法行为",
        FactorKind.BOOLEAN,
        "行政处罚法 第三十二条第三项",
    ),
    StatutoryFactor(
        "meritorious",
        "配合行政机关查处违法行为有立功表现",
        FactorKind.BOOLEAN,
        "行政处罚法 第三十二条第四项",
    ),
    StatutoryFactor(
        "other_mitigation",
        "法律、法规、规章规定其他应当从轻或者减轻行政处罚的情形",
        FactorKind.BOOLEAN,
        "行政处罚法 第三十二条第五项",
    ),
)
STATUTORY_BY_CODE: dict[str, StatutoryFactor] = {f.code: f for f in STATUTORY_FACTORS}


@dataclass(frozen=True)
class NoPenaltyRule:
    """A statutory ground for not penalising: all ``conditions`` hold → 不予处罚.

    ``mandatory`` is "不予行政处罚" (the agency must not penalise); otherwise "可以不予行政处罚"
    (it may, and the answer then carries the tier that applies should it penalise).
    """

    basis: str
    text: str
    mandatory: bool
    conditions: tuple[dict[str, Any], ...]
    measures: str
    proviso: str = ""


@dataclass(frozen=True)
class Circumstance:
    """One item of the 从轻或者减轻 list: it holds when any of ``factors`` is true."""

    basis: str
    text: str
    factors: tuple[str, ...]


@dataclass(frozen=True)
class PenaltyLaw:
    """One text of 行政处罚法, in force from ``valid_from``."""

    title: str
    valid_from: date
    no_penalty: tuple[NoPenaltyRule, ...]
    mitigation_basis: str
    mitigation: tuple[Circumstance, ...] = field(default=())


_CORRECTED = {"factor": "corrected", "op": "=", "value": True}
_NO_HARM = {"factor": "harm", "op": "=", "value": HARM_NONE}
_MINOR = {"factor": "minor_violation", "op": "=", "value": True}

# 行政处罚法 第三十三条第三款: "对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行
# 教育。"
EDUCATION_2021 = "对当事人进行教育（行政处罚法 第三十三条第三款）"

# 行政处罚法（2021年修订）. 第八十六条: "本法自2021年7月15日起施行。"
PENALTY_LAW_2021 = PenaltyLaw(
    title="中华人民共和国行政处罚法（2021年修订）",
    valid_from=date(2021, 7, 15),
    no_penalty=(
        # 第三十三条第一款第一句: "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。"
        NoPenaltyRule(
            basis="行政处罚法 第三十三条第一款",
            text="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
            mandatory=True,
            conditions=(_MINOR, _CORRECTED, _NO_HARM),
            measures=EDUCATION_2021,
        ),
        # 第三十三条第二款: "当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规
        # 另有规定的，从其规定。" Whether another law excludes the defence is for the officer to
        # check against the item's legal basis: the answer carries the proviso, and an unknown
        # exclusion is never assumed (that would be the heavier outcome).
        NoPenaltyRule(
            basis="行政处罚法 第三十三条第二款",
            text="当事人有证据足以证明没有主观过错的，不予行政处罚。",
            mandatory=True,
            conditions=({"factor": "no_fault", "op": "=", "value": True},),
            measures=EDUCATION_2021,
            proviso="法律、行政法规另有规定的，从其规定。",
        ),
        # 第三十三条第一款第二句: "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"
        # No harm at all is lighter than minor harm: a first offender who caused none is not
        # worse off than one who caused a little.
        NoPenaltyRule(
            basis="行政处罚法 第三十三条第一款",
            text="初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
            mandatory=False,
            conditions=(
                {"factor": "first_offence", "op": "=", "value": True},
                {"factor": "harm", "op": "in", "value": [HARM_NONE, HARM_MINOR]},
                _CORRECTED,
            ),
            measures=EDUCATION_2021,
        ),
    ),
    # 第三十二条: "当事人有下列情形之一，应当从轻或者减轻行政处罚："
    mitigation_basis="行政处罚法 第三十二条",
    mitigation=(
        Circumstance(
            "行政处罚法 第三十二条第一项",
            "主动消除或者减轻违法行为危害后果的",
            ("mitigated_harm",),
        ),
        Circumstance(
            "行政处罚法 第三十二条第二项",
            "受他人胁迫或者诱骗实施违法行为的",
            ("coerced", "deceived"),
        ),
        Circumstance(
            "行政处罚法 第三十二条第三项",
            "主动供述行政机关尚未掌握的违法行为的",
            ("confessed",),
        ),
        Circumstance(
            "行政处罚法 第三十二条第四项",
            "配合行政机关查处违法行为有立功表现的",
            ("meritorious",),
        ),
        Circumstance(
            "行政处罚法 第三十二条第五项",
            "法律、法规、规章规定其他应当从轻或者减轻行政处罚的",
            ("other_mitigation",),
        ),
    ),
)

# 行政处罚法（1996年，2009年、2017年修正）, in force from 1996-10-01 until the 2021 revision.
# 第二十七条第二款: "违法行为轻微并及时纠正，没有造成危害后果的，不予行政处罚。" It knew neither
# the first-offence clause nor the no-fault defence; its 第一款 listed four circumstances.
PENALTY_LAW_1996 = PenaltyLaw(
    title="中华人民共和国行政处罚法（2017年修正）",
    valid_from=date(1996, 10, 1),
    no_penalty=(
        NoPenaltyRule(
            basis="行政处罚法（2017年修正） 第二十七条第二款",
            text="违法行为轻微并及时纠正，没有造成危害后果的，不予行政处罚。",
            mandatory=True,
            conditions=(_MINOR, _CORRECTED, _NO_HARM),
            measures="批评教育、责令改正",
        ),
    ),
    # 第二十七条第一款: "当事人有下列情形之一的，应当依法从轻或者减轻行政处罚："
    mitigation_basis="行政处罚法（2017年修正） 第二十七条第一款",
    mitigation=(
        Circumstance(
            "行政处罚法（2017年修正） 第二十七条第一款第一项",
            "主动消除或者减轻违法行为危害后果的",
            ("mitigated_harm",),
        ),
        Circumstance(
            "行政处罚法（2017年修正） 第二十七条第一款第二项",
            "受他人胁迫有违法行为的",
            ("coerced",),
        ),
        Circumstance(
            "行政处罚法（2017年修正） 第二十七条第一款第三项",
            "配合行政机关查处违法行为有立功表现的",
            ("meritorious",),
        ),
        Circumstance(
            "行政处罚法（2017年修正） 第二十七条第一款第四项",
            "其他依法从轻或者减轻行政处罚的",
            ("other_mitigation",),
        ),
    ),
)

PENALTY_LAWS = (PENALTY_LAW_2021, PENALTY_LAW_1996)  # newest first


def penalty_law_on(on: date) -> PenaltyLaw | None:
    """The text of 行政处罚法 in force on ``on``; None before the Act took effect (1996-10-01)."""
    for law in PENALTY_LAWS:
        if on >= law.valid_from:
            return law
    return None


def statutory_codes(law: PenaltyLaw) -> list[str]:
    """The factors ``law`` turns on, in the order they are asked for."""
    codes = [c["factor"] for rule in law.no_penalty for c in rule.conditions]
    codes += [code for c in law.mitigation for code in c.factors]
    return list(dict.fromkeys(codes))
