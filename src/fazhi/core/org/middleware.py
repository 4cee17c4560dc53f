"""Session idle timeout (等保 2.0: idle sessions end, default 30 minutes), no caching of
pages that may hold personal data, and no NUL characters in query parameters."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
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


class NulCharacterMiddleware:
    """A NUL character in a query parameter is never valid input, and PostgreSQL refuses it in
    any query (a server error wherever a search term or filter reaches the database): answer
    400 before any view runs. Forms and API bodies already refuse it field by field."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in k or "\x00" in v for k, values in request.GET.lists() for v in values):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "请求参数不能包含空字符"}, status=400)
            raise BadRequest("请求参数不能包含空字符")
        return self.get_response(request)
