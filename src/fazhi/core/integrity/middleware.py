"""Who is acting: the audit context of each request, and refused requests."""

from __future__ import annotations

from auditlog.context import auditlog_value
from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest, HttpResponse

from .clientip import client_ip
from .models import SecurityEventKind


class AuditContextMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, plus a record of every refused (403) request."""

    def get_extra_data(self, request: HttpRequest) -> dict[str, object]:
        data = super().get_extra_data(request)
        # auditlog's own address handling believes any X-Forwarded-For; ours trusts only the
        # configured proxies and drops what does not parse.
        data["remote_addr"] = client_ip(request)
        data["remote_port"] = None
        return data

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = super().__call__(request)
        finally:
            # django-auditlog leaves its context set after the request; a thread that serves
            # the next request (or a job) must not inherit this request's actor.
            auditlog_value.set({})
        if response.status_code == 403:
            from .audit import record

            record(SecurityEventKind.PERMISSION_DENIED, request=request, success=False)
        return response


def bind_actor(user: object) -> None:
    """Token-authenticated API requests learn their user after the middleware ran."""
    ctx = auditlog_value.get(None)
    if ctx is not None and getattr(user, "is_authenticated", False):
        ctx["actor"] = user
