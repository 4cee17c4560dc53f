"""compute(): natural days, working days, months, rollover, pauses, restart, extension."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.clock.calendar import WorkCalendar
from fazhi.core.clock.periods import Pause, Period, Unit, add_months, compute, compute_many

LICENSING = Period(20, Unit.WORKDAYS, "行政许可法 第四十二条")
LICENSING_EXT = Period(10, Unit.WORKDAYS, "行政许可法 第四十二条")


def days(n: int) -> Period:
    return Period(n, Unit.DAYS, "民事诉讼法 第八十五条")


def test_working_day_period_across_national_day(cal: WorkCalendar) -> None:
    c = compute(date(2019, 9, 20), LICENSING, calendar=cal)
    assert c.due == c.unrolled_due == date(2019, 10, 23)
    assert not c.provisional
    assert c.skipped_rest_days == []
    assert c.basis == "行政许可法 第四十二条"
    text = "\n".join(c.explain())
    assert "起算日：2019-09-20" in text
    assert "法律依据：行政许可法 第四十二条" in text
    assert "2019-09-29 周日（国庆节调休上班）" in text  # counted
    assert "2019-10-07 周一（国庆节休假）" in text  # not counted


def test_natural_period_ending_on_saturday_rolls_to_monday(cal: WorkCalendar) -> None:
    c = compute(date(2019, 3, 1), days(15), calendar=cal)
    assert c.unrolled_due == date(2019, 3, 16)  # Saturday
    assert c.due == date(2019, 3, 18)
    assert c.skipped_rest_days == [date(2019, 3, 16), date(2019, 3, 17)]
    assert "顺延跳过的休息日：2019-03-16 周六、2019-03-17 周日" in "\n".join(c.explain())


def test_natural_period_ending_on_a_makeup_saturday_ends_there(cal: WorkCalendar) -> None:
    c = compute(date(2019, 9, 12), days(30), calendar=cal)
    assert c.due == c.unrolled_due == date(2019, 10, 12)  # Saturday, 调休上班
    assert c.skipped_rest_days == []


def test_natural_period_ending_in_national_day_rolls_past_it(cal: WorkCalendar) -> None:
    c = compute(date(2019, 9, 1), days(30), calendar=cal)
    assert c.unrolled_due == date(2019, 10, 1)
    assert c.due == date(2019, 10, 8)
    assert len(c.skipped_rest_days) == 7


def test_spring_festival_rollover(cal: WorkCalendar) -> None:
    c = compute(date(2026, 1, 16), days(30), calendar=cal)
    assert c.unrolled_due == date(2026, 2, 15)
    assert c.due == date(2026, 2, 24)
    assert c.skipped_rest_days[0] == date(2026, 2, 15)
    assert c.skipped_rest_days[-1] == date(2026, 2, 23)
    assert "春节休假" in "\n".join(c.explain())


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 11, 15), 3, date(2025, 2, 15)),
    ],
)
def test_add_months_ends_on_the_same_day_or_the_month_end(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_month_period_at_month_end(cal: WorkCalendar) -> None:
    c = compute(date(2024, 1, 31), Period(1, Unit.MONTHS, "x"), calendar=cal)
    assert c.due == date(2024, 2, 29)  # a Thursday


def test_month_period_rolls_over_a_holiday(cal: WorkCalendar) -> None:
    c = compute(date(2019, 9, 1), Period(1, Unit.MONTHS, "x"), calendar=cal)
    assert (c.unrolled_due, c.due) == (date(2019, 10, 1), date(2019, 10, 8))


def test_year_period_from_29_february(cal: WorkCalendar) -> None:
    c = compute(date(2024, 2, 29), Period(1, Unit.YEARS, "x"), calendar=cal)
    assert c.due == date(2025, 2, 28)


def test_natural_pause_resumes_with_the_days_left(cal: WorkCalendar) -> None:
    plain = compute(date(2024, 3, 1), days(60), calendar=cal)
    assert plain.due == date(2024, 4, 30)
    c = compute(
        date(2024, 3, 1),
        days(60),
        pauses=[Pause(date(2024, 3, 10), date(2024, 3, 20))],
        calendar=cal,
    )
    # 9 days ran (Mar 2-10), 51 were left and run from Mar 21: May 10.
    assert c.paused_days == 10
    assert c.due == date(2024, 5, 10)
    assert "中止：2024-03-10 至 2024-03-20，不计入 10 日" in c.explain()


def test_working_day_pause_counts_the_working_days_consumed(cal: WorkCalendar) -> None:
    # Sep 23-25 ran (3 working days); 17 are left from Oct 14 (after National Day).
    c = compute(
        date(2019, 9, 20),
        LICENSING,
        pauses=[Pause(date(2019, 9, 25), date(2019, 10, 14), "听证")],
        calendar=cal,
    )
    assert c.due == date(2019, 11, 6)
    assert c.paused_days == 19
    # The holiday inside the pause did not change the count, so it is not listed.
    assert not any("国庆节" in line for line in c.explain())


def test_pauses_outside_the_running_clock_do_not_count(cal: WorkCalendar) -> None:
    c = compute(
        date(2019, 9, 20),
        LICENSING,
        pauses=[
            Pause(date(2019, 9, 1), date(2019, 9, 10)),  # before the start
            Pause(date(2019, 10, 23), date(2019, 11, 30)),  # starts on the last day
        ],
        calendar=cal,
    )
    assert c.due == date(2019, 10, 23)
    assert c.paused_days == 0


def test_overlapping_pauses_count_once(cal: WorkCalendar) -> None:
    c = compute(
        date(2024, 3, 1),
        days(60),
        pauses=[
            Pause(date(2024, 3, 10), date(2024, 3, 20)),
            Pause(date(2024, 3, 15), date(2024, 3, 25)),
        ],
        calendar=cal,
    )
    assert c.paused_days == 15
    assert c.unrolled_due == date(2024, 5, 15)


def test_an_open_pause_suspends_the_deadline(cal: WorkCalendar) -> None:
    c = compute(date(2019, 9, 20), LICENSING, pauses=[Pause(date(2019, 9, 25))], calendar=cal)
    assert c.suspended
    assert c.due is None and c.unrolled_due is None
    assert c.remaining == 17 and c.remaining_unit == Unit.WORKDAYS
    assert any("恢复后继续计算剩余的 17 个工作日" in line for line in c.explain())


def test_restart_is_a_new_start_not_a_pause(cal: WorkCalendar) -> None:
    """补正 restarts the acceptance clock from the day the corrected materials arrive."""
    notice = Period(5, Unit.WORKDAYS, "行政许可法 第三十二条")
    first = compute(date(2019, 9, 20), notice, calendar=cal)
    assert first.due == date(2019, 9, 27)
    restarted = compute(date(2019, 10, 8), notice, calendar=cal)
    assert restarted.due == date(2019, 10, 14)  # Oct 9, 10, 11, Sat 12 (调休), 14
    assert restarted.paused_days == 0


def test_working_day_extension_adds_once(cal: WorkCalendar) -> None:
    c = compute(date(2019, 9, 20), LICENSING, extension=LICENSING_EXT, calendar=cal)
    assert c.due == date(2019, 11, 6)
    assert c.extension == LICENSING_EXT
    assert "延长：10 个工作日（行政许可法 第四十二条），自原期间届满日起算" in c.explain()


def test_natural_extension_counts_from_the_moved_base_end(cal: WorkCalendar) -> None:
    decision = Period(60, Unit.DAYS, "行政复议法 第六十二条")
    base = compute(date(2024, 1, 2), decision, calendar=cal)
    assert (base.unrolled_due, base.due) == (date(2024, 3, 2), date(2024, 3, 4))
    c = compute(date(2024, 1, 2), decision, extension=Period(30, Unit.DAYS), calendar=cal)
    # The legal end moved from Saturday Mar 2 to Monday Mar 4; the extension runs from there.
    assert c.due == date(2024, 4, 3)  # Mar 4 + 30, not Mar 2 + 30
    assert c.base_due == date(2024, 3, 4)


def test_provisional_beyond_the_known_years(cal: WorkCalendar) -> None:
    c = compute(date(2026, 12, 1), Period(30, Unit.WORKDAYS, "x"), calendar=cal)
    assert c.provisional
    assert c.provisional_years == (2027,)
    assert "⚠ 暂定：2027 年节假日安排尚未录入，仅按周末计算" in c.explain()
    inside = compute(date(2026, 1, 5), days(30), calendar=cal)
    assert not inside.provisional


def test_2030_is_provisional_weekends_only(cal: WorkCalendar) -> None:
    c = compute(date(2030, 1, 10), LICENSING, calendar=cal)
    assert c.provisional
    assert c.due == date(2030, 2, 7)


def test_period_values_are_checked() -> None:
    with pytest.raises(ValueError, match="正整数"):
        Period(0, Unit.DAYS)
    with pytest.raises(ValueError, match="早于"):
        Pause(date(2020, 1, 2), date(2020, 1, 1))
    assert Period(5, "workdays").unit is Unit.WORKDAYS  # type: ignore[arg-type]
    assert str(Period(3, Unit.MONTHS)) == "3 个月"


PERIODS = st.sampled_from(
    [
        Period(5, Unit.WORKDAYS),
        Period(20, Unit.WORKDAYS),
        Period(15, Unit.DAYS),
        Period(60, Unit.DAYS),
        Period(3, Unit.MONTHS),
        Period(1, Unit.YEARS),
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    starts=st.lists(
        st.dates(min_value=date(2000, 1, 1), max_value=date(2050, 12, 31)), min_size=1, max_size=20
    ),
    period=PERIODS,
    extension=st.one_of(st.none(), PERIODS),
)
def test_compute_many_equals_compute(
    cal: WorkCalendar, starts: list[date], period: Period, extension: Period | None
) -> None:
    rows = compute_many(starts, period, extension=extension, calendar=cal)
    for start, row in zip(starts, rows, strict=True):
        c = compute(start, period, extension=extension, calendar=cal)
        assert row == (c.unrolled_due, c.due, c.provisional)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2004, 1, 1), max_value=date(2050, 12, 31)),
    amount=st.integers(min_value=1, max_value=120),
    gap=st.integers(min_value=0, max_value=60),
    length=st.integers(min_value=0, max_value=60),
)
def test_a_natural_pause_shifts_the_end_by_its_length_or_resumes_the_days_left(
    cal: WorkCalendar, start: date, amount: int, gap: int, length: int
) -> None:
    plain = compute(start, days(amount), calendar=cal)
    p_start = date.fromordinal(start.toordinal() + gap)
    pause = Pause(p_start, date.fromordinal(p_start.toordinal() + length))
    paused = compute(start, days(amount), pauses=[pause], calendar=cal)
    assert plain.unrolled_due is not None and paused.unrolled_due is not None
    assert plain.due is not None
    if gap < amount:
        expected = plain.unrolled_due.toordinal() + length
    elif length and p_start < plain.due:
        # Begun after the unmoved end, before the moved legal end: resumes with the days left.
        expected = pause.end.toordinal() + plain.due.toordinal() - p_start.toordinal()  # type: ignore[union-attr]
    else:
        expected = plain.unrolled_due.toordinal()
    assert paused.unrolled_due.toordinal() == expected
