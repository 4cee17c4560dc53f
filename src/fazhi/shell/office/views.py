"""The staff back office (/office/): workbench, deadline calculator and the scoped screens."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.casework.workbench import mark_read, workbench
from fazhi.core.clock.periods import Period, Unit, compute
from fazhi.core.intake.xlsx import write_xlsx
from fazhi.core.integrity.audit import record_unmasked_view
from fazhi.core.org.choices import UNMASKED_ROLES
from fazhi.core.org.filtersets import FilterError
from fazhi.core.org.scoping import scope_q, scoped

from . import resources
from .base import ScopedDetailView, ScopedListView
from .cases import creatable
from .display import field_value, masked


class LoginView(auth_views.LoginView):
    template_name = "office/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The workbench (工作台): what awaits this person across every kind of case."""
    user = request.user
    today = timezone.localdate()
    return render(
        request,
        "office/home.html",
        {
            "roles": user.role_rows(),  # type: ignore[union-attr]
            "bench": workbench(user, today),
            "creatable": creatable(user),
            "resources": [r for r in resources.REGISTRY.values()],
            "units": Unit.choices,
            "unit": Unit.WORKDAYS,
            "today": today,
        },
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (``id``) or all of them read."""
    raw = request.POST.get("id", "")
    ids = [int(raw)] if raw.isdigit() else None
    mark_read(request.user, ids)
    return redirect("office:home")


@login_required
def clock_calculator(request: HttpRequest) -> HttpResponse:
    """The deadline calculator: start date + amount + unit → due date with its explanation."""
    context: dict[str, Any] = {"units": Unit.choices}
    errors: list[str] = []
    start_raw = request.GET.get("start", "")
    amount_raw = request.GET.get("amount", "")
    unit_raw = request.GET.get("unit", Unit.WORKDAYS)
    if start_raw or amount_raw:
        try:
            start = date.fromisoformat(start_raw)
        except ValueError:
            errors.append("起算日格式应为 YYYY-MM-DD")
        try:
            amount = int(amount_raw)
            if amount <= 0 or amount > 10000:
                raise ValueError
        except ValueError:
            errors.append("期间应为 1 至 10000 之间的整数")
        if unit_raw not in Unit.values:
            errors.append("请选择期间单位")
        if not errors:
            try:
                result = compute(start, Period(amount, Unit(unit_raw), "员工计算器"))
            except ValueError as exc:  # e.g. beyond the calendar's span
                errors.append(f"无法计算：{exc}")
            else:
                context["result"] = result
                context["lines"] = result.explain()
    context.update({"errors": errors, "start": start_raw, "amount": amount_raw, "unit": unit_raw})
    template = "office/_clock_result.html" if request.htmx else "office/clock.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def may_unmask(user: Any, obj: models.Model) -> bool:
    """Full personal data only for a role that needs it, held in the unit that owns the record
    (a role held elsewhere does not count)."""
    units = sorted({r.org_unit_id for r in user.role_rows() if r.role in UNMASKED_ROLES})
    scope = getattr(type(obj), "scope", None)
    if not units or scope is None or scope.custom is not None:
        return False
    if scope.kind not in ("owner", "participants"):
        return False
    # The same rule that scopes the record, applied to those units only ("change": a personal
    # assignment never unmasks).
    rule = scope_q(type(obj), scope, user, "change", units=units)
    return type(obj)._default_manager.filter(pk=obj.pk).filter(rule).exists()


def _resource(slug: str) -> resources.Resource:
    try:
        return resources.get(slug)
    except KeyError as exc:
        raise Http404 from exc


def _display(obj: models.Model, name: str, res: resources.Resource, reveal: bool) -> Any:
    value = field_value(obj, name)
    if name in res.sensitive_fields and not reveal:
        return masked(value, name)
    return value


def _apply_filters(
    qs: models.QuerySet, res: resources.Resource, request: HttpRequest
) -> models.QuerySet:
    term = request.GET.get("q", "").strip()
    if term and res.search_fields:
        qs = qs.filter(res.search_q(term))
    elif res.exact_search and not term:
        # Exact-lookup resources are never browsable as a list.
        qs = qs.none()
    return res.filter(qs, request)


class ResourceListView(ScopedListView):
    template_name = "office/resource_list.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.res = _resource(kwargs["slug"])
        self.model = self.res.model
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> models.QuerySet:
        qs = super().get_queryset().select_related(*self.res.select_related)
        return _apply_filters(qs, self.res, self.request).order_by(*self.res.ordering)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().get(request, *args, **kwargs)
        except FilterError as exc:
            return _invalid_filters(self, exc)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        res = self.res
        ctx["res"] = res
        ctx["headers"] = [res.field_label(f) for f in res.list_fields]
        ctx["rows"] = [
            (obj.pk, [_display(obj, f, res, False) for f in res.list_fields])
            for obj in ctx["object_list"]
        ]
        ctx["filters"] = [(f, res.field_label(f)) for f in res.filter_fields]
        ctx["filter_errors"] = kwargs.get("filter_errors", [])
        ctx["q"] = self.request.GET.get("q", "")
        return ctx


def _invalid_filters(view: ResourceListView, exc: FilterError) -> HttpResponse:
    """The list page again, empty, with what was wrong with the filters (HTTP 400)."""
    view.object_list = view.res.model._default_manager.none()
    ctx = view.get_context_data(filter_errors=exc.messages)
    return view.render_to_response(ctx, status=400)


class ResourceDetailView(ScopedDetailView):
    template_name = "office/resource_detail.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.get(request, *args, **kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.res = _resource(kwargs["slug"])
        self.model = self.res.model
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        res, obj, user = self.res, self.object, self.request.user
        names = list(res.detail_fields or [f.name for f in res.model._meta.concrete_fields])
        # Revealing is a POST (with its CSRF token): a link on another site cannot make a
        # signed-in clerk's browser create audit entries in their name.
        reveal = (
            self.request.method == "POST"
            and self.request.POST.get("reveal") == "1"
            and bool(res.sensitive_fields)
            and may_unmask(user, obj)
        )
        if reveal:
            record_unmasked_view(user, obj, list(res.sensitive_fields), self.request)
        ctx.update(
            res=res,
            fields=[(res.field_label(n), _display(obj, n, res, reveal)) for n in names],
            can_reveal=bool(res.sensitive_fields) and not reveal,
        )
        return ctx


@login_required
def resource_export(request: HttpRequest, slug: str) -> HttpResponse:
    res = _resource(slug)
    qs = scoped(request, res.model, "view")
    try:
        qs = _apply_filters(qs.select_related(*res.select_related), res, request)
    except FilterError:
        # The list page shows the messages (and answers 400 the same way).
        return cast(HttpResponse, ResourceListView.as_view()(request, slug=slug))
    qs = qs.order_by(*res.ordering)
    rows = ([_display(o, f, res, False) for f in res.list_fields] for o in qs[:100000])
    data = write_xlsx(res.label, [res.field_label(f) for f in res.list_fields], rows)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"{res.slug}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def resource_picker(request: HttpRequest, slug: str) -> JsonResponse:
    """Foreign-key picker: options matching ``q`` among the records the user may see."""
    res = _resource(slug)
    qs = scoped(request, res.model, "view")
    term = request.GET.get("q", "").strip()
    qs = (
        qs.filter(res.search_q(term))
        if term and res.search_fields
        else (qs.none() if res.exact_search else qs)
    )
    return JsonResponse(
        {"results": [{"id": o.pk, "text": str(o)} for o in qs.order_by(*res.ordering)[:20]]}
    )


@login_required
def resource_choices(request: HttpRequest, slug: str) -> HttpResponse:
    """Filter choices for one field: only values present in the records the user may see."""
    res = _resource(slug)
    name = request.GET.get("field", "")
    if name not in res.filter_fields:
        raise Http404
    qs = scoped(request, res.model, "view")
    try:
        field = res.model._meta.get_field(name.split("__")[0])
    except FieldDoesNotExist as exc:
        raise Http404 from exc
    values = qs.order_by().values_list(name, flat=True).distinct()[:500]
    results = []
    if field.is_relation:
        manager = field.related_model._default_manager  # type: ignore[union-attr]
        related = manager.restrict(request.user) if hasattr(manager, "restrict") else manager
        related = related.filter(pk__in=list(values))
        results = [{"id": res.filter_value(name, o), "text": str(o)} for o in related]
    else:
        labels = dict(getattr(field, "choices", None) or [])
        results = [{"id": v, "text": str(labels.get(v, v))} for v in values]
    if request.htmx:  # type: ignore[attr-defined]
        selected = request.GET.get("selected", "")
        return render(request, "office/_options.html", {"results": results, "selected": selected})
    return JsonResponse({"results": results})
