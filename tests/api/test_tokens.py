"""API tokens: each staff member makes and revokes their own at /office/tokens/; the key is
shown once and only its digest is stored; expired or revoked tokens are refused with 401; the
admin shows tokens read-only without keys to the security and audit administrators."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from fazhi.core.casework.workflow import open_case
from fazhi.core.integrity.models import AuditEntry
from fazhi.core.org.choices import Role
from fazhi.core.org.models import ApiToken
from fazhi.core.org.tokens import create_token, revoke

from ..casework import kinds  # noqa: F401
from ..conftest import PASSWORD, make_staff

pytestmark = pytest.mark.django_db

NOW = datetime(2019, 9, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def make_on_screen(client, **data):  # type: ignore[no-untyped-def]
    return client.post("/office/tokens/", {"name": "数据对接", "password": PASSWORD, **data})


def test_a_staff_member_creates_a_token_and_sees_its_key_once(client, people) -> None:
    client.force_login(people.alice)
    response = make_on_screen(client)
    assert response.status_code == 200
    key = re.search(r"fz_[A-Za-z0-9_-]{43}", response.content.decode()).group(0)
    token = ApiToken.objects.get(staff=people.alice)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:11] and key not in str(list(ApiToken.objects.values()))
    assert key not in client.get("/office/tokens/").content.decode()


def test_creating_a_token_needs_the_password_again(client, people) -> None:
    client.force_login(people.alice)
    response = make_on_screen(client, password="wrong-password")
    assert response.status_code == 400 and "密码不正确" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_acts_with_its_staff_members_roles(org, people) -> None:
    open_case("test", number="SCJG-1", title="市局案件", owner=org.scjg)
    alice_key = create_token(people.alice, "甲").key
    bob_key = create_token(people.bob, "乙").key
    assert api(alice_key).get("/api/cases/").json()["count"] == 1
    assert api(bob_key).get("/api/cases/").json()["count"] == 0


def test_an_expired_token_is_refused_with_401(people, settings) -> None:
    settings.FAZHI_TOKEN_DAYS = 30
    with time_machine.travel(NOW, tick=False):
        new = create_token(people.alice, "甲")
    assert new.token.expires_at == NOW + timedelta(days=30)
    with time_machine.travel(NOW + timedelta(days=29), tick=False):
        assert api(new.key).get("/api/officers/").status_code == 200
    with time_machine.travel(NOW + timedelta(days=30), tick=False):
        response = api(new.key).get("/api/officers/")
    assert response.status_code == 401 and "已过期" in response.json()["detail"]


def test_the_default_validity_is_ninety_days(people) -> None:
    with time_machine.travel(NOW, tick=False):
        token = create_token(people.alice, "甲").token
    assert token.expires_at == NOW + timedelta(days=90)


def test_a_revoked_token_is_refused_with_401(people) -> None:
    new = create_token(people.alice, "甲")
    revoke(new.token, "泄露")
    response = api(new.key).get("/api/officers/")
    assert response.status_code == 401 and "已吊销" in response.json()["detail"]


def test_an_unknown_key_is_refused_with_401(people) -> None:
    create_token(people.alice, "甲")
    response = api("fz_" + "x" * 43).get("/api/officers/")
    assert response.status_code == 401 and response.json()["detail"] == "令牌无效"


def test_a_token_of_a_deactivated_account_is_refused(people) -> None:
    new = create_token(people.alice, "甲")
    # Deactivated without the model's signals (e.g. a bulk update): the check still holds.
    type(people.alice).objects.filter(pk=people.alice.pk).update(is_active=False)
    assert api(new.key).get("/api/officers/").status_code == 401


def test_the_last_use_is_recorded(people) -> None:
    new = create_token(people.alice, "甲")
    with time_machine.travel(NOW, tick=False):
        api(new.key).get("/api/officers/")
    new.token.refresh_from_db()
    assert new.token.last_used == NOW


def test_a_staff_member_revokes_their_own_token_on_the_screen(client, people) -> None:
    token = create_token(people.alice, "甲").token
    client.force_login(people.alice)
    response = client.post(f"/office/tokens/{token.pk}/revoke/", {"reason": "不再使用"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_reason == "不再使用"


def test_nobody_revokes_someone_elses_token(client, people) -> None:
    token = create_token(people.alice, "甲").token
    client.force_login(people.sam)
    assert client.post(f"/office/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_creating_and_revoking_a_token_are_audited_with_the_actor(client, people) -> None:
    client.force_login(people.alice)
    make_on_screen(client)
    token = ApiToken.objects.get(staff=people.alice)
    client.post(f"/office/tokens/{token.pk}/revoke/", {"reason": "不再使用"})
    entries = list(AuditEntry.objects.get_for_object(token).order_by("id"))
    assert [e.action for e in entries] == [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE]
    assert all(e.actor == people.alice for e in entries)
    assert "digest" not in entries[0].changes and "revoked_reason" in entries[1].changes


def test_a_token_may_belong_to_a_source_system(client, people) -> None:
    client.force_login(people.alice)
    make_on_screen(client, source_system="市场监管执法办案系统")
    token = ApiToken.objects.get(staff=people.alice)
    assert token.source_system == "市场监管执法办案系统"
    assert create_token(people.bob, "个人").token.source_system == ""


def test_the_admin_shows_tokens_read_only_without_keys_to_the_security_administrator(
    client, org, people
) -> None:
    new = create_token(people.alice, "甲")
    selma = make_staff("selma", (Role.SECURITY_ADMIN, org.sfj), is_staff=True)
    client.force_login(selma)
    page = client.get("/admin/org/apitoken/")
    assert page.status_code == 200 and page.context["cl"].result_count == 1
    detail = client.get(f"/admin/org/apitoken/{new.token.pk}/change/").content.decode()
    assert new.token.digest not in detail and new.key not in detail
    assert client.get("/admin/org/apitoken/add/").status_code == 403


def test_the_system_administrator_cannot_mint_or_see_tokens_in_the_admin(client, people) -> None:
    create_token(people.alice, "甲")
    client.force_login(people.sam)
    assert client.get("/admin/org/apitoken/").status_code == 403
    assert client.get("/admin/org/apitoken/add/").status_code == 403
    assert client.get("/admin/authtoken/").status_code == 404


def test_the_schema_describes_the_token_scheme(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


def test_the_back_office_links_to_the_token_screen(client, people) -> None:
    client.force_login(people.alice)
    assert 'href="/office/tokens/"' in client.get("/office/").content.decode()
