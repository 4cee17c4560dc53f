"""A step is one atomic function taken by a person in a role: source state, role in a
participant unit, qualification, gates, the event with its business date, the effects; every
refusal names what is missing and its article."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.models import Case, Event, Participant
from fazhi.core.casework.workflow import (
    StepRefused,
    TransitionError,
    open_case,
    refusals_for,
    steps_for,
    take,
)
from fazhi.core.integrity.appendonly import AppendOnlyError

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org, people):  # type: ignore[no-untyped-def]
    return open_case("test", title="测试", owner=org.scjg, actor=people.alice)


def test_it_opens_a_case_without_a_number_with_its_owner_and_first_event(case, org) -> None:
    assert case.state == "open" and case.number == ""
    assert case.participants.get().org_unit == org.scjg
    assert list(case.events.values_list("kind", flat=True)) == ["open"]


def test_the_filing_step_numbers_the_case_and_each_step_records_its_business_date(
    case, people
) -> None:
    take(case, "submit", people.alice, on=date(2019, 3, 4))
    assert case.number == "T-2019-001"
    take(case, "review", people.rita, on=date(2019, 3, 5))
    event = take(case, "decide", people.henry, data={"opinion": "同意"}, on=date(2019, 3, 6))
    case.refresh_from_db()
    assert case.state == "decided" and case.number == "T-2019-001"
    assert (event.from_state, event.to_state, event.actor) == ("review", "decided", people.henry)
    assert event.occurred_on == date(2019, 3, 6)
    assert event.data["basis"] == "行政处罚法 第五十七条"


def test_a_wrong_state_names_the_step_that_must_come_first(case, people) -> None:
    with pytest.raises(TransitionError) as refused:
        take(case, "close", people.alice)
    (refusal,) = refused.value.refusals
    assert refusal.missing_step == "submit"
    assert "须先完成“提交审核”" in refusal.message
    assert Case.objects.get(pk=case.pk).state == "open"


def test_a_clerk_of_the_same_unit_may_not_take_the_heads_step(case, people) -> None:
    take(case, "submit", people.alice)
    with pytest.raises(StepRefused) as refused:
        take(case, "decide", people.alice, data={"opinion": "同意"})
    message = str(refused.value.refusals[0])
    assert "部门负责人" in message and "行政处罚法 第五十七条" in message
    assert Case.objects.get(pk=case.pk).state == "review"


def test_a_unit_that_does_not_take_part_is_refused(case, people) -> None:
    with pytest.raises(StepRefused, match="没有该角色"):
        take(case, "submit", people.bob)


def test_a_closed_gate_gives_its_reason_with_the_article_and_changes_nothing(case, people) -> None:
    take(case, "submit", people.alice)
    with pytest.raises(TransitionError) as refused:
        take(case, "decide", people.henry, data={})
    assert str(refused.value.refusals[0]) == "作出决定前须填写审核意见（行政处罚法 第五十七条）"
    assert Case.objects.get(pk=case.pk).state == "review"
    assert not Event.objects.filter(case=case, kind="decide").exists()


def test_a_first_time_legal_reviewer_needs_the_qualification(case, people) -> None:
    take(case, "submit", people.alice)
    # rita has no legal professional qualification and never reviewed before 2021-07-15
    refusals = refusals_for(case, "review", people.rita)
    assert [r.basis for r in refusals] == ["行政处罚法 第五十八条第二款"]
    with pytest.raises(StepRefused, match="法律职业资格"):
        take(case, "review", people.rita, on=date(2022, 1, 10))


def test_a_reviewer_who_reviewed_before_the_2021_law_may_go_on(org, people) -> None:
    earlier = open_case("test", title="旧案", owner=org.scjg)
    take(earlier, "submit", people.alice, on=date(2020, 5, 1))
    take(earlier, "review", people.rita, on=date(2020, 5, 2))
    later = open_case("test", title="新案", owner=org.scjg)
    take(later, "submit", people.alice, on=date(2022, 1, 3))
    take(later, "review", people.rita, on=date(2022, 1, 4))
    assert later.events.filter(kind="review", actor=people.rita).exists()


def test_the_case_page_offers_each_step_with_why_not(case, people) -> None:
    offered = {step.name: refusals for step, refusals in steps_for(case, people.alice)}
    assert set(offered) == {"submit", "supervise"}
    assert offered["submit"] == []
    assert offered["supervise"] and "没有该角色" in offered["supervise"][0].message


def test_the_timeline_is_append_only(case) -> None:
    event = case.events.get()
    event.note = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(note="篡改")
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()


def test_a_collected_case_is_read_only_except_for_supervision(org, people) -> None:
    case = open_case(
        "test",
        number="EXT-9",
        title="归集案件",
        owner=org.scjg,
        source_system="省市场监管执法系统",
        external_id="HB-2019-0001",
    )
    assert case.imported
    assert case.events.get().data["external_id"] == "HB-2019-0001"
    with pytest.raises(TransitionError, match="只能进行监督步骤"):
        take(case, "submit", people.alice)
    Participant.objects.create(case=case, org_unit=org.sfj, role="supervisor")
    take(case, "supervise", people.carol, data={"note": "请补充证据"})
    assert Case.objects.get(pk=case.pk).state == "closed"


def test_an_administrator_of_the_owning_unit_cannot_move_a_case(org, people) -> None:
    case = open_case("test", number="SFJ-9", title="司法局案件", owner=org.sfj)
    with pytest.raises(StepRefused):
        take(case, "submit", people.sam)
