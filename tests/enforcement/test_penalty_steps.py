"""A penalty case handled in Fazhi, step by step, by the person in each role; every gate refuses
what the law forbids, with its article (行政处罚法 第十七、三十六、四十二、五十八、六十四条)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.files import store_document
from fazhi.core.casework.workflow import StepRefused, TransitionError, register_case, take
from fazhi.domains.lists import services
from fazhi.domains.lists.models import PowerItem

from .conftest import officer

pytestmark = pytest.mark.django_db


DISCUSSION = {"attendees": "局长、副局长", "opinions": "同意", "conclusion": "罚款五千元"}


def serve(case: Any, org: Any, people: Any, *, on: date) -> Any:
    """Serve the decision in person, with the signed 送达回证 (民事诉讼法 第八十七条)."""
    decision = store_document(
        b"decision", "decision.pdf", owner_unit=org.scjg, kind="行政处罚决定书",
        title="行政处罚决定书", case=case, issued_on=on,
    )  # fmt: skip
    receipt = store_document(
        b"receipt", "receipt.pdf", owner_unit=org.scjg, kind="送达回证", title="送达回证",
        case=case,
    )  # fmt: skip
    data = {"document": decision.pk, "method": "in_person", "receipt": receipt.pk}
    data["recipient"] = "鄂州市甲乙有限公司"
    return take(case, "serve", people.alice, data=data, on=on)


def lead(people: Any, item: PowerItem, **extra: Any) -> Any:
    data = {
        "title": "销售过期食品案",
        "power_item": item.pk,
        "violation_on": "2024-02-01",
        "facts": "群众举报某超市销售过期食品",
        **extra,
    }
    return register_case("penalty", people.alice, data, on=date(2024, 3, 1))


def test_a_major_case_walks_every_step_by_the_right_person(org, people, item, pair) -> None:
    case = lead(people, item, major="on")
    take(case, "file", people.henry, on=date(2024, 3, 1))
    assert case.number == "420700-SCJG-LA-2024-0001"
    deadline = case.deadlines.get(key="penalty.decision")
    assert deadline.due == date(2024, 5, 30) and deadline.basis == "行政处罚法 第六十条"
    investigated = take(
        case,
        "investigate",
        people.alice,
        data={"officer_a": pair[0].pk, "officer_b": pair[1].pk, "findings": "属实"},
        on=date(2024, 3, 5),
    )
    assert [o["credential_no"] for o in investigated.data["officers"]] == ["42070001", "42070002"]
    # A major case is not notified before its legal review …
    with pytest.raises(TransitionError) as refused:
        take(case, "notify", people.alice, on=date(2024, 3, 6))
    assert refused.value.refusals[0].basis == "行政处罚法 第五十八条"
    # … and the first-time reviewer needs the legal professional qualification.
    with pytest.raises(StepRefused, match="法律职业资格"):
        take(case, "review", people.rita, data={"opinion": "同意"}, on=date(2024, 3, 6))
    people.rita.legal_qualification_no = "A20184201000001"
    people.rita.legal_qualified_on = date(2018, 12, 1)
    people.rita.save()
    take(case, "review", people.rita, data={"opinion": "事实清楚，同意"}, on=date(2024, 3, 6))
    take(case, "notify", people.alice, on=date(2024, 3, 7))
    # 5 working days for the party to ask for a hearing: no decision before they have passed.
    with pytest.raises(TransitionError, match="第六十四条"):
        take(
            case,
            "decide",
            people.henry,
            data={"decision": "罚款", "fine": "5000"},
            on=date(2024, 3, 12),
        )
    # A major case is decided by the heads together (第五十七条第二款).
    with pytest.raises(TransitionError, match="第五十七条第二款"):
        take(
            case,
            "decide",
            people.henry,
            data={"decision": "罚款", "fine": "5000"},
            on=date(2024, 3, 15),
        )
    take(case, "discuss", people.henry, data=DISCUSSION, on=date(2024, 3, 15))
    take(
        case,
        "decide",
        people.henry,
        data={"decision": "罚款", "fine": "5000"},
        on=date(2024, 3, 15),
    )
    # Not closed before the decision is served and carried out.
    with pytest.raises(TransitionError):
        take(case, "close", people.alice, on=date(2024, 3, 20))
    serve(case, org, people, on=date(2024, 3, 18))
    with pytest.raises(TransitionError, match="罚款尚未缴清"):
        take(case, "close", people.alice, on=date(2024, 3, 20))
    take(case, "pay", people.alice, data={"amount": "5000"}, on=date(2024, 3, 20))
    take(case, "close", people.alice, on=date(2024, 3, 20))
    case.refresh_from_db()
    assert case.state == "closed" and case.closed_on == date(2024, 3, 20)
    assert case.enforcement.served_on == date(2024, 3, 18)
    assert case.enforcement.paid_on == date(2024, 3, 20)
    assert str(case.enforcement.fine) == "5000.00" and case.enforcement.outcome == "penalty"
    deadline.refresh_from_db()
    assert deadline.status == "met" and deadline.met_on == date(2024, 3, 15)


def test_filing_checks_the_power_list_and_the_limitation(org, people, item) -> None:
    stale = lead(people, item, violation_on="2021-08-01")
    with pytest.raises(TransitionError) as refused:
        take(stale, "file", people.henry, on=date(2024, 3, 1))
    assert "不再给予行政处罚" in str(refused.value) and "第三十六条" in str(refused.value)
    # Five years where life, health or financial safety is involved with harmful consequences.
    grave = lead(people, item, violation_on="2021-08-01", grave_harm="on")
    take(grave, "file", people.henry, on=date(2024, 3, 1))
    foreign = services.create_item(
        PowerItem,
        department=org.sthj,
        valid_from=date(2019, 1, 1),
        fields={"name": "对超标排放的处罚", "kind": "penalty"},
    )
    other = lead(people, foreign)
    with pytest.raises(TransitionError, match="第十七条"):
        take(other, "file", people.henry, on=date(2024, 3, 1))


def test_investigation_needs_two_officers_with_valid_credentials(org, people, item, pair) -> None:
    case = lead(people, item)
    take(case, "file", people.henry, on=date(2024, 3, 1))
    with pytest.raises(TransitionError, match="两名以上执法人员"):
        take(
            case,
            "investigate",
            people.alice,
            data={"officer_a": pair[0].pk, "officer_b": pair[0].pk, "findings": "属实"},
            on=date(2024, 3, 5),
        )
    expired = officer(org, "郑三", "42070003", valid_until=date(2024, 1, 31))
    with pytest.raises(TransitionError, match="没有有效的行政执法证件"):
        take(
            case,
            "investigate",
            people.alice,
            data={"officer_a": pair[0].pk, "officer_b": expired.pk, "findings": "属实"},
            on=date(2024, 3, 5),
        )
    # A clerk of another department cannot take the step at all.
    with pytest.raises(StepRefused):
        take(
            case,
            "investigate",
            people.bob,
            data={"officer_a": pair[0].pk, "officer_b": pair[1].pk, "findings": "属实"},
            on=date(2024, 3, 5),
        )


def test_a_lead_not_filed_is_closed_with_its_reason(people, item) -> None:
    case = lead(people, item)
    with pytest.raises(StepRefused):
        take(case, "not_file", people.alice, data={"reason": "不属于本机关管辖"})
    take(case, "not_file", people.henry, data={"reason": "不属于本机关管辖"}, on=date(2024, 3, 2))
    case.refresh_from_db()
    assert case.state == "not_filed" and case.number == "" and case.closed_on == date(2024, 3, 2)
