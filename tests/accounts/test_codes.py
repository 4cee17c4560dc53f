"""One-time codes: 6 digits, stored hashed, valid 5 minutes, single use, newest only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fazhi.core.accounts import codes
from fazhi.core.accounts.codes import CodeInvalid, verify_code
from fazhi.core.accounts.models import OneTimeCode
from fazhi.core.accounts.session import PUBLIC_SESSION_KEY

from .conftest import ZHANG_PHONE, enter_code, last_code, request_code

pytestmark = pytest.mark.django_db


def test_the_code_is_stored_only_as_a_hash(client, sms_dir, zhang) -> None:
    request_code(client, ZHANG_PHONE)
    code = last_code(sms_dir, ZHANG_PHONE)
    stored = OneTimeCode.objects.get(phone=ZHANG_PHONE)
    assert code not in stored.code_hash and len(stored.code_hash) == 64


def test_a_code_older_than_five_minutes_is_refused(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    clock.shift(5 * 60 + 1)
    response = enter_code(client, last_code(sms_dir, ZHANG_PHONE))
    assert response.status_code == 400 and PUBLIC_SESSION_KEY not in client.session


def test_a_code_within_five_minutes_is_accepted(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    clock.shift(5 * 60 - 1)
    enter_code(client, last_code(sms_dir, ZHANG_PHONE))
    assert client.session[PUBLIC_SESSION_KEY]["id"] == zhang.pk


def test_a_code_works_only_once(sms_dir, zhang) -> None:
    request_code_for(ZHANG_PHONE)
    code = last_code(sms_dir, ZHANG_PHONE)
    verify_code(ZHANG_PHONE, code)
    with pytest.raises(CodeInvalid):
        verify_code(ZHANG_PHONE, code)


def test_a_new_code_retires_the_previous_one(sms_dir, zhang, clock, monkeypatch) -> None:
    drawn = iter([111111, 222222])
    monkeypatch.setattr(codes, "secrets", SimpleNamespace(randbelow=lambda n: next(drawn)))
    request_code_for(ZHANG_PHONE)
    clock.shift(61)
    request_code_for(ZHANG_PHONE)
    with pytest.raises(CodeInvalid):
        verify_code(ZHANG_PHONE, "111111")


def test_codes_are_six_digits(sms_dir, zhang) -> None:
    request_code_for(ZHANG_PHONE)
    assert len(last_code(sms_dir, ZHANG_PHONE)) == 6


def request_code_for(phone: str) -> None:
    codes.request_code(phone, client_ip="127.0.0.1")
