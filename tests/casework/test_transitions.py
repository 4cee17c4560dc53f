"""A transition is one atomic function: source state, who may act, gates, event."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.casework.models import Case, Event
from fazhi.core.casework.workflow import TransitionError, open_case, transition
from fazhi.core.integrity.appendonly import AppendOnlyError

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org, people):  # type: ignore[no-untyped-def]
    return open_case("test", number="T-1", title="测试", owner=org.scjg, actor=people.alice)


def test_it_opens_a_case_with_its_owner_and_first_event(case, org) -> None:
    assert case.state == "open"
    assert case.participants.get().org_unit == org.scjg
    assert list(case.events.values_list("kind", flat=True)) == ["open"]


def test_it_moves_through_the_table_and_records_each_step(case, people) -> None:
    transition(case, "submit", people.alice)
    event = transition(case, "decide", people.alice, context="同意", note="审核通过")
    case.refresh_from_db()
    assert case.state == "decided"
    assert (event.from_state, event.to_state, event.actor) == ("review", "decided", people.alice)


def test_it_refuses_a_step_from_the_wrong_state(case, people) -> None:
    with pytest.raises(TransitionError, match="不能执行"):
        transition(case, "close", people.alice)
    assert Case.objects.get(pk=case.pk).state == "open"


def test_it_refuses_a_unit_that_does_not_take_part(case, people) -> None:
    with pytest.raises(PermissionDenied):
        transition(case, "submit", people.bob)


def test_a_closed_gate_gives_its_reason_and_changes_nothing(case, people) -> None:
    transition(case, "submit", people.alice)
    with pytest.raises(TransitionError, match="审核意见"):
        transition(case, "decide", people.alice, context=None)
    assert Case.objects.get(pk=case.pk).state == "review"
    assert not Event.objects.filter(case=case, kind="decide").exists()


def test_the_timeline_is_append_only(case) -> None:
    event = case.events.get()
    event.note = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(note="篡改")
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()


def test_an_imported_case_keeps_its_source(org) -> None:
    case = open_case(
        "test",
        number="EXT-9",
        title="归集案件",
        owner=org.sthj,
        source_system="省生态环境执法系统",
        external_id="HB-2019-0001",
    )
    assert case.imported
    assert case.events.get().data["external_id"] == "HB-2019-0001"


def test_an_administrator_of_the_owning_unit_cannot_move_a_case(org, people) -> None:
    case = open_case("test", number="SFJ-9", title="司法局案件", owner=org.sfj)
    with pytest.raises(PermissionDenied):
        transition(case, "submit", people.sam)
