"""A pause that starts after the unmoved end but before the moved legal end is honoured."""

from __future__ import annotations

from datetime import date

from fazhi.core.clock.calendar import WorkCalendar
from fazhi.core.clock.periods import Pause, Period, Unit, compute

DECISION = Period(60, Unit.DAYS, "行政复议法 第六十二条")  # from 2024-01-02: Sat 03-02 → Mon 03-04


def test_a_pause_on_the_sunday_keeps_the_monday_that_was_left(cal: WorkCalendar) -> None:
    c = compute(
        date(2024, 1, 2), DECISION, pauses=[Pause(date(2024, 3, 3), date(2024, 3, 10))],
        calendar=cal,
    )  # fmt: skip
    # After Sunday 03-03 one day (Monday 03-04) was left; resumed on 03-10, it ends 03-11.
    assert c.due == date(2024, 3, 11)
    assert c.paused_days == 7


def test_an_open_pause_in_the_tail_suspends_the_deadline(cal: WorkCalendar) -> None:
    c = compute(date(2024, 1, 2), DECISION, pauses=[Pause(date(2024, 3, 2))], calendar=cal)
    assert c.suspended and c.suspended_since == date(2024, 3, 2)
    assert c.remaining == 2  # Sunday 03-03 and Monday 03-04
    assert any("剩余的 2 日" in line for line in c.explain())


def test_a_pause_on_the_moved_end_itself_changes_nothing(cal: WorkCalendar) -> None:
    # Begun on the last day: the period ran out that day, as for any pause on a last day.
    c = compute(
        date(2024, 1, 2), DECISION, pauses=[Pause(date(2024, 3, 4), date(2024, 3, 10))],
        calendar=cal,
    )  # fmt: skip
    assert c.due == date(2024, 3, 4)
