"""The exact entity lookup's rate limit, shared by the portal page and the API: N lookups in a
minute, the next one refused, allowed again once the minute has passed — for the public and
for signed-in staff (session or token) alike."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from fazhi.core.org.tokens import create_token

from ..conftest import make_entity

pytestmark = pytest.mark.django_db

T0 = datetime(2019, 9, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
N = 3
NAME = "鄂州市甲乙有限公司"


@pytest.fixture(autouse=True)
def three_per_minute(settings, org):  # type: ignore[no-untyped-def]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"entity_lookup": f"{N}/minute"},
    }
    make_entity(org)


def portal(client):  # type: ignore[no-untyped-def]
    return lambda: client.get("/entities/", {"q": NAME})


def api(client):  # type: ignore[no-untyped-def]
    return lambda: client.get("/api/entities/lookup/", {"q": NAME})


def statuses_over_a_minute(lookup) -> tuple[list[int], int, int, int]:  # type: ignore[no-untyped-def]
    with time_machine.travel(T0, tick=False) as clock:
        first = [lookup().status_code for _ in range(N)]
        refused = lookup().status_code
        clock.move_to(T0 + timedelta(seconds=59))
        still = lookup().status_code
        clock.move_to(T0 + timedelta(seconds=61))
        again = lookup().status_code
    return first, refused, still, again


def test_the_public_portal_lookup_allows_n_per_minute(client) -> None:
    assert statuses_over_a_minute(portal(client)) == ([200] * N, 429, 429, 200)


def test_a_signed_in_staff_member_is_limited_on_the_portal_too(client, people) -> None:
    client.force_login(people.alice)
    assert statuses_over_a_minute(portal(client)) == ([200] * N, 429, 429, 200)


def test_the_public_api_lookup_allows_n_per_minute() -> None:
    assert statuses_over_a_minute(api(APIClient())) == ([200] * N, 429, 429, 200)


def test_a_token_holder_is_limited_on_the_api_lookup(people) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {create_token(people.alice, '甲').key}")
    assert statuses_over_a_minute(api(client)) == ([200] * N, 429, 429, 200)


def test_a_refusal_says_when_to_come_back_in_chinese() -> None:
    client = APIClient()
    with time_machine.travel(T0, tick=False) as clock:
        for _ in range(N):
            api(client)()
        clock.move_to(T0 + timedelta(seconds=20))
        refused = api(client)()
    assert refused["Retry-After"] == "40" and "查询过于频繁" in refused.json()["detail"]


def test_the_portal_and_the_api_share_one_budget(client) -> None:
    with time_machine.travel(T0, tick=False):
        assert [portal(client)().status_code for _ in range(N)] == [200] * N
        assert api(APIClient())().status_code == 429
