"""The Chinese working-day calendar (STATUTES.md §periods).

A working day is Monday–Friday that is not a statutory holiday, plus the weekend days the State
Council declares working days (调休上班). The official arrangement of a year comes from the
``chinese_calendar`` package (2004–2026 in the installed version) or from an administrator who
entered the year's 国务院办公厅 notice (``HolidayYear``); a year with neither is *provisional*:
weekends only, and every result that touches it says so.

The calendar is a sorted list of working-day ordinals over a fixed span plus, for every day of
the span, its rank in that list (what ``bisect_right`` would return, computed once at build
time). Every query is an index into these two lists, never a walk over the days.
"""

from __future__ import annotations

import bisect
import functools
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, compress

__all__ = [
    "FIRST_YEAR",
    "PROVISIONAL_YEARS_AHEAD",
    "CalendarRangeError",
    "WorkCalendar",
    "YearArrangement",
    "get_calendar",
    "package_arrangements",
    "reset_calendar",
]

# Records older than 2000 are not processed by Fazhi; the span starts here so the arrays stay small.
FIRST_YEAR = 2000
# Deadlines reach years ahead (a 3-year publicity period, a 1-year long-stop); beyond the last
# official year the calendar runs weekends-only for this many years, flagged as provisional.
PROVISIONAL_YEARS_AHEAD = 30
# Other processes (web workers, Celery) learn of a holiday-table change by re-reading a cheap
# fingerprint of the table at most this often; the process that made the change resets at once.
RECHECK_SECONDS = 60.0

_WEEKDAY_NAMES = "一二三四五六日"


class CalendarRangeError(ValueError):
    """A date outside the span the calendar covers."""


@dataclass(frozen=True)
class YearArrangement:
    """The official arrangement of one year: the holiday days and the 调休 working days.

    Days may fall in the previous year (the notice for 2019 moved 2018-12-29 to a working day).
    """

    year: int
    holidays: Mapping[date, str] = field(default_factory=dict)
    makeup_workdays: Mapping[date, str] = field(default_factory=dict)
    notice: str = ""
    source: str = "package"


def package_arrangements() -> dict[int, YearArrangement]:
    """The years the ``chinese_calendar`` package knows, with Chinese holiday names."""
    return dict(_package_arrangements())


@functools.cache
def _package_arrangements() -> dict[int, YearArrangement]:
    # Read once per process: a holiday change rebuilds the calendar, not the package's data.
    from chinese_calendar import constants

    chinese = {h.value: h.chinese for h in constants.Holiday}
    holidays: dict[int, dict[date, str]] = {}
    makeup: dict[int, dict[date, str]] = {}
    for d, name in constants.holidays.items():
        holidays.setdefault(d.year, {})[d] = chinese.get(name, name)
    for d, name in constants.workdays.items():
        makeup.setdefault(d.year, {})[d] = chinese.get(name, name)
    # The package's years are those it has holidays for; a lone 调休 day does not make a year known.
    return {
        year: YearArrangement(
            year=year,
            holidays=holidays[year],
            makeup_workdays=makeup.get(year, {}),
            notice="chinese_calendar",
            source="package",
        )
        for year in sorted(holidays)
    }


class WorkCalendar:
    """Working days over a span of years; immutable once built."""

    def __init__(
        self,
        arrangements: Mapping[int, YearArrangement],
        *,
        first_year: int = FIRST_YEAR,
        last_year: int | None = None,
    ) -> None:
        self._arrangements = dict(arrangements)
        self._known: frozenset[int] = frozenset(arrangements)
        if last_year is None:
            last_known = max(self._known, default=first_year)
            last_year = max(last_known, date.today().year) + PROVISIONAL_YEARS_AHEAD
        if last_year < first_year:
            raise ValueError("last_year precedes first_year")
        self.first_day = date(first_year, 1, 1)
        self.last_day = date(last_year, 12, 31)
        self._base = self.first_day.toordinal()
        self._end = self.last_day.toordinal()
        n = self._end - self._base + 1

        # Later notices win for the days they name (a notice may move a day of the previous year).
        holidays: dict[date, str] = {}
        makeup: dict[date, str] = {}
        for year in sorted(arrangements):
            arrangement = arrangements[year]
            for d, name in arrangement.holidays.items():
                holidays[d] = name
                makeup.pop(d, None)
            for d, name in arrangement.makeup_workdays.items():
                makeup[d] = name
                holidays.pop(d, None)
        self._holidays = holidays
        self._makeup = makeup
        self._special: list[date] = sorted({*holidays, *makeup})
        # Derived tables memoised by the batch path (periods.compute_many); safe, the calendar
        # never changes after construction.
        self.memo: dict[object, object] = {}

        # Weekday flags by repeating one week from the span's first weekday (all in C).
        first_wd = self.first_day.weekday()
        week = bytes(1 if (first_wd + k) % 7 < 5 else 0 for k in range(7))
        flags = bytearray((week * (n // 7 + 1))[:n])
        for d in holidays:
            o = d.toordinal() - self._base
            if 0 <= o < n:
                flags[o] = 0
        for d in makeup:
            o = d.toordinal() - self._base
            if 0 <= o < n:
                flags[o] = 1
        self._flags = bytes(flags)
        # Sorted working-day ordinals. A query needs the rank of a date in this array
        # (bisect_right); _cum holds that rank for every day of the span (working days at
        # offsets <= i), so a query is two index operations instead of a binary search.
        self._work: list[int] = [self._base + i for i in compress(range(n), self._flags)]
        self._cum: list[int] = list(accumulate(self._flags))
        self._n, self._nwork = n, len(self._work)
        # Days in years without an official calendar, as a prefix count, for the batch path.
        unknown = bytearray(n)
        for year in range(first_year, last_year + 1):
            if year not in self._known:
                lo = date(year, 1, 1).toordinal() - self._base
                hi = date(year, 12, 31).toordinal() - self._base
                unknown[lo : hi + 1] = b"\x01" * (hi - lo + 1)
        self._unknown_cum: list[int] = list(accumulate(unknown))

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def from_package(
        cls, extra: Iterable[YearArrangement] = (), **kwargs: int | None
    ) -> WorkCalendar:
        """The package's years, overridden or extended by ``extra`` (e.g. years from the DB)."""
        arrangements = package_arrangements()
        for arrangement in extra:
            arrangements[arrangement.year] = arrangement
        return cls(arrangements, **kwargs)  # type: ignore[arg-type]

    def extended_to(self, last_year: int) -> WorkCalendar:
        """The same calendar over a longer span (the extra years weekends only, provisional).

        A deadline past the span is not an error (a long publication period, a long pause): the
        clock computes it on a wider calendar, built once per 50 more years and memoised here.
        """
        last_year = max(last_year, self.last_day.year)
        last_year = last_year + (-last_year) % 50  # share the wider calendar between callers
        last_year = min(last_year, 9998)  # date.max is 9999-12-31; keep room for the rollover
        if last_year <= self.last_day.year:
            return self
        key = ("extended", last_year)
        wider = self.memo.get(key)
        if not isinstance(wider, WorkCalendar):
            wider = WorkCalendar(
                self._arrangements, first_year=self.first_day.year, last_year=last_year
            )
            self.memo[key] = wider
        return wider

    # --- queries ------------------------------------------------------------------------------

    def _ordinal(self, d: date) -> int:
        o = d.toordinal()
        if not self._base <= o <= self._end:
            raise CalendarRangeError(
                f"日期 {d.isoformat()} 超出工作日历的范围"
                f"（{self.first_day.isoformat()} 至 {self.last_day.isoformat()}）"
            )
        return o

    def _at(self, i: int) -> date:
        if not 0 <= i < len(self._work):
            raise CalendarRangeError(
                f"计算结果超出工作日历的范围"
                f"（{self.first_day.isoformat()} 至 {self.last_day.isoformat()}）"
            )
        return date.fromordinal(self._work[i])

    @property
    def known_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._known))

    def is_known_year(self, year: int) -> bool:
        """True when the year has an official calendar (the package or an entered notice)."""
        return year in self._known

    def unknown_years(self, first: date, last: date) -> tuple[int, ...]:
        """Years from ``first`` to ``last`` (inclusive, any order) with no official calendar."""
        lo, hi = first.year, last.year
        if lo == hi:  # the common case, kept cheap for the per-deadline path
            return () if lo in self._known else (lo,)
        if lo > hi:
            lo, hi = hi, lo
        return tuple(y for y in range(lo, hi + 1) if y not in self._known)

    def is_workday(self, d: date) -> bool:
        return bool(self._flags[self._ordinal(d) - self._base])

    def holiday_name(self, d: date) -> str | None:
        """The festival a holiday or 调休 day belongs to (e.g. 春节), if the calendar names one."""
        return self._holidays.get(d) or self._makeup.get(d)

    def describe(self, d: date) -> str:
        """``2019-10-05 周六（国庆节）`` — for explanations."""
        text = f"{d.isoformat()} 周{_WEEKDAY_NAMES[d.weekday()]}"
        name = self.holiday_name(d)
        if name:
            kind = "调休上班" if d in self._makeup else "休假"
            text += f"（{name}{kind}）"
        return text

    def special_days(self, a: date, b: date) -> list[date]:
        """Holiday and 调休 days in (a, b], from the notices (for explanations)."""
        lo = bisect.bisect_right(self._special, a)
        hi = bisect.bisect_right(self._special, b)
        return self._special[lo:hi]

    def is_makeup_workday(self, d: date) -> bool:
        return d in self._makeup

    def is_holiday(self, d: date) -> bool:
        """A day of a statutory holiday arrangement (休假), weekends included."""
        return d in self._holidays

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (start not counted); n < 0 counts backwards."""
        # The hot path of every working-day deadline, so the checks are inlined.
        o = start.toordinal() - self._base
        if 0 <= o < self._n:
            if n > 0:
                i = self._cum[o] + n - 1  # bisect_right(work, start) + n - 1
            elif n < 0:
                i = self._cum[o] - self._flags[o] + n  # bisect_left(work, start) + n
            else:
                return start
            if 0 <= i < self._nwork:
                return date.fromordinal(self._work[i])
            self._at(i)  # raises the range error
        self._ordinal(start)  # raises the range error
        raise AssertionError("unreachable")

    def next_workday_on_or_after(self, d: date) -> date:
        o = self._ordinal(d) - self._base
        return self._at(self._cum[o] - self._flags[o])

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative when b precedes a."""
        return self._cum[self._ordinal(b) - self._base] - self._cum[self._ordinal(a) - self._base]


# --- the process-wide calendar ----------------------------------------------------------------

_lock = threading.Lock()
_cached: WorkCalendar | None = None
_fingerprint: object = None
_checked_at = 0.0
_table_seen = False


def _db_available() -> bool:
    """True when Django is set up and the clock tables exist (not during the first migrate)."""
    global _table_seen
    from django.apps import apps

    if not apps.ready:
        return False
    if _table_seen:
        return True
    from django.db import connections, router

    from .models import HolidayYear

    connection = connections[router.db_for_read(HolidayYear)]
    # Introspection instead of a failing query: on PostgreSQL a failed query inside a
    # transaction (a migration, a test) would poison the transaction.
    _table_seen = HolidayYear._meta.db_table in connection.introspection.table_names()
    return _table_seen


def _db_fingerprint() -> object:
    """Changes whenever a year or a day is added, edited or removed; None when there is no DB."""
    from django.db.models import Count, Max

    from .models import CalendarDay, HolidayYear

    years = HolidayYear.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    days = CalendarDay.objects.aggregate(n=Count("id"), m=Max("id"))
    return (years["n"], years["t"], days["n"], days["m"])


def _db_arrangements() -> list[YearArrangement]:
    from .models import CalendarDay, HolidayYear

    notices = dict(HolidayYear.objects.values_list("year", "notice"))
    holidays: dict[int, dict[date, str]] = {year: {} for year in notices}
    makeup: dict[int, dict[date, str]] = {year: {} for year in notices}
    rows = CalendarDay.objects.values_list("year__year", "date", "kind", "name")
    for year, d, kind, name in rows:
        (holidays if kind == CalendarDay.Kind.HOLIDAY else makeup)[year][d] = name
    # A notice always names days; a year saved before its days (a script creating the year,
    # then the days) stays provisional until the first day arrives, so listeners never see a
    # half-entered year as official.
    return [
        YearArrangement(year, holidays[year], makeup[year], notice=notice, source="db")
        for year, notice in notices.items()
        if holidays[year] or makeup[year]
    ]


def _read_fingerprint() -> object:
    """The table's fingerprint, or None when there is no usable database."""
    from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
    from django.db import DatabaseError

    try:
        if not _db_available():
            return None
        return _db_fingerprint()
    except (AppRegistryNotReady, ImproperlyConfigured, DatabaseError, RuntimeError):
        # RuntimeError is what pytest-django raises in a test without database access: such a
        # test gets the package years, which is all it can expect without a database.
        return None


def get_calendar() -> WorkCalendar:
    """The calendar of this process: the package years plus the years entered in the database.

    Years entered in the database replace the package's arrangement for the same year.
    """
    global _cached, _fingerprint, _checked_at
    cal = _cached
    if cal is not None and time.monotonic() - _checked_at < RECHECK_SECONDS:
        return cal
    with _lock:
        if _cached is not None and time.monotonic() - _checked_at < RECHECK_SECONDS:
            return _cached
        fingerprint = _read_fingerprint()
        if _cached is not None and fingerprint == _fingerprint:
            _checked_at = time.monotonic()
            return _cached
        extra: list[YearArrangement] = []
        if fingerprint is not None:
            from django.db import DatabaseError

            try:
                extra = _db_arrangements()
            except (DatabaseError, RuntimeError):
                fingerprint = None
        cal = WorkCalendar.from_package(extra)
        _cached, _fingerprint, _checked_at = cal, fingerprint, time.monotonic()
        return cal


def reset_calendar() -> None:
    """Forget the cached calendar; the next ``get_calendar()`` rebuilds it (package + DB)."""
    global _cached, _fingerprint, _checked_at
    with _lock:
        _cached, _fingerprint, _checked_at = None, None, 0.0
