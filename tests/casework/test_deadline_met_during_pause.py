"""mark_met while paused: an act done during a pause meets the deadline, and is not late."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from fazhi.core.casework import deadlines
from fazhi.core.casework.workflow import open_case

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def paused(org):  # type: ignore[no-untyped-def]
    case = open_case("test", number="XK-M1", title="许可申请", owner=org.scjg)
    d = deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    return deadlines.pause(d, date(2019, 9, 27), reason="专家评审（第四十五条）")


def test_an_act_during_a_pause_meets_the_deadline(paused, people) -> None:
    d = deadlines.mark_met(paused, date(2019, 10, 9), actor=people.alice)
    assert (d.status, d.met_on) == ("met", date(2019, 10, 9))
    # The pause ends on the day of the act; what was left (15 working days) runs from there.
    assert d.pauses[-1]["end"] == "2019-10-09"
    assert d.due == date(2019, 10, 29)  # Oct 10, 11, Sat 12 (调休), 14–18, 21–25, 28, 29
    event = d.case.events.get(kind="deadline_met")
    assert event.data["late"] is False and event.data["during_pause"] is True
    assert event.note == "中止期间完成"


def test_the_act_date_defaults_to_today(paused) -> None:
    with time_machine.travel(date(2019, 10, 8)):
        d = deadlines.mark_met(paused)
    assert d.met_on == date(2019, 10, 8)


def test_a_cancelled_deadline_cannot_be_met(paused, people) -> None:
    deadlines.cancel(paused, people.alice, "撤回")
    with pytest.raises(ValueError, match="计时中或中止中"):
        deadlines.mark_met(paused, date(2019, 10, 9))
