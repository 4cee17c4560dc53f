"""The enforcement stages of the Ezhou 2019 scenario over the foundation only (a small entity
pool; the stages need the org tree, the first entities and the personas): every figure of rows
47, 48, 54–57 counted from records, and a second run adds nothing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.casework.collection import COLLECTED_KIND
from fazhi.core.casework.models import Case
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.models import OrgUnit
from fazhi.domains.enforcement import figures, publicity
from fazhi.domains.enforcement.models import Meeting, MeetingCase
from fazhi.domains.enforcement.scenario import stage
from fazhi.shell.scenario.builder import ScenarioBuilder, StageResult, build

EXPECTED = {
    "taxis_2019": 144,
    "illegal_operation_vehicles_2019": 78,
    "ecology_decisions_2019": 58,
    "ecology_fines_2019_yuan": 8_046_000,
    "ecology_meetings_2019": 11,
    "ecology_hearings_2019": 5,
}


def _run(builder: ScenarioBuilder) -> list[StageResult]:
    results = []
    for label, load in stage.STAGES:
        result = StageResult(label)
        load(builder, result)
        results.append(result)
    return results


@pytest.fixture
def built(db: Any, settings: Any, tmp_path: Any) -> ScenarioBuilder:
    settings.VAR_DIR = tmp_path
    build(seed=2019, entities=200, officers=20, stdout=io.StringIO(), lists=False)
    builder = ScenarioBuilder(2019, 200, 20, io.StringIO())
    _run(builder)
    return builder


def test_the_stage_counts_its_figures_and_runs_once(built: ScenarioBuilder) -> None:
    counted = {name: getattr(figures, name)() for name in EXPECTED}
    assert counted == EXPECTED
    assert figures.ecology_fines_2019() == Decimal("8046000.00")
    # `fazhi figures` prints the same: the registered seeds are the report's.
    mine = [f for f in registry.figures(2019) if f.query.startswith(figures.__name__)]
    assert {f.query.rpartition(".")[2]: f.seed for f in mine} == EXPECTED
    assert {f.row for f in mine} == {"47", "48", "54", "55", "56", "57"}

    # 245 transport + 59 ecology cases, all collected; the 分局 own theirs.
    assert Case.objects.filter(kind=COLLECTED_KIND).count() == 304
    owners = set(
        Case.objects.filter(source_system=stage.ECOLOGY_SYSTEM)
        .values_list("participants__org_unit__name", flat=True)
        .distinct()
    )
    assert "鄂州市生态环境局" in owners and any(o.endswith("分局") for o in owners)
    # Every meeting discusses the bureau's own cases, held between filing and decision.
    for item in MeetingCase.objects.select_related("meeting", "case", "case__enforcement"):
        assert item.case.opened_on <= item.meeting.held_on <= item.case.enforcement.decided_on
    assert Meeting.objects.count() == 11
    # The bureaus published most of their decisions through the gate, a few late, some never:
    # supervision flags those still owed.
    ecology = OrgUnit.objects.get(name="鄂州市生态环境局")
    owed = publicity.required_decisions([ecology], 2019)
    published = Publication.objects.filter(case__in=owed.values("case"))
    assert 0 < published.count() < owed.count()
    for pub in published.select_related("case__enforcement"):
        decided = pub.case.enforcement.decided_on
        assert decided < pub.published_on <= date(2020, 1, 31), pub.title
    assert publicity.missing_publications([ecology], 2019)[ecology.pk] == (
        owed.count() - published.count()
    )

    again = _run(built)
    assert [r.created for r in again] == [0, 0, 0]
    assert Case.objects.filter(kind=COLLECTED_KIND).count() == 304
    assert {name: getattr(figures, name)() for name in EXPECTED} == EXPECTED
