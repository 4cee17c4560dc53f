"""The periods of drafting a rule or normative document (STATUTES.md H1, H2, I2, I3, I4).

The two periods of 规章制定程序条例 are declared with the clock's statutes (``rulemaking.
consultation``, 第十五条, H1; ``rulemaking.effective``, 第三十二条, H2); this module declares the
normative documents' consultation and the legality review's minimum and maximum time, whose
amounts are local settings (I4):

- ``FAZHI_LEGALITY_REVIEW_WORKDAYS = (min, max)``, default (5, 15): 国办发〔2018〕115号 as
  recalled, "原则上不少于5个工作日，最长不超过15个工作日" (status U: the text was not read; the
  province's own rule may differ, hence a setting). The minimum is an EARLIEST date (the opinion
  may not be given before it); the maximum is a deadline of the legal office.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit

RULE_CONSULTATION = "rulemaking.consultation"
EFFECTIVE = "rulemaking.effective"
statutes.get(RULE_CONSULTATION)  # declared with the clock: fail at import if it is not
statutes.get(EFFECTIVE)

NOTICE_37 = "国办发〔2018〕37号"
NOTICE_115 = "国办发〔2018〕115号"
RULES_LAW = "规章制定程序条例"
BUSINESS = "优化营商环境条例"
ISSUED_37 = date(2018, 5, 16)
ISSUED_115 = date(2018, 12, 4)
BUSINESS_IN_FORCE = date(2020, 1, 1)

# A normative document's consultation (I3, I2): 国办发〔2018〕37号 requires public consultation of
# documents affecting the public's rights and duties (its period not read: U, 30 days as the
# common rule); from 2020-01-01 优化营商环境条例 第六十二条 sets 一般不少于30日 for those closely
# related to market entities (V). An EARLIEST date: the consultation may close from then on.
DOCUMENT_CONSULTATION = statutes.register(
    statutes.StatutoryPeriod(
        "rulemaking.document_consultation",
        "行政规范性文件草案公开征求意见",
        (
            statutes.Version(ISSUED_37, Period(30, Unit.DAYS, f"{NOTICE_37}（公开征求意见）")),
            statutes.Version(BUSINESS_IN_FORCE, Period(30, Unit.DAYS, f"{BUSINESS} 第六十二条")),
        ),
        kind=PeriodKind.EARLIEST,
    )
)


def review_workdays() -> tuple[int, int]:
    """(minimum, maximum) working days of the legality review: the local setting."""
    low, high = getattr(settings, "FAZHI_LEGALITY_REVIEW_WORKDAYS", (5, 15))
    if not 0 < int(low) <= int(high):
        raise ValueError(
            "FAZHI_LEGALITY_REVIEW_WORKDAYS 须为 (最短, 最长) 工作日，且 0 < 最短 ≤ 最长"
        )
    return int(low), int(high)


_LOW, _HIGH = review_workdays()
# The minimum review time (I4): the earliest date the opinion may be given.
REVIEW_MIN = statutes.register(
    statutes.StatutoryPeriod(
        "rulemaking.legality_review_min",
        "合法性审核最短时间",
        (
            statutes.Version(
                ISSUED_115, Period(_LOW, Unit.WORKDAYS, f"{NOTICE_115}（审核时间，本地设置）")
            ),
        ),
        kind=PeriodKind.EARLIEST,
    )
)
# The longest review time (I4): the legal office's deadline.
REVIEW_MAX = statutes.register(
    statutes.StatutoryPeriod(
        "rulemaking.legality_review",
        "合法性审核期限",
        (
            statutes.Version(
                ISSUED_115, Period(_HIGH, Unit.WORKDAYS, f"{NOTICE_115}（审核时间，本地设置）")
            ),
        ),
    )
)


def consultation_key(is_rule: bool) -> str:
    return RULE_CONSULTATION if is_rule else DOCUMENT_CONSULTATION.key


def earliest_close(is_rule: bool, opened_on: date) -> date:
    """The earliest closing date of a consultation opened on ``opened_on`` (by the clock)."""
    due = statutes.compute_statutory(consultation_key(is_rule), opened_on).due
    assert due is not None  # a period in days always has an end
    return due


def earliest_effective(published_on: date) -> date:
    """规章制定程序条例 第三十二条: 自公布之日起30日后施行 — the earliest effective date."""
    due = statutes.compute_statutory(EFFECTIVE, published_on).due
    assert due is not None
    return due
