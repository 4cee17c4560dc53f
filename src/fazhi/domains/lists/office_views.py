"""Correcting the lists by hand in the back office (/office/lists/).

A clerk finds an entry of their department, records a change to it (one of the actions
``ALLOWED_ACTIONS`` permits, with its reason and effective date), opens a new entry as a draft or
published, and publishes a draft. Every write goes through ``lists.services``; the request's
audit context (django-auditlog) names the clerk on each row written.

Reading goes through ``restrict(user, "view")`` (published entries, and drafts of the own
department and those it supervises); writing needs the entry in ``restrict(user, "change")`` —
a supervisor sees but does not change, a clerk changes only their own department's entries.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.org.scoping import Action, scoped, visible_unit_ids

from . import services
from .choices import ALLOWED_ACTIONS, ListAction, ListState
from .forms import ACTION_ORDER, add_service_error, change_form, create_form, department_choices
from .models import (
    CatalogItem,
    DiscretionBenchmarkVersion,
    DiscretionTier,
    ItemVersion,
    NoPenaltyItem,
)
from .queries import (
    LISTS,
    PAGE_SIZE,
    PortalList,
    describe_condition,
    factors_for,
    field_label,
    page_of,
    show,
    spec_for,
    version_field_names,
)

STATE_FILTERS = [("", "全部"), *((str(v), str(label)) for v, label in ListState.choices)]


def _items(request: HttpRequest, spec: PortalList, action: Action = "view") -> models.QuerySet:
    return scoped(request.user, spec.model, action)


def _versions(request: HttpRequest, spec: PortalList, action: Action = "view") -> models.QuerySet:
    return scoped(request.user, spec.version_model, action)


def _visible_item(request: HttpRequest, spec: PortalList, code: str) -> CatalogItem:
    item = _items(request, spec).filter(code=code).select_related("department").first()
    if item is None:
        raise Http404("没有这个事项")
    return item


def _changeable_item(request: HttpRequest, spec: PortalList, code: str) -> CatalogItem:
    """The entry, if the user may change it: 404 when they cannot see it, 403 when they may see
    it but it is not their department's."""
    item = _items(request, spec, "change").filter(code=code).select_related("department").first()
    if item is None:
        _visible_item(request, spec, code)
        raise PermissionDenied("只有该事项实施部门的经办人员可以修改")
    return item


def _open_version(request: HttpRequest, spec: PortalList, item: CatalogItem) -> ItemVersion:
    version = (
        _versions(request, spec, "change")
        .filter(item=item, valid_to__isnull=True)
        .select_related("department")
        .first()
    )
    if version is None:
        raise Http404("该事项没有现行版本")
    return version


def _detail_url(spec: PortalList, item: CatalogItem) -> str:
    return reverse("lists_office:entry_detail", args=[spec.key, item.code])


def _can_create(request: HttpRequest) -> bool:
    return bool(visible_unit_ids(request.user, "change"))


# ---------------------------------------------------------------------------------------------
# Finding entries


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The lists, each with the user's own counts, a search box and "新增"."""
    own = visible_unit_ids(request.user, "change")
    cards = []
    for spec in LISTS.values():
        counts = dict(
            _items(request, spec)
            .filter(department_id__in=own)
            .order_by()
            .values_list("state")
            .annotate(n=models.Count("id"))
        )
        cards.append((spec, [(label, counts.get(v, 0)) for v, label in ListState.choices]))
    return render(
        request,
        "lists/office/index.html",
        {"cards": cards, "can_create": bool(own), "has_own": bool(own)},
    )


@login_required
def entry_list(request: HttpRequest, key: str) -> HttpResponse:
    """Staff search of one list: by code (ours or the province's) or name; drafts included."""
    spec = spec_for(key)
    q = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("state", "")
    mine = request.GET.get("mine") == "1"
    items = _items(request, spec).select_related("department")
    if q:
        items = items.filter(
            models.Q(code__icontains=q) | models.Q(catalog_code=q) | models.Q(name__icontains=q)
        )
    if state in ListState.values:
        items = items.filter(state=state)
    if mine:
        items = items.filter(department_id__in=visible_unit_ids(request.user, "change"))
    page = page_of(request, items.order_by("code"))
    params = {"q": q, "state": state, "mine": "1" if mine else ""}
    return render(
        request,
        "lists/office/entry_list.html",
        {
            "spec": spec,
            "page": page,
            "q": q,
            "state": state,
            "mine": mine,
            "states": STATE_FILTERS,
            "page_params": urlencode({k: v for k, v in params.items() if v}),
            "can_create": _can_create(request),
            "page_size": PAGE_SIZE,
        },
    )


@login_required
def entry_detail(request: HttpRequest, key: str, code: str) -> HttpResponse:
    """The entry for staff: its open version, the whole history it may see, and the buttons."""
    spec = spec_for(key)
    item = _visible_item(request, spec, code)
    history = list(
        _versions(request, spec)
        .filter(item=item)
        .select_related("department", "recorded_by", "transferred_from__department")
        .order_by("valid_from", "id")
    )
    current = next((v for v in reversed(history) if v.valid_to is None), None)
    factors = factors_for(request) if spec.model is NoPenaltyItem else None
    fields = (
        [
            (field_label(spec.version_model, n), show(current, n, factors))
            for n in version_field_names(spec)
        ]
        if current is not None
        else []
    )
    tiers: list[tuple[DiscretionTier, list[str]]] = []
    if isinstance(current, DiscretionBenchmarkVersion):
        factors = factors_for(request)
        rows = scoped(request.user, DiscretionTier, "view")
        tiers = [
            (t, [describe_condition(c, factors) for c in t.conditions or []])
            for t in rows.filter(version=current).order_by("order")
        ]
    can_change = _items(request, spec, "change").filter(pk=item.pk).exists()
    state = current.state if current is not None else ListState.CANCELLED
    return render(
        request,
        "lists/office/entry_detail.html",
        {
            "spec": spec,
            "item": item,
            "current": current,
            "fields": fields,
            "tiers": tiers,
            "history": history,
            "can_change": can_change and bool(ALLOWED_ACTIONS[state]),
            "can_publish": can_change and state == ListState.DRAFT,
            "allowed": [ListAction(a).label for a in ACTION_ORDER if a in ALLOWED_ACTIONS[state]],
            "public_url": spec.url("detail", item.code) if item.state != ListState.DRAFT else "",
            "today": timezone.localdate(),
        },
    )


# ---------------------------------------------------------------------------------------------
# Writing


@login_required
def entry_change(request: HttpRequest, key: str, code: str) -> HttpResponse:
    """记录变更: a new version by one action, with only the fields that differ as changes."""
    spec = spec_for(key)
    item = _changeable_item(request, spec, code)
    current = _open_version(request, spec, item)
    own = visible_unit_ids(request.user, "change")
    departments = {current.department_id, *own}
    data = request.POST if request.method == "POST" else None
    form: Any = change_form(
        spec.model, data, user=request.user, current=current, departments=departments
    )
    if len(form.fields["action"].choices) <= 1:
        state = ListState(current.state).label
        messages.error(request, f"“{state}”状态的事项不能再记录变更")
        return redirect(_detail_url(spec, item))
    if data is not None and form.is_valid():
        cd = form.cleaned_data
        action = cd["action"]
        try:
            with transaction.atomic():
                version = services.record(
                    item,
                    action,
                    valid_from=cd["valid_from"],
                    reason=cd["reason"],
                    actor=request.user,
                    changes=form.changes(),
                    department=cd.get("department") if action == ListAction.TRANSFER else None,
                )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            label = ListAction(action).label
            text = f"已记录“{label}”：{item.code}，自 {version.valid_from.isoformat()} 起生效"
            if action == ListAction.TRANSFER:
                text += f"，划转至{version.department.name}"
            messages.success(request, text + "。")
            return redirect(_detail_url(spec, item))
    return render(
        request,
        "lists/office/entry_form.html",
        {
            "spec": spec,
            "item": item,
            "current": current,
            "form": form,
            "is_draft": current.state == ListState.DRAFT,
            "title": f"记录变更：{current.name}",
        },
    )


@login_required
def entry_create(request: HttpRequest, key: str) -> HttpResponse:
    """新增: an entry opened in one of the user's departments, as a draft or published."""
    spec = spec_for(key)
    if not department_choices(request.user).exists():
        raise PermissionDenied("您没有可以新增清单事项的部门")
    data = request.POST if request.method == "POST" else None
    form: Any = create_form(spec.model, data, user=request.user)
    if data is not None and form.is_valid():
        cd = form.cleaned_data
        try:
            item = services.create_item(
                spec.model,
                department=cd["department"],
                valid_from=cd["valid_from"],
                fields=form.content_values(),
                reason=cd["reason"],
                actor=request.user,
                catalog_code=cd["catalog_code"],
                draft=not cd["publish"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            how = "已发布" if cd["publish"] else "已保存为草稿"
            messages.success(request, f"{how}：{item.code} {item.name}。")
            return redirect(_detail_url(spec, item))
    return render(
        request,
        "lists/office/entry_form.html",
        {"spec": spec, "form": form, "title": f"新增{spec.model._meta.verbose_name}"},
    )


@login_required
@require_POST
def entry_publish(request: HttpRequest, key: str, code: str) -> HttpResponse:
    """发布: the draft becomes the list's entry in force."""
    spec = spec_for(key)
    item = _changeable_item(request, spec, code)
    try:
        services.publish_draft(item, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已发布：{item.code} {item.name}。")
    return redirect(_detail_url(spec, item))
