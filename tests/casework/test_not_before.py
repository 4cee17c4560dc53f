"""Not before: no penalty decision while the party may still ask for a hearing
(行政处罚法 第六十四条: 告知后五日内提出), as a gate a workflow calls."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import models

from fazhi.core.casework import deadlines
from fazhi.core.casework.workflow import (
    TransitionError,
    Workflow,
    open_case,
    register,
    transition,
)

pytestmark = pytest.mark.django_db


class PenaltyState(models.TextChoices):
    NOTIFIED = "notified", "已告知"
    DECIDED = "decided", "已决定"


PENALTY = register(Workflow("test_penalty", "测试处罚案件", PenaltyState, PenaltyState.NOTIFIED))
PENALTY.add(
    "decide",
    "作出处罚决定",
    [PenaltyState.NOTIFIED],
    PenaltyState.DECIDED,
    gates=[deadlines.not_before_gate("penalty.decision")],
)


@pytest.fixture
def case(org):  # type: ignore[no-untyped-def]
    case = open_case("test_penalty", number="CF-1", title="处罚案件", owner=org.scjg)
    # Notice of the right to a hearing served Friday 2024-03-01: 5 working days end 03-08.
    deadlines.start_deadline(case, "penalty.hearing_request", date(2024, 3, 1))
    return case


def test_too_early_answers_the_reason_with_the_article(case) -> None:
    reason = deadlines.not_before(case, "penalty.decision", date(2024, 3, 8))
    assert reason is not None
    assert "申请处罚听证期限至 2024-03-08 届满" in reason
    assert "2024-03-09 起方可作出行政处罚决定" in reason
    assert "行政处罚法 第六十四条" in reason


def test_the_day_after_the_window_is_allowed(case) -> None:
    assert deadlines.not_before(case, "penalty.decision", date(2024, 3, 9)) is None


def test_the_gate_refuses_the_transition_today(case, people) -> None:
    with time_machine.travel(date(2024, 3, 5)), pytest.raises(TransitionError, match="第六十四条"):
        transition(case, "decide", people.alice)
    with time_machine.travel(date(2024, 3, 11)):
        transition(case, "decide", people.alice)
    assert case.state == "decided"


def test_a_hearing_requested_or_waived_no_longer_holds_the_decision_back(case, people) -> None:
    window = case.deadlines.get(key="penalty.hearing_request")
    deadlines.mark_met(window, date(2024, 3, 4), actor=people.alice)  # the party asked
    assert deadlines.not_before(case, "penalty.decision", date(2024, 3, 5)) is None


def test_a_paused_window_holds_the_decision_back(case) -> None:
    deadlines.pause(case.deadlines.get(key="penalty.hearing_request"), date(2024, 3, 4))
    reason = deadlines.not_before(case, "penalty.decision", date(2024, 4, 1))
    assert reason is not None and "中止中" in reason


def test_a_case_without_the_window_is_not_held_back(org) -> None:
    other = open_case("test_penalty", number="CF-2", title="简易程序", owner=org.scjg)
    assert deadlines.not_before(other, "penalty.decision", date(2024, 3, 1)) is None
