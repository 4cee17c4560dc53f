"""Sign-ups, sign-ins, failures and lockouts are security events, never tied to staff."""

from __future__ import annotations

import pytest

from fazhi.core.integrity.models import SecurityEvent, SecurityEventKind

from .conftest import NOBODY_PHONE, ZHANG_PHONE, enter_code, last_code, request_code, sign_in

pytestmark = pytest.mark.django_db


def kinds() -> list[str]:
    return list(SecurityEvent.objects.values_list("kind", flat=True))


def test_a_sign_in_is_recorded(client, sms_dir, zhang) -> None:
    sign_in(client, sms_dir, ZHANG_PHONE)
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PUBLIC_LOGIN)
    assert event.object_repr == f"accounts.PublicAccount:{zhang.pk}" and event.staff is None


def test_a_sign_up_is_recorded(client, sms_dir) -> None:
    request_code(client, NOBODY_PHONE)
    enter_code(client, last_code(sms_dir, NOBODY_PHONE))
    client.post("/account/signup/", {"display_name": "王五", "kind": "citizen", "agree": "on"})
    assert SecurityEventKind.PUBLIC_SIGNUP in kinds()


def test_a_wrong_code_is_recorded_as_a_failure(client, sms_dir, zhang) -> None:
    request_code(client, ZHANG_PHONE)
    enter_code(client, "000000" if last_code(sms_dir, ZHANG_PHONE) != "000000" else "111111")
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PUBLIC_LOGIN_FAILED)
    assert event.success is False and event.remote_addr == "127.0.0.1"


def test_a_lockout_is_recorded(client, sms_dir, zhang, clock) -> None:
    request_code(client, ZHANG_PHONE)
    code = last_code(sms_dir, ZHANG_PHONE)
    for _ in range(5):
        enter_code(client, f"{(int(code) + 1) % 1_000_000:06d}")
    assert kinds().count(SecurityEventKind.PUBLIC_LOCKED_OUT) == 1


def test_a_refused_code_request_is_recorded(client, sms_dir, clock) -> None:
    request_code(client, ZHANG_PHONE)
    request_code(client, ZHANG_PHONE)
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PUBLIC_CODE_REFUSED)
    assert event.data["reason"] == "interval"


def test_events_are_not_pinned_on_a_staff_member_in_the_same_browser(
    client, sms_dir, zhang, people
) -> None:
    client.force_login(people.alice)
    sign_in(client, sms_dir, ZHANG_PHONE)
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PUBLIC_LOGIN)
    assert event.staff is None
