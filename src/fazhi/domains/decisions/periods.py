"""The periods of 重大行政决策程序暂行条例 (国务院令第713号, 施行2019-09-01) that the decisions
domain declares itself (STATUTES.md G). The 30-day comment period (第十五条, G2) is declared with
the clock's statutes as ``decisions.consultation``."""

from __future__ import annotations

from datetime import date

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit

IN_FORCE = date(2019, 9, 1)

# 第二十六条第二款: 送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日 (G6). A minimum
# time for the reviewer, so an EARLIEST date: the opinion may be given from the 7th working day
# after submission, never earlier; it is not a deadline and does not move.
LEGALITY_REVIEW = statutes.register(
    statutes.StatutoryPeriod(
        "decisions.legality_review",
        "重大行政决策合法性审查最短时间",
        (
            statutes.Version(
                IN_FORCE, Period(7, Unit.WORKDAYS, "重大行政决策程序暂行条例 第二十六条第二款")
            ),
        ),
        kind=PeriodKind.EARLIEST,
    )
)

# 第十六条第三款: 听证会材料应当于召开听证会7日前送达听证参加人 (G3): the earliest hearing date
# counted from the delivery of the materials.
HEARING_MATERIALS = statutes.register(
    statutes.StatutoryPeriod(
        "decisions.hearing_materials",
        "听证会材料送达后最早召开日",
        (
            statutes.Version(
                IN_FORCE, Period(7, Unit.DAYS, "重大行政决策程序暂行条例 第十六条第三款")
            ),
        ),
        kind=PeriodKind.EARLIEST,
    )
)

CONSULTATION = "decisions.consultation"
statutes.get(CONSULTATION)  # declared with the clock (第十五条): fail at import if it is not
