"""Fixtures of the disputes tests: the city justice bureau's reconsideration handler and head
(the scenario's fy_handler and fy_head), and a reconsideration case against the market
regulator."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import register_case
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Staff
from tests.conftest import make_staff

RECEIVED_ON = date(2024, 3, 4)
KNEW_ON = date(2024, 2, 1)


@pytest.fixture
def fy_handler(org: Any) -> Staff:
    return make_staff("fy_handler", (Role.RECONSIDERATION_HANDLER, org.sfj))


@pytest.fixture
def fy_head(org: Any) -> Staff:
    return make_staff("fy_head", (Role.RECONSIDERATION_HEAD, org.sfj))


def apply(
    org: Any,
    handler: Staff,
    *,
    knew_on: date = KNEW_ON,
    on: date = RECEIVED_ON,
    procedure: str = "ordinary",
    reviewed_case: Any = None,
) -> Case:
    data = {
        "title": "不服罚款决定申请行政复议",
        "act_complained": "市场监管局作出的罚款五千元的行政处罚决定",
        "respondent": org.scjg.pk,
        "knew_on": knew_on,
        "procedure": procedure,
    }
    if reviewed_case is not None:
        data["reviewed_case"] = reviewed_case.pk
    return register_case("reconsideration", handler, data, on=on)


@pytest.fixture
def application(org: Any, fy_handler: Staff) -> Case:
    return apply(org, fy_handler)
