"""Sending limits: 1 code per phone per 60 s, 5 per phone per hour, and per client address."""

from __future__ import annotations

import pytest

from fazhi.core.accounts import codes
from fazhi.core.accounts.codes import CodeRefused

from .conftest import NOBODY_PHONE, ZHANG_PHONE, messages_sent, request_code

pytestmark = pytest.mark.django_db


def test_a_second_code_within_60_seconds_is_refused(client, sms_dir, clock) -> None:
    request_code(client, ZHANG_PHONE)
    clock.shift(59)
    response = request_code(client, ZHANG_PHONE)
    assert response.status_code == 429 and "秒后再试" in response.content.decode()


def test_a_second_code_after_60_seconds_is_sent(client, sms_dir, clock) -> None:
    request_code(client, ZHANG_PHONE)
    clock.shift(60)
    request_code(client, ZHANG_PHONE)
    assert len(messages_sent(sms_dir)) == 2


def test_the_sixth_code_in_an_hour_is_refused(client, sms_dir, clock) -> None:
    statuses = []
    for _ in range(6):
        statuses.append(request_code(client, ZHANG_PHONE).status_code)
        clock.shift(61)
    assert statuses == [302, 302, 302, 302, 302, 429]


def test_the_hourly_limit_rolls_over(client, sms_dir, clock) -> None:
    for _ in range(5):
        request_code(client, ZHANG_PHONE)
        clock.shift(61)
    clock.shift(3600 - 5 * 61 + 61)
    assert request_code(client, ZHANG_PHONE).status_code == 302


def test_one_address_cannot_spray_codes_over_many_phones(sms_dir, clock) -> None:
    for n in range(codes.PER_IP_PER_HOUR):
        codes.request_code(f"1387100{n:04d}", client_ip="203.0.113.7")
    with pytest.raises(CodeRefused):
        codes.request_code(NOBODY_PHONE, client_ip="203.0.113.7")


def test_another_address_is_not_held_back(sms_dir, clock) -> None:
    for n in range(codes.PER_IP_PER_HOUR):
        codes.request_code(f"1387100{n:04d}", client_ip="203.0.113.7")
    codes.request_code(NOBODY_PHONE, client_ip="198.51.100.1")
    assert messages_sent(sms_dir)[-1]["phone"] == NOBODY_PHONE


def test_the_address_comes_from_the_trusted_proxy_only(client, sms_dir, clock, settings) -> None:
    """A forged X-Forwarded-For must not dodge the per-address limit."""
    settings.FAZHI_TRUSTED_PROXIES = 0
    for n in range(codes.PER_IP_PER_HOUR):
        request_code(client, f"1387100{n:04d}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = request_code(client, NOBODY_PHONE, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429
