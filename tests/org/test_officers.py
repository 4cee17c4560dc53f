"""The enforcement-credential lifecycle: only an issued, unexpired credential counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.org import services
from fazhi.core.org.models import Officer, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(org):  # type: ignore[no-untyped-def]
    person = Person.objects.create(name="执法员乙", owner_unit=org.scjg)
    return Officer.objects.create(person=person, department=org.scjg)


def test_a_credential_is_issued_after_a_passed_exam(applicant) -> None:
    o = services.record_exam(applicant, score=85, on=date(2019, 5, 10))
    o = services.issue(o, credential_no="42070019001", fields="市场监管", on=date(2019, 6, 1))
    assert o.status == "issued" and o.valid_until == date(2024, 6, 1)
    assert o.has_valid_credential(on=date(2019, 12, 31))
    assert not o.has_valid_credential(on=date(2024, 6, 2))


def test_a_failed_exam_cannot_lead_to_a_credential(applicant) -> None:
    o = services.record_exam(applicant, score=40, on=date(2019, 5, 10))
    assert o.status == "failed"
    with pytest.raises(ValidationError, match="不能变为"):
        services.issue(o, credential_no="42070019002", fields="市场监管", on=date(2019, 6, 1))


def test_a_failed_annual_check_suspends_and_revocation_is_final(applicant) -> None:
    o = services.record_exam(applicant, score=90, on=date(2019, 5, 10))
    o = services.issue(o, credential_no="42070019003", fields="市场监管", on=date(2019, 6, 1))
    o = services.annual_check(o, on=date(2020, 6, 1), passed=False)
    assert o.status == "suspended" and not o.has_valid_credential(on=date(2020, 6, 2))
    o = services.revoke(o)
    with pytest.raises(ValidationError):
        services.reinstate(o)


def test_a_credential_number_is_used_once(org, applicant) -> None:
    other = Officer.objects.create(person=applicant.person, department=org.scjg)
    for o in (applicant, other):
        services.record_exam(o, score=90, on=date(2019, 5, 10))
    services.issue(applicant, credential_no="42070019004", fields="市场监管", on=date(2019, 6, 1))
    with pytest.raises(ValidationError, match="已被使用"):
        services.issue(other, credential_no="42070019004", fields="市场监管", on=date(2019, 6, 1))
