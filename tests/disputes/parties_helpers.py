"""Helpers of the parties, respondent, hearing, committee and file-access tests."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from fazhi.core.accounts.models import PublicAccount
from fazhi.core.accounts.session import PUBLIC_SESSION_KEY
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import take

ACCEPTED_ON = date(2024, 3, 8)
COPY_ON = date(2024, 3, 11)


def accepted_with_copy(case: Case, handler: Any) -> Case:
    take(case, "accept", handler, on=ACCEPTED_ON)
    take(case, "send_copy", handler, on=COPY_ON)
    return case


def citizen(phone: str = "13871230001", name: str = "张三") -> PublicAccount:
    return PublicAccount.objects.create(phone=phone, display_name=name, kind="citizen")


def sign_in_account(client: Any, account: PublicAccount) -> None:
    session = client.session
    session[PUBLIC_SESSION_KEY] = {"id": account.pk, "seen": int(time.time())}
    session.save()
