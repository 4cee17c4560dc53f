"""The justice bureau's supervision in the Ezhou 2019 scenario: figures 44, 59, 60 and 61 counted
from records made by the stage functions.

The whole build (with the lists' 4,397 power items) takes minutes, so this runs the minimum the
stages need — the foundation's org tree and persona accounts — and then the enforcement
stages themselves, through the same registry entries ``fazhi demo`` runs."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.casework.models import Case, Document
from fazhi.domains.enforcement import campaigns, filereview
from fazhi.domains.enforcement.models import DepartmentReview, FileProblem, FileReview, ReviewedFile
from fazhi.domains.enforcement.scenario import filereview_stage
from fazhi.shell.scenario.accounts import ensure_accounts
from fazhi.shell.scenario.builder import ScenarioBuilder, StageResult

SEED_FIGURES = {"44": 6, "59": 20, "60": 126, "61": 259}


def run_stages(builder: ScenarioBuilder) -> int:
    created = 0
    for stage in registry.stages():
        if stage.app != "enforcement" or not 220 <= stage.order <= 229:
            continue
        result = StageResult(stage.label)
        stage.load(builder, result)
        created += result.created
    return created


@pytest.fixture
def builder(db: Any, settings: Any, tmp_path: Any) -> ScenarioBuilder:
    settings.VAR_DIR = tmp_path
    b = ScenarioBuilder(2019, entities=0, officers=0, stdout=io.StringIO())
    b.load_units(StageResult("units"))
    ensure_accounts(2019, StageResult("accounts"), b.source)
    return b


def test_the_stages_count_the_seed_figures_and_a_second_run_adds_nothing(
    builder: ScenarioBuilder,
) -> None:
    assert run_stages(builder) > 0
    registered = {f.row: f for f in registry.figures(2019) if f.row in SEED_FIGURES}
    assert {row: f.seed for row, f in registered.items()} == SEED_FIGURES
    assert {row: f.count() for row, f in registered.items()} == SEED_FIGURES
    # The sampled files are real closed 2019 cases of their own department, collected.
    files = ReviewedFile.objects.select_related("case", "department_review__department")
    for rf in files:
        assert rf.case.closed_on is not None and rf.case.closed_on.year == 2019
        assert rf.case.owner_unit() == rf.department_review.department
        assert rf.case.source_system == filereview_stage.SOURCE_SYSTEM
        assert rf.score is not None and rf.checklist_version is not None
    # Anyone can re-derive every department's sample from the recorded seed.
    review = FileReview.objects.get()
    for dr in review.departments.select_related("department"):
        stored = list(dr.files.order_by("position").values_list("case_id", flat=True))
        assert filereview.redraw(review, dr.department) == stored
    assert {p.found_on.year for p in FileProblem.objects.all()} == {2019}
    # Every department was notified; the market regulator replied on time, the rest are running.
    states = dict(DepartmentReview.objects.values_list("department__code", "case__state"))
    assert states.pop("420700-SCJG") == "replied" and set(states.values()) == {"rectifying"}
    assert not DepartmentReview.objects.filter(filereview.late_q(date(2019, 12, 31))).exists()
    notices = Document.objects.filter(form=filereview.RESULT_FORM, issued_on=date(2019, 12, 2))
    assert notices.count() == 20

    before = (Case.objects.count(), ReviewedFile.objects.count(), FileProblem.objects.count())
    assert run_stages(builder) == 0
    after = (Case.objects.count(), ReviewedFile.objects.count(), FileProblem.objects.count())
    assert after == before
    assert campaigns.pharmacy_campaigns_2019() == 6


def test_the_problem_plan_is_a_pure_function_of_the_seed() -> None:
    plan = filereview_stage.problem_plan(2019, 126)
    assert plan == filereview_stage.problem_plan(2019, 126)
    assert sum(plan) == 259 and min(plan) >= 1
    assert plan != filereview_stage.problem_plan(2020, 126)
    depts = filereview_stage.departments()
    assert len(depts) == 20 and sum(d.quota for d in depts) == 126
