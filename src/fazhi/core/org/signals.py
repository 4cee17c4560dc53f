"""A changed password or a deactivated account ends every API token of the staff member:
whoever held a token under the old password (or the leaving employee) loses it too."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import check_password, get_hasher, identify_hasher
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Staff
from .tokens import revoke_all

_REASON = "_fazhi_token_revoke_reason"


def _is_rehash(old_hash: str, update_fields: Any) -> bool:
    """Django's own upgrade of an outdated hash on login (``check_password``'s setter): it saves
    only the password, and only when the old hash's hasher or its parameters are outdated."""
    if update_fields is None or set(update_fields) != {"password"}:
        return False
    try:
        hasher = identify_hasher(old_hash)
    except ValueError:
        return False
    preferred = get_hasher("default")
    return hasher.algorithm != preferred.algorithm or preferred.must_update(old_hash)


def _password_changed(instance: Staff, old_hash: str, update_fields: Any) -> bool:
    if old_hash == instance.password:
        return False
    raw = getattr(instance, "_password", None)
    if raw is not None:
        # set_password() then save(): a change unless the raw password is the old one.
        return not check_password(raw, old_hash)
    # The same password re-hashed on login is no change; anything else (a hash set directly,
    # an unusable password) is.
    return not _is_rehash(old_hash, update_fields)


@receiver(pre_save, sender=Staff)
def note_credential_change(sender: Any, instance: Staff, **kwargs: Any) -> None:
    if instance.pk is None or kwargs.get("raw"):
        return
    old = sender._default_manager.filter(pk=instance.pk).values("password", "is_active").first()
    if old is None:
        return
    if old["is_active"] and not instance.is_active:
        setattr(instance, _REASON, "账号停用")
    elif _password_changed(instance, old["password"], kwargs.get("update_fields")):
        setattr(instance, _REASON, "密码已修改")


@receiver(post_save, sender=Staff)
def revoke_tokens_on_credential_change(sender: Any, instance: Staff, **kwargs: Any) -> None:
    reason = instance.__dict__.pop(_REASON, None)
    if reason:
        revoke_all(instance, reason)
