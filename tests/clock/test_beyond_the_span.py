"""Years past the calendar's range are provisional (weekends only), never an error."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from fazhi.core.clock.calendar import WorkCalendar
from fazhi.core.clock.periods import Period, Unit, compute, compute_many

TWENTY = Period(20, Unit.WORKDAYS, "行政许可法 第四十二条")


def test_2031_is_provisional_not_an_error(cal: WorkCalendar) -> None:
    c = compute(date(2031, 3, 3), TWENTY, calendar=cal)
    assert c.provisional and c.provisional_years == (2031,)
    assert c.due == date(2031, 3, 31)


def test_a_deadline_past_the_span_is_computed_on_a_wider_calendar() -> None:
    with time_machine.travel(date(2024, 1, 1)):
        small = WorkCalendar.from_package(last_year=2030)
    c = compute(date(2030, 12, 20), TWENTY, calendar=small)
    assert c.due == date(2031, 1, 17)  # weekends only
    assert c.provisional and c.provisional_years == (2030, 2031)
    far = compute(date(2030, 12, 20), Period(40, Unit.YEARS, "x"), calendar=small)
    assert far.due == date(2070, 12, 22)  # Thursday 12-20 … 2070-12-20 is a Saturday
    assert "⚠ 暂定：" in "\n".join(far.explain())


def test_the_batch_path_widens_too() -> None:
    small = WorkCalendar.from_package(last_year=2030)
    rows = compute_many([date(2030, 12, 20), date(2024, 1, 2)], TWENTY, calendar=small)
    assert rows[0] == (date(2031, 1, 17), date(2031, 1, 17), True)


def test_a_date_before_the_span_is_still_an_error(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="超出工作日历的范围"):
        compute(date(1990, 1, 1), TWENTY, calendar=cal)


@pytest.mark.django_db
def test_the_office_calculator_answers_for_2031(client: Any, people: Any) -> None:
    client.force_login(people.alice)
    response = client.get(
        "/office/clock/", {"start": "2031-03-03", "amount": "20", "unit": "workdays"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "无法计算" not in text
    assert "2031-03-31" in text and "暂定" in text
