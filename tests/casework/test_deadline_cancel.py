"""cancel(deadline, actor, reason): the deadline no longer applies, with the reason kept."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework import deadlines
from fazhi.core.casework.workflow import open_case

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def deadline(org):  # type: ignore[no-untyped-def]
    case = open_case("test", number="XK-C1", title="许可申请", owner=org.scjg)
    return deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))


def test_a_cancelled_deadline_keeps_its_reason_and_leaves_the_overdue_list(
    deadline, people
) -> None:
    d = deadlines.cancel(deadline, people.alice, "申请人撤回申请")
    assert (d.status, d.cancel_reason) == ("cancelled", "申请人撤回申请")
    event = d.case.events.get(kind="deadline_cancelled")
    assert (event.actor, event.note) == (people.alice, "申请人撤回申请")
    assert deadlines.overdue(people.alice, today=date(2019, 12, 1)).count() == 0


def test_a_cancellation_needs_a_reason(deadline, people) -> None:
    with pytest.raises(ValueError, match="须说明理由"):
        deadlines.cancel(deadline, people.alice, "  ")


def test_a_met_deadline_cannot_be_cancelled(deadline, people) -> None:
    deadlines.mark_met(deadline, date(2019, 10, 10))
    with pytest.raises(ValueError, match="不能撤销"):
        deadlines.cancel(deadline, people.alice, "撤回")


def test_a_paused_deadline_can_be_cancelled(deadline, people) -> None:
    deadlines.pause(deadline, date(2019, 9, 27), reason="专家评审")
    assert deadlines.cancel(deadline, people.alice, "申请人撤回申请").status == "cancelled"
