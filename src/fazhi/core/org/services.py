"""The enforcement-credential lifecycle the justice bureau runs (执法证件管理).

Each step is one atomic function: it locks the officer row (two clerks of the justice bureau
may act on the same application), checks the transition table in ``choices.py``, saves, and
appends a ``CredentialEvent`` (the business date, the clerk, the note) to the officer's
history. The audit log records both rows with their actor.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .choices import CREDENTIAL_TRANSITIONS, CredentialAction, CredentialStatus
from .models import CredentialEvent, Officer, Staff

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
    # Kept for the history row; the model field is overwritten just below.
    locked.__dict__["_fazhi_from_status"] = locked.status
    locked.status = target
    return locked


def _record(o: Officer, action: str, on: date | None, actor: Staff | None, note: str) -> Officer:
    """Save the officer and append the step to its history, in the caller's transaction."""
    o.save()
    CredentialEvent.objects.create(
        officer=o,
        action=action,
        on=on or timezone.localdate(),
        actor=actor,
        from_status=o.__dict__.pop("_fazhi_from_status"),
        to_status=o.status,
        note=note.strip(),
    )
    return o


@transaction.atomic
def record_exam(
    officer: Officer, *, score: int, on: date, actor: Staff | None = None, note: str = ""
) -> Officer:
    o = _move(
        officer, CredentialStatus.QUALIFIED if score >= PASS_MARK else CredentialStatus.FAILED
    )
    o.exam_score, o.exam_date = score, on
    return _record(o, CredentialAction.EXAM, on, actor, note or f"成绩 {score} 分")


def default_validity(on: date) -> date:
    """The provincial validity from the day of issue (29 February: the 28th of that year)."""
    if on.month == 2 and on.day == 29:
        return date(on.year + VALIDITY_YEARS, 2, 28)
    return on.replace(year=on.year + VALIDITY_YEARS)


@transaction.atomic
def issue(
    officer: Officer,
    *,
    credential_no: str,
    fields: str,
    on: date,
    valid_until: date | None = None,
    actor: Staff | None = None,
    note: str = "",
) -> Officer:
    """发证. ``valid_until`` may be shorter than the provincial validity, never longer."""
    if not credential_no.strip():
        raise ValidationError({"credential_no": "请填写执法证号"})
    if Officer.objects.filter(credential_no=credential_no).exclude(pk=officer.pk).exists():
        raise ValidationError({"credential_no": f"执法证号 {credential_no} 已被使用"})
    longest = default_validity(on)
    if valid_until is not None and not on < valid_until <= longest:
        raise ValidationError(
            {"valid_until": f"有效期应晚于发证日期，且不超过{VALIDITY_YEARS}年（至 {longest}）"}
        )
    o = _move(officer, CredentialStatus.ISSUED)
    o.credential_no, o.fields, o.issued_on = credential_no, fields, on
    o.valid_until = valid_until or longest
    return _record(o, CredentialAction.ISSUE, on, actor, note)


@transaction.atomic
def annual_check(
    officer: Officer, *, on: date, passed: bool, actor: Staff | None = None, note: str = ""
) -> Officer:
    """年审: a failed check suspends the credential until it is passed."""
    o = _move(officer, CredentialStatus.ISSUED if passed else CredentialStatus.SUSPENDED)
    o.last_checked_on = on
    result = "年审合格" if passed else "年审不合格，暂扣证件"
    return _record(o, CredentialAction.ANNUAL_CHECK, on, actor, f"{result}。{note}".rstrip("。"))


@transaction.atomic
def suspend(
    officer: Officer, *, on: date | None = None, actor: Staff | None = None, note: str = ""
) -> Officer:
    o = _move(officer, CredentialStatus.SUSPENDED)
    return _record(o, CredentialAction.SUSPEND, on, actor, note)


@transaction.atomic
def reinstate(
    officer: Officer, *, on: date | None = None, actor: Staff | None = None, note: str = ""
) -> Officer:
    o = _move(officer, CredentialStatus.ISSUED)
    return _record(o, CredentialAction.REINSTATE, on, actor, note)


@transaction.atomic
def revoke(
    officer: Officer, *, on: date | None = None, actor: Staff | None = None, note: str = ""
) -> Officer:
    """吊销 / 离岗收回: final."""
    o = _move(officer, CredentialStatus.REVOKED)
    return _record(o, CredentialAction.REVOKE, on, actor, note)
