"""The credit stages of the 2019 scenario: the 2019 publications walked through the same
functions as the hooks (idempotent), and repair requests walked through ``take()`` by the
recognising department's clerk and head with 2019–2020 dates: approved once the minimum period
has run, one filed too early declined with the measures it breaks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.models import Event
from fazhi.core.org.validators import make_uscc
from fazhi.domains.credit.models import CreditRecord, RepairRequest
from fazhi.domains.credit.scenario import stage

from ..conftest import make_entity
from .conftest import commitment, published_penalty

pytestmark = pytest.mark.django_db


@dataclass
class Builder:
    seed: int = 2019
    audits: list[tuple[str, int]] = field(default_factory=list)

    def audit(self, label: str, rows: int, digest: Any, **changes: Any) -> None:
        self.audits.append((label, rows))


@dataclass
class Result:
    created: int = 0
    existing: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def test_the_stages_walk_the_history_idempotently(org, people, item) -> None:
    companies = [
        make_entity(org, f"鄂州市{n}号食品有限公司", uscc=make_uscc(f"91420704MA4F1{n:04d}"))
        for n in range(1, 9)
    ]
    for i, company in enumerate(companies):
        commitment(org, people, company, date(2019, 3 + i, 10))
    result = Result()
    stage.load_records(Builder(), result)
    assert result.created == 0 and result.existing == 8  # the entries made their own
    builder, result = Builder(), Result()
    stage.load_repairs(builder, result)
    requests = RepairRequest.objects.select_related("case", "record")
    declined = [r for r in requests if r.case.state == "declined"]
    approved = [r for r in requests if r.case.state == "approved"]
    assert len(declined) == 1 and len(approved) == stage.APPROVED
    reason = Event.objects.get(case=declined[0].case, kind="decline").data["reason"]
    assert "最短公示期" in reason and "58号" in reason
    for r in approved:
        assert r.record.state == "repaired"
        assert r.record.earliest_repair <= r.case.opened_on <= date(2020, 12, 31)
        assert r.record.publication.withdrawal.reason == "信用修复"
    assert builder.audits == [("credit.RepairRequest", 7)]
    # The two records left (the declined one's and one never asked about) ended in 2022.
    assert result.extra["expired"] == 2
    ended = CreditRecord.objects.filter(state="expired")
    assert all(r.ended_on.year == 2022 for r in ended)
    again = Result()
    stage.load_repairs(Builder(), again)
    assert again.created == 0 and RepairRequest.objects.count() == 7


def test_a_publication_without_its_record_gets_one(org, people, item, monkeypatch) -> None:
    from fazhi.domains.credit import records

    company = make_entity(org)
    monkeypatch.setattr(records, "from_penalty", lambda pub: [])  # as before this app existed
    pub = published_penalty(org, people, item, company)
    monkeypatch.undo()
    # The stage reads 2019 publications; this one is of 2024, so it is left alone …
    stage.load_records(Builder(), Result())
    assert not CreditRecord.objects.exists()
    # … and the same function the hook calls makes it, once.
    assert len(records.from_penalty(pub)) == 1 and records.from_penalty(pub) == []
