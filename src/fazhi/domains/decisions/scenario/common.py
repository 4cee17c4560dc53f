"""Shared helpers of the decisions stages: the personas' accounts, in their roles."""

from __future__ import annotations

from typing import Any

from fazhi.core.org.models import OrgUnit, RoleAssignment, Staff
from fazhi.shell.scenario.planning import Digest

from .personas import PERSONAS


def staff(username: str, digest: Digest) -> Staff:
    """The persona's account (created here if the accounts stage has not run) in its role."""
    _, role, code, _description = next(p for p in PERSONAS if p[0] == username)
    unit = OrgUnit.objects.get(code=code)
    person = Staff.objects.filter(username=username).first()
    if person is None:
        person = Staff(username=username, display_name=username)
        person.set_unusable_password()
        person.save()
        digest.add("staff", username)
    _, created = RoleAssignment.objects.get_or_create(staff=person, role=role, org_unit=unit)
    if created:
        digest.add("role", username, role, code)
    return person


def unit(code: str) -> Any:
    return OrgUnit.objects.get(code=code)
