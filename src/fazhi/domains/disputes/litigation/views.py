"""行政应诉 pages: in the back office, the quarterly appearance bulletins (issue, download) and
the yearly loss rate per department; on the portal, the bulletins as the gate published them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.disclosure.models import Publication
from fazhi.core.org.scoping import ensure_restricted, scoped

from ..models import AppearanceBulletin, LawsuitDefendant
from . import bulletin


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", "") or request.POST.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def _issuers(user: Any) -> list[Any]:
    return [r.org_unit for r in user.role_rows() if bulletin.may_issue(user, r.org_unit)]


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    bulletins = ensure_restricted(scoped(request, AppearanceBulletin, "view")).filter(year=year)
    defendants = ensure_restricted(scoped(request, LawsuitDefendant, "view"))
    return render(
        request,
        "disputes/litigation/bulletin_list.html",
        {
            "year": year,
            "bulletins": bulletins.select_related("issuer", "publication").order_by("quarter"),
            "issuers": _issuers(request.user),
            "quarters": list(enumerate(bulletin.QUARTERS, 1)),
            "loss_rates": bulletin.loss_rates(year, defendants),
        },
    )


@login_required
@require_POST
def bulletin_create(request: HttpRequest) -> HttpResponse:
    issuers = _issuers(request.user)
    if not issuers:
        raise PermissionDenied("负责人出庭应诉情况通报由司法局经办人或负责人印发")
    year = _year(request)
    quarter = request.POST.get("quarter", "")
    if quarter not in ("1", "2", "3", "4"):
        messages.error(request, "季度须为 1 至 4")
        return redirect(f"{reverse('disputes_litigation:bulletin_list')}?year={year}")
    try:
        made = bulletin.issue_bulletin(
            issuers[0], year, int(quarter), actor=request.user, on=timezone.localdate()
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已印发并公开{made}")
    return redirect(f"{reverse('disputes_litigation:bulletin_list')}?year={year}")


@login_required
def bulletin_document(request: HttpRequest, pk: int) -> HttpResponseBase:
    b = ensure_restricted(scoped(request, AppearanceBulletin, "view")).filter(pk=pk).first()
    if b is None or b.document is None:
        raise Http404("没有这份通报")
    doc = b.document
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=f"{doc.title}.docx")


def public_bulletins(request: HttpRequest) -> HttpResponse:
    pubs = ensure_restricted(Publication.objects.restrict(request.user, "view")).current()
    return render(
        request,
        "disputes/litigation/public_bulletins.html",
        {"pubs": pubs.filter(kind=bulletin.KIND).select_related("org_unit")},
    )
