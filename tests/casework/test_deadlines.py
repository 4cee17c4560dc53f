"""Deadlines on cases: computed by the clock, stored as dates, paused, extended, restarted."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework import deadlines
from fazhi.core.casework.models import Deadline
from fazhi.core.casework.workflow import open_case
from fazhi.core.clock.models import CalendarDay, HolidayYear

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org):  # type: ignore[no-untyped-def]
    return open_case("test", number="XK-1", title="许可申请", owner=org.scjg)


def test_a_licensing_decision_counts_working_days_across_national_day(case, org) -> None:
    # 行政许可法 第四十二条: 20 工作日; 2019-09-29 and 2019-10-12 were 调休 working days.
    d = deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    assert d.due == date(2019, 10, 23)
    assert d.org_unit == org.scjg and "第四十二条" in d.basis
    assert case.events.filter(kind="deadline_started").exists()


def test_a_pause_resumes_with_the_days_left(case, people) -> None:
    d = deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    d = deadlines.pause(d, date(2019, 9, 27), reason="专家评审（第四十五条）")
    assert d.due is None and d.status == "paused"
    d = deadlines.resume(d, date(2019, 10, 14))
    # 5 working days used before the pause (9/23–9/27); 15 remain after 10/14.
    assert d.due == date(2019, 11, 4)


def test_an_extension_is_granted_once_with_its_approval(case, people) -> None:
    d = deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    d = deadlines.extend(d, approved_by=people.alice, reason="情况复杂")
    assert (d.extension_amount, d.due) == (10, date(2019, 11, 6))
    with pytest.raises(ValueError, match="只能延长一次"):
        deadlines.extend(d, approved_by=people.alice, reason="再延")


def test_a_period_the_law_does_not_extend_refuses_an_extension(case, people) -> None:
    d = deadlines.start_deadline(case, "penalty.decision", date(2019, 9, 20))
    with pytest.raises(ValueError, match="不得延长"):
        deadlines.extend(d, approved_by=people.alice, reason="情况复杂")


def test_a_correction_restarts_the_clock(case) -> None:
    d = deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    d = deadlines.restart(d, date(2019, 10, 14), reason="申请人补正材料")
    assert d.start == date(2019, 10, 14) and d.due == date(2019, 11, 11)


def test_overdue_is_an_indexed_query_scoped_to_the_user(case, people) -> None:
    deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    assert deadlines.overdue(people.alice, today=date(2019, 10, 24)).count() == 1
    assert deadlines.overdue(people.alice, today=date(2019, 10, 23)).count() == 0
    assert deadlines.overdue(people.bob, today=date(2019, 10, 24)).count() == 0


def test_a_deadline_in_an_unknown_year_is_provisional_until_the_year_is_entered(case) -> None:
    d = deadlines.start_deadline(case, "penalty.decision", date(2030, 9, 1))
    assert d.provisional
    before = d.due
    year = HolidayYear.objects.create(
        year=2030, notice="国务院办公厅关于2030年部分节假日安排的通知"
    )
    CalendarDay.objects.create(year=year, date=before, kind="holiday", name="测试假日")
    d.refresh_from_db()
    assert not d.provisional and d.due > before
    assert case.events.filter(kind="deadline_recomputed").exists()
    assert Deadline.objects.filter(provisional=True).count() == 0


def test_an_overdue_deadline_cannot_be_paused_out_of_the_overdue_list(case) -> None:
    d = deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    with pytest.raises(ValueError, match="届满"):
        deadlines.pause(d, date(2019, 10, 30))


def test_a_met_deadline_cannot_be_restarted_or_met_again(case) -> None:
    d = deadlines.mark_met(deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20)))
    with pytest.raises(ValueError):
        deadlines.restart(d, date(2019, 10, 1))
    with pytest.raises(ValueError):
        deadlines.mark_met(d)


def test_a_restart_drops_the_extension(case, people) -> None:
    d = deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    d = deadlines.extend(d, approved_by=people.alice, reason="情况复杂")
    d = deadlines.restart(d, date(2019, 10, 14), reason="补正")
    assert d.extension_amount == 0 and d.due == date(2019, 11, 11)
