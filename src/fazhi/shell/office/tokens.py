"""The token screen (/office/tokens/): each staff member lists, creates and revokes their OWN
API tokens. A new key is shown once, in the answer to the create request, and never again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.org.models import ApiToken
from fazhi.core.org.scoping import scoped
from fazhi.core.org.tokens import create_token, revoke, token_days


def _own_tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    # "change": one's own tokens only, even for an administrator who may read everyone's list.
    return scoped(request.user, ApiToken, "change")


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"days": token_days(), "errors": []}
    status = 200
    if request.method == "POST":
        name = request.POST.get("name", "")
        source_system = request.POST.get("source_system", "")
        user = request.user
        # A stolen session must not turn into a long-lived key: creating one needs the password
        # again (a wrong one counts towards the account lockout like a failed login).
        confirmed = authenticate(
            request, username=user.get_username(), password=request.POST.get("password", "")
        )
        if confirmed is None or confirmed.pk != user.pk:
            context["errors"] = ["密码不正确，未创建令牌"]
            status = 400
        else:
            try:
                created = create_token(user, name, source_system=source_system)
            except ValidationError as exc:
                context["errors"] = exc.messages
                status = 400
            else:
                context["new_key"] = created.key
                context["new_token"] = created.token
        context.update(name=name, source_system=source_system)
    context["tokens"] = _own_tokens(request).order_by("-created", "-id")
    return render(request, "office/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = _own_tokens(request).filter(pk=pk).first()
    if token is None:
        raise Http404("没有这个令牌")
    revoke(token, request.POST.get("reason", ""))
    messages.success(request, f"令牌 {token.prefix}… 已吊销")
    return redirect("office:tokens")
