"""Lapse hooks: a period that runs out with a declared consequence (行政复议法 第三十条: 视为受理)
is recorded once as an event, and the domain's hook is called once."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from fazhi.core.casework import deadlines, tasks
from fazhi.core.casework.workflow import open_case

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooks(monkeypatch: Any) -> list[tuple[str, str, date]]:
    calls: list[tuple[str, str, date]] = []
    monkeypatch.setattr(deadlines, "_LAPSE_HOOKS", {})

    def accept(deadline: Any, lapse: Any, effective_on: date) -> None:
        calls.append((deadline.key, lapse.basis, effective_on))

    deadlines.register_lapse_hook("reconsideration.acceptance_review", accept)
    deadlines.register_lapse_hook("licensing.material_notice", accept)
    return calls


@pytest.fixture
def case(org):  # type: ignore[no-untyped-def]
    return open_case("test", number="FY-L1", title="复议申请", owner=org.sfj)


def test_a_lapsed_acceptance_review_is_deemed_accepted_once(case, hooks) -> None:
    # Received Monday 2024-03-04: 5 working days end Monday 03-11.
    deadlines.start_deadline(case, "reconsideration.acceptance_review", date(2024, 3, 4))
    assert deadlines.record_lapses(date(2024, 3, 11)) == 0  # not yet: the last day is open
    assert deadlines.record_lapses(date(2024, 3, 12)) == 1
    assert deadlines.record_lapses(date(2024, 3, 13)) == 0  # idempotent
    event = case.events.get(kind="deadline_lapsed")
    assert event.data["consequence"].startswith("视为受理")
    assert event.data["basis"] == "行政复议法 第三十条"
    assert event.data["effective_on"] == "2024-03-11"
    assert hooks == [
        ("reconsideration.acceptance_review", "行政复议法 第三十条", date(2024, 3, 11))
    ]


def test_licensing_is_deemed_accepted_from_the_day_of_receipt(case, hooks) -> None:
    # 行政许可法 第三十二条: 逾期不告知的，自收到申请材料之日起即为受理.
    deadlines.start_deadline(case, "licensing.material_notice", date(2024, 3, 4))
    assert deadlines.record_lapses(date(2024, 3, 12)) == 1
    assert hooks == [("licensing.material_notice", "行政许可法 第三十二条", date(2024, 3, 4))]


def test_a_period_without_a_declared_consequence_is_not_recorded(case, hooks) -> None:
    deadlines.start_deadline(case, "licensing.decision", date(2024, 3, 4))
    assert deadlines.record_lapses(date(2025, 1, 1)) == 0
    assert not case.events.filter(kind="deadline_lapsed").exists()


def test_a_met_or_paused_deadline_does_not_lapse(case, hooks) -> None:
    met = deadlines.start_deadline(case, "reconsideration.acceptance_review", date(2024, 3, 4))
    deadlines.mark_met(met, date(2024, 3, 8))
    paused = deadlines.start_deadline(case, "reconsideration.acceptance_review", date(2024, 3, 4))
    deadlines.pause(paused, date(2024, 3, 6))
    assert deadlines.record_lapses(date(2024, 4, 1)) == 0
    assert hooks == []


def test_a_failing_hook_records_nothing_and_is_retried(case, monkeypatch: Any) -> None:
    monkeypatch.setattr(deadlines, "_LAPSE_HOOKS", {})
    attempts: list[int] = []

    def flaky(deadline: Any, lapse: Any, effective_on: date) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("domain down")

    deadlines.register_lapse_hook("reconsideration.acceptance_review", flaky)
    d = deadlines.start_deadline(case, "reconsideration.acceptance_review", date(2024, 3, 4))
    assert deadlines.record_lapses(date(2024, 3, 12)) == 0
    d.refresh_from_db()
    assert d.lapse_recorded_at is None
    assert not case.events.filter(kind="deadline_lapsed").exists()
    assert deadlines.record_lapses(date(2024, 3, 12)) == 1
    assert case.events.filter(kind="deadline_lapsed").count() == 1


def test_one_hook_per_key(hooks) -> None:
    with pytest.raises(ValueError, match="已登记"):
        deadlines.register_lapse_hook("reconsideration.acceptance_review", lambda *a: None)
    with pytest.raises(KeyError, match="未登记"):
        deadlines.register_lapse_hook("no.such.period", lambda *a: None)


def test_the_celery_job_uses_today_and_is_on_the_beat_schedule(case, hooks) -> None:
    deadlines.start_deadline(case, "reconsideration.acceptance_review", date(2024, 3, 4))
    with time_machine.travel(date(2024, 3, 12)):
        assert tasks.record_lapses() == 1
        assert tasks.record_lapses() == 0
    from fazhi.celery import beat_schedule

    entry = beat_schedule()["deadline-lapses"]
    assert entry["task"] == "fazhi.core.casework.tasks.record_lapses"
