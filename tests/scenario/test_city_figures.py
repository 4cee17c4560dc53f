"""The urban-management matters, overload checks and hotline orders of the Ezhou 2019 scenario:
the figures of rows 43, 45, 46 and 49–53 counted from records that came in through the imports
and the resolution function users take, on the foundation alone (no lists, a small entity pool);
a second run of the stages creates nothing."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from auditlog.context import disable_auditlog
from django.db import transaction
from django.db.models import Sum

from fazhi import registry
from fazhi.core.casework.models import Case
from fazhi.core.intake.models import ImportJob
from fazhi.domains.enforcement import city, city_figures
from fazhi.domains.enforcement.models import HotlineOrder, OverloadCheck, UrbanMatter
from fazhi.shell.scenario.builder import ScenarioBuilder, StageResult, build

# Copied from the report (docs/figures.md), not from the code under test.
SEED = {
    "share_service_2019": 70,
    "share_management_2019": 20,
    "share_enforcement_2019": 10,
    "overload_checks_2019": 8677,
    "overloaded_2019": 2617,
    "street_occupations_2019_about": 680,
    "hangings_2019_about": 120,
    "demolitions_2019": 8,
    "school_occupations_2019_about": 12000,
    "advertisements_removed_2019": 19,
    "advertisement_area_2019": 2601,
}


def run_city_stages(builder: ScenarioBuilder) -> list[StageResult]:
    results = []
    for stage in registry.stages():
        if stage.app == "enforcement" and 210 <= stage.order <= 219:
            result = StageResult(stage.label)
            # As the builder runs a stage: one transaction, no per-row change log.
            with disable_auditlog(), transaction.atomic():
                stage.load(builder, result)
            results.append(result)
    return results


@pytest.fixture
def scenario(db: Any, settings: Any, tmp_path: Any) -> ScenarioBuilder:
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    build(seed=2019, entities=50, officers=10, stdout=io.StringIO(), lists=False)
    builder = ScenarioBuilder(2019, 50, 10, io.StringIO())
    run_city_stages(builder)
    return builder


def test_the_city_figures_are_counted_from_imported_and_resolved_records(
    scenario: ScenarioBuilder,
) -> None:
    counted = {name: getattr(city_figures, name)() for name in SEED}
    assert counted == SEED
    registered = [f for f in registry.figures(2019) if f.query.startswith(city_figures.__name__)]
    assert {f.query.rpartition(".")[2]: f.seed for f in registered} == SEED
    assert {f.row for f in registered} == {"43", "45", "46", "49", "50", "51", "52", "53"}

    # "余": the records are at or a little above the report's figure.
    assert 680 <= city_figures.street_occupations_2019() < 690
    assert 120 <= city_figures.hangings_2019() < 130
    assert 12000 <= city_figures.school_occupations_2019() < 13000
    # Every matter of 2019 was resolved; every enforcement resolution names a case of the
    # matter's own department, handled in the bureau's system and collected from it.
    assert not UrbanMatter.objects.filter(resolution="pending").exists()
    enforced = UrbanMatter.objects.filter(resolution="enforcement").select_related("case")
    assert enforced.count() == city.shares(2019).enforcement
    sample = enforced.first()
    assert sample is not None and sample.case is not None
    assert sample.case.kind == "collected_enforcement" and sample.case.imported
    assert sample.case.owner_unit() == sample.department
    assert sample.case.closed_on is not None and sample.case.opened_on == sample.found_on
    areas = UrbanMatter.objects.filter(kind="illegal_ad").aggregate(s=Sum("area"))["s"]
    assert areas == Decimal(2601)
    # The files went through the intake engine, one job per file, each without errors.
    assert ImportJob.objects.filter(spec="urban-matters", status="done").count() == 4
    assert not ImportJob.objects.exclude(error_total=0).exists()
    # Hotline orders of 2019, each with its deadline, some answered late.
    orders = HotlineOrder.objects.all()
    assert orders.count() == 160
    assert orders.filter(replied_late=True).exists()
    assert not orders.exclude(state="closed").exists()

    before = (
        UrbanMatter.objects.count(),
        OverloadCheck.objects.count(),
        HotlineOrder.objects.count(),
        Case.objects.count(),
    )
    again = run_city_stages(scenario)
    assert sum(r.created for r in again) == 0
    after = (
        UrbanMatter.objects.count(),
        OverloadCheck.objects.count(),
        HotlineOrder.objects.count(),
        Case.objects.count(),
    )
    assert after == before
