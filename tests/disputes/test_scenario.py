"""The reconsideration history of the Ezhou 2019 scenario, run on the small org tree: the seed
report's figures (rows 67–75) counted from the records it leaves, every case consistent with
its clocks, and a second run adds nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case, Deadline
from fazhi.domains.disputes import figures
from fazhi.domains.disputes.models import ReconsiderationCase
from fazhi.domains.disputes.scenario import plan, stage
from fazhi.shell.scenario.builder import StageResult

pytestmark = pytest.mark.django_db
AFTER_ACCEPTANCE = ("send_copy", "reply", "extend", "settle", "decide", "mediate", "dismiss")


class Builder:
    """What a stage reads of the scenario builder: the seed, and its audit of bulk loads."""

    seed = 2019

    def __init__(self) -> None:
        self.audited: list[tuple[str, int]] = []

    def audit(self, model_label: str, rows: int, digest: Any, **changes: Any) -> None:
        self.audited.append((model_label, rows))


def test_the_2019_history_walked_through_the_workflow(org: Any) -> None:
    """One run of the stage (it walks 96 cases): its figures, its consistency, its idempotence."""
    history = Builder()
    stage.load(history, StageResult("disputes"))
    _figures_are_counted_from_the_walked_cases(history)
    _every_scenario_case_is_consistent_with_its_clocks()
    _a_second_run_adds_nothing()


def _figures_are_counted_from_the_walked_cases(history: Builder) -> None:
    assert history.audited == [("casework.Case", 96)]
    counts = {f.row + f.label: f.count() for f in registry.figures() if f.row in
              {"67", "68", "69", "70", "71", "72", "73", "74", "75"}}  # fmt: skip
    expected = {f.row + f.label: f.seed for f in registry.figures() if f.row + f.label in counts}
    assert counts == expected and len(counts) == 10
    assert figures.not_accepted_2019() == 6
    assert figures.pending_2019() == 9


def _every_scenario_case_is_consistent_with_its_clocks() -> None:
    cases = Case.objects.filter(kind="reconsideration").prefetch_related("events", "deadlines")
    assert cases.count() == 96
    deemed = 0
    for case in cases:
        rc = ReconsiderationCase.objects.get(case=case)
        events = sorted(case.events.all(), key=lambda e: e.pk)
        kinds = [e.kind for e in events]
        dates = [e.occurred_on for e in events if not e.kind.startswith("deadline_")]
        assert dates == sorted(dates), case.title
        acceptance = [e for e in events if e.kind in ("accept", "deem_accept")]
        deemed += sum(e.kind == "deem_accept" for e in acceptance)
        if acceptance:
            assert rc.accepted_on == acceptance[0].occurred_on
            for e in events:
                if e.kind in AFTER_ACCEPTANCE:
                    assert kinds.index(acceptance[0].kind) < kinds.index(e.kind), case.title
                    assert e.occurred_on >= rc.accepted_on
        else:
            assert case.state == "not_accepted" and not set(kinds) & set(AFTER_ACCEPTANCE)
        for d in case.deadlines.all():
            if d.status == DeadlineStatus.MET:
                assert d.met_on is not None and d.due is not None and d.met_on <= d.due, (
                    case.title,
                    d.key,
                )
            elif d.status == DeadlineStatus.RUNNING:
                # Only the pending cases' clocks run at the year's end, none overdue then.
                assert case.closed_on is None and d.due is not None and d.due > date(2019, 12, 31)
        assert not any(e.data.get("late") for e in events if e.kind == "deadline_met")
        # The 1999 law applied to every case of the history.
        assert all("（1999）" in d.basis for d in case.deadlines.all()), case.title
    assert deemed == plan.DEEMED
    assert not Deadline.objects.filter(
        case__kind="reconsideration", key="reconsideration.simplified_decision"
    ).exists()


def _a_second_run_adds_nothing() -> None:
    again = StageResult("disputes")
    stage.load(Builder(), again)
    assert (again.created, again.existing) == (0, 96)
    assert Case.objects.filter(kind="reconsideration").count() == 96


def test_the_plan_is_deterministic() -> None:
    assert [s.title for s in plan.plan(2019)] == [s.title for s in plan.plan(2019)]
    assert [s.end_on for s in plan.plan(2019)] == [s.end_on for s in plan.plan(2019)]
