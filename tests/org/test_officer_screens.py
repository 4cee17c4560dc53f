"""The justice bureau's credential screens (/office/officers/): june, clerk of the city 司法局,
runs a market regulator officer's credential through its lifecycle; the market regulator's own
clerk alice only looks; bob of the ecology bureau sees none of it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fazhi.core.integrity.models import AuditEntry
from fazhi.core.org.models import CredentialEvent, Officer, Person
from fazhi.core.org.scoping import scoped

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(org):  # type: ignore[no-untyped-def]
    """An officer of the city market regulator who passed the exam."""
    person = Person.objects.create(name="执法员甲", owner_unit=org.scjg)
    return Officer.objects.create(
        person=person, department=org.scjg, status="qualified", exam_score=88
    )


def act(client, officer, action, **fields):  # type: ignore[no-untyped-def]
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(f"/office/officers/{officer.pk}/{action}/", data)


def test_june_issues_suspends_reinstates_and_revokes(client, people, officer) -> None:
    client.force_login(people.june)
    issued = act(
        client,
        officer,
        "issue",
        on="2019-06-01",
        credential_no="42070019001",
        areas="市场监管",
        note="培训考试合格",
    )
    assert issued.status_code == 302
    act(client, officer, "suspend", on="2019-08-01", note="涉嫌违法执法，暂扣")
    act(client, officer, "reinstate", on="2019-09-01", note="调查结束")
    act(client, officer, "revoke", on="2019-10-01", note="调离执法岗位，收回")
    officer.refresh_from_db()
    assert (officer.status, officer.credential_no, officer.valid_until) == (
        "revoked",
        "42070019001",
        date(2024, 6, 1),
    )
    history = list(
        CredentialEvent.objects.filter(officer=officer)
        .order_by("on")
        .values_list("action", "from_status", "to_status", "actor__username")
    )
    assert history == [
        ("issue", "qualified", "issued", "june"),
        ("suspend", "issued", "suspended", "june"),
        ("reinstate", "suspended", "issued", "june"),
        ("revoke", "issued", "revoked", "june"),
    ]


def test_each_change_is_audited_with_its_actor(client, people, officer) -> None:
    client.force_login(people.june)
    act(client, officer, "suspend", on="2019-08-01", note="x")  # refused: not yet issued
    act(client, officer, "issue", on="2019-06-01", credential_no="C-1", areas="市场监管")
    changed = AuditEntry.objects.filter(
        content_type__model="officer", object_pk=str(officer.pk), action=AuditEntry.Action.UPDATE
    )
    assert [(e.actor.username, e.changes_dict["status"][1]) for e in changed] == [
        ("june", "issued")
    ]
    recorded = AuditEntry.objects.filter(content_type__model="credentialevent")
    assert [e.actor.username for e in recorded] == ["june"]


def test_the_page_shows_the_history_and_only_the_allowed_actions(client, people, officer) -> None:
    client.force_login(people.june)
    act(client, officer, "issue", on="2019-06-01", credential_no="C-2", areas="市场监管")
    page = client.get(f"/office/officers/{officer.pk}/")
    assert [a["name"] for a in page.context["actions"]] == [
        "annual_check",
        "suspend",
        "revoke",
    ]
    assert [e.action for e in page.context["history"]] == ["issue"]


def test_a_failed_annual_check_suspends(client, people, officer) -> None:
    client.force_login(people.june)
    act(client, officer, "issue", on="2019-06-01", credential_no="C-3", areas="市场监管")
    act(client, officer, "annual_check", on="2020-06-01", passed="0", note="考核不合格")
    officer.refresh_from_db()
    assert (officer.status, officer.last_checked_on) == ("suspended", date(2020, 6, 1))


def test_a_disallowed_transition_is_refused_in_chinese(client, people, officer) -> None:
    client.force_login(people.june)
    response = act(client, officer, "reinstate", on="2019-06-01")
    assert response.status_code == 400
    assert response.context["refusals"] == ["证件状态为“考试合格”，不能办理“恢复”"]
    officer.refresh_from_db()
    assert officer.status == "qualified"


def test_a_validity_beyond_the_provincial_rule_is_refused(client, people, officer) -> None:
    client.force_login(people.june)
    response = act(
        client,
        officer,
        "issue",
        on="2019-06-01",
        credential_no="C-4",
        areas="市场监管",
        valid_until="2030-01-01",
    )
    assert response.status_code == 400
    form = response.context["actions"][0]["form"]
    assert form.errors["valid_until"] == ["有效期应晚于发证日期，且不超过5年（至 2024-06-01）"]


def test_alice_sees_her_departments_officers_but_cannot_act(client, people, officer) -> None:
    client.force_login(people.alice)
    assert [o.pk for o in client.get("/office/officers/").context["page"]] == [officer.pk]
    page = client.get(f"/office/officers/{officer.pk}/")
    assert (page.status_code, page.context["may_act"], page.context["actions"]) == (200, False, [])
    refused = act(client, officer, "issue", on="2019-06-01", credential_no="C-5", areas="市场监管")
    assert refused.status_code == 403
    officer.refresh_from_db()
    assert officer.status == "qualified"


def test_restrict_change_allows_exactly_the_justice_bureaus_clerks(people, officer) -> None:
    # june (city 司法局 clerk) reaches the city and the districts below; alice, her department's
    # clerk, and carol, the bureau's supervisor, may look but not change.
    assert list(scoped(people.june, Officer, "change")) == [officer]
    assert list(scoped(people.alice, Officer, "change")) == []
    assert list(scoped(people.carol, Officer, "change")) == []
    assert list(scoped(people.carol, Officer, "view")) == [officer]


def test_bob_sees_none_of_the_market_regulators_officers(client, people, officer) -> None:
    client.force_login(people.bob)
    assert list(client.get("/office/officers/").context["page"]) == []
    assert client.get(f"/office/officers/{officer.pk}/").status_code == 404
    assert act(client, officer, "suspend", on="2019-06-01", note="x").status_code == 404


def test_the_list_filters_by_expiry(client, people, org, officer) -> None:
    soon = Officer.objects.create(
        person=Person.objects.create(name="执法员丙", owner_unit=org.scjg),
        department=org.scjg,
        status="issued",
        credential_no="C-6",
        valid_until=timezone.localdate() + timedelta(days=20),
    )
    client.force_login(people.june)
    shown = client.get("/office/officers/", {"expiring_within": "30"}).context["page"]
    assert [o.pk for o in shown] == [soon.pk]


def test_a_bad_filter_is_refused_in_chinese(client, people, officer) -> None:
    client.force_login(people.june)
    response = client.get("/office/officers/", {"expiring_within": "很快"})
    assert response.status_code == 400
    assert response.context["errors"] == ["几天内到期：输入整数。"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [("june", True), ("alice", True), ("carol", True), ("erin", False), ("sam", False)],
)
def test_the_nav_entry_shows_only_for_the_roles_that_use_it(client, people, name, shown) -> None:
    client.force_login(getattr(people, name))
    page = client.get("/office/").content.decode()
    assert ('href="/office/officers/"' in page) is shown
