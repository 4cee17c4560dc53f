"""A township that handles the whole penalty procedure itself (乡镇综合执法), for the tests of
documents, the full-process record, coercive measures and the browser: the township
government under 鄂城区 with its officer pair, legal reviewer and head, a penalty power item
of its own list, and the 文号 prefixes of its letters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.core.casework.models import DocumentNumbering, Party
from fazhi.core.casework.workflow import register_case
from fazhi.core.org.choices import GovernmentLevel, Role
from fazhi.core.org.models import Government, Officer, OrgUnit, Person, Staff
from fazhi.domains.lists import services
from fazhi.domains.lists.models import PowerItem

from ..conftest import make_entity, make_staff

BASIS = "《中华人民共和国大气污染防治法》第七十七条、第一百一十九条第二款"
PREFIXES = {
    "立案审批": "燕矶综执立字",
    "处罚告知": "燕矶综执告字",
    "听证通知": "燕矶综执听字",
    "处罚决定": "燕矶综执罚字",
    "不予处罚": "燕矶综执不罚字",
    "强制措施": "燕矶综执强字",
}


@dataclass
class Township:
    unit: OrgUnit
    head: Staff
    reviewer: Staff
    officer1: Staff
    officer2: Staff
    pair: tuple[Officer, Officer]
    item: PowerItem


def _officer(unit: OrgUnit, staff: Staff, name: str, no: str) -> Officer:
    person = Person.objects.create(name=name, owner_unit=unit, staff=staff)
    return Officer.objects.create(
        person=person,
        department=unit,
        staff=staff,
        credential_no=no,
        status="issued",
        issued_on=date(2018, 6, 1),
        valid_until=date(2030, 1, 1),
        fields="综合行政执法",
    )


def township(org: Any) -> Township:
    unit = Government.objects.create(
        name="燕矶镇",
        short_name="燕矶镇",
        code="420704105000",
        division_code="420704105000",
        level=GovernmentLevel.TOWNSHIP,
        parent=org.district,
    )
    head = make_staff("tz_head", (Role.DEPARTMENT_HEAD, unit))
    reviewer = make_staff(
        "tz_reviewer",
        (Role.LEGAL_REVIEWER, unit),
        legal_qualification_no="A20184201000009",
        legal_qualified_on=date(2018, 3, 1),
    )
    officer1 = make_staff("tz_officer1", (Role.OFFICER, unit))
    officer2 = make_staff("tz_officer2", (Role.OFFICER, unit))
    pair = (
        _officer(unit, officer1, "陈立新", "42070410501"),
        _officer(unit, officer2, "刘海燕", "42070410502"),
    )
    item = services.create_item(
        PowerItem,
        department=unit,
        valid_from=date(2019, 1, 1),
        fields={
            "name": "对在人口集中地区露天焚烧秸秆的处罚",
            "kind": "penalty",
            "legal_basis": BASIS,
        },
    )
    for number_type, prefix in PREFIXES.items():
        DocumentNumbering.objects.create(org_unit=unit, number_type=number_type, prefix=prefix)
    return Township(unit, head, reviewer, officer1, officer2, pair, item)


def lead(
    tz: Township, org: Any, *, on: date = date(2019, 4, 2), title: str = "露天焚烧秸秆案"
) -> Any:
    case = register_case(
        "penalty",
        tz.officer1,
        {
            "title": title,
            "power_item": tz.item.pk,
            "violation_on": "2019-04-01",
            "facts": "群众举报燕矶镇某村有人露天焚烧秸秆",
        },
        on=on,
    )
    Party.objects.create(
        case=case, role="party", entity=make_entity(org, "鄂州市燕矶某农业有限公司")
    )
    return case


def investigate_data(
    tz: Township, findings: str = "当事人于2019年4月1日在村口露天焚烧秸秆约两亩"
) -> dict[str, Any]:
    return {"officer_a": tz.pair[0].pk, "officer_b": tz.pair[1].pk, "findings": findings}


def coercion_item(tz: Township) -> PowerItem:
    return services.create_item(
        PowerItem,
        department=tz.unit,
        valid_from=date(2019, 1, 1),
        fields={
            "name": "对违法焚烧、堆放物品的工具、物品予以扣押",
            "kind": "coercion",
            "legal_basis": "《中华人民共和国行政强制法》第九条、第二十二条",
        },
    )
