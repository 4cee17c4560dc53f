"""A public account never reaches the back office, the admin or the staff API."""

from __future__ import annotations

import pytest

from fazhi.core.accounts.session import PUBLIC_SESSION_KEY

from .conftest import ZHANG_PHONE, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(client, sms_dir, zhang, org):  # type: ignore[no-untyped-def]
    sign_in(client, sms_dir, ZHANG_PHONE)
    assert client.session[PUBLIC_SESSION_KEY]["id"] == zhang.pk
    return client


def test_the_back_office_sends_a_public_account_to_the_staff_login(citizen) -> None:
    response = citizen.get("/office/")
    assert response.status_code == 302 and response.url.startswith("/office/login/")


def test_the_back_office_resources_are_refused(citizen) -> None:
    response = citizen.get("/office/r/entities/")
    assert response.status_code in (302, 404)


def test_the_admin_sends_a_public_account_to_its_login(citizen) -> None:
    response = citizen.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_staff_api_refuses_a_public_session(citizen) -> None:
    assert citizen.get("/api/cases/").status_code in (401, 403)


def test_the_public_session_is_no_staff_user(citizen) -> None:
    response = citizen.get("/account/")
    assert not response.wsgi_request.user.is_authenticated


def test_the_admin_login_does_not_accept_the_phone(client, zhang, org) -> None:
    response = client.post("/admin/login/", {"username": ZHANG_PHONE, "password": "123456"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
