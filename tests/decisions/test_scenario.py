"""The decisions stages of the Ezhou 2019 scenario: row 33 counted from the opinions register,
the foundation's rows 35–38 kept true, an adviser for every agency and every village, the two
decisions walked to the archive, and a second run adds nothing."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.models import OrgUnit
from fazhi.domains.decisions import advisers
from fazhi.domains.decisions.models import (
    AdviserContract,
    CatalogAdjustment,
    LegalOpinion,
    MajorDecision,
    MemberOpinion,
)
from fazhi.shell.scenario.accounts import ensure_accounts
from fazhi.shell.scenario.builder import ScenarioBuilder, StageResult

ROWS = {"33": 65, "35": 362, "36": 64, "37": 13, "38": 362}


def run_stages(builder: ScenarioBuilder) -> int:
    created = 0
    for stage in registry.stages():
        if stage.app == "decisions":
            assert 420 <= stage.order <= 439
            result = StageResult(stage.label)
            stage.load(builder, result)
            created += result.created
    return created


@pytest.fixture
def builder(db: Any, settings: Any, tmp_path: Any) -> ScenarioBuilder:
    settings.VAR_DIR = tmp_path
    b = ScenarioBuilder(2019, entities=0, officers=0, stdout=io.StringIO())
    b.load_units(StageResult("units"))
    b.load_places(StageResult("places"))
    b.load_advisers(StageResult("advisers"))
    ensure_accounts(2019, StageResult("accounts"), b.source)
    return b


def test_the_stages_count_row_33_and_keep_the_advisers_rows(builder: ScenarioBuilder) -> None:
    assert run_stages(builder) > 0
    figures = {f.row: f for f in registry.figures(2019) if f.row in ROWS}
    assert {row: f.count() for row, f in figures.items()} == ROWS
    assert figures["33"].seed == 65

    # Two decisions walked every gate with 2019 dates; the mayor spoke after the members and a
    # member's dissent is on the record.
    decisions = MajorDecision.objects.select_related("case")
    assert {d.case.state for d in decisions} == {"archived"}
    assert all(d.decided_on and d.decided_on.year == 2019 for d in decisions)
    assert MemberOpinion.objects.filter(stance="disagree").exists()
    assert LegalOpinion.objects.filter(decision__isnull=False, kind="review_opinion").count() == 2
    assert set(CatalogAdjustment.objects.values_list("action", flat=True)) == {"add", "cancel"}

    # An adviser for every agency, and for every village and community, at the end of 2019.
    root = OrgUnit.objects.get(code="420700000000")
    end = date(2019, 12, 31)
    assert advisers.agencies(root).count() > 11
    assert not advisers.agencies_without_adviser(root, end).exists()
    assert not advisers.places_without_adviser(root, end).exists()
    assert AdviserContract.objects.filter(round__number=3).count() == 362
    assert Publication.objects.filter(kind=advisers.DIRECTORY_KIND).exists()

    before = (LegalOpinion.objects.count(), AdviserContract.objects.count())
    assert run_stages(builder) == 0
    assert (LegalOpinion.objects.count(), AdviserContract.objects.count()) == before
