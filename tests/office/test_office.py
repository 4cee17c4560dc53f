"""The back office: sign-in rules, the workbench, the deadline calculator, masked data."""

from __future__ import annotations

import io
import time

import pytest
from openpyxl import load_workbook

from fazhi.core.integrity.models import SecurityEvent
from fazhi.core.org.models import Person

from ..conftest import PASSWORD, make_entity

pytestmark = pytest.mark.django_db


def test_it_asks_for_sign_in(client) -> None:
    response = client.get("/office/")
    assert response.status_code == 302 and "/office/login/" in response["Location"]


def test_a_clerk_signs_in_and_sees_her_units_and_roles(client, people) -> None:
    response = client.post(
        "/office/login/", {"username": "alice", "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert "鄂州市市场监督管理局" in page and "部门经办人" in page
    assert SecurityEvent.objects.filter(kind="login", username="alice").exists()


def test_five_failures_lock_the_account_for_fifteen_minutes(client, people) -> None:
    for _ in range(5):
        client.post("/office/login/", {"username": "alice", "password": "wrong-password"})
    response = client.post("/office/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert SecurityEvent.objects.filter(kind="login_failed", username="alice").count() >= 5


def test_an_idle_session_expires(client, people, settings) -> None:
    client.force_login(people.alice)
    assert client.get("/office/").status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT_SECONDS - 1
    session.save()
    assert client.get("/office/").status_code == 302


def test_common_passwords_are_refused(people) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password123", people.alice)


def test_the_calculator_gives_the_due_date_and_how_it_was_counted(client, people) -> None:
    client.force_login(people.alice)
    response = client.get(
        "/office/clock/",
        {"start": "2019-09-20", "amount": "20", "unit": "workdays"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "2019-10-23" in page
    assert "起算日" in page


def test_the_calculator_explains_bad_input_in_chinese(client, people) -> None:
    client.force_login(people.alice)
    page = client.get("/office/clock/", {"start": "2019-13-40", "amount": "x"}).content.decode()
    assert "起算日格式应为" in page and "期间应为" in page


def test_personal_data_is_masked_until_revealed_and_the_reveal_is_audited(
    client, org, people
) -> None:
    person = Person.objects.create(
        name="王五", id_number="420704199001011231", phone="13871234567", owner_unit=org.scjg
    )
    client.force_login(people.alice)
    listing = client.get("/office/r/persons/").content.decode()
    assert "420704199001011231" not in listing and "420704********1231" in listing
    assert (
        "420704199001011231"
        not in client.get(f"/office/r/persons/{person.pk}/?reveal=1").content.decode()
    )
    detail = client.post(f"/office/r/persons/{person.pk}/", {"reveal": "1"}).content.decode()
    assert "420704199001011231" in detail
    assert SecurityEvent.objects.filter(kind="unmasked_view", staff=people.alice).count() == 1


def test_a_supervisor_sees_personal_data_masked_only(client, org, people) -> None:
    person = Person.objects.create(name="王五", id_number="420704199001011231", owner_unit=org.scjg)
    client.force_login(people.carol)
    detail = client.post(f"/office/r/persons/{person.pk}/", {"reveal": "1"}).content.decode()
    assert "420704199001011231" not in detail
    assert not SecurityEvent.objects.filter(kind="unmasked_view").exists()


def test_export_writes_formula_like_text_as_text(client, org, people) -> None:
    Person.objects.create(name='=HYPERLINK("x")', owner_unit=org.scjg)
    client.force_login(people.alice)
    response = client.get("/office/r/persons/export/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["A2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


def test_entities_are_found_by_exact_lookup_only(client, org, people) -> None:

    make_entity(org)
    client.force_login(people.alice)
    assert "鄂州市甲乙有限公司" not in client.get("/office/r/entities/").content.decode()
    assert "鄂州市甲乙有限公司" not in client.get("/office/r/entities/?q=甲乙").content.decode()
    assert (
        "鄂州市甲乙有限公司"
        in client.get("/office/r/entities/?q=鄂州市甲乙有限公司").content.decode()
    )


def test_the_calculator_explains_a_date_beyond_the_calendar(client, people) -> None:
    client.force_login(people.alice)
    response = client.get(
        "/office/clock/", {"start": "2050-01-01", "amount": "9999", "unit": "years"}
    )
    assert response.status_code == 200 and "无法计算" in response.content.decode()


def test_a_role_held_in_another_unit_does_not_unmask(client, org, people) -> None:
    from fazhi.core.org.models import RoleAssignment

    person = Person.objects.create(name="王五", id_number="420704199001011231", owner_unit=org.scjg)
    RoleAssignment.objects.create(staff=people.bob, role="department_head", org_unit=org.scjg)
    client.force_login(people.bob)  # clerk of 生态环境局, head (not a clerk) of 市场监管局
    detail = client.post(f"/office/r/persons/{person.pk}/", {"reveal": "1"}).content.decode()
    assert "420704199001011231" not in detail


def test_a_forged_forwarded_address_is_not_recorded(client, people) -> None:
    client.post(
        "/office/login/",
        {"username": "alice", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="not-an-ip",
        REMOTE_ADDR="10.1.2.3",
    )
    client.post(
        "/office/login/",
        {"username": "alice", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="8.8.8.8",
        REMOTE_ADDR="10.1.2.3",
    )
    addrs = set(
        SecurityEvent.objects.filter(kind="login_failed").values_list("remote_addr", flat=True)
    )
    assert addrs == {"10.1.2.3"}


def test_a_password_change_is_a_security_event(people) -> None:
    people.alice.set_password("Another-Pass-2019!")
    people.alice.save()
    assert SecurityEvent.objects.filter(kind="password_changed", username="alice").exists()
