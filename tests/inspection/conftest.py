"""A small campaign of the city market regulator: 40 entities of 鄂城区 in four risk classes
(and three unclassified), six certified officers (two with staff accounts: ivan and olga),
one conflict, and a planned campaign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from django.utils import timezone

from fazhi.core.org.models import Entity, Officer, Person, RiskClassification
from fazhi.core.org.validators import make_uscc
from fazhi.domains.inspection.choices import ConflictKind
from fazhi.domains.inspection.models import Campaign, Conflict

from ..conftest import make_staff

SCHEME = "市场监管"
FROZEN_AT = timezone.make_aware(datetime(2019, 4, 1, 9, 0))


@dataclass
class World:
    campaign: Campaign
    entities: list[Entity]
    officers: list[Officer]
    ivan: Any
    olga: Any


def make_officer(org: Any, i: int, **extra: Any) -> Officer:
    person = Person.objects.create(name=f"检查员{i}", owner_unit=org.scjg)
    fields: dict[str, Any] = {
        "person": person,
        "department": org.scjg,
        "credential_no": f"4207000{i:03d}",
        "status": "issued",
        "valid_until": date(2030, 1, 1),
    }
    return Officer.objects.create(**{**fields, **extra})


@pytest.fixture
def world(org: Any, people: Any) -> World:
    entities = []
    for i in range(43):
        entities.append(
            Entity.objects.create(
                uscc=make_uscc(f"91420704MA4F{i:05d}"),
                name=f"鄂州市第{i}商贸有限公司",
                kind="company",
                industry="F",
                region=org.district,
                registered_on=date(2015, 1, 1),
            )
        )
    for i, e in enumerate(entities[:40]):
        RiskClassification.objects.create(
            entity=e, scheme=SCHEME, risk_class="ABCD"[i % 4], as_of=date(2019, 1, 1), source="省局"
        )
    # A later reclassification after the freeze does not count.
    RiskClassification.objects.create(
        entity=entities[0], scheme=SCHEME, risk_class="D", as_of=date(2019, 6, 1), source="省局"
    )
    ivan = make_staff("ivan", ("officer", org.scjg))
    olga = make_staff("olga", ("officer", org.scjg))
    officers = [make_officer(org, i) for i in range(6)]
    officers[0].staff = ivan
    officers[0].save()
    officers[1].staff = olga
    officers[1].save()
    # Not in the pool: an expired credential, and another department's officer.
    make_officer(org, 90, valid_until=date(2018, 12, 31))
    make_officer(org, 91, department=org.sthj)
    Conflict.objects.create(
        officer=officers[2], entity=entities[5], kind=ConflictKind.KIN, recorded_on=date(2019, 1, 5)
    )
    campaign = Campaign.objects.create(
        department=org.scjg,
        code="420700-SCJG-2019-001",
        title="2019年第一批食品经营者随机抽查",
        year=2019,
        risk_scheme=SCHEME,
        ratios={"A": 100, "B": 200, "C": 500, "D": 1000, "未分类": 0},
        team_size=2,
        created_by=people.alice,
    )
    campaign.full_clean()
    return World(campaign, entities, officers, ivan, olga)
