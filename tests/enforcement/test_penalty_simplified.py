"""简易程序 (行政处罚法 第五十一、五十二条): a warning or a small fine decided on the spot by two
credentialed officers, with a numbered decision handed over at once and filed with the
department; the amounts are those of the law in force on the day (1996年法 第三十三条 before
2021-07-15)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.workflow import TransitionError, register_case, take

from .conftest import officer

pytestmark = pytest.mark.django_db


def spot(people, item, party_kind: str, on: date):  # type: ignore[no-untyped-def]
    data = {
        "title": "占道经营案",
        "power_item": item.pk,
        "violation_on": on.isoformat(),
        "party_kind": party_kind,
        "facts": "在人行道摆摊销售",
    }
    return register_case("penalty_simplified", people.alice, data, on=on)


def decision(pair, **extra):  # type: ignore[no-untyped-def]
    return {
        "officer_a": pair[0].pk,
        "officer_b": pair[1].pk,
        "findings": "当场查实",
        "penalty_type": "fine",
        "decision": "罚款",
        "facts_certain": "on",
        **extra,
    }


def test_a_small_fine_is_decided_on_the_spot_and_filed(org, people, item, pair) -> None:
    on = date(2024, 5, 6)
    case = spot(people, item, "citizen", on)
    with pytest.raises(TransitionError) as refused:
        take(case, "decide_on_spot", people.alice, data=decision(pair, fine="300"), on=on)
    assert refused.value.refusals[0].basis == "行政处罚法 第五十一条"
    assert "200" in str(refused.value) and "普通程序" in str(refused.value)
    with pytest.raises(TransitionError, match="第五十一条"):
        take(
            case,
            "decide_on_spot",
            people.alice,
            data=decision(pair, fine="200", facts_certain=""),
            on=on,
        )
    with pytest.raises(TransitionError, match="第四十二条"):
        take(
            case,
            "decide_on_spot",
            people.alice,
            data=decision([pair[0], pair[0]], fine="200"),
            on=on,
        )
    event = take(case, "decide_on_spot", people.alice, data=decision(pair, fine="200"), on=on)
    assert [o["credential_no"] for o in event.data["officers"]] == ["42070001", "42070002"]
    case.refresh_from_db()
    ec = case.enforcement
    assert case.number == "420700-SCJG-JY-2024-0001" and ec.decision_no == case.number
    assert ec.procedure == "simplified" and ec.decided_on == ec.served_on == on
    assert case.deadlines.get(key="penalty.payment").start == on
    take(case, "record", people.henry, data={"note": "当日备案"}, on=date(2024, 5, 7))
    case.refresh_from_db()
    assert case.state == "recorded" and case.closed_on == date(2024, 5, 7)


def test_the_limits_are_those_of_the_day(org, people, item, pair) -> None:
    on = date(2019, 6, 3)
    case = spot(people, item, "organisation", on)
    with pytest.raises(TransitionError, match="（1996）第三十三条"):
        take(case, "decide_on_spot", people.alice, data=decision(pair, fine="1500"), on=on)
    take(case, "decide_on_spot", people.alice, data=decision(pair, fine="1000"), on=on)
    warned = spot(people, item, "citizen", on)
    data = decision(pair, penalty_type="warning")
    take(warned, "decide_on_spot", people.alice, data=data, on=on)
    warned.refresh_from_db()
    assert warned.enforcement.penalty_type == "warning" and warned.enforcement.fine is None


def test_an_expired_credential_cannot_decide_on_the_spot(org, people, item, pair) -> None:
    on = date(2024, 5, 6)
    expired = officer(org, "郑三", "42070003", valid_until=date(2024, 1, 31))
    case = spot(people, item, "citizen", on)
    with pytest.raises(TransitionError, match="没有有效的行政执法证件"):
        take(
            case,
            "decide_on_spot",
            people.alice,
            data=decision([pair[0], expired], fine="100"),
            on=on,
        )
