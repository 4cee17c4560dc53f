"""The public portal: what the disclosure gate published, per government and department."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from fazhi.core.disclosure.models import Publication, PublicationQuerySet
from fazhi.core.integrity.models import Seal
from fazhi.core.integrity.sealing import STREAMS, published_roots
from fazhi.core.org.display import field_label, field_value
from fazhi.core.org.models import Department, Entity
from fazhi.core.org.scoping import ensure_restricted, scoped
from fazhi.core.org.validators import is_valid_uscc

from .throttle import lookup_allowed


def _publications(request: HttpRequest) -> PublicationQuerySet:
    # Through restrict() itself, not scoped(): current() belongs to the publications' queryset.
    return ensure_restricted(Publication.objects.restrict(request.user, "view")).current()


def home(request: HttpRequest) -> HttpResponse:
    latest = _publications(request).select_related("org_unit")[:20]
    return render(request, "portal/home.html", {"latest": latest})


def department_list(request: HttpRequest) -> HttpResponse:
    departments = scoped(request.user, Department, "view")
    departments = departments.filter(active=True).select_related("parent")
    return render(request, "portal/department_list.html", {"departments": departments})


def department_detail(request: HttpRequest, code: str) -> HttpResponse:
    departments = scoped(request.user, Department, "view")
    department = departments.filter(code=code, active=True).select_related("parent").first()
    if department is None:
        raise Http404("没有这个部门")
    pubs = _publications(request).filter(org_unit=department)[:50]
    return render(
        request, "portal/department_detail.html", {"department": department, "publications": pubs}
    )


def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Withdrawn publications stay reachable by their address and are shown as withdrawn.
    pubs = scoped(request.user, Publication, "view")
    pub = pubs.select_related("org_unit", "withdrawal").filter(pk=pk).first()
    if pub is None:
        raise Http404("没有这条公开记录")
    return render(request, "portal/publication_detail.html", {"pub": pub})


def entity_lookup(request: HttpRequest) -> HttpResponse:
    """Exact lookup by full name or code, rate-limited: never a browsable list of businesses."""
    term = request.GET.get("q", "").strip()
    context: dict[str, object] = {"q": term}
    if term:
        allowed, wait = lookup_allowed(request)
        if not allowed:
            response = render(
                request,
                "portal/entity_lookup.html",
                {**context, "error": f"查询过于频繁，请 {wait} 秒后再试"},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        if len(term) == 18 and term.isalnum():
            if not is_valid_uscc(term.upper()):
                context["error"] = "统一社会信用代码校验不通过，请核对"
            entity = Entity.objects.filter(uscc=term.upper()).first()
        else:
            entity = Entity.objects.filter(name=term).first()
        context["entity"] = entity
        if entity is not None:
            context["fields"] = [
                (field_label(Entity, f), field_value(entity, f)) for f in Entity.public_fields
            ]
    return render(request, "portal/entity_lookup.html", context)


def seal_roots(request: HttpRequest) -> JsonResponse:
    """The published roots as data: keep a copy and check the platform with
    ``fazhi verify all --roots roots.json``."""
    scoped(request.user, Seal, "view")
    return JsonResponse(published_roots(), safe=False, json_dumps_params={"ensure_ascii": False})


def seal_list(request: HttpRequest) -> HttpResponse:
    """The published Merkle roots: anyone can hold the platform to them."""
    seals = scoped(request.user, Seal, "view").order_by("-sealed_at")[:200]
    return render(request, "portal/seal_list.html", {"seals": seals, "streams": STREAMS})
