"""Signing up: a phone verified by code, then a name and the kind of account."""

from __future__ import annotations

import pytest

from fazhi.core.accounts.models import PublicAccount
from fazhi.core.accounts.session import PUBLIC_SESSION_KEY

from .conftest import NOBODY_PHONE, enter_code, last_code, request_code

pytestmark = pytest.mark.django_db


def test_a_new_phone_is_led_from_the_code_to_sign_up(client, sms_dir) -> None:
    request_code(client, NOBODY_PHONE)
    response = enter_code(client, last_code(sms_dir, NOBODY_PHONE))
    assert response.status_code == 302 and response.url == "/account/signup/"


def test_signing_up_creates_the_account_and_signs_in(client, sms_dir) -> None:
    request_code(client, NOBODY_PHONE)
    enter_code(client, last_code(sms_dir, NOBODY_PHONE))
    response = client.post(
        "/account/signup/", {"display_name": "王五", "kind": "citizen", "agree": "on"}
    )
    assert response.status_code == 302
    account = PublicAccount.objects.get(phone=NOBODY_PHONE)
    assert (account.display_name, account.kind) == ("王五", "citizen")
    assert client.session[PUBLIC_SESSION_KEY]["id"] == account.pk


def test_an_enterprise_signing_up_is_sent_to_bind_its_code(client, sms_dir) -> None:
    request_code(client, NOBODY_PHONE)
    enter_code(client, last_code(sms_dir, NOBODY_PHONE))
    response = client.post(
        "/account/signup/", {"display_name": "甲乙公司", "kind": "enterprise", "agree": "on"}
    )
    assert response.url == "/account/enterprise/"


def test_sign_up_without_a_verified_phone_is_refused(client) -> None:
    response = client.post(
        "/account/signup/", {"display_name": "王五", "kind": "citizen", "agree": "on"}
    )
    assert response.status_code == 302 and not PublicAccount.objects.exists()


def test_the_verified_phone_expires_after_ten_minutes(client, sms_dir, clock) -> None:
    request_code(client, NOBODY_PHONE)
    enter_code(client, last_code(sms_dir, NOBODY_PHONE))
    clock.shift(11 * 60)
    client.post("/account/signup/", {"display_name": "王五", "kind": "citizen", "agree": "on"})
    assert not PublicAccount.objects.exists()


def test_an_invalid_phone_number_gets_a_chinese_error(client, sms_dir) -> None:
    response = request_code(client, "12345")
    assert response.status_code == 400
    assert "请输入11位中国大陆手机号码" in response.content.decode()


def test_a_phone_typed_with_country_code_and_spaces_is_accepted(client, sms_dir) -> None:
    request_code(client, "+86 138 7123 9999")
    assert last_code(sms_dir, NOBODY_PHONE)
