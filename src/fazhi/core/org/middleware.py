"""Session idle timeout (等保 2.0: idle sessions end, default 30 minutes), and no caching of
pages that may hold personal data."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get("last_seen")
            if last is not None and now - int(last) > settings.SESSION_IDLE_TIMEOUT_SECONDS:
                logout(request)
            else:
                request.session["last_seen"] = now
        return self.get_response(request)


# The back office and the admin show personal data on nearly every page, their login pages
# included (a cached form with a username); no browser or proxy keeps a copy of them.
PRIVATE_PREFIXES = ("/office/", "/admin/")


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every back-office and admin page and on every answer to
    an authenticated request (a session, or an API token: its header marks the request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.path.startswith(PRIVATE_PREFIXES)
            or "HTTP_AUTHORIZATION" in request.META
            or (user is not None and user.is_authenticated)
        ):
            add_never_cache_headers(response)
        return response
