"""The portal's reconsideration pages for a signed-in public account (accounts verified by
phone): apply online (行政复议法 第二十二条第二款), then follow the case under 我的办件, and read
the respondent's reply and evidence once the body grants 阅卷 (第四十七条), each download logged."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.accounts.session import account_required, signed_in_account
from fazhi.core.casework.workflow import TransitionError

from . import access, intake
from .party_choices import AccessMode


@account_required
def apply(request: HttpRequest) -> HttpResponse:
    account = signed_in_account(request)
    form = intake.OnlineForm(request.POST or None, initial={"applicant_name": account.display_name})
    refusals: list = []
    if request.method == "POST" and form.is_valid():
        try:
            intake.apply_online(account, form.cleaned_data, on=timezone.localdate())
        except TransitionError as exc:
            refusals = exc.refusals
        else:
            messages.success(request, "行政复议申请已提交，可在“我的办件”中查看办理进度")
            return redirect("accounts:submissions")
    return render(
        request,
        "disputes/apply.html",
        {"form": form, "refusals": refusals},
        status=400 if request.method == "POST" else 200,
    )


@account_required
def files(request: HttpRequest, pk: int) -> HttpResponse:
    granted = access.granted_for_account(signed_in_account(request), pk)
    if granted is None:
        raise Http404("没有已获同意的阅卷申请")
    documents = access.readable_documents(granted.case)
    return render(request, "disputes/files.html", {"case": granted.case, "documents": documents})


@account_required
def file_download(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    account = signed_in_account(request)
    granted = access.granted_for_account(account, pk)
    document = None
    if granted is not None:
        document = access.readable_documents(granted.case).filter(pk=doc).first()
    if granted is None or document is None:
        raise Http404
    access.log_access(
        granted,
        mode=AccessMode.ONLINE,
        documents=[document],
        on=timezone.localdate(),
        account=account,
    )
    name = document.file.name
    suffix = name.rsplit(".", 1)[-1] if "." in name else "bin"
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=f"{document.title}.{suffix}"
    )
    return response  # type: ignore[return-value]  # account_required's views return responses
