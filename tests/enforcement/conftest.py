"""Fixtures of the enforcement tests: a penalty power item of the market regulator and its
credentialed officers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.org.models import Officer, Person
from fazhi.domains.lists import services
from fazhi.domains.lists.models import PowerItem


@pytest.fixture
def item(org: Any) -> PowerItem:
    return services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "对销售不符合食品安全标准食品的处罚", "kind": "penalty"},
    )


def officer(org: Any, name: str, no: str, valid_until: date = date(2030, 1, 1)) -> Officer:
    person = Person.objects.create(name=name, owner_unit=org.scjg)
    return Officer.objects.create(
        person=person,
        department=org.scjg,
        credential_no=no,
        status="issued",
        valid_until=valid_until,
    )


@pytest.fixture
def pair(org: Any) -> tuple[Officer, Officer]:
    return officer(org, "周一", "42070001"), officer(org, "吴二", "42070002")
