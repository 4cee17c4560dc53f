"""No account enumeration: the same answers whether or not a phone has an account."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from .conftest import (
    NOBODY_PHONE,
    ZHANG_PHONE,
    enter_code,
    last_code,
    messages_sent,
    request_code,
    wrong_code,
)

pytestmark = pytest.mark.django_db


def normalized(response) -> str:  # type: ignore[no-untyped-def]
    text = response.content.decode()
    text = re.sub(r"csrfmiddlewaretoken\" value=\"[^\"]+\"", "", text)
    text = re.sub(r"X-CSRFToken\": \"[^\"]+\"", "", text)
    for phone in (ZHANG_PHONE, NOBODY_PHONE):
        text = text.replace(phone, "PHONE").replace(f"{phone[:3]}****{phone[-4:]}", "MASKED")
    return text


def test_requesting_a_code_answers_the_same(sms_dir, zhang) -> None:
    a, b = Client(), Client()
    ra, rb = request_code(a, ZHANG_PHONE), request_code(b, NOBODY_PHONE)
    assert (ra.status_code, ra.url) == (rb.status_code, rb.url)
    assert normalized(a.get(ra.url)) == normalized(b.get(rb.url))


def test_both_phones_receive_the_same_message(sms_dir, zhang) -> None:
    request_code(Client(), ZHANG_PHONE)
    request_code(Client(), NOBODY_PHONE)
    a, b = last_code(sms_dir, ZHANG_PHONE), last_code(sms_dir, NOBODY_PHONE)
    sent = {m["phone"]: m["text"] for m in messages_sent(sms_dir)}
    assert sent[ZHANG_PHONE].replace(a, "X") == sent[NOBODY_PHONE].replace(b, "X")


def test_a_wrong_code_answers_the_same(sms_dir, zhang) -> None:
    a, b = Client(), Client()
    request_code(a, ZHANG_PHONE)
    request_code(b, NOBODY_PHONE)
    ra = enter_code(a, wrong_code(last_code(sms_dir, ZHANG_PHONE)))
    rb = enter_code(b, wrong_code(last_code(sms_dir, NOBODY_PHONE)))
    assert ra.status_code == rb.status_code and normalized(ra) == normalized(rb)


def test_an_unregistered_phone_is_locked_just_the_same(sms_dir, zhang) -> None:
    results = []
    for phone in (ZHANG_PHONE, NOBODY_PHONE):
        c = Client()
        request_code(c, phone)
        code = last_code(sms_dir, phone)
        results.append([enter_code(c, wrong_code(code)).status_code for _ in range(6)])
    assert results[0] == results[1] == [400, 400, 400, 400, 429, 429]


def test_rate_limits_answer_the_same(sms_dir, zhang, clock) -> None:
    a, b = Client(), Client()
    request_code(a, ZHANG_PHONE)
    request_code(b, NOBODY_PHONE)
    ra, rb = request_code(a, ZHANG_PHONE), request_code(b, NOBODY_PHONE)
    assert ra.status_code == rb.status_code == 429
    assert normalized(ra) == normalized(rb)
