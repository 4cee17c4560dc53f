"""The client's address, from the connection or from trusted reverse proxies only.

``X-Forwarded-For`` is written by whoever sends the request; only the entries added by the
``FAZHI_TRUSTED_PROXIES`` proxies in front of Fazhi are believed (counted from the right).
An address that does not parse is never recorded (a malformed header must not make the audit
insert fail and lose the event).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    proxies = settings.FAZHI_TRUSTED_PROXIES
    if proxies > 0:
        hops = [
            h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()
        ]
        if len(hops) >= proxies:
            return _valid(hops[-proxies])
    return _valid(request.META.get("REMOTE_ADDR", ""))
