"""Sign-in and sign-up by one-time code, the account page, enterprise binding, submissions.

One flow serves sign-in and sign-up (验证码登录，未注册的手机号验证后注册): the answer to "send me
a code" is the same for every number, so the portal never tells whether a number has an account
until its holder has proved, with the code, that the number is theirs.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.integrity.audit import record
from fazhi.core.integrity.clientip import client_ip
from fazhi.core.integrity.models import SecurityEventKind

from . import binding as binding_service
from .choices import AccountKind
from .codes import CODE_VALID_FOR, CodeInvalid, CodeRefused, PhoneLocked, request_code, verify_code
from .forms import BindingForm, CodeForm, PhoneForm, SignUpForm
from .models import PublicAccount
from .session import (
    PENDING_PHONE_KEY,
    account_required,
    current_account,
    remember_verified_phone,
    safe_next,
    sign_in,
    sign_out,
    signed_in_account,
    verified_phone,
)
from .submissions import submissions_for
from .validators import mask_phone


def _with_next(name: str, request: HttpRequest) -> str:
    target = safe_next(request, default="")
    url = reverse(name)
    if target and target != reverse("accounts:home"):
        from django.utils.http import urlencode

        url = f"{url}?{urlencode({'next': target})}"
    return url


def sign_in_view(request: HttpRequest) -> HttpResponse:
    """Step 1: the phone number; a code is sent whether or not it has an account."""
    if current_account(request) is not None:
        return redirect(safe_next(request))
    form = PhoneForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            request_code(phone, client_ip=client_ip(request), request=request)
        except (CodeRefused, PhoneLocked) as exc:
            error = exc.message
            status = exc.status if isinstance(exc, CodeRefused) else 429
        else:
            request.session[PENDING_PHONE_KEY] = phone
            minutes = int(CODE_VALID_FOR.total_seconds() // 60)
            messages.info(request, f"验证码已发送至 {mask_phone(phone)}，{minutes}分钟内有效。")
            return redirect(_with_next("accounts:verify", request))
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "error": error, "next": safe_next(request, default="")},
        status=status,
    )


def verify_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the code. A registered phone signs in; a new one goes on to sign up."""
    phone = request.session.get(PENDING_PHONE_KEY)
    if not phone:
        return redirect(_with_next("accounts:sign_in", request))
    form = CodeForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            verify_code(phone, form.cleaned_data["code"], request=request)
        except PhoneLocked as exc:
            error, status = exc.message, 429
        except CodeInvalid as exc:
            error, status = exc.message, 400
        else:
            return _after_verification(request, phone)
        form = CodeForm()  # a wrong code is not shown back
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "error": error,
            "masked_phone": mask_phone(phone),
            "phone": phone,
            "next": safe_next(request, default=""),
        },
        status=status,
    )


def _after_verification(request: HttpRequest, phone: str) -> HttpResponse:
    account = PublicAccount.objects.filter(phone=phone).first()
    if account is None:
        remember_verified_phone(request, phone)
        request.session.pop(PENDING_PHONE_KEY, None)
        return redirect(_with_next("accounts:sign_up", request))
    request.session.pop(PENDING_PHONE_KEY, None)
    # Only the holder of the phone gets this far, so saying why is no enumeration.
    if not account.is_active or account.is_locked():
        until = account.locked_until if account.is_active else None
        record(
            SecurityEventKind.PUBLIC_LOGIN_FAILED,
            username=account.masked_phone,
            request=request,
            object_repr=f"accounts.PublicAccount:{account.pk}",
            success=False,
            data={"reason": "inactive" if until is None else "locked"},
            public_actor=True,
        )
        message = (
            "该账号已停用，如有疑问请联系平台管理员。"
            if until is None
            else f"该账号已被暂停使用至 {timezone.localtime(until):%Y-%m-%d %H:%M}。"
        )
        return render(request, "accounts/refused.html", {"message": message}, status=403)
    sign_in(request, account)
    record(
        SecurityEventKind.PUBLIC_LOGIN,
        username=account.masked_phone,
        request=request,
        object_repr=f"accounts.PublicAccount:{account.pk}",
        public_actor=True,
    )
    return redirect(safe_next(request))


def sign_up_view(request: HttpRequest) -> HttpResponse:
    """Step 3, for a phone without an account: a name and the kind of account."""
    phone = verified_phone(request)
    if phone is None:
        messages.info(request, "请先验证手机号码。")
        return redirect(_with_next("accounts:sign_in", request))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                account = PublicAccount.objects.create(
                    phone=phone,
                    display_name=form.cleaned_data["display_name"],
                    kind=form.cleaned_data["kind"],
                )
        except IntegrityError:
            # Signed up in another tab a moment ago: the phone is verified, so sign in.
            return _after_verification(request, phone)
        sign_in(request, account)
        record(
            SecurityEventKind.PUBLIC_SIGNUP,
            username=account.masked_phone,
            request=request,
            object_repr=f"accounts.PublicAccount:{account.pk}",
            data={"kind": account.kind},
            public_actor=True,
        )
        if account.kind == AccountKind.ENTERPRISE:
            messages.info(request, "注册成功。请绑定企业的统一社会信用代码。")
            return redirect("accounts:enterprise")
        messages.info(request, "注册成功。")
        return redirect(safe_next(request))
    return render(
        request,
        "accounts/sign_up.html",
        {"form": form, "masked_phone": mask_phone(phone), "next": safe_next(request, default="")},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    sign_out(request)
    messages.info(request, "您已退出登录。")
    return redirect("portal:home")


@account_required
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {"account": signed_in_account(request)})


@account_required
def enterprise_view(request: HttpRequest) -> HttpResponse:
    account: PublicAccount = signed_in_account(request)
    if not account.is_enterprise:
        return render(
            request,
            "accounts/refused.html",
            {"message": "公民账号不能绑定企业。如需以企业名义办理，请用企业账号注册。"},
            status=403,
        )
    form = BindingForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            account = binding_service.bind_entity(
                account,
                uscc=form.cleaned_data["uscc"],
                representative=form.cleaned_data["representative"],
                request=request,
            )
        except binding_service.BindingRefused as exc:
            error, status = exc.message, 429
        else:
            return redirect("accounts:enterprise")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/enterprise.html",
        {"account": account, "form": form, "error": error},
        status=status,
    )


@account_required
def submissions_view(request: HttpRequest) -> HttpResponse:
    account = signed_in_account(request)
    groups = submissions_for(account)
    return render(
        request,
        "accounts/submissions.html",
        {
            "account": account,
            "groups": groups,
            "empty": not any(g.items for g in groups),
        },
    )
