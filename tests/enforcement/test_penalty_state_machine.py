"""Random sequences of steps, by random personas on random days, never break the law's
invariants: no decision before the notice and the party's hearing period, nor before a
requested hearing is held, nor after a hearing's new facts without their review or notice; no
major decision without a passed review and the heads' collective discussion; two credentialed
officers on every investigative act, and a hearing presided by none of them; the deadlines
consistent with the events (the decision period started at filing and met at the decision, the
payment period started on the day of service); no 结案 of a fine neither paid nor sent to the
court; the case's state the last step's; the record sealed, and every stream of the cases
verifies."""

from __future__ import annotations

import contextlib
import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fazhi.core.casework.files import store_document
from fazhi.core.casework.workflow import TransitionError, register_case, take, workflow_for
from fazhi.core.integrity.sealing import seal_all, stream_groups, verify
from fazhi.core.org.models import Officer

from .conftest import officer
from .procedure import DISCUSSION

pytestmark = pytest.mark.django_db

SERIAL = itertools.count()
WORKFLOW = workflow_for("penalty")
assert WORKFLOW is not None
STEPS = sorted(WORKFLOW.transitions)
PERSONAS = ["alice", "henry", "rita", "bob"]
DATA: dict[str, dict[str, Any]] = {
    "not_file": {"reason": "不属于本机关管辖"},
    "review": {"opinion": "同意"},
    "review_return": {"opinion": "补充调查"},
    "notify": {"fine": "5000"},
    "statement": {"statement": "初次违法", "adopted": "rejected", "reasons": "事实清楚"},
    "request_hearing": {"manner": "written"},
    "discuss": DISCUSSION,
    "decide": {"decision": "罚款", "fine": "3000"},
    "pay": {"amount": "100000"},
    "urge": {"content": "请缴纳"},
    "apply_court": {"court": "鄂城区人民法院"},
    "transfer": {
        "kind": "criminal",
        "receiver": "公安局",
        "reasons": "涉罪",
        "materials": "移送书",
    },
    "transfer_received": {"received_by": "李警官", "receipt_no": "回执1"},
    "no_penalty": {"reasons": "轻微", "education": "当面教育"},
}
# Who may take each step; the sequences mostly pick them, so that cases get far (decisions),
# and sometimes someone else, whose refusal must change nothing.
RIGHT = {
    name: ("henry" if step.staff_roles == {"department_head"} else "alice")
    for name, step in WORKFLOW.transitions.items()
}
RIGHT.update({"review": "rita", "review_return": "rita", "schedule_hearing": "henry"})
HEARING = ["request_hearing", "schedule_hearing", "hold_hearing"]
PATH = ["file", "investigate", "assess", "review", "notify", *HEARING, "discuss", "decide"]
PATH += ["serve", "pay", "close"]


@st.composite
def sequences(draw: Any) -> list[tuple[str, str, int, bool]]:
    """The path a case takes (with or without a hearing), each step's person, day and choices
    drawn, and random other steps (by anyone) slipped in between: cases get far, and every
    refusal on the way must change nothing."""
    out = []
    hearing = draw(st.booleans())
    for name in PATH:
        if name in HEARING and not hearing:
            continue
        for _ in range(draw(st.integers(min_value=0, max_value=1))):
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
                draw(st.sampled_from([RIGHT[name]] * 16 + PERSONAS)),
                draw(st.integers(min_value=0, max_value=9)),
                draw(st.sampled_from([True] * 7 + [False])),
            )
        )
    return out


def payload(name: str, good: bool, case: Any, officers: dict[str, Any], day: date) -> dict:
    if name == "investigate":
        second = officers["valid"][1] if good else officers["expired"]
        return {"officer_a": officers["valid"][0].pk, "officer_b": second.pk, "findings": "属实"}
    if name == "assess":
        facts = {"minor_violation": not good, "corrected": True, "harm": "none", "no_fault": False}
        return {"facts": {**facts, "first_offence": False, **NO_MITIGATION}}
    if name == "schedule_hearing":
        chair = officers["chair"] if good else officers["valid"][0]
        hearing_on = (day + timedelta(days=14)).isoformat()
        return {"hearing_on": hearing_on, "place": "听证室", "presider": chair.pk}
    if name == "hold_hearing":
        return {"record": "笔录", "facts_changed": "on" if not good else "", "heavier": ""}
    if name == "serve":
        return {"document": officers["decision"].pk, "method": "in_person",
                "receipt": officers["receipt"].pk, "recipient": "当事人"}  # fmt: skip
    return dict(DATA.get(name, {}))


NO_MITIGATION = dict.fromkeys(
    ("mitigated_harm", "coerced", "deceived", "confessed", "meritorious", "other_mitigation"),
    False,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    major=st.booleans(),
    citizen=st.booleans(),
    steps=sequences(),
)
def test_random_steps_keep_the_invariants(
    org: Any, people: Any, item: Any, major: bool, citizen: bool, steps: list[Any]
) -> None:
    people.rita.legal_qualification_no = "A20184201000001"
    people.rita.legal_qualified_on = date(2018, 12, 1)
    people.rita.save()
    # Every example adds its own officers to the test's database: credential numbers are unique.
    n = next(SERIAL)
    officers: dict[str, Any] = {
        "valid": [officer(org, "周一", f"V{n}a"), officer(org, "吴二", f"V{n}b")],
        "expired": officer(org, "郑三", f"E{n}", valid_until=date(2024, 1, 1)),
        "chair": officer(org, "王主持", f"C{n}"),
    }
    data = {"title": "案", "power_item": item.pk, "violation_on": "2024-02-01", "facts": "举报"}
    data["party_kind"] = "citizen" if citizen else "organisation"
    if major:
        data["major"] = "on"
    case = register_case("penalty", people.alice, data, on=date(2024, 3, 1))
    for key, kind in (("decision", "行政处罚决定书"), ("receipt", "送达回证")):
        officers[key] = store_document(
            kind.encode(), "f.pdf", owner_unit=org.scjg, kind=kind, title=kind, case=case,
            issued_on=date(2024, 3, 1),
        )  # fmt: skip
    day = date(2024, 3, 1)
    hearing_on: date | None = None
    for name, who, gap, good in steps:
        day += timedelta(days=gap)
        if name == "hold_hearing" and hearing_on is not None:
            day = max(day, hearing_on)
        with contextlib.suppress(TransitionError):  # a refusal changes nothing
            done = take(
                case,
                name,
                getattr(people, who),
                data=payload(name, good, case, officers, day),
                on=day,
            )
            if name == "schedule_hearing":
                hearing_on = date.fromisoformat(done.data["hearing_on"])
    check_invariants(case, major)
    # The full-process record is sealed and verifies, whatever the sequence (第四十七条).
    seal_all(now=timezone.now() + timedelta(days=1))  # every record settled
    for stream in stream_groups()["cases"]:
        report = verify(stream)
        assert report.ok and report.unsealed == 0, (stream, report.problems)
    event(f"reached {case.state}")


def before(events: list[Any], kind: str, upto: Any, after: Any = None) -> list[Any]:
    lo = after.pk if after is not None else 0
    return [e for e in events if e.kind == kind and lo < e.pk < upto.pk]


def check_invariants(case: Any, major: bool) -> None:
    case.refresh_from_db()
    events = list(case.events.order_by("id"))
    kinds = [e.kind for e in events]
    steps_taken = [e for e in events if e.kind in WORKFLOW.transitions]
    assert case.state == (steps_taken[-1].to_state if steps_taken else "lead")
    investigators: set[int] = set()
    for e in events:
        if e.kind == "investigate":
            ids = [o["id"] for o in e.data["officers"]]
            officers = Officer.objects.filter(pk__in=ids)
            assert officers.count() >= 2
            assert all(o.has_valid_credential(e.occurred_on) for o in officers)
            investigators.update(ids)
    for e in events:
        if e.kind in ("schedule_hearing", "hold_hearing") and e.data.get("presider"):
            assert e.data["presider"]["id"] not in investigators
    decision = case.deadlines.filter(key="penalty.decision").first()
    assert (decision is not None) == ("file" in kinds)
    windows = list(case.deadlines.filter(key="penalty.hearing_request").order_by("id"))
    notices = [e for e in events if e.kind == "notify"]
    assert len(windows) == len(notices)
    for notice, window in zip(notices, windows, strict=True):
        assert window.start == notice.occurred_on
    if "decide" in kinds:
        decided = next(e for e in events if e.kind == "decide")
        prior = before(events, "notify", decided)
        assert prior, "a decision without a notice"
        notice = prior[-1]
        window = windows[notices.index(notice)]
        requests = before(events, "request_hearing", decided, after=notice)
        if requests:
            # The hearing was asked for: the decision only after it was held.
            assert before(events, "hold_hearing", decided, after=requests[-1])
        else:
            assert window.due is not None and decided.occurred_on > window.due
        for hearing in before(events, "hold_hearing", decided):
            if hearing.data.get("facts_changed"):
                assert before(events, "review", decided, after=hearing)
            if hearing.data.get("heavier"):
                assert before(events, "notify", decided, after=hearing)
        if major:
            assert before(events, "review", decided)
            assert before(events, "discuss", decided, after=notice)
        assert Decimal(decided.data["fine"]) <= Decimal(notice.data["fine"])
        assert decision is not None and decision.status == "met"
        assert decision.met_on == decided.occurred_on
    if "serve" in kinds:
        served = next(e for e in events if e.kind == "serve")
        assert case.enforcement.served_on == served.occurred_on
        payment = case.deadlines.get(key="penalty.payment")
        assert payment.start == served.occurred_on
    if "close" in kinds and case.enforcement.fine:
        closed = next(e for e in events if e.kind == "close")
        assert before(events, "pay", closed) or before(events, "apply_court", closed)
    if "not_file" in kinds:
        assert case.number == "" and case.closed_on is not None
