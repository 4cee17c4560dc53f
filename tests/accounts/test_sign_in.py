"""Signing in with a one-time code, and the public session."""

from __future__ import annotations

import pytest

from fazhi.core.accounts.models import PublicAccount
from fazhi.core.accounts.session import PUBLIC_SESSION_KEY

from .conftest import ZHANG_PHONE, enter_code, last_code, request_code, sign_in

pytestmark = pytest.mark.django_db


def test_a_registered_phone_signs_in_with_its_code(client, sms_dir, zhang) -> None:
    response = sign_in(client, sms_dir, ZHANG_PHONE)
    assert response.status_code == 302 and response.url == "/account/"
    assert client.session[PUBLIC_SESSION_KEY]["id"] == zhang.pk


def test_signing_in_records_the_last_login(client, sms_dir, zhang) -> None:
    sign_in(client, sms_dir, ZHANG_PHONE)
    assert PublicAccount.objects.get(pk=zhang.pk).last_login is not None


def test_the_account_page_shows_the_masked_phone(client, sms_dir, zhang) -> None:
    sign_in(client, sms_dir, ZHANG_PHONE)
    page = client.get("/account/").content.decode()
    assert "138****0001" in page and ZHANG_PHONE not in page


def test_sign_in_returns_to_the_page_asked_for(client, sms_dir, zhang) -> None:
    client.post("/account/signin/?next=/account/submissions/", {"phone": ZHANG_PHONE})
    response = client.post(
        "/account/verify/?next=/account/submissions/",
        {"code": last_code(sms_dir, ZHANG_PHONE)},
    )
    assert response.url == "/account/submissions/"


def test_next_never_leads_to_a_staff_area(client, sms_dir, zhang) -> None:
    client.post("/account/signin/?next=/office/", {"phone": ZHANG_PHONE})
    response = client.post(
        "/account/verify/?next=/office/", {"code": last_code(sms_dir, ZHANG_PHONE)}
    )
    assert response.url == "/account/"


def test_the_session_key_changes_on_sign_in(client, sms_dir, zhang) -> None:
    request_code(client, ZHANG_PHONE)
    before = client.session.session_key
    enter_code(client, last_code(sms_dir, ZHANG_PHONE))
    assert client.session.session_key != before


def test_an_idle_public_session_ends(client, sms_dir, zhang, clock, settings) -> None:
    sign_in(client, sms_dir, ZHANG_PHONE)
    clock.shift(settings.SESSION_IDLE_TIMEOUT_SECONDS + 1)
    assert client.get("/account/").status_code == 302


def test_signing_out_ends_the_public_session(client, sms_dir, zhang) -> None:
    sign_in(client, sms_dir, ZHANG_PHONE)
    client.post("/account/signout/")
    assert client.get("/account/").status_code == 302


def test_an_account_locked_by_an_administrator_cannot_sign_in(
    client, sms_dir, zhang, clock
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    zhang.locked_until = timezone.now() + timedelta(days=1)
    zhang.save()
    response = sign_in(client, sms_dir, ZHANG_PHONE)
    assert response.status_code == 403 and PUBLIC_SESSION_KEY not in client.session
