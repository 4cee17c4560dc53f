"""Links between cases give the deciding body sight of the case it decides on; a participant
unit sees the parties of its cases whichever unit registered them; a voided number is its own
append-only record and is never issued again."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.models import Case, Event, Party, VoidedNumber
from fazhi.core.casework.services import link_cases, void_number
from fazhi.core.casework.workflow import open_case, take
from fazhi.core.integrity.appendonly import AppendOnlyError
from fazhi.core.org.models import Person

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


def visible(user, model=Case):  # type: ignore[no-untyped-def]
    return set(model.objects.restrict(user, "view").values_list("pk", flat=True))


def test_the_reviewing_body_sees_the_decision_it_reviews(org, people) -> None:
    decision = open_case("test", title="行政处罚决定", owner=org.scjg)
    review = open_case("test", title="行政复议", owner=org.sfj)
    assert decision.pk not in visible(people.june)
    link_cases(review, decision, "reviews", actor=people.june, on=date(2019, 6, 3))
    assert decision.pk in visible(people.june)
    assert decision.pk not in visible(people.bob)  # an uninvolved unit still sees nothing
    assert decision.participants.filter(org_unit=org.sfj, role="reviewer").exists()
    notes = Event.objects.filter(kind="linked").values_list("case_id", flat=True)
    assert set(notes) == {decision.pk, review.pk}
    # Linking twice changes nothing.
    link_cases(review, decision, "reviews")
    assert Event.objects.filter(kind="linked").count() == 2


def test_a_participant_unit_sees_the_parties_registered_by_another_unit(org, people) -> None:
    person = Person.objects.create(name="王五", owner_unit=org.scjg, phone="13871234567")
    case = open_case("test", title="行政处罚决定", owner=org.scjg)
    Party.objects.create(case=case, role="party", person=person)
    assert person.pk not in visible(people.june, Person)
    review = open_case("test", title="行政复议", owner=org.sfj)
    link_cases(review, case, "reviews")
    assert person.pk in visible(people.june, Person)
    # Writing the person's record (and revealing personal data) stays with the owning unit.
    assert not Person.objects.restrict(people.june, "change").filter(pk=person.pk).exists()


def test_a_voided_number_is_recorded_and_never_issued_again(org, people) -> None:
    first = open_case("test", title="误立案件", owner=org.scjg)
    take(first, "submit", people.alice, on=date(2019, 3, 1))
    assert first.number == "T-2019-001"
    assert void_number(first, "立案错误", actor=people.alice) == "T-2019-001"
    assert Case.objects.get(pk=first.pk).number == ""
    voided = VoidedNumber.objects.get()
    assert (voided.number, voided.reason, voided.actor) == ("T-2019-001", "立案错误", people.alice)
    with pytest.raises(AppendOnlyError):
        VoidedNumber.objects.filter(pk=voided.pk).update(reason="改")
    second = open_case("test", title="新案件", owner=org.scjg)
    take(second, "submit", people.alice, on=date(2019, 3, 2))
    assert second.number == "T-2019-002"
    with pytest.raises(ValueError, match="理由"):
        void_number(second, " ")
