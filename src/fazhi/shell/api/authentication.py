"""API authentication by the staff member's own token (``Authorization: Token fz_…``).

The key is looked up by its SHA-256 digest; an unknown, expired or revoked key, or one of a
deactivated account, is refused with 401 and a Chinese reason. The request then acts as the
token's staff member, scoped through ``restrict`` like a signed-in session.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from fazhi.core.integrity.middleware import bind_actor
from fazhi.core.org.models import ApiToken, Staff
from fazhi.core.org.tokens import TokenRefused, authenticate_key

KEYWORDS = ("Token", "Bearer")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Staff, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1") not in KEYWORDS:
            return None  # not ours: the session (or nobody) authenticates the request
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("令牌格式错误：应为 “Token <令牌>”")
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("令牌无效") from exc
        try:
            token = authenticate_key(key)
        except TokenRefused as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from exc
        # The audit middleware ran before DRF knew the user: writes made through a token are
        # recorded with its staff member as the actor.
        bind_actor(token.staff)
        return token.staff, token

    def authenticate_header(self, request: Request) -> str:
        # Its presence makes DRF answer a refused token with 401 rather than 403.
        return 'Token realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "fazhi.shell.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "工作人员在工作台（/office/tokens/）创建的令牌，格式：Token fz_…",
        }
