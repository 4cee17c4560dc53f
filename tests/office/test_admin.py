"""The admin: administrators only, reference data, every write audited with who and where."""

from __future__ import annotations

import pytest

from fazhi.integrity.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_clerk_cannot_enter_the_admin(client, people) -> None:
    client.force_login(people.alice)
    assert client.get("/admin/").status_code == 302


def test_an_administrators_change_is_audited_with_actor_address_and_diff(
    client, org, people
) -> None:
    client.force_login(people.sam)
    url = f"/admin/org/department/{org.sthj.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "name": "鄂州市生态环境局（新）",
            "short_name": "",
            "code": org.sthj.code,
            "parent": org.city.pk,
            "uscc": "",
            "enforces": "on",
            "active": "on",
            "sort": 0,
        },
        REMOTE_ADDR="10.0.0.8",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get_for_object(org.sthj).latest("id")
    assert entry.actor == people.sam and entry.remote_addr == "10.0.0.8"
    assert entry.changes["name"] == ["鄂州市生态环境局", "鄂州市生态环境局（新）"]


def test_stateful_records_are_read_only_in_the_admin(client, people) -> None:
    client.force_login(people.sam)
    assert client.get("/admin/casework/case/add/").status_code == 403


def test_the_audit_log_is_for_the_audit_administrator(client, people) -> None:
    client.force_login(people.audrey)
    page = client.get("/admin/integrity/securityevent/")
    assert page.status_code == 200 and page.context["cl"].result_count >= 1
    client.force_login(people.sam)
    assert client.get("/admin/integrity/securityevent/").status_code == 403
