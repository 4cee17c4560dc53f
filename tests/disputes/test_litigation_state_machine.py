"""Random runs of the lawsuit's steps, by the right or the wrong clerk on random later days:
whatever is refused changes nothing, and what is taken keeps the invariants — a closed case
has its result from its last instance, no appeal after its period and no judgment taking
effect before it ends, a head's absence always with its reason."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fazhi.core.casework.workflow import TransitionError, take
from fazhi.core.clock.periods import day_after
from fazhi.domains.disputes.litigation.workflow import WORKFLOW
from fazhi.domains.disputes.models import Appearance, LawsuitCase

from .litigation_helpers import sue

pytestmark = pytest.mark.django_db

# Every step, and the main path's more often, so that runs reach the second instance.
MAIN = ["record_hearing", "judge", "appeal", "appeal", "take_effect", "final_judgment"]
STEPS = sorted(WORKFLOW.transitions) + MAIN * 2
APPEARERS = ["principal", "deputy", "leader_in_charge", "staff", "nobody"]


def payload(name: str, org: Any, appearer: str, reason: str, outcome: str) -> dict[str, Any]:
    court = {"court": "鄂州市中级人民法院", "court_number": "(2019)鄂07行终9号"}
    return {
        "file_defence": {"defendant": org.scjg.pk, "evidence": "证据"},
        "record_hearing": {"defendant": org.scjg.pk, "appearer": appearer, "name": "王五",
                           "absence_reason": reason},
        "judge": {"decision_type": "judgment", "outcome": outcome},
        "final_judgment": {"decision_type": "ruling", "outcome": outcome},
        "appeal": {"appellant": "plaintiff", **court},
        "retrial": court,
        "receive_suggestion": {"defendant": org.scjg.pk, "court": "法院", "content": "建议",
                               "reply_due": "2019-12-31"},
    }.get(name, {})  # fmt: skip


def later(day: date, gap: int) -> date:
    for _ in range(gap):
        day = day_after(day)
    return day


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(STEPS),
            st.sampled_from(["alice", "alice", "alice", "bob"]),
            st.integers(0, 12),
            st.sampled_from(APPEARERS),
            st.sampled_from(["", "accident"]),
            st.sampled_from(["claim_rejected", "revoked", "suit_dismissed"]),
        ),
        max_size=18,
    ),
)
def test_random_steps_keep_the_invariants(org: Any, people: Any, steps: list[Any]) -> None:
    who = {"alice": people.alice, "bob": people.bob}
    day = date(2019, 3, 4)
    case = sue(org, people.alice, served=day)
    for name, actor, gap, appearer, reason, outcome in steps:
        day = later(day, gap)
        with contextlib.suppress(TransitionError):  # a refusal changes nothing
            take(case, name, who[actor], data=payload(name, org, appearer, reason, outcome), on=day)
    event(f"终态 {case.state}")
    lawsuit = LawsuitCase.objects.get(case=case)
    instances = list(lawsuit.instances.order_by("started_on", "pk"))
    assert instances[0].level == "first"
    assert all(i.outcome and i.decided_on for i in instances[:-1])
    if case.state == "closed":
        assert lawsuit.outcome == instances[-1].outcome != ""
        assert lawsuit.ended_on is not None and lawsuit.ended_on == case.closed_on
        assert not case.deadlines.filter(key__startswith="litigation.", status="running").exclude(
            key="litigation.suggestion_reply"
        )
    else:
        assert lawsuit.outcome == "" and lawsuit.ended_on is None
    # Appeal only within its period; a judgment takes effect only after it.
    for e in case.events.filter(kind__in=["appeal", "take_effect"]):
        period = case.deadlines.filter(key="litigation.appeal_judgment", start__lte=e.occurred_on)
        clock = period.order_by("-start").first()
        assert clock is not None and clock.due is not None
        if e.kind == "appeal":
            assert e.occurred_on <= clock.due
        else:
            assert e.occurred_on > clock.due
    # Only the market regulator's own clerk acted.
    assert not case.events.filter(actor=people.bob).exists()
    for a in Appearance.objects.filter(hearing__instance__lawsuit=lawsuit):
        assert a.head_appeared or a.absence_reason
        assert a.hearing.held_on >= a.hearing.instance.started_on
