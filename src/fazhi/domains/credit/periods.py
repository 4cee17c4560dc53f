"""The publication periods of a credit record and the repair review period.

The minimum and maximum periods are the dated credit rules of the clock (``credit.repair.*`` in
``fazhi.core.clock.statutes``: 2023令第58号 by field until 2026-03-31, 2025令第36号 by severity
from 2026-04-01; STATUTES.md K3–K5), chosen by ``statutes.credit_publication_keys`` on the date
of the recognising document, counted from that date. A penalty decision's periods are the ones
its publication already carries (``enforcement.publicity.publication_end``); records of other
sources are counted here the same way.

The minimum is an earliest date (repair may be applied for from that day); the maximum is a
burden on the entity: the record ends on that very day, never moved past rest days.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, Unit, compute
from fazhi.domains.enforcement.publicity import PublicationEnd

FIRST_MEASURES = date(2023, 5, 1)  # 2023令第58号 施行 (the earliest credit rule entered)
MEASURES_2026 = date(2026, 4, 1)
BASIS_2023 = "失信行为纠正后的信用信息修复管理办法（试行）（国家发展改革委令2023年第58号）"
BASIS_2026 = "信用修复管理办法（国家发展改革委令2025年第36号）"
# Article numbers of the measures were not verified (STATUTES.md K3: "article nos. unverified"),
# so refusals name the measures and the rule, not an article number.
MINIMUM_RULE = "未满最短公示期的，不予受理信用修复申请"


def measures_on(on: date) -> str:
    """The credit-repair measures in force on ``on`` (the regime of a request or a record)."""
    return BASIS_2026 if on >= MEASURES_2026 else BASIS_2023


# The review period of a repair request. STATUTES.md (K3–K5) does not give the measures' review
# period (the articles were not read), so it is a setting, FAZHI_CREDIT_REPAIR_REVIEW_WORKDAYS
# (default 15 working days), declared under both measures so the deadline names its regime.
REVIEW_KEY = "credit.repair.review"
_REVIEW_DAYS = int(getattr(settings, "FAZHI_CREDIT_REPAIR_REVIEW_WORKDAYS", 15))
_REVIEW_NOTE = "（审核期限未录入 STATUTES.md，按设置 FAZHI_CREDIT_REPAIR_REVIEW_WORKDAYS）"
REVIEW_PERIOD = statutes.register(
    statutes.StatutoryPeriod(
        REVIEW_KEY,
        "信用修复申请审核",
        (
            statutes.Version(
                FIRST_MEASURES, Period(_REVIEW_DAYS, Unit.WORKDAYS, BASIS_2023 + _REVIEW_NOTE)
            ),
            statutes.Version(
                MEASURES_2026, Period(_REVIEW_DAYS, Unit.WORKDAYS, BASIS_2026 + _REVIEW_NOTE)
            ),
        ),
    )
)


def _end(key: str, start: date) -> tuple[date, str]:
    """The end of credit period ``key`` from ``start``; before the first measures entered the
    earliest entered value applies, and the note says so (STATUTES.md §periods)."""
    sp = statutes.get(key)
    try:
        result = statutes.compute_statutory(key, start)
        note = ""
    except statutes.NotInForce:
        first = sp.versions[0]
        result = compute(start, first.period, kind=sp.kind)
        note = f"未录入{first.effective_from.isoformat()}前的规定，适用已录入的最早规定"
    if result.due is None:  # pragma: no cover - no pause is ever given
        raise ValueError(f"{sp.name}无法计算届满日")
    return result.due, note


def record_periods(
    recognised_on: date, *, severity: str, field: str | None = None
) -> PublicationEnd:
    """The minimum (None for a minor record from 2026-04-01: repair once the obligations are
    fulfilled) and maximum publication period of information recognised on ``recognised_on``.

    Under 2023令第58号 the rule is by field and written for penalty information; records of
    other sources before 2026-04-01 take the "other fields" periods (the measures' text on other
    information was not read: STATUTES.md K5)."""
    lookup = max(recognised_on, FIRST_MEASURES)
    min_key, max_key = statutes.credit_publication_keys(lookup, field=field, severity=severity)
    until, note = _end(max_key, recognised_on)
    earliest = _end(min_key, recognised_on)[0] if min_key is not None else None
    version, _ = statutes.version_in_force(max_key, lookup)
    return PublicationEnd(earliest, until, version.period.basis, note)
