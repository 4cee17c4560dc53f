"""Fixtures of the campaign-side tests: a market-regulator campaign with one drawn target (rows
written directly: the draw itself is tested by the draw's own tests), its two inspectors with
accounts, a check item and the tasks created from the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.core.org.choices import Role
from fazhi.core.org.models import Entity, Officer, OrgUnit, Person, Staff
from fazhi.domains.inspection import tasks
from fazhi.domains.inspection.models import (
    Assignment,
    Campaign,
    CheckItem,
    InspectionTask,
    Target,
)
from fazhi.domains.lists import services
from fazhi.domains.lists.models import PowerItem
from tests.conftest import make_entity, make_staff

ASSIGNED = date(2024, 5, 6)


def inspector(unit: OrgUnit, username: str, name: str, no: str) -> tuple[Staff, Officer]:
    staff = make_staff(username, (Role.OFFICER, unit))
    person = Person.objects.create(name=name, owner_unit=unit, staff=staff)
    officer = Officer.objects.create(
        person=person,
        department=unit,
        staff=staff,
        credential_no=no,
        status="issued",
        issued_on=date(2020, 1, 1),
        valid_until=date(2030, 1, 1),
    )
    return staff, officer


def check_item(unit: OrgUnit, name: str = "食品经营者经营条件检查") -> CheckItem:
    return services.create_item(  # type: ignore[return-value]
        CheckItem,
        department=unit,
        valid_from=date(2019, 1, 1),
        fields={
            "name": name,
            "content": "检查经营场所、设施设备、从业人员健康证明",
            "industries": ["H"],
        },
    )


def campaign(unit: OrgUnit, code: str, title: str = "餐饮服务食品安全抽查") -> Campaign:
    return Campaign.objects.create(
        department=unit,
        code=code,
        title=title,
        year=ASSIGNED.year,
        risk_scheme="市场监管",
        ratios={"A": 30},
        team_size=2,
        state="drawn",
        drawn_on=ASSIGNED,
    )


def drawn_tasks(
    camp: Campaign,
    entity: Entity,
    teams: dict[OrgUnit, list[Officer]],
    items: dict[OrgUnit, list[CheckItem]],
    *,
    on: date = ASSIGNED,
) -> list[InspectionTask]:
    target = Target.objects.create(campaign=camp, entity=entity, stratum="A", rank=1)
    lead = teams[camp.department]
    for position, officer in enumerate(lead):
        Assignment.objects.create(target=target, officer=officer, position=position)
    return tasks.create_tasks(
        camp,
        {unit.pk: {target.pk: [o.pk for o in team]} for unit, team in teams.items()},
        {unit.pk: [i.pk for i in its] for unit, its in items.items()},
        on=on,
    )


@dataclass
class Scene:
    entity: Entity
    zhou: Staff
    wu: Staff
    officers: tuple[Officer, Officer]
    item: CheckItem
    campaign: Campaign
    task: InspectionTask
    penalty_item: PowerItem


def scene(org: Any) -> Scene:
    entity = make_entity(org, "鄂州市好味餐饮有限公司", industry="H")
    zhou, o1 = inspector(org.scjg, "zhou", "周一", "42070001")
    wu, o2 = inspector(org.scjg, "wu", "吴二", "42070002")
    item = check_item(org.scjg)
    camp = campaign(org.scjg, "420700-SCJG-2024-001")
    (task,) = drawn_tasks(camp, entity, {org.scjg: [o1, o2]}, {org.scjg: [item]})
    penalty_item = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "对餐饮服务提供者未按规定取得健康证明的处罚", "kind": "penalty"},
    )
    return Scene(entity, zhou, wu, (o1, o2), item, camp, task, penalty_item)  # type: ignore[arg-type]
