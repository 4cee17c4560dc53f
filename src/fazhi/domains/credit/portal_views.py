"""The portal's credit pages for an enterprise account with a verified binding: its own credit
records and the joint measures that apply to it (with their reasons and bases), and the credit
repair request for one of its records, followed under 我的办件."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.accounts.session import account_required, signed_in_account
from fazhi.core.casework.workflow import TransitionError

from . import measures, repair
from .models import CreditRecord, RepairRequest


@account_required(acts_for_entity=True)
def mine(request: HttpRequest) -> HttpResponse:
    account = signed_in_account(request)
    entity_id = account.entity_id
    if entity_id is None:  # acts_for_entity guarantees one
        raise Http404("该账号未绑定市场主体")
    today = timezone.localdate()
    # The entity's own records (its account acts for it): those of its entity only.
    rows = (
        CreditRecord.objects.filter(entity_id=entity_id)
        .select_related("department")
        .order_by("-recognised_on", "-pk")
    )
    found = measures.applicable(entity_id, today)
    requests = RepairRequest.objects.filter(account=account).select_related("case", "record")
    return render(
        request,
        "credit/portal/mine.html",
        {
            "records": rows,
            "measures": found,
            "factor": measures.ratio_factor(found),
            "requests": requests,
            "today": today,
        },
    )


@account_required(acts_for_entity=True)
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    account = signed_in_account(request)
    if account.entity_id is None:
        raise Http404("该账号未绑定市场主体")
    record = (
        CreditRecord.objects.filter(pk=pk, entity_id=account.entity_id)
        .select_related("entity", "department")
        .first()
    )
    if record is None:
        raise Http404("没有这条本企业的信用记录")
    form = repair.OnlineForm(request.POST or None, request.FILES or None)
    refusals: list = []
    if request.method == "POST" and form.is_valid():
        try:
            repair.file_online(account, record, form.cleaned_data, on=timezone.localdate())
        except TransitionError as exc:
            refusals = exc.refusals
        else:
            messages.success(request, "信用修复申请已提交认定单位，可在“我的办件”中查看办理进度")
            return redirect("accounts:submissions")
    return render(
        request,
        "credit/portal/apply.html",
        {"form": form, "record": record, "refusals": refusals},
        status=400 if request.method == "POST" else 200,
    )
