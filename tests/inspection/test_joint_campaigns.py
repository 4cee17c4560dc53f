"""Joint campaigns (联合抽查): several departments' items on the same entity in one visit, each
department with its own team; a repeat-inspection alert when another department inspected the
entity within 30 days; the entity's yearly burden, for supervisors and for the entity."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse

from fazhi.domains.inspection import results, tasks
from fazhi.domains.inspection.models import InspectionTask
from tests.conftest import make_entity

from .campaign_fixtures import campaign, check_item, drawn_tasks, inspector


def test_each_department_inspects_its_items_with_its_own_team(org: Any, people: Any) -> None:
    entity = make_entity(org, "鄂州市联合化工有限公司", industry="C")
    z, s1 = inspector(org.scjg, "zhou", "周一", "42070001")
    w, s2 = inspector(org.scjg, "wu", "吴二", "42070002")
    m, e1 = inspector(org.sthj, "ma", "马一", "42071001")
    n, e2 = inspector(org.sthj, "niu", "牛二", "42071002")
    staff = (z, w, m, n)
    camp = campaign(org.scjg, "420700-SCJG-2024-009", "化工企业联合抽查")
    made = drawn_tasks(
        camp,
        entity,
        {org.scjg: [s1, s2], org.sthj: [e1, e2]},
        {
            org.scjg: [check_item(org.scjg, "产品质量检查")],
            org.sthj: [check_item(org.sthj, "排污检查")],
        },
    )
    by_dept = {t.department_id: t for t in made}
    assert set(by_dept[org.scjg.pk].inspectors.all()) == {s1, s2}
    assert set(by_dept[org.sthj.pk].inspectors.all()) == {e1, e2}
    assert [i.name for i in by_dept[org.sthj.pk].items.all()] == ["排污检查"]
    # One visit: no repeat alert between the two departments of the same target …
    assert results.repeat_alerts(by_dept[org.sthj.pk]) == []
    # … and it counts as one visit, two departments' inspections.
    assert results.visits_in_year(entity.pk, 2024) == 1
    # The supervisor (justice bureau) sees the burden by department once the results are out.
    c = Client()
    c.force_login(people.carol)
    url, query = reverse("inspection_office:entity_burden"), {"uscc": entity.uscc, "year": 2024}
    assert "2024 年被检查 0 次" in c.get(url, query).content.decode()
    for task, (a, b) in ((by_dept[org.scjg.pk], staff[:2]), (by_dept[org.sthj.pk], staff[2:])):
        tasks.take_step(
            task,
            "record",
            a,
            data={"ended_on": date(2024, 5, 8), "category": "no_problem"},
            on=date(2024, 5, 8),
        )
        tasks.take_step(task, "confirm", b, data={}, on=date(2024, 5, 8))
    results.publish_results(camp, org.scjg, on=date(2024, 5, 10))
    results.publish_results(camp, org.sthj, on=date(2024, 5, 10))
    html = c.get(url, query).content.decode()
    assert "2024 年被检查 2 次" in html and "鄂州市生态环境局" in html


def test_a_repeat_inspection_within_30_days_raises_an_alert(org: Any) -> None:
    entity = make_entity(org, "鄂州市重复检查有限公司")
    _, s1 = inspector(org.scjg, "zhou", "周一", "42070001")
    _, s2 = inspector(org.scjg, "wu", "吴二", "42070002")
    _, e1 = inspector(org.sthj, "ma", "马一", "42071001")
    _, e2 = inspector(org.sthj, "niu", "牛二", "42071002")
    (first,) = drawn_tasks(
        campaign(org.scjg, "420700-SCJG-2024-010"),
        entity,
        {org.scjg: [s1, s2]},
        {org.scjg: [check_item(org.scjg)]},
        on=date(2024, 5, 6),
    )
    (soon,) = drawn_tasks(
        campaign(org.sthj, "420700-STHJ-2024-010", "排污抽查"),
        entity,
        {org.sthj: [e1, e2]},
        {org.sthj: [check_item(org.sthj, "排污检查")]},
        on=date(2024, 5, 30),
    )
    assert [t.pk for t in results.repeat_alerts(soon)] == [first.pk]
    assert results.repeat_alerts_for_campaign(soon.target.campaign, [entity.pk]) == {
        entity.pk: ["鄂州市市场监督管理局 2024-05-06 派发检查"]
    }
    # Beyond 30 days: no alert.
    InspectionTask.objects.filter(pk=first.pk).update(assigned_on=date(2024, 4, 1))
    assert results.repeat_alerts(soon) == []


def test_the_entity_sees_its_own_recorded_inspections_through_its_account(org: Any) -> None:
    """GIVEN an enterprise account bound to its entity WHEN a visit is recorded THEN the entity
    sees it (it was there), published or not; a drawn, unvisited target stays secret."""
    from fazhi.core.accounts.binding import bind_entity
    from fazhi.core.accounts.choices import AccountKind
    from fazhi.core.accounts.models import PublicAccount
    from fazhi.core.accounts.session import PUBLIC_SESSION_KEY

    entity = make_entity(org, "鄂州市自查餐饮有限公司", legal_representative="李四")
    z, s1 = inspector(org.scjg, "zhou", "周一", "42070001")
    _, s2 = inspector(org.scjg, "wu", "吴二", "42070002")
    (task,) = drawn_tasks(
        campaign(org.scjg, "420700-SCJG-2024-020"),
        entity,
        {org.scjg: [s1, s2]},
        {org.scjg: [check_item(org.scjg)]},
    )
    account = PublicAccount.objects.create(
        phone="13900000001", display_name="李四", kind=AccountKind.ENTERPRISE
    )
    account = bind_entity(account, uscc=entity.uscc, representative="李四")
    c = Client()
    session = c.session
    session[PUBLIC_SESSION_KEY] = {"id": account.pk, "seen": 2**31}
    session.save()
    url = reverse("inspection_portal:entity_inspections")
    assert "共 0 次" in c.get(url, {"year": 2024}).content.decode()
    tasks.take_step(
        task,
        "record",
        z,
        data={"ended_on": date(2024, 5, 8), "category": "corrected"},
        on=date(2024, 5, 8),
    )
    page = c.get(url, {"year": 2024}).content.decode()
    assert "共 1 次" in page and "发现问题已责令改正" in page
