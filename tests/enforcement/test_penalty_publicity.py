"""A penalty decision is published through the disclosure gate (行政处罚法 第四十八条) within its
period — for the market regulator in 2024, 20 working days (市场监督管理行政处罚信息公示规定) —
once, with the party's name kept and a witness masked."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.models import Party
from fazhi.core.casework.workflow import TransitionError, register_case, take
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.models import Person

from ..conftest import make_entity
from .conftest import officer

pytestmark = pytest.mark.django_db


def test_the_decision_is_published_once_within_its_period(org, people, item) -> None:
    pair = [officer(org, "周一", "42070001"), officer(org, "吴二", "42070002")]
    case = register_case(
        "penalty",
        people.alice,
        {"title": "销售过期食品案", "power_item": item.pk, "violation_on": "2024-02-01",
         "facts": "举报"},
        on=date(2024, 3, 1),
    )  # fmt: skip
    Party.objects.create(case=case, role="party", entity=make_entity(org))
    witness = Person.objects.create(name="王小明", owner_unit=org.scjg)
    Party.objects.create(case=case, role="witness", person=witness)
    take(case, "file", people.henry, on=date(2024, 3, 1))
    take(
        case,
        "investigate",
        people.alice,
        data={"officer_a": pair[0].pk, "officer_b": pair[1].pk, "findings": "属实"},
        on=date(2024, 3, 4),
    )
    # 市场监管: the notice carries the reviewed penalty, so the review comes first.
    people.rita.legal_qualification_no = "A20184201000001"
    people.rita.save()
    take(case, "review", people.rita, data={"opinion": "同意"}, on=date(2024, 3, 5))
    take(case, "notify", people.alice, on=date(2024, 3, 5))
    decision = {"decision": "没收过期食品，罚款五千元；证人王小明在场", "fine": "5000"}
    take(case, "decide", people.henry, data=decision, on=date(2024, 3, 13))
    window = case.deadlines.get(key="market.penalty_publicity")
    assert window.due == date(2024, 4, 11)  # 20 working days; 清明 2024-04-04/05 skipped
    take(case, "publicize", people.alice, on=date(2024, 3, 15))
    publication = Publication.objects.get(case=case)
    text = str(publication.payload)
    assert "鄂州市甲乙有限公司" in text  # a legal person's name is published
    assert "王小明" not in text and "王某某" in text  # a witness is not
    assert publication.statutory_deadline == date(2024, 4, 11)
    window.refresh_from_db()
    assert window.status == "met" and window.met_on == date(2024, 3, 15)
    with pytest.raises(TransitionError, match="已经公开"):
        take(case, "publicize", people.alice, on=date(2024, 3, 16))
