"""API tokens: created and revoked by their own staff member, checked on every API request.

Each create and revoke is a save of an ``ApiToken`` row, which django-auditlog records with its
actor (the digest is left out of the log; the key is never stored at all).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import ApiToken, Staff

# Writing last_used on every request would turn each API read into a write; once a minute
# tells an administrator whether a token is in use just as well.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenRefused(Exception):
    """The key is unknown, expired or revoked, or its staff member is deactivated; the message
    is what the client is told."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown to its owner once, never stored


def token_days() -> int:
    """How long a new token is valid (FAZHI_TOKEN_DAYS, default 90 days)."""
    return int(getattr(settings, "FAZHI_TOKEN_DAYS", 90))


def create_token(staff: Staff, name: str, *, source_system: str = "") -> NewToken:
    """A new token of ``staff``; only its owner calls this (the back office's token screen)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "请填写令牌名称（例如用途或调用系统）"})
    if not staff.is_active:
        raise ValidationError("账号已停用，不能创建令牌")
    key = ApiToken.PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        staff=staff,
        name=name[:100],
        source_system=source_system.strip()[:100],
        prefix=key[: ApiToken.PREFIX_LENGTH],
        digest=ApiToken.digest_of(key),
        # A security setting, not a legal period: a plain duration is right here.
        expires_at=now + timedelta(days=token_days()),
    )
    return NewToken(token=token, key=key)


@transaction.atomic
def revoke(token: ApiToken, reason: str) -> ApiToken:
    """Revoke one token (a revoked token stays listed, with when and why)."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revoked_reason = (reason.strip() or "本人吊销")[:200]
        locked.save(update_fields=["revoked_at", "revoked_reason"])
    return locked


def revoke_all(staff: Staff, reason: str) -> int:
    """Revoke every live token of ``staff`` (password changed, account deactivated)."""
    live = ApiToken.objects.filter(staff_id=staff.pk, revoked_at__isnull=True)
    count = 0
    for token in live:
        revoke(token, reason)  # one save each, so each revocation is in the audit log
        count += 1
    return count


def authenticate_key(key: str, *, at: datetime | None = None) -> ApiToken:
    """The token for ``key`` with its staff member, or ``TokenRefused`` with a Chinese reason."""
    at = at or timezone.now()
    if not key.startswith(ApiToken.PREFIX):
        raise TokenRefused("令牌无效")
    token = ApiToken.objects.select_related("staff").filter(digest=ApiToken.digest_of(key)).first()
    if token is None:
        raise TokenRefused("令牌无效")
    if token.revoked_at is not None:
        raise TokenRefused("令牌已吊销，请在工作台重新创建")
    if token.expired(at):
        raise TokenRefused("令牌已过期，请在工作台重新创建")
    if not token.staff.is_active:
        raise TokenRefused("账号已停用")
    if token.last_used is None or at - token.last_used >= LAST_USED_RESOLUTION:
        # update(): a usage stamp is not a staff write and must not flood the audit log.
        ApiToken.objects.filter(pk=token.pk).update(last_used=at)
        token.last_used = at
    return token
