"""Five wrong codes lock the phone for 15 minutes (GB/T 22239-2019 8.1.4.1)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from fazhi.core.accounts.models import PhoneGuard
from fazhi.core.accounts.session import PUBLIC_SESSION_KEY

from .conftest import START, ZHANG_PHONE, enter_code, last_code, request_code, wrong_code

pytestmark = pytest.mark.django_db


def fail_times(client, code: str, times: int) -> list[int]:  # type: ignore[no-untyped-def]
    return [enter_code(client, wrong_code(code)).status_code for _ in range(times)]


def test_four_wrong_codes_still_let_the_right_one_in(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    code = last_code(sms_dir, ZHANG_PHONE)
    fail_times(client, code, 4)
    enter_code(client, code)
    assert client.session[PUBLIC_SESSION_KEY]["id"] == zhang.pk


def test_the_fifth_wrong_code_locks_the_phone(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    code = last_code(sms_dir, ZHANG_PHONE)
    assert fail_times(client, code, 5) == [400, 400, 400, 400, 429]
    response = enter_code(client, code)
    assert response.status_code == 429 and "已被锁定" in response.content.decode()


def test_the_lock_is_kept_on_the_phone(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    fail_times(client, last_code(sms_dir, ZHANG_PHONE), 5)
    assert PhoneGuard.objects.get(phone=ZHANG_PHONE).locked_until == START + timedelta(minutes=15)


def test_a_stranger_locking_the_phone_does_not_sign_the_holder_out(
    client, sms_dir, zhang, clock
) -> None:
    request_code(client, ZHANG_PHONE)
    enter_code(client, last_code(sms_dir, ZHANG_PHONE))
    clock.shift(61)
    stranger = Client()
    request_code(stranger, ZHANG_PHONE)
    fail_times(stranger, last_code(sms_dir, ZHANG_PHONE), 5)
    assert client.get("/account/").status_code == 200


def test_a_locked_phone_gets_no_new_code(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    fail_times(client, last_code(sms_dir, ZHANG_PHONE), 5)
    clock.shift(14 * 60)
    assert request_code(client, ZHANG_PHONE).status_code == 429


def test_the_lock_ends_after_fifteen_minutes(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    fail_times(client, last_code(sms_dir, ZHANG_PHONE), 5)
    clock.shift(15 * 60 + 1)
    request_code(client, ZHANG_PHONE)
    enter_code(client, last_code(sms_dir, ZHANG_PHONE))
    assert client.session[PUBLIC_SESSION_KEY]["id"] == zhang.pk


def test_failures_from_several_browsers_add_up(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    fail_times(client, last_code(sms_dir, ZHANG_PHONE), 3)
    clock.shift(61)
    other = Client()
    request_code(other, ZHANG_PHONE)
    assert fail_times(other, last_code(sms_dir, ZHANG_PHONE), 2) == [400, 429]
