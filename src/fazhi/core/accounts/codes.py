"""One-time codes: request one for a phone, verify it. Limits and lockout live here.

- A code is 6 random digits, valid for 5 minutes, usable once; a newer code retires the
  older ones. Only ``HMAC-SHA256(SECRET_KEY, phone:code)`` is stored: a copy of the database
  alone does not let anyone run through the million possible codes.
- Sending: at most one code per phone per 60 seconds and 5 per phone per hour (SMS bombing and
  cost), and at most ``PER_IP_PER_HOUR`` per client address (the trusted-proxy aware
  ``client_ip``), so one machine cannot spray codes over many numbers.
- Verifying: 5 wrong codes in a row lock the phone for 15 minutes (GB/T 22239-2019 等保 2.0
  三级 8.1.4.1 登录失败处理; STATUTES.md §security: "lockout after 5 failures for 15 minutes").
- No account enumeration: nothing here looks at whether the phone has an account. Codes,
  limits, failures and locks work the same for every number; only after a correct code —
  which proves the caller holds the phone — do the views tell sign-in from sign-up.

These are security settings, not legal periods, so they are plain ``timedelta``s.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from fazhi.core.integrity.audit import record
from fazhi.core.integrity.models import SecurityEventKind

from .models import OneTimeCode, PhoneGuard
from .sms import SmsError, get_backend
from .validators import mask_phone

CODE_DIGITS = 6
CODE_VALID_FOR = timedelta(minutes=5)
RESEND_INTERVAL = timedelta(seconds=60)
PER_PHONE_PER_HOUR = 5
# An office or a mobile carrier's NAT puts many people behind one address: generous, but
# finite.
PER_IP_PER_HOUR = 20
# GB/T 22239-2019 8.1.4.1 登录失败处理 (STATUTES.md §security): 5 failures, 15 minutes.
FAILURES_BEFORE_LOCK = 5
LOCK_DURATION = timedelta(minutes=15)
SMS_SIGNATURE = "【法治政府建设平台】"


class CodeRefused(Exception):
    """No code sent: a limit was reached, the phone is locked or the SMS could not be sent."""

    def __init__(self, message: str, status: int = 429) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class CodeInvalid(Exception):
    """Wrong, expired, used or never sent — one answer for all four."""

    message = "验证码错误或已失效，请重新输入或重新获取。"


class PhoneLocked(Exception):
    def __init__(self, until: datetime) -> None:
        super().__init__(until)
        self.until = until

    @property
    def message(self) -> str:
        return locked_message(self.until)


def locked_message(until: datetime) -> str:
    minutes = FAILURES_BEFORE_LOCK
    return (
        f"验证码连续错误{minutes}次，该手机号已被锁定，"
        f"请于 {timezone.localtime(until):%H:%M} 后再试。"
    )


def code_hash(phone: str, code: str) -> str:
    return salted_hmac("fazhi.accounts.code", f"{phone}:{code}", algorithm="sha256").hexdigest()


def _guard(phone: str) -> PhoneGuard:
    """The phone's guard row, locked: requests for one phone are serialised, so two concurrent
    requests cannot both pass the 60-second check or both spend the last allowed failure."""
    guard, _ = PhoneGuard.objects.select_for_update().get_or_create(phone=phone)
    return guard


def _refuse(phone: str, request: HttpRequest | None, reason: str, message: str) -> CodeRefused:
    record(
        SecurityEventKind.PUBLIC_CODE_REFUSED,
        username=mask_phone(phone),
        request=request,
        success=False,
        data={"phone": phone, "reason": reason},
        public_actor=True,
    )
    return CodeRefused(message)


def request_code(phone: str, *, client_ip: str | None, request: HttpRequest | None = None) -> None:
    """Send a fresh code to ``phone`` or raise ``CodeRefused`` / ``PhoneLocked``."""
    now = timezone.now()
    refusal: tuple[str, str] | None = None
    locked: datetime | None = None
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    with transaction.atomic():
        guard = _guard(phone)
        sent = OneTimeCode.objects.filter(phone=phone, created__gt=now - timedelta(hours=1))
        last = sent.order_by("-created").values_list("created", flat=True).first()
        if guard.locked_until is not None and guard.locked_until > now:
            locked = guard.locked_until
        elif last is not None and now - last < RESEND_INTERVAL:
            wait = int((RESEND_INTERVAL - (now - last)).total_seconds()) + 1
            refusal = ("interval", f"获取验证码过于频繁，请{wait}秒后再试。")
        elif sent.count() >= PER_PHONE_PER_HOUR:
            refusal = (
                "phone_hourly",
                f"该手机号一小时内最多获取{PER_PHONE_PER_HOUR}次验证码，请稍后再试。",
            )
        elif (
            client_ip is not None
            and OneTimeCode.objects.filter(
                client_ip=client_ip, created__gt=now - timedelta(hours=1)
            ).count()
            >= PER_IP_PER_HOUR
        ):
            refusal = ("ip_hourly", "当前网络获取验证码过于频繁，请一小时后再试。")
        else:
            # Only the newest code counts: a fresh one retires those still open.
            OneTimeCode.objects.filter(phone=phone, used__isnull=True, expires__gt=now).update(
                expires=now
            )
            OneTimeCode.objects.create(
                phone=phone,
                code_hash=code_hash(phone, code),
                client_ip=client_ip,
                created=now,
                expires=now + CODE_VALID_FOR,
            )
    if locked is not None:
        _refuse(phone, request, "locked", locked_message(locked))
        raise PhoneLocked(locked)
    if refusal is not None:
        raise _refuse(phone, request, *refusal)
    minutes = int(CODE_VALID_FOR.total_seconds() // 60)
    text = f"{SMS_SIGNATURE}您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。"
    try:
        get_backend().send(phone, text)
    except SmsError as exc:
        record(
            SecurityEventKind.PUBLIC_CODE_REFUSED,
            username=mask_phone(phone),
            request=request,
            success=False,
            data={"phone": phone, "reason": "sms_failed", "error": str(exc)[:200]},
            public_actor=True,
        )
        raise CodeRefused("短信发送失败，请稍后再试。", status=503) from exc
    record(
        SecurityEventKind.PUBLIC_CODE_SENT,
        username=mask_phone(phone),
        request=request,
        data={"phone": phone},
        public_actor=True,
    )


def verify_code(phone: str, code: str, *, request: HttpRequest | None = None) -> None:
    """Spend the phone's current code, or raise ``CodeInvalid`` / ``PhoneLocked``.

    Every failed attempt counts, whatever the reason (wrong, expired, used, none sent), and
    the fifth in a row locks the phone (its ``PhoneGuard``) against signing in. The account's own
    ``locked_until`` is left alone: it is an administrator's suspension and ends sessions, and a
    stranger typing wrong codes must not be able to sign the holder out.
    """
    now = timezone.now()
    locked: datetime | None = None
    newly_locked = ok = False
    with transaction.atomic():
        guard = _guard(phone)
        if guard.locked_until is not None and guard.locked_until > now:
            locked = guard.locked_until
        else:
            current = (
                OneTimeCode.objects.filter(phone=phone, used__isnull=True, expires__gt=now)
                .order_by("-created")
                .first()
            )
            if current is not None and constant_time_compare(
                current.code_hash, code_hash(phone, code)
            ):
                current.used = now
                current.save(update_fields=["used"])
                if guard.failures:
                    guard.failures = 0
                    guard.save(update_fields=["failures"])
                ok = True
            else:
                guard.failures += 1
                if guard.failures >= FAILURES_BEFORE_LOCK:
                    guard.failures = 0
                    guard.locked_until = locked = now + LOCK_DURATION
                    newly_locked = True
                    # The code a guesser was working on dies with the lock.
                    OneTimeCode.objects.filter(
                        phone=phone, used__isnull=True, expires__gt=now
                    ).update(expires=now)
                guard.save(update_fields=["failures", "locked_until"])
    who_name = mask_phone(phone)
    if locked is not None:
        kind = (
            SecurityEventKind.PUBLIC_LOCKED_OUT
            if newly_locked
            else SecurityEventKind.PUBLIC_LOGIN_FAILED
        )
        record(
            kind,
            success=False,
            data={"phone": phone, "reason": "locked", "until": locked.isoformat()},
            username=who_name,
            request=request,
            public_actor=True,
        )
        raise PhoneLocked(locked)
    if not ok:
        record(
            SecurityEventKind.PUBLIC_LOGIN_FAILED,
            success=False,
            data={"phone": phone, "reason": "wrong_code", "failures": guard.failures},
            username=who_name,
            request=request,
            public_actor=True,
        )
        raise CodeInvalid()
