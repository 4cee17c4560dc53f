"""Recording security-relevant events beside the model-change log (django-auditlog)."""

from __future__ import annotations

import hashlib
from typing import Any

from auditlog.context import auditlog_value
from django.db import models
from django.http import HttpRequest

from .clientip import client_ip
from .models import SecurityEvent, SecurityEventKind


def _request_meta(request: HttpRequest | None) -> dict[str, Any]:
    if request is None:
        return {}
    return {"remote_addr": client_ip(request), "path": request.get_full_path()[:300]}


def record(
    kind: str,
    *,
    staff: Any = None,
    username: str = "",
    request: HttpRequest | None = None,
    object_repr: str = "",
    success: bool = True,
    data: dict[str, Any] | None = None,
    public_actor: bool = False,
) -> SecurityEvent:
    """One security event. ``public_actor``: the actor is a member of the public (a public
    account or a phone number), so the event is never attributed to a staff member who happens
    to be signed in on the same browser session."""
    user = getattr(request, "user", None)
    if public_actor:
        staff = None
    elif staff is None and user is not None and user.is_authenticated:
        staff = user
    if staff is None and not public_actor:
        ctx = auditlog_value.get(None)
        actor = ctx.get("actor") if ctx else None
        if actor is not None and getattr(actor, "pk", None):
            staff = actor
    return SecurityEvent.objects.create(
        kind=kind,
        staff=staff if getattr(staff, "pk", None) else None,
        username=username or (getattr(staff, "username", "") if staff else ""),
        object_repr=object_repr[:300],
        success=success,
        data=data or {},
        **_request_meta(request),
    )


def record_system_access(model: type[models.Model], reason: str) -> SecurityEvent:
    return record(
        SecurityEventKind.SYSTEM_ACCESS,
        object_repr=model._meta.label,
        data={"reason": reason},
    )


def record_unmasked_view(
    staff: Any, obj: models.Model, fields: list[str], request: HttpRequest | None = None
) -> SecurityEvent:
    return record(
        SecurityEventKind.UNMASKED_VIEW,
        staff=staff,
        request=request,
        object_repr=f"{obj._meta.label}:{obj.pk}",
        data={"fields": fields},
    )


def file_digest(path_or_bytes: str | bytes) -> str:
    h = hashlib.sha256()
    if isinstance(path_or_bytes, bytes):
        h.update(path_or_bytes)
    else:
        with open(path_or_bytes, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def record_bulk_import(
    model_label: str,
    *,
    rows: int,
    digest: str,
    source: str,
    staff: Any = None,
    changes: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> SecurityEvent:
    """A bulk import is one audit event with the file's digest, row count and the changes."""
    return record(
        SecurityEventKind.BULK_IMPORT,
        staff=staff,
        request=request,
        object_repr=model_label,
        data={"rows": rows, "sha256": digest, "source": source, "changes": changes or {}},
    )
