"""The credit screens of the back office (/office/credit/): the lookup of an entity by its
统一社会信用代码 (its records the user may see, and the joint measures that apply, with their
reasons and bases), and a department's entry of credit information it recognised itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core.org.choices import Role
from fazhi.core.org.scoping import scoped

from . import measures, records
from .forms import EntryForm
from .models import CreditRecord, RepairRequest
from .repair import KIND as REPAIR_KIND


def _date(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return timezone.localdate()


@login_required
def lookup(request: HttpRequest) -> HttpResponse:
    from fazhi.core.org.models import Entity

    code = (request.GET.get("uscc") or "").strip().upper()
    on = _date(request.GET.get("on"))
    entity = scoped(request.user, Entity).filter(uscc=code).first() if code else None
    context: dict[str, object] = {"code": code, "on": on, "entity": entity}
    if entity is not None:
        found = measures.applicable(entity, on)
        context.update(
            records=scoped(request.user, CreditRecord)
            .filter(entity=entity)
            .select_related("department"),
            measures=found,
            factor=measures.ratio_factor(found),
            risk_class=measures.risk_class(entity, on),
            notify_commit=measures.notify_commit(found),
        )
    context["repairs"] = scoped(request.user, RepairRequest).select_related(
        "case", "record__entity"
    )[:20]
    user: Any = request.user
    context["can_register"] = any(r.role == Role.CLERK for r in user.role_rows())
    context["repair_kind"] = REPAIR_KIND
    return render(request, "credit/office/lookup.html", context)


@login_required
def entry(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    units = [r.org_unit for r in user.role_rows() if r.role == Role.CLERK]
    if not units:
        raise Http404("只有部门经办人可以登记信用信息")
    form = EntryForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = records.record_entry(
                department=data["department"],
                entity=data["uscc"],
                source_kind=data["source_kind"],
                severity=data.get("severity") or "",
                recognised_on=data["recognised_on"],
                document_no=data["document_no"],
                summary=data["summary"],
                basis=data["basis"],
                valid_until=data.get("valid_until"),
                actor=request.user,
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记并公示信用记录（编号 {record.pk}）")
            return redirect(f"{reverse('credit_office:lookup')}?uscc={record.entity.uscc}")
    return render(
        request,
        "credit/office/entry.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
