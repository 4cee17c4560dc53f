"""The login-attempt logs of django-axes belong to the security and audit administrators, not
to the system administrator (三权分立); unlocking an account is the security administrator's."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from fazhi.core.integrity.models import AuditEntry
from fazhi.core.org.choices import Role

from ..conftest import make_staff

pytestmark = pytest.mark.django_db

LOGS = ["accessattempt", "accesslog", "accessfailurelog"]


@pytest.fixture
def attempts(org):  # type: ignore[no-untyped-def]
    fields = {"user_agent": "test", "ip_address": "10.0.0.9", "http_accept": "*/*"}
    attempt = AccessAttempt.objects.create(
        username="alice", path_info="/office/login/", failures_since_start=5, **fields
    )
    AccessLog.objects.create(username="alice", path_info="/office/login/", **fields)
    AccessFailureLog.objects.create(
        username="alice", path_info="/office/login/", locked_out=True, **fields
    )
    return attempt


@pytest.fixture
def selma(org):  # type: ignore[no-untyped-def]
    return make_staff("selma", (Role.SECURITY_ADMIN, org.sfj), is_staff=True)


@pytest.mark.parametrize("log", LOGS)
def test_the_system_administrator_does_not_see_the_login_logs(client, people, attempts, log):
    client.force_login(people.sam)  # a superuser, still not his to read
    assert client.get(f"/admin/axes/{log}/").status_code == 403
    assert client.get(f"/admin/axes/{log}/1/change/").status_code == 403
    assert "/admin/axes/" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("log", LOGS)
def test_the_audit_administrator_reads_the_login_logs(client, people, attempts, log) -> None:
    client.force_login(people.audrey)
    page = client.get(f"/admin/axes/{log}/")
    assert page.status_code == 200 and page.context["cl"].result_count >= 1


def test_the_audit_administrator_cannot_unlock_an_account(client, people, attempts) -> None:
    client.force_login(people.audrey)
    assert client.post(f"/admin/axes/accessattempt/{attempts.pk}/delete/").status_code == 403
    assert AccessAttempt.objects.filter(pk=attempts.pk).exists()


@pytest.mark.parametrize("log", LOGS)
def test_the_security_administrator_reads_the_login_logs(client, selma, attempts, log) -> None:
    client.force_login(selma)
    page = client.get(f"/admin/axes/{log}/")
    assert page.status_code == 200 and page.context["cl"].result_count >= 1


def test_the_security_administrator_unlocks_an_account_and_it_is_audited(
    client, selma, attempts
) -> None:
    client.force_login(selma)
    url = f"/admin/axes/accessattempt/{attempts.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()
    entry = AuditEntry.objects.get_for_object(attempts).get()
    assert entry.action == AuditEntry.Action.DELETE and entry.actor == selma
    assert entry.changes["username"] == ["alice", None]


def test_nobody_changes_or_adds_a_login_log(client, selma, attempts) -> None:
    client.force_login(selma)
    assert client.get("/admin/axes/accesslog/add/").status_code == 403
    assert client.post("/admin/axes/accesslog/1/delete/", {"post": "yes"}).status_code == 403
