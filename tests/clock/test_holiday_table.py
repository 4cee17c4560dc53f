"""The holiday table in the database: a new year ends 'provisional', and listeners hear of it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fazhi.core.clock import calendar as clock_calendar
from fazhi.core.clock.calendar import get_calendar
from fazhi.core.clock.models import CalendarDay, HolidayYear
from fazhi.core.clock.periods import Period, Unit, compute
from fazhi.core.clock.signals import batched_changes, calendar_changed

pytestmark = pytest.mark.django_db

LICENSING = Period(20, Unit.WORKDAYS, "行政许可法 第四十二条")
NOTICE_2030 = "国务院办公厅关于2030年部分节假日安排的通知（测试用）"


def enter_2030_spring_festival() -> HolidayYear:
    year = HolidayYear.objects.create(year=2030, notice=NOTICE_2030)
    for day in range(4, 9):  # Mon 4 – Fri 8 February
        CalendarDay.objects.create(
            year=year, date=date(2030, 2, day), kind=CalendarDay.Kind.HOLIDAY, name="春节"
        )
    return year


@pytest.fixture
def heard() -> Any:
    calls: list[list[int]] = []

    def listener(sender: Any, years: list[int], **kwargs: Any) -> None:
        calls.append(years)

    calendar_changed.connect(listener)
    yield calls
    calendar_changed.disconnect(listener)


def test_entering_a_year_ends_provisional_and_moves_the_date() -> None:
    before = compute(date(2030, 1, 10), LICENSING)
    assert before.provisional and before.due == date(2030, 2, 7)
    assert "⚠ 暂定：2030 年节假日安排尚未录入，仅按周末计算" in before.explain()

    enter_2030_spring_festival()

    after = compute(date(2030, 1, 10), LICENSING)
    assert not after.provisional
    assert after.due == date(2030, 2, 14)  # the five Spring Festival weekdays do not count
    assert get_calendar().is_known_year(2030)


def test_deleting_the_year_makes_it_provisional_again() -> None:
    year = enter_2030_spring_festival()
    assert not compute(date(2030, 1, 10), LICENSING).provisional
    year.delete()
    assert compute(date(2030, 1, 10), LICENSING).provisional


def test_an_entered_year_overrides_the_package() -> None:
    year = HolidayYear.objects.create(year=2019, notice="更正（测试用）")
    CalendarDay.objects.create(year=year, date=date(2019, 10, 1), kind="holiday", name="国庆节")
    assert get_calendar().is_workday(date(2019, 10, 2))  # the package's other days are replaced
    assert not get_calendar().is_workday(date(2019, 10, 1))


def test_a_year_without_days_is_not_official_yet() -> None:
    HolidayYear.objects.create(year=2030, notice=NOTICE_2030)
    assert not get_calendar().is_known_year(2030)
    assert compute(date(2030, 1, 10), LICENSING).provisional


def test_a_notice_may_move_a_day_of_the_previous_year() -> None:
    year = HolidayYear.objects.create(year=2031, notice=NOTICE_2030)
    CalendarDay.objects.create(
        year=year, date=date(2030, 12, 28), kind=CalendarDay.Kind.MAKEUP_WORKDAY, name="元旦"
    )
    assert get_calendar().is_workday(date(2030, 12, 28))  # a Saturday


def test_every_change_is_signalled_with_its_years(heard: list[list[int]]) -> None:
    year = HolidayYear.objects.create(year=2030, notice=NOTICE_2030)
    day = CalendarDay.objects.create(year=year, date=date(2030, 2, 4), kind="holiday", name="春节")
    day.delete()
    assert heard == [[2030], [2030], [2030]]


def test_batched_changes_send_one_signal(heard: list[list[int]]) -> None:
    with batched_changes():
        enter_2030_spring_festival()
    assert heard == [[2030]]


def test_other_processes_see_the_change_at_the_next_recheck(monkeypatch: Any) -> None:
    assert not get_calendar().is_known_year(2030)
    # bulk_create sends no signal: as if another process had entered the year.
    (year,) = HolidayYear.objects.bulk_create([HolidayYear(year=2030, notice=NOTICE_2030)])
    CalendarDay.objects.bulk_create(
        [CalendarDay(year=year, date=date(2030, 2, 4), kind="holiday", name="春节")]
    )
    assert not get_calendar().is_known_year(2030)  # still cached
    monkeypatch.setattr(clock_calendar, "RECHECK_SECONDS", 0.0)
    assert get_calendar().is_known_year(2030)


def test_a_makeup_workday_must_be_a_weekend_day() -> None:
    year = HolidayYear.objects.create(year=2030, notice=NOTICE_2030)
    day = CalendarDay(year=year, date=date(2030, 2, 4), kind=CalendarDay.Kind.MAKEUP_WORKDAY)
    with pytest.raises(ValidationError) as exc:
        day.full_clean()
    assert "kind" in exc.value.message_dict


def test_a_day_must_belong_to_the_year_or_the_one_before() -> None:
    year = HolidayYear.objects.create(year=2030, notice=NOTICE_2030)
    day = CalendarDay(year=year, date=date(2031, 1, 1), kind=CalendarDay.Kind.HOLIDAY)
    with pytest.raises(ValidationError) as exc:
        day.full_clean()
    assert "date" in exc.value.message_dict


def test_a_year_and_a_day_are_entered_once() -> None:
    year = enter_2030_spring_festival()
    with pytest.raises(IntegrityError), transaction.atomic():
        HolidayYear.objects.create(year=2030, notice="重复")
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarDay.objects.create(year=year, date=date(2030, 2, 4), kind="holiday")


def test_the_admin_enters_a_year_with_its_days(admin_client: Any, heard: list[list[int]]) -> None:
    response = admin_client.post(
        "/admin/clock/holidayyear/add/",
        {
            "year": "2030",
            "notice": NOTICE_2030,
            "days-TOTAL_FORMS": "2",
            "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0",
            "days-MAX_NUM_FORMS": "1000",
            "days-0-date": "2030-02-04",
            "days-0-kind": "holiday",
            "days-0-name": "春节",
            "days-1-date": "2030-02-09",
            "days-1-kind": "makeup_workday",
            "days-1-name": "春节",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    year = HolidayYear.objects.get(year=2030)
    assert year.entered_by is not None
    assert year.days.count() == 2
    assert heard == [[2030]]  # one admin save, one signal
    assert admin_client.get("/admin/clock/holidayyear/").status_code == 200
