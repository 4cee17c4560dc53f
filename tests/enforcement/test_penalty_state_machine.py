"""Random sequences of steps, by random personas on random days, never break the law's
invariants: no decision before the notice and the party's hearing period, no major decision
without a passed review, two credentialed officers on every investigation, the decision period
started at filing and met at the decision, the case's state the last step's."""

from __future__ import annotations

import contextlib
import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fazhi.core.casework.workflow import TransitionError, register_case, take
from fazhi.core.org.models import Officer

from .conftest import officer

pytestmark = pytest.mark.django_db

SERIAL = itertools.count()
STEPS = ["file", "not_file", "investigate", "review", "review_return", "notify", "decide", "close"]
PERSONAS = ["alice", "henry", "rita", "bob"]
DATA = {
    "not_file": {"reason": "不属于本机关管辖"},
    "review": {"opinion": "同意"},
    "review_return": {"opinion": "补充调查"},
    "decide": {"decision": "罚款", "fine": "3000"},
}

# Who may take each step; the sequences mostly pick them, so that cases get far (decisions),
# and sometimes someone else, whose refusal must change nothing.
RIGHT = {
    "file": "henry",
    "not_file": "henry",
    "investigate": "alice",
    "review": "rita",
    "review_return": "rita",
    "notify": "alice",
    "decide": "henry",
    "close": "alice",
}
PATH = ["file", "investigate", "review", "notify", "decide", "close"]


@st.composite
def sequences(draw: Any) -> list[tuple[str, str, int, bool]]:
    """The path a case takes, with each step's person, day and officers drawn, and random
    other steps (by anyone) slipped in between: cases get far, and every refusal on the way
    must change nothing."""
    out = []
    for name in PATH:
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            out.append(
                (
                    draw(st.sampled_from(STEPS)),
                    draw(st.sampled_from(PERSONAS)),
                    draw(st.integers(min_value=0, max_value=3)),
                    draw(st.booleans()),
                )
            )
        out.append(
            (
                name,
                draw(st.sampled_from([RIGHT[name]] * 4 + PERSONAS)),
                draw(st.integers(min_value=0, max_value=9)),
                draw(st.sampled_from([True, True, True, False])),
            )
        )
    return out


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(major=st.booleans(), steps=sequences())
def test_random_steps_keep_the_invariants(
    org: Any, people: Any, item: Any, major: bool, steps: list[Any]
) -> None:
    people.rita.legal_qualification_no = "A20184201000001"
    people.rita.legal_qualified_on = date(2018, 12, 1)
    people.rita.save()
    # Every example adds its own officers to the test's database: credential numbers are unique.
    n = next(SERIAL)
    valid = [officer(org, "周一", f"V{n}a"), officer(org, "吴二", f"V{n}b")]
    expired = officer(org, "郑三", f"E{n}", valid_until=date(2024, 1, 1))
    data = {"title": "案", "power_item": item.pk, "violation_on": "2024-02-01", "facts": "举报"}
    if major:
        data["major"] = "on"
    case = register_case("penalty", people.alice, data, on=date(2024, 3, 1))
    day = date(2024, 3, 1)
    for name, who, gap, good_pair in steps:
        day += timedelta(days=gap)
        payload = dict(DATA.get(name, {}))
        if name == "investigate":
            second = valid[1] if good_pair else expired
            payload = {"officer_a": valid[0].pk, "officer_b": second.pk, "findings": "属实"}
        with contextlib.suppress(TransitionError):  # a refusal changes nothing
            take(case, name, getattr(people, who), data=payload, on=day)
    check_invariants(case, major)
    event(f"reached {case.state}")


def check_invariants(case: Any, major: bool) -> None:
    case.refresh_from_db()
    events = list(case.events.order_by("occurred_on", "at", "id"))
    kinds = [e.kind for e in events]
    steps_taken = [e for e in events if e.kind in STEPS]
    if steps_taken:
        assert case.state == steps_taken[-1].to_state or steps_taken[-1].kind == "review_return"
    else:
        assert case.state == "lead"
    for e in events:
        if e.kind == "investigate":
            officers = Officer.objects.filter(pk__in=[o["id"] for o in e.data["officers"]])
            assert officers.count() >= 2
            assert all(o.has_valid_credential(e.occurred_on) for o in officers)
    decision = case.deadlines.filter(key="penalty.decision").first()
    assert (decision is not None) == ("file" in kinds)
    if "decide" in kinds:
        decided = next(e for e in events if e.kind == "decide")
        notified = next(e for e in events if e.kind == "notify")
        assert notified.occurred_on <= decided.occurred_on
        hearing = case.deadlines.get(key="penalty.hearing_request")
        assert hearing.due is not None and decided.occurred_on > hearing.due
        if major:
            assert any(e.kind == "review" and e.pk < decided.pk for e in events)
        assert decision is not None and decision.status == "met"
        assert decision.met_on == decided.occurred_on
    if "not_file" in kinds:
        assert case.number == "" and case.closed_on is not None
