"""WorkCalendar: working days, 调休, known years, and the bisect queries against a naive loop."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.clock.calendar import CalendarRangeError, WorkCalendar, YearArrangement

PACKAGE_FIRST, PACKAGE_LAST = date(2004, 1, 1), date(2026, 12, 31)


def naive_add_workdays(is_workday, start: date, n: int) -> date:  # type: ignore[no-untyped-def]
    """The obvious day-by-day loop the calendar must agree with."""
    d, step = start, (1 if n > 0 else -1)
    left = abs(n)
    while left:
        d += timedelta(days=step)
        if is_workday(d):
            left -= 1
    return d


def test_it_knows_exactly_the_package_years(cal: WorkCalendar) -> None:
    assert cal.known_years == tuple(range(2004, 2027))
    assert cal.is_known_year(2004) and cal.is_known_year(2026)
    assert not cal.is_known_year(2003)
    assert not cal.is_known_year(2027)


def test_it_agrees_with_the_package_on_every_day_it_knows(cal: WorkCalendar) -> None:
    d, wrong = PACKAGE_FIRST, []
    while d <= PACKAGE_LAST:
        if cal.is_workday(d) != chinese_calendar.is_workday(d):
            wrong.append(d)
        d += timedelta(days=1)
    assert wrong == []


def test_national_day_2019(cal: WorkCalendar) -> None:
    assert cal.is_workday(date(2019, 9, 29))  # Sunday, 调休上班
    assert not cal.is_workday(date(2019, 10, 1))
    assert not cal.is_workday(date(2019, 10, 7))  # Monday, holiday
    assert cal.is_workday(date(2019, 10, 12))  # Saturday, 调休上班
    assert not cal.is_workday(date(2019, 10, 13))
    assert cal.holiday_name(date(2019, 10, 1)) == "国庆节"
    assert cal.describe(date(2019, 9, 29)) == "2019-09-29 周日（国庆节调休上班）"


def test_add_workdays_across_national_day_2019(cal: WorkCalendar) -> None:
    # Sep 23-27 (5), Sun Sep 29 调休 (6), Sep 30 (7), Oct 1-7 holiday, Oct 8-11 (11),
    # Sat Oct 12 调休 (12), Oct 14-18 (17), Oct 21-23 (20).
    assert cal.add_workdays(date(2019, 9, 20), 20) == date(2019, 10, 23)


def test_add_workdays_does_not_count_the_start_day(cal: WorkCalendar) -> None:
    assert cal.add_workdays(date(2019, 9, 23), 1) == date(2019, 9, 24)
    assert cal.add_workdays(date(2019, 9, 21), 1) == date(2019, 9, 23)  # from a Saturday
    assert cal.add_workdays(date(2019, 9, 23), 0) == date(2019, 9, 23)
    assert cal.add_workdays(date(2019, 10, 8), -1) == date(2019, 9, 30)


def test_next_workday_on_or_after(cal: WorkCalendar) -> None:
    assert cal.next_workday_on_or_after(date(2019, 10, 1)) == date(2019, 10, 8)
    assert cal.next_workday_on_or_after(date(2019, 10, 8)) == date(2019, 10, 8)
    assert cal.next_workday_on_or_after(date(2019, 9, 29)) == date(2019, 9, 29)


def test_workdays_between_counts_the_half_open_interval(cal: WorkCalendar) -> None:
    assert cal.workdays_between(date(2019, 9, 20), date(2019, 10, 23)) == 20
    assert cal.workdays_between(date(2019, 9, 30), date(2019, 10, 7)) == 0
    assert cal.workdays_between(date(2019, 10, 23), date(2019, 9, 20)) == -20


def test_years_without_a_calendar_are_weekends_only(cal: WorkCalendar) -> None:
    assert cal.is_workday(date(2030, 1, 1))  # a Tuesday; 元旦 2030 is not known yet
    assert not cal.is_workday(date(2030, 1, 5))
    assert cal.unknown_years(date(2026, 12, 1), date(2028, 1, 1)) == (2027, 2028)
    assert cal.unknown_years(date(2026, 1, 1), date(2026, 12, 31)) == ()


def test_an_entered_year_replaces_weekends_only() -> None:
    extra = YearArrangement(
        2030,
        holidays={date(2030, 1, 1): "元旦"},
        makeup_workdays={date(2030, 1, 5): "元旦"},
        source="db",
    )
    cal = WorkCalendar.from_package([extra])
    assert cal.is_known_year(2030)
    assert not cal.is_workday(date(2030, 1, 1))
    assert cal.is_workday(date(2030, 1, 5))


def test_dates_outside_the_span_are_refused_in_chinese(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarRangeError, match="超出工作日历的范围"):
        cal.is_workday(date(1999, 12, 31))
    with pytest.raises(CalendarRangeError):
        cal.add_workdays(cal.last_day, 1)
    with pytest.raises(CalendarRangeError):
        cal.add_workdays(cal.first_day, -1)


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(2001, 6, 1), max_value=date(2055, 6, 30)),
    n=st.integers(min_value=-250, max_value=250),
)
def test_add_workdays_equals_the_naive_loop(cal: WorkCalendar, start: date, n: int) -> None:
    assert cal.add_workdays(start, n) == naive_add_workdays(cal.is_workday, start, n)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2004, 1, 1), max_value=date(2025, 12, 31)),
    n=st.integers(min_value=1, max_value=200),
)
def test_add_workdays_equals_the_package_loop(cal: WorkCalendar, start: date, n: int) -> None:
    expected = naive_add_workdays(chinese_calendar.is_workday, start, n)
    if expected.year <= 2026:
        assert cal.add_workdays(start, n) == expected


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2000, 1, 10), max_value=date(2055, 6, 30)),
    n=st.integers(min_value=1, max_value=400),
)
def test_queries_are_consistent(cal: WorkCalendar, start: date, n: int) -> None:
    end = cal.add_workdays(start, n)
    assert cal.is_workday(end)
    assert cal.workdays_between(start, end) == n
    first = cal.next_workday_on_or_after(start)
    assert cal.is_workday(first)
    assert all(not cal.is_workday(start + timedelta(days=k)) for k in range((first - start).days))


def test_the_rank_table_is_the_bisect_of_every_day(cal: WorkCalendar) -> None:
    """_cum[i] must equal bisect_right(work, day i): the O(1) queries rely on it."""
    import bisect

    work, base = cal._work, cal._base
    assert all(cal._cum[i] == bisect.bisect_right(work, base + i) for i in range(len(cal._cum)))
    assert work == sorted(work)
