"""Shared helpers of the decisions stages: the personas' accounts, in their roles."""

from __future__ import annotations

from typing import Any

from fazhi.core.org.models import OrgUnit, Staff
from fazhi.shell.scenario.accounts import persona_account
from fazhi.shell.scenario.planning import Digest

from .personas import PERSONAS


def staff(username: str, digest: Digest) -> Staff:
    """The persona's account (created here if the accounts stage has not run) in its role."""
    _, role, code, _description = next(p for p in PERSONAS if p[0] == username)
    return persona_account(username, role, code, digest)


def unit(code: str) -> Any:
    return OrgUnit.objects.get(code=code)
