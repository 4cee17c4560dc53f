"""The portal's reconsideration pages: decisions and typical cases as the disclosure gate
published them, and the committee's documents of procedure with their versions."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.disclosure.models import Publication
from fazhi.core.org.scoping import ensure_restricted, scoped

from . import publicity, typical
from .models import CommitteeRule, CommitteeRuleVersion


def _current(request: HttpRequest, kind: str) -> object:
    return (
        ensure_restricted(Publication.objects.restrict(request.user, "view"))
        .current()
        .filter(kind=kind)
        .select_related("org_unit")
        .order_by("-published_on", "-pk")
    )


def decision_list(request: HttpRequest) -> HttpResponse:
    """行政复议决定书公开 (行政复议法 第七十九条): only what was served and then published."""
    return render(
        request,
        "disputes/portal/decision_list.html",
        {"pubs": _current(request, publicity.KIND)},
    )


def compilation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "disputes/portal/compilation_list.html",
        {"pubs": _current(request, typical.KIND)},
    )


def rule_list(request: HttpRequest) -> HttpResponse:
    rules = scoped(request, CommitteeRule, "view").select_related("owner").order_by("owner", "pk")
    rows = [(rule, rule.current()) for rule in rules]
    return render(request, "disputes/portal/rule_list.html", {"rows": rows})


def rule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rule = scoped(request, CommitteeRule, "view").filter(pk=pk).first()
    if rule is None:
        raise Http404("没有这项制度")
    versions = scoped(request, CommitteeRuleVersion, "view").filter(rule=rule).order_by("-number")
    return render(
        request,
        "disputes/portal/rule_detail.html",
        {"rule": rule, "versions": versions, "current": rule.current()},
    )
