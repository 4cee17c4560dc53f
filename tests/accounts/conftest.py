"""Public-account personas and helpers.

Personas (members of the public, not staff):
- 张三 (13871230001): a citizen with an account
- 甲乙公司's clerk 李四 (13871230002): an enterprise account
- 13871239999: a number nobody has registered
Codes are read back from the file SMS adapter, as a developer would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.core.accounts.choices import AccountKind
from fazhi.core.accounts.models import PublicAccount

ZHANG_PHONE = "13871230001"
LI_PHONE = "13871230002"
NOBODY_PHONE = "13871239999"
START = datetime(2019, 9, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def sms_dir(settings: Any, tmp_path: Path) -> Path:
    settings.FAZHI_SMS_BACKEND = "fazhi.core.accounts.sms.FileSmsBackend"
    settings.FAZHI_SMS_DIR = tmp_path / "sms"
    return settings.FAZHI_SMS_DIR


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def zhang(db: Any) -> PublicAccount:
    return PublicAccount.objects.create(
        phone=ZHANG_PHONE, display_name="张三", kind=AccountKind.CITIZEN
    )


@pytest.fixture
def li(db: Any) -> PublicAccount:
    return PublicAccount.objects.create(
        phone=LI_PHONE, display_name="李四", kind=AccountKind.ENTERPRISE
    )


def messages_sent(sms_dir: Path) -> list[dict[str, str]]:
    lines: list[dict[str, str]] = []
    for path in sorted(sms_dir.glob("*.jsonl")):
        lines += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return lines


def last_code(sms_dir: Path, phone: str) -> str:
    texts = [m["text"] for m in messages_sent(sms_dir) if m["phone"] == phone]
    assert texts, f"no SMS was sent to {phone}"
    match = re.search(r"验证码为(\d{6})", texts[-1])
    assert match, texts[-1]
    return match.group(1)


def request_code(client: Any, phone: str, **extra: Any) -> Any:
    return client.post("/account/signin/", {"phone": phone}, **extra)


def enter_code(client: Any, code: str) -> Any:
    return client.post("/account/verify/", {"code": code})


def wrong_code(right: str) -> str:
    return f"{(int(right) + 1) % 1_000_000:06d}"


def sign_in(client: Any, sms_dir: Path, phone: str) -> Any:
    """The whole flow for a registered phone; returns the verify response."""
    request_code(client, phone)
    return enter_code(client, last_code(sms_dir, phone))
