"""The drafting stages of the Ezhou 2019 scenario (410–412): rows 23–27 and 29 counted from
the drafts walked through their steps, the amended rule compared provision by provision, and a
second run adds nothing."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.casework.models import Case
from fazhi.domains.rulemaking import drafting_figures as figures
from fazhi.domains.rulemaking.compare import compare
from fazhi.domains.rulemaking.models import Comment, Draft, IssuingBody
from fazhi.shell.scenario.builder import ScenarioBuilder, StageResult

ROWS = {"23": 3, "24": 1, "25": 1, "26": 1, "27": 30, "29": 2}


def run_stages(builder: ScenarioBuilder) -> int:
    created = 0
    for stage in registry.stages():
        if stage.app == "rulemaking" and 410 <= stage.order <= 412:
            result = StageResult(stage.label)
            stage.load(builder, result)
            created += result.created
    return created


@pytest.fixture
def builder(db: Any, settings: Any, tmp_path: Any) -> ScenarioBuilder:
    settings.VAR_DIR = tmp_path
    b = ScenarioBuilder(2019, entities=0, officers=0, stdout=io.StringIO())
    b.load_units(StageResult("units"))
    return b


def test_the_drafting_stages(builder: ScenarioBuilder) -> None:
    assert run_stages(builder) > 0
    counted = {f.row: f.count() for f in registry.figures(2019) if f.row in ROWS}
    assert counted == ROWS
    assert {f.row: f.seed for f in registry.figures(2019) if f.row in ROWS} == ROWS
    # Every published draft walked every step by a person in a role, on its 2019 dates.
    for d in Draft.objects.filter(published_on__isnull=False).select_related("case"):
        kinds = set(d.case.events.values_list("kind", flat=True))
        assert {"open_consultation", "submit_review", "legality_opinion", "publish"} <= kinds
        assert d.case.state == "in_force"
        assert (
            d.case.events.exclude(kind__in=["open", "take_effect"]).filter(actor=None).count() == 0
        )
        c = d.consultations.get()
        assert (c.closes_on - c.opened_on).days >= 30 and c.feedback_publication is not None
    # The amended rule: the 2016 version ended the day before the 2019 one took effect.
    trees = Draft.objects.get(amends__isnull=False)
    old, new = trees.amends, trees.published_version
    old.refresh_from_db()
    assert old.state == "amended" and old.effective_until == date(2019, 10, 31)
    kinds = {c.kind for c in compare(old, new)}
    assert {"changed", "added"} <= kinds
    # One comment refused by moderation, with its reason; the others kept on their articles.
    assert Comment.objects.filter(status="rejected").exclude(moderation_reason="").count() == 1
    assert IssuingBody.objects.filter(state="in_force").exists()
    assert Case.objects.get(title="鄂州市控制和查处违法建设办法").state == "deferred"
    # A second run adds nothing.
    assert run_stages(builder) == 0
    assert figures.rules_made_2019() == 3
    assert figures.short_consultations_without_reason_2019() == 0
