"""The enforcement-credential lifecycle the justice bureau runs (执法证件管理).

Each step is one atomic function: it locks the officer row (two clerks of the justice bureau
may act on the same application), checks the transition table in ``choices.py``, and saves.
The audit log records the change with its actor.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from .choices import CREDENTIAL_TRANSITIONS, CredentialStatus
from .models import Officer

# Provincial rules set the pass mark and the validity; these are settings with defaults
# (STATUTES.md M3: "configurable per province").
PASS_MARK = 60
VALIDITY_YEARS = 5


def _move(officer: Officer, target: str) -> Officer:
    locked = Officer.objects.select_for_update().get(pk=officer.pk)
    if target not in CREDENTIAL_TRANSITIONS[locked.status]:
        raise ValidationError(
            f"证件状态为“{locked.get_status_display()}”，不能变为“{CredentialStatus(target).label}”"
        )
    locked.status = target
    return locked


@transaction.atomic
def record_exam(officer: Officer, *, score: int, on: date) -> Officer:
    o = _move(
        officer, CredentialStatus.QUALIFIED if score >= PASS_MARK else CredentialStatus.FAILED
    )
    o.exam_score, o.exam_date = score, on
    o.save()
    return o


@transaction.atomic
def issue(officer: Officer, *, credential_no: str, fields: str, on: date) -> Officer:
    if not credential_no.strip():
        raise ValidationError({"credential_no": "请填写执法证号"})
    if Officer.objects.filter(credential_no=credential_no).exclude(pk=officer.pk).exists():
        raise ValidationError({"credential_no": f"执法证号 {credential_no} 已被使用"})
    o = _move(officer, CredentialStatus.ISSUED)
    o.credential_no, o.fields, o.issued_on = credential_no, fields, on
    o.valid_until = (
        on.replace(year=on.year + VALIDITY_YEARS)
        if not (on.month == 2 and on.day == 29)
        else date(on.year + VALIDITY_YEARS, 2, 28)
    )
    o.save()
    return o


@transaction.atomic
def annual_check(officer: Officer, *, on: date, passed: bool) -> Officer:
    """年审: a failed check suspends the credential until it is passed."""
    o = _move(officer, CredentialStatus.ISSUED if passed else CredentialStatus.SUSPENDED)
    o.last_checked_on = on
    o.save()
    return o


@transaction.atomic
def suspend(officer: Officer) -> Officer:
    o = _move(officer, CredentialStatus.SUSPENDED)
    o.save()
    return o


@transaction.atomic
def reinstate(officer: Officer) -> Officer:
    o = _move(officer, CredentialStatus.ISSUED)
    o.save()
    return o


@transaction.atomic
def revoke(officer: Officer) -> Officer:
    """吊销 / 离岗收回: final."""
    o = _move(officer, CredentialStatus.REVOKED)
    o.save()
    return o
