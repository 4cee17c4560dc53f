"""Fixtures of the decisions tests: the city's 2019 catalog with one item undertaken by the
market regulator, the government's office clerk and head, the justice bureau's legality
reviewer, a lawyer adviser, and a helper that walks a decision through its procedures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.workflow import register_case, take
from fazhi.core.org.choices import Role
from fazhi.core.org.models import LegalAdviser
from fazhi.domains.decisions.choices import DecisionCategory
from fazhi.domains.decisions.models import CatalogItem, DecisionCatalog, Meeting
from tests.conftest import Org, People, make_staff


@dataclass
class World:
    org: Org
    people: People
    gov_clerk: Any
    gov_head: Any
    reviewer: Any
    adviser: Any
    catalog: Any
    item: Any


@pytest.fixture
def world(org: Org, people: People) -> World:
    catalog = DecisionCatalog.objects.create(
        government=org.city, year=2019, state="approved", approved_on=date(2019, 2, 27)
    )
    item = CatalogItem.objects.create(
        catalog=catalog,
        number=1,
        title="鄂州市农贸市场升级改造实施方案",
        category=DecisionCategory.PUBLIC_POLICY,
        undertaking_unit=org.scjg,
        added_on=date(2019, 3, 1),
    )
    adviser = LegalAdviser.objects.create(
        name="李明", kind="lawyer", firm="湖北楚天律师事务所", owner_unit=org.sfj
    )
    return World(
        org,
        people,
        make_staff("gov_clerk", (Role.CLERK, org.city)),
        make_staff("gov_head", (Role.DEPARTMENT_HEAD, org.city)),
        make_staff("lena", (Role.LEGAL_REVIEWER, org.sfj)),
        adviser,
        catalog,
        item,
    )


def new_decision(w: World, on: date = date(2019, 9, 2), **extra: Any) -> Any:
    data = {
        "item": w.item.pk,
        "title": "鄂州市农贸市场升级改造实施方案",
        "draft": "一、改造范围……二、资金保障……",
        **extra,
    }
    return register_case("major_decision", w.people.alice, data, on=on)


# The 2019 dates of one decision walked through every procedure (after 2019-09-01).
OPEN, CLOSE = date(2019, 9, 2), date(2019, 10, 8)
EXPERTS, RISK = date(2019, 10, 10), date(2019, 10, 12)
SUBMIT, OPINION = date(2019, 10, 14), date(2019, 10, 23)
PLACED, MEETING = date(2019, 10, 28), date(2019, 11, 5)


def consult(w: World, case: Any) -> None:
    take(
        case,
        "open_consultation",
        w.people.alice,
        data={"closes_on": date(2019, 10, 8), "channels": "政府网站"},
        on=OPEN,
    )
    take(
        case,
        "close_consultation",
        w.people.alice,
        data={"comments": 12, "adoption": "采纳7条，部分采纳3条，未采纳2条并说明理由"},
        on=CLOSE,
    )


def experts(w: World, case: Any) -> None:
    take(
        case,
        "expert_review",
        w.people.alice,
        data={
            "method": "论证会",
            "experts": "陈教授|湖北大学|无|\n刘工|市规划设计院|无|",
            "opinion": "方案可行",
            "adoption": "采纳",
        },
        on=EXPERTS,
    )


def risk(w: World, case: Any, conclusion: str = "controllable", on: date = RISK) -> None:
    take(
        case,
        "risk_assessment",
        w.people.alice,
        data={
            "assessor": "市社会稳定风险评估中心",
            "risk_points": "商户过渡安置",
            "measures": "分批改造、临时市场",
            "conclusion": conclusion,
        },
        on=on,
    )


def review(w: World, case: Any, on: date = OPINION) -> None:
    take(
        case,
        "submit_review",
        w.people.henry,
        data={"procedures_note": "已履行公众参与等程序"},
        on=SUBMIT,
    )
    take(
        case,
        "legality_opinion",
        w.reviewer,
        data={"conclusion": "lawful", "opinion": "符合法定权限和程序", "advisers": [w.adviser.pk]},
        on=on,
    )


def meeting(w: World, held_on: date = MEETING) -> Meeting:
    return Meeting.objects.create(
        government=w.org.city, kind="executive", session="第45次", held_on=held_on, chair="张市长"
    )


def ready_for_agenda(w: World) -> Any:
    case = new_decision(w)
    consult(w, case)
    experts(w, case)
    risk(w, case)
    review(w, case)
    return case
