"""The 2019 campaigns of the scenario (stage 301) are history: on a small build, each task's steps
were taken through the task workflow by its own inspectors' accounts on 2019 dates, each
violation opened a penalty case at its clue step from the confirmation, and no pool held an
entity registered after its freeze."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.casework.models import CaseLink, Event
from fazhi.core.org.models import Officer
from fazhi.domains.enforcement.choices import PenaltyState
from fazhi.domains.inspection import figures
from fazhi.domains.inspection.campaign_choices import FollowUp, ResultCategory, TaskState
from fazhi.domains.inspection.models import InspectionTask, PoolSnapshot, Target
from fazhi.domains.inspection.scenario.campaigns import size_for
from fazhi.shell.scenario.builder import build

pytestmark = pytest.mark.django_db
ENTITIES = 1500


@pytest.fixture
def built(settings: Any, tmp_path: Any, monkeypatch: Any) -> None:
    settings.VAR_DIR = tmp_path
    stages = registry.stages
    # The foundation, the lists (power items) and the inspection stages only.
    monkeypatch.setattr(
        registry,
        "stages",
        lambda: [s for s in stages() if s.app in ("scenario", "lists", "inspection")],
    )
    build(seed=2019, entities=ENTITIES, officers=120, stdout=io.StringIO())


def test_each_task_walked_its_steps_by_its_own_inspectors_on_2019_dates(built: None) -> None:
    size = size_for(ENTITIES)
    assert figures.campaigns_drawn() == size.campaigns
    assert figures.distinct_targets() > 0
    tasks = list(InspectionTask.objects.select_related("case").prefetch_related("inspectors"))
    assert tasks
    staff_of = dict(Officer.objects.values_list("pk", "staff_id"))
    for task in tasks:
        assert task.case.state == TaskState.CONFIRMED
        team = {staff_of[o.pk] for o in task.inspectors.all()}
        steps = {e.kind: e for e in Event.objects.filter(case=task.case)}
        record, confirm = steps["record"], steps["confirm"]
        # Two different inspectors of the team, each through their own account.
        assert record.actor_id in team and confirm.actor_id in team
        assert record.actor_id != confirm.actor_id
        assert task.recorded_by.staff_id == record.actor_id
        assert task.confirmed_by.staff_id == confirm.actor_id
        # The business dates are 2019's; the rows were written today.
        assert record.occurred_on.year == confirm.occurred_on.year == 2019
        assert record.at.date() != record.occurred_on
        assert task.confirmed_on == confirm.occurred_on
        # The confirmation started the 20-working-day publication deadline, met on publication.
        assert steps["deadline_started"].occurred_on == task.ended_on
        assert task.published_on is not None and "deadline_met" in steps


def test_each_violation_opened_a_penalty_case_at_its_clue_step(built: None) -> None:
    violations = InspectionTask.objects.filter(category=ResultCategory.VIOLATION)
    assert violations.count() == figures.violations_handled() == size_for(ENTITIES).violations
    for task in violations.select_related("enforcement_case", "confirmed_by"):
        case = task.enforcement_case
        assert task.follow_up == FollowUp.ENFORCEMENT_CASE and case is not None
        assert case.kind == "penalty" and case.state == PenaltyState.LEAD
        opened = case.events.get(kind="open")
        assert opened.actor_id == task.confirmed_by.staff_id
        assert opened.occurred_on == task.confirmed_on
        assert CaseLink.objects.filter(from_case=task.case, to_case=case).exists()
        # The visit's finding, recorded through the task's own step.
        assert task.findings.filter(compliant=False).exists()


def test_no_pool_held_an_entity_registered_after_its_freeze(built: None) -> None:
    frozen = dict(PoolSnapshot.objects.values_list("campaign_id", "frozen_at"))
    for campaign_id, registered in Target.objects.values_list(
        "campaign_id", "entity__registered_on"
    ):
        assert registered <= frozen[campaign_id].date()
    assert all(at.date() < date(2020, 1, 1) for at in frozen.values())
