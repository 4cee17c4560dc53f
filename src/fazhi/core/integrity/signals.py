"""Logins, logouts and failures go to the security event log (等保 2.0 安全审计)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_save
from django.dispatch import receiver

from fazhi.core.org.scoping import system_access

from .audit import record
from .models import SecurityEventKind


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(SecurityEventKind.LOGIN, staff=user, request=request)


@receiver(user_logged_out)
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(SecurityEventKind.LOGOUT, staff=user, request=request)


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # No user enumeration: the same event whether or not the account exists.
    record(
        SecurityEventKind.LOGIN_FAILED,
        username=str(credentials.get("username", ""))[:150],
        request=request,
        success=False,
    )


@receiver(user_locked_out)
def on_locked_out(sender: Any, request: Any, username: str, ip_address: str, **kwargs: Any) -> None:
    record(SecurityEventKind.LOCKED_OUT, username=username or "", request=request, success=False)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def on_password_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """django-auditlog leaves the password out of the diff; the change itself is an event."""
    if instance.pk is None or kwargs.get("raw"):
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        record(
            SecurityEventKind.PASSWORD_CHANGED,
            username=instance.username,
            object_repr=f"{sender._meta.label}:{instance.pk}",
        )


@receiver(system_access)
def on_system_access(sender: Any, reason: str, **kwargs: Any) -> None:
    """System code read past the scoping rules with ``unrestricted(reason)``: audited."""
    from .audit import record_system_access

    record_system_access(sender, reason)
