"""Random runs of the reconsideration steps, by random people on random later days: whatever is
refused changes nothing, and what is taken keeps the law's invariants."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.workflow import TransitionError, take
from fazhi.domains.disputes.choices import OPEN_STATES
from fazhi.domains.disputes.models import ReconsiderationCase
from fazhi.domains.disputes.workflow import WORKFLOW

from .conftest import apply

pytestmark = pytest.mark.django_db

DATA: dict[str, dict[str, Any]] = {
    "request_correction": {"items": "身份证明"},
    "not_accept": {"reasons": "不符合受理条件"},
    "dismiss": {"reasons": "不符合受理条件"},
    "extend": {"days": 20, "reasons": "案情复杂"},
}
# Every step, and the main path's more often, so that runs reach the decision.
STEPS = sorted(WORKFLOW.transitions) + ["accept", "send_copy", "reply", "decide", "extend"] * 3
ACTORS = ["fy_handler", "fy_head", "alice"]
# Who may take each step: a run mostly picks the right person, so it gets past the intake.
RIGHT = {"reply": "alice", "extend": "fy_head", "decide": "fy_head", "dismiss": "fy_head",
         "terminate": "fy_head"}  # fmt: skip


def payload(name: str, outcome: str, reason: str) -> dict[str, Any]:
    if name == "decide":
        return {"outcome": outcome, "reasons": "理由"}
    if name == "terminate":
        return {"reason": reason}
    return dict(DATA.get(name, {}))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    simplified=st.booleans(),
    steps=st.lists(
        st.tuples(
            st.sampled_from(STEPS),
            st.one_of(st.just(""), st.just(""), st.just(""), st.sampled_from(ACTORS)),
            st.integers(0, 6),
            st.sampled_from(["uphold", "revoke", "mediate", "order_performance"]),
            st.sampled_from(["withdrawn", "applicant_died"]),
        ),
        max_size=20,
    ),
)
def test_random_steps_keep_the_invariants(
    org: Any, people: Any, fy_handler: Any, fy_head: Any, simplified: bool, steps: list[Any]
) -> None:
    who = {"fy_handler": fy_handler, "fy_head": fy_head, "alice": people.alice}
    day = date(2024, 3, 4)
    case = apply(org, fy_handler, on=day, procedure="simplified" if simplified else "ordinary")
    for name, actor, gap, outcome, reason in steps:
        day += timedelta(days=gap)
        actor = actor or RIGHT.get(name, "fy_handler")
        with contextlib.suppress(TransitionError):  # a refusal changes nothing
            take(case, name, who[actor], data=payload(name, outcome, reason), on=day)
    event(f"终态 {case.state}")  # --hypothesis-show-statistics: how far the runs go
    events = list(case.events.order_by("pk"))
    kinds = [e.kind for e in events]
    # No decision (nor dismissal, nor reply) precedes acceptance.
    for late in ("decide", "dismiss", "reply", "send_copy", "extend"):
        if late in kinds:
            assert "accept" in kinds[: kinds.index(late)]
            accept_on = events[kinds.index("accept")].occurred_on
            assert events[kinds.index(late)].occurred_on >= accept_on
    rc = ReconsiderationCase.objects.get(case=case)
    # Outcome types are exclusive: a decision on the merits or a procedural end, not both.
    assert not (rc.outcome and rc.procedural_end)
    if case.state == "decided":
        assert rc.outcome and rc.ended_on == case.closed_on
    elif case.state in OPEN_STATES:
        assert not rc.outcome and not rc.procedural_end and case.closed_on is None
    else:
        assert rc.procedural_end == case.state and not rc.outcome
    # Every deadline agrees with the events: met on the day of its step, none running once
    # the case has ended, and the decision clock is the procedure's.
    for d in case.deadlines.all():
        if d.status == DeadlineStatus.MET:
            assert d.met_on is not None and d.met_on >= d.start
        if case.closed_on is not None:
            assert d.status in (DeadlineStatus.MET, DeadlineStatus.CANCELLED)
    wrong = "reconsideration.decision" if simplified else "reconsideration.simplified_decision"
    assert not case.deadlines.filter(key=wrong).exists()
    assert case.deadlines.filter(key="reconsideration.decision").count() <= 1
    assert kinds.count("request_correction") <= 1
    assert kinds.count("extend") <= (0 if simplified else 1)
