"""The one rate limit of the exact entity lookup, shared by the portal page (/entities/) and
the API (/api/entities/lookup/): N lookups in any sliding minute per signed-in staff member
(session or token), or per client address for the public.

Exact lookups keep the register of businesses from being browsed; the limit keeps it from being
enumerated by guessing names. Staff are limited too: a stolen session or token must not be a
way around it. The rate is ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["entity_lookup"]``
(``FAZHI_LOOKUP_RATE``, default 30/minute).
"""

from __future__ import annotations

import math
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache

from fazhi.core.integrity.clientip import client_ip

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def lookup_rate() -> tuple[int, int]:
    """(requests, seconds) from a DRF-style rate such as "30/minute"."""
    framework: dict[str, Any] = settings.REST_FRAMEWORK
    rate = framework["DEFAULT_THROTTLE_RATES"]["entity_lookup"]
    count, period = rate.split("/")
    return int(count), _PERIODS[period.strip()[0]]


def _ident(request: Any) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"staff:{user.pk}"
    return f"addr:{client_ip(request) or '?'}"


def lookup_allowed(request: Any) -> tuple[bool, int]:
    """Count one lookup by the requester; (allowed, seconds until the next one is allowed).

    A sliding window of timestamps: a refused lookup is not counted, and the oldest lookup of
    the window leaves it exactly one period after it was made, whatever the cache backend does
    with expiry times.
    """
    limit, period = lookup_rate()
    key = f"entity-lookup:{_ident(request)}"
    now = time.time()
    history = [t for t in cache.get(key, []) if t > now - period]
    if len(history) >= limit:
        return False, max(1, math.ceil(history[0] + period - now))
    history.append(now)
    cache.set(key, history, timeout=period)
    return True, 0
