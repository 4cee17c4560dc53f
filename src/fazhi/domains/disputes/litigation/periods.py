"""The litigation sub-domain's periods.

行政诉讼法 (2014修正, 施行2015-05-01; 2017修正未改这些条文) — read in LawRefBook/Laws
诉讼与非诉讼程序法/行政诉讼法(2017-06-27).md — sets the periods casework already declares in
``fazhi.core.clock.statutes`` (STATUTES.md L3, L5), used here by key:

- ``litigation.defence``: 第六十七条第一款, 被告应当在收到起诉状副本之日起十五日内提交证据和
  规范性文件, 并提出答辩状;
- ``litigation.appeal_judgment`` / ``litigation.appeal_ruling``: 第八十五条, 判决书送达之日起
  十五日内、裁定书送达之日起十日内上诉.

Declared here: the reply to a judicial suggestion. 最高人民法院关于综合治理类司法建议工作若干
问题的规定 (施行2023-11-16) 第八条: 答复期限根据具体情况确定, 一般不超过两个月. Before it no
rule sets a period: the suggestion names its own, and the step reads it from the suggestion
(``reply_due``); from 2023-11-16 a suggestion that names none gets the two months.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit

DEFENCE = "litigation.defence"
APPEAL_JUDGMENT = "litigation.appeal_judgment"
APPEAL_RULING = "litigation.appeal_ruling"
SUGGESTION_REPLY = "litigation.suggestion_reply"

SUGGESTION_RULE = "最高人民法院关于综合治理类司法建议工作若干问题的规定 第八条"
SUGGESTION_RULE_FROM = date(2023, 11, 16)

statutes.register(
    statutes.StatutoryPeriod(
        SUGGESTION_REPLY,
        "司法建议答复",
        (statutes.Version(SUGGESTION_RULE_FROM, Period(2, Unit.MONTHS, SUGGESTION_RULE)),),
        PeriodKind.ACT,
        before_first="此前没有统一的答复期限，以司法建议书载明的期限为准",
    )
)

# Checked on import: the periods this sub-domain relies on are declared by casework.
for _key in (DEFENCE, APPEAL_JUDGMENT, APPEAL_RULING):
    statutes.get(_key)
