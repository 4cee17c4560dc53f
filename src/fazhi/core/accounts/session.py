"""The public session: who is signed in as a public account on this request.

Why its own session key rather than a Django authentication backend: anything a backend
authenticates becomes ``request.user``, and ``request.user`` is what the back office
(``login_required``), the admin (``is_staff``), DRF's ``SessionAuthentication`` and
``restrict(user, action)`` all trust. A public account there would be one forgotten check away
from a staff screen. Kept under ``PUBLIC_SESSION_KEY`` it is invisible to every staff path —
``request.user`` stays ``AnonymousUser`` — so those paths fail closed without knowing that public
accounts exist, and only views that ask ``current_account(request)`` see one.

The public session follows the same idle limit as staff sessions
(``SESSION_IDLE_TIMEOUT_SECONDS``, 等保 2.0: idle sessions end) and ends when the account is
locked or deactivated.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from fazhi.core.integrity.audit import record
from fazhi.core.integrity.models import SecurityEventKind

from .models import PublicAccount

PUBLIC_SESSION_KEY = "fazhi_public_account"
# A phone whose code was just verified but has no account yet: sign-up must follow soon.
VERIFIED_PHONE_KEY = "fazhi_public_verified_phone"
VERIFIED_PHONE_TTL = 10 * 60
# The phone a code was last requested for on this browser (the verify form's target).
PENDING_PHONE_KEY = "fazhi_public_pending_phone"
_CACHE = "_fazhi_public_account"

View = TypeVar("View", bound=Callable[..., HttpResponse])


def sign_in(request: HttpRequest, account: PublicAccount) -> None:
    # A new session key on sign-in: a key planted before (session fixation) is worthless.
    request.session.cycle_key()
    request.session.pop(VERIFIED_PHONE_KEY, None)
    request.session.pop(PENDING_PHONE_KEY, None)
    request.session[PUBLIC_SESSION_KEY] = {"id": account.pk, "seen": int(time.time())}
    account.last_login = timezone.now()
    PublicAccount.objects.filter(pk=account.pk).update(last_login=account.last_login)
    setattr(request, _CACHE, account)


def sign_out(request: HttpRequest) -> None:
    account = current_account(request)
    for key in (PUBLIC_SESSION_KEY, VERIFIED_PHONE_KEY, PENDING_PHONE_KEY):
        request.session.pop(key, None)
    request.session.cycle_key()
    setattr(request, _CACHE, None)
    if account is not None:
        record(
            SecurityEventKind.PUBLIC_LOGOUT,
            username=account.masked_phone,
            request=request,
            object_repr=f"accounts.PublicAccount:{account.pk}",
            public_actor=True,
        )


def current_account(request: HttpRequest) -> PublicAccount | None:
    """The public account signed in on this request, or None. Never a staff member."""
    if hasattr(request, _CACHE):
        return getattr(request, _CACHE)
    account = _load(request)
    setattr(request, _CACHE, account)
    return account


def _load(request: HttpRequest) -> PublicAccount | None:
    data = request.session.get(PUBLIC_SESSION_KEY)
    if not isinstance(data, dict):
        return None
    now = int(time.time())
    if now - int(data.get("seen", 0)) > settings.SESSION_IDLE_TIMEOUT_SECONDS:
        request.session.pop(PUBLIC_SESSION_KEY, None)
        return None
    account = PublicAccount.objects.filter(pk=data.get("id", 0), is_active=True).first()
    if account is None or account.is_locked():
        request.session.pop(PUBLIC_SESSION_KEY, None)
        return None
    if now - int(data["seen"]) >= 60:  # refresh at most once a minute: fewer session writes
        request.session[PUBLIC_SESSION_KEY] = {"id": account.pk, "seen": now}
    return account


def remember_verified_phone(request: HttpRequest, phone: str) -> None:
    request.session[VERIFIED_PHONE_KEY] = {"phone": phone, "at": int(time.time())}


def verified_phone(request: HttpRequest) -> str | None:
    """The phone verified on this browser in the last ten minutes and not yet signed up."""
    data = request.session.get(VERIFIED_PHONE_KEY)
    if not isinstance(data, dict):
        return None
    if int(time.time()) - int(data.get("at", 0)) > VERIFIED_PHONE_TTL:
        request.session.pop(VERIFIED_PHONE_KEY, None)
        return None
    return str(data.get("phone", "")) or None


def safe_next(request: HttpRequest, default: str = "") -> str:
    """Where to go after signing in: a path on this site, never a staff area."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if ok and target.startswith("/") and not target.startswith(("/office/", "/admin/", "/api/")):
        return target
    return default or reverse("accounts:home")


def redirect_to_sign_in(request: HttpRequest) -> HttpResponseRedirect:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('accounts:sign_in')}?{query}")


def account_required(view: View | None = None, *, acts_for_entity: bool = False) -> Any:
    """Decorator for portal views of domains: a public account must be signed in.

    The view then finds it on ``request.public_account``. ``acts_for_entity=True`` also
    requires an enterprise account with a verified binding (``PublicAccount.acts_for_entity``);
    a pending or rejected binding gives no such right.
    """

    def decorator(func: View) -> View:
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            account = current_account(request)
            if account is None:
                return redirect_to_sign_in(request)
            if acts_for_entity and not account.acts_for_entity:
                messages.error(request, "该功能需要已核验绑定的企业账号，请先完成企业绑定。")
                return redirect("accounts:enterprise")
            setattr(request, "public_account", account)  # noqa: B010  read by signed_in_account
            return func(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorator(view) if view is not None else decorator


class AccountRequiredMixin:
    """The class-based form of ``account_required``."""

    acts_for_entity = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        parent: Callable[..., HttpResponse] = super().dispatch  # type: ignore[misc]  # mixin
        guarded = account_required(parent, acts_for_entity=self.acts_for_entity)
        return cast(HttpResponse, guarded(request, *args, **kwargs))


def signed_in_account(request: HttpRequest) -> PublicAccount:
    """The account of a request that ``account_required`` let through."""
    account = current_account(request)
    if account is None:
        raise PermissionDenied("请先登录公众账号")
    return account
