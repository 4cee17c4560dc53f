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
from fazhi.core.casework.deadlines import record_lapses
from fazhi.core.casework.workflow import TransitionError, take
from fazhi.domains.disputes.choices import DECISION_OUTCOMES, OPEN_STATES
from fazhi.domains.disputes.models import ReconsiderationCase
from fazhi.domains.disputes.workflow import DECISION_KEYS, WORKFLOW

from .conftest import apply

pytestmark = pytest.mark.django_db

DATA: dict[str, dict[str, Any]] = {
    "request_correction": {"items": "身份证明"},
    "not_accept": {"reasons": "不符合受理条件"},
    "dismiss": {"reasons": "不符合受理条件"},
    "extend": {"days": 20, "reasons": "案情复杂"},
    "switch_to_ordinary": {"reasons": "案情复杂"},
    "mediate": {"terms": "调解协议", "signed": True},
    "settle": {"terms": "和解协议"},
}
LAPSE = "(lapse job)"  # the hourly job runs on that day: 视为受理 when the review has lapsed
ACCEPTANCE = ("accept", "deem_accept")
# Every step, and the main path's more often, so that runs reach the decision.
STEPS = (
    sorted(WORKFLOW.transitions)
    + ["accept", "send_copy", "reply", "decide", "extend", "suspend", "resume", LAPSE] * 3
    + ["decide", "mediate", "terminate"]
)
ACTORS = ["fy_handler", "fy_head", "alice"]
# Who may take each step: a run mostly picks the right person, so it gets past the intake.
RIGHT = {"reply": "alice", "extend": "fy_head", "decide": "fy_head", "dismiss": "fy_head",
         "terminate": "fy_head", "suspend": "fy_head", "resume": "fy_head",
         "switch_to_ordinary": "fy_head", "mediate": "fy_head"}  # fmt: skip


def payload(name: str, outcome: str, reason: str, ground: str) -> dict[str, Any]:
    if name == "decide":
        return {"outcome": outcome, "reasons": "理由"}
    if name == "terminate":
        return {"reason": reason}
    if name == "suspend":
        return {"ground": ground}
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
            st.sampled_from(["withdrawn", "applicant_died", "suspension_unresumed"]),
            st.sampled_from(["applicant_died", "force_majeure", "mediation"]),
        ),
        min_size=3,
        max_size=20,
    ),
)
def test_random_steps_keep_the_invariants(
    org: Any, people: Any, fy_handler: Any, fy_head: Any, simplified: bool, steps: list[Any]
) -> None:
    who = {"fy_handler": fy_handler, "fy_head": fy_head, "alice": people.alice}
    day = date(2024, 3, 4)
    case = apply(org, fy_handler, on=day, procedure="simplified" if simplified else "ordinary")
    for name, actor, gap, outcome, reason, ground in steps:
        day += timedelta(days=gap * 3 if name in ("resume", LAPSE) else gap)
        if name == LAPSE:
            record_lapses(day, keys=["reconsideration.acceptance_review"])
            continue
        actor = actor or RIGHT.get(name, "fy_handler")
        with contextlib.suppress(TransitionError):  # a refusal changes nothing
            take(case, name, who[actor], data=payload(name, outcome, reason, ground), on=day)
        case.refresh_from_db()
    event(f"终态 {case.state}")
    events = [e for e in case.events.order_by("pk") if not e.kind.startswith("deadline_")]
    kinds = [e.kind for e in events]
    rc = ReconsiderationCase.objects.get(case=case)
    # No decision (nor dismissal, mediation, reply …) precedes acceptance, by the handler or by
    # the law; there is at most one acceptance, and the decision clock runs from its day.
    accepts = [e for e in events if e.kind in ACCEPTANCE]
    assert len(accepts) <= 1
    for late in ("decide", "dismiss", "mediate", "settle", "reply", "send_copy", "extend",
                 "suspend", "resume", "switch_to_ordinary"):  # fmt: skip
        if late in kinds:
            assert accepts and kinds.index(accepts[0].kind) < kinds.index(late)
            assert events[kinds.index(late)].occurred_on >= accepts[0].occurred_on
    if accepts:
        accepted_on = accepts[0].occurred_on
        assert rc.accepted_on == accepted_on
        if accepts[0].kind == "deem_accept":
            review = case.deadlines.get(key="reconsideration.acceptance_review")
            assert accepts[0].actor is None and accepted_on == review.due
        for d in case.deadlines.filter(key__in=DECISION_KEYS).exclude(status="cancelled"):
            assert d.start == accepted_on
    else:
        assert rc.accepted_on is None
        assert not case.deadlines.filter(key__in=DECISION_KEYS).exists()
    # Outcome types are exclusive: a decision on the merits, a 调解书 or a procedural end.
    assert not (rc.outcome and rc.procedural_end)
    if case.state == "decided":
        assert rc.outcome in dict(DECISION_OUTCOMES) and rc.ended_on == case.closed_on
    elif case.state == "mediated":
        assert rc.outcome == "mediate" and rc.ended_on == case.closed_on
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
    switched = "switch_to_ordinary" in kinds
    if not simplified or switched:
        assert not case.deadlines.filter(
            key="reconsideration.simplified_decision", status__in=["running", "paused", "met"]
        ).exists()
    else:
        assert not case.deadlines.filter(key="reconsideration.decision").exists()
    assert kinds.count("switch_to_ordinary") <= (1 if simplified else 0)
    assert case.deadlines.filter(key="reconsideration.decision").count() <= 1
    assert kinds.count("request_correction") <= 1
    # The simplified procedure is never extended; the ordinary once, after any switch.
    assert (
        not case.deadlines.filter(key="reconsideration.simplified_decision")
        .exclude(extension_amount=0)
        .exists()
    )
    assert kinds.count("extend") <= 1
    if simplified and "extend" in kinds:
        assert switched and kinds.index("switch_to_ordinary") < kinds.index("extend")
    # 中止 pauses the decision clock and 恢复 resumes it: the clock's pauses are the case's
    # suspensions, day for day, and it is paused exactly while the case is suspended.
    suspensions = [e.occurred_on.isoformat() for e in events if e.kind == "suspend"]
    resumptions = [e.occurred_on.isoformat() for e in events if e.kind == "resume"]
    for d in case.deadlines.filter(key__in=DECISION_KEYS).exclude(status="cancelled"):
        assert [p["start"] for p in d.pauses] == suspensions
        assert [p["end"] for p in d.pauses if p["end"]][: len(resumptions)] == resumptions
        if case.closed_on is None:
            assert (d.status == DeadlineStatus.PAUSED) == (rc.suspended_on is not None)
            assert (d.due is None) == (rc.suspended_on is not None)
    if case.closed_on is not None:
        assert rc.suspended_on is None and not rc.suspension_ground
