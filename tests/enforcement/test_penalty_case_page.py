"""The penalty case on the generic case page: the investigation form offers only the officers
of the case's own department, and the step is taken there like any other."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from fazhi.core.casework.workflow import register_case, take
from fazhi.core.org.models import Officer, Person

from .conftest import officer

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2024, 3, 5))
def test_the_investigation_form_offers_only_the_departments_officers(
    client,
    org,
    people,
    item,
) -> None:
    mine = [officer(org, "周一", "42070001"), officer(org, "吴二", "42070002")]
    theirs = Officer.objects.create(
        person=Person.objects.create(name="生态某", owner_unit=org.sthj),
        department=org.sthj,
        credential_no="42079999",
        status="issued",
        valid_until=date(2030, 1, 1),
    )
    case = register_case(
        "penalty",
        people.alice,
        {"title": "销售过期食品案", "power_item": item.pk, "violation_on": "2024-02-01",
         "facts": "举报"},
        on=date(2024, 3, 1),
    )  # fmt: skip
    take(case, "file", people.henry, on=date(2024, 3, 1))
    client.force_login(people.alice)
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "周一" in page and "吴二" in page and "生态某" not in page
    # Another department's officer is not a valid choice, even posted by hand.
    response = client.post(
        f"/office/cases/{case.pk}/steps/investigate/",
        {"f-officer_a": mine[0].pk, "f-officer_b": theirs.pk, "f-findings": "属实"},
    )
    assert response.status_code == 400
    response = client.post(
        f"/office/cases/{case.pk}/steps/investigate/",
        {"f-officer_a": mine[0].pk, "f-officer_b": mine[1].pk, "f-findings": "属实"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "investigated"


@time_machine.travel(date(2024, 4, 1))
def test_the_new_steps_are_offered_on_the_case_page(client, org, people, item) -> None:
    from .procedure import investigated, notified, serve

    case, _ = investigated(org, people, item, party_kind="citizen")
    client.force_login(people.alice)
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "记录裁量情节" in page and "移送" in page
    notified(case, people, fine="5000", on=date(2024, 3, 6))
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "当事人要求听证" in page and "陈述申辩及复核" in page
    take(
        case,
        "decide",
        people.henry,
        data={"decision": "罚款", "fine": "5000"},
        on=date(2024, 3, 14),
    )
    serve(case, org, people, on=date(2024, 3, 18))
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "缴清罚款" in page and "催告" in page
