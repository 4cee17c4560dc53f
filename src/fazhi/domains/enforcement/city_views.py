"""Back-office pages of urban-management matters and hotline work orders: a record's page with
the actions the user's roles allow (each a function of ``city`` / ``hotline``), and the 721
table. Lists, filters and exports are the generic resource screens (``screens.py``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.casework.workflow import TransitionError
from fazhi.core.org.scoping import scoped
from fazhi.shell.office.display import masked

from . import city, hotline
from .city_choices import RESOLVED, OrderState, Resolution, Satisfaction
from .models import HotlineOrder, UrbanMatter
from .workflow import WORKFLOW, PenaltyCaseForm


class ResolveForm(forms.Form):
    how = forms.ChoiceField(
        label="处置方式", choices=[(r.value, r.label) for r in Resolution if r in RESOLVED]
    )
    on = forms.DateField(label="处置日期", initial=timezone.localdate)
    removed = forms.BooleanField(label="已拆除（清除）", required=False)
    note = forms.CharField(label="处置说明", max_length=500, required=False)
    open_case = forms.BooleanField(
        label="执法解决：登记立案线索", required=False, help_text="执法解决的事项须关联执法案件"
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(label="答复内容", widget=forms.Textarea, max_length=5000)
    on = forms.DateField(label="答复日期", initial=timezone.localdate)


class CallbackForm(forms.Form):
    satisfaction = forms.ChoiceField(label="满意度", choices=Satisfaction.choices)
    note = forms.CharField(label="回访情况", max_length=500, required=False)
    on = forms.DateField(label="回访日期", initial=timezone.localdate)


def _refusals(exc: ValidationError) -> list[str]:
    if isinstance(exc, TransitionError):
        return [str(r) for r in exc.refusals]
    return list(exc.messages)


# -- urban-management matters ---------------------------------------------------------------


def _matter(request: HttpRequest, pk: int) -> UrbanMatter:
    qs = scoped(request, UrbanMatter, "view").select_related("department", "region", "case")
    return get_object_or_404(qs, pk=pk)


def _matter_page(request: HttpRequest, matter: UrbanMatter, **extra: Any) -> dict[str, Any]:
    may = (
        matter.resolution == Resolution.PENDING
        and scoped(request, UrbanMatter, "change").filter(pk=matter.pk).exists()
    )
    return {
        "matter": matter,
        "form": extra.pop("form", None) or (ResolveForm() if may else None),
        "refusals": [],
        **extra,
    }


@login_required
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _matter(request, pk)
    return render(request, "enforcement/city/matter_detail.html", _matter_page(request, matter))


@login_required
@require_POST
def matter_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _matter(request, pk)
    if not scoped(request, UrbanMatter, "change").filter(pk=matter.pk).exists():
        context = _matter_page(request, matter, refusals=["只有处置部门的工作人员可以处置本事项"])
        return render(request, "enforcement/city/matter_detail.html", context, status=403)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        context = _matter_page(request, matter, form=form)
        return render(request, "enforcement/city/matter_detail.html", context, status=400)
    data = form.cleaned_data
    try:
        case = None
        if data["how"] == Resolution.ENFORCEMENT and data["open_case"]:
            case = city.open_lead(matter, actor=request.user, on=data["on"])
        city.resolve(
            [matter],
            data["how"],
            actor=request.user,
            on=data["on"],
            removed=data["removed"],
            note=data["note"],
            case=case,
        )
    except ValidationError as exc:
        context = _matter_page(request, matter, form=form, refusals=_refusals(exc))
        return render(request, "enforcement/city/matter_detail.html", context, status=400)
    messages.success(request, "已处置")
    return redirect("enforcement_city:matter_detail", pk=matter.pk)


class BulkResolveForm(forms.Form):
    """A campaign's cleared matters, resolved together by service or management."""

    numbers = forms.CharField(
        label="事项编号", widget=forms.Textarea, max_length=200_000, help_text="每行一个事项编号"
    )
    how = forms.ChoiceField(
        label="处置方式",
        choices=[(r.value, r.label) for r in (Resolution.SERVICE, Resolution.MANAGEMENT)],
    )
    on = forms.DateField(label="处置日期", initial=timezone.localdate)
    removed = forms.BooleanField(label="已拆除（清除）", required=False)
    note = forms.CharField(label="处置说明", max_length=500, required=False)


@login_required
def matters_resolve(request: HttpRequest) -> HttpResponse:
    """批量处置: the matters named by their numbers, among those the user may change."""
    form = BulkResolveForm(request.POST or None)
    refusals: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        numbers = sorted({n.strip() for n in data["numbers"].splitlines() if n.strip()})
        ids = dict(
            scoped(request, UrbanMatter, "change")
            .filter(record_no__in=numbers)
            .values_list("record_no", "pk")
        )
        unknown = [n for n in numbers if n not in ids]
        if unknown:
            refusals.append("找不到或无权处置的事项：" + "、".join(unknown[:50]))
        else:
            try:
                n = city.resolve(
                    ids.values(),
                    data["how"],
                    actor=request.user,
                    on=data["on"],
                    removed=data["removed"],
                    note=data["note"],
                )
            except ValidationError as exc:
                refusals = _refusals(exc)
            else:
                messages.success(request, f"已处置 {n} 个事项")
                return redirect("enforcement_city:matters_resolve")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "refusals": refusals}
    return render(request, "enforcement/city/matters_resolve.html", context, status=status)


@login_required
def shares_view(request: HttpRequest) -> HttpResponse:
    """The 721 shares per department for a year, over the matters the user may see."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    qs = scoped(request, UrbanMatter, "view")
    rows = city.shares_by_department(qs, year)
    total = city.shares(year, qs=qs)
    context = {
        "year": year,
        "rows": rows,
        "total": total,
        **{f"{how}_pct": total.percent(how) for how in ("service", "management", "enforcement")},
    }
    return render(request, "enforcement/city/shares.html", context)


# -- hotline work orders --------------------------------------------------------------------


def _order(request: HttpRequest, pk: int) -> HotlineOrder:
    qs = scoped(request, HotlineOrder, "view").select_related("department", "received_by", "case")
    return get_object_or_404(qs, pk=pk)


def _order_page(request: HttpRequest, order: HotlineOrder, **extra: Any) -> dict[str, Any]:
    user = request.user
    bound = extra.pop("bound", {})
    actions = []
    if order.state in (OrderState.ASSIGNED, OrderState.OVERDUE) and hotline.may_reply(order, user):
        actions.append(("reply", "答复", bound.get("reply") or ReplyForm(prefix="reply")))
    if order.state == OrderState.REPLIED and hotline.may_call_back(order, user):
        actions.append(
            ("callback", "回访", bound.get("callback") or CallbackForm(prefix="callback"))
        )
    creating = {u.pk for u in WORKFLOW.creating_units(user)}
    if order.case_id is None and order.department_id in creating:
        initial = {
            "title": order.subject,
            "facts": order.content,
            "violation_on": order.assigned_on,
        }
        form = bound.get("case") or PenaltyCaseForm(prefix="case", initial=initial)
        actions.append(("case", "登记执法案件线索", form))
    return {
        "order": order,
        "caller_name": masked(order.caller_name, "caller_name"),
        "caller_phone": masked(order.caller_phone, "caller_phone"),
        "actions": actions,
        "open": extra.pop("open", ""),
        "refusals": [],
        **extra,
    }


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    return render(request, "enforcement/city/order_detail.html", _order_page(request, order))


@login_required
@require_POST
def order_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    order = _order(request, pk)
    forms_ = {"reply": ReplyForm, "callback": CallbackForm, "case": PenaltyCaseForm}
    if action not in forms_:
        raise Http404
    form = forms_[action](request.POST, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "reply":
                hotline.reply(order, data["reply"], actor=request.user, on=data["on"])
            elif action == "callback":
                hotline.call_back(
                    order,
                    data["satisfaction"],
                    actor=request.user,
                    note=data["note"],
                    on=data["on"],
                )
            else:
                # register_case validates the creation form itself (its own refusals).
                raw = {
                    k[len("case-") :]: v for k, v in request.POST.items() if k.startswith("case-")
                }
                hotline.open_case(order, raw, actor=request.user, on=timezone.localdate())
        except ValidationError as exc:
            order.refresh_from_db()
            context = _order_page(
                request, order, bound={action: form}, open=action, refusals=_refusals(exc)
            )
            return render(request, "enforcement/city/order_detail.html", context, status=400)
        messages.success(request, "已办理")
        return redirect("enforcement_city:order_detail", pk=order.pk)
    context = _order_page(request, order, bound={action: form}, open=action)
    return render(request, "enforcement/city/order_detail.html", context, status=400)
