"""The Ezhou 2019 litigation stages: lawsuits walked through their steps with 2019 dates by
the defendants' clerks, hearings in every quarter with heads at most, the four bulletins
of 2019 (figure row 78); a second run adds nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.casework.models import Event
from fazhi.core.disclosure.models import Publication
from fazhi.domains.disputes.litigation import bulletin, figures, scenario
from fazhi.domains.disputes.models import Appearance, AppearanceBulletin, LawsuitCase
from fazhi.shell.scenario.builder import StageResult, build


class Builder:
    seed = 2019


@pytest.fixture
def foundation(db: Any, settings: Any, tmp_path: Any) -> Any:
    settings.VAR_DIR = tmp_path
    return build(seed=2019, entities=50, officers=10, stdout=io.StringIO(), lists=False)


def test_the_2019_lawsuits_and_bulletins(foundation: Any) -> None:
    lawsuits, bulletins = StageResult("lawsuits"), StageResult("bulletins")
    scenario.load_lawsuits(Builder(), lawsuits)
    scenario.load_bulletins(Builder(), bulletins)
    assert lawsuits.created == len(scenario.LAWSUITS) and bulletins.created == 4

    cases = LawsuitCase.objects.unrestricted("test").select_related("case")
    # Every step by a persona, every business date in 2019 and in order.
    for lawsuit in cases:
        events = Event.objects.filter(case=lawsuit.case, actor__isnull=False).order_by("id")
        steps = [e for e in events if e.kind not in ("open", "linked")]
        assert {e.actor.username for e in steps} <= set(scenario.CLERK_OF.values())
        dates = [e.occurred_on for e in steps]
        assert dates == sorted(dates), lawsuit.case.title
        assert all(d.year in (2018, 2019) for d in dates)
        assert not lawsuit.case.deadlines.filter(key="litigation.defence", status="running")
    # Hearings in each quarter, heads at most of them.
    for quarter in (1, 2, 3, 4):
        rows = bulletin.quarter_rows(foundation_issuer(), 2019, quarter)
        assert sum(r["sessions"] for r in rows) > 0, quarter
    appearances = Appearance.objects.unrestricted("test")
    heads = sum(1 for a in appearances if a.head_appeared)
    assert heads / appearances.count() > 0.6
    assert {o for o in cases.values_list("outcome", flat=True)} >= {
        "claim_rejected", "revoked", "withdrawn", "mediated", "declared_unlawful",
    }  # fmt: skip
    assert cases.filter(ended_on__isnull=True).exists()  # some pending at year end

    made = AppearanceBulletin.objects.unrestricted("test").order_by("quarter")
    assert [b.quarter for b in made] == [1, 2, 3, 4]
    assert made[3].issued_on.year == 2020  # the fourth quarter's, in January
    assert Publication.objects.filter(kind=bulletin.KIND).count() == 4
    assert figures.bulletins_2019() == 4
    (row78,) = [f for f in registry.figures(2019) if f.row == "78"]
    assert row78.count() == row78.seed == 4
    # The city's loss rate of 2019 comes from the same records.
    assert any(r.lost for r in bulletin.city_loss_rates(2019))

    again = StageResult("again")
    scenario.load_lawsuits(Builder(), again)
    scenario.load_bulletins(Builder(), again)
    assert again.created == 0 and again.existing == len(scenario.LAWSUITS) + 4


def foundation_issuer() -> Any:
    from fazhi.core.org.models import OrgUnit

    return OrgUnit.objects.get(code=scenario.SFJ)


def test_the_stages_are_registered_in_their_range() -> None:
    mine = [s for s in registry.stages() if s.app == "disputes" and "出庭应诉" in s.label]
    assert [s.order for s in mine] == [255, 256]
