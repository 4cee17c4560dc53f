"""执法公示 pages: on the portal, the officer directories and each department's 一册一单一表 (as
the disclosure gate published them); in the back office, a department's publicity — what should
have been published and was not, lateness — and the buttons that publish the directory and the
lists and make their Word documents."""

from __future__ import annotations

from datetime import date
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

from fazhi.core.casework.workflow import TransitionError
from fazhi.core.disclosure.models import Publication, PublicationQuerySet
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Department, Staff
from fazhi.core.org.scoping import ensure_restricted, scoped, visible_unit_ids

from . import handbook, publicity
from .models import EnforcementCase

SHEET_KINDS = [s.title for s in handbook.SHEETS.values()]


def _current(request: HttpRequest) -> PublicationQuerySet:
    # Through restrict() itself: current() belongs to the publications' queryset.
    return ensure_restricted(Publication.objects.restrict(request.user, "view")).current()


# -- portal -------------------------------------------------------------------------------------


def officer_directory(request: HttpRequest) -> HttpResponse:
    """行政执法人员名录 of every department, as published through the gate."""
    pubs = _current(request).filter(kind=handbook.DIRECTORY_KIND).select_related("org_unit")
    return render(
        request,
        "enforcement/publicity/directory.html",
        {"directories": pubs.order_by("org_unit__code")},
    )


def department_publicity(request: HttpRequest, code: str) -> HttpResponse:
    """A department's 一册一单一表 and directory, as published through the gate."""
    department = scoped(request.user, Department, "view").filter(code=code, active=True).first()
    if department is None:
        raise Http404("没有这个部门")
    pubs = {
        p.kind: p
        for p in _current(request).filter(
            org_unit=department, kind__in=[handbook.DIRECTORY_KIND, *SHEET_KINDS]
        )
    }
    return render(
        request,
        "enforcement/publicity/department.html",
        {
            "department": department,
            "directory": pubs.get(handbook.DIRECTORY_KIND),
            "handbook": pubs.get(handbook.SHEETS["handbook"].title),
            "record_list": pubs.get(handbook.SHEETS["record_list"].title),
            "review_catalog": pubs.get(handbook.SHEETS["review_catalog"].title),
        },
    )


# -- back office --------------------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


@login_required
def office_index(request: HttpRequest) -> HttpResponse:
    """The departments the user sees: decisions owed to the public and not published, and how
    late publications and withdrawals were, for a year."""
    year = _year(request)
    departments = list(
        scoped(request.user, Department, "view").filter(enforces=True).order_by("code")
    )
    missing = publicity.missing_publications(departments, year)
    lateness = publicity.publication_lateness(departments, year)
    changeable = set(visible_unit_ids(request.user, "change"))
    rows = [
        {
            "department": d,
            "missing": missing.get(d.pk, 0),
            "lateness": lateness[d.pk],
            "may_publish": d.pk in changeable,
        }
        for d in departments
    ]
    return render(
        request,
        "enforcement/publicity/office_index.html",
        {"rows": rows, "year": year, "sheets": handbook.SHEETS},
    )


def _changeable(request: HttpRequest, code: str) -> Department:
    # The org tree is public; acting for a department needs a role in it (its own staff).
    department = scoped(request.user, Department, "view").filter(code=code).first()
    if department is None or department.pk not in visible_unit_ids(request.user, "change"):
        raise PermissionDenied("您无权办理该部门的执法公示")
    return department


@login_required
def office_missing(request: HttpRequest, code: str) -> HttpResponse:
    """The decisions of a department owed to the public and not published, handled and
    collected; a collected one is published from here (its own system may not reach the
    portal), a handled one from its case page."""
    department = scoped(request.user, Department, "view").filter(code=code).first()
    if department is None:
        raise Http404("没有这个部门")
    year = _year(request)
    visible = ensure_restricted(scoped(request, EnforcementCase, "view"))
    owed: Any = publicity.required_decisions([department], year, base=visible)
    cases = owed.filter(published=False).select_related("case", "power_item").order_by("decided_on")
    return render(
        request,
        "enforcement/publicity/office_missing.html",
        {
            "department": department,
            "year": year,
            "cases": cases,
            "may_publish": department.pk in visible_unit_ids(request.user, "change"),
        },
    )


@login_required
@require_POST
def office_publish_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a collected decision through the gate, by a clerk of its department."""
    ec = scoped(request, EnforcementCase, "change").select_related("case").filter(pk=pk).first()
    user = request.user
    if ec is None or not isinstance(user, Staff) or not user.has_role(Role.CLERK):
        raise PermissionDenied("您无权公开该处罚决定")
    owner = ec.case.owner_unit()
    if owner is None:
        raise Http404("本案没有承办机关")
    try:
        publicity.publish_decision(ec.case, actor=request.user, on=timezone.localdate())
    except TransitionError as exc:
        messages.error(request, "；".join(str(r) for r in exc.refusals))
    else:
        messages.success(request, f"已通过公开关口公开 {ec.decision_no or ec.case.number}")
    url = reverse("enforcement_publicity:decision_list", args=[owner.code])
    return redirect(f"{url}?year={ec.decided_on.year if ec.decided_on else ''}")


@login_required
@require_POST
def office_publish(request: HttpRequest, code: str) -> HttpResponse:
    department = _changeable(request, code)
    handbook.publish_all(department, actor=request.user, on=timezone.localdate())
    messages.success(request, f"已通过公开关口发布{department.name}的执法人员名录和一册一单一表")
    return redirect("enforcement_publicity:index")


@login_required
@require_POST
def office_sheet(request: HttpRequest, code: str, name: str) -> HttpResponseBase:
    if name not in handbook.SHEETS:
        raise Http404("没有这种清单")
    department = _changeable(request, code)
    on: date = timezone.localdate()
    doc = handbook.generate_sheet(name, department, actor=request.user, on=on)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=f"{doc.title}.docx")
