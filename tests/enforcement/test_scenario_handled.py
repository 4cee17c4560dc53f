"""The township's handled cases in the Ezhou 2019 scenario: walked through the workflow step by
step with 2019 business dates, each step by the persona in its role, their documents made;
a second run creates nothing."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest

from fazhi.core.casework.models import Case, Document, Event
from fazhi.core.disclosure.models import Publication
from fazhi.domains.enforcement.models import Evidence
from fazhi.domains.enforcement.scenario import handled
from fazhi.shell.scenario.builder import StageResult, build

STEPS = ["open", "file", "investigate", "review", "notify", "decide", "close"]


class Builder:
    """What a stage reads of the scenario builder: the seed, and its audit of bulk loads."""

    seed = 2019

    def __init__(self) -> None:
        self.audited: list[tuple[str, int]] = []

    def audit(self, model_label: str, rows: int, digest: Any, **changes: Any) -> None:
        self.audited.append((model_label, rows))


@pytest.fixture
def foundation(db: Any, settings: Any, tmp_path: Any) -> Any:
    settings.VAR_DIR = tmp_path
    return build(seed=2019, entities=300, officers=40, stdout=io.StringIO(), lists=False)


def test_the_township_walks_its_2019_cases_and_a_second_run_adds_nothing(foundation) -> None:
    builder = Builder()
    first = StageResult("handled")
    handled.load_handled(builder, first)
    assert builder.audited == [("casework.Case", 5)]
    assert first.created == len(handled.CASES) == 5
    cases = Case.objects.filter(kind="penalty", participants__org_unit__code=handled.TOWNSHIP)
    assert cases.count() == 5
    closed = cases.filter(state="closed")
    assert closed.count() == 4 and cases.filter(state="not_filed").count() == 1
    for case in closed:
        steps = [e.kind for e in Event.objects.filter(case=case, kind__in=STEPS).order_by("id")]
        assert steps == STEPS, case.title
        dates = [
            e.occurred_on for e in Event.objects.filter(case=case, kind__in=STEPS).order_by("id")
        ]
        assert dates == sorted(dates) and all(d.year == 2019 for d in dates), case.title
        actors = {
            e.kind: e.actor.username
            for e in Event.objects.filter(case=case, kind__in=STEPS[1:]).select_related("actor")
        }
        assert actors == {
            "file": "zl_head",
            "investigate": "zl_officer1",
            "review": "zl_reviewer",
            "notify": "zl_officer2",
            "decide": "zl_head",
            "close": "zl_officer1",
        }
        # Served the day it was decided, and published on time through the gate (第四十八条).
        assert case.events.filter(kind="serve").exists(), case.title
        publication = Publication.objects.get(case=case)
        assert publication.statutory_deadline and publication.published_on <= (
            publication.statutory_deadline
        )
        assert not case.deadlines.filter(status="running").exists(), case.title
        forms = set(Document.objects.filter(case=case).values_list("form", flat=True))
        assert {
            "enforcement.filing_approval",
            "enforcement.inspection_record",
            "enforcement.inquiry_record",
            "enforcement.penalty_notice",
            "enforcement.decision",
            "enforcement.service_receipt",
        } <= forms
        assert Evidence.objects.filter(case=case, event__kind="investigate").count() == 1
        assert case.number.startswith("420704100000-LA-2019-")
    # The decisions are numbered per unit in 2019, and each opens as Word with its fine.
    decisions = Document.objects.filter(form="enforcement.decision").order_by("issued_on")
    assert [d.number for d in decisions] == [f"泽林综执罚字〔2019〕{n}号" for n in range(1, 5)]
    assert all(d.issued_on.year == 2019 for d in decisions)
    with decisions[0].file.open("rb") as fh:
        text = "\n".join(p.text for p in docx.Document(fh).paragraphs)
    assert "罚款人民币壹仟元" in text and "鄂州市鄂城区人民政府" in text
    not_filed = cases.get(state="not_filed")
    assert (
        not_filed.closed_on == date(2019, 6, 4)
        and "第三十六条" in not_filed.events.get(kind="not_file").data["reason"]
    )
    # Run again: nothing new.
    counts = (Case.objects.count(), Event.objects.count(), Document.objects.count())
    second = StageResult("handled")
    handled.load_handled(builder, second)
    assert second.created == 0 and second.existing == 5
    assert (Case.objects.count(), Event.objects.count(), Document.objects.count()) == counts
